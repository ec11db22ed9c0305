/**
 * The mapping between an analysed article (ArticleRecord + text) and the flat rows every
 * adapter stores, in both directions. Pure logic, no SQL: the SQLite adapter and the future
 * PostgreSQL adapter share it, so both store exactly the same thing.
 *
 * Conventions: dates ISO text, flags 0/1 integers, nested values JSON text, spans as
 * start/end columns (or JSON [[start, end], …] for mention lists) into the article text.
 */
import { createHash } from "node:crypto";
import type { ArticleRecord, RegistrySource, Span, TextSpan } from "../core/types.js";
import { foldName as foldNameUncached, surnameOf } from "../text/fold.js";
import type { SaveArticleInput } from "./port.js";
import { ftsText } from "./search.js";

/** foldName, memoised: the same names recur across articles, and the store folds many per article. */
const foldCache = new Map<string, string>();
export function foldName(s: string): string {
  let k = foldCache.get(s);
  if (k === undefined) {
    k = foldNameUncached(s);
    if (foldCache.size >= 50_000) foldCache.clear();
    foldCache.set(s, k);
  }
  return k;
}

/** Hash of the exact article text: the same text under another id is the same article. */
export function textHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export interface ArticleRowDb {
  id: string;
  text: string;
  text_hash: string;
  title: string | null;
  url: string | null;
  outlet: string | null;
  published: string | null;
  published_inferred: number;
  published_rule: string | null;
  published_evidence: string | null;
  origin: string;
  story_id: string | null;
  story_reason: string | null;
  ingested_at: string;
}

export interface PersonRowDb {
  article_id: string;
  idx: number;
  name: string;
  name_key: string;
  surname_key: string;
  /** "|key|key|": the folded name and aliases, for alias lookups with LIKE / position */
  alias_keys: string;
  aliases: string;
  role: string | null;
  role_inferred: number | null;
  role_evidence: string | null;
  country: string | null;
  country_inferred: number | null;
  country_evidence: string | null;
  mentions: string;
  /** the registry actor (src/resolve/actors.ts), set by the adapter when it saves the article */
  actor_id: string | null;
  /** JSON RegistrySource: role / country filled from another article by the registry */
  role_source: string | null;
  country_source: string | null;
}

export interface OrgRowDb {
  article_id: string;
  idx: number;
  name: string;
  name_key: string;
  aliases: string;
  actor: string | null;
  mentions: string;
}

export interface PlaceRowDb {
  article_id: string;
  idx: number;
  name: string;
  name_key: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
  mentions: string;
}

export interface EventRowDb {
  article_id: string;
  idx: number;
  type: string;
  mode: string | null;
  source_person: string | null;
  source_person_key: string | null;
  source_actor: string | null;
  source_group: string | null;
  target_person: string | null;
  target_person_key: string | null;
  target_actor: string | null;
  target_group: string | null;
  date: string | null;
  span_start: number;
  span_end: number;
  evidence: string;
  rule: string;
  realis: string;
  mutual: number;
}

export interface FigureRowDb {
  article_id: string;
  idx: number;
  what: string;
  value: number;
  value_max: number | null;
  qualifier: string;
  unit: string;
  category: string;
  as_of: string | null;
  attributed_to: string | null;
  span_start: number;
  span_end: number;
  evidence: string;
  rule: string;
}

export interface QuoteRowDb {
  article_id: string;
  idx: number;
  speaker: string | null;
  speaker_key: string | null;
  speaker_surname_key: string | null;
  direct: number;
  span_start: number;
  span_end: number;
  text: string;
  rule: string;
}

export interface PersonIndexRowDb {
  name_key: string;
  name: string;
  role: string | null;
  country: string | null;
  published: string | null;
}

export interface ArticleRows {
  article: ArticleRowDb;
  persons: PersonRowDb[];
  organizations: OrgRowDb[];
  places: PlaceRowDb[];
  events: EventRowDb[];
  figures: FigureRowDb[];
  quotes: QuoteRowDb[];
  /** one entry per distinct person (folded name) of the article, for the cross-article person index */
  personIndex: PersonIndexRowDb[];
  /** what the full-text index holds: title and text with unfoldable letters mapped (see ftsText) */
  fts: { title: string; text: string };
}

const json = (v: unknown): string => JSON.stringify(v);
const flag = (b: boolean | undefined | null): number | null => (b == null ? null : b ? 1 : 0);
const spanJson = (s: Span | null | undefined): string | null => (s ? json({ start: s.start, end: s.end }) : null);
const mentionsJson = (ms: readonly Span[]): string => json(ms.map((m) => [m.start, m.end]));
const keyOrNull = (s: string | null | undefined): string | null => {
  if (!s) return null;
  const k = foldName(s);
  return k === "" ? null : k;
};

/** Checks that a span lies inside the text; a span outside it is a bug upstream, never stored. */
function checkSpan(text: string, s: Span, what: string): void {
  if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end && s.end <= text.length)) {
    throw new Error(`store: ${what} span ${s.start}-${s.end} lies outside the article text (${text.length} chars)`);
  }
}

/** Flattens one analysed article into the rows to store. Throws on a span outside the text. */
export function toRows(input: SaveArticleInput, now = new Date().toISOString()): ArticleRows {
  const { record: r, text } = input;
  const id = r.id;
  for (const p of r.persons) for (const m of p.mentions) checkSpan(text, m, `person "${p.name}" mention`);
  for (const e of r.events) checkSpan(text, e.span, `event ${e.type}`);
  for (const f of r.figures) checkSpan(text, f.span, "figure");
  for (const q of r.quotes) checkSpan(text, q.span, "quote");
  const personIndex = new Map<string, PersonIndexRowDb>();
  for (const p of r.persons) {
    const key = foldName(p.name);
    if (key === "") continue;
    const cur = personIndex.get(key);
    if (!cur) personIndex.set(key, { name_key: key, name: p.name, role: p.role ?? null, country: p.country ?? null, published: r.published ?? null });
    else {
      cur.role ??= p.role ?? null;
      cur.country ??= p.country ?? null;
    }
  }
  return {
    personIndex: [...personIndex.values()],
    article: {
      id,
      text,
      text_hash: textHash(text),
      title: r.title ?? null,
      url: r.url ?? null,
      outlet: r.outlet ?? null,
      published: r.published ?? null,
      published_inferred: r.published_inferred ? 1 : 0,
      published_rule: r.published_rule ?? null,
      published_evidence: spanJson(r.published_evidence),
      origin: input.origin,
      story_id: input.story?.id ?? r.story ?? null,
      story_reason: input.story?.reason ?? null,
      ingested_at: now,
    },
    persons: r.persons.map((p, idx) => {
      const key = foldName(p.name);
      const keys = new Set([key, ...(p.aliases ?? []).map(foldName)].filter((k) => k !== ""));
      return {
        article_id: id,
        idx,
        name: p.name,
        name_key: key,
        surname_key: surnameOf(key),
        alias_keys: `|${[...keys].join("|")}|`,
        aliases: json(p.aliases ?? []),
        role: p.role ?? null,
        role_inferred: flag(p.role_inferred),
        role_evidence: spanJson(p.role_evidence),
        country: p.country ?? null,
        country_inferred: flag(p.country_inferred),
        country_evidence: spanJson(p.country_evidence),
        mentions: mentionsJson(p.mentions),
        actor_id: null,
        role_source: p.role_source ? json(p.role_source) : null,
        country_source: p.country_source ? json(p.country_source) : null,
      };
    }),
    organizations: r.organizations.map((o, idx) => ({
      article_id: id,
      idx,
      name: o.name,
      name_key: foldName(o.name),
      aliases: json(o.aliases ?? []),
      actor: o.actor ?? null,
      mentions: mentionsJson(o.mentions),
    })),
    places: r.places.map((p, idx) => ({
      article_id: id,
      idx,
      name: p.name,
      name_key: foldName(p.name),
      country: p.country ?? null,
      lat: p.lat ?? null,
      lon: p.lon ?? null,
      mentions: mentionsJson(p.mentions),
    })),
    events: r.events.map((e, idx) => ({
      article_id: id,
      idx,
      type: e.type,
      mode: e.mode ?? null,
      source_person: e.source.person ?? null,
      source_person_key: keyOrNull(e.source.person),
      source_actor: e.source.actor ?? null,
      source_group: e.source.group ?? null,
      target_person: e.target.person ?? null,
      target_person_key: keyOrNull(e.target.person),
      target_actor: e.target.actor ?? null,
      target_group: e.target.group ?? null,
      date: e.date ?? null,
      span_start: e.span.start,
      span_end: e.span.end,
      evidence: text.slice(e.span.start, e.span.end),
      rule: e.rule,
      realis: e.realis,
      mutual: e.mutual ? 1 : 0,
    })),
    figures: r.figures.map((f, idx) => ({
      article_id: id,
      idx,
      what: f.what,
      value: f.value,
      value_max: f.value_max ?? null,
      qualifier: f.qualifier,
      unit: f.unit,
      category: f.category,
      as_of: f.as_of ?? null,
      attributed_to: f.attributed_to ?? null,
      span_start: f.span.start,
      span_end: f.span.end,
      evidence: text.slice(f.span.start, f.span.end),
      rule: f.rule,
    })),
    quotes: r.quotes.map((q, idx) => {
      const key = keyOrNull(q.speaker);
      return {
        article_id: id,
        idx,
        speaker: q.speaker ?? null,
        speaker_key: key,
        speaker_surname_key: key ? surnameOf(key) : null,
        direct: q.direct ? 1 : 0,
        span_start: q.span.start,
        span_end: q.span.end,
        text: text.slice(q.span.start, q.span.end),
        rule: q.rule,
      };
    }),
    fts: { title: ftsText(r.title ?? ""), text: ftsText(text) },
  };
}

// ---------------------------------------------------------------- reading back

/** A span with its text, read from a JSON `{start, end}` column. */
export function spanFromJson(text: string, v: string | null): TextSpan | null {
  if (!v) return null;
  const s = JSON.parse(v) as Span;
  return { start: s.start, end: s.end, text: text.slice(s.start, s.end) };
}

/** Mention spans with their text, read from a JSON `[[start, end], …]` column. */
export function mentionsFromJson(text: string, v: string): TextSpan[] {
  return (JSON.parse(v) as Array<[number, number]>).map(([start, end]) => ({ start, end, text: text.slice(start, end) }));
}

export const textSpan = (text: string, start: number, end: number): TextSpan => ({ start, end, text: text.slice(start, end) });

const bool = (v: number | null): boolean | undefined => (v == null ? undefined : v === 1);

/** Rebuilds the ArticleRecord (SCHEMA.md layout, spans intact) from the stored rows. */
export function recordFromRows(rows: Omit<ArticleRows, "fts" | "personIndex">): ArticleRecord {
  const a = rows.article;
  const t = a.text;
  const byIdx = <T extends { idx: number }>(xs: T[]) => [...xs].sort((x, y) => x.idx - y.idx);
  return {
    id: a.id,
    url: a.url,
    outlet: a.outlet,
    title: a.title,
    published: a.published,
    published_inferred: a.published_inferred === 1,
    published_evidence: spanFromJson(t, a.published_evidence),
    published_rule: a.published_rule ?? undefined,
    story: a.story_id,
    persons: byIdx(rows.persons).map((p) => ({
      name: p.name,
      aliases: JSON.parse(p.aliases) as string[],
      role: p.role,
      country: p.country ?? null,
      role_inferred: bool(p.role_inferred),
      country_inferred: bool(p.country_inferred),
      role_evidence: spanFromJson(t, p.role_evidence),
      country_evidence: spanFromJson(t, p.country_evidence),
      ...(p.role_source ? { role_source: JSON.parse(p.role_source) as RegistrySource } : {}),
      ...(p.country_source ? { country_source: JSON.parse(p.country_source) as RegistrySource } : {}),
      mentions: mentionsFromJson(t, p.mentions),
    })),
    organizations: byIdx(rows.organizations).map((o) => ({
      name: o.name,
      aliases: JSON.parse(o.aliases) as string[],
      actor: o.actor ?? null,
      mentions: mentionsFromJson(t, o.mentions),
    })),
    places: byIdx(rows.places).map((p) => ({
      name: p.name,
      country: p.country ?? null,
      lat: p.lat,
      lon: p.lon,
      mentions: mentionsFromJson(t, p.mentions),
    })),
    events: byIdx(rows.events).map((e) => ({
      type: e.type as ArticleRecord["events"][number]["type"],
      ...(e.type === "CONSULT" ? { mode: (e.mode ?? null) as ArticleRecord["events"][number]["mode"] } : {}),
      source: { person: e.source_person, actor: e.source_actor, ...(e.source_group != null ? { group: e.source_group } : {}) },
      target: { person: e.target_person, actor: e.target_actor, ...(e.target_group != null ? { group: e.target_group } : {}) },
      date: e.date ?? null,
      evidence: e.evidence,
      span: textSpan(t, e.span_start, e.span_end),
      rule: e.rule,
      realis: e.realis as ArticleRecord["events"][number]["realis"],
      ...(e.mutual === 1 ? { mutual: true } : {}),
    })),
    figures: byIdx(rows.figures).map((f) => ({
      what: f.what,
      value: f.value,
      value_max: f.value_max,
      qualifier: f.qualifier as ArticleRecord["figures"][number]["qualifier"],
      unit: f.unit,
      category: f.category as ArticleRecord["figures"][number]["category"],
      as_of: f.as_of ?? null,
      attributed_to: f.attributed_to ?? null,
      rule: f.rule,
      evidence: f.evidence,
      span: textSpan(t, f.span_start, f.span_end),
    })),
    quotes: byIdx(rows.quotes).map((q) => ({
      speaker: q.speaker,
      direct: q.direct === 1,
      text: q.text,
      span: textSpan(t, q.span_start, q.span_end),
      rule: q.rule,
    })),
  };
}

/** The title a new story gets: its first article's title, else the article's first line. */
export function storyTitle(record: ArticleRecord, text: string): string {
  const raw = (record.title ?? text.split("\n", 1)[0] ?? "").trim();
  return ellipsis(raw || record.id, 120);
}

/** Shortens a string to at most `max` characters, on a word boundary where possible, with "…". */
export function ellipsis(s: string, max: number): string {
  const one = s.replace(/\s+/g, " ").trim();
  if (one.length <= max) return one;
  const cut = one.slice(0, max - 1);
  const sp = cut.lastIndexOf(" ");
  return (sp > max * 0.5 ? cut.slice(0, sp) : cut) + "…";
}
