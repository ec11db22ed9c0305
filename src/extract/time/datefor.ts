/**
 * `dateFor(doc, span)`: the date that governs an event or a figure reported at `span`.
 *
 * Precedence (the first that applies wins; `rule` names it):
 * 1. `sentence`: a time expression of the same sentence: one inside the span (a "since" date
 *    inside the span is the event's own date), else, for figures, a stated cut-off of the sentence
 *    ("until 24:00 on March 19"), else the nearest one by characters. Skipped: photo-caption
 *    dates (they date the photo), "since/from" start points outside the span, expressions about
 *    the future or after the publication date. The grain is kept: a month stays a month,
 *    "earlier this week" stays a range (with `grain: "day"` such a result has value null and
 *    rule `sentence:not-day`); for figures a period ("in the past week") gives its end day.
 * 2. events only: `unanchored` (the span or sentence says "earlier", "later", "previously"
 *    without a date), `habitual` ("repeatedly", "continues", "has been offering"),
 *    `past-perfect` ("had met", unless it refers back to "the call/meeting"): null, as the dev
 *    gold leaves these undated.
 * 3. figures only: `cutoff`: the article's stated cut-off before the span governs later counts.
 * 4. `published:perfect`: a present-tense or present-perfect report ("has said", "have agreed",
 *    "have fled", "welcomes"), not inside quotation marks: the publication date.
 *    `perfect-stance` (events): any other present perfect ("has called the invasion
 *    unacceptable"): null.
 * 5. `narrative`: the latest day-grain date mentioned before the sentence, at most
 *    NARRATIVE_SENTENCES sentences back, not across a section heading.
 * 6. `published:lead`: the span is in the lead (first LEAD_SENTENCES body sentences), not in a
 *    quotation: the publication date.
 * 7. `published:figure`: a count with no other date is as of the publication date.
 * 8. `none`: null.
 *
 * Cost: per call, two binary searches and a short scan; per-document facts are cached.
 */
import { spanIndexAt } from "../../core/span.js";
import { DocMemo } from "../../core/docmemo.js";
import type { Doc, Granularity, Sentence, Span } from "../../core/types.js";
import { isoDay, parseIsoDay } from "./calendar.js";
import { isHeadingAt, leadSentences } from "./published.js";
import type { NewsTime } from "./resolve.js";

/** (every result has the same four fields, evidence undefined when there is none: one object shape
 * for the code that reads results, which a result of another shape first met after optimisation
 * would deoptimise) */
export interface DateForResult {
  value: string | null;
  grain: Granularity | null;
  rule: string;
  evidence: Span | undefined;
}

export interface DateForOptions {
  /** "figure" falls back to the publication date; "event" (default) does so only for present reports */
  kind?: "event" | "figure";
  /** "day": return a value only at day grain (a month or range gives null, rule kept) */
  grain?: "day" | "any";
}

/** The options the extractors pass, as constants of one shape (no options object per call, and
 * one object shape for dateFor's reads of them) */
export const EVENT_OPTIONS: DateForOptions = { kind: "event", grain: "any" };
export const EVENT_DAY_OPTIONS: DateForOptions = { kind: "event", grain: "day" };
export const FIGURE_OPTIONS: DateForOptions = { kind: "figure", grain: "any" };

/** How many body sentences count as the lead (the day's news) for rule 4. */
export const LEAD_SENTENCES = 3;

/** How far back (in sentences) the narrative date reaches. */
export const NARRATIVE_SENTENCES = 4;

interface DocCache {
  source: readonly unknown[];
  times: readonly NewsTime[];
  timeSent: number[];
  /** paragraph index → true when the paragraph is a heading */
  headingPara: Set<number>;
  leadSent: Set<number>;
  ref: number | null;
  /** the publication date `ref` was read from */
  pub: string | null;
  /** sentence index → its sentence-level facts, computed on first use (several events share a sentence) */
  facts: (SentFacts | undefined)[];
}

/**
 * What the precedence rules read off a whole sentence: the same for every span in it, so each
 * regex runs at most once per sentence (several events and figures share a sentence), and only
 * when a rule asks for it.
 */
class SentFacts {
  private u?: boolean;
  private h?: boolean;
  private pp?: boolean;
  private p?: boolean;
  private ap?: boolean;
  private pr?: boolean;
  constructor(readonly text: string) {}
  get unanchored(): boolean {
    return (this.u ??= UNANCHORED_RE.test(this.text));
  }
  /** "emphasized that “we will continue …”": a habitual word the speaker is quoted saying does not make the report habitual */
  get habitual(): boolean {
    return (this.h ??= HABITUAL_RE.test(this.text) && HABITUAL_RE.test(unquoted(this.text)));
  }
  get pastPerfect(): boolean {
    return (this.pp ??= PAST_PERFECT_RE.test(this.text) && !ANAPHORIC_EVENT_RE.test(this.text));
  }
  get perfect(): boolean {
    return (this.p ??= PERFECT_RE.test(this.text));
  }
  get anyPerfect(): boolean {
    return (this.ap ??= ANY_PERFECT_RE.test(this.text));
  }
  get present(): boolean {
    return (this.pr ??= PRESENT_RE.test(this.text));
  }
}

function sentFacts(c: DocCache, text: string, sent: Sentence, si: number): SentFacts {
  let f = c.facts[si];
  if (!f) c.facts[si] = f = new SentFacts(text.slice(sent.start, sent.end));
  return f;
}

// The facts of the last docs asked for (dateFor runs on a doc's figures, then on its events)
const facts = new DocMemo<DocCache>();

function docCache(doc: Doc): DocCache {
  const c = facts.get(doc, doc.times);
  if (c && c.pub === doc.published.value) return c;
  // the time stage fills doc.times with NewsTime objects (TimeExpr plus role, day numbers)
  const times = doc.times as unknown as readonly NewsTime[];
  const timeSent = times.map((t) => spanIndexAt(doc.sentences, t.start));
  const headingPara = new Set<number>();
  let last = -1;
  for (const s of doc.sentences) {
    if (s.para === last) continue;
    last = s.para;
    const ls = doc.text.lastIndexOf("\n", s.start - 1) + 1;
    let le = doc.text.indexOf("\n", s.start);
    if (le < 0) le = doc.text.length;
    if (isHeadingAt(doc.text, ls, le)) headingPara.add(s.para);
  }
  const leadSent = new Set(leadSentences(doc, LEAD_SENTENCES).map((s) => doc.sentences.indexOf(s)));
  const fresh: DocCache = { source: doc.times, times, timeSent, headingPara, leadSent, ref: parseIsoDay(doc.published.value), pub: doc.published.value, facts: [] };
  facts.set(doc, doc.times, fresh);
  return fresh;
}

/** Right before an event's words: it is named as a start point ("since the invasion"). */
const START_POINT_BEFORE_RE = /\b(?:since|ever\s+since)\s+(?:the\s+|a\s+)?$/i;
const UNANCHORED_RE = /\b(?:earlier|later|previously|recently|formerly|in the past)\b/i;
const HABITUAL_RE =
  /\b(?:repeatedly|on several occasions|on many occasions|continu(?:e|es|ing)|(?:has|have|had) been \w+ing|regularly|(?:has|have) long|since the (?:beginning|start|outbreak))\b/i;
const PAST_PERFECT_RE = /\bhad\s+(?:(?:\w+ly|not|also|already|just)\s+)*[a-z]+(?:ed|en|wn|ne|ht|ld|id|ft|un|de|pt|lt|nt|ck|et)\b/i;
/** "during the call": the sentence refers back to an event already dated */
const ANAPHORIC_EVENT_RE = /\b(?:during|in|at|after|on) the (?:call|meeting|talks|conversation|visit|summit|phone call)\b/i;
/** Any present perfect */
const ANY_PERFECT_RE =
  /\b(?:has|have)\s+(?:(?:\w+ly|not|also|now|already|since|just)\s+)*(?:been\s+)?(?:[a-z]+(?:ed|en|wn|ne|ht|ld|id|ft|un|de|pt|lt|nt|ck)|come|become|met|lost|put|hit|cut|had|got|set|let|quit)\b/i;
/** Present perfect of a report (not of a stance: "has called the invasion unacceptable" is left undated). */
const PERFECT_RE =
  /\b(?:has|have)\s+(?:(?:\w+ly|also|now|already|just|since)\s+)*(?:said|stated|announced|agreed|confirmed|reported|signed|accepted|approved|warned|urged|asked|called\s+for|requested|proposed|told|released|published|fled|left|crossed|arrived|killed|died|reached|risen|rose|grown|increased|fallen|dropped)\b/i;
const PRESENT_RE =
  /\b(?:says|welcomes|urges|calls|warns|condemns|rejects|supports|thanks|hopes|wants|believes|accuses|denies|insists|demands|asks|expects|reports|announces|confirms|estimates|appeals|stresses|holds|meets|hosts|visits)\b/i;

/** Is the offset inside quotation marks opened earlier in the sentence? */
function insideQuote(sentText: string, offset: number): boolean {
  let open = 0;
  let straight = 0;
  for (let i = 0; i < offset && i < sentText.length; i++) {
    const ch = sentText[i];
    if (ch === "“") open++;
    else if (ch === "”") open = Math.max(0, open - 1);
    else if (ch === '"') straight++;
  }
  return open > 0 || straight % 2 === 1;
}

/** The sentence with its quotations (curly or straight double quotes) blanked out. */
function unquoted(sentText: string): string {
  return sentText.replace(/“[^”]*(?:”|$)|"[^"]*(?:"|$)/g, (q) => " ".repeat(q.length)).replace(FUTURE_CONTINUE_RE, (q) => " ".repeat(q.length));
}

/** "Russia would continue its aggression", "will continue to support": a stated intention, not a habit of the report */
const FUTURE_CONTINUE_RE = /\b(?:will|would|shall|vowed\s+to|pledged\s+to|promised\s+to)\s+(?:not\s+)?continu(?:e|es|ing)\b/gi;

/** Can `t` date a report? `role` overrides its role ("since" inside the span is the event's own date). */
function usable(t: NewsTime, ref: number | null, role = t.role): boolean {
  if (role === "caption" || role === "since" || t.future) return false;
  if (ref !== null && t.day > ref) return false;
  return true;
}

function fromTime(t: NewsTime, rule: string, opts: DateForOptions, ref: number | null = null): DateForResult {
  const ev = { start: t.start, end: t.end };
  // a count over a period ("in the past week") is as of the period's end (not after the reference)
  if (opts.kind === "figure" && (t.grain === "range" || t.grain === "week")) {
    const day = ref !== null ? Math.min(ref, t.endDay) : t.endDay;
    return { value: isoDay(day), grain: "day", rule: `${rule}:period-end`, evidence: ev };
  }
  if (opts.grain === "day" && t.grain !== "day") return { value: null, grain: t.grain, rule: `${rule}:not-day`, evidence: ev };
  return { value: t.value, grain: t.grain, rule, evidence: ev };
}

function published(doc: Doc, rule: string): DateForResult {
  const ev = doc.published.evidence;
  return { value: doc.published.value, grain: "day", rule, evidence: ev ? { start: ev.start, end: ev.end } : undefined };
}

/** No date, and the rule that decided so (a literal, not a spread: dateFor runs per event and figure). */
function undated(rule: string): DateForResult {
  return { value: null, grain: null, rule, evidence: undefined };
}

/** The date that governs an event or figure reported at `span` (see the precedence above). */
export function dateFor(doc: Doc, span: Span, opts: DateForOptions = EVENT_OPTIONS): DateForResult {
  const none = undated("none");
  const sents = doc.sentences;
  if (sents.length === 0) return none;
  const c = docCache(doc);
  const si = Math.min(spanIndexAt(sents, span.start), sents.length - 1);
  const sent = sents[si]!;
  const times = c.times;
  const isFigure = opts.kind === "figure";
  const text = doc.text;

  // 1. same sentence: inside the span first (a "since" date inside the span is the event's own
  //    date), then, for figures, a stated cut-off, then the nearest
  let inside: NewsTime | null = null;
  let cutoff: NewsTime | null = null;
  let best: NewsTime | null = null;
  let bestScore = Infinity;
  for (let i = spanIndexAt(times, sent.start); i < times.length; i++) {
    const t = times[i]!;
    if (t.start >= sent.end) break;
    const isInside = t.start >= span.start && t.end <= span.end;
    if (isInside && !inside && usable(t, c.ref, t.role === "since" ? "plain" : t.role)) inside = t;
    if (!usable(t, c.ref)) continue;
    if (t.role === "until" && !cutoff) cutoff = t;
    const score = t.end <= span.start ? span.start - t.end : t.start - span.end;
    if (score < bestScore) {
      bestScore = score;
      best = t;
    }
  }
  if (inside) return fromTime(inside, "sentence", opts, c.ref);
  // "fled in the week since Russia's invasion, the UN said Thursday": an event named as a start
  // point is not dated by the report's time expressions
  if (!isFigure && START_POINT_BEFORE_RE.test(text.slice(Math.max(sent.start, span.start - 24), span.start))) return undated("start-point");
  if (!isFigure && UNANCHORED_RE.test(text.slice(span.start, span.end))) return undated("unanchored");
  if (isFigure && cutoff) return fromTime(cutoff, "sentence:cutoff", opts);
  if (best) return fromTime(best, "sentence", opts, c.ref);
  const f = sentFacts(c, text, sent, si);
  const sentText = f.text;

  // 2. undated "earlier/later", habitual reports, past perfect
  if (!isFigure) {
    if (f.unanchored) return undated("unanchored");
    if (f.habitual) return undated("habitual");
    if (f.pastPerfect) return undated("past-perfect");
  }
  // figures: the article's stated cut-off ("until 24:00 on March 19") governs its later counts
  if (isFigure) {
    for (let i = spanIndexAt(times, sent.start) - 1; i >= 0; i--) {
      const t = times[i]!;
      if (t.role === "until" && t.grain === "day" && usable(t, c.ref)) return fromTime(t, "cutoff", opts);
    }
  }
  // 3. present and present-perfect reports are as of the publication date (not words quoted);
  //    a present perfect of a stance ("has called the invasion unacceptable") is left undated
  const perfect = f.perfect || (isFigure && f.anyPerfect);
  if (doc.published.value && (perfect || f.present) && !insideQuote(sentText, span.start - sent.start)) {
    return published(doc, "published:perfect");
  }
  if (!isFigure && f.anyPerfect) return undated("perfect-stance");

  // 5. narrative: the latest date before the sentence, within reach, not across a heading
  for (let i = spanIndexAt(times, sent.start) - 1; i >= 0; i--) {
    const t = times[i]!;
    const ts = c.timeSent[i]!;
    if (si - ts > NARRATIVE_SENTENCES) break;
    let crossed = false;
    for (let k = ts + 1; k <= si && !crossed; k++) if (sents[k]!.para !== sents[k - 1]!.para && c.headingPara.has(sents[k]!.para)) crossed = true;
    if (crossed) break;
    if (!usable(t, c.ref) || t.grain !== "day") continue;
    return fromTime(t, "narrative", opts);
  }

  if (doc.published.value) {
    // 6. the lead reports the day's news
    if (c.leadSent.has(si) && !insideQuote(sentText, span.start - sent.start)) return published(doc, "published:lead");
    // 7. figures are as of the publication date
    if (isFigure) return published(doc, "published:figure");
  }
  return none;
}
