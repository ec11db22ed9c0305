/**
 * Cross-article date inference (issues 4 and 7): the publication date, or at least the year, of
 * an article whose text alone does not fix it, from the other articles of its story, and failing
 * those from the run it came in.
 *
 * Rules, strongest first (`published_rule` of the record; `published_from` lists the articles
 * the date came from; the evidence span is always in the article's own text):
 * - `story-mate:year`: the text fixes a month-day without a year ("March 29", a year-less
 *   dateline); the year is the one that puts that day next to the story-mates' dates, within
 *   MATE_WINDOW days of them.
 * - `story-mate:weekday`: the lead ties the news to a weekday ("said on Thursday", "Tuesday's
 *   meeting"); the date is that weekday, when exactly one such day lies within WEEKDAY_SLACK days
 *   of the story-mates' dates (the same development is reported within a few days). A weekday
 *   that falls outside that window, or a window that holds two, gives no date.
 * - `story-mate:today`: no date or weekday, but the top of the article reports the news as
 *   "today" ("reported today", "today's talks"); the date is the story-mates' date when they
 *   agree within a day (the earliest of them).
 * - `batch-year`: no dated story-mate; the article's year-less month-day takes the year of the
 *   other articles of the same run, when exactly one of the run's years places it within
 *   BATCH_WINDOW days of the run's dates. Weaker: the run, not the story, is the evidence.
 * - `onset:weekday`, `event:weekday`, `figure:weekday` (any story): anchors shared across
 *   articles bound the publication to a week, the article's weekdays pick the day; `onset:year`
 *   gives the year only. See the "onsets" section below.
 * A story-mate's date may itself be inferred (metadata or inferred dates both count); an article
 * of another story never lends its date, a metadata date is never overwritten, and neither is a
 * date the article's own text fixes.
 * Checks against a wrong story: no year earlier than the latest year the article itself names
 * ("in 2019"), and a day the re-analysis finds must lie within MATE_WINDOW days of the
 * story-mates' dates (BATCH_WINDOW of the run's), else the record stays as it was.
 *
 * The year of the story (or run) is also given as `yearHint` to every re-analysed article, so its
 * year-less dates ("on March 10") resolve even when the publication day stays unknown.
 *
 * Re-dating re-runs the per-article pipeline for the changed articles only, with
 * `AnalyzeOptions.yearHint` / `publishedHint`: events and figures dated from the publication date
 * are then dated consistently. The story label is kept.
 */
import { analyze, newDoc, toRecord } from "../analyze.js";
import type { AnalyzeOptions, Article, ArticleRecord, Doc, Side, Span } from "../core/types.js";
import { textStage } from "../extract/text.js";
import { dayOf, isoDay, mondayOf, parseIsoDay, weekdayOf, weekdayOnOrAfter, weekdayOnOrBefore, ymdOf } from "../extract/time/calendar.js";
import type { Cand } from "../extract/time/parse.js";
import { candidatesOf } from "../extract/time/index.js";
import { resolveCandidates } from "../extract/time/resolve.js";
import { spanIndexAt } from "../core/span.js";
import { scanNames } from "./features.js";
import { foldName, surnameOf } from "../text/fold.js";
import type { Store } from "../store/port.js";
import { inferPublished, leadSentences } from "../extract/time/published.js";

/** Days a year-completed month-day may lie from the nearest story-mate date. */
export const MATE_WINDOW = 7;
/** Days a weekday may lie before the earliest / after the latest story-mate date. */
export const WEEKDAY_SLACK = 2;
/** Days a batch-year-completed month-day may lie outside the run's date range. */
export const BATCH_WINDOW = 31;
/** Body sentences at the top of the article searched for "today". */
const TODAY_SENTENCES = 5;

/** What an undated article's own text offers for cross-article dating. */
export interface DateCues {
  /** month-day the text fixes as the publication day, without a year: "--03-29" */
  partial: string | null;
  /** where the text states that month-day */
  partialSpan: Span | null;
  /** the lead's weekday (0 = Sunday … 6 = Saturday): the day of the reported news */
  weekday: number | null;
  weekdaySpan: Span | null;
  /** "today" near the top of the article */
  today: Span | null;
  /** the latest year the text names in the past or present ("in 2019", "April 15, 2019"): no earlier year can be its own */
  maxYear: number | null;
  /** the text has month-days or months without a year and no full date to take one from */
  yearless: boolean;
}

export const NO_CUES: DateCues = { partial: null, partialSpan: null, weekday: null, weekdaySpan: null, today: null, maxYear: null, yearless: false };

/** A dated article of the same story (or run). */
export interface Mate {
  id: string;
  /** ISO publication date (metadata or inferred) */
  published: string;
}

export interface DateDecision {
  rule: "story-mate:year" | "story-mate:weekday" | "story-mate:today" | "batch-year" | "story-year" | "onset:weekday" | "onset:year" | "event:weekday" | "figure:weekday";
  /** the year for the article's year-less dates */
  yearHint: number | null;
  /** the publication date, when the rule fixes the day itself (weekday, today) */
  publishedHint: { value: string; rule: string; evidence: Span | null } | null;
  /** the articles the date came from */
  from: string[];
  /** day numbers the publication date must fall in (checked again after re-analysis) */
  window: { lo: number; hi: number } | null;
}

/**
 * The cues of one article: a text-stage pass and the time stage's parse (no other stage). Only
 * undated articles pay for it.
 */
export function dateCues(article: Article): DateCues {
  const doc = newDoc(article);
  textStage.run(doc, {});
  const cands = candidatesOf(doc);
  if (cands.length === 0) return NO_CUES;
  const own = inferPublished(doc, cands, null, null);
  const partial = own.value === null && own.partial ? own.partial : null;
  const lead = leadSentences(doc);
  const leadStart = lead[0]?.start ?? 0;
  const leadEnd = lead[lead.length - 1]?.end ?? 0;
  const wd = cands.find((c) => c.kind === "wd" && !c.future && !c.mod && c.start >= leadStart && c.end <= leadEnd);
  const top = leadSentences(doc, TODAY_SENTENCES);
  const topEnd = top[top.length - 1]?.end ?? 0;
  const today = cands.find(
    (c) => c.kind === "rel" && c.unit === "day" && c.n === 0 && !c.future && c.start >= leadStart && c.end <= topEnd && /^today/i.test(doc.text.slice(c.start, c.end)) && !insideQuote(doc.text, c.start),
  );
  return {
    partial,
    partialSpan: partial && own.evidence ? { start: own.evidence.start, end: own.evidence.end } : null,
    weekday: wd?.weekday ?? null,
    weekdaySpan: wd ? { start: wd.start, end: wd.end } : null,
    today: today ? { start: today.start, end: today.end } : null,
    yearless: cands.some((c) => c.kind === "md" || c.kind === "m") && !cands.some((c) => (c.kind === "abs" || c.kind === "ym") && !c.future),
    maxYear: cands.reduce<number | null>((y, c) => ((c.kind === "abs" || c.kind === "ym" || c.kind === "y") && !c.future && (y === null || c.y! > y) ? c.y! : y), null),
  };
}

/**
 * Whether a position is inside quotation marks of its paragraph: a quoted "today" is the
 * speaker's day, which may be days before the report.
 */
export function insideQuote(text: string, pos: number): boolean {
  const from = text.lastIndexOf("\n", pos - 1) + 1;
  let straight = 0;
  let curly = 0;
  for (let i = from; i < pos; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22) straight++;
    else if (ch === 0x201c) curly++;
    else if (ch === 0x201d && curly > 0) curly--;
  }
  return straight % 2 === 1 || curly > 0;
}

function partialMonthDay(partial: string): { m: number; d: number } | null {
  const m = /^--(\d{2})-(\d{2})$/.exec(partial);
  return m ? { m: Number(m[1]), d: Number(m[2]) } : null;
}

/** The year (of the years around `days`) that puts month/day closest to [lo, hi], with its distance. */
function closestYear(md: { m: number; d: number }, lo: number, hi: number): { y: number; dist: number } | null {
  let best: { y: number; dist: number } | null = null;
  const y0 = ymdOf(lo).y;
  const y1 = ymdOf(hi).y;
  for (let y = y0 - 1; y <= y1 + 1; y++) {
    const day = dayOf(y, md.m, md.d);
    if (ymdOf(day).m !== md.m) continue; // 29 Feb of a common year
    const dist = day < lo ? lo - day : day > hi ? day - hi : 0;
    if (!best || dist < best.dist) best = { y, dist };
  }
  return best;
}

/** The most common year of the dates (the latest on a tie). */
function majorityYear(days: readonly number[]): number | null {
  const counts = new Map<number, number>();
  for (const d of days) {
    const y = ymdOf(d).y;
    counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  let best: number | null = null;
  let bestN = 0;
  for (const [y, n] of counts) if (n > bestN || (n === bestN && best !== null && y > best)) [best, bestN] = [y, n];
  return best;
}

/**
 * The date of an undated article from its dated story-mates, or null when they give no basis.
 * `mates` must be articles of the same story only (the caller's grouping decides).
 */
export function decideFromMates(cues: DateCues, mates: readonly Mate[]): DateDecision | null {
  const d = fromMates(cues, mates);
  // the article names a later year than the story's: the story (or a mate's date) is not its own
  if (!d || (cues.maxYear !== null && d.yearHint !== null && d.yearHint < cues.maxYear)) return null;
  return d;
}

function fromMates(cues: DateCues, mates: readonly Mate[]): DateDecision | null {
  const dated = mates.map((m) => ({ id: m.id, day: parseIsoDay(m.published) })).filter((m): m is { id: string; day: number } => m.day !== null);
  if (dated.length === 0) return null;
  const days = dated.map((m) => m.day);
  const lo = Math.min(...days);
  const hi = Math.max(...days);
  const from = dated.map((m) => m.id);
  const year = majorityYear(days);
  const window = { lo: lo - MATE_WINDOW, hi: hi + MATE_WINDOW };

  // year for the article's own month-day
  if (cues.partial) {
    const md = partialMonthDay(cues.partial);
    const best = md ? closestYear(md, lo, hi) : null;
    if (best && best.dist <= MATE_WINDOW) return { rule: "story-mate:year", yearHint: best.y, publishedHint: null, from, window };
    // the text's own day is far from the story's: no day from the story either
    return year === null ? null : { rule: "story-year", yearHint: year, publishedHint: null, from, window };
  }

  // the lead's weekday within a few days of the story-mates' dates
  if (cues.weekday !== null) {
    const hits: number[] = [];
    for (let d = lo - WEEKDAY_SLACK; d <= hi + WEEKDAY_SLACK; d++) if (weekdayOf(d) === cues.weekday) hits.push(d);
    if (hits.length === 1) {
      const day = hits[0]!;
      return {
        rule: "story-mate:weekday",
        yearHint: ymdOf(day).y,
        publishedHint: { value: isoDay(day), rule: "story-mate:weekday", evidence: cues.weekdaySpan },
        from: dated.filter((m) => Math.abs(m.day - day) <= WEEKDAY_SLACK).map((m) => m.id),
        window,
      };
    }
    // a weekday the story-mates do not fix (none or two in the window): no day
    return year === null ? null : { rule: "story-year", yearHint: year, publishedHint: null, from, window };
  }

  // "today", when the story-mates agree on the day
  if (cues.today && hi - lo <= 1) {
    return {
      rule: "story-mate:today",
      yearHint: ymdOf(lo).y,
      publishedHint: { value: isoDay(lo), rule: "story-mate:today", evidence: cues.today },
      from,
      window,
    };
  }
  return year === null ? null : { rule: "story-year", yearHint: year, publishedHint: null, from, window };
}

/**
 * The year of the run for an article with no dated story-mate: only for a year-less month-day,
 * and only when exactly one of the run's years puts it within BATCH_WINDOW days of the run's dates.
 */
export function decideFromBatch(cues: DateCues, run: readonly Mate[]): DateDecision | null {
  if (!cues.partial) return null;
  const md = partialMonthDay(cues.partial);
  if (!md) return null;
  const days = run.map((m) => parseIsoDay(m.published)).filter((d): d is number => d !== null);
  if (days.length === 0) return null;
  const lo = Math.min(...days);
  const hi = Math.max(...days);
  const years = new Set<number>();
  for (let y = ymdOf(lo).y - 1; y <= ymdOf(hi).y + 1; y++) {
    const day = dayOf(y, md.m, md.d);
    if (ymdOf(day).m === md.m && day >= lo - BATCH_WINDOW && day <= hi + BATCH_WINDOW) years.add(y);
  }
  if (years.size !== 1) return null;
  const year = [...years][0]!;
  if (cues.maxYear !== null && year < cues.maxYear) return null;
  return { rule: "batch-year", yearHint: year, publishedHint: null, from: [], window: { lo: lo - BATCH_WINDOW, hi: hi + BATCH_WINDOW } };
}

/**
 * Re-analyses the article with the decision's hints and returns the record with its publication
 * date, events and figures replaced (the date-dependent parts); everything else of the record
 * (story label, persons as other cross-article steps left them, quotes) is kept.
 */
export function redate(article: Article, record: ArticleRecord, decision: DateDecision, options: AnalyzeOptions = {}): ArticleRecord {
  const opts: AnalyzeOptions = { ...options };
  if (decision.yearHint !== null) opts.yearHint = decision.yearHint;
  if (decision.publishedHint) opts.publishedHint = decision.publishedHint;
  const again = toRecord(analyze(article, opts));
  // a day the re-analysis found (the text's own cue read with the hinted year) far from the
  // story's (or run's) dates: the hint does not fit this article, keep it as it was
  const day = parseIsoDay(again.published);
  if (!record.published && day !== null && decision.window && (day < decision.window.lo || day > decision.window.hi)) return record;
  const fresh: ArticleRecord = {
    ...record,
    published: again.published,
    published_inferred: again.published_inferred,
    published_evidence: again.published_evidence,
    published_rule: again.published_rule,
    events: again.events,
    figures: again.figures,
  };
  if (fresh.published && !record.published) {
    fresh.published_inferred = true;
    // the hinted day, or the text's own day completed with the hinted year
    const hinted = decision.publishedHint !== null && fresh.published === decision.publishedHint.value && fresh.published_rule === decision.publishedHint.rule;
    fresh.published_rule = hinted ? decision.rule : decision.rule === "batch-year" ? "batch-year" : "story-mate:year";
    if (decision.from.length) fresh.published_from = decision.from;
  }
  return fresh;
}

/** An article of a batch with its record (analysed, story assigned). */
export interface BatchItem {
  article: Article;
  record: ArticleRecord;
}

export interface RedateReport {
  /** id → the rule that filled its publication date */
  filled: Map<string, string>;
  /** articles re-analysed (a year hint without a day also counts) */
  reanalysed: number;
  /** undated campaign mentions dated by a registered onset */
  onsetEvents: number;
}

/**
 * Batch form (analyze, eval): after stories are assigned, dates every undated article it can from
 * its story-mates (rounds, so an article dated in one round can date its mates in the next), then
 * from the run's year, then from story-mates again; re-analyses the changed articles and replaces
 * their records in `items` (same order, same story). A metadata or text-fixed date never changes.
 */
export function redateBatch(items: BatchItem[], options: AnalyzeOptions = {}): RedateReport {
  const report: RedateReport = { filled: new Map(), reanalysed: 0, onsetEvents: 0 };
  const known = new Map<string, string>(); // id → published
  for (const it of items) if (it.record.published) known.set(it.record.id, it.record.published);
  const undated = items.filter((it) => !it.record.published);
  const byStory = new Map<string, string[]>();
  for (const it of items) {
    const s = it.record.story;
    if (s === null) continue;
    const list = byStory.get(s);
    if (list) list.push(it.record.id);
    else byStory.set(s, [it.record.id]);
  }
  // cues are computed lazily: only articles with a dated story-mate, or with a year-less
  // publication day (rule suffix ":no-year") for the batch year, pay for the parse
  const cueCache = new Map<string, DateCues>();
  const cuesOf = (it: BatchItem): DateCues => {
    let c = cueCache.get(it.record.id);
    if (!c) cueCache.set(it.record.id, (c = dateCues(it.article)));
    return c;
  };
  const decided = new Map<string, DateDecision>();
  const matesOf = (it: BatchItem): Mate[] => {
    const s = it.record.story;
    if (s === null) return [];
    const out: Mate[] = [];
    for (const id of byStory.get(s) ?? []) {
      const p = id === it.record.id ? undefined : known.get(id);
      if (p) out.push({ id, published: p });
    }
    return out;
  };
  const storyRounds = () => {
    for (let round = 0; round < 4; round++) {
      let changed = false;
      for (const it of undated) {
        const id = it.record.id;
        if (known.has(id)) continue;
        const mates = matesOf(it);
        if (mates.length === 0) continue;
        const d = decideFromMates(cuesOf(it), mates);
        if (!d) continue;
        const prev = decided.get(id);
        if (prev && prev.rule === d.rule && prev.yearHint === d.yearHint) continue;
        decided.set(id, d);
        const value = dayFor(d, cuesOf(it));
        if (value) {
          known.set(id, value);
          changed = true;
        }
      }
      if (!changed) break;
    }
  };
  storyRounds();
  const run: Mate[] = [...known].map(([id, published]) => ({ id, published }));
  let batchFilled = false;
  for (const it of undated) {
    const id = it.record.id;
    if (known.has(id) || decided.has(id)) continue;
    if (!it.record.published_rule?.endsWith(":no-year")) continue;
    const d = decideFromBatch(cuesOf(it), run.filter((m) => m.id !== id));
    if (!d) continue;
    decided.set(id, d);
    const value = dayFor(d, cuesOf(it));
    if (value) {
      known.set(id, value);
      batchFilled = true;
    }
  }
  if (batchFilled) storyRounds();

  // onsets: a war's start that some articles date anchors the undated articles that tie it to a
  // weekday or a year-less date; their story-mates may then follow
  const registry = new OnsetRegistry();
  const onsetCache = new Map<string, OnsetCues>();
  const onsetsOf = (it: BatchItem): OnsetCues => {
    let c = onsetCache.get(it.record.id);
    if (!c) {
      const pub = parseIsoDay(known.get(it.record.id) ?? null);
      onsetCache.set(it.record.id, (c = onsetCues(it.article, it.record, pub, { ties: true, planned: pub === null })));
    }
    return c;
  };
  // events between two named persons, by day: an undated article that ties the same pair to a
  // weekday is anchored by them (rounds: an article anchored in one round dates its own events)
  const events = new OnsetRegistry();
  for (const it of items) {
    registry.addCues(it.record.id, onsetsOf(it));
    registerTies(it.record.id, onsetsOf(it), parseIsoDay(known.get(it.record.id) ?? null), events);
  }
  for (let round = 0; round < 4; round++) {
    let filled = false;
    for (const it of undated) {
      const id = it.record.id;
      if (known.has(id)) continue;
      const d = decideFromAnchors(id, onsetsOf(it), registry, events);
      if (!d) continue;
      decided.set(id, d);
      if (d.publishedHint) {
        known.set(id, d.publishedHint.value);
        registerTies(id, onsetsOf(it), parseIsoDay(d.publishedHint.value), events);
        filled = true;
      }
    }
    if (!filled) break;
    storyRounds();
    // articles dated by their story-mates in this round date their events too
    for (const it of undated) if (known.has(it.record.id)) registerTies(it.record.id, onsetsOf(it), parseIsoDay(known.get(it.record.id)!), events);
  }

  for (const it of undated) {
    const d = decided.get(it.record.id);
    if (!d) continue;
    // a year alone changes nothing in a text without year-less dates
    if (d.rule === "story-year" && !cuesOf(it).yearless) continue;
    const fresh = redate(it.article, it.record, d, options);
    report.reanalysed++;
    if (fresh.published) report.filled.set(fresh.id, fresh.published_rule ?? d.rule);
    it.record = fresh;
  }
  for (const it of items) report.onsetEvents += dateOnsetEvents(it.record, registry, it.article.text);
  return report;
}

/** The publication day a decision gives (before re-analysis): the hint, or the year-completed month-day. */
function dayFor(d: DateDecision, cues: DateCues): string | null {
  if (d.publishedHint) return d.publishedHint.value;
  if ((d.rule === "story-mate:year" || d.rule === "batch-year") && cues.partial && d.yearHint !== null) {
    const md = partialMonthDay(cues.partial);
    return md ? isoDay(dayOf(d.yearHint, md.m, md.d)) : null;
  }
  return null;
}

/**
 * Online form (ingest service): one article just assigned to a story, its dated story-mates
 * (read from the store or the story index: articles of that story only). Returns the re-dated
 * record, or the record unchanged when it already has a date or the mates give no basis.
 */
export function redateFromMates(article: Article, record: ArticleRecord, mates: readonly Mate[], options: AnalyzeOptions = {}): ArticleRecord {
  if (record.published) return record;
  const others = mates.filter((m) => m.id !== record.id && m.published);
  if (others.length === 0) return record;
  const d = decideFromMates(dateCues(article), others);
  return d ? redate(article, record, d, options) : record;
}

/** Story-mates read from the store for one undated article (its story's latest dated ones). */
const MATES_READ = 50;

/**
 * Online form over a store. Story-mates (when `mates`, i.e. the article joined an existing story):
 * their dates are read from the store (that story's articles only). Onsets: the store keeps a
 * small registry of war starts (state `dates:onsets`, read once per store and written through);
 * the article's dated onset statements are added to it, an undated article is anchored by it, and
 * its undated campaign mentions take the registered onset. The cost does not grow with the
 * store: one bounded read of the story's latest articles, one state read per store, a trigger test, and the time parse only for
 * articles with an onset word. Returns the re-dated record, or the same record.
 */
export async function redateFromStore(
  store: Pick<Store, "listArticles"> & Partial<Pick<Store, "getState" | "setState">>, article: Article, record: ArticleRecord,
  options: AnalyzeOptions = {}, opts: { mates?: boolean } = {},
): Promise<ArticleRecord> {
  let out = record;
  if (opts.mates !== false && !record.published && record.story) {
    // the story's latest dated articles (newest first, undated last): a bounded read however big the story grows
    const mates: Mate[] = [];
    for (const a of await store.listArticles({ story: record.story, limit: MATES_READ })) {
      if (a.id !== record.id && a.published) mates.push({ id: a.id, published: a.published });
    }
    out = redateFromMates(article, record, mates, options);
  }
  if (!out.published) {
    // undated: onsets, events of the same two persons and counts that other articles date
    const registry = await storeRegistry(store);
    const cues = onsetCues(article, out, null, { ties: true, planned: true });
    const events = await storedTies(store, cues.ties);
    const d = decideFromAnchors(out.id, cues, registry, events);
    if (d) out = redate(article, out, d, options);
    if (registry.addCues(out.id, cues) && store.setState) await store.setState(ONSET_STATE, JSON.stringify(registry.toJSON()));
    dateOnsetEvents(out, registry, article.text);
  } else {
    await storeTies(store, out);
    if (!ONSET_TRIGGER_RE.test(article.text)) return out;
    const registry = await storeRegistry(store);
    const cues = onsetCues(article, out, parseIsoDay(out.published));
    if (registry.addCues(out.id, cues) && store.setState) await store.setState(ONSET_STATE, JSON.stringify(registry.toJSON()));
    dateOnsetEvents(out, registry, article.text);
  }
  return out;
}

/** State rows of dated ties: one per key ("dates:tie:p:kuleba|lavrov"), ISO day → a few article ids. */
const TIE_STATE = "dates:tie:";
/** Article ids kept per day of a key (enough to name the evidence; further ones change nothing). */
const TIE_IDS = 3;
/** Days kept per key (the latest). */
const TIE_DAYS = 30;

/**
 * Online registration of a dated article's person-pair events (by their dates) and distinctive
 * counts (by their as-of or publication day): one primary-key state read per key, and a write
 * only when the key gains a day or one of its first few articles.
 */
async function storeTies(store: Partial<Pick<Store, "getState" | "setState">>, record: ArticleRecord): Promise<void> {
  if (!store.getState || !store.setState) return;
  const pub = parseIsoDay(record.published);
  const add = new Map<string, number>();
  for (const e of record.events) {
    const day = parseIsoDay(e.date);
    if (day === null || !e.source.person || !e.target.person) continue;
    const a = surnameOf(foldName(e.source.person));
    const b = surnameOf(foldName(e.target.person));
    if (a && b && a !== b) add.set(`p:${pairKey(a, b)}`, day);
  }
  for (const t of figureTies(record, pub)) if (t.day !== null) add.set(t.key, t.day);
  for (const [key, day] of add) {
    const raw = await store.getState(TIE_STATE + key);
    let json: Record<string, string[]> = {};
    try {
      json = raw ? (JSON.parse(raw) as Record<string, string[]>) : {};
    } catch {
      json = {};
    }
    const iso = isoDay(day);
    const ids = json[iso] ?? [];
    if (ids.includes(record.id) || ids.length >= TIE_IDS) continue;
    json[iso] = [...ids, record.id];
    const days = Object.keys(json).sort();
    for (const old of days.slice(0, Math.max(0, days.length - TIE_DAYS))) delete json[old];
    await store.setState(TIE_STATE + key, JSON.stringify(json));
  }
}

/** The stored days of an undated article's tie keys, as a registry for decideFromAnchors. */
async function storedTies(store: Partial<Pick<Store, "getState">>, ties: readonly EventTie[]): Promise<OnsetRegistry> {
  const r = new OnsetRegistry();
  if (!store.getState) return r;
  for (const key of new Set(ties.map((t) => t.key))) {
    const raw = await store.getState(TIE_STATE + key);
    if (!raw) continue;
    try {
      for (const [iso, ids] of Object.entries(JSON.parse(raw) as Record<string, string[]>)) {
        const day = parseIsoDay(iso);
        if (day !== null) for (const id of ids) r.add(key, day, id);
      }
    } catch {
      // a damaged row: no anchor from it
    }
  }
  return r;
}

const ONSET_STATE = "dates:onsets";
const storeRegistries = new WeakMap<object, OnsetRegistry>();

/** The store's onset registry (kept in memory per store; a store without state keeps it in memory only). */
async function storeRegistry(store: Partial<Pick<Store, "getState">>): Promise<OnsetRegistry> {
  let r = storeRegistries.get(store);
  if (!r) {
    const raw = store.getState ? await store.getState(ONSET_STATE) : null;
    let json: Record<string, Record<string, string[]>> | null = null;
    try {
      json = raw ? (JSON.parse(raw) as Record<string, Record<string, string[]>>) : null;
    } catch {
      json = null; // a damaged registry is rebuilt from the articles that follow
    }
    r = OnsetRegistry.fromJSON(json);
    storeRegistries.set(store, r);
  }
  return r;
}

// ---------------------------------------------------------------- onsets (issue 4)
/*
 * Cross-article anchoring by a shared event: the start of a war or an invasion. Articles that
 * state it with a date ("since Russian troops invaded Ukraine on February 24", "launched the
 * offensive on Oct. 7, 2023") register the onset under the pair of sides (sorted actor codes). An
 * article whose own text fixes no publication date but ties the same onset to a weekday ("since
 * the war began last Thursday") is anchored: the onset day (whose weekday must be the one the
 * text names) bounds the publication day to one week, and the latest weekday the article
 * mentions ("on Monday") is the news day inside that week. A year-less onset ("since February
 * 24") gives the year. Undated campaign mentions ("Russia's invasion", "the war with Russia")
 * take the onset's date (`dateOnsetEvents`).
 * Identity is the event type (a war's start) plus the pair of sides; an onset without named
 * sides ("the war began") matches the one registered pair whose two sides both act in the
 * article. Cost: a trigger test per article; the time parse only for articles whose text has an
 * onset word; registry lookups by pair.
 */

/** Words that can start an onset phrase (a cheap test before any parse). */
const ONSET_TRIGGER_RE = /\b(?:invad|invasion|war\b|offensive|operation|intervention|incursion|hostilities|troops\s+into)/i;
/** A verbal onset: the date after it attaches to the start ("invaded Ukraine on February 24"). */
const ONSET_VERBAL_RE = new RegExp(
  [
    String.raw`\binvad(?:ed|ing)\b`,
    // "the war (between A and B) began": not "fighting erupted" or "the offensive began" (a flare-up, a phase)
    String.raw`\b(?:war|invasion|conflict|hostilities|incursion)s?\b(?:\s+(?:between|with|against|in|on|of)\s[^.;,:!?\n]{1,40}?)?\s+(?:began|begun|started|broke\s+out|erupted|was\s+launched)\b`,
    String.raw`\b(?:launch(?:ed|ing)?|start(?:ed|ing)?|beg[au]n|beginning|announc(?:ed|ing)|order(?:ed|ing)|declar(?:ed|ing))\s+(?:(?:a|an|the|its|his|their)\s+)?(?:["“”']?(?:full-scale|large-scale|so-called|all-out)\s+)*(?:invasion|war|incursion|["“”']?(?:special\s+)?military\s+(?:operations?|intervention|campaign|offensive)|["“”']?special\s+operation)\b`,
    String.raw`\bwhat\s+(?:it|he|she|they|[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\s+call(?:ed|s)\s+an?\s+["“”']?(?:special\s+)?military\s+operation\b`,
    String.raw`\b(?:start|beginning|outbreak|onset|launch)\s+of\s+(?:the|a|an|its|their)\s+(?:[\w"“”'-]+\s+){0,3}?(?:war|invasion|military\s+operations?|intervention|incursion|conflict|hostilities)\b`,
    String.raw`\bsent\s+(?:its\s+|their\s+)?(?:troops|forces|tanks|soldiers)\s+(?:into|across)\b`,
  ].join("|"),
  "gi",
);
/** The campaign nouns of an undated onset mention ("Russia's invasion", "the war with Russia"). */
const ONSET_NOUN_RE = /\b(?:invasion|invad(?:ed|ing)|war|(?:military|special)\s+(?:operations?|intervention)|["“]special\s+military\s+operation|offensive|incursion|sent\s+troops\s+into)\b/i;
/** Words of a single strike, never the start of the campaign. */
const STRIKE_RE = /\b(?:strikes?|shell(?:ed|ing)|bomb(?:ed|ing|ardment)|missiles?|rockets?|airstrikes?|raids?|shot|killed|attack\s+on)\b/i;
/** How far (characters) an onset phrase may lie from its date. */
const ONSET_GAP = 60;

/** One statement of a war's (or invasion's) start in an article. */
export interface OnsetMention {
  /** the two sides, sorted actor codes joined by "|", or null when the text names no two */
  pair: string | null;
  /** day number, when the text (read against the article's reference day) fixes it */
  day: number | null;
  /** month and day without a year ("since February 24") */
  md: { m: number; d: number } | null;
  /** the weekday the start is tied to ("began last Thursday"), with its modifier */
  weekday: number | null;
  mod: "last" | "next" | "this" | null;
  /** the onset phrase and its date */
  span: Span;
}

/** What an article offers to onset anchoring. */
export interface OnsetCues {
  mentions: OnsetMention[];
  /** past weekdays without a modifier ("on Monday"): the news day is the latest of them */
  weekdays: Array<{ weekday: number; span: Span }>;
  /** actor codes acting in the article (event sides, countries named, persons' and places' countries), when a mention names no sides */
  actors: Set<string>;
  /** events between two named persons tied to a day expression (only with `ties`) */
  ties: EventTie[];
}

/** An event between two named persons and the day expression of its sentence. */
export interface EventTie {
  /** "p:" and the sorted folded surnames: "p:kuleba|lavrov" */
  key: string;
  /** the day, when the article's reference (or a full date) fixes it */
  day: number | null;
  weekday: number | null;
  mod: "last" | "next" | "this" | null;
  future: boolean;
  /** the time expression */
  span: Span;
}

const NO_ONSETS: OnsetCues = { mentions: [], weekdays: [], actors: new Set(), ties: [] };

/** The sides named in [start, end): an ASSAULT event's pair there, else the countries named (names, demonyms, capitals, persons' countries). */
function actorsIn(text: string, record: ArticleRecord, start: number, end: number): Set<string> {
  const inside = (s: { start: number; end: number }) => s.start >= start && s.end <= end;
  for (const e of record.events) {
    if (e.type !== "ASSAULT" || !inside(e.span)) continue;
    if (e.source.actor && e.target.actor && e.source.actor !== e.target.actor) return new Set([e.source.actor, e.target.actor]);
  }
  const out = new Set(scanNames(text.slice(start, end)).countries);
  for (const p of record.persons) if (p.country && p.mentions.some(inside)) out.add(p.country);
  return out;
}

function articleActors(record: ArticleRecord, text: string): Set<string> {
  const out = new Set(scanNames(text).countries);
  for (const e of record.events) {
    if (e.source.actor) out.add(e.source.actor);
    if (e.target.actor) out.add(e.target.actor);
  }
  for (const p of record.persons) if (p.country) out.add(p.country);
  for (const p of record.places) if (p.country) out.add(p.country);
  return out;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Does an onset phrase attach to the date at [start, end) in `text` (same clause, close)? */
function onsetNear(text: string, start: number, end: number): Span | null {
  const from = Math.max(0, start - 160);
  const to = Math.min(text.length, end + ONSET_GAP + 40);
  const win = text.slice(from, to);
  ONSET_VERBAL_RE.lastIndex = 0;
  let best: Span | null = null;
  for (let m = ONSET_VERBAL_RE.exec(win); m; m = ONSET_VERBAL_RE.exec(win)) {
    const ms = from + m.index;
    const me = ms + m[0].length;
    // before the date: "invaded Ukraine on February 24"; after it: "on February 24 announced a …"
    const gap = me <= start ? text.slice(me, start) : ms >= end ? text.slice(end, ms) : "";
    if (gap.length > ONSET_GAP) continue;
    if (/[.;:!?\n]/.test(gap)) continue;
    if (/,\s/.test(gap) && !(ms >= end && /^,?\s*(?:\d{4}\s*,?\s*)?(?:when|as)\s/.test(gap))) continue;
    if (me <= start && /,\s/.test(gap)) continue;
    const s: Span = { start: Math.min(ms, start), end: Math.max(me, end) };
    if (!best || gap.length < best.end - best.start) best = s;
  }
  return best;
}

/**
 * The onset statements and weekday mentions of one article (a text-stage pass and the time
 * parse, only when the text has an onset word). `ref` is the day the article's dates are read
 * against (its publication day, or a caption's lower bound), or null.
 */
export function onsetCues(article: Article, record: ArticleRecord, ref: number | null, opts: { ties?: boolean; planned?: boolean } = {}): OnsetCues {
  const onsetWords = ONSET_TRIGGER_RE.test(article.text);
  // an undated article's planned events ("X will speak to Y on Sunday") anchor it too: they are
  // not in its record, so its doc is analysed again (undated articles only)
  const analysed = opts.ties && opts.planned ? analyze(article, { noMetadataDates: true }) : null;
  const pairs = opts.ties ? personPairEvents(analysed ? { events: analysed.events.filter((e) => e.realis === "asserted" || e.realis === "future") } : record) : [];
  if (!onsetWords && pairs.length === 0) {
    const figs = opts.ties ? figureTies(record, ref) : [];
    if (figs.length === 0) return NO_ONSETS;
    // a dated article only registers its counts; an undated one needs its weekdays (the parse)
    if (ref !== null || record.published) return { ...NO_ONSETS, ties: figs };
  }
  const doc = analysed ?? newDoc(article);
  if (!analysed) textStage.run(doc, {});
  const cands = candidatesOf(doc);
  if (cands.length === 0) return NO_ONSETS;
  let reference = ref;
  if (reference === null) {
    const own = inferPublished(doc, cands, null, null);
    reference = own.day ?? own.lowerBound ?? null;
  }
  const times = resolveCandidates(cands, { text: doc.text, ref: reference, year: null });
  const dayAt = new Map<number, number>();
  for (const t of times) if (t.grain === "day") dayAt.set(t.start, t.day);
  const mentions: OnsetMention[] = [];
  const weekdays: OnsetCues["weekdays"] = [];
  for (const c of cands) {
    if (c.future) continue;
    if (c.kind === "wd" && !c.mod && c.role !== "caption" && !/weekend/i.test(doc.text.slice(c.start, c.end))) weekdays.push({ weekday: c.weekday!, span: { start: c.start, end: c.end } });
    if (!onsetWords || (c.kind !== "abs" && c.kind !== "md" && c.kind !== "wd")) continue;
    if (c.endD !== undefined) continue; // a stated range is not a start day
    const span = onsetNear(doc.text, c.start, c.end);
    if (!span) continue;
    const sents = doc.sentences;
    const si = spanIndexAt(sents, c.start);
    const sent = sents[Math.min(Math.max(si, 0), sents.length - 1)];
    const lo = Math.max(sent ? sent.start : 0, span.start - 120);
    const hi = Math.min(sent ? sent.end : doc.text.length, span.end + 120);
    const codes = actorsIn(doc.text, record, lo, hi);
    const pair = codes.size === 2 ? pairKey(...([...codes] as [string, string])) : null;
    mentions.push({
      pair,
      day: dayAt.get(c.start) ?? (c.kind === "abs" ? dayOf(c.y!, c.m!, c.d!) : null),
      md: c.kind === "md" ? { m: c.m!, d: c.d! } : null,
      weekday: c.kind === "wd" ? c.weekday! : null,
      mod: c.kind === "wd" ? (c.mod ?? null) : null,
      span,
    });
  }
  // the sides acting in the article: only needed to place an onset that names none ("the war began")
  const actors = mentions.some((m) => m.pair === null) ? articleActors(record, doc.text) : new Set<string>();
  const ties = eventTies(doc, cands, dayAt, pairs);
  if (opts.ties) ties.push(...figureTies(record, ref));
  return { mentions, weekdays, actors, ties };
}

/** A count distinctive enough to identify one report across articles (not round, not small). */
function distinctiveCount(v: number): boolean {
  return Number.isInteger(v) && v >= 100 && v % 100 !== 0;
}

/**
 * The article's distinctive counts ("902 civilians killed"): key "f:<category>|<value>", with
 * the day they are as of (or the publication day) when known. The same count reported by an
 * undated article places it in the week after.
 */
function figureTies(record: ArticleRecord, ref: number | null): EventTie[] {
  const out: EventTie[] = [];
  const seen = new Set<string>();
  for (const f of record.figures) {
    if (!distinctiveCount(f.value)) continue;
    const key = `f:${f.category}|${f.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ key, day: parseIsoDay(f.as_of) ?? ref, weekday: null, mod: null, future: false, span: { start: f.span.start, end: f.span.end } });
  }
  return out;
}

/** Events between two named persons, with their key (sorted folded surnames). */
function personPairEvents(record: { events: ReadonlyArray<{ source: Side; target: Side; span: Span }> }): Array<{ key: string; span: Span }> {
  const out: Array<{ key: string; span: Span }> = [];
  for (const e of record.events) {
    if (!e.source.person || !e.target.person) continue;
    const a = surnameOf(foldName(e.source.person));
    const b = surnameOf(foldName(e.target.person));
    if (!a || !b || a === b) continue;
    out.push({ key: `p:${pairKey(a, b)}`, span: e.span });
  }
  return out;
}

/**
 * Each person-pair event tied to the day expression of its sentence (inside the event's words
 * first, else the nearest; photo captions and "since" start points excluded), as dateFor's
 * sentence rule reads it.
 */
function eventTies(doc: Doc, cands: readonly Cand[], dayAt: Map<number, number>, pairs: ReadonlyArray<{ key: string; span: Span }>): EventTie[] {
  const out: EventTie[] = [];
  const seen = new Set<string>();
  const sents = doc.sentences;
  for (const p of pairs) {
    const si = spanIndexAt(sents, p.span.start);
    const sent = sents[Math.min(Math.max(si, 0), sents.length - 1)];
    if (!sent) continue;
    let best: Cand | null = null;
    let bestScore = Infinity;
    for (const c of cands) {
      if (c.start < sent.start) continue;
      if (c.start >= sent.end) break;
      if (c.role === "caption" || c.role === "since" || c.endD !== undefined) continue;
      if (c.kind !== "wd" && c.kind !== "abs" && c.kind !== "md") continue;
      const score = c.start >= p.span.start && c.end <= p.span.end ? -1 : c.end <= p.span.start ? p.span.start - c.end : c.start - p.span.end;
      if (score < bestScore) [best, bestScore] = [c, score];
    }
    if (!best) continue;
    const id = `${p.key}@${best.start}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({
      key: p.key,
      day: dayAt.get(best.start) ?? (best.kind === "abs" ? dayOf(best.y!, best.m!, best.d!) : null),
      weekday: best.kind === "wd" ? best.weekday! : null,
      mod: best.kind === "wd" ? (best.mod ?? null) : null,
      future: best.future,
      span: { start: best.start, end: best.end },
    });
  }
  return out;
}

/** The day a tie's expression names when the article is published on `pub`. */
function tieDay(t: EventTie, pub: number | null): number | null {
  if (t.day !== null) return t.day;
  if (t.weekday === null || pub === null) return null;
  if (t.mod === "last") return weekdayOnOrBefore(pub, t.weekday, true);
  if (t.mod === "next") return weekdayOnOrAfter(pub, t.weekday, true);
  if (t.mod === "this") return mondayOf(pub) + ((t.weekday + 6) % 7);
  return t.future ? weekdayOnOrAfter(pub, t.weekday) : weekdayOnOrBefore(pub, t.weekday);
}

/** Publication days for which a weekday expression names `day`. */
function windowFor(weekday: number, mod: "last" | "next" | "this" | null, future: boolean, day: number): { lo: number; hi: number } | null {
  if (weekdayOf(day) !== weekday || mod === "this") return null;
  if (mod === "last") return { lo: day + 1, hi: day + 7 };
  if (mod === "next") return { lo: day - 7, hi: day - 1 };
  return future ? { lo: day - 6, hi: day } : { lo: day, hi: day + 6 };
}

/**
 * Registers the days of an article's person-pair events (past ones; the article's publication
 * day `pub` read into its weekdays). Returns true when something was new.
 */
export function registerTies(id: string, cues: OnsetCues, pub: number | null, events: OnsetRegistry): boolean {
  let changed = false;
  for (const t of cues.ties) {
    if (t.future) continue;
    const day = tieDay(t, pub);
    if (day !== null && events.add(t.key, day, id)) changed = true;
  }
  return changed;
}

/** Onset days by pair, from the dated statements of many articles. */
export class OnsetRegistry {
  /** pair → day → article ids */
  readonly byPair = new Map<string, Map<number, Set<string>>>();

  /**
   * Articles counted per day of a pair. Past it a day's count stops growing (it has long won or
   * lost), so memory, the saved state and the cost of `onset` stay bounded as the store grows.
   */
  static readonly MAX_IDS = 256;
  /** Article ids an onset names as its evidence. */
  static readonly FROM = 8;

  add(pair: string, day: number, id: string): boolean {
    let days = this.byPair.get(pair);
    if (!days) this.byPair.set(pair, (days = new Map()));
    let ids = days.get(day);
    if (!ids) days.set(day, (ids = new Set()));
    if (ids.has(id) || ids.size >= OnsetRegistry.MAX_IDS) return false;
    ids.add(id);
    return true;
  }

  /** Registers the dated, two-sided statements of one article; true when something was new. */
  addCues(id: string, cues: OnsetCues): boolean {
    let changed = false;
    for (const m of cues.mentions) if (m.pair && m.day !== null && this.add(m.pair, m.day, id)) changed = true;
    return changed;
  }

  /** The onset day of a pair: the day most articles state (none on a tie), with its articles. */
  onset(pair: string): { day: number; from: string[] } | null {
    const days = this.byPair.get(pair);
    if (!days) return null;
    let best: Set<string> | null = null;
    let bestDay = 0;
    let tie = false;
    for (const [day, ids] of days) {
      if (!best || ids.size > best.size) {
        [best, bestDay] = [ids, day];
        tie = false;
      } else if (ids.size === best.size) tie = true;
    }
    if (!best || tie) return null;
    const from: string[] = [];
    for (const id of best) if (from.push(id) >= OnsetRegistry.FROM) break;
    return { day: bestDay, from };
  }

  toJSON(): Record<string, Record<string, string[]>> {
    const out: Record<string, Record<string, string[]>> = {};
    for (const [pair, days] of this.byPair) {
      out[pair] = {};
      for (const [day, ids] of days) out[pair]![isoDay(day)] = [...ids].slice(0, OnsetRegistry.FROM);
    }
    return out;
  }

  static fromJSON(json: Record<string, Record<string, string[]>> | null): OnsetRegistry {
    const r = new OnsetRegistry();
    for (const [pair, days] of Object.entries(json ?? {})) {
      for (const [iso, ids] of Object.entries(days)) {
        const day = parseIsoDay(iso);
        if (day !== null) for (const id of ids) r.add(pair, day, id);
      }
    }
    return r;
  }
}

/** The registered onset an article's own mention refers to (its pair, or the one pair whose sides act in the article). */
function onsetFor(m: OnsetMention, cues: OnsetCues, registry: OnsetRegistry): { pair: string; day: number; from: string[] } | null {
  const fits = (day: number) =>
    (m.weekday === null || weekdayOf(day) === m.weekday) && (m.md === null || (ymdOf(day).m === m.md.m && ymdOf(day).d === m.md.d));
  if (m.pair) {
    const o = registry.onset(m.pair);
    return o && fits(o.day) ? { pair: m.pair, ...o } : null;
  }
  let found: { pair: string; day: number; from: string[] } | null = null;
  for (const pair of registry.byPair.keys()) {
    const [a, b] = pair.split("|") as [string, string];
    if (!cues.actors.has(a) || !cues.actors.has(b)) continue;
    const o = registry.onset(pair);
    if (!o || !fits(o.day)) continue;
    if (found && found.day !== o.day) return null; // two wars of the article fit: no anchor
    found = { pair, ...o };
  }
  return found;
}

/**
 * The publication date (or year) of an article whose text fixes none, from what other articles
 * date: a registered onset its text ties to a weekday or a year-less date, and events between the
 * same two named persons that its text ties to a weekday ("X spoke to Y on Sunday", "X and Y will
 * meet on Thursday") when exactly one registered day of that pair falls on that weekday. Each
 * anchor bounds the publication to a week; the anchors must agree. Inside the week the news day
 * is the one that keeps the article's weekdays ("on Monday", "Saturday") closest together (the
 * latest weekday is normally the news day). Null when nothing fits or the anchors disagree.
 */
export function decideFromAnchors(id: string, cues: OnsetCues, onsets: OnsetRegistry, events: OnsetRegistry | null = null): DateDecision | null {
  let lo = -Infinity;
  let hi = Infinity;
  let year: number | null = null;
  let evidence: Span | null = null;
  let yearEvidence: Span | null = null;
  let rule: "onset:weekday" | "event:weekday" | "figure:weekday" = "onset:weekday";
  const from = new Set<string>();
  const own: Span[] = [];
  let anchored = false;
  for (const m of cues.mentions) {
    if (m.day !== null || (m.weekday === null && m.md === null)) continue;
    const o = onsetFor(m, cues, onsets);
    if (!o) continue;
    const others = o.from.filter((x) => x !== id);
    if (others.length === 0) continue;
    year ??= ymdOf(o.day).y;
    others.forEach((x) => from.add(x));
    own.push(m.span);
    if (m.weekday === null) {
      yearEvidence ??= m.span;
      continue;
    }
    // "began last Thursday": the publication is 1–7 days after; "began on Thursday": 0–6 days
    const w = windowFor(m.weekday, m.mod, false, o.day)!;
    lo = Math.max(lo, w.lo);
    hi = Math.min(hi, w.hi);
    if (!anchored) [evidence, rule] = [m.span, "onset:weekday"];
    anchored = true;
  }
  if (events) {
    for (const t of cues.ties) {
      if ((t.weekday === null && !t.key.startsWith("f:")) || t.day !== null) continue;
      const days = events.byPair.get(t.key);
      if (!days) continue;
      let hit: { day: number; ids: string[] } | null = null;
      let count = 0;
      for (const [day, ids] of days) {
        const others = [...ids].filter((x) => x !== id);
        if (others.length === 0 || (!t.key.startsWith("f:") && weekdayOf(day) !== t.weekday)) continue;
        count++;
        hit = { day, ids: others };
      }
      if (!hit || count !== 1) continue; // none, or two days of that pair on that weekday
      // a count reported again: published on or after the day it is as of, within the week
      const w = t.key.startsWith("f:") ? { lo: hit.day, hi: hit.day + 6 } : t.weekday === null ? null : windowFor(t.weekday, t.mod, t.future, hit.day);
      if (!w) continue;
      lo = Math.max(lo, w.lo);
      hi = Math.min(hi, w.hi);
      hit.ids.forEach((x) => from.add(x));
      year ??= ymdOf(hit.day).y;
      if (!anchored) [evidence, rule] = [t.span, t.key.startsWith("f:") ? "figure:weekday" : "event:weekday"];
      anchored = true;
    }
  }
  if (year === null) return null;
  if (anchored && lo > hi) return null; // the anchors disagree
  const ids = [...from];
  if (!anchored) return { rule: "onset:year", yearHint: year, publishedHint: null, from: ids, window: null };
  evidence ??= yearEvidence;
  // the news day: of the days inside [lo, hi] named by the article's weekdays, the one that
  // keeps all its weekdays closest before it
  let best: { day: number; spread: number } | null = null;
  const named = cues.weekdays.filter((w) => !own.some((o) => w.span.start >= o.start && w.span.end <= o.end));
  for (const w of named) {
    const day = lo + ((w.weekday - weekdayOf(lo) + 7) % 7);
    if (day > hi) continue;
    let spread = 0;
    for (const v of named) spread = Math.max(spread, day - weekdayOnOrBefore(day, v.weekday));
    if (!best || spread < best.spread || (spread === best.spread && day > best.day)) best = { day, spread };
  }
  if (!best) return { rule: "onset:year", yearHint: year, publishedHint: null, from: ids, window: { lo, hi } };
  return {
    rule,
    yearHint: ymdOf(best.day).y,
    publishedHint: { value: isoDay(best.day), rule, evidence },
    from: ids,
    window: { lo, hi },
  };
}

/** Onset anchors only (see decideFromAnchors). */
export function decideFromOnsets(id: string, cues: OnsetCues, registry: OnsetRegistry): DateDecision | null {
  return decideFromAnchors(id, cues, registry, null);
}

/**
 * "since February 24, 2020 when Russia invaded Ukraine" where at least two other articles date
 * the same start on February 24 of another year: a slip of the year; the consensus year is taken
 * (`date_rule: "onset:year-consensus"`). The month and day must agree.
 */
function fixOnsetYear(record: ArticleRecord, e: ArticleRecord["events"][number], registry: OnsetRegistry): number {
  const day = parseIsoDay(e.date);
  if (day === null || !ONSET_NOUN_RE.test(e.evidence)) return 0;
  const o = registry.onset(pairKey(e.source.actor!, e.target.actor!));
  if (!o || o.day === day) return 0;
  const others = o.from.filter((x) => x !== record.id);
  const a = ymdOf(day);
  const b = ymdOf(o.day);
  if (others.length < 2 || a.m !== b.m || a.d !== b.d) return 0;
  const pub = parseIsoDay(record.published);
  if (pub !== null && o.day > pub) return 0;
  e.date = isoDay(o.day);
  Object.assign(e, { date_rule: "onset:year-consensus", date_from: others.slice(0, 5) });
  return 1;
}

const YEAR_RE = /\b(?:1[89]|20)\d\d\b/g;

/** A year other than `year` in the evidence's sentence (its line, up to 120 characters before and after). */
function otherYearNear(text: string, span: Span, year: number): boolean {
  const ls = Math.max(text.lastIndexOf("\n", span.start - 1) + 1, span.start - 120);
  let le = text.indexOf("\n", span.end);
  if (le < 0 || le > span.end + 120) le = Math.min(text.length, span.end + 120);
  const win = text.slice(ls, le);
  YEAR_RE.lastIndex = 0;
  for (let m = YEAR_RE.exec(win); m; m = YEAR_RE.exec(win)) if (Number(m[0]) !== year) return true;
  return false;
}

/**
 * Undated campaign mentions ("Russia's invasion", "the war with Russia") take the registered
 * onset of their pair of sides, when it is not after the article's publication. Returns how many
 * events were dated; each carries `date_rule: "onset"` and `date_from` (the articles).
 */
export function dateOnsetEvents(record: ArticleRecord, registry: OnsetRegistry, text: string | null = null): number {
  if (registry.byPair.size === 0) return 0;
  const pub = parseIsoDay(record.published);
  let n = 0;
  for (const e of record.events) {
    if (e.type !== "ASSAULT" || !e.source.actor || !e.target.actor) continue;
    if (e.date !== null) {
      n += fixOnsetYear(record, e, registry);
      continue;
    }
    if (!ONSET_NOUN_RE.test(e.evidence) || STRIKE_RE.test(e.evidence)) continue;
    const o = registry.onset(pairKey(e.source.actor, e.target.actor));
    if (!o || (pub !== null && o.day > pub)) continue;
    // "the 2014 war", "in 2008, Russia's invasion …": another year named next to it is another war
    if (text !== null && otherYearNear(text, e.span, ymdOf(o.day).y)) continue;
    e.date = isoDay(o.day);
    Object.assign(e, { date_rule: "onset", date_from: o.from.filter((x) => x !== record.id).slice(0, 5) });
    n++;
  }
  return n;
}
