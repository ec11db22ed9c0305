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
import type { AnalyzeOptions, Article, ArticleRecord, Span } from "../core/types.js";
import { textStage } from "../extract/text.js";
import { dayOf, isoDay, parseIsoDay, weekdayOf, ymdOf } from "../extract/time/calendar.js";
import { parseCandidates } from "../extract/time/parse.js";
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
  rule: "story-mate:year" | "story-mate:weekday" | "story-mate:today" | "batch-year" | "story-year";
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
  const cands = parseCandidates(doc.text);
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
}

/**
 * Batch form (analyze, eval): after stories are assigned, dates every undated article it can from
 * its story-mates (rounds, so an article dated in one round can date its mates in the next), then
 * from the run's year, then from story-mates again; re-analyses the changed articles and replaces
 * their records in `items` (same order, same story). A metadata or text-fixed date never changes.
 */
export function redateBatch(items: BatchItem[], options: AnalyzeOptions = {}): RedateReport {
  const report: RedateReport = { filled: new Map(), reanalysed: 0 };
  const known = new Map<string, string>(); // id → published
  for (const it of items) if (it.record.published) known.set(it.record.id, it.record.published);
  const undated = items.filter((it) => !it.record.published);
  if (undated.length === 0) return report;
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

/**
 * Online form over a store: the article was just assigned to `record.story`; its story-mates'
 * dates are read from the store (that story's articles only, so the cost does not grow with the
 * store). Returns the re-dated record, or the same record when nothing changes.
 */
export async function redateFromStore(
  store: Pick<Store, "getStory">, article: Article, record: ArticleRecord, options: AnalyzeOptions = {},
): Promise<ArticleRecord> {
  if (record.published || !record.story) return record;
  const story = await store.getStory(record.story);
  if (!story) return record;
  const mates: Mate[] = [];
  for (const a of story.articles) if (a.id !== record.id && a.published) mates.push({ id: a.id, published: a.published });
  return redateFromMates(article, record, mates, options);
}
