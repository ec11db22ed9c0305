/**
 * The shapes the API answers with (beyond the store port's rows), shared by the server
 * (./queries.ts) and the web app (type-only imports: nothing of the server is bundled).
 */
import type { TextSpan } from "../core/types.js";
import type { ArticleRow, EventRow, FigureRow, PersonSummary, QuoteRow, SearchHit, SideRow, StoryRow } from "../store/port.js";

export interface Actor {
  /** stable node id: `p:<folded name>` for a person, `g:<group>` or `a:<code>` otherwise */
  id: string;
  label: string;
  kind: "person" | "group" | "actor";
  /** ISO3 / IGO code the actor stands for, when known */
  code: string | null;
}

export interface StorySummary extends StoryRow {
  /** distinct sources: outlets, where an article without an outlet counts as its own source */
  sources: number;
  /** the outlets' names */
  outlet_names: string[];
  key_actors: Array<{ label: string; kind: Actor["kind"]; code: string | null; count: number }>;
  events: number;
}

export interface TimelineSource {
  article: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  idx: number;
  rule: string;
  span: TextSpan;
}

/** One event of a story's timeline: the same event reported by one or more articles. */
export interface TimelineEvent {
  type: EventRow["type"];
  mode: EventRow["mode"];
  source: SideRow;
  target: SideRow;
  date: string | null;
  realis: EventRow["realis"];
  mutual: boolean;
  sources: TimelineSource[];
}

export interface StoryView extends StorySummary {
  articles: ArticleRow[];
  timeline: TimelineEvent[];
  figures: FigureRow[];
  quotes: QuoteRow[];
  persons: PersonSummary[];
}

export interface NetworkNode extends Actor {
  /** events the actor takes part in (within the filter) */
  count: number;
}

export interface NetworkEdge {
  id: string;
  source: string;
  target: string;
  count: number;
  /** events per PLOVER type */
  types: Record<string, number>;
  /** up to 20 of the events, for the evidence list */
  events: Array<{ article: string; idx: number; type: string; date: string | null; span: TextSpan; title: string | null }>;
}

export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
  /** events per type over the whole filter (for the type filter's counts) */
  types: Record<string, number>;
}

export interface SeriesPoint {
  /** the date the figure is valid for: as_of, else the article's date */
  date: string | null;
  value: number;
  value_max: number | null;
  qualifier: FigureRow["qualifier"];
  what: string;
  attributed_to: string | null;
  article: string;
  title: string | null;
  /** first line of the article: a label when it has no title */
  lead: string | null;
  idx: number;
  rule: string;
  span: TextSpan;
  /** indexes (in this series) of points this one contradicts */
  contradicts: number[];
}

export interface FigureSeries {
  /** `category|unit` */
  key: string;
  category: FigureRow["category"];
  unit: string;
  points: SeriesPoint[];
}

export interface PlacePoint {
  name: string;
  country: string | null;
  lat: number;
  lon: number;
  mentions: number;
  articles: Array<{ id: string; title: string | null; lead: string; published: string | null }>;
  /** events located at the place (see locatedAt) */
  events: Array<{ article: string; idx: number; type: string; date: string | null; span: TextSpan }>;
}

export interface SearchResult {
  articles: SearchHit[];
  persons: PersonSummary[];
}
