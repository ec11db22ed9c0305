import { describe, expect, it } from "vitest";
import { analyze, analyzeBatch, BATCH_SIZE, toRecord } from "../src/analyze.js";
import { InputError } from "../src/core/errors.js";
import type { Article } from "../src/core/types.js";
import { batchedAnalysis } from "../src/parallel/pool.js";
import { sharedTexts } from "./shared.js";

function article(id: string, text: string): Article {
  return { id, text, title: null, url: null, outlet: null, published: null, origin: `test:${id}` };
}

describe("analyzeBatch: the pipeline stage by stage over several articles", () => {
  const articles = sharedTexts().map((text, i) => article(`a${i}`, text));

  it("gives the records analyze gives one by one, whatever the batch size", () => {
    const one = articles.map((a) => JSON.stringify(toRecord(analyze(a))));
    for (const size of [1, 7, BATCH_SIZE, articles.length]) {
      const got: string[] = [];
      for (let i = 0; i < articles.length; i += size) {
        for (const r of analyzeBatch(articles.slice(i, i + size))) got.push(JSON.stringify(toRecord(r.doc!)));
      }
      expect(got, `batches of ${size}`).toEqual(one);
    }
    expect(one.length).toBeGreaterThan(100);
  });

  it("gives an article that throws its error; the others of the batch go on", () => {
    const bad = { ...article("bad", ""), text: undefined as unknown as string };
    const results = analyzeBatch([articles[0]!, bad, articles[1]!]);
    expect(results[1]!.error).toBeInstanceOf(Error);
    expect(results[1]!.doc).toBeUndefined();
    expect(JSON.stringify(toRecord(results[0]!.doc!))).toBe(JSON.stringify(toRecord(analyze(articles[0]!))));
    expect(JSON.stringify(toRecord(results[2]!.doc!))).toBe(JSON.stringify(toRecord(analyze(articles[1]!))));
  });

  it("adds each stage's time to stageMs when asked", () => {
    const ms: Record<string, number> = {};
    analyzeBatch(articles.slice(0, 3), {}, ms);
    expect(Object.keys(ms)).toEqual(["text", "entities", "time", "figures", "quotes", "events"]);
    for (const v of Object.values(ms)) expect(v).toBeGreaterThanOrEqual(0);
  });
});

describe("batchedAnalysis", () => {
  it("yields every input in order: bad inputs in place, records with their text", async () => {
    const inputs: Array<Article | InputError> = [];
    for (let i = 0; i < BATCH_SIZE + 5; i++) inputs.push(i === 3 || i === BATCH_SIZE ? new InputError(`f${i}`, "empty", "empty") : article(`b${i}`, `Officials met in Lima on Tuesday, item ${i}.`));
    const out = [];
    for await (const x of batchedAnalysis(inputs, {}, true)) out.push(x);
    expect(out.map((x) => x.item)).toEqual(inputs);
    expect(out.filter((x) => "record" in x).map((x) => ("record" in x ? x.record.text : null))).toEqual(inputs.filter((x): x is Article => !(x instanceof InputError)).map((a) => a.text));
  });
});
