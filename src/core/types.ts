/**
 * The document model. An Article is what a reader gives us; a Doc is the article plus every
 * layer the pipeline adds. Every extraction carries a Span into `article.text` (end exclusive):
 * `text.slice(span.start, span.end)` is always the words it came from.
 */

/** Character offsets into the article text, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** A span with the exact text it covers, as printed in JSON output. */
export interface TextSpan extends Span {
  text: string;
}

/** One article as read from a file, feed item or JSON line. Its `text` is never altered. */
export interface Article {
  /** Stable id: given by the input, else a hash of the text. */
  id: string;
  text: string;
  title: string | null;
  url: string | null;
  outlet: string | null;
  /** ISO date (YYYY-MM-DD) from metadata, or null. */
  published: string | null;
  /** Where the article came from: `file`, `file:line` or `file#item`. */
  origin: string;
  /** Character offset where the body starts (after a title/caption line), and where it ends (before a signature). */
  bodyStart?: number;
  bodyEnd?: number;
}

/** A value we either read in the text (`stated`) or worked out (`inferred`), with its evidence. */
export interface Valued<T> {
  value: T;
  stated: boolean;
  evidence: Span | null;
  rule: string;
}

export interface Token extends Span {
  /** index of the sentence the token is in */
  sent: number;
}

export interface Sentence extends Span {
  /** index of the first token and one past the last token of the sentence */
  tokStart: number;
  tokEnd: number;
  /** index of the paragraph (blank-line or newline separated block) */
  para: number;
}

export type EntityKind = "person" | "org" | "place" | "country" | "group";

/**
 * One mention of an entity in the text: the layer every later stage (quotes, figures, events)
 * uses to find actors. `actor` is the ISO3 / IGO code the mention stands for, when it stands
 * for a state or body (a country name, a demonym, a capital used for its government, a person
 * acting for a government).
 */
export interface EntityMention extends Span {
  kind: EntityKind;
  /** index into doc.persons / doc.organizations / doc.places (by kind); -1 for bare countries */
  ref: number;
  actor: string | null;
  /** how the mention was found: "name", "surname", "title", "pronoun", "demonym", "capital", … */
  via: string;
  rule: string;
}

export interface PersonEntity {
  name: string;
  aliases: string[];
  role: Valued<string> | null;
  country: Valued<string> | null;
  mentions: Span[];
}

export interface OrgEntity {
  name: string;
  aliases: string[];
  /** ISO3 or IGO code the body belongs to / stands for, when known */
  actor: string | null;
  mentions: Span[];
}

export interface PlaceEntity {
  name: string;
  country: string | null;
  /** latitude/longitude when a gazetteer knows the place */
  lat?: number | null;
  lon?: number | null;
  mentions: Span[];
}

/** A resolved time expression. */
export type Granularity = "day" | "week" | "month" | "year" | "range";
export interface TimeExpr extends Span {
  /** ISO date of the (start of the) expression: YYYY-MM-DD, YYYY-MM or YYYY by granularity */
  value: string;
  /** for ranges ("earlier this week"): ISO end date, inclusive */
  end_value?: string | null;
  grain: Granularity;
  rule: string;
}

export interface PublishedDate {
  value: string | null;
  /** true when worked out from the text rather than read from metadata */
  inferred: boolean;
  evidence: Span | null;
  rule: string;
}

export interface Side {
  person: string | null;
  actor: string | null;
  group?: string | null;
  /** the country a non-state group or generic agent acts in (events; not a side's actor) */
  country?: string | null;
}

export type PloverType =
  | "AGREE" | "CONSULT" | "SUPPORT" | "CONCEDE" | "COOPERATE" | "AID" | "RETREAT" | "REQUEST"
  | "ACCUSE" | "REJECT" | "THREATEN" | "PROTEST" | "SANCTION" | "MOBILIZE" | "COERCE" | "ASSAULT";

export const PLOVER_TYPES: readonly PloverType[] = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];

export type ConsultMode = "phone" | "visit" | "meeting" | "multilateral" | "mediate" | null;

/** PLOVER's event modality: only `asserted` events count as having happened. */
export type Realis = "asserted" | "negated" | "hypothetical" | "future";

export interface EventRecord {
  type: PloverType;
  mode?: ConsultMode;
  source: Side;
  target: Side;
  date: string | null;
  /** the evidence: the words that report the event */
  span: Span;
  rule: string;
  realis: Realis;
  mutual?: boolean;
  /** one side missing or only inferred from the article: kept in doc.events, not in the record */
  partial?: boolean;
}

export type FigureCategory = "killed" | "injured" | "displaced" | "aid" | "troops" | "money" | "other";
export type Qualifier = "at least" | "more than" | "about" | "up to" | "exactly" | "fewer than";

export interface FigureRecord {
  what: string;
  value: number;
  /** upper bound for ranges ("tens of thousands") */
  value_max?: number | null;
  qualifier: Qualifier;
  unit: string;
  category: FigureCategory;
  as_of: string | null;
  attributed_to: string | null;
  span: Span;
  rule: string;
}

export interface QuoteRecord {
  speaker: string | null;
  direct: boolean;
  /** the quoted (or reported) words */
  span: Span;
  /** where the speaker is named, when it is */
  speaker_span?: Span | null;
  rule: string;
}

/** The article plus every layer the pipeline adds. Stages fill it in a declared order. */
export interface Doc {
  article: Article;
  text: string;
  sentences: Sentence[];
  tokens: Token[];
  mentions: EntityMention[];
  persons: PersonEntity[];
  organizations: OrgEntity[];
  places: PlaceEntity[];
  published: PublishedDate;
  times: TimeExpr[];
  figures: FigureRecord[];
  quotes: QuoteRecord[];
  events: EventRecord[];
  story: string | null;
}

/** Options every stage can read. */
export interface AnalyzeOptions {
  /** ignore the metadata publication date and infer it from the text (eval --no-metadata-dates) */
  noMetadataDates?: boolean;
  /** ISO date of "today" for year inference from weekdays (default: the clock); fixed in tests */
  now?: string;
  /** a year known from other articles of the same story, for dates the text gives without one */
  yearHint?: number;
  /**
   * a publication date inferred across articles (src/resolve/dates.ts), used by the time stage
   * only when there is no metadata date and the text alone fixes none
   */
  publishedHint?: { value: string; rule: string; evidence: Span | null };
}

/** Where a cross-article value came from: the other article and its evidence span (offsets into that article's text). */
export interface RegistrySource {
  rule: string;
  article: string;
  published: string | null;
  evidence: TextSpan | null;
}

/**
 * The JSON layout of one analysed article, as `analyze --jsonl` prints it and the scorer reads
 * it: the fields of ../shared/corpus/SCHEMA.md plus spans.
 */
export interface ArticleRecord {
  id: string;
  url: string | null;
  outlet: string | null;
  title: string | null;
  published: string | null;
  published_inferred: boolean;
  published_evidence?: TextSpan | null;
  published_rule?: string;
  /** ids of the other articles a cross-article publication date was inferred from */
  published_from?: string[];
  story: string | null;
  persons: Array<{
    name: string;
    aliases: string[];
    role: string | null;
    country: string | null;
    role_inferred?: boolean;
    country_inferred?: boolean;
    role_evidence?: TextSpan | null;
    country_evidence?: TextSpan | null;
    /** role/country filled from another article by the actor registry (src/resolve/actors.ts) */
    role_source?: RegistrySource | null;
    country_source?: RegistrySource | null;
    mentions: TextSpan[];
  }>;
  organizations: Array<{ name: string; aliases: string[]; actor: string | null; mentions: TextSpan[] }>;
  places: Array<{ name: string; country: string | null; lat?: number | null; lon?: number | null; mentions: TextSpan[] }>;
  events: Array<{
    type: PloverType;
    mode?: ConsultMode;
    source: Side;
    target: Side;
    date: string | null;
    evidence: string;
    span: TextSpan;
    rule: string;
    realis: Realis;
    mutual?: boolean;
  }>;
  figures: Array<Omit<FigureRecord, "span"> & { evidence: string; span: TextSpan }>;
  quotes: Array<{ speaker: string | null; direct: boolean; text: string; span: TextSpan; rule: string }>;
  text?: string;
}
