import type { AnalyzeOptions, Doc } from "./types.js";

/** Layers of the Doc that stages fill; a stage declares which it needs and which it adds. */
export type Layer =
  | "sentences" | "tokens" | "entities" | "published" | "times" | "figures" | "quotes" | "events";

export interface Stage {
  name: string;
  requires: readonly Layer[];
  provides: readonly Layer[];
  run(doc: Doc, options: AnalyzeOptions): void;
}

/**
 * Checks that each stage's requirements are provided by an earlier stage, so that order is
 * checked, not remembered. Throws at construction, not on the first article.
 */
export function checkPipeline(stages: readonly Stage[]): void {
  const have = new Set<Layer>();
  for (const s of stages) {
    for (const r of s.requires) {
      if (!have.has(r)) throw new Error(`pipeline: stage "${s.name}" requires "${r}", which no earlier stage provides`);
    }
    for (const p of s.provides) have.add(p);
  }
}

export function runPipeline(stages: readonly Stage[], doc: Doc, options: AnalyzeOptions = {}): Doc {
  for (const s of stages) s.run(doc, options);
  return doc;
}
