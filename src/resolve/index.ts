/**
 * Across articles, in one call: near-duplicates, stories, merged events and figure series for a
 * batch of analysed articles (what `analyze`, `eval` or a one-off import needs). A long-running
 * service keeps the four indexes instead and feeds them one article at a time; each of them
 * serialises with toJSON/fromJSON.
 */
import type { ArticleRecord } from "../core/types.js";
import { NearDuplicateIndex } from "./duplicates.js";
import { EventIndex, type MergedEvent } from "./events.js";
import { FigureSeriesIndex, type FigureSeriesView } from "./figures.js";
import { StoryIndex, streamOrder, type StoryAssignment, type StoryOptions, type StorySummary } from "./stories.js";

export { NearDuplicateIndex } from "./duplicates.js";
export { EventIndex } from "./events.js";
export { FigureSeriesIndex } from "./figures.js";
export { clusterBatch, StoryIndex } from "./stories.js";

export interface ResolvedBatch {
  /** article id → story id, and why */
  assignments: Map<string, StoryAssignment>;
  stories: StorySummary[];
  /** article id → the id of the earlier article it is a near-duplicate of */
  duplicates: Map<string, string>;
  events: MergedEvent[];
  series: FigureSeriesView[];
}

export function resolveBatch(records: readonly ArticleRecord[], opts: { stories?: Partial<StoryOptions> } = {}): ResolvedBatch {
  const order = streamOrder(records);
  const stories = new StoryIndex(opts.stories);
  stories.prime(order.map((x) => x.features));
  const dups = new NearDuplicateIndex();
  const events = new EventIndex();
  const figures = new FigureSeriesIndex();
  const assignments = new Map<string, StoryAssignment>();
  const duplicates = new Map<string, string>();
  for (const { record, features } of order) {
    if (record.text) {
      const of = dups.add(record.id, record.text);
      if (of) duplicates.set(record.id, of);
    }
    const a = stories.addFeatures(features);
    assignments.set(record.id, a);
    events.add({ id: record.id, outlet: record.outlet, published: record.published, story: a.story, events: record.events });
    figures.add({ id: record.id, outlet: record.outlet, figures: record.figures });
  }
  return { assignments, stories: stories.summaries(), duplicates, events: events.list(), series: figures.list() };
}
