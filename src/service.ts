/**
 * The ingest service: read → analyze → resolve (story) → store, one article at a time, one
 * transaction per article. Used by the CLI now, and by the HTTP API and the workers later; it
 * knows the store only through its port.
 */
import { analyze, toRecord } from "./analyze.js";
import { InputError } from "./core/errors.js";
import type { AnalyzeOptions, Article, ArticleRecord } from "./core/types.js";
import { readInputs, type ReadOptions } from "./ingest/index.js";
import { inferFromRegistry } from "./resolve/actors.js";
import { redateFromStore } from "./resolve/dates.js";
import { StoryIndex, type StoryIndexJSON } from "./resolve/stories.js";
import type { SaveArticleInput, SaveResult, Store } from "./store/port.js";
import { storyTitle, textHash } from "./store/rows.js";

export interface IngestCounts {
  /** articles read (good ones) */
  read: number;
  inserted: number;
  unchanged: number;
  /** bad inputs plus articles that failed in analysis or storage */
  failed: number;
}

export interface IngestProgress extends IngestCounts {
  /** origin of the article or input just handled */
  origin: string;
}

export interface IngestOptions {
  /** called after every article or bad input */
  onProgress?: (p: IngestProgress) => void;
  /** called for every bad input or failed article (the batch goes on) */
  onError?: (err: InputError) => void;
  /** called after every article with its outcome */
  onArticle?: (id: string, result: SaveResult | "failed") => void;
  read?: ReadOptions;
  analyze?: AnalyzeOptions;
  /**
   * The story index to assign stories with. Default: the one saved in the store by the last run
   * (so that a second run joins the stories of the first and never reuses a story id), else a
   * fresh one; saved back every SAVE_EVERY new articles and at the end.
   * Not yet safe for two ingest processes at once on one store (issue 9: one resolver stage or
   * an advisory lock around load … save).
   */
  stories?: StoryIndex;
  /** analyse in this many worker threads (src/parallel/); storage and stories stay in input order */
  threads?: number;
}

/** The name of the story index's state in the store. */
export const STORY_STATE = "stories";
const SAVE_EVERY = 1000;
/** how far apart (days) another article may be for its stated role/country to fill a missing one */
export const REGISTRY_DAYS = 60;

/** The story index saved in the store, or a fresh one when there is none or it is unreadable. */
export async function loadStoryIndex(store: Store): Promise<StoryIndex> {
  const json = await store.getState(STORY_STATE);
  if (json) {
    try {
      return StoryIndex.fromJSON(JSON.parse(json) as StoryIndexJSON);
    } catch {
      // a state from an older StoryIndex format: start afresh (stories already stored stay)
    }
  }
  return new StoryIndex({ keepRetired: false }); // a long ingest keeps only live stories in memory
}

export async function saveStoryIndex(store: Store, index: StoryIndex): Promise<void> {
  await store.setState(STORY_STATE, JSON.stringify(index.toJSON()));
}

/** Reads the given files and directories and ingests every article in them. */
export async function ingestPaths(store: Store, paths: string[], opts: IngestOptions = {}): Promise<IngestCounts> {
  return ingestArticles(store, readInputs(paths, opts.read), opts);
}

/** Ingests a stream of articles (bad inputs in the stream are counted and reported). */
export async function ingestArticles(
  store: Store,
  inputs: AsyncIterable<Article | InputError> | Iterable<Article | InputError>,
  opts: IngestOptions = {},
): Promise<IngestCounts> {
  const counts: IngestCounts = { read: 0, inserted: 0, unchanged: 0, failed: 0 };
  const stories = opts.stories ?? (await loadStoryIndex(store));
  let unsaved = 0;
  const progress = (origin: string) => opts.onProgress?.({ ...counts, origin });
  const analysed = new WeakMap<Article, ArticleRecord | Error>();
  if ((opts.threads ?? 1) > 1) inputs = (await import("./parallel/ingest.js")).preAnalyse(store, inputs, opts, analysed);
  for await (const item of inputs) {
    if (item instanceof InputError) {
      counts.failed++;
      opts.onError?.(item);
      progress(item.origin);
      continue;
    }
    counts.read++;
    let result: SaveResult | "failed";
    try {
      result = await ingestOne(store, item, stories, opts.analyze, analysed.get(item));
    } catch (err) {
      result = "failed";
      const msg = err instanceof Error ? err.message : String(err);
      opts.onError?.(err instanceof InputError ? err : new InputError(item.origin, `could not ingest article ${item.id}: ${msg}`, "E_INGEST"));
    }
    if (result === "failed") counts.failed++;
    else counts[result]++;
    if (result === "inserted" && ++unsaved >= SAVE_EVERY) {
      await saveStoryIndex(store, stories);
      unsaved = 0;
    }
    opts.onArticle?.(item.id, result);
    progress(item.origin);
  }
  if (unsaved > 0) await saveStoryIndex(store, stories);
  return counts;
}

/** Analyses and stores one article, unless the store already has it (same id or same text). */
export async function ingestOne(
  store: Store, article: Article, stories: StoryIndex, options: AnalyzeOptions = {}, analysed?: ArticleRecord | Error,
): Promise<SaveResult> {
  if (await store.findArticle(article.id, textHash(article.text))) return "unchanged";
  if (analysed instanceof Error) throw analysed;
  const record = analysed ?? toRecord(analyze(article, options));
  const input = assignStory(stories, article, record);
  // cross-article: an undated article takes its date (or year) from its story-mates (src/resolve/dates.ts)
  input.record = await redateFromStore(store, article, input.record, options, { mates: !!input.story && !input.story.opened });
  // cross-article: a person named without a role/country gets it from a nearby article that states it
  await inferFromRegistry(store, input.record, { days: REGISTRY_DAYS });
  return store.saveArticle(input);
}

/**
 * The cross-article step of one article: assigns its story (mutating `stories` and
 * record.story) and returns what to save. Used by ingestOne and by the queue's resolver.
 */
export function assignStory(stories: StoryIndex, article: Article, record: ArticleRecord): SaveArticleInput {
  const assigned = stories.add(record);
  record.story = assigned.story;
  const sum = stories.story(assigned.story);
  return {
    record,
    text: article.text,
    origin: article.origin,
    story: {
      id: assigned.story,
      opened: assigned.opened,
      title: sum?.title || storyTitle(record, article.text),
      reason: assigned.reason,
      summary: sum?.summary ?? null,
      actors: sum?.actors ?? [],
      names: sum?.names ?? [],
    },
  };
}
