import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, toRecord } from "../analyze.js";
import { goldToArticle, readGold } from "../eval/gold.js";
import { resolveBatch } from "./index.js";

describe("resolveBatch over dev + seeds (pipeline output)", () => {
  it("gives stories, merged events and series whose every evidence span points at its article's words", async () => {
    const CORPUS = join(import.meta.dirname, "..", "..", "..", "shared", "corpus");
    const entries = await readGold([join(CORPUS, "dev"), join(CORPUS, "seeds")]);
    const records = entries.map((e) => toRecord(analyze(goldToArticle(e)), { includeText: true }));
    const text = new Map(records.map((r) => [r.id, r.text!]));
    const out = resolveBatch(records);
    expect(out.assignments.size).toBe(records.length);
    expect(out.stories.reduce((n, s) => n + s.size, 0)).toBe(records.length);
    for (const s of out.stories) {
      expect(s.title.length).toBeGreaterThan(0);
      for (const a of s.articles) expect(out.assignments.get(a.id)!.story).toBe(s.id);
    }
    expect(out.duplicates.size).toBe(0); // no wire copies among the dev articles
    let mentions = 0;
    for (const e of out.events) {
      expect(e.sources).toBeGreaterThanOrEqual(1);
      expect(e.sources).toBeLessThanOrEqual(e.mentions.length);
      for (const m of e.mentions) {
        mentions++;
        expect(text.get(m.article)!.slice(m.evidence.start, m.evidence.end)).toBe(m.evidence.text);
      }
    }
    expect(mentions).toBe(records.reduce((n, r) => n + r.events.length, 0));
    expect(out.events.length).toBeLessThan(mentions); // some events are told by several articles
    for (const s of out.series)
      for (const p of s.points)
        for (const o of p.observations) expect(text.get(o.article)!.slice(o.evidence.start, o.evidence.end)).toBe(o.evidence.text);
  });
});
