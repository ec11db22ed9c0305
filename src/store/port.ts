/**
 * The store port: everything the pipeline, the CLI, the HTTP API and the workers ask of a
 * store, with no SQL in it. Adapters (src/store/sqlite/, later src/store/postgres/) implement
 * it; every method is async so that a network database fits the same shape.
 *
 * Conventions every adapter keeps: dates are ISO text (YYYY-MM-DD, or shorter for a coarser
 * grain), JSON values are stored as text, spans are character offsets into the stored article
 * text (end exclusive), one transaction per article.
 */
import type { ActorCandidate, ActorFact } from "../resolve/actors.js";
import type { MergedEvent } from "../resolve/events.js";
import type { FigureSeriesView } from "../resolve/figures.js";
import type { FigureSeriesFilter, MergedEventFilter } from "./merged.js";
export type { FigureSeriesFilter, MergedEventFilter } from "./merged.js";
import type { ArticleRecord, ConsultMode, FigureCategory, PloverType, Qualifier, Realis, TextSpan } from "../core/types.js";

export type SaveResult = "inserted" | "unchanged";

/** What the ingest service hands to the store for one article. */
export interface SaveArticleInput {
  /** the analysed article in the SCHEMA.md layout (record.story is the story assigned) */
  record: ArticleRecord;
  /** the article text exactly as read: every span refers to it */
  text: string;
  /** where it came from: `file`, `file:line`, `file#item` */
  origin: string;
  story: StoryInput | null;
}

/** The story the article was assigned to, as the resolver decided. */
export interface StoryInput {
  id: string;
  /** true when this article opened the story */
  opened: boolean;
  /** the story's title, used when the story is new (a stored story keeps its title) */
  title: string;
  reason?: string;
  /** what the resolver says of the story now (replaces what was stored) */
  summary?: string | null;
  /** key actors (codes) and names, strongest first */
  actors?: string[];
  names?: string[];
}

export interface Page {
  limit?: number;
  offset?: number;
}

export interface DateRange {
  /** inclusive ISO date */
  from?: string;
  /** inclusive ISO date */
  to?: string;
}

export interface ArticleFilter extends Page, DateRange {
  outlet?: string;
  story?: string;
}

export interface PersonFilter extends Page, DateRange {
  story?: string;
  outlet?: string;
}

export interface EventFilter extends Page, DateRange {
  outlet?: string;
  type?: string;
  /** actor code or group name, on either side */
  actor?: string;
  /** person name (folded match on either side) */
  person?: string;
  story?: string;
  article?: string;
}

export interface FigureFilter extends Page, DateRange {
  outlet?: string;
  category?: string;
  /** words of the quantity ("fled", "civilians killed"): case-insensitive substring of `what` */
  what?: string;
  story?: string;
  article?: string;
}

export interface QuoteFilter extends Page, DateRange {
  outlet?: string;
  /** speaker name: folded match on the full name or the surname */
  speaker?: string;
  story?: string;
  article?: string;
}

export interface ArticleRow {
  id: string;
  title: string | null;
  url: string | null;
  outlet: string | null;
  published: string | null;
  published_inferred: boolean;
  origin: string;
  story: string | null;
  ingested_at: string;
  /** characters of text */
  length: number;
  /** the first line of the text (up to ~120 characters): a preview when there is no title */
  lead: string;
}

/** An article with its text and every record, spans intact. */
export interface StoredArticle {
  article: ArticleRow;
  text: string;
  record: ArticleRecord;
}

export interface PersonSummary {
  /** folded name: the key persons are aggregated by */
  key: string;
  name: string;
  /** latest known role / country */
  role: string | null;
  country: string | null;
  articles: number;
  first_seen: string | null;
  last_seen: string | null;
}

export interface RolePeriod {
  role: string | null;
  country: string | null;
  first_seen: string | null;
  last_seen: string | null;
  articles: string[];
  evidence: TextSpan | null;
  evidence_article: string | null;
}

export interface PersonDetail extends PersonSummary {
  aliases: string[];
  roles: RolePeriod[];
  appearances: Array<{ article: string; title: string | null; published: string | null; mentions: TextSpan[] }>;
  events: EventRow[];
  quotes: QuoteRow[];
}

/** A registry actor (src/resolve/actors.ts): one real person across articles. */
export interface ActorSummary extends PersonSummary {
  /** the actor's registry id */
  id: string;
}

export interface ActorDetail extends PersonDetail {
  id: string;
}

export interface SideRow {
  person: string | null;
  actor: string | null;
  group: string | null;
}

export interface EventRow {
  article: string;
  idx: number;
  type: PloverType;
  mode: ConsultMode | null;
  source: SideRow;
  target: SideRow;
  date: string | null;
  realis: Realis;
  mutual: boolean;
  rule: string;
  span: TextSpan;
  /** article context */
  published: string | null;
  title: string | null;
  story: string | null;
}

export interface FigureRow {
  article: string;
  idx: number;
  what: string;
  value: number;
  value_max: number | null;
  qualifier: Qualifier;
  unit: string;
  category: FigureCategory;
  as_of: string | null;
  attributed_to: string | null;
  rule: string;
  span: TextSpan;
  published: string | null;
  title: string | null;
  story: string | null;
}

export interface QuoteRow {
  article: string;
  idx: number;
  speaker: string | null;
  direct: boolean;
  rule: string;
  span: TextSpan;
  published: string | null;
  title: string | null;
  story: string | null;
}

export interface StoryRow {
  id: string;
  title: string;
  first_date: string | null;
  last_date: string | null;
  article_count: number;
  /** distinct outlets among its articles */
  outlets: number;
  summary: string | null;
  actors: string[];
  names: string[];
}

export interface StoryDetail extends StoryRow {
  articles: ArticleRow[];
}

export interface SearchHit {
  article: string;
  title: string | null;
  /** first line of the text, a preview when there is no title */
  lead: string;
  published: string | null;
  outlet: string | null;
  story: string | null;
  score: number;
  /** a window of the article text around the first hit, with its offsets into the text */
  snippet: TextSpan;
  /** every matched word in the text (up to a cap), offsets into the article text */
  hits: TextSpan[];
}

export type ExportKind = "articles" | "persons" | "events" | "figures" | "quotes";
export const EXPORT_KINDS: readonly ExportKind[] = ["articles", "persons", "events", "figures", "quotes"];

/** A flat row for export: scalar values only (nested values are JSON text). */
export type FlatRow = Record<string, string | number | boolean | null>;

export interface Counts {
  articles: number;
  stories: number;
  persons: number;
  organizations: number;
  places: number;
  events: number;
  figures: number;
  quotes: number;
}

export interface Store {
  /** Applies the numbered migrations not yet applied; returns the schema version. */
  migrate(): Promise<number>;
  /**
   * Saves one article and all its records in one transaction. Returns "unchanged" (and writes
   * nothing) when an article with the same id, or with the same text, is already stored.
   * On any error nothing of the article is left behind.
   */
  saveArticle(input: SaveArticleInput): Promise<SaveResult>;
  /** The id of a stored article with this id or this text hash, if any (a cheap pre-check). */
  findArticle(id: string, textHash: string): Promise<string | null>;
  getArticle(id: string): Promise<StoredArticle | null>;
  listArticles(filter?: ArticleFilter): Promise<ArticleRow[]>;
  listPersons(filter?: PersonFilter): Promise<PersonSummary[]>;
  /** A person by name (folded; the full name, an alias, or a surname). */
  getPerson(name: string): Promise<PersonDetail | null>;
  /** Registry actors (one per real person, name variants merged), most articles first. */
  listActors(filter?: PersonFilter): Promise<ActorSummary[]>;
  /** A registry actor by any name variant (accent-, case- and transliteration-insensitive), or a surname. */
  getActor(name: string): Promise<ActorDetail | null>;
  /** The actors holding any of these full-name or surname keys (the registry's lookup). */
  findActors(keys: { full: string[]; surnames: string[] }): Promise<ActorCandidate[]>;
  /** For each actor, its stated role and stated country nearest to `around` (ISO date) within `days`. */
  actorFacts(actors: string[], around: string, days: number): Promise<ActorFact[]>;
  listEvents(filter?: EventFilter): Promise<EventRow[]>;
  listFigures(filter?: FigureFilter): Promise<FigureRow[]>;
  listQuotes(filter?: QuoteFilter): Promise<QuoteRow[]>;
  /** Events merged across articles (one per real event, every mention with its outlet and evidence). */
  listMergedEvents(filter?: MergedEventFilter): Promise<MergedEvent[]>;
  /** Figure series (one per quantity), their points by as-of date and contradictions. */
  listFigureSeries(filter?: FigureSeriesFilter): Promise<FigureSeriesView[]>;
  listStories(filter?: Page & DateRange): Promise<StoryRow[]>;
  getStory(id: string): Promise<StoryDetail | null>;
  /** Full-text search over title + text, accent- and case-insensitive. */
  search(query: string, page?: Page): Promise<SearchHit[]>;
  /** Flat rows of one kind, streamed, for export. */
  exportRows(kind: ExportKind): AsyncIterable<FlatRow>;
  counts(): Promise<Counts>;
  /** Saved state of a cross-article resolver (JSON text), or null. */
  getState(name: string): Promise<string | null>;
  setState(name: string, value: string): Promise<void>;
  close(): Promise<void>;
}
