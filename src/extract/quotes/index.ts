/**
 * Quotes: direct quotes (words inside quotation marks, with the speaker from the attribution
 * around them) and reported speech ("X said (that) …", "…, X said", "According to X, …",
 * "…, warning that …"), each with the speaker resolved through the entities layer.
 *
 * `attributionFrames(doc)` also returns the frames that are not quotes ("…, according to X",
 * pure attributions of an event), which the figures stage uses to say who gives a number.
 */
import type { Stage } from "../../core/pipeline.js";
import type { Doc, QuoteRecord, Sentence, Span } from "../../core/types.js";
import { DocMemo } from "../../core/docmemo.js";
import { findQuoteMarks, QUOTE_CHAR_RE, type QuoteMarks } from "./direct.js";
import { tokenTexts } from "../../text/lower.js";
import { WordFacts, wordText } from "../../text/words.js";
import { isAsciiWordCode } from "../../text/chars.js";
import {
  atSpan,
  capAt,
  lowerTokens,
  resolveSpeaker,
  SPEECH_PARTICIPLES,
  SPEECH_VERBS,
  subjectAfter,
  subjectBefore,
  tokenAt,
  newContext,
  refersTo,
  ROLE_WORDS,
  remember,
  type Speaker,
  type SpeakerContext,
} from "./speaker.js";

export interface Frame {
  speaker: Speaker | null;
  /** the quoted or reported words */
  span: Span;
  direct: boolean;
  /** a quote to report (false: an attribution only, e.g. "…, according to X") */
  isQuote: boolean;
  rule: string;
}

/** Speech verbs, their participles and the quoting verbs: where reported speech may stand ("according to" apart). */
const SPEECH_POS_WORDS = new Set([...SPEECH_VERBS, ...SPEECH_PARTICIPLES, "quotes", "quoted", "cites", "cited"]);
export const T_ACCORDING = 1;
export const T_SPEECH = 2;
/** T_ACCORDING for "according" in any case, T_SPEECH for a speech word written in lower case (not "Said"), else 0. */
export function speechTokenBits(t: string): number {
  const w = t.toLowerCase();
  if (w === "according") return T_ACCORDING;
  const c = t.charCodeAt(0);
  return c >= 97 && c <= 122 && SPEECH_POS_WORDS.has(w) ? T_SPEECH : 0;
}
const SPEECH_SCAN = new WordFacts((id) => speechTokenBits(wordText(id)));

/** Words that need a following "that" to open a reported clause. */
const NEED_THAT = new Set(
  ("believes believe hoped expects expected suggested suggests indicated indicates revealed disclosed confirmed confirms accused denied denies estimated estimates predicted informed alleged alleges points pointed highlighted observed conceded detailed briefed underscores assured acknowledged acknowledges admitted admits recalled announced announces reported reports " +
    // verbs that as often take a noun phrase ("reiterated his call", "stressed the importance of")
    "tweeted tweets posted wrote writes " +
    "reiterated reiterates stressed stresses emphasized emphasised emphasizes emphasises underlined underlines underscored noted notes affirmed lamented commented").split(
    " ",
  ),
);
/** Verbs that are only used to find the speaker of a quoted fragment, never to open a reported clause. */
const NO_CLAUSE = new Set(["accused", "detailed", "briefed", "denied", "denies"]);
/** Words that may follow a speech verb before its clause ("said on Thursday in a statement"). */
const ADVERBIAL_HEADS = new Set(
  "on in at during after before late early earlier later last this yesterday today tonight monday tuesday wednesday thursday friday saturday sunday via through also again outside inside near".split(
    " ",
  ),
);
const ADVERBIAL_WORDS = new Set(
  (
    "a an the his her their its statement interview conference news press briefing address speech twitter telegram facebook " +
    "tweet post video message meeting call phone evening morning night afternoon day week weekend talks televised joint " +
    "written separate monday tuesday wednesday thursday friday saturday sunday earlier later online website social media " +
    "remarks comments appearance broadcast state television tv radio channel x instagram account official"
  ).split(" "),
);
const DATELINE_RE = /^\p{Lu}[\p{Lu} .,'’-]+(?:,\s*\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,2}(?:\s+\d{1,2})?)?\s*(?:\([^)]{1,40}\))?\s*[-—–•]+\s*/u;
const DATA_RE = /\b(?:data|figures|statistics|estimates|count|tally|numbers)\b/i;
const QUOTING = new Set(["quotes", "quoted", "cites", "cited"]);
const SUBORDINATORS = new Set(["after", "before", "following", "when", "while", "ahead", "upon", "once"]);
const TELL_OBJECTS = new Set("reporters journalists him her them us me parliament lawmakers the press media".split(" "));
const DISCUSS_RE = /\b(?:discuss(?:ed|ing)?|spoke|talked|held (?:talks|a (?:phone )?call|a meeting|a phone conversation)|met|had a (?:phone )?(?:call|conversation)|exchanged views|conversation|condolences|thanked|congratulated|visited|received)\b/i;

interface Found {
  frames: Frame[];
  quotes: QuoteRecord[];
}
// The frames of the last docs analysed (the figures stage, then the quotes stage, ask for the same doc)
const found = new DocMemo<Found>();

/** All attribution frames of the doc (memoised: the figures stage and the quotes stage share them). */
export function attributionFrames(doc: Doc): Frame[] {
  return analyseQuotes(doc).frames;
}

export function findQuotes(doc: Doc): QuoteRecord[] {
  return analyseQuotes(doc).quotes;
}

function analyseQuotes(doc: Doc): Found {
  const kept = found.get(doc, doc.tokens);
  if (kept) return kept;
  const hasQuote = QUOTE_CHAR_RE.test(doc.text);
  const marks = hasQuote ? findQuoteMarks(doc) : [];
  // (built in place: an object spread here cost a runtime call per doc)
  const state = newContext() as State;
  state.prevPara = -10;
  const frames: Frame[] = [];
  // one pass in text order, so that "he said" finds the speaker just quoted
  const byClose = new Map<number, QuoteMarks[]>();
  for (const q of marks) {
    const sc = sentOf(doc, Math.max(q.start, q.end - 1));
    const list = byClose.get(sc);
    if (list) list.push(q);
    else byClose.set(sc, [q]);
  }
  // sentences with a speech verb or "according to": the only ones the reported pass reads
  // (one native regex pass; token indexes of the candidates, by sentence)
  const speechSent = new Map<number, number[]>();
  {
    // a token scan by word id (the facts memoised per word): lower-case verbs only
    const { lw: low, ids } = tokenTexts(doc);
    for (let ti = 0; ti < low.length; ti++) {
      const f = SPEECH_SCAN.get(ids[ti]!);
      if (f === 0 || (f === T_ACCORDING && low[ti + 1] !== "to")) continue;
      const si = doc.tokens[ti]!.sent;
      const list = speechSent.get(si);
      if (list) list.push(ti);
      else speechSent.set(si, [ti]);
    }
  }
  for (let si = 0; si < doc.sentences.length; si++) {
    const sent = doc.sentences[si]!;
    const qs = byClose.get(si);
    if (qs) {
      for (const q of qs) {
        const f = directQuote(doc, marks, q, state);
        if (f) frames.push(f);
      }
    }
    const cands = speechSent.get(si);
    if (cands) reportedInSentence(doc, marks, sent, cands, frames, state);
  }
  frames.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const f = { frames, quotes: selectQuotes(doc, frames) };
  found.set(doc, doc.tokens, f);
  return f;
}

function sentOf(doc: Doc, pos: number): number {
  const i = Math.min(tokenAt(doc, pos), doc.tokens.length - 1);
  return doc.tokens[i]!.sent;
}

/** Does token k start with an ASCII lower-case letter (`/^[a-z]/` on its first char)? */
function lowerAt(doc: Doc, k: number): boolean {
  const c = doc.text.charCodeAt(doc.tokens[k]!.start);
  return c >= 97 && c <= 122;
}

const isMark = (s: string) => s.length === 1 && MARK_CHARS.includes(s);
const MARK_CHARS = "\"“”«»‘’'";

/** Is token i inside one of the quotes? */
function insideMarks(doc: Doc, marks: QuoteMarks[], pos: number): boolean {
  for (const m of marks) if (m.start < pos && pos < m.end) return true;
  return false;
}

interface State extends SpeakerContext {
  prevPara: number;
}

/** A sentence without end punctuation (a headline, a caption line) carries no attribution. */
function isHeadline(doc: Doc, sentIdx: number): boolean {
  const sent = doc.sentences[sentIdx]!;
  // (`/[.!?:"”’')\]]/` on the last two chars, read off the chars)
  for (let i = Math.max(sent.start, sent.end - 2); i < sent.end; i++) {
    const c = doc.text.charCodeAt(i);
    if (c === 46 || c === 33 || c === 63 || c === 58 || c === 34 || c === 0x201d || c === 0x2019 || c === 39 || c === 41 || c === 93) return false;
  }
  return true;
}

function directQuote(doc: Doc, marks: QuoteMarks[], q: QuoteMarks, state: State): Frame | null {
  const low = lowerTokens(doc);
  if (q.words < 2) return null;
  const sClose = sentOf(doc, Math.max(q.start, q.end - 1));
  const sOpen = sentOf(doc, q.start);
  if (isHeadline(doc, sClose) && doc.sentences[sClose]!.para === q.para && !q.open) return null;
  const sentO = doc.sentences[sOpen]!;
  const sentC = doc.sentences[sClose]!;
  let speaker: Speaker | null = null;
  let rule = "";
  // 1. after the closing mark: ", Akar said" / ", said Kuleba" / ", the report says"
  {
    const i0 = tokenAt(doc, q.end);
    for (let j = i0; j < Math.min(sentC.tokEnd, i0 + 30); j++) {
      const w = low[j]!;
      if (isMark(w) && j > i0) break;
      if (j >= i0 + 12 && !(SPEECH_VERBS.has(w) && low[j - 2] === "," || SPEECH_VERBS.has(w) && low[j - 1] !== "," && subjectBefore(doc, j, i0) !== null)) continue;
      if (QUOTING.has(w) && j <= i0 + 8) {
        // "“…,” TASS quotes a source in the ministry": the one quoted is the speaker
        const obj = subjectAfter(doc, j);
        if (obj) speaker = resolveSpeaker(doc, obj[0], obj[1], state);
        if (speaker) rule = "direct:quoted";
        break;
      }
      if (!SPEECH_VERBS.has(w) || !lowerAt(doc, j)) continue;
      const subj = subjectBefore(doc, j, i0);
      let sp: Speaker | null = null;
      // ", Akar said" right after the quote, or "… as a possible third state, the top diplomat said"
      // (a few modifier words may stand before the subject's known part: "EU foreign policy chief Josep Borrell wrote")
      const gapIsWords = subj !== null && subj[0] - i0 <= 5 && allWords(low, i0, subj[0]);
      if (subj && (subj[0] <= i0 + 2 || low[subj[0] - 1] === "," || gapIsWords)) sp = resolveSpeaker(doc, gapIsWords && subj[0] > i0 + 2 ? i0 : subj[0], subj[1], state);
      else if (j <= i0 + 2) {
        const after = subjectAfter(doc, j);
        if (after) sp = resolveSpeaker(doc, after[0], after[1], state);
      }
      if (sp) {
        speaker = sp;
        rule = "direct:after";
      }
      break;
    }
  }
  // 1b. "“…” This was announced by X": a passive attribution in the next sentence
  if (!speaker) {
    const i0 = tokenAt(doc, q.end);
    const next = doc.sentences[sClose + 1];
    if (i0 >= sentC.tokEnd - 1 && next && next.para === sentC.para) {
      for (let j = next.tokStart; j < Math.min(next.tokEnd - 1, next.tokStart + 5); j++) {
        if ((SPEECH_VERBS.has(low[j]!) || low[j] === "announced") && low[j + 1] === "by") {
          const after = subjectAfter(doc, j + 1);
          if (after) speaker = resolveSpeaker(doc, after[0], after[1], state);
          if (speaker) rule = "direct:passive-by";
          break;
        }
      }
    }
  }
  // 2. before the opening mark in its sentence: "Kuleba added: “…”", "Akar said Turkey is “…”"
  const openTok = tokenAt(doc, q.start);
  const midSentence = openTok - sentO.tokStart >= 2;
  if (!speaker || midSentence) {
    let sp: Speaker | null = null;
    for (let j = openTok - 1; j >= sentO.tokStart; j--) {
      const w = low[j]!;
      if (!SPEECH_VERBS.has(w)) continue;
      if (!lowerAt(doc, j)) continue;
      if (insideMarks(doc, marks, doc.tokens[j]!.start)) continue;
      const subj = subjectBefore(doc, j);
      if (subj) sp = resolveSpeaker(doc, subj[0], subj[1], state);
      else {
        const after = subjectAfter(doc, j);
        if (after) sp = resolveSpeaker(doc, after[0], after[1], state);
      }
      if (sp) break;
    }
    if (sp && (!speaker || midSentence)) {
      speaker = sp;
      rule = "direct:before";
    }
    // a fragment without a speech verb and no attribution after it: the sentence's subject
    if (!speaker && midSentence) {
      speaker = fragmentSpeaker(doc, sentO.tokStart, openTok, state);
      if (speaker) rule = "direct:subject";
    }
  }
  // 3. a continued or stand-alone quote: the previous speaker
  if (!speaker && state.last && q.para - state.prevPara <= 2 && (q.continued || openTok === sentO.tokStart)) {
    speaker = atSpan(state.last, state.last.span);
    rule = "direct:continued";
  }
  if (speaker) {
    remember(state, speaker);
    state.prevPara = q.para;
  }
  return { speaker, span: q.inner, direct: true, isQuote: speaker !== null, rule: rule || "direct:none" };
}

const GAP_WORD_RE = /^[\p{L}.'’-]+$/u;
/** Are the tokens [a, b) all words (letters, ".", "'", "’", "-") and no speech verb? (a loop: no slice and closure per quote) */
function allWords(low: readonly string[], a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (!GAP_WORD_RE.test(low[k]!) || SPEECH_VERBS.has(low[k]!)) return false;
  return true;
}

/** The subject of a sentence that quotes a fragment without a speech verb ("Kuleba described … as “…”"). */
function fragmentSpeaker(doc: Doc, sentStart: number, openTok: number, prev: SpeakerContext): Speaker | null {
  const low = lowerTokens(doc);
  // the first noun phrase of the sentence, if it is followed by a verb-like lower-case word
  let j = sentStart;
  // skip a leading adverbial clause "Also on Twitter," / "In a statement,"
  for (let k = sentStart; k < Math.min(openTok, sentStart + 8); k++) {
    if (low[k] === ",") {
      j = k + 1;
      break;
    }
  }
  // "But both leaders …", "However, the minister …": a sentence adverb or conjunction is no subject
  while (j < openTok && SENTENCE_ADVERBS.has(low[j]!)) {
    j++;
    if (low[j] === ",") j++;
  }
  let b = j;
  while (b < openTok && b - j < 8) {
    const w = low[b]!;
    if (capAt(doc, b) || w === "'s" || w === "’s" || w === "the" || w === "of" || (b > j && ROLE_WORDS.has(w))) b++;
    else break;
  }
  // the phrase must be followed by a verb (a lower-case word) before the quote: "The February 2014 “…”" is no subject
  const verbAfter = b < openTok && /^[a-z]/.test(low[b]!) && !isMark(low[b]!);
  if (b > j && verbAfter) {
    if (capAt(doc, b - 1) || ROLE_WORDS.has(low[b - 1]!)) {
      const sp = resolveSpeaker(doc, j, b, prev);
      if (sp && !MONTH_OR_DAY.test(sp.name)) return sp;
    }
  }
  if (b === j && (low[j] === "he" || low[j] === "she")) return resolveSpeaker(doc, j, j + 1, prev);
  return null;
}

const FUNCTION_STOP = new Set("the a an that this these those he she they it we i there was were is are has have had will would".split(" "));
const MEDIUM_NOUNS = new Set("statement interview message post video letter speech address briefing communique communiqué tweet remarks report".split(" "));
const SENTENCE_ADVERBS = new Set("but and yet so however still meanwhile moreover nevertheless instead also then thus hence indeed or nor".split(" "));
const MONTH_OR_DAY = /^(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/i;

/** Skips adverbials after a speech verb; returns the index of the first clause token. */
function skipAdverbials(doc: Doc, j: number, end: number, tell: boolean): number {
  const low = lowerTokens(doc);
  const text = doc.text;
  for (let guard = 0; guard < 4 && j < end; guard++) {
    const w = low[j]!;
    if (tell && TELL_OBJECTS.has(w)) {
      j++;
      continue;
    }
    if (SUBORDINATORS.has(w) && w !== "that") {
      // "said after the negotiations concluded": a time clause, up to a comma or "that"
      let k = j + 1;
      while (k < end && low[k] !== "," && low[k] !== "that") k++;
      j = k;
      if (low[j] === ",") j++;
      continue;
    }
    // "said at least two bases …": a qualifier of the clause's first number, not an adverbial
    if (w === "at" && (low[j + 1] === "least" || low[j + 1] === "most")) break;
    if (ADVERBIAL_HEADS.has(w)) {
      let k = j + 1;
      while (k < end && k - j < 6) {
        // a second determiner opens the clause ("said in the morning the roads would …")
        if (k > j + 1 && /^(?:the|a|an)$/.test(low[k]!) && !ADVERBIAL_WORDS.has(low[k + 1] ?? "")) break;
        if (ADVERBIAL_WORDS.has(low[k]!) || (capAt(doc, k) && low[k + 1] !== "said")) k++;
        // "said outside the consulate": one noun after a determiner of the phrase
        else if (k === j + 2 && /^(?:the|a|an|his|her|their|its)$/.test(low[k - 1]!) && /^[a-z]{3,}$/.test(text.slice(doc.tokens[k]!.start, doc.tokens[k]!.end)) && !FUNCTION_STOP.has(low[k]!)) k++;
        else break;
      }
      // "said in a sombre televised address": adjectives before the medium noun
      if (k < end && /^[a-z]+$/.test(low[k]!)) {
        for (let m = k; m < Math.min(end, k + 3); m++) {
          if (!/^[a-z-]+$/.test(low[m]!) || FUNCTION_STOP.has(low[m]!)) break;
          if (MEDIUM_NOUNS.has(low[m]!)) {
            k = m + 1;
            break;
          }
        }
      }
      // "said on Thursday that", "said in a statement"
      j = k;
      if (low[j] === ",") j++;
      continue;
    }
    break;
  }
  if (tell && low[j] !== "that") {
    // "told Turkish President Erdogan in a phone call on Sunday that …": the object before "that"
    for (let k = j; k < Math.min(end, j + 16); k++) {
      if (low[k] === "that") return k + 1;
      if (low[k] === "," || isMark(low[k]!)) break;
    }
  }
  return j;
}

/** Does the speech verb at v open a clause of its own ("stressed that …") rather than close one? */
function verbHasClause(doc: Doc, v: number, end: number): boolean {
  const low = lowerTokens(doc);
  let c = skipAdverbials(doc, v + 1, end, TELL.has(low[v]!));
  if (low[c] === "that") return true;
  if (c > v + 1 && low[c - 1] === "that") return true;
  return end - c >= 4 && low[c] !== "," && clauseOpener(doc, c) && !NEED_THAT.has(low[v]!);
}
const TELL = new Set(["told", "tells", "informed", "assured", "warned", "reminded"]);

/** Ends a clause before a trailing attribution (", according to …", ", X said") or a later frame. */
function clauseEnd(doc: Doc, from: number, end: number): number {
  const low = lowerTokens(doc);
  for (let k = from; k < end; k++) {
    if (low[k] === "," || low[k] === "—" || low[k] === "–" || low[k] === ";") {
      if (low[k + 1] === "according" && low[k + 2] === "to") return k;
      if (SPEECH_PARTICIPLES.has(low[k + 1]!)) return k;
      // ", the ministry said" at the end (not ", Lavrov stressed that …", which is reported inside)
      for (let v = k + 1; v < Math.min(end, k + 10); v++) {
        if (SPEECH_VERBS.has(low[v]!)) {
          const subj = subjectBefore(doc, v, k + 1);
          if (subj && subj[0] === k + 1 && !verbHasClause(doc, v, end)) return k;
          if (v === k + 1 && subjectAfter(doc, v)) return k;
          break;
        }
        if (low[v] === "," || low[v] === "that") break;
      }
    }
    if (low[k] === "and" && SPEECH_VERBS.has(low[k + 1]!) && k > from) return low[k - 1] === "," ? k - 1 : k;
    if (low[k] === "and" && low[k + 1] !== "that") {
      // "… and Ukraine's president said …": a new frame
      for (let v = k + 1; v < Math.min(end, k + 8); v++) {
        if (SPEECH_VERBS.has(low[v]!)) {
          const subj = subjectBefore(doc, v, k + 1);
          if (subj && subj[0] === k + 1) return k;
          break;
        }
      }
    }
  }
  return end;
}

const UPPER_RE = /^\p{Lu}$/u;
/**
 * `/\b\p{Lu}\.$/u.test(t.slice(s, e))` without the slice and the scan of it: the span ends with a
 * capital letter (one code point) and a dot, with a word boundary (ASCII \w, as in the regex)
 * before the letter: an initial ("… George W."), whose dot stays.
 */
export function endsWithInitial(t: string, s: number, e: number): boolean {
  if (e - s < 2 || t.charCodeAt(e - 1) !== 46) return false;
  // the letter: one UTF-16 unit, or a surrogate pair inside the span
  let a = e - 2;
  const lo = t.charCodeAt(a);
  if (lo >= 0xdc00 && lo <= 0xdfff && a - 1 >= s) {
    const hi = t.charCodeAt(a - 1);
    if (hi >= 0xd800 && hi <= 0xdbff) a--;
  }
  if (!UPPER_RE.test(t.slice(a, e - 1))) return false;
  // \b at a: exactly one of the chars around it is an ASCII word char (nothing before the span start)
  return isAsciiWordCode(t.charCodeAt(a)) !== (a > s && isAsciiWordCode(t.charCodeAt(a - 1)));
}

function spanOfTokens(doc: Doc, a: number, b: number): Span {
  let s = doc.tokens[a]!.start;
  let e = doc.tokens[b - 1]!.end;
  const t = doc.text;
  // trim stray punctuation at the ends (keep quote marks inside the clause)
  while (e > s && /[\s,;:—–.-]/.test(t[e - 1]!) && !endsWithInitial(t, s, e)) e--;
  while (s < e && /[\s,;:—–-]/.test(t[s]!)) s++;
  return { start: s, end: e };
}

function reportedInSentence(doc: Doc, marks: QuoteMarks[], sent: Sentence, cands: number[], frames: Frame[], state: State): void {
  const low = lowerTokens(doc);
  {
    const { tokStart, tokEnd } = sent;
    if (tokEnd - tokStart < 4) return;
    if (isHeadline(doc, doc.tokens[tokStart]!.sent)) return;
    // "According to X, CLAUSE" / "CLAUSE, according to X"
    for (const k of cands) {
      if (k >= tokEnd - 2 || low[k] !== "according" || low[k + 1] !== "to") continue;
      if (insideMarks(doc, marks, doc.tokens[k]!.start)) continue;
      let e = k + 2;
      while (e < tokEnd && low[e] !== "," && low[e] !== "." && e - k < 14) e++;
      if (e === k + 2 || !sourceLike(doc, k + 2, e)) continue;
      const sp = resolveSpeaker(doc, k + 2, e, state);
      let cleaned = sp ? cleanSource(sp) : null;
      if (cleaned && state.body && cleaned.kind === "body" && refersTo(cleaned.name, state.body.name)) cleaned = atSpan(state.body, cleaned.span);
      if (k > tokStart) {
        // trailing: an attribution of the sentence before it
        const span = spanOfTokens(doc, tokStart, k);
        frames.push({ speaker: cleaned, span, direct: false, isQuote: false, rule: "reported:according-trail" });
      }
      {
        // leading (or mid-sentence): the clause follows the comma
        if (e < tokEnd && low[e] === ",") {
          const end = clauseEnd(doc, e + 1, tokEnd);
          if (end - (e + 1) >= 3) {
            const span = spanOfTokens(doc, e + 1, end);
            const startsQuote = isMark(low[e + 1]!);
            const data = DATA_RE.test(doc.text.slice(doc.tokens[k + 2]!.start, doc.tokens[e - 1]!.end));
            frames.push({ speaker: cleaned, span, direct: false, isQuote: !startsQuote && !data && k === tokStart, rule: "reported:according-lead" });
          }
        }
      }
      if (cleaned && cleaned.kind === "body") remember(state, cleaned);

    }
    if (SPEECH_PARTICIPLES.has(low[tokStart]!) && low[tokStart + 1] === "that") {
      for (let k = tokStart + 2; k < tokEnd; k++) {
        if (low[k] !== ",") continue;
        let v = k + 1;
        while (v < Math.min(tokEnd, k + 10) && !SPEECH_VERBS.has(low[v]!)) v++;
        const subj = v < tokEnd ? subjectBefore(doc, v, k + 1) : null;
        if (subj && subj[0] === k + 1 && k - tokStart >= 5) {
          const sp = resolveSpeaker(doc, subj[0], subj[1], state);
          if (sp) frames.push({ speaker: sp, span: spanOfTokens(doc, tokStart + 2, k), direct: false, isQuote: true, rule: "reported:participle-lead" });
        }
        break;
      }
    }
    for (const v of cands) {
      const w = low[v]!;
      const participle = SPEECH_PARTICIPLES.has(w);
      if (QUOTING.has(w)) {
        // "CLAUSE, the agency quoted the embassy as saying": the one quoted speaks
        const obj = subjectAfter(doc, v);
        if (obj && low[v - 1] !== "," && tokStart < v - 3) {
          let comma = -1;
          for (let k = v - 1; k > tokStart; k--) if (low[k] === ",") { comma = k; break; }
          if (comma > tokStart + 2 && !isMark(low[tokStart]!)) {
            const sp = resolveSpeaker(doc, obj[0], obj[1], state);
            if (sp) frames.push({ speaker: sp, span: spanOfTokens(doc, tokStart, comma), direct: false, isQuote: true, rule: "reported:quoted" });
          }
        }
        continue;
      }
      if (!SPEECH_VERBS.has(w) && !participle) continue;
      if (!lowerAt(doc, v)) continue; // "the United States" is no verb
      if (insideMarks(doc, marks, doc.tokens[v]!.start)) continue;
      if (participle) {
        // ", warning that CLAUSE": the speaker of the frame before it
        // ", warning that", ", though stressing that"
        const pre = low[v - 1] === "," ? v - 1 : /^(?:though|while|also|before|after)$/.test(low[v - 1]!) && low[v - 2] === "," ? v - 2 : -1;
        if (pre < 0) continue;
        // the speaker of the last frame of the sentence (not a media source: "…, according to Reuters, adding …")
        let last: Frame | null = null;
        for (let fi = frames.length - 1; fi >= 0 && frames[fi]!.span.start >= sent.start; fi--) {
          if (!frames[fi]!.rule.startsWith("reported:according")) {
            last = frames[fi]!;
            break;
          }
        }
        if (!last || !last.speaker) {
          // "Grandi praised the hosts, though stressing that …": the sentence's subject
          const sp = fragmentSpeaker(doc, tokStart, pre, state);
          if (!sp || sp.kind !== "person") continue;
          last = { speaker: sp, span: { start: sent.start, end: sent.start }, direct: false, isQuote: false, rule: "" };
        }
        let c = v + 1;
        if (low[c] === "that") c++;
        else if (!(w === "adding" || w === "saying") || !clauseOpener(doc, c) || isMark(low[c]!)) continue;
        const end = clauseEnd(doc, c, tokEnd);
        if (end - c < 3) continue;
        frames.push({ speaker: last.speaker, span: spanOfTokens(doc, c, end), direct: false, isQuote: true, rule: "reported:participle" });
        continue;
      }
      if (NO_CLAUSE.has(w)) continue;
      const tell = w === "told" || w === "tells" || w === "informed" || w === "assured" || w === "warned" || w === "reminded";
      if (low[v - 1] === "and" && (low[v + 1] === "that" || clauseOpener(doc, v + 1))) {
        let last = frames.length ? frames[frames.length - 1]! : null;
        if (!last || last.span.start < sent.start) {
          // "Akar discussed … and said Turkey is ready …": the sentence's subject
          const sp = fragmentSpeaker(doc, tokStart, v, state);
          last = sp && sp.kind === "person" ? { speaker: sp, span: { start: sent.start, end: sent.start }, direct: false, isQuote: false, rule: "" } : null;
        }
        if (last && last.speaker && last.span.start >= sent.start) {
          const c = low[v + 1] === "that" ? v + 2 : v + 1;
          const end = clauseEnd(doc, c, tokEnd);
          if (end - c >= 3 && !isMark(low[c]!)) {
            frames.push({ speaker: last.speaker, span: spanOfTokens(doc, c, end), direct: false, isQuote: true, rule: "reported:and-verb" });
            continue;
          }
        }
      }
      let subj = subjectBefore(doc, v, tokStart);
      let inverted = false;
      // "CLAUSE, the capital, said Ruritanian officials.": a subject after the verb that runs to the sentence's end is the speaker
      if (subj && low[v - 1] === ",") {
        const after = subjectAfter(doc, v);
        if (after && (after[1] >= tokEnd - 1 || low[after[1]] === "," || low[after[1]] === ".") && after[1] >= tokEnd - 2) {
          subj = after;
          inverted = true;
        }
      }
      if (!subj && low[v - 1] === ",") {
        subj = subjectAfter(doc, v);
        inverted = subj !== null;
      }
      if (!subj) continue;
      if (!inverted && subj[0] - 2 >= tokStart && (low[subj[0] - 1] === "from" || low[subj[0] - 1] === "by") && DATA_RE.test(low[subj[0] - 2]!)) continue;
      // A: "X said (that) CLAUSE"
      let c = inverted ? subj[1] : skipAdverbials(doc, v + 1, tokEnd, tell);
      let hasThat = c > 0 && low[c - 1] === "that" && c - 1 > v;
      if (low[c] === "that") {
        c++;
        hasThat = true;
      }
      const clauseFirst = subj[0] > tokStart && low[subj[0] - 1] === ",";
      const endA = clauseEnd(doc, c, tokEnd);
      // "told a briefing in Geneva" is no clause: tell-verbs need "that" or a listener ("told reporters the …")
      let tellOk = !tell || hasThat || TELL_OBJECTS.has(low[v + 1]!);
      // "told Reuters the guarantor countries had …": a named listener, then the clause
      if (!tellOk && /^\p{Lu}/u.test(doc.text.slice(doc.tokens[v + 1]?.start ?? 0, doc.tokens[v + 1]?.end ?? 0)) && /^(?:the|a|an|he|she|it|they|we|i|his|her|their|its|this|there)$/.test(low[v + 2] ?? "")) {
        tellOk = true;
        c = v + 2;
      }
      // "said in a statement released on Friday": a participle after the medium is no clause
      if (c > v + 1 && MEDIUM_NOUNS.has(low[c - 1]!) && /(?:ed|en)$/.test(low[c]!)) tellOk = false;
      const restIsClause = tellOk && !inverted && c < tokEnd && endA - c >= 3 && (hasThat || !NEED_THAT.has(w)) && (isMark(low[c]!) ? fragmentOpens(doc, marks, c, endA) : hasThat ? startsWordChar(low[c]!) : clauseOpener(doc, c));
      const speaker = resolveSpeaker(doc, subj[0], subj[1], state);
      if (!speaker) continue;
      remember(state, speaker);
      if (restIsClause && wordCount(doc, c, endA) >= 3) {
        const span = spanOfTokens(doc, c, endA);
        frames.push({ speaker, span, direct: false, isQuote: !pureAttribution(doc, speaker, span), rule: hasThat ? "reported:said-that" : "reported:said" });
        continue;
      }
      // B: "CLAUSE, X said (…)": the clause before the comma, from the sentence start
      if (clauseFirst || inverted) {
        const commaTok = inverted ? v - 1 : subj[0] - 1;
        let a = tokStart;
        // the sentence may open with a reported clause following an earlier frame ("…, and …")
        if (isMark(low[a]!)) continue; // a direct quote: handled by the direct pass
        // "The Mayor of Paris, Anne Roe, tweeted: “…”": the verb introduces a quote; what stands before is a title
        if (low[v + 1] === ":" || (inverted && low[v + 1] === ":")) continue;
        // "On the peace talks, X said: …", "Speaking in Ankara, X said …": an adverbial lead-in, not a clause
        if (NOT_OPENERS.has(low[a]!) || (/(?:ing|^asked)$/.test(low[a]!) && NOT_OPENERS.has(low[a + 1] ?? ""))) continue;
        if (commaTok - a < 3) continue;
        const span = spanOfTokens(doc, a, commaTok);
        // a dateline "KHARTOUM, April 20 (Reuters) -" is not part of the clause
        const dl = DATELINE_RE.exec(doc.text.slice(span.start, span.end));
        if (dl) span.start += dl[0].length;
        if (marks.some((m) => m.start <= span.start + 1 && m.end >= span.end - 1)) continue;
        if (frames.some((f) => !f.direct && f.span.start >= span.start && f.span.start < span.end)) continue;
        frames.push({ speaker, span, direct: false, isQuote: !pureAttribution(doc, speaker, span), rule: "reported:clause-first" });
      }
    }
  }
}

/** A clause that opens with a quoted fragment ("said that “more difficult issues” were expected …"). */
function fragmentOpens(doc: Doc, marks: QuoteMarks[], c: number, end: number): boolean {
  const pos = doc.tokens[c]!.start;
  const q = marks.find((m) => m.start === pos);
  if (!q || q.open) return false;
  const after = tokenAt(doc, q.end);
  return end - after >= 3;
}

function wordCount(doc: Doc, a: number, b: number): number {
  const low = lowerTokens(doc);
  let n = 0;
  for (let k = a; k < b; k++) if (startsWordChar(low[k]!)) n++;
  return n;
}

const WORD_START_RE = /^[\p{L}\p{N}]/u;
/** `/^[\p{L}\p{N}]/u.test(w)`, without the regex for ASCII first chars. */
function startsWordChar(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return WORD_START_RE.test(w);
}

/** Can the token open a reported clause? Not a preposition, a participle or punctuation. */
function clauseOpener(doc: Doc, c: number): boolean {
  const w = lowerTokens(doc)[c]!;
  if (!startsWordChar(w)) return false;
  if (w === "at" && (lowerTokens(doc)[c + 1] === "least" || lowerTokens(doc)[c + 1] === "most")) return true;
  if (NOT_OPENERS.has(w) || SPEECH_VERBS.has(w)) return false;
  if (w.endsWith("ing") && !capAt(doc, c)) return false;
  return true;
}
const NOT_OPENERS = new Set(
  "to by per in on at for from with of about during after before following as via through into than which whose where".split(" "),
);

/** Does the phrase after "according to" name a source (a name, a body, "officials", "data")? */
function sourceLike(doc: Doc, a: number, b: number): boolean {
  const low = lowerTokens(doc);
  for (let k = a; k < b; k++) {
    if (capAt(doc, k)) return true;
    if (SOURCE_WORDS.has(low[k]!) || (ROLE_WORDS.has(low[k]!) && !/^(?:of|the|his|her|their|its|high|human|joint|general|top|state|local|national)$/.test(low[k]!))) return true;
  }
  return false;
}
const SOURCE_WORDS = new Set(
  "official officials data figures statistics estimates report reports statement sources source ministry agency police authorities government him her them it experts analysts witnesses residents".split(
    " ",
  ),
);

/** "the ministry said the two discussed X": a body reporting the event itself is not a quote. */
function pureAttribution(doc: Doc, speaker: Speaker, span: Span): boolean {
  if (speaker.kind === "person") return false;
  return DISCUSS_RE.test(doc.text.slice(span.start, span.end));
}

/** "frequently updated UNHCR data" → "UNHCR"; "a briefing by Turkey's Foreign Ministry" → "Turkey's Foreign Ministry". */
function cleanSource(sp: Speaker): Speaker {
  let n = sp.name;
  const by = /\b(?:by|from|of)\s+(?:the\s+)?(.+)$/.exec(n);
  if (by && /^(?:a |an |the )?(?:briefing|statement|report|readout|data|figures|estimates?|count|tally|survey|update|communiqu[eé])/i.test(n)) n = by[1]!;
  n = n.replace(/^(?:(?:frequently|regularly|newly|latest|recent|new|official|confirmed|updated|preliminary|initial|the|a|an)\s+)+/i, "");
  n = n.replace(/\s+(?:data|figures|statistics|estimates?|count|tally|report|reports|numbers)$/i, "");
  return { name: n || sp.name, span: sp.span, kind: sp.kind };
}

/** The share of a reported clause's characters that are inside the direct quotes. */
function quotedShare(r: Frame, direct: readonly Frame[]): number {
  let inQ = 0;
  for (const d of direct) if (r.span.start <= d.span.start && d.span.end <= r.span.end) inQ += d.span.end - d.span.start;
  return inQ / Math.max(1, r.span.end - r.span.start);
}

/**
 * The quotes to report: frames that are quotes and have a speaker, fragments covered by a reported clause dropped.
 * (Per doc: the "heavy" marks are a flag array, not a Set, and the two lists, each in text order
 * as the frames are, are merged instead of sorted; a Set and a sort cost more than the rest here.)
 */
function selectQuotes(doc: Doc, frames: Frame[]): QuoteRecord[] {
  const reported = frames.filter((f) => f.isQuote && !f.direct && f.speaker);
  const direct = frames.filter((f) => f.isQuote && f.direct && f.speaker);
  // a reported clause made mostly of quoted fragments: the fragments are the quotes
  const heavy: boolean[] = [];
  for (let i = 0; i < reported.length; i++) heavy.push(quotedShare(reported[i]!, direct) > 0.5);
  const outD: QuoteRecord[] = [];
  next: for (const d of direct) {
    for (let i = 0; i < reported.length; i++) {
      const r = reported[i]!;
      if (!heavy[i] && r.span.start <= d.span.start && d.span.end <= r.span.end && r.speaker!.name === d.speaker!.name) continue next;
    }
    outD.push({ speaker: d.speaker!.name, direct: true, span: d.span, speaker_span: d.speaker!.span, rule: d.rule });
  }
  const outR: QuoteRecord[] = [];
  for (let i = 0; i < reported.length; i++) {
    const r = reported[i]!;
    if (heavy[i]) {
      // "he reaffirmed X and “emphasized that …”": the reported part before a coordinated fragment stays
      const first = direct.filter((d) => r.span.start <= d.span.start && d.span.end <= r.span.end).sort((a, b) => a.span.start - b.span.start)[0];
      const prefix = first ? doc.text.slice(r.span.start, first.span.start) : "";
      const m = /[\s,]+and\s*["“‘']$/.exec(prefix);
      if (m && prefix.slice(0, m.index).split(/\s+/).length >= 3) {
        outR.push({ speaker: r.speaker!.name, direct: false, span: { start: r.span.start, end: r.span.start + m.index }, speaker_span: r.speaker!.span, rule: `${r.rule}+before-fragment` });
      }
      continue;
    }
    // speech reported inside another report ("X explained that … Lavrov stressed that …"): the outer one
    if (reported.some((o) => o !== r && o.span.start < r.span.start && r.span.end <= o.span.end && o.speaker!.name !== r.speaker!.name)) continue;
    // a reported clause that is mostly a direct quote of the same words
    const inQuote = direct.some((d) => d.span.start <= r.span.start && r.span.end <= d.span.end);
    if (inQuote) continue;
    if (outR.some((q) => q.span.start === r.span.start && q.span.end === r.span.end)) continue;
    outR.push({ speaker: r.speaker!.name, direct: false, span: r.span, speaker_span: r.speaker!.span, rule: r.rule });
  }
  // the two lists by start (the direct one first at the same start): the stable sort of the one after the other
  if (outR.length === 0) return outD;
  if (outD.length === 0) return outR;
  const out: QuoteRecord[] = [];
  let i = 0;
  let j = 0;
  while (i < outD.length && j < outR.length) out.push(outD[i]!.span.start <= outR[j]!.span.start ? outD[i++]! : outR[j++]!);
  while (i < outD.length) out.push(outD[i++]!);
  while (j < outR.length) out.push(outR[j++]!);
  return out;
}

export const quotesStage: Stage = {
  name: "quotes",
  requires: ["sentences", "tokens", "entities"],
  provides: ["quotes"],
  run(doc) {
    doc.quotes = findQuotes(doc);
  },
};
