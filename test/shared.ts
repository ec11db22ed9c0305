/**
 * The shared material beside the project (`../shared`, as CI lays it out; `EVENTWIRE_SHARED`
 * overrides) for tests that read the corpora. A missing corpus is an error, never an empty list:
 * a comparison over no text would pass without testing anything.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { packageRoot } from "../src/core/paths.js";

export const SHARED = resolve(process.env.EVENTWIRE_SHARED ?? join(packageRoot(), "..", "shared"));
export const CORPUS = join(SHARED, "corpus");

/** The texts of the given parts of ../shared: a folder of gold .json files or a .jsonl file of {text} objects. */
export function sharedTexts(parts: readonly string[] = ["corpus/seeds", "corpus/dev", "corpus/stream/articles.jsonl"]): string[] {
  const texts: string[] = [];
  for (const part of parts) {
    const path = join(SHARED, part);
    if (!existsSync(path)) throw new Error(`test corpus missing: ${path} (set EVENTWIRE_SHARED)`);
    if (part.endsWith(".jsonl")) {
      for (const l of readFileSync(path, "utf8").split("\n")) if (l.trim()) texts.push((JSON.parse(l) as { text: string }).text);
    } else {
      for (const f of readdirSync(path).filter((x) => x.endsWith(".json")).sort()) texts.push((JSON.parse(readFileSync(join(path, f), "utf8")) as { text: string }).text);
    }
  }
  return texts;
}

/** A seeded pseudo-random source in [0, 1] (a linear congruential generator): random tests that repeat exactly. */
export function seededRandom(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}
