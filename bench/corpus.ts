/**
 * A generated benchmark corpus built from the bundled example articles: each article is a
 * seed with its paragraphs reordered, names swapped, numbers and dates changed, so that no two
 * texts are equal and nothing can be cached. Deterministic (seeded PRNG).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Article } from "../src/core/types.js";
import { packageRoot } from "../src/core/paths.js";

const FIRST = ["Anna", "Pedro", "Amina", "Kenji", "Olga", "Tariq", "Lucia", "Samuel", "Ingrid", "Rahul", "Mariam", "Jonas"];
const LAST = ["Okafor", "Lindqvist", "Haddad", "Moreno", "Kowalski", "Tanaka", "Petrenko", "Dubois", "Nasser", "Silva", "Bauer", "Ivanova"];
const COUNTRIES = ["Kenya", "Brazil", "Poland", "Japan", "Egypt", "Canada", "Norway", "India", "Chile", "Ghana"];
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

const UTF8 = new TextDecoder();

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

export function loadSeeds(dir = join(packageRoot(), "examples")): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => readFileSync(join(dir, f), "utf8"));
}

export function generateCorpus(n: number, seeds = loadSeeds(), seed = 42): Article[] {
  return [...iterateCorpus(n, seeds, seed)];
}

/** The same articles one at a time, so that a 100k run does not hold the whole corpus in memory. */
export function* iterateCorpus(n: number, seeds = loadSeeds(), seed = 42): Generator<Article> {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  for (let i = 0; i < n; i++) {
    const base = seeds[i % seeds.length]!;
    const paras = base.split("\n").filter((l) => l.trim() !== "");
    // keep the first line (title/caption) in place, shuffle a few of the others
    for (let k = paras.length - 1; k > 1; k--) {
      if (r() < 0.3) {
        const j = 1 + Math.floor(r() * k);
        [paras[k], paras[j]] = [paras[j]!, paras[k]!];
      }
    }
    let text = paras.join("\n\n");
    const name = `${pick(FIRST)} ${pick(LAST)}`;
    text = text
      .replace(/\b\d{1,3}(?:,\d{3})+\b|\b\d+\b/g, (m) => (m.length === 4 && /^(19|20)/.test(m) ? m : String(Math.floor(r() * 500000) + 1).replace(/\B(?=(\d{3})+(?!\d))/g, ",")))
      .replace(/\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/g, () => pick(WEEKDAYS))
      .replace(/\b(January|February|March|April)\b/g, () => pick(MONTHS))
      .replace(/\bUkraine\b/g, () => (r() < 0.5 ? "Ukraine" : pick(COUNTRIES)));
    text += `\n\nReporting by ${name}; article ${i}.`;
    // the text as ingest hands it over, decoded from bytes: one flat string. The concatenations
    // above leave a rope (a V8 cons string), which every character read of every stage would
    // reach through an indirection: about 1.5 % of the pipeline, and no file or feed gives one.
    text = UTF8.decode(Buffer.from(text, "utf8"));
    yield {
      id: `bench-${seed}-${i}`,
      text,
      title: null,
      url: null,
      outlet: null,
      published: r() < 0.5 ? `2022-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}` : null,
      origin: `bench#${i}`,
    };
  }
}
