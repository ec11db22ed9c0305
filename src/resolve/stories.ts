import type { ArticleRecord } from "../core/types.js";

/** Why an article joined its story: the strongest shared evidence. */
export interface StoryAssignment {
  story: string;
  /** true when the article opened a new story */
  opened: boolean;
  reason: string;
  score: number;
}

/**
 * Online story clustering: articles arrive one by one (in date order where known) and each
 * joins an existing story or opens one. First version: every article opens its own story.
 */
export class StoryIndex {
  private n = 0;
  add(record: ArticleRecord): StoryAssignment {
    return { story: `story-${++this.n}-${record.id}`, opened: true, reason: "first version: no grouping", score: 0 };
  }
}

/** Batch form used by `analyze` and `eval`: feeds the records in date order, returns id → story. */
export function clusterBatch(records: readonly ArticleRecord[]): Map<string, string> {
  const index = new StoryIndex();
  const order = [...records].sort((a, b) => (a.published ?? "9999").localeCompare(b.published ?? "9999"));
  const out = new Map<string, string>();
  for (const r of order) out.set(r.id, index.add(r).story);
  return out;
}
