/**
 * The time stage: publication date (metadata, else inferred from the text) and every time
 * expression of the article resolved against it (`doc.times`, sorted by position), from one
 * chrono-node parse. Later stages date events and figures with `dateFor`.
 */
import type { Stage } from "../../core/pipeline.js";
import type { AnalyzeOptions, Doc } from "../../core/types.js";
import { tokenTexts } from "../../text/lower.js";
import { parseIsoDay } from "./calendar.js";
import { parseCandidates, type Cand } from "./parse.js";
import { inferPublished, metadataPublished, publishedOf, type InferredPublished } from "./published.js";
import { resolveCandidates } from "./resolve.js";

export { dateFor, EVENT_DAY_OPTIONS, EVENT_OPTIONS, FIGURE_OPTIONS, NARRATIVE_SENTENCES, type DateForOptions, type DateForResult } from "./datefor.js";
export type { NewsTime } from "./resolve.js";
export type { InferredPublished } from "./published.js";

/** Candidates of the last parse, kept so a year hint can re-resolve without parsing again. */
const candCache = new WeakMap<Doc, readonly Cand[]>();

function contextYearOf(cands: readonly Cand[], published: number | null): number | null {
  if (published !== null) return null;
  let best: number | null = null;
  let bestKey = -Infinity;
  for (const c of cands) {
    if ((c.kind !== "abs" && c.kind !== "ym") || c.future) continue;
    const key = c.y! * 400 + c.m! * 32 + (c.d ?? 0);
    if (key > bestKey) {
      bestKey = key;
      best = c.y!;
    }
  }
  return best;
}

function runTime(doc: Doc, options: AnalyzeOptions, cands: readonly Cand[], yearHint: number | null): void {
  const meta = options.noMetadataDates ? null : doc.article.published;
  const metaDay = parseIsoDay(meta);
  const now = parseIsoDay(options.now) ?? Math.floor(Date.now() / 86_400_000);
  const pub: InferredPublished = metaDay !== null ? metadataPublished(meta, metaDay) : inferPublished(doc, cands, yearHint, now);
  doc.published = pub;
  // no publication date: a photo caption's full date ("Feb. 25, 2022. (AFP Photo)") still bounds
  // it from below, and weekday names are read against it ("on Thursday" is the Thursday before
  // the photo) while the publication date itself stays unknown
  const ref = pub.day ?? pub.lowerBound ?? null;
  doc.times = resolveCandidates(cands, { text: doc.text, ref, year: contextYearOf(cands, ref) ?? yearHint });
}

/** The time candidates of a doc's text, its date words found by its tokens (when the text stage gave them). */
function parse(doc: Doc): Cand[] {
  return doc.tokens.length ? parseCandidates(doc.text, { tokens: doc.tokens, ids: tokenTexts(doc).ids }) : parseCandidates(doc.text);
}

/** The time candidates of a doc: the time stage's own when it ran on the doc, else a new parse. */
export function candidatesOf(doc: Doc): readonly Cand[] {
  return candCache.get(doc) ?? parse(doc);
}

export const timeStage: Stage = {
  name: "time",
  requires: ["sentences", "tokens"],
  provides: ["published", "times"],
  run(doc, options) {
    const cands = parse(doc);
    candCache.set(doc, cands);
    runTime(doc, options, cands, null);
    if (options.yearHint && !doc.published.value) {
      runTime(doc, options, cands, options.yearHint);
      if (doc.published.value) doc.published.rule += ":year-from-story";
    }
    if (options.publishedHint && !doc.published.value) applyPublishedHint(doc, options, cands, options.publishedHint);
  },
};

/**
 * A publication date inferred across articles (src/resolve/dates.ts) for an article whose text
 * alone fixes none: taken as the reference, and every time expression re-resolved against it.
 */
function applyPublishedHint(doc: Doc, options: AnalyzeOptions, cands: readonly Cand[], hint: NonNullable<AnalyzeOptions["publishedHint"]>): void {
  const day = parseIsoDay(hint.value);
  if (day === null) return;
  const pub = publishedOf(hint.value, true, hint.evidence, hint.rule, day, null);
  doc.published = pub;
  doc.times = resolveCandidates(cands, { text: doc.text, ref: day, year: options.yearHint ?? null });
}

/**
 * Cross-article hooks. Record-based flows (analyze, eval) can instead re-run `analyze(article,
 * { yearHint })` for an undated article whose story-mates fix the year.
 *
 * When other articles of the same story fix the year (their publication
 * dates or explicit full dates), re-infer this article's publication date and times with it.
 * Only articles whose publication date is unknown change. Returns true when the date was filled.
 * Meant for the story/resolve layer, after clustering; costs no new parse.
 */
export function applyYearHint(doc: Doc, year: number, options: AnalyzeOptions = {}): boolean {
  if (doc.published.value) return false;
  runTime(doc, { ...options, noMetadataDates: true }, candidatesOf(doc), year);
  if (doc.published.value) doc.published.rule += ":year-from-story";
  return doc.published.value !== null;
}

/**
 * Cross-article year inference over one story's documents: the most common year among the
 * story-mates' known publication dates is offered to the ones without a date.
 */
export function inferStoryYears(docs: readonly Doc[], options: AnalyzeOptions = {}): number {
  const counts = new Map<number, number>();
  for (const d of docs) {
    const y = d.published.value ? Number(d.published.value.slice(0, 4)) : null;
    if (y) counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  if (counts.size === 0) return 0;
  const year = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
  let filled = 0;
  for (const d of docs) if (applyYearHint(d, year, options)) filled++;
  return filled;
}
