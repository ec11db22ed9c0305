/**
 * The event coder: for each sentence, the rules whose trigger words occur in it are matched; each
 * match finds its source and target among the sentence's actor units (subject before the verb,
 * object or with-phrase after, "between A and B", passives turned round, coordination expanded),
 * gets a realis and a date, and becomes one EventRecord per (source, target) pair. Article-level
 * passes then merge campaign mentions (invasion, war), fill missing targets from the conversation
 * being reported, and keep one event per (type, source, target, date).
 */
import type { ConsultMode, Doc, EventRecord, PloverType, Realis, Sentence, Side, Span } from "../../core/types.js";
import { PLOVER_TYPES } from "../../core/types.js";
import { dateFor, EVENT_DAY_OPTIONS } from "../time/index.js";
import { tokenTexts } from "../../text/lower.js";
import { endsWithQuestion, realisClasses, realisOf } from "./realis.js";
import { loadRules, type Rule } from "./rules.js";
import { addAgentUnits, dominantCountry } from "./agents.js";
import { buildUnits, conjGapAt, isIso3, newUnit, NO_UNITS, sameSide, sideKey, unitList, type Unit } from "./sides.js";
import { WordTable } from "./wordtable.js";
import { grown } from "../../core/arrays.js";
import { lowerId, WordFacts, wordText } from "../../text/words.js";
import { isAsciiLetterCode, isAsciiWordCode, isSpaceCode, skipSpace } from "../../text/chars.js";


const PREP = new Set(
  "in into on onto at to of for from with by against over about near across toward towards between among under through during after before including like than via per within without inside outside along amid despite".split(" "),
);
const DET = new Set("the a an his her its their this that these those our your both either all".split(" "));
/** prepositions of place and time: what follows them is not an object */
const LOCATIVE = new Set("in at near inside outside across during since after before throughout within around amid".split(" "));
/** words that end a search for an object, looking right */
const OBJ_BREAK = new Set(
  "; : said says say told added according which who whom whose while but whereas although because after before when since — \"".split(" "),
);
const NP_ROLE = new Set("counterpart counterparts minister president prime foreign defense defence secretary envoy leader chief adviser advisor spokesman spokeswoman ambassador top senior officials official diplomat".split(" "));
/** plural heads whose "in X" / "of X" names the side they belong to */
const GROUP_HEAD = new Set(
  "forces troops police authorities officials army soldiers rebels militants leaders government groups group people protesters demonstrators students workers farmers opposition parties activists militia militias fighters guerrillas insurgents residents citizens diplomats ministers delegation delegations".split(" "),
);
const SUBJ_PRONOUN = new Set(["he", "she", "they", "we"]);
const BE = new Set(["was", "were", "is", "are", "been", "being", "be", "got", "gets", "get", "getting", "has", "have", "had"]);
const IRREGULAR_PARTICIPLE = new Set(["struck", "shot", "hit", "held", "met", "seen", "taken", "beaten", "killed", "freed", "sent", "given", "brought", "thrown", "stricken", "overrun", "caught", "won", "fought", "led"]);
const PHONE_RE = /\b(?:phone|telephone|telephonic|phoned|telephoned|video ?conference|video call|call)\b/i;
/** words between the aggressor and its campaign noun: "Russia's full-scale invasion", "Putin launched the war" */
const CAMPAIGN_GAP = new Set(
  "'s ’s the its their his a an will would continue forces troops army military soldiers full-scale all-out unprovoked brutal ongoing military special massive new latest renewed launched launches launching started starts starting began begins ordered orders announced announces waged wages wage unleashed continued continues continuing escalated declared its".split(" "),
);
export const FUTURE_AFTER_RE = /^[^.;]{0,120}?\b(?:will|would|is (?:due|scheduled|expected|set|planned|going)|are (?:due|scheduled|expected|set|planned|going)|could|may|might)\b(?: to)? (?:take place|be held|happen|begin|start|go ahead|resume|continue|open|convene)\b/i;
/**
 * The last words of FUTURE_AFTER_RE's verbs ("take place": "place"). The regex reads its verb after a
 * space of the text it tests, so the verb's letters lie in one word token (a token never splits a run of
 * letters) that starts inside that text, and whose lower case holds one of these.
 */
const FUTURE_VERB_PARTS = ["place", "held", "happen", "begin", "start", "ahead", "resume", "continue", "open", "convene"];

/** Does lower-case word `w` hold a last word of FUTURE_AFTER_RE's verbs? (its gate, token by token) */
export function futureVerbWord(w: string): boolean {
  for (const p of FUTURE_VERB_PARTS) if (w.includes(p)) return true;
  return false;
}
const BOTH_SUBJECT_RE = /\b(?:the|both|the two) (?:sides|countries|parties|leaders|ministers|delegations|governments|presidents|teams|negotiators)(?: (?:[a-z]+ly|also|had|have|has|said|say|they|were|are|did))*$/;
const BOTH_LATER_RE = /\b(?:up to|urg\w*|ask\w*|call\w* on)\s+(?:both sides|the two sides|both parties|the two parties|the warring (?:sides|parties))\b/i;
export const BOTH_RE = /^\s+(?:[a-z]+\s+){0,3}?(?:(?:both|the two) (?:sides|countries|parties|leaders|governments|nations|neighbou?rs|ministers|delegations|presidents)|the (?:warring )?(?:sides|parties))\b/i;
/**
 * A gate for BOTH_RE on text[from, to): is one of the first four runs of ASCII letters "both", or "the"
 * followed by one space and the run "two", "sides", "parties" or "warring" (any ASCII case)? Every
 * match of BOTH_RE has one there (up to three letter words, then "both", "the two", "the (warring)
 * sides" ...); most texts after a trigger have none, and are not sliced for the regex. (A bare "the"
 * there, as in "with the", let a third of them through.)
 */
export function bothWordAhead(text: string, from: number, to: number): boolean {
  let i = from;
  for (let runs = 0; runs < 4; runs++) {
    while (i < to && !isAsciiLetterCode(text.charCodeAt(i))) i++;
    if (i >= to) return false;
    const start = i;
    while (i < to && isAsciiLetterCode(text.charCodeAt(i))) i++;
    const n = i - start;
    if (n === 4 && asciiWordIs(text, start, "both")) return true;
    if (n === 3 && asciiWordIs(text, start, "the") && i < to && text.charCodeAt(i) === 32) {
      // the run right after the one space
      let k = i + 1;
      while (k < to && isAsciiLetterCode(text.charCodeAt(k))) k++;
      const m = k - (i + 1);
      if ((m === 3 && asciiWordIs(text, i + 1, "two")) || (m === 5 && asciiWordIs(text, i + 1, "sides")) ||
        (m === 7 && (asciiWordIs(text, i + 1, "parties") || asciiWordIs(text, i + 1, "warring")))) return true;
    }
  }
  return false;
}

/** Are the chars of text at `start` the lower-case ASCII letters of `w`, in any ASCII case? */
function asciiWordIs(text: string, start: number, w: string): boolean {
  // (c | 0x20) folds the upper case of a letter
  for (let k = 0; k < w.length; k++) if ((text.charCodeAt(start + k) | 0x20) !== w.charCodeAt(k)) return false;
  return true;
}


const REJECTED_ACT_RE = /^\s*['’]s?\s+(?:[a-z-]+\s+)?(?:invasion|war|aggression|attacks?|annexation|occupation|operation|operations|actions?|policy|policies|behaviou?r|moves?|decision|crackdown|violence|bombing|shelling)\b/i;
const CAMPAIGN_OBJ_RE = /\b(?:invasion|war|aggression|military (?:operation|operations|intervention|action|campaign|offensive)|offensive|attack|attacks|annexation|occupation)\b/i;
/** the types an announced act of which stays an offer, even with a condition */
const COOPERATIVE_INTENT = new Set<PloverType>(["CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID", "REQUEST", "THREATEN"]);
const COOPERATIVE = new Set<PloverType>(["CONSULT", "SUPPORT", "AID", "COOPERATE", "CONCEDE", "RETREAT"]);
const HOSTILE = new Set<PloverType>(["ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "REJECT"]);
/** the words of an actor's own stated intent, right before the embedded act */
const INTENT_RE = /\b(?:(?:is|are|was|were|be|being|remains?|stands?|'s|’s)\s+(?:\w+ly\s+)?(?:ready|willing|prepared|eager|committed|determined)|(?:offered|offers|offering|pledged|pledges|promised|promises|vowed|vows|volunteered|intends|plans|hopes|hoped|wants|wanted|undertook|undertakes)|(?:said|says|announced|stated|declared|added|told \w+)\s+(?:that\s+)?(?:it|they|he|she|we)\s+(?:will|would|'ll|’ll|is going to|are going to|was going to|were going to|could|can))\b[^.;]{0,40}$/i;
const CAMPAIGN_VERB = new Set("announced launched started began ordered unleashed waged declared mounted".split(" "));
const CAMPAIGN_HYPO = new Set(["possible", "potential", "planned", "imminent", "any", "no", "future", "prospect", "risk", "looming", "threatened", "feared", "new"]);

interface Draft {
  type: PloverType;
  mode: ConsultMode;
  source: Side | null;
  target: Side | null;
  span: Span;
  rule: string;
  realis: Realis;
  mutual: boolean;
  sent: number;
  campaign: boolean;
  /** an explicit date next to the trigger (campaigns only) */
  nearDate: string | null;
  /** a perfect-aspect habitual with no date in the sentence: "has offered to mediate" */
  habitual: boolean;
  /** the evidence trigger span, for dating */
  trig: Span;
  /** no target named, but the object is the campaign ("condemned the invasion") */
  aimsAtCampaign: boolean;
  /** the object is "both sides", "the two countries": the sides of the dyad being reported */
  bothSides: boolean;
  /** the subject is "the sides", "both countries": the pair of the dyad being reported */
  bothSubject: boolean;
  /** a side is a generic agent whose country was inferred from the article */
  inferred: boolean;
  /** the object is "his counterpart": the other side of the conversation being reported */
  counterpart: boolean;
  /** for a one-sided event: the other actor of the sentence (or the domestic counterpart), for partial output */
  fbSource: Side | null;
  fbTarget: Side | null;
}

export interface CoderContext {
  doc: Doc;
  words: string[];
  /** the word id of each token (text/words.ts) */
  ids: Int32Array;
  /** the end of each token (tokenEnds) */
  ends: Int32Array;
  /** the article's most mentioned country (computed on first use) */
  dominant?: string | null;
  /** realis of a trigger, by its token: 1 + its index in REALIS, 0 not known yet (several rules match the same word; the token fixes the word and the sentence) */
  realisMemo?: Uint8Array;
  /** subjectOf answers for one (units, topic, topic actor): by position and allowPlace */
  subjUnits?: Unit[];
  subjTopic?: Side | null;
  subjTopicActor?: Side | null;
  subjKeys?: number[];
  subjStarts?: number[];
  subjResults?: SubjectResult[];
  subjCount?: number;
  /** the words of tokens [beforeFrom, beforeTo): those before the last trigger matched */
  beforeFrom?: number;
  beforeTo?: number;
  before?: readonly string[];
  /** sentence-wide regex answers of sentence `flagsSent`: which regexes were tested (flagRes) and their answers (flagValues) */
  flagsSent?: number;
  flagRes?: RegExp[];
  flagValues?: boolean[];
  flagCount?: number;
  /** the units whose coordination and preposition answers are kept below (one sentence's) */
  groupUnits?: Unit[];
  /** ppObject by unit index: 0 not known yet, 1 no, 2 yes */
  ppMemo?: Uint8Array;
  /** conjLeft by unit index */
  leftMemo?: Array<number[] | undefined>;
  /** conjRight by unit index, for a limit past every unit of the sentence */
  rightMemo?: Array<number[] | undefined>;
  /** the further pairs of the match being coded (codeMatch, ruleSides) */
  extra?: Array<{ s: Unit; t: Unit; mode: ConsultMode }>;
  /** the state of the match being coded (codeMatch), one object per doc */
  match?: MatchState;
}

/** Does sentence `si` (its text `sentText`) match `re` (a non-global regex)? Kept per sentence: several matches ask. */
function sentenceHas(ctx: CoderContext, si: number, re: RegExp, sentText: string): boolean {
  // a handful of regexes: a linear search of two reused arrays, no Map per sentence
  // (their first flagCount entries: setting an array's length to 0 frees its backing store, and the pushes after reallocate it)
  const res = (ctx.flagRes ??= []);
  const values = (ctx.flagValues ??= []);
  if (ctx.flagsSent !== si) {
    ctx.flagsSent = si;
    ctx.flagCount = 0;
  }
  const n = ctx.flagCount!;
  for (let i = 0; i < n; i++) if (res[i] === re) return values[i]!;
  const v = re.test(sentText);
  res[n] = re;
  values[n] = v;
  ctx.flagCount = n + 1;
  return v;
}

/** the realis values; CoderContext.realisMemo keeps 1 + the index (0: not known yet) */
const REALIS: readonly Realis[] = ["asserted", "negated", "hypothetical", "future"];

/** the realis memo's bytes, reused from doc to doc: a typed array of a doc's size lives outside the heap, costly to allocate each time */
let realisBytes = new Uint8Array(0);

/** An empty realis memo for the tokens of `doc`, at least (the docs are coded one at a time, synchronously). */
function realisMemoFor(doc: Doc): Uint8Array {
  const n = doc.tokens.length + 1;
  if (realisBytes.length < n) realisBytes = new Uint8Array(Math.max(1024, 2 * n));
  else realisBytes.fill(0, 0, n);
  return realisBytes;
}

/** Starts keeping ppObject/conjLeft/conjRight answers for `units` (they depend only on the units and the text). */
function groupMemo(ctx: CoderContext, units: Unit[]): void {
  if (ctx.groupUnits === units) return;
  ctx.groupUnits = units;
  // the doc's memos are reused from units list to units list, emptied for the first n (a sentence has
  // several lists, and the coder went back and forth between them, allocating three memos each time)
  const n = units.length;
  if (!ctx.ppMemo || ctx.ppMemo.length < n) ctx.ppMemo = new Uint8Array(Math.max(32, 2 * n));
  else ctx.ppMemo.fill(0, 0, n);
  const left = (ctx.leftMemo ??= []);
  const right = (ctx.rightMemo ??= []);
  while (left.length < n) {
    left.push(undefined);
    right.push(undefined);
  }
  left.fill(undefined, 0, n);
  right.fill(undefined, 0, n);
}

function dominantOf(ctx: CoderContext): string | null {
  if (ctx.dominant === undefined) ctx.dominant = dominantCountry(ctx.doc);
  return ctx.dominant;
}

function countryOfSide(s: Side): string | null {
  const a = s.actor ?? s.country ?? null;
  return a && isIso3(a) ? a : null;
}

/** A unit that can stand for the other side of an event whose known side is `known`. */
function isOther(u: Unit, known: Unit | null): boolean {
  return !u.possessive && u !== known && !(known && sameSide(u.side, known.side)) && !!(u.side.actor || u.side.group || u.side.country);
}

// fallbackSides' look-ups are functions rather than closures: closures reading its arguments had them
// kept in a context allocated on each call.

/** The first unit inside [mStart, mEnd), not `s`, that can stand for the other side. */
function otherInside(units: Unit[], mStart: number, mEnd: number, s: Unit | null, known: Unit | null): Unit | undefined {
  for (const u of units) if (u.start >= mStart && u.end <= mEnd && u !== s && isOther(u, known)) return u;
  return undefined;
}

/** The first unit from `from` on (no place when `noPlace`) that can stand for the other side. */
function otherFrom(units: Unit[], from: number, known: Unit | null, noPlace: boolean): Unit | undefined {
  for (const u of units) if (u.start >= from && isOther(u, known) && !(noPlace && u.place)) return u;
  return undefined;
}

/** The first unit other than `t`, no person nor group, whose country is known and not t's. */
function otherCountry(units: Unit[], t: Unit): Unit | undefined {
  const tc = countryOfSide(t.side);
  for (const u of units) if (u !== t && !u.person && !u.side.group && countryOfSide(u.side) && countryOfSide(u.side) !== tc) return u;
  return undefined;
}

/** The first unit that can stand for the other side, not on cand's side. */
function otherThan(units: Unit[], cand: Unit | null, known: Unit | null): Unit | undefined {
  for (const u of units) if (u.side !== cand?.side && isOther(u, known) && !(cand && sameSide(u.side, cand.side))) return u;
  return undefined;
}

/**
 * The other side of a one-sided event, for partial output only: the first other actor after the
 * trigger in the sentence, else the nearest one before it, else (a domestic event) the known
 * side's own country or the article's dominant country.
 */
function fallbackSides(units: Unit[], s: Unit | null, t: Unit | null, mStart: number, mEnd: number, dominant: string | null, intransitive = false, assault = false): [Side | null, Side | null] {
  const known = s ?? t;
  let fs: Side | null = null;
  let ft: Side | null = null;
  if (!t) {
    // "will give Tanzania a grant": an actor inside the matched words, else the next one after them
    let cand: Unit | null = otherInside(units, mStart, mEnd, s, known) ?? otherFrom(units, mEnd, known, false) ?? null;
    if (!cand) for (let i = units.length - 1; i >= 0; i--) if (units[i]!.end <= mStart && isOther(units[i]!, known) && units[i] !== s) { cand = units[i]!; break; }
    if (cand && s && cand.start < s.start) cand = null;
    const dom = (s && countryOfSide(s.side)) ?? dominant;
    ft = cand ? cand.side : dom ? { person: null, actor: dom } : null;
    // "resigned", "surrendered": no guessed target (one named by "to" is found by the rule)
    if (intransitive) ft = null;
  }
  if (!s) {
    let cand: Unit | null = null;
    for (let i = units.length - 1; i >= 0; i--) if (units[i]!.end <= mStart && isOther(units[i]!, known) && !units[i]!.place) { cand = units[i]!; break; }
    if (!cand && !t) cand = otherFrom(units, mEnd, known, true) ?? null;
    // "a roadside bombing near Samarra killed a U.S. soldier": an attack by no one named comes from where it happened
    if (!cand && t && assault) {
      cand = otherCountry(units, t) ?? null;
    }
    const dom = (t && countryOfSide(t.side)) ?? dominant;
    fs = cand ? cand.side : dom ? { person: null, actor: dom } : null;
    if (!t && !ft && fs) {
      const rest = otherThan(units, cand, known);
      ft = rest ? rest.side : { person: null, actor: countryOfSide(fs) ?? dominant };
    }
  }
  return [fs, ft];
}

/** Index of the first token whose end is > pos. */
function tokenAt(ctx: CoderContext, pos: number): number {
  // a binary search of the token ends in one typed array, not of the token objects spread over the heap
  const ends = ctx.ends;
  let lo = 0;
  let hi = ctx.doc.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid]! <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** the token ends' buffer, reused from doc to doc (the docs are coded one at a time, synchronously) */
let endsBuffer = new Int32Array(0);

/** The end of each token of `doc`, in a reused buffer (its first doc.tokens.length entries). */
function tokenEnds(doc: Doc): Int32Array {
  const toks = doc.tokens;
  if (endsBuffer.length < toks.length) endsBuffer = new Int32Array(Math.max(1024, 2 * toks.length));
  for (let i = 0; i < toks.length; i++) endsBuffer[i] = toks[i]!.end;
  return endsBuffer;
}

/** realisClasses of each word, by word id */
const REALIS_CLASSES = new WordFacts((id) => realisClasses(wordText(lowerId(id))));

/** the buffer of realisClassesOf, reused (realisOf reads it at once, and keeps nothing) */
let classBuffer = new Uint8Array(256);

/** realisClasses() of the words of tokens [from, t0), as realisOf's `classes` for wordsBefore(ctx, from, t0). */
function realisClassesOf(ctx: CoderContext, from: number, t0: number): Uint8Array {
  if (classBuffer.length < t0 - from) classBuffer = new Uint8Array(2 * (t0 - from));
  for (let t = from; t < t0; t++) classBuffer[t - from] = REALIS_CLASSES.get(ctx.ids[t]!);
  return classBuffer;
}

/** The lower-case words of tokens [from, t0), read only: rules matching at one trigger share them. */
function wordsBefore(ctx: CoderContext, from: number, t0: number): readonly string[] {
  if (ctx.beforeFrom !== from || ctx.beforeTo !== t0 || !ctx.before) {
    ctx.beforeFrom = from;
    ctx.beforeTo = t0;
    ctx.before = ctx.words.slice(from, t0);
  }
  return ctx.before;
}

/** Lower-case words of tokens [a, b). */
function wordsBetween(ctx: CoderContext, a: number, b: number): string[] {
  return ctx.words.slice(a, b);
}

function gapWords(ctx: CoderContext, from: number, to: number): string[] {
  const a = tokenAt(ctx, from);
  let b = a;
  while (b < ctx.doc.tokens.length && ctx.doc.tokens[b]!.start < to) b++;
  return wordsBetween(ctx, a, b);
}

/** the words of CAMPAIGN_HEDGE_RE */
const CAMPAIGN_HEDGE = ["possible", "potential", "imminent", "planned"];
/** what hedgedCampaign() reads (kept for its test) */
export const CAMPAIGN_HEDGE_RE = /\b(?:possible|potential|imminent|planned) (?:[a-z-]+ )?$/i;

/** [a-z-] under the i flag (no u flag: no other char folds to an ASCII letter) */
function isLetterOrHyphen(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 45;
}

/** Does a word of CAMPAIGN_HEDGE (any ASCII case) end at `end`, after a word boundary, within text[from, end)? */
function hedgeWordAt(text: string, from: number, end: number): boolean {
  for (const w of CAMPAIGN_HEDGE) {
    const start = end - w.length;
    if (start < from || (start > from && isAsciiWordCode(text.charCodeAt(start - 1)))) continue;
    let i = 0;
    // (c | 0x20) folds the upper case of a letter; the words are lower-case letters only
    while (i < w.length && (text.charCodeAt(start + i) | 0x20) === w.charCodeAt(i)) i++;
    if (i === w.length) return true;
  }
  return false;
}

/**
 * "a possible (Russian) invasion": CAMPAIGN_HEDGE_RE.test(text.slice(from, to)) read off the chars
 * from the end (the regex, anchored only at its end, was tried at every position of the sentence).
 */
export function hedgedCampaign(text: string, from: number, to: number): boolean {
  if (to <= from || text.charCodeAt(to - 1) !== 32) return false;
  // "possible ": the word right before the last space
  if (hedgeWordAt(text, from, to - 1)) return true;
  // "possible Russian ": one [a-z-]+ word between (all of the run of such chars before the last space)
  let k = to - 1;
  while (k > from && isLetterOrHyphen(text.charCodeAt(k - 1))) k--;
  if (k === to - 1 || k <= from || text.charCodeAt(k - 1) !== 32) return false;
  return hedgeWordAt(text, from, k - 1);
}

/** negated auxiliaries as the tokenizer leaves them ("didn't" is "didn", "'", "t"), and "n't" */
const NEG_CONTRACTION = "n't didn doesn don hasn haven hadn wasn weren isn aren wouldn couldn shouldn mustn".split(" ");
const NEGATION = new Set(["not", "never", ...NEG_CONTRACTION]);
const NEGATION_NO = new Set([...NEGATION, "no"]);
const WILL_WOULD = new Set(["will", "would"]);
const MODAL = new Set(["will", "would", "'ll", "’ll"]);
const CONDITION = new Set(["if", "unless"]);
/** the nouns of BOTH_SUBJECT_RE */
const BOTH_SUBJECT_NOUN = new Set("sides countries parties leaders ministers delegations governments presidents teams negotiators".split(" "));

/** Is one of the last `k` words of `ws` in `set`? */
function lastIn(ws: readonly string[], k: number, set: ReadonlySet<string>): boolean {
  for (let i = Math.max(0, ws.length - k); i < ws.length; i++) if (set.has(ws[i]!)) return true;
  return false;
}

/** generic crowds (the head of a group side): never a side of a diplomatic contact */
const CROWD_RE = /\b(?:refugees|civilians|residents|protesters|protestors|demonstrators|crowds?|mob|villagers|prisoners|hostages|students|workers|strikers|settlers|farmers|miners|rioters|migrants)$/i;

/** A generic crowd: refugees arriving, protesters meeting. */
function crowd(u: Unit): boolean {
  return (u.via === "agent" || u.via === "agent-inferred") && !!u.side.group && CROWD_RE.test(u.side.group);
}

/** "accused his (Russian) counterpart of ...": the object is the other side of the reported conversation */
const COUNTERPART_RE = /^\s+(?:his|her|their|its)\s+(?:[A-Za-z-]+\s+)?counterparts?\b/;

/** "and its allies", "and other countries" after the last of a list of actors */
const AND_OTHERS_RE = /^\s*(?:and|or)\s+(?:its|their|his|her|other|several|some|many)\s+[a-z]+/;

/**
 * units[k] for each index k of `idx`, in reverse order when `reverse`: a list made by unitList (as
 * idx.map((k) => units[k]), which gives lists of other elements kinds: small integers when empty,
 * holey in optimised code).
 */
function pickUnits(units: Unit[], idx: readonly number[], reverse: boolean): Unit[] {
  // consecutive indexes, going down when `reverse` (conjLeft's always, conjRight's mostly): a slice of
  // units, of their size and kind, not a list grown by pushes to 17 places
  const n = idx.length;
  if (n > 0) {
    const step = reverse ? -1 : 1;
    let k = 1;
    while (k < n && idx[k] === idx[k - 1]! + step) k++;
    if (k === n) {
      const lo = reverse ? idx[n - 1]! : idx[0]!;
      return units.slice(lo, lo + n);
    }
  }
  const out = unitList();
  if (reverse) for (let k = idx.length - 1; k >= 0; k--) out.push(units[idx[k]!]!);
  else for (let k = 0; k < idx.length; k++) out.push(units[idx[k]!]!);
  return out;
}

/** The units coordinated with units[i], going left ("A, B and C"): indexes, nearest first (shared: do not change). */
function conjLeft(ctx: CoderContext, units: Unit[], i: number): readonly number[] {
  groupMemo(ctx, units);
  return (ctx.leftMemo![i] ??= conjLeftUncached(ctx, units, i));
}

function conjLeftUncached(ctx: CoderContext, units: Unit[], i: number): number[] {
  const out = [i];
  let j = i;
  while (j > 0) {
    if (!conjGapAt(ctx.doc.text, units[j - 1]!.end, units[j]!.start)) break;
    const gap = ctx.doc.text.slice(units[j - 1]!.end, units[j]!.start);
    if (/including|along|together|plus/i.test(gap) || units[j - 1]!.possessive) break;
    // "A, B and C discussed": a bare comma coordinates only left of an "and" ("A, B and its allies accused");
    // "After X, B met" does not
    if (j === i && !/\b(?:and|or)\b|[-–&]/i.test(gap) && !AND_OTHERS_RE.test(ctx.doc.text.slice(units[i]!.end, units[i]!.end + 40))) break;
    j--;
    out.push(j);
  }
  return out;
}

/** The units coordinated with units[i], going right up to `limit`: indexes (shared: do not change). */
function conjRight(ctx: CoderContext, units: Unit[], i: number, limit: number): readonly number[] {
  // a limit past the last unit's start limits nothing: one answer per unit
  if (units.length === 0 || limit <= units[units.length - 1]!.start) return conjRightUncached(ctx, units, i, limit);
  groupMemo(ctx, units);
  return (ctx.rightMemo![i] ??= conjRightUncached(ctx, units, i, limit));
}

function conjRightUncached(ctx: CoderContext, units: Unit[], i: number, limit: number): number[] {
  const out = [i];
  let j = i;
  while (j + 1 < units.length && units[j + 1]!.start < limit) {
    // "Kalın, Erdoğan's chief adviser, and Sullivan": a possessor inside an appositive is skipped
    const next = units[j + 1]!;
    if (/^['’]s\b/.test(ctx.doc.text.slice(next.end, next.end + 3))) {
      if (j + 2 < units.length && units[j + 2]!.start < limit && conjGapAt(ctx.doc.text, units[j]!.end, units[j + 2]!.start)) {
        j += 2;
        out.push(j);
        continue;
      }
      // "Kalın, Erdoğan's chief adviser": a possessor in apposition names the owner of a noun, it is no
      // conjunct; "Ukraine and Russia's ministers" coordinates the possessors
      if (!/^\s*(?:and|or|&)\s*$/i.test(ctx.doc.text.slice(units[j]!.end, next.start))) break;
    }
    if (!conjGapAt(ctx.doc.text, units[j]!.end, next.start) || next.possessive) break;
    j++;
    out.push(j);
  }
  return out;
}

/** Is the unit the object of a preposition ("in Ukraine", "with Russia and Turkey")? */
function ppObject(ctx: CoderContext, units: Unit[], i: number): boolean {
  groupMemo(ctx, units);
  const memo = ctx.ppMemo!;
  if (memo[i] === 0) memo[i] = ppObjectUncached(ctx, units, i) ? 2 : 1;
  return memo[i] === 2;
}

/** Is text[from, to) a bare "and" or "or" (after an optional comma)? As /^\s*,?\s*(?:and|or)\s*$/i on the slice, without slicing. */
export function andOrGapAt(text: string, from: number, to: number): boolean {
  let i = skipSpace(text, from, to);
  if (i < to && text.charCodeAt(i) === 44) i = skipSpace(text, i + 1, to);
  // ASCII letters only: | 0x20 gives the lower case of a letter, and no other char becomes a, n, d, o or r
  if (i + 3 <= to && (text.charCodeAt(i) | 0x20) === 97 && (text.charCodeAt(i + 1) | 0x20) === 110 && (text.charCodeAt(i + 2) | 0x20) === 100) i += 3;
  else if (i + 2 <= to && (text.charCodeAt(i) | 0x20) === 111 && (text.charCodeAt(i + 1) | 0x20) === 114) i += 2;
  else return false;
  return skipSpace(text, i, to) === to;
}

function ppObjectUncached(ctx: CoderContext, units: Unit[], i: number): boolean {
  let k = i;
  for (;;) {
    if (k > 0 && andOrGapAt(ctx.doc.text, units[k - 1]!.end, units[k]!.start)) k--;
    else break;
  }
  let t = tokenAt(ctx, units[k]!.start) - 1;
  while (t >= 0 && wordBits(ctx, t) & B_DET) t--;
  if (t < 0) return false;
  const s = ctx.doc.tokens[t]!.sent;
  if (s !== ctx.doc.tokens[tokenAt(ctx, units[k]!.start)]?.sent) return false;
  const w = ctx.words[t]!;
  // "security forces in Guinea", "opposition groups in Zimbabwe": the country names the actors
  if ((w === "in" || w === "of" || w === "from") && t > 0 && GROUP_HEAD.has(ctx.words[t - 1]!)) return false;
  return PREP.has(w);
}

function isStateAgent(u: Unit): boolean {
  return (u.via === "agent" || u.via === "agent-inferred") && !u.side.group;
}

/**
 * Is text[from, to) the gap between a possessor and its noun: "'s", or "'s" and up to two lower-case
 * modifiers ("Ukraine's urgent requests")? As /^\s*(?:['’]s?)?\s*$|^['’]s?\s+(?:[a-z-]+\s+){1,2}$/ on
 * the slice, without slicing: -1 no, 1 yes with an apostrophe, 0 yes without one (white space only).
 */
export function possessiveGap(text: string, from: number, to: number): number {
  const i = skipSpace(text, from, to);
  // white space, an optional "'" or "'s", white space
  let j = i;
  const quote = j < to && isQuoteCode(text.charCodeAt(j));
  if (quote) {
    j++;
    if (j < to && text.charCodeAt(j) === 115) j++; // s
  }
  if (skipSpace(text, j, to) === to) return quote ? 1 : 0;
  // or "'s" right at the start, white space, then one or two lower-case words each followed by white space
  if (i !== from || !quote) return -1;
  let k = skipSpace(text, j, to);
  if (k === j) return -1;
  let words = 0;
  while (k < to) {
    const w = k;
    while (k < to && isModifierCode(text.charCodeAt(k))) k++;
    if (k === w) return -1;
    const sp = k;
    k = skipSpace(text, k, to);
    if (k === sp) return -1;
    words++;
  }
  return words <= 2 ? 1 : -1;
}

/** ' or ’ */
function isQuoteCode(c: number): boolean {
  return c === 39 || c === 0x2019;
}

/** [a-z-] */
function isModifierCode(c: number): boolean {
  return (c >= 97 && c <= 122) || c === 45;
}

/** The unit right before a noun, as its possessor or adjective ("Russia's", "Russian"). */
function possessorBefore(ctx: CoderContext, units: Unit[], pos: number): Unit | null {
  for (let i = units.length - 1; i >= 0; i--) {
    const u = units[i]!;
    if (u.end > pos) continue;
    if (u.place) return null;
    const gap = possessiveGap(ctx.doc.text, u.end, pos);
    if (gap < 0) return null;
    // "Russia's demand", "Russian demand": a possessive or an adjective, not a subject before its verb
    if (gap === 1 || u.via === "demonym" || /(?:an|ese|ish|ch|i)$/i.test(ctx.doc.text.slice(u.start, u.end))) return u;
    return null;
  }
  return null;
}

const LIGHT_VERB = new Set("launched launches launch launching carried carries conducted conducts staged stages mounted mounts began begins unleashed unleashes intensified stepped continued continues resumed resumes imposed imposes announced announces made makes gave gives provided provides sent sends delivered".split(" "));
const STATEMENT = new Set<PloverType>(["REJECT", "ACCUSE", "REQUEST", "THREATEN", "AGREE", "SUPPORT"]);
const OBJECT_WINDOW: Partial<Record<PloverType, number>> = { THREATEN: 9, REQUEST: 8, REJECT: 7, ACCUSE: 6, SANCTION: 8, PROTEST: 9, MOBILIZE: 8 };

const SPEECH_RE = /\b(?:said|says|announced|stated|declared|told|pledged|promised|confirmed)\b/i;
/** a speech verb before a future act: its author said so ("warned", "vowed") */
const SPEECH_BEFORE_RE = /\b(?:said|says|warned|vowed|stressed|threatened|announced|declared|promised|pledged)\b/i;
const ANNOUNCED_RE = /\b(?:announced|decided)\b/i;

const SPEECH = new Set("said says say stated declared insisted reiterated repeated stressed told announced warned added argued concluded demanded urged noted maintained".split(" "));

/** word bits (WORD_BITS): the lists a match's scans test token by token */
const B_PERSONAL = 1; // SUBJ_PRONOUN
const B_IT = 2; // "it"
const B_OBJ_BREAK = 4;
const B_LOCATIVE = 8;
const B_PREP = 16;
const B_DET = 32;
const B_SPEECH = 64;

const WORD_BITS = new WordFacts((id) => wordBitsOf(wordText(lowerId(id))));

/** WORD_BITS of a lower-case word */
function wordBitsOf(w: string): number {
  return (
    (SUBJ_PRONOUN.has(w) ? B_PERSONAL : 0) | (w === "it" ? B_IT : 0) | (OBJ_BREAK.has(w) ? B_OBJ_BREAK : 0) | (LOCATIVE.has(w) ? B_LOCATIVE : 0) |
    (PREP.has(w) ? B_PREP : 0) | (DET.has(w) ? B_DET : 0) | (SPEECH.has(w) ? B_SPEECH : 0)
  );
}

/** The word bits of token `t`. */
function wordBits(ctx: CoderContext, t: number): number {
  return WORD_BITS.get(ctx.ids[t]!);
}

/** futureVerbWord of each word, by word id */
const FUTURE_VERB = new WordFacts((id) => (futureVerbWord(wordText(lowerId(id))) ? 1 : 0));

/**
 * The gate of FUTURE_AFTER_RE on text[from, to): does a token that starts before `to`, from the one at
 * `from` on, hold a last word of its verbs? It reads the words of the window only, by word id, where
 * a regex for the verbs read the whole sentence.
 */
function futureVerbAhead(ctx: CoderContext, from: number, to: number): boolean {
  const toks = ctx.doc.tokens;
  for (let t = tokenAt(ctx, from); t < toks.length && toks[t]!.start < to; t++) if (FUTURE_VERB.get(ctx.ids[t]!) !== 0) return true;
  return false;
}

/** The token index of the last speech verb before token `t0` in the sentence, or -1. */
function speechBefore(ctx: CoderContext, from: number, t0: number): number {
  for (let t = t0 - 1; t >= from; t--) if (wordBits(ctx, t) & B_SPEECH) return t;
  return -1;
}

/** "…, the minister said": the speaker named after the clause. */
function speakerAfter(ctx: CoderContext, units: Unit[], from: number, sentEnd: number): Unit[] {
  const a = tokenAt(ctx, from);
  for (let t = a; t < ctx.doc.tokens.length && ctx.doc.tokens[t]!.start < sentEnd; t++) {
    if ((wordBits(ctx, t) & B_SPEECH) === 0) continue;
    // "X said" or "said X"
    const before = units.filter((u) => u.end <= ctx.doc.tokens[t]!.start && u.start >= from && !u.possessive);
    const last = before[before.length - 1];
    if (last && gapWords(ctx, last.end, ctx.doc.tokens[t]!.start).length <= 3) return [last];
    const after = objectOf(ctx, units, ctx.doc.tokens[t]!.end, sentEnd, 3);
    return after.slice(0, 1);
  }
  return NO_UNITS;
}

/** The coordinated units ending right before `pos` (at most three words between): "Russia-Ukraine (peace) talks". */
function adjacentConj(ctx: CoderContext, units: Unit[], pos: number): Unit[] {
  for (let i = units.length - 1; i >= 0; i--) {
    const u = units[i]!;
    if (u.end > pos) continue;
    const gap = gapWords(ctx, u.end, pos);
    if (gap.length > 3 || gap.some((w) => OBJ_BREAK.has(w) || PREP.has(w) || w === "," || w === "and")) return NO_UNITS;
    return pickUnits(units, conjLeft(ctx, units, i), true);
  }
  return NO_UNITS;
}

/** words between "in"/"during" and the noun of an opening phrase, besides determiners */
const CALL_WORD = new Set("phone telephone video separate another recent first brief lengthy late-night".split(" "));

/** The clause opens with "In/During (a/the/his) (phone) call ..." */
function openingPhrase(before: readonly string[]): boolean {
  let k = before.length - 1;
  while (k >= 0 && (DET.has(before[k]!) || CALL_WORD.has(before[k]!))) k--;
  if (k < 0 || (before[k] !== "in" && before[k] !== "during")) return false;
  return k === 0 || before[k - 1] === "," || before[k - 1] === "that" || before[k - 1] === ";";
}

/** After "In a call with X,": the units after the comma that ends the opening phrase. */
function subjectAfterOpening(ctx: CoderContext, units: Unit[], from: number, sentEnd: number): Unit[] {
  const comma = ctx.doc.text.indexOf(",", from);
  if (comma < 0 || comma >= sentEnd) return NO_UNITS;
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (u.start < comma || u.place) continue;
    if (gapWords(ctx, comma + 1, u.start).length > 6) return NO_UNITS;
    return pickUnits(units, conjRight(ctx, units, i, sentEnd), false);
  }
  return NO_UNITS;
}

/** "A told B", "A asked B": the unit before `u` separated by one or two verb words. */
function verbPartner(ctx: CoderContext, units: Unit[], u: Unit): Unit | null {
  const i = units.indexOf(u);
  if (i <= 0) return null;
  const v = units[i - 1]!;
  if (v.place) return null;
  const a = tokenAt(ctx, v.end);
  const verbs: string[] = [];
  for (let t = a; t < ctx.doc.tokens.length && ctx.doc.tokens[t]!.start < u.start; t++) {
    const raw = ctx.doc.text.slice(ctx.doc.tokens[t]!.start, ctx.doc.tokens[t]!.end);
    const w = ctx.words[t]!;
    if (/^\p{Lu}/u.test(raw) || DET.has(w) || NP_ROLE.has(w) || /ly$|^(?:also|'s|’s)$/.test(w)) continue;
    verbs.push(w);
  }
  if (verbs.length < 1 || verbs.length > 2) return null;
  if (verbs.some((w) => PREP.has(w) || w === "said" || w === "says" || w === "that" || w === "which" || w === "who" || w === "and" || w === "or" || !/^[a-z]+$/.test(w))) return null;
  return v;
}

interface SubjectResult {
  units: Unit[];
  fromTopic: boolean;
}

/** The subject: the nearest unit before `pos` that is not inside a prepositional phrase, with its conjuncts. */
function subjectOf(ctx: CoderContext, units: Unit[], pos: number, sentStart: number, topic: Side | null, allowPlace = false, topicActor: Side | null = null): SubjectResult {
  // a pure function of its arguments; within a sentence the units, topic and topic actor stay the same objects
  if (ctx.subjUnits !== units || ctx.subjTopic !== topic || ctx.subjTopicActor !== topicActor) {
    ctx.subjUnits = units;
    ctx.subjTopic = topic;
    ctx.subjTopicActor = topicActor;
    ctx.subjCount = 0;
  }
  // a few answers per sentence: a linear search of three reused lists (their first subjCount entries), not a
  // Map cleared per sentence (a new table each time) holding a new entry object per answer
  const key = allowPlace ? pos * 2 + 1 : pos * 2;
  const keys = (ctx.subjKeys ??= []);
  const starts = (ctx.subjStarts ??= []);
  const results = (ctx.subjResults ??= []);
  const n = ctx.subjCount!;
  let i = 0;
  while (i < n && keys[i] !== key) i++;
  if (i < n && starts[i] === sentStart) return results[i]!;
  const result = subjectOfUncached(ctx, units, pos, sentStart, topic, allowPlace, topicActor);
  keys[i] = key;
  starts[i] = sentStart;
  results[i] = result;
  if (i === n) ctx.subjCount = n + 1;
  return result;
}

function subjectOfUncached(ctx: CoderContext, units: Unit[], pos: number, sentStart: number, topic: Side | null, allowPlace: boolean, topicActor: Side | null): SubjectResult {
  let best = -1;
  for (let i = units.length - 1; i >= 0; i--) {
    const u = units[i]!;
    if (u.end > pos || u.possessive) continue;
    if (u.place && !allowPlace) continue;
    if (ppObject(ctx, units, i)) continue;
    best = i;
    break;
  }
  // a bare pronoun nearer than any unit: the actor carried over from earlier sentences
  const from = best >= 0 ? units[best]!.end : sentStart;
  const a = tokenAt(ctx, from);
  const b = tokenAt(ctx, pos);
  for (let t = b - 1; t >= a; t--) {
    const bits = wordBits(ctx, t);
    if ((bits & (B_PERSONAL | B_IT)) === 0) continue;
    const w = ctx.words[t]!;
    const personal = (bits & B_PERSONAL) !== 0;
    const carried = personal ? topic : topicActor;
    // "Kuleba said that he was open to talks", "Kuleba told Blinken that he ...": the subject of the sentence
    if (best >= 0 && w === "it" && !units[best]!.person) break;
    if (best >= 0) {
      // the clause starts after the last semicolon before the pronoun
      const semi = ctx.doc.text.lastIndexOf(";", ctx.doc.tokens[t]!.start);
      const from = Math.max(sentStart, semi + 1);
      const main = clauseSubject(ctx, units, from, ctx.doc.tokens[t]!.start, w === "it");
      if (main >= 0) {
        best = main;
        break;
      }
    }
    if (carried) return { units: [newUnit(ctx.doc.tokens[t]!.start, ctx.doc.tokens[t]!.end, carried, !!carried.person, false, "topic")], fromTopic: true };
    break;
  }
  if (best < 0) return { units: NO_UNITS, fromTopic: false };
  return { units: pickUnits(units, conjLeft(ctx, units, best), true), fromTopic: false };
}

/**
 * The first unit in [from, to), no place nor possessor, a person unless `it` (then none), not inside a
 * prepositional phrase: the subject of the clause a pronoun refers to (a loop, not a findIndex closure:
 * the closure took the caller's loop variables into a context allocated per token).
 */
function clauseSubject(ctx: CoderContext, units: Unit[], from: number, to: number, it: boolean): number {
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (u.start >= from && u.end <= to && !u.place && !u.possessive && (it ? !u.person : u.person) && !ppObject(ctx, units, i)) return i;
  }
  return -1;
}

/** The first unit after `pos` within a few words (no clause break between), with its conjuncts. */
function objectOf(ctx: CoderContext, units: Unit[], pos: number, sentEnd: number, maxWords = 5, allowPlace = false, allowLocative = false, skipAgents = false): Unit[] {
  const toks = ctx.doc.tokens;
  // the first token at pos (looked up once) and the first token at the unit (counted on from the last unit's)
  let a = -1;
  let b = -1;
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (u.start < pos || u.possessive) continue;
    // "deployed troops to X", "sent soldiers": the forces moved are not the target
    if (skipAgents && isStateAgent(u)) continue;
    if (u.place && !allowPlace) continue;
    // the words between: not too many, no clause break, no preposition of place or time
    if (a < 0) b = a = tokenAt(ctx, pos);
    // (units come in text order; should one not, count again from pos)
    else if (b > a && toks[b - 1]!.start >= u.start) b = a;
    while (b < toks.length && toks[b]!.start < u.start) b++;
    if (b - a > maxWords) return NO_UNITS;
    let locative = false;
    for (let t = a; t < b; t++) {
      const bits = wordBits(ctx, t);
      if (bits & B_OBJ_BREAK) return NO_UNITS;
      if (bits & B_LOCATIVE) locative = true;
    }
    if (!allowLocative && locative) continue;
    // (as conjRight(...).map((k) => units[k]).filter((x) => allowPlace || !x.place), in one list of unitList's kind)
    const out = unitList();
    for (const k of conjRight(ctx, units, i, sentEnd)) if (allowPlace || !units[k]!.place) out.push(units[k]!);
    return out;
  }
  return NO_UNITS;
}

/** The unit after a preposition (`with`, `between`) following `pos`. */
function afterWord(ctx: CoderContext, units: Unit[], pos: number, sentEnd: number, word: string, maxWords: number): Unit[] {
  const a = tokenAt(ctx, pos);
  // the first object found that starts with a person, else the first object found
  let first: Unit[] | null = null;
  for (let t = a, n = 0; t < ctx.doc.tokens.length && ctx.doc.tokens[t]!.start < sentEnd && n < maxWords; t++, n++) {
    if (wordBits(ctx, t) & B_OBJ_BREAK) break;
    if (ctx.words[t] !== word) continue;
    const objs = objectOf(ctx, units, ctx.doc.tokens[t]!.end, sentEnd, 6);
    if (!objs.length) continue;
    if (objs[0]!.person) return objs;
    first ??= objs;
  }
  return first ?? NO_UNITS;
}

/** Is a time expression of the doc inside [start, end)? */
function hasTimeIn(doc: Doc, start: number, end: number): boolean {
  for (const t of doc.times) if (t.start >= start && t.end <= end) return true;
  return false;
}

/** The date for an event: the time stage's `dateFor` (day grain only). */
function dateOf(doc: Doc, span: Span): string | null {
  return dateFor(doc, span, EVENT_DAY_OPTIONS).value;
}

/** adverbs between "be" and a participle */
const PASSIVE_ADVERB = new Set(["also", "reportedly", "allegedly", "repeatedly", "not", "never", "just", "already"]);
/** adverbs between "had" and a habitual act */
const HABITUAL_ADVERB = new Set(["also", "been", "already", "long", "previously", "earlier", "again", "not", "twice"]);

/** Is the word before the match (skipping adverbs) a form of "be", with a participle trigger? */
function passiveBefore(ctx: CoderContext, t0: number, sentTokStart: number): boolean {
  const first = ctx.words[t0]!;
  if (!first.endsWith("ed") && !first.endsWith("en") && !IRREGULAR_PARTICIPLE.has(first)) return false;
  let t = t0 - 1;
  while (t >= sentTokStart && (ctx.words[t]!.endsWith("ly") || PASSIVE_ADVERB.has(ctx.words[t]!))) t--;
  if (t < sentTokStart) return false;
  const w = ctx.words[t]!;
  return w === "was" || w === "were" || w === "is" || w === "are" || w === "been" || w === "being" || w === "be" || w === "got" || w === "get";
}

/** "rejected by Moscow": "by" right after the participle. */
function byAfter(ctx: CoderContext, end: number, sentTokEnd: number): number {
  let t = tokenAt(ctx, end);
  for (let n = 0; t < sentTokEnd && n < 4; t++, n++) {
    const w = ctx.words[t]!;
    if (w === "by") return ctx.doc.tokens[t]!.end;
    // "demanded an admission by Moscow", "rejected calls by X": the verb has an object; the by-phrase is the noun's
    if (wordBits(ctx, t) & (B_OBJ_BREAK | B_PREP | B_DET) || w === "," || w === "that") break;
    if (n === 0 && w.endsWith("s") && !w.endsWith("ss") && !TIME_WORD.has(w)) break;
  }
  return -1;
}

/** words of a short time adverbial next to a verb: "on Monday", "late on Friday", "last week", "today" */
const TIME_WORD = new Set(
  "on early late today yesterday tonight overnight night morning afternoon evening last this week month weekend monday tuesday wednesday thursday friday saturday sunday earlier".split(" "),
);
/** words that open an object noun phrase after a verb */
const OBJECT_START = new Set("more some several dozens hundreds thousands scores two three four five six seven eight nine ten many".split(" "));
const WEEKDAY_RE = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|overnight)$/;

/** Token index after a time adverbial starting at token t ("on Monday night", "last week"), or t when there is none. */
function skipTime(ctx: CoderContext, t: number, tokEnd: number): number {
  let k = t;
  let day = false;
  while (k < tokEnd && TIME_WORD.has(ctx.words[k]!)) {
    if (WEEKDAY_RE.test(ctx.words[k]!) || ctx.words[k] === "week" || ctx.words[k] === "month" || ctx.words[k] === "weekend") day = true;
    k++;
  }
  return day ? k : t;
}

/** nouns that sum up the clause before them: ", a move denounced by ...", ", claims rejected by ..." */
const ACT_NOUN = new Set("move moves step steps decision decisions claim claims allegation allegations accusation accusations charge charges remarks statement statements demand demands proposal proposals offer offers plan plans announcement measure measures action actions".split(" "));

/** The token of an act noun in apposition right before a participle (", a move (immediately) denounced"), or -1. */
function actNounBefore(ctx: CoderContext, t0: number, sentTokStart: number): number {
  let t = t0 - 1;
  while (t >= sentTokStart && ctx.words[t]!.endsWith("ly")) t--;
  if (t < sentTokStart || !ACT_NOUN.has(ctx.words[t]!)) return -1;
  let k = t - 1;
  if (k >= sentTokStart && (ctx.words[k] === "a" || ctx.words[k] === "the" || ctx.words[k] === "these" || ctx.words[k] === "those")) k--;
  return k >= sentTokStart && (ctx.words[k] === "," || ctx.words[k] === "-" || ctx.words[k] === "–" || ctx.words[k] === "—") ? t : -1;
}

/** A past participle modifying the noun before it, with no agent: "people killed in ...". */
function reducedRelative(ctx: CoderContext, t0: number, end: number, sentTokEnd: number, before: readonly string[]): boolean {
  const prev = before[before.length - 1];
  if (!prev || BE.has(prev) || SUBJ_PRONOUN.has(prev) || prev === "it" || prev.endsWith("ly")) return false;
  // "Albania on Friday denounced", "the army yesterday attacked": a time adverbial between subject and verb
  if (WEEKDAY_RE.test(prev) || prev === "week" || prev === "month" || prev === "weekend") return false;
  // a name right before the verb is its subject: "The EU imposed sanctions on ..."
  const p = ctx.doc.tokens[t0 - 1];
  const pp = before[before.length - 2];
  if (p && /^\p{Lu}/u.test(ctx.doc.text.slice(p.start, p.end)) && !(pp && PREP.has(pp))) return false;
  const t0a = tokenAt(ctx, end);
  if (t0a >= sentTokEnd) return true;
  // "the parliament threatened on Monday to break ...", "the army forced out on Wednesday 1,000 refugees":
  // what follows the time adverbial tells (an object or an infinitive: the verb is finite)
  const t = skipTime(ctx, t0a, sentTokEnd);
  if (t > t0a && t < sentTokEnd) {
    const after = ctx.words[t]!;
    if (after === "to" || DET.has(after) || OBJECT_START.has(after) || /^\d/.test(after) || /^\p{Lu}/u.test(ctx.doc.text.slice(ctx.doc.tokens[t]!.start, ctx.doc.tokens[t]!.end))) return false;
  }
  const next = ctx.words[t0a]!;
  return LOCATIVE.has(next) || next === "in" || next === "on" || next === "during" || next === "when" || next === "while" || next === "," || next === "." || next === "as";
}

function habitualBefore(before: readonly string[]): boolean {
  for (let k = 1; k <= 4 && k <= before.length; k++) {
    const w = before[before.length - k]!;
    // "had offered" (before the news of the day) and "repeatedly": undated; "has" is left to dateFor
    if (w === "had" || w === "repeatedly" || w === "consistently") return true;
    if (!w.endsWith("ly") && !HABITUAL_ADVERB.has(w)) return false;
  }
  return false;
}

function cloneSide(s: Side): Side {
  const c: Side = s.group ? { person: s.person, actor: s.actor, group: s.group } : { person: s.person, actor: s.actor };
  if (s.country) c.country = s.country;
  return c;
}

/** per rule: the number of the last sentence it was gathered for */
let stamp = new Int32Array(0);
let stampNow = 0;
/** per rule, in the sentence being coded: its first and last place to try (-1: none) */
let firstAt = new Int32Array(0);
let lastAt = new Int32Array(0);
/** the places to try of every rule of the sentence: position in the sentence text, and the next place of the same rule */
let atPos = new Int32Array(256);
let atNext = new Int32Array(256);

let triggerTable: WordTable<Rule[]> | null = null;
let startTable: WordTable<Rule[]> | null = null;

/** The rules of each trigger word, by word id. */
function triggers(byTrigger: Map<string, Rule[]>): WordTable<Rule[]> {
  if (!triggerTable || triggerTable.map !== byTrigger) triggerTable = new WordTable(byTrigger);
  return triggerTable;
}

/** The rules a match of which can begin with each word, by word id. */
function startsTable(byStart: Map<string, Rule[]>): WordTable<Rule[]> {
  if (!startTable || startTable.map !== byStart) startTable = new WordTable(byStart);
  return startTable;
}

/** per word id: 0 when the word has no ASCII letter, 1 when it is ASCII letters only, 2 otherwise */
const LETTER_KIND = new WordFacts((id) => {
  const w = wordText(id);
  let letters = 0;
  for (let i = 0; i < w.length; i++) if (isAsciiLetterCode(w.charCodeAt(i))) letters++;
  return letters === 0 ? 0 : letters === w.length ? 1 : 2;
});

/** Does a run of ASCII letters start at p, within [from, ..)? */
function runStartsAt(text: string, p: number, from: number): boolean {
  return isAsciiLetterCode(text.charCodeAt(p)) && (p === from || !isAsciiLetterCode(text.charCodeAt(p - 1)));
}

/** The end of the run of ASCII letters from p (at most `to`). */
function runEnd(text: string, p: number, to: number): number {
  let e = p + 1;
  while (e < to && isAsciiLetterCode(text.charCodeAt(e))) e++;
  return e;
}

/**
 * The places where the gathered rules of the sentence (stamp `mark`) that have start words may
 * match: every run of ASCII letters of the sentence whose lower case is a start word of the rule
 * (starts.ts), in text order, into the per-rule lists firstAt/atNext. A token with no ASCII letter
 * holds no run; a token of letters with no letter either side is one run, looked up by its word id;
 * the other chars (between tokens, inside "Russian-backed" or "don't") are read one by one, a run
 * looked up by its text.
 */
function gatherStarts(doc: Doc, sent: Sentence, ids: Int32Array, words: string[], byStart: Map<string, Rule[]>, table: WordTable<Rule[]>, mark: number): void {
  const text = doc.text;
  const toks = doc.tokens;
  const from = sent.start;
  const to = sent.end;
  gathered = 0;
  // the chars before p are read
  let p = from;
  for (let t = sent.tokStart; t <= sent.tokEnd; t++) {
    const tok = t < sent.tokEnd ? toks[t]! : null;
    // the chars up to the token (white space, as the tokenizer leaves them; the rest of a run that went on past the token before)
    const upTo = tok ? Math.max(tok.start, Math.min(tok.end, p)) : to;
    p = readChars(text, p, upTo, from, to, byStart, mark);
    if (tok === null) break;
    if (p >= tok.end) continue;
    const kind = LETTER_KIND.get(ids[t]!);
    if (kind === 0) {
      p = tok.end;
      continue;
    }
    if (kind === 1 && p === tok.start && (p === from || !isAsciiLetterCode(text.charCodeAt(p - 1))) && (tok.end >= to || !isAsciiLetterCode(text.charCodeAt(tok.end)))) {
      addPlaces(table.get(ids[t]!, words[t]!), p - from, mark);
      p = tok.end;
      continue;
    }
    // the token's chars one by one (a run may go on past its end)
    p = readChars(text, p, tok.end, from, to, byStart, mark);
  }
}

/**
 * The chars of the sentence [from, to) from p up to `limit`, one by one: each run of letters that
 * starts there (it may end past `limit`) looked up by its text. Returns where the reading stopped.
 */
function readChars(text: string, p: number, limit: number, from: number, to: number, byStart: Map<string, Rule[]>, mark: number): number {
  while (p < limit) {
    if (!runStartsAt(text, p, from)) {
      p++;
      continue;
    }
    const e = runEnd(text, p, to);
    addPlaces(byStart.get(text.slice(p, e).toLowerCase()), p - from, mark);
    p = e;
  }
  return p;
}

/** places gathered for the sentence so far (atPos/atNext entries) */
let gathered = 0;

/** Adds place `at` to the list of each rule of `rs` gathered for the sentence (stamp `mark`). */
function addPlaces(rs: Rule[] | undefined, at: number, mark: number): void {
  if (!rs) return;
  for (let k = 0; k < rs.length; k++) {
    const r = rs[k]!.idx;
    if (stamp[r] !== mark) continue;
    const n = gathered++;
    if (n === atPos.length) {
      atPos = grown(atPos, 2 * n);
      atNext = grown(atNext, 2 * n);
    }
    atPos[n] = at;
    atNext[n] = -1;
    if (firstAt[r] === -1) firstAt[r] = n;
    else atNext[lastAt[r]!] = n;
    lastAt[r] = n;
  }
}

/** Is there a person mention inside [start, end)? (doc.mentions is sorted by start) */
function hasPersonMention(doc: Doc, start: number, end: number): boolean {
  const ms = doc.mentions;
  let lo = 0;
  let hi = ms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ms[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < ms.length && ms[i]!.start < end; i++) if (ms[i]!.kind === "person" && ms[i]!.end <= end) return true;
  return false;
}

/** The actor units of a sentence, with the generic agents ("troops", "rebels"). */
function sentenceUnits(ctx: CoderContext, sent: Doc["sentences"][number]): Unit[] {
  return addAgentUnits(ctx.doc, ctx.words, ctx.ids, sent.tokStart, sent.tokEnd, buildUnits(ctx.doc, sent.start, sent.end), dominantOf(ctx));
}

/** The units that can be sides: possessive pronouns ("his counterpart") are possessors, never sides of their own. */
/** The first person unit not inside a prepositional phrase (a loop: a closure reading the sentence loop's units had them kept in a context allocated per sentence). */
function firstPersonSubject(ctx: CoderContext, units: Unit[]): Unit | undefined {
  for (const u of units) if (u.person && !ppObject(ctx, units, units.indexOf(u))) return u;
  return undefined;
}

function sideUnits(all: Unit[]): Unit[] {
  for (let i = 0; i < all.length; i++) if (all[i]!.possessive) return all.filter((u) => !u.possessive);
  return all;
}

/** the missing side of a one-sided event */
const NOBODY: Side = { person: null, actor: null };

export function codeEvents(doc: Doc): EventRecord[] {
  const { rules: allRules, byTrigger, byStart } = loadRules();
  const text = doc.text;
  // the lower-cased token texts the earlier stages computed for this doc (shared, read only)
  const { lw: words, ids } = tokenTexts(doc);
  const table = triggers(byTrigger);
  table.fit();
  const starts = startsTable(byStart);
  starts.fit();
  // the rules of one sentence, in the order their triggers first occur: a stamp per rule instead of a Set
  if (stamp.length !== allRules.length) {
    stamp = new Int32Array(allRules.length);
    firstAt = new Int32Array(allRules.length);
    lastAt = new Int32Array(allRules.length);
  }
  // (emptied by a count: `length = 0` would free the list's storage, reallocated by the next sentence's pushes)
  const cands: Rule[] = [];
  let nCands = 0;
  const ctx: CoderContext = { doc, words, ids, ends: tokenEnds(doc) };
  const drafts: Draft[] = [];
  let topic: Side | null = null;
  let topicActor: Side | null = null;

  for (let si = 0; si < doc.sentences.length; si++) {
    const sent = doc.sentences[si]!;
    // the trigger gate: only rules with a trigger word among this sentence's tokens
    nCands = 0;
    const mark = ++stampNow;
    let anchored = false;
    for (let t = sent.tokStart; t < sent.tokEnd; t++) {
      const rs = table.get(ids[t]!, words[t]!);
      if (!rs) continue;
      for (let k = 0; k < rs.length; k++) {
        const r = rs[k]!;
        if (stamp[r.idx] === mark) continue;
        stamp[r.idx] = mark;
        firstAt[r.idx] = -1;
        cands[nCands++] = r;
        if (r.starts) anchored = true;
      }
    }
    // the sentence's units, built only when a rule matches or the topic needs a person (they cost more than the regexes)
    let allUnits: Unit[] = NO_UNITS;
    let units: Unit[] = NO_UNITS;
    let built = false;
    if (nCands > 0) {
      const sentText = text.slice(sent.start, sent.end);
      if (anchored) gatherStarts(doc, sent, ids, words, byStart, starts, mark);
      rules: for (let ci = 0; ci < nCands; ci++) {
        const rule = cands[ci]!;
        // a rule with start words is tried (sticky) at each of them, left to right past its last match:
        // the same matches as the global scan, which finds none elsewhere (starts.ts)
        const sticky = rule.sticky;
        let at = sticky ? firstAt[rule.idx]! : 0;
        if (sticky) {
          if (at < 0) continue;
        } else rule.regex.lastIndex = 0;
        let from = 0;
        for (;;) {
          let m: RegExpExecArray | null;
          if (sticky) {
            while (at >= 0 && atPos[at]! < from) at = atNext[at]!;
            if (at < 0) break;
            sticky.lastIndex = atPos[at]!;
            at = atNext[at]!;
            m = sticky.exec(sentText);
            if (!m) continue;
            from = m.index + m[0].length;
          } else {
            m = rule.regex.exec(sentText);
            if (!m) break;
            if (m[0].length === 0) {
              rule.regex.lastIndex++;
              continue;
            }
          }
          if (!built) {
            built = true;
            allUnits = sentenceUnits(ctx, sent);
            units = sideUnits(allUnits);
            // no side to find: no rule can code anything in this sentence
            if (units.length === 0 && !topic) break rules;
          }
          const mStart = sent.start + m.index;
          const mEnd = mStart + m[0].length;
          if (rule.notAfterRe && rule.notAfterRe.test(text.slice(Math.max(sent.start, mStart - 40), mStart))) continue;
          const tEnd = m.groups?.t !== undefined ? mStart + m[0].indexOf(m.groups.t) + m.groups.t.length : mEnd;
          codeMatch(ctx, rule, units, allUnits, si, mStart, mEnd, tEnd, topic, topicActor, drafts, sentText);
        }
      }
    }
    // the topic: the last person who did something, for "he" in later sentences
    for (let k = drafts.length - 1; k >= 0 && drafts[k]!.sent === si; k--) {
      const s = drafts[k]!.source;
      if (s && s.person) {
        topic = s;
        break;
      }
    }
    for (let k = drafts.length - 1; k >= 0 && drafts[k]!.sent === si; k--) {
      const s = drafts[k]!.source;
      if (s && !s.person && s.actor) {
        topicActor = s;
        break;
      }
    }
    if (!topic || (drafts.length && drafts[drafts.length - 1]!.sent !== si)) {
      // only the entities stage's person mentions make person units
      if (nCands > 0 && !built && hasPersonMention(doc, sent.start, sent.end)) {
        allUnits = sentenceUnits(ctx, sent);
        units = sideUnits(allUnits);
      }
      const firstPerson = firstPersonSubject(ctx, units);
      if (firstPerson) topic = firstPerson.side;
    }
  }
  return finish(doc, drafts);
}

/**
 * The sides a match names, found apart from codeMatch's later adjustments: each kind of match in its own
 * function, so that the optimising compiler compiles (and, when new object shapes reach it, recompiles) a
 * small function rather than all of codeMatch.
 */
interface FoundSides {
  sources: Unit[];
  targets: Unit[];
  pairs: Array<[Unit, Unit]> | null;
}

/** The sides of a passive or "by" clause: the agents after the verb, the patients before it. */
function passiveSides(ctx: CoderContext, units: Unit[], byAgents: Unit[], t0: number, mStart: number, tEnd: number, sent: Sentence, topic: Side | null): FoundSides {
  let sources: Unit[];
  let targets: Unit[];
    // "Ukraine was attacked by Russia", "claims rejected by Moscow", "came under shelling by Russian forces"
    const agents = byAgents.length ? byAgents : afterWord(ctx, units, tEnd, sent.end, "by", 10);
    let patients = subjectOf(ctx, units, mStart, sent.start, topic, true).units;
    // with no agent, only a patient right before the verb: "Ukraine said three people were killed" has none
    if (!agents.length && patients.length && gapWords(ctx, patients[patients.length - 1]!.end, mStart).length > 3) patients = NO_UNITS;
    // "X accused Russia of ..., claims rejected by Moscow", "Russia announced ..., a move denounced by Kyiv": the noun
    // in apposition to the clause stands for what its subject did; that subject is the patient
    const act = actNounBefore(ctx, t0, sent.tokStart);
    if (act >= 0 && agents.length) {
      const main = units.findIndex((u, i) => u.start >= sent.start && u.end <= ctx.doc.tokens[act]!.start && !u.place && !ppObject(ctx, units, i));
      if (main >= 0) patients = pickUnits(units, conjRight(ctx, units, main, ctx.doc.tokens[act]!.start), false).filter((u) => !agents.some((a) => sameSide(a.side, u.side)));
    }
    sources = agents;
    targets = patients;
  return { sources, targets, pairs: null };
}

// The helpers below are loops rather than closures inside the match functions: a closure that reads a
// function's locals (units, mStart, sources, ...) moves them into a context object allocated on every
// call of the function, whether the closure runs or not.

/** The last unit that ends by `pos` and is no place (as units.filter((u) => u.end <= pos && !u.place).pop()). */
function lastUnitBefore(units: Unit[], pos: number): Unit | undefined {
  for (let i = units.length - 1; i >= 0; i--) {
    const u = units[i]!;
    if (u.end <= pos && !u.place) return u;
  }
  return undefined;
}

/** The first unit that ends by `pos`, no place, not inside a prepositional phrase. */
function firstSubjectBefore(ctx: CoderContext, units: Unit[], pos: number): Unit | undefined {
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (u.end <= pos && !u.place && !ppObject(ctx, units, i)) return u;
  }
  return undefined;
}

/** The index of the first unit from `from` on, no place, not inside a prepositional phrase, on none of the sides of `sides`; -1 if none. */
function firstOtherSubject(ctx: CoderContext, units: Unit[], from: number, sides: Unit[]): number {
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (u.start >= from && !u.place && !ppObject(ctx, units, i) && !onSideOf(u, sides)) return i;
  }
  return -1;
}

/** Is `u` on the side of one of `us`? */
function onSideOf(u: Unit, us: Unit[]): boolean {
  for (let k = 0; k < us.length; k++) if (sameSide(us[k]!.side, u.side)) return true;
  return false;
}

/** Is a unit of `a` on the side of one of `b`? */
function sharesSide(a: Unit[], b: Unit[]): boolean {
  for (let k = 0; k < a.length; k++) if (onSideOf(a[k]!, b)) return true;
  return false;
}

/** The units of `us` that are not in `not` (a closure here on a rare path only). */
function unitsNotIn(us: Unit[], not: Unit[]): Unit[] {
  return us.filter((u) => !not.includes(u));
}

/** The sides of a campaign noun ("Russia's invasion of Ukraine"): the actor right before it, the place or actor after it. */
function campaignSides(ctx: CoderContext, units: Unit[], before: readonly string[], mStart: number, mEnd: number, sent: Sentence, topic: Side | null, topicActor: Side | null): FoundSides {
  let sources = NO_UNITS;
  let targets = NO_UNITS;
    // "Russia's invasion of Ukraine", "the Russian invasion", "Putin announced a military operation in Ukraine"
    const last = lastUnitBefore(units, mStart);
    if (last) {
      const gap = gapWords(ctx, last.end, mStart).filter((w) => w !== '"' && w !== "“" && w !== "'" && w !== "’");
      if (gap.length <= 4 && gap.every((w) => CAMPAIGN_GAP.has(w) || /^[a-z]+ed$|^long-[a-z]+$|^(?:today|yesterday|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/.test(w))) sources = [last];
    }
    // "President X of Russia on February 24 announced a military operation": the subject of a launch verb
    if (!sources.length && lastIn(before, 3, CAMPAIGN_VERB)) {
      sources = subjectOf(ctx, units, mStart, sent.start, topic, false, topicActor).units.filter((u) => u.via !== "topic").slice(-1);
    }
    for (const u of units) {
      if (u.start < mEnd || u.place) continue;
      const gap = gapWords(ctx, mEnd, u.start);
      if (gap.length <= 3 && gap.length >= 1 && /^(?:of|in|on|against|into|with|across|inside)$/.test(gap[0]!)) targets = [u];
      break;
    }
  return { sources, targets, pairs: null };
}

/** The sides of any other match, as its rule says where they stand (its `source` and `target`). `extra` takes the further pairs of a hosted meeting; `mode` is the rule's, which a hosted meeting may change. */
function ruleSides(
  ctx: CoderContext, rule: Rule, units: Unit[], allUnits: Unit[], before: readonly string[], trigWord: string, t0: number, mStart: number, mEnd: number, tEnd: number,
  sent: Sentence, topic: Side | null, topicActor: Side | null, mode: ConsultMode, extra: Array<{ s: Unit; t: Unit; mode: ConsultMode }>,
): FoundSides & { mode: ConsultMode } {
  const doc = ctx.doc;
  const type = rule.type;
  let sources = NO_UNITS;
  let targets = NO_UNITS;
  let pairs: Array<[Unit, Unit]> | null = null;
    let subj = subjectOf(ctx, units, mStart, sent.start, topic, rule.target === "hosted", topicActor);
    // "followed by Russia illegally annexing Crimea": the actor right before a gerund is its subject
    if (trigWord.endsWith("ing")) {
      const prevUnit = lastUnitBefore(units, mStart);
      if (prevUnit) {
        const gap = gapWords(ctx, prevUnit.end, mStart);
        if (gap.length <= 2 && gap.every((w) => w.endsWith("ly"))) subj = { units: [prevUnit], fromTopic: false };
      }
    }
    // "Blinken spoke with X and Y, urging them to ...": a participle after a comma shares the main subject
    if (trigWord.endsWith("ing") && before[before.length - 1] === ",") {
      const main = firstSubjectBefore(ctx, units, mStart);
      if (main) subj = { units: [main], fromTopic: false };
    }
    if (rule.source === "subject") sources = subj.units;
    if (rule.source === "possessor") {
      // "Russia launched an attack on", "the army carried out strikes": the subject of a light verb
      const light = lastIn(before, 4, LIGHT_VERB);
      sources = light ? subj.units : NO_UNITS;
    }
    // "Moscow's demand", "U.S. condemnation of": the possessor right before a noun is its author
    if (!rule.verbal && rule.source !== "between") {
      const pos = possessorBefore(ctx, allUnits, mStart);
      if (pos) sources = [pos];
    }
    // "In a phone call with X, Y said ...": the subject comes after the opening phrase
    if (type === "CONSULT" && openingPhrase(before)) {
      const after = subjectAfterOpening(ctx, units, mEnd, sent.end);
      if (after.length) sources = after;
    }
    switch (rule.target) {
      case "subject": {
        // "Russia said that Sudan must return the helicopter": the one who must act is the target,
        // the one who said so the source
        targets = subj.units.filter((u) => u.via !== "topic").slice(-1);
        const said = speechBefore(ctx, sent.tokStart, t0);
        sources = said >= 0 ? subjectOf(ctx, units, doc.tokens[said]!.start, sent.start, topic, false, topicActor).units : NO_UNITS;
        if (!sources.length) sources = speakerAfter(ctx, units, mEnd, sent.end);
        break;
      }
      case "object":
        // "resigned", "surrendered": only "surrendered to X" names a target
        if (rule.intransitive) {
          const obj = objectOf(ctx, units, tEnd, sent.end, 1);
          targets = obj.length && gapWords(ctx, tEnd, obj[0]!.start).join(" ") === "to" ? obj : NO_UNITS;
          break;
        }
        // threats and demands name their target after the act: "threatened to cut off gas to X"
        // a shelled or seized town stands for its country: "shelled residential areas of Kharkiv"
        targets = objectOf(ctx, units, tEnd, sent.end, rule.maxGap ?? OBJECT_WINDOW[type] ?? 5, type === "ASSAULT" || type === "COERCE", false, type === "MOBILIZE" || type === "AID" || type === "RETREAT");
        if (targets.length > 1 && targets.some((u) => u.place)) targets = targets.filter((u) => !u.place).slice(0, 1).concat(targets.filter((u) => !u.place).slice(1));
        if (!targets.length && (type === "ASSAULT" || type === "COERCE")) targets = objectOf(ctx, units, tEnd, sent.end, 5, true).slice(0, 1);
        // "withdrew from X", "cut its military activity around Kyiv": a retreat is from a place
        if (!targets.length && type === "RETREAT") targets = objectOf(ctx, units, tEnd, sent.end, 8, true, true).slice(0, 1);
        // "offered on several occasions to host talks between Kyiv and Moscow"
        if (!targets.length && type === "AGREE") {
          const btw = afterWord(ctx, units, tEnd, sent.end, "between", 10);
          if (btw.length >= 2) targets = btw;
        }
        break;
      case "with": {
        targets = afterWord(ctx, units, tEnd, sent.end, "with", 14);
        if (!targets.length && type === "CONSULT") targets = afterWord(ctx, units, tEnd, sent.end, "including", 10);
        if (!targets.length && type === "CONSULT" && rule.mode === "phone") targets = afterWord(ctx, units, tEnd, sent.end, "to", 10);
        if (!targets.length && type === "AGREE" && sources.length === 1) {
          // "agreed to lift the embargo on Iran": an object close by, in the same clause
          const obj = objectOf(ctx, units, tEnd, sent.end, 6);
          const gapText = doc.text.slice(tEnd, obj[0]?.start ?? tEnd);
          if (obj.length && !gapText.includes(",") && !/\bbetween\b/i.test(gapText)) targets = obj;
        }
        if (!targets.length && type === "CONSULT" && /\b(?:to|with)$/i.test(doc.text.slice(mStart, tEnd))) targets = objectOf(ctx, units, tEnd, sent.end, 3);
        if (!targets.length && type === "CONSULT") {
          const btw = afterWord(ctx, units, tEnd, sent.end, "between", 3);
          if (btw.length >= 2) pairs = allPairs(btw);
        }
        break;
      }
      case "between": {
        const btw = afterWord(ctx, units, tEnd, sent.end, "between", 6);
        if (rule.source === "between") {
          if (btw.length >= 2) pairs = allPairs(btw);
          else {
            // "Russia-Ukraine talks", "Ukrainian and Russian delegations held talks"
            const adj = adjacentConj(ctx, units, mStart);
            if (adj.length >= 2) pairs = allPairs(adj);
          }
        } else targets = btw;
        break;
      }
      case "place":
        targets = objectOf(ctx, units, tEnd, sent.end, 6, true);
        if (targets.length) targets = [targets[0]!];
        break;
      case "hosted": {
        let guests = afterWord(ctx, units, tEnd, sent.end, "between", 8);
        if (guests.length < 2) guests = objectOf(ctx, units, tEnd, sent.end, 8);
        sources = subj.units.slice(-1);
        if (guests.length >= 2 && !sources.length) {
          pairs = allPairs(guests);
          mode = "meeting";
        } else if (guests.length >= 2) {
          targets = guests;
          for (const [a, b] of allPairs(guests)) extra.push({ s: a, t: b, mode: "meeting" });
        } else if (guests.length === 1 && sources.length) {
          // the guest travelled to the host
          mode = "visit";
          targets = sources;
          sources = guests;
        }
        break;
      }
    }
  return { sources, targets, pairs, mode };
}

function codeMatch(
  ctx: CoderContext, rule: Rule, units: Unit[], allUnits: Unit[], si: number, mStart: number, mEnd: number, tEnd: number,
  topic: Side | null, topicActor: Side | null, drafts: Draft[], sentText: string,
): void {
  const doc = ctx.doc;
  const sent = doc.sentences[si]!;
  const t0 = tokenAt(ctx, mStart);
  const before = wordsBefore(ctx, sent.tokStart, t0);
  const trigWord = ctx.words[t0] ?? "";

  let realis: Realis;
  if (rule.campaign && !rule.verbal) {
    realis = "asserted";
    for (let k = 1; k <= 3 && k <= before.length; k++) if (CAMPAIGN_HYPO.has(before[before.length - k]!)) realis = "hypothetical";
    if (hedgedCampaign(doc.text, sent.start, mStart)) realis = "hypothetical";
  } else if (rule.realisFixed) realis = "asserted";
  else {
    // realisOf reads only the words before the trigger, the sentence and the trigger word
    const memo = (ctx.realisMemo ??= realisMemoFor(doc));
    const code = memo[t0]!;
    if (code === 0) {
      realis = realisOf(before, sentText, trigWord, realisClassesOf(ctx, sent.tokStart, t0));
      memo[t0] = 1 + REALIS.indexOf(realis);
    } else realis = REALIS[code - 1]!;
  }

  let mode: ConsultMode = rule.mode ?? null;
  let type: PloverType = rule.type;
  // the further pairs of a hosted meeting (ruleSides): the doc's one list, emptied for each match
  const extra = (ctx.extra ??= []);
  extra.length = 0;

  const passive = rule.verbal && passiveBefore(ctx, t0, sent.tokStart);
  const byPos = rule.verbal || type === "ASSAULT" ? byAfter(ctx, tEnd, sent.tokEnd) : -1;
  // "civilians killed in Kharkiv", "Ukrainians killed in the attack": a participle with no agent
  if (rule.verbal && byPos < 0 && !passive && trigWord.endsWith("ed") && reducedRelative(ctx, t0, tEnd, sent.tokEnd, before)) return;

  const byAgents = byPos >= 0 ? objectOf(ctx, units, byPos, sent.end, 4) : NO_UNITS;
  let found: FoundSides;
  if (passive || byAgents.length) found = passiveSides(ctx, units, byAgents, t0, mStart, tEnd, sent, topic);
  else if (rule.campaign && !rule.verbal) found = campaignSides(ctx, units, before, mStart, mEnd, sent, topic, topicActor);
  else {
    const r = ruleSides(ctx, rule, units, allUnits, before, trigWord, t0, mStart, mEnd, tEnd, sent, topic, topicActor, mode, extra);
    mode = r.mode;
    found = r;
  }
  let { sources, targets, pairs } = found;

  // "The top diplomat also held talks ...": an unresolved description opening the sentence is the topic
  if (!sources.length && !pairs && rule.source === "subject" && topic && before.length <= 7 && before[0] === "the" && before.some((w) => NP_ROLE.has(w))) {
    sources = [newUnit(sent.start, sent.start, topic, !!topic.person, false, "topic")];
  }
  // "The Palestinians reject the changes, negotiator Saeb Erakat said": a statement with no named
  // subject belongs to the side of the one reported as saying it
  if (!sources.length && !pairs && rule.source === "subject" && STATEMENT.has(type)) {
    sources = unitsNotIn(speakerAfter(ctx, units, mEnd, sent.end), targets);
  }
  // "bombers killed 23 people in Tel Aviv": an attack with no named victim hits the place it struck
  if ((type === "ASSAULT" || type === "COERCE" || type === "SANCTION" || type === "MOBILIZE") && !rule.campaign && sources.length && !targets.length && !pairs) {
    const a = tokenAt(ctx, tEnd);
    for (let t = a, n = 0; t < sent.tokEnd && n < 12; t++, n++) {
      if (wordBits(ctx, t) & B_OBJ_BREAK) break;
      const w = ctx.words[t]!;
      if (w !== "in" && w !== "on" && w !== "near" && w !== "at" && w !== "into" && w !== "against") continue;
      const where = objectOf(ctx, units, doc.tokens[t]!.end, sent.end, 4, true);
      if (where.length && !sameSide(where[0]!.side, sources[0]!.side)) {
        targets = [where[0]!];
        break;
      }
    }
  }
  // "Putin told Erdoğan in a phone call", "Çavuşoğlu asked Lavrov ... during a call": verb and object talked
  if (type === "CONSULT" && !targets.length && !pairs && sources.length === 1 && sources[0]!.via !== "topic") {
    const partner = verbPartner(ctx, units, sources[0]!);
    if (partner) targets = [partner];
  }
  // symmetric: "A and B discussed", "A and B agreed": both sides did it
  if (!pairs && !targets.length && sources.length >= 2 && (rule.symmetric || type === "CONSULT")) {
    pairs = allPairs(sources);
  }
  // "Russia-Ukraine talks", "Ukrainian and Russian delegations held talks"
  if (!pairs && !sources.length && type === "CONSULT" && targets.length >= 2 && (rule.target === "between" || rule.target === "hosted")) {
    pairs = allPairs(targets);
    if (mode === "mediate") mode = "meeting";
  }
  // "hailed the Russia-Ukraine talks": the countries name the talks, they are not what was hailed
  if ((type === "SUPPORT" || type === "ACCUSE") && targets.length) {
    const lastT = targets[targets.length - 1]!;
    if (/^\s*(?:[-–]\s*\S+\s+)?(?:[a-z]+\s+)?(?:talks|negotiations|meeting|meetings|summit|dialogue|delegations?)\b/.test(ctx.doc.text.slice(lastT.end, lastT.end + 40))) targets = NO_UNITS;
  }

  // refugees arriving, protesters meeting: generic crowds are no side of a diplomatic contact
  if (type === "CONSULT") {
    if (sources.length && sources.every(crowd) && !pairs) return;
    sources = sources.filter((u) => !crowd(u));
    targets = targets.filter((u) => !crowd(u));
    if (pairs) pairs = pairs.filter(([a, b]) => !crowd(a) && !crowd(b));
  }
  if (type === "CONSULT" && (mode === null || mode === "meeting") && rule.name !== "consult.meet.met" && sentenceHas(ctx, si, PHONE_RE, sentText)) mode = "phone";
  if (type === "CONSULT" && mode === "meeting" && targets.length >= 3) mode = "multilateral";

  // "Russia would continue its aggression": a campaign announced for the future is a threat
  let campaign = !!rule.campaign;
  if (campaign && !rule.verbal && sources.length && lastIn(before, 4, WILL_WOULD)) {
    campaign = false;
    type = "THREATEN";
    if (!targets.length) targets = objectOf(ctx, units, mEnd, sent.end, 12);
  }
  // a future use of force announced by its author is a threat; a promise of help is an agreement
  if (realis === "future" || realis === "hypothetical") ({ type, realis } = futureAct(ctx, rule, si, sent, sentText, before, mStart, mEnd, type, realis));

  // CAMEO 03/13 for the peer codings: an actor's stated future help, meeting or yielding is an intent
  // to cooperate (AGREE), its stated future use of force or sanction a threat (THREATEN). Kept partial:
  // the dev conventions count only asserted acts and explicit offers.
  let intent: PloverType | null = null;
  if ((realis === "future" || realis === "hypothetical") && sources.length && !rule.campaign && !endsWithQuestion(sentText)) {
    const negated = lastIn(before, 4, NEGATION_NO);
    if (!negated) {
      if (COOPERATIVE.has(type) || type === "AGREE") intent = "AGREE";
      else if (HOSTILE.has(type)) intent = "THREATEN";
    }
  }
  // "rejects Russia's military operation": rejecting an act, not a proposal, is disapproval
  if (type === "REJECT" && targets.length === 1 && REJECTED_ACT_RE.test(doc.text.slice(targets[0]!.end, targets[0]!.end + 40))) type = "ACCUSE";
  // "condemned the invasion", "called the war unacceptable": the target is the aggressor
  const aimsAtCampaign = !rule.campaign && (type === "ACCUSE" || type === "REJECT" || type === "PROTEST") && !targets.length &&
    CAMPAIGN_OBJ_RE.test(doc.text.slice(mStart, Math.min(sent.end, mEnd + 50)));
  // "called on both sides to", "hosted the talks": the participants come from the article's dyad
  // "X's requests that it do so": the one asked is the subject of the main clause
  if (type === "REQUEST" && !targets.length && !pairs && sources.length && /^\s+that\s+(?:it|they)\b/i.test(doc.text.slice(tEnd, tEnd + 12))) {
    const main = firstOtherSubject(ctx, units, sent.start, sources);
    if (main >= 0 && units[main]!.end <= mStart) targets = [units[main]!];
  }
  const bothSides = !targets.length && !pairs &&
    ((bothWordAhead(doc.text, tEnd, Math.min(sent.end, tEnd + 60)) && BOTH_RE.test(doc.text.slice(tEnd, Math.min(sent.end, tEnd + 60)))) ||
      // "called for a ceasefire, saying it was up to both sides": a request's addressees named later in the sentence
      (type === "REQUEST" && BOTH_LATER_RE.test(doc.text.slice(tEnd, Math.min(sent.end, tEnd + 120)))) ||
      (rule.target === "hosted" && /^\s+(?:the |these |those |their )?(?:[a-z-]+ )?(?:talks|meeting|negotiations|summit)\b/i.test(doc.text.slice(tEnd, tEnd + 40))));
  // "a meeting with X will take place": the plan is told after the noun
  if (realis === "asserted" && type === "CONSULT" && !rule.verbal && futureVerbAhead(ctx, mEnd, Math.min(sent.end, mEnd + 140)) && FUTURE_AFTER_RE.test(doc.text.slice(mEnd, Math.min(sent.end, mEnd + 140)))) realis = "future";
  // "good relations with both Kyiv and Moscow, ... called both parties to": the pair named in the sentence
  if (bothSides && sources.length) {
    for (let i = 0; i < units.length; i++) {
      const c = pickUnits(units, conjRight(ctx, units, i, sent.end), false);
      if (c.length >= 2 && !sharesSide(c, sources)) {
        targets = c;
        break;
      }
    }
  }
  // "the sides agreed", "both countries said they were willing": the dyad being reported
  const bothSubject = !sources.length && !pairs && !!(rule.verbal || rule.symmetric) && rule.source === "subject" &&
    // the regex needs one of its nouns as a word: most sentences have none
    lastIn(before, 6, BOTH_SUBJECT_NOUN) && BOTH_SUBJECT_RE.test(before.slice(-6).join(" "));
  const habitual = habitualBefore(before) && !hasTimeIn(doc, sent.start, sent.end);
  let nearDate: string | null = null;
  if (rule.campaign || type === "ASSAULT") {
    let best = 61;
    for (const t of doc.times) {
      if (t.start < sent.start || t.end > sent.end || t.grain !== "day") continue;
      const dist = t.start >= mEnd ? t.start - mEnd : mStart - t.end;
      // only a date attached to the campaign noun: "the invasion on February 24", "February 24, when Russia invaded"
      if (dist >= 0 && dist <= 30 && dist < best) {
        best = dist;
        nearDate = t.value;
      }
    }
  }

  // the doc's one match state, set for this match (the drafts copy what they need of it; nothing keeps it)
  const st = (ctx.match ??= newMatchState(ctx, drafts));
  st.rule = rule;
  st.allUnits = allUnits;
  st.si = si;
  st.sent = sent;
  st.mStart = mStart;
  st.mEnd = mEnd;
  st.tEnd = tEnd;
  st.type = type;
  st.realis = realis;
  st.campaign = campaign;
  st.nearDate = nearDate;
  st.habitual = habitual;
  st.aimsAtCampaign = aimsAtCampaign;
  st.bothSides = bothSides && !targets.length;
  st.bothSubject = bothSubject;
  st.intent = intent;
  st.counterpartAfter = null;
  emitDrafts(st, sources, targets, pairs, extra, mode);
}

/** A future or hypothetical act (`type`, `realis`) as it is told: a threat, an offer to cooperate (AGREE), an announced de-escalation, or as it was. */
function futureAct(
  ctx: CoderContext, rule: Rule, si: number, sent: Sentence, sentText: string, before: readonly string[], mStart: number, mEnd: number, type: PloverType, realis: Realis,
): { type: PloverType; realis: Realis } {
  const modal = lastIn(before, 4, MODAL);
  const cond = lastIn(before, 12, CONDITION);
  const negated = lastIn(before, 4, NEGATION);
  // the two regexes over the text before the match run only when a branch below asks for their answer
  // (each branch asks last, after its word tests)
  let speechV: boolean | undefined;
  const speech = (): boolean => (speechV ??= SPEECH_BEFORE_RE.test(sentText.slice(0, mStart - sent.start)));
  let intentV: boolean | undefined;
  // the actor states its own intent: "is ready to", "offered to", "said it would";
  // "Portugal will support Turkey's bid, President Soares said": a stated plan to help or yield
  const ownIntent = (): boolean =>
    (intentV ??= INTENT_RE.test(sentText.slice(Math.max(0, mStart - sent.start - 60), mStart - sent.start)) || (modal && type !== "CONSULT" && sentenceHas(ctx, si, SPEECH_RE, sentText)));
  // "will withdraw its force unless ...", "would boycott the elections unless ...": an act announced with a condition the other side must meet is a threat
  const unless = /\bunless\b/i.test(sentText.slice(mEnd - sent.start)) && !endsWithQuestion(sentText);
  if (unless && !negated && !COOPERATIVE_INTENT.has(type) && (modal || ownIntent() || speech())) {
    type = "THREATEN";
    realis = "asserted";
  } else if (modal && !cond && !negated && (type === "ASSAULT" || type === "COERCE" || type === "SANCTION" || type === "MOBILIZE") && speech()) {
    type = "THREATEN";
    realis = "asserted";
  } else if (!negated && COOPERATIVE.has(type) && rule.source !== "between" && ownIntent() && !(type === "RETREAT" && sentenceHas(ctx, si, ANNOUNCED_RE, sentText))) {
    // CAMEO 03 / PLOVER: an expressed intent to cooperate, help, meet or yield is AGREE
    type = "AGREE";
    realis = "asserted";
  } else if (type === "RETREAT" && /\b(?:announced|decided)\b/i.test(sentText.slice(0, mStart - sent.start)) && !negated) {
    // an announced de-escalation is reported as done when announced
    realis = "asserted";
  }
  return { type, realis };
}

/** The drafts of one match: one per pair, per (source, target), or per side alone, as what was found allows. */
function emitDrafts(
  st: MatchState, sources: Unit[], targets: Unit[], pairs: Array<[Unit, Unit]> | null, extra: Array<{ s: Unit; t: Unit; mode: ConsultMode }>, mode: ConsultMode,
): void {
  if (pairs) {
    const symmetricType = st.type === "CONSULT" || st.type === "AGREE" || st.type === "COOPERATE";
    for (const [a, b] of pairs) {
      pushDraft(st, a, b, mode, st.type === "AGREE" || st.type === "COOPERATE");
      // "A and B restored ties": each did it to the other
      if (!symmetricType) pushDraft(st, b, a, mode, false);
    }
    return;
  }
  if (sources.length && targets.length) {
    for (const s of sources) for (const t of targets) pushDraft(st, s, t, mode, false);
    for (const e of extra) pushDraft(st, e.s, e.t, e.mode, false);
    return;
  }
  if (sources.length) for (const s of sources) pushDraft(st, s, null, mode, false);
  else if (targets.length && (st.rule.campaign || st.type === "ASSAULT" || st.type === "AID")) for (const t of targets) pushDraft(st, null, t, mode, false);
  else if (st.type === "AID") pushDraft(st, null, null, mode, false); // "thanked X for the aid": both sides from the thanks
  else if (st.bothSubject && (st.type === "AGREE" || st.type === "CONSULT" || st.type === "COOPERATE" || st.type === "REJECT")) pushDraft(st, null, null, mode, true);
  else if (st.campaign) return;
  else if (targets.length) for (const t of targets) pushDraft(st, null, t, mode, false);
  else pushDraft(st, null, null, mode, false);
}

/** What one match's drafts share: the match, its rule and what codeMatch decided about it. */
interface MatchState {
  ctx: CoderContext;
  rule: Rule;
  allUnits: Unit[];
  drafts: Draft[];
  si: number;
  sent: Doc["sentences"][number];
  mStart: number;
  mEnd: number;
  tEnd: number;
  type: PloverType;
  realis: Realis;
  campaign: boolean;
  nearDate: string | null;
  habitual: boolean;
  aimsAtCampaign: boolean;
  bothSides: boolean;
  bothSubject: boolean;
  intent: PloverType | null;
  /** "his counterpart" right after the trigger (computed on first use) */
  counterpartAfter: boolean | null;
}

/** A match state for the matches of one doc (codeMatch sets every other field for each match). */
function newMatchState(ctx: CoderContext, drafts: Draft[]): MatchState {
  const doc = ctx.doc;
  return {
    ctx, rule: null!, allUnits: NO_UNITS, drafts, si: 0, sent: doc.sentences[0]!, mStart: 0, mEnd: 0, tEnd: 0, type: "AGREE", realis: "asserted", campaign: false,
    nearDate: null, habitual: false, aimsAtCampaign: false, bothSides: false, bothSubject: false, intent: null, counterpartAfter: null,
  };
}

/** One draft event of a match with source `s` and target `t` (either may be missing). */
function pushDraft(st: MatchState, s: Unit | null, t: Unit | null, m: ConsultMode, mutual: boolean): void {
  if (s && s === t) return;
  const { ctx, rule, type, sent, mStart, mEnd, tEnd } = st;
  // the same state on both sides ("Zimbabwe ... President Mugabe"): a domestic event, kept as partial
  const domestic = !!s && !!t && sameSide(s.side, t.side);
  if (domestic && (s!.side.person === t!.side.person || !s!.side.actor || !isIso3(s!.side.actor))) {
    // "France is ready to send troops to ...": the source's own forces are no target; the other side comes from the sentence
    if (!s!.side.person && !t!.side.person && !s!.side.group && !t!.side.group && isStateAgent(t!)) pushDraft(st, s, null, m, mutual);
    return;
  }
  let fbSource: Side | null = null;
  let fbTarget: Side | null = null;
  if (!s || !t) [fbSource, fbTarget] = fallbackSides(st.allUnits, s, t, mStart, mEnd, dominantOf(ctx), !!rule.intransitive, type === "ASSAULT");
  let start = mStart;
  let end = mEnd;
  // the span covers the sides named in the sentence
  if (s && s.via !== "topic" && s.start >= sent.start && s.end <= sent.end) {
    start = Math.min(start, s.start);
    end = Math.max(end, s.end);
  }
  if (t && t.via !== "topic" && t.start >= sent.start && t.end <= sent.end) {
    start = Math.min(start, t.start);
    end = Math.max(end, t.end);
  }
  if (!t && st.counterpartAfter === null) st.counterpartAfter = COUNTERPART_RE.test(ctx.doc.text.slice(tEnd, Math.min(sent.end, tEnd + 50)));
  st.drafts.push({
    type, mode: type === "CONSULT" ? m : null,
    source: s ? cloneSide(s.side) : null, target: t ? cloneSide(t.side) : null,
    span: { start, end }, rule: rule.name, realis: st.realis, mutual, sent: st.si,
    campaign: st.campaign, nearDate: st.nearDate, habitual: st.habitual, trig: { start: mStart, end: mEnd }, aimsAtCampaign: st.aimsAtCampaign,
    bothSides: st.bothSides, bothSubject: st.bothSubject,
    counterpart: !t && !!st.counterpartAfter,
    // a plural demonym acting ("Palestinians protested") names people, not the state: peer output
    // only; as a target ("condolences for Ukrainians") it stands for the country
    // a demonym the entities stage did not take ("Senior Hungarian and Romanian officials"): peer output only
    inferred: domestic || s?.via === "agent-inferred" || t?.via === "agent-inferred" || s?.via === "agent-name" ||
      s?.via === "agent-demonym" || t?.via === "agent-demonym",
    fbSource, fbTarget,
  });
  // the stated intent as its own partial event (peer output only)
  if (st.intent) {
    const c = copyDraft(st.drafts[st.drafts.length - 1]!);
    c.type = st.intent;
    c.mode = null;
    c.realis = "asserted";
    c.inferred = true;
    c.campaign = false;
    st.drafts.push(c);
  }
}

/**
 * A copy of a draft, as { ...d } but by one object literal with the fields in the order pushDraft
 * gives them: every draft has one shape (map), so the article-level passes are not deoptimised by
 * a copy of another shape.
 */
function copyDraft(d: Draft): Draft {
  return {
    type: d.type, mode: d.mode, source: d.source, target: d.target, span: d.span, rule: d.rule, realis: d.realis, mutual: d.mutual, sent: d.sent,
    campaign: d.campaign, nearDate: d.nearDate, habitual: d.habitual, trig: d.trig, aimsAtCampaign: d.aimsAtCampaign, bothSides: d.bothSides,
    bothSubject: d.bothSubject, counterpart: d.counterpart, inferred: d.inferred, fbSource: d.fbSource, fbTarget: d.fbTarget,
  };
}

/** A copy of draft `d` with sides `source` and `target` and an explicit date `nearDate` (a campaign). */
function campaignDraft(d: Draft, source: Side | null, target: Side | null, nearDate: string | null): Draft {
  const c = copyDraft(d);
  c.source = source;
  c.target = target;
  c.nearDate = nearDate;
  return c;
}

/** A copy of draft `d` with target `target` and mode `mode`. */
function withTarget(d: Draft, target: Side | null, mode: ConsultMode = d.mode): Draft {
  const c = copyDraft(d);
  c.target = target;
  c.mode = mode;
  return c;
}

/** How many sides of an event are persons. */
function persons(e: EventRecord): number {
  return (e.source.person ? 1 : 0) + (e.target.person ? 1 : 0);
}

function allPairs(us: Unit[]): Array<[Unit, Unit]> {
  const out: Array<[Unit, Unit]> = [];
  for (let i = 0; i < us.length; i++) for (let j = i + 1; j < us.length; j++) out.push([us[i]!, us[j]!]);
  return out;
}

/** text[start, end) up to its first white space, as text.slice(start, end).split(/\s/, 1)[0] */
export function firstWord(text: string, start: number, end: number): string {
  let i = start;
  while (i < end && !isSpaceCode(text.charCodeAt(i))) i++;
  return text.slice(start, i);
}

/** present-tense verbs of a meeting or agreement (news present: today's event) */
const PRESENT_MEETING = new Set("holds meets hosts visits receives discusses speaks phones signs agrees tours".split(" "));

const FILL_FROM_DYAD = new Set<PloverType>(["AGREE", "REQUEST", "REJECT"]);

function sameActor(a: Side, b: Side): boolean {
  return sameSide(a, b) || (!!a.actor && a.actor === b.actor && (!a.person || !b.person));
}

/**
 * Sides a partial event takes from its context: "X thanked Y for its aid" gives AID Y→X; an attack
 * with one side named belongs to the war being reported (its aggressor or its victim).
 */
function fillFromSentence(d: Draft, complete: Draft[], campaigns: Draft[]): void {
  if (d.type === "AID") {
    let thanks: Draft | undefined;
    for (const c of complete) if (c.sent === d.sent && c.type === "SUPPORT") {
      thanks = c;
      break;
    }
    if (thanks) {
      if (!d.source && d.target && !sameActor(thanks.target!, d.target)) d.source = thanks.target;
      else if (!d.target && d.source && sameActor(thanks.target!, d.source)) d.target = thanks.source;
      else if (!d.source && !d.target) {
        d.source = thanks.target;
        d.target = thanks.source;
      }
    }
  }
  if (d.type === "ASSAULT") {
    for (const c of campaigns) {
      if (!d.source && d.target && sameActor(c.target!, d.target)) d.source = c.source!.person ? { person: null, actor: c.source!.actor } : c.source;
      else if (!d.target && d.source && sameActor(c.source!, d.source)) d.target = c.target;
      if (d.source && d.target) break;
    }
  }
}

/** Mentions per ISO3 country in the article, of countries and places (not of the people who speak for them). */
function countryCounts(doc: Doc): Map<string, number> {
  const n = new Map<string, number>();
  for (const m of doc.mentions) {
    if (m.kind === "person") continue;
    let a = m.actor;
    if (!a && m.kind === "place") a = doc.places[m.ref]?.country ?? null;
    if (!a || !isIso3(a)) continue;
    n.set(a, (n.get(a) ?? 0) + 1);
  }
  return n;
}

/** the index of each type in PLOVER_TYPES */
const TYPE_INDEX = new Map(PLOVER_TYPES.map((t, i) => [t, i]));

/** A number for the pair (type, sentence) of a draft: no string to build and hash. */
function typeSentKey(d: Draft): number {
  return d.sent * PLOVER_TYPES.length + TYPE_INDEX.get(d.type)!;
}

/** The key of an event: its type, its sides (in either order for a symmetric type), date, realis asserted or not, partial. */
export function eventKey(type: PloverType, s: Side, t: Side, date: string | null, realis: Realis, partial: boolean, symmetric: boolean): string {
  let ks = sideKey(s);
  let kt = sideKey(t);
  if (symmetric && kt < ks) [ks, kt] = [kt, ks];
  return `${type}|${ks}|${kt}|${date ?? ""}|${realis === "asserted" ? "a" : "n"}|${partial ? "p" : ""}`;
}

/** Does a side's name hold "|"? */
export function hasBar(s: Side): boolean {
  return !!s.person?.includes("|") || !!s.actor?.includes("|") || !!s.group?.includes("|");
}

/** sideKey(a) === sideKey(b) when no part holds "|" */
function sameSideParts(a: Side, b: Side): boolean {
  return (a.person ?? "") === (b.person ?? "") && (a.actor ?? "") === (b.actor ?? "") && (a.group ?? "") === (b.group ?? "");
}

/** Has the kept event `e` (of the same type) the key of an event (s, t, date, realis, partial)? As eventKey() equality when no side part holds "|". */
export function sameKeyParts(e: EventRecord, s: Side, t: Side, date: string | null, realis: Realis, partial: boolean, symmetric: boolean): boolean {
  if ((e.date ?? "") !== (date ?? "") || (e.realis === "asserted") !== (realis === "asserted") || !!e.partial !== partial) return false;
  // a symmetric type's key has its sides in order: the same pair either way round
  return (sameSideParts(e.source, s) && sameSideParts(e.target, t)) || (symmetric && sameSideParts(e.source, t) && sameSideParts(e.target, s));
}

/** Article-level passes: campaigns, missing targets, dates, one event per key (each pass a function of its own, compiled apart). */
function finish(doc: Doc, drafts: Draft[]): EventRecord[] {
  const campaigns = campaignsOf(doc, drafts);
  return withoutRepeats(keyedEvents(doc, completed(drafts, campaigns)));
}

/** The campaigns of an article: complete ones define the war's sides; partial mentions join them. */
// The look-ups of campaignsOf, completed and fillFromSentence are functions, not closures in their loops
// over the drafts: a closure reading the loop's draft has it kept in a context allocated per draft.

/** The first campaign with the same aggressor and the same victim. */
function sameCampaign(campaigns: Draft[], source: Side, target: Side): Draft | undefined {
  for (const c of campaigns) if (sameActor(c.source!, source) && sameActor(c.target!, target)) return c;
  return undefined;
}

/** The first campaign with `side` on either side. */
function campaignWith(campaigns: Draft[], side: Side): Draft | undefined {
  for (const x of campaigns) if (sameActor(x.source!, side) || sameActor(x.target!, side)) return x;
  return undefined;
}

/** The first campaign not waged by `source`. */
function campaignNotBy(campaigns: Draft[], source: Side): Draft | undefined {
  for (const x of campaigns) if (!sameActor(x.source!, source)) return x;
  return undefined;
}

/** The complete accusations or requests of d's sentence aimed at d's source, else (for a rejection) the accusations of the sentence before. */
function accusers(complete: Draft[], d: Draft): Draft[] {
  const accs = complete.filter((c) => c.sent === d.sent && c !== d && (c.type === "ACCUSE" || c.type === "REQUEST") && sameActor(c.target!, d.source!));
  if (!accs.length && d.type === "REJECT") return complete.filter((c) => c.sent === d.sent - 1 && c.type === "ACCUSE" && sameActor(c.target!, d.source!));
  return accs;
}

/** d answered back to each of several accusers, once per accuser's side. */
function answerEach(d: Draft, accs: Draft[], out: Draft[]): void {
  for (const a of accs) if (!out.some((o) => o.type === d.type && o.sent === d.sent && o.target && sameActor(o.target, a.source!))) out.push(withTarget(d, a.source));
}

/** The complete conversations (no mediation) of d's sentence held by d's source. */
function sameConversation(complete: Draft[], d: Draft): Draft[] {
  return complete.filter((c) => c.type === "CONSULT" && c.mode !== "mediate" && c.sent === d.sent && sameActor(c.source!, d.source!));
}

function campaignsOf(doc: Doc, drafts: Draft[]): Draft[] {
  const campaigns: Draft[] = [];
  for (const d of drafts) {
    if (!d.campaign || !d.source || !d.target || d.inferred || d.realis !== "asserted") continue;
    const same = sameCampaign(campaigns, d.source, d.target);
    if (same) {
      same.nearDate ??= d.nearDate;
      if (!same.source!.person && d.source.person) same.source = d.source;
    } else campaigns.push(d);
  }
  if (!campaigns.length) {
    // "Russia's invasion" in one sentence, "the war in Ukraine" in another: one aggressor and one victim named
    // apart in the article are the two sides of its war
    const half = drafts.filter((d) => d.campaign && !d.inferred && d.realis === "asserted" && !d.source !== !d.target);
    const aggressors = half.filter((d) => d.source);
    const victims = half.filter((d) => d.target);
    // (as xs.every((x) => sameActor(x, xs[0])) of the sides mapped out of the drafts: no list of sides to make)
    const oneSource = (ds: Draft[]) => ds.every((d) => sameActor(d.source!, ds[0]!.source!));
    const oneTarget = (ds: Draft[]) => ds.every((d) => sameActor(d.target!, ds[0]!.target!));
    if (aggressors.length && victims.length && oneSource(aggressors) && oneTarget(victims) &&
      !sameActor(aggressors[0]!.source!, victims[0]!.target!) && !sameActor(victims[0]!.target!, aggressors[0]!.source!)) {
      const first = half[0]!;
      const src = aggressors.find((d) => d.source!.person)?.source ?? aggressors[0]!.source!;
      campaigns.push(campaignDraft(first, src, victims[0]!.target, half.find((d) => d.nearDate)?.nearDate ?? null));
    } else if (aggressors.length && !victims.length && oneSource(aggressors)) {
      // "Russia's invasion" with no victim named anywhere: the article's principal other country, when a
      // sentence with the campaign names it too
      const agg = aggressors[0]!.source!;
      const aggC = agg.actor ?? agg.country ?? null;
      const counts = countryCounts(doc);
      const inCampaignSentences = new Set<string>();
      for (const d of aggressors) {
        const sent = doc.sentences[d.sent]!;
        for (const m of doc.mentions) if (m.start >= sent.start && m.end <= sent.end && (m.kind === "country" || m.kind === "place")) {
          const a = m.actor ?? (m.kind === "place" ? doc.places[m.ref]?.country ?? null : null);
          if (a && a !== aggC) inCampaignSentences.add(a);
        }
      }
      let best: string | null = null;
      let bestN = 0;
      let tie = false;
      for (const [c, n] of counts) {
        if (c === aggC) continue;
        if (n > bestN) [best, bestN, tie] = [c, n, false];
        else if (n === bestN) tie = true;
      }
      if (best && !tie && inCampaignSentences.has(best)) {
        const src = aggressors.find((d) => d.source!.person)?.source ?? agg;
        campaigns.push(campaignDraft(aggressors[0]!, src, { person: null, actor: best }, aggressors.find((d) => d.nearDate)?.nearDate ?? null));
      }
    }
  }
  return campaigns;
}

/** The drafts with the sides they miss filled from the rest of the article, the campaigns added, in text order. */
function completed(drafts: Draft[], campaigns: Draft[]): Draft[] {
  const complete = drafts.filter((d) => !d.campaign && d.source && d.target && !d.inferred);
  const out: Draft[] = [];
  for (const d of drafts) {
    if (d.campaign) {
      if (d.source && d.target && !d.inferred) continue; // represented by its campaign entry
      if (d.inferred) {
        out.push(d);
        continue;
      }
      const c = campaignWith(campaigns, d.source ?? d.target!);
      if (c) c.nearDate ??= d.nearDate;
      continue;
    }
    if (!d.source && !d.target && d.bothSubject) {
      // the last conversation or agreement reported before it
      for (let k = complete.length - 1; k >= 0; k--) {
        const c = complete[k]!;
        if (c.sent > d.sent || (c.type !== "CONSULT" && c.type !== "AGREE")) continue;
        d.source = c.source;
        d.target = c.target;
        break;
      }
    }
    if (!d.source || !d.target) fillFromSentence(d, complete, campaigns);
    if (!d.source) {
      out.push(d);
      continue;
    }
    if (!d.target && d.bothSides) {
      // the last two-sided event before it that does not involve the source
      for (let k = complete.length - 1; k >= 0; k--) {
        const c = complete[k]!;
        if (c.sent > d.sent || c.span.start > d.span.start) continue;
        if (sameActor(c.source!, d.source) || sameActor(c.target!, d.source)) continue;
        const mode: ConsultMode = d.type === "CONSULT" ? "mediate" : null;
        out.push(withTarget(d, c.source, mode));
        out.push(withTarget(d, c.target, mode));
        break;
      }
      continue;
    }
    if (!d.target && (d.type === "REJECT" || d.type === "ACCUSE")) {
      // "Armenia accused Azerbaijan of shelling, which Baku denied": the answer goes back to the accuser (or to each
      // accuser of the sentence before: "X and Y accused Russia of ... . They claimed ..., claims rejected by Moscow")
      const accs = accusers(complete, d);
      if (accs.length > 1) {
        answerEach(d, accs, out);
        continue;
      }
      if (accs.length) d.target = accs[0]!.source;
    }
    if (!d.target) {
      if (d.aimsAtCampaign) {
        const c = campaignNotBy(campaigns, d.source);
        if (c) d.target = c.source!.person ? { person: null, actor: c.source!.actor } : c.source;
      }
      const reach = FILL_FROM_DYAD.has(d.type) || d.counterpart ? 2 : d.type === "SUPPORT" ? 0 : -1;
      // "spoke with X and Y, urging them to ...": every counterpart of the same conversation
      if (reach >= 0) {
        const same = sameConversation(complete, d);
        if (same.length > 1) {
          for (const c of same) if (!sameSide(c.target!, d.source!)) out.push(withTarget(d, c.target));
          continue;
        }
      }
      // the counterpart of the conversation being reported
      for (let k = complete.length - 1; k >= 0 && !d.target && reach >= 0; k--) {
        const c = complete[k]!;
        if (c.type !== "CONSULT" || c.mode === "mediate" || c.sent > d.sent || d.sent - c.sent > reach) continue;
        if (sameActor(c.source!, d.source)) d.target = c.target;
        else if (sameActor(c.target!, d.source)) d.target = c.source;
      }
      if (d.target && sameSide(d.source, d.target)) continue;
    }
    out.push(d);
  }
  for (const c of campaigns) out.push(c);
  sortByStart(out);
  return out;
}

/**
 * Sorts drafts by span start in place, stably, as out.sort((x, y) => x.span.start - y.span.start):
 * an insertion sort, since the drafts come almost in text order (sentence by sentence; only the
 * matches of one sentence's rules and the campaigns added at the end are out of place).
 */
export function sortByStart<T extends { span: Span }>(out: T[]): void {
  for (let i = 1; i < out.length; i++) {
    const x = out[i]!;
    const key = x.span.start;
    let j = i - 1;
    // strictly greater: an equal start keeps its place after (stable)
    while (j >= 0 && out[j]!.span.start > key) {
      out[j + 1] = out[j]!;
      j--;
    }
    out[j + 1] = x;
  }
}

/** One event per key (type, sides, date, realis asserted or not, partial) of the drafts `out`, dated. */
/** The first event of `events` with the key parts given (a loop: a find closure took the draft loop's bindings into a context allocated per draft). */
function findSameKey(events: EventRecord[], s: Side, t: Side, date: string | null, realis: Realis, partial: boolean, symmetric: boolean): EventRecord | undefined {
  for (let k = 0; k < events.length; k++) if (sameKeyParts(events[k]!, s, t, date, realis, partial, symmetric)) return events[k];
  return undefined;
}

function keyedEvents(doc: Doc, out: Draft[]): EventRecord[] {
  // a one-sided mention of an event coded with both sides in the same sentence adds nothing
  const coded = new Set<number>();
  for (const o of out) if (o.source && o.target) coded.add(typeSentKey(o));
  const kept = coded.size ? out.filter((d) => (d.source && d.target) || !coded.has(typeSentKey(d))) : out;

  const events: EventRecord[] = [];
  // one event per key (type, sides, date, realis asserted or not, partial): the key's parts compared one
  // by one, with no key string to build and hash, unless a side's name holds the key's separator "|"
  // (then two keys made of other parts can be the same string)
  const byParts = !kept.some((d) => hasBar(d.source ?? d.fbSource ?? NOBODY) || hasBar(d.target ?? d.fbTarget ?? NOBODY));
  const seen = byParts ? null : new Map<string, EventRecord>();
  const byType = new Map<PloverType, EventRecord[]>();
  const spanDates = new Map<number, string | null>();
  for (const d of kept) {
    const s = d.source ?? d.fbSource ?? NOBODY;
    const t = d.target ?? d.fbTarget ?? NOBODY;
    const partial = !d.source || !d.target || d.inferred;
    let date: string | null;
    if (d.campaign) date = d.nearDate;
    else if (d.habitual || partial) date = null; // partial events are not published: no dating cost
    else {
      // several drafts share a span (both directions of a pair, rules on one trigger): one date per span
      const spanKey = d.span.start * 2 ** 26 + d.span.end;
      date = spanDates.get(spanKey) ?? null;
      if (!spanDates.has(spanKey)) {
        date = dateOf(doc, d.span);
        spanDates.set(spanKey, date);
      }
      // "In Antalya, Lavrov holds a meeting with ...": a meeting told in the present tense happens on the day of the report
      if (date === null && d.realis === "asserted" && (d.type === "CONSULT" || d.type === "AGREE") && PRESENT_MEETING.has(firstWord(doc.text, d.trig.start, d.trig.end).toLowerCase())) {
        const pub = doc.published?.value ?? null;
        if (pub && /^\d{4}-\d{2}-\d{2}$/.test(pub)) date = pub;
      }
    }
    const symmetric = d.type === "CONSULT" || d.type === "AGREE" || d.type === "COOPERATE";
    const key = seen ? eventKey(d.type, s, t, date, d.realis, partial, symmetric) : "";
    const sameType = seen ? undefined : byType.get(d.type);
    const prev = seen ? seen.get(key) : sameType && findSameKey(sameType, s, t, date, d.realis, partial, symmetric);
    if (prev) {
      if (d.mutual) prev.mutual = true;
      continue;
    }
    // the optional fields in this order (the record's JSON follows it), all of them set, the absent ones
    // undefined (which JSON leaves out as it does an absent field): one shape for all events
    const ev: EventRecord = {
      type: d.type, source: s, target: t, date, span: d.span, rule: d.rule, realis: d.realis,
      mode: d.type === "CONSULT" ? d.mode : undefined, mutual: d.mutual ? true : undefined, partial: partial ? true : undefined,
    };
    if (seen) seen.set(key, ev);
    else if (sameType) sameType.push(ev);
    else byType.set(d.type, [ev]);
    events.push(ev);
  }
  return events;
}

/** The events without an actor-only one that repeats a person-level one (same type, codes and date). */
function withoutRepeats(events: EventRecord[]): EventRecord[] {
  // only an event with fewer persons than the most of a complete one can be such a repeat
  let maxPersons = 0;
  for (const o of events) if (!o.partial && persons(o) > maxPersons) maxPersons = persons(o);
  if (maxPersons === 0) return events;
  return events.filter(
    (e) =>
      persons(e) >= maxPersons ||
      !events.some(
        (o) => o !== e && !o.partial && o.type === e.type && o.date === e.date && o.realis === e.realis && persons(o) > persons(e) &&
          ((sameActor(o.source, e.source) && sameActor(o.target, e.target)) ||
            ((e.type === "CONSULT" || e.type === "AGREE" || e.type === "COOPERATE") && sameActor(o.source, e.target) && sameActor(o.target, e.source))),
      ),
  );
}
