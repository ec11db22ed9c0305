import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyze } from "../../analyze.js";

const here = dirname(fileURLToPath(import.meta.url));
const text = readFileSync(join(here, "fixtures", "wire-talks.txt"), "utf8");
const doc = analyze({ id: "wire-talks", text, title: null, url: null, outlet: null, published: "2023-05-02", origin: "fixture" });
const quotes = doc.quotes.map((q) => ({ ...q, text: text.slice(q.span.start, q.span.end), last: (q.speaker ?? "").split(" ").pop() }));
const find = (start: string) => quotes.find((q) => q.text.startsWith(start));

describe("wire-talks.txt", () => {
  it("a quote over three paragraphs keeps its speaker", () => {
    for (const s of ["We have come here", "The country is waiting", "Nobody wants another decade"]) {
      expect(find(s)?.last, s).toBe("Patiño");
      expect(find(s)?.direct).toBe(true);
    }
  });
  it("said in a statement: “…”", () => {
    expect(find("The talks must address")?.last).toBe("Beltrán");
  });
  it("a body's statement is reported speech of the body", () => {
    expect(find("the next round would take place")?.speaker).toMatch(/Foreign Ministry/);
  });
  it("an anonymous source that told Reuters", () => {
    expect(find("the guarantor countries had offered")?.speaker).toBe("senior diplomat");
  });
  it("a partial quote inside a reported clause is covered by it", () => {
    const q = find("the army would keep up operations");
    expect(q?.last).toBe("Velásquez");
    expect(quotes.some((x) => x.text.startsWith("until a ceasefire"))).toBe(false);
  });
  it("he added resolves to the last person speaking", () => {
    expect(find("It's a historic opportunity")?.last).toBe("Velásquez");
  });
  it("a name in apposition is the speaker", () => {
    expect(find("Civilians continue to pay")?.last).toBe("Goebertus");
  });
  it("no quote from the sentence about 2016 and 2019", () => {
    expect(quotes.some((q) => /car bomb/.test(q.text))).toBe(false);
  });
  it("the captured rebels are a figure of category other", () => {
    expect(doc.figures.map((f) => `${f.value} ${f.category}`)).toContain("14 other");
  });
});
