import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ArticleRecord, FigureCategory, Qualifier } from "../core/types.js";
import { goldToRecord, readGold } from "../eval/gold.js";
import { FigureSeriesIndex, interval, quantityKey } from "./figures.js";

type Fig = ArticleRecord["figures"][number];

function fig(text: string, evidence: string, what: string, value: number, qualifier: Qualifier, category: FigureCategory, as_of: string | null, attributed_to: string | null = null): Fig {
  const start = text.indexOf(evidence);
  if (start < 0) throw new Error("fixture: evidence not in text");
  return { what, value, qualifier, unit: "people", category, as_of, attributed_to, evidence, span: { start, end: start + evidence.length, text: evidence }, rule: "test" };
}

const T1 = "At least 368,000 Ukrainians have fled the country, the UN refugee agency said.";
const T2 = "More than half a million people have fled Ukraine, a UN official said on Tuesday.";
const T3 = "More than 500,000 people crossed from Ukraine into Poland. The agency expects up to 4 million may flee Ukraine.";

describe("FigureSeriesIndex", () => {
  it("puts '368,000 fled' on 28 Feb and 'more than half a million' on 1 Mar into one series, in date order", () => {
    const idx = new FigureSeriesIndex();
    const [a] = idx.add({ id: "a", outlet: "alpha.example", figures: [fig(T1, "At least 368,000 Ukrainians have fled the country", "Ukrainians who fled the country", 368000, "at least", "displaced", "2022-02-28", "UNHCR")] });
    const [b] = idx.add({ id: "b", outlet: "beta.example", figures: [fig(T2, "More than half a million people have fled Ukraine", "people who fled Ukraine", 500000, "more than", "displaced", "2022-03-01")] });
    expect(b).toBe(a);
    const s = idx.get(a!)!;
    expect(s.points.map((p) => [p.as_of, p.value, p.qualifier])).toEqual([
      ["2022-02-28", 368000, "at least"],
      ["2022-03-01", 500000, "more than"],
    ]);
    expect(s.key).toEqual(["UKR"]);
    expect(s.contradictions).toEqual([]);
    for (const p of s.points) for (const o of p.observations) expect(o.evidence.text.length).toBeGreaterThan(0);
  });

  it("keeps another population, a projection and another category in their own series", () => {
    const idx = new FigureSeriesIndex();
    const [fled] = idx.add({ id: "b", outlet: "beta.example", figures: [fig(T2, "More than half a million people have fled Ukraine", "people who fled Ukraine", 500000, "more than", "displaced", "2022-03-01")] });
    const [poland, projection] = idx.add({
      id: "c",
      outlet: "gamma.example",
      figures: [
        fig(T3, "More than 500,000 people crossed from Ukraine into Poland", "people who crossed from Ukraine into Poland", 500000, "more than", "displaced", "2022-03-01"),
        fig(T3, "up to 4 million may flee Ukraine", "people who may flee Ukraine", 4000000, "up to", "displaced", "2022-03-01"),
      ],
    });
    const [killed] = idx.add({ id: "d", outlet: "delta.example", figures: [fig(T2, "half a million people", "people killed in Ukraine", 500000, "exactly", "killed", "2022-03-01")] });
    expect(new Set([fled, poland, projection, killed]).size).toBe(4);
    expect(quantityKey("people who may flee Ukraine").terms).toContain("(projection)");
  });

  it("flags figures of one date that cannot both hold given their qualifiers, and only those", () => {
    const idx = new FigureSeriesIndex();
    const text = "902 civilians were killed. 847 civilians were killed. At least 902 civilians were killed.";
    idx.add({ id: "a", outlet: "alpha.example", figures: [fig(text, "902 civilians were killed", "civilians killed", 902, "exactly", "killed", "2022-03-19")] });
    idx.add({ id: "b", outlet: "beta.example", figures: [fig(text, "At least 902 civilians were killed", "civilians killed", 902, "at least", "killed", "2022-03-19")] });
    const [id] = idx.add({ id: "c", outlet: "gamma.example", figures: [fig(text, "847 civilians were killed", "civilians killed", 847, "exactly", "killed", "2022-03-19")] });
    const s = idx.get(id!)!;
    expect(s.points).toHaveLength(1);
    expect(s.points[0]!.sources).toBe(3);
    // 902 vs 847: contradiction; at least 902 vs 847: contradiction; 902 vs at least 902: fine
    expect(s.contradictions.map((c) => [c.a.value, c.b.value].sort().join("/"))).toEqual(["847/902", "847/902"]);
    expect(s.contradictions[0]!.why).toMatch(/cannot both hold on 2022-03-19/);
  });

  it("reads qualifiers as intervals; a round 'exact' number is a rounding", () => {
    expect(interval(368000, "at least")).toEqual([368000, Infinity]);
    expect(interval(100, "up to")).toEqual([0, 100]);
    const million = interval(1_000_000, "exactly");
    expect(million[0] <= 1_002_860 && 1_002_860 <= million[1]).toBe(true);
    expect(interval(1_002_860, "exactly")).toEqual([1_002_860, 1_002_860]);
    expect(interval(10, "exactly", 20)).toEqual([10, 20]);
  });

  it("serialises and keeps adding to the same series after a restore", () => {
    const idx = new FigureSeriesIndex();
    const [a] = idx.add({ id: "a", outlet: "alpha.example", figures: [fig(T1, "At least 368,000 Ukrainians have fled the country", "Ukrainians who fled the country", 368000, "at least", "displaced", "2022-02-28")] });
    const back = FigureSeriesIndex.fromJSON(JSON.parse(JSON.stringify(idx.toJSON())));
    const [b] = back.add({ id: "b", outlet: "beta.example", figures: [fig(T2, "More than half a million people have fled Ukraine", "people who fled Ukraine", 500000, "more than", "displaced", "2022-03-01")] });
    expect(b).toBe(a);
    expect(back.get(a!)!.points).toHaveLength(2);
  });

  it("over the gold dev + seeds figures: one refugee series from 27 Feb to 8 Mar, one civilian death toll series", async () => {
    const CORPUS = join(import.meta.dirname, "..", "..", "..", "shared", "corpus");
    const entries = await readGold([join(CORPUS, "dev"), join(CORPUS, "seeds")]);
    const idx = new FigureSeriesIndex();
    for (const e of entries) idx.add({ id: e.gold.id, outlet: e.gold.outlet ?? null, figures: goldToRecord(e.gold).figures });
    const fled = idx.list().find((s) => s.category === "displaced" && s.key.join() === "UKR")!;
    const dates = fled.points.map((p) => p.as_of);
    expect(dates[0]).toBe("2022-02-27");
    expect(dates).toEqual(expect.arrayContaining(["2022-02-28", "2022-03-03", "2022-03-08"]));
    expect(fled.points.find((p) => p.as_of === "2022-03-08")!.value).toBe(2000000);
    expect(fled.contradictions).toEqual([]);
    const toll = idx.list().find((s) => s.category === "killed" && s.key.join() === "civilian,UKR")!;
    expect(toll.points.map((p) => [p.as_of, p.value])).toEqual(
      expect.arrayContaining([
        ["2022-03-18", 847],
        ["2022-03-19", 902],
      ]),
    );
    // the Poland border count and the projection are not points of the refugee series
    expect(fled.points.flatMap((p) => p.observations.map((o) => o.what))).not.toContain("people who crossed from Ukraine into Poland");
    expect(fled.points.flatMap((p) => p.observations.map((o) => o.what))).not.toContain("people who may flee Ukraine (U.N. projection)");
  });
});
