/**
 * Realis: did the sentence report the event as having happened? Looks at the words of the clause
 * before the trigger (modals, "to", negation, hopes and plans, conditionals) and at a question mark.
 */
import type { Realis } from "../../core/types.js";

const FUTURE = new Set(["will", "shall", "'ll", "’ll", "going", "gonna", "due", "set", "scheduled", "expected", "plans", "planned", "planning", "plan", "intends", "intended", "aims", "upcoming", "next", "forthcoming", "tomorrow"]);
const HYPO = new Set(["would", "could", "may", "might", "should", "must", "can", "if", "unless", "whether", "possible", "potential", "proposed", "hope", "hopes", "hoped", "hoping", "wish", "wishes", "want", "wants", "wanted", "seek", "seeks", "sought", "seeking", "ready", "willing", "prepared", "offered", "offering", "invited", "try", "tried", "trying", "attempt", "eventual", "likely", "unlikely", "perhaps", "maybe", "consider", "considering", "considered", "agreed", "agree", "asked", "urged", "called", "demanded", "appealed", "pushing", "push", "sought"]);
const NEG = new Set(["not", "n't", "never", "no", "neither", "nor", "without", "denied", "denies", "deny", "failed", "fails", "refused", "refuses",
  // "rejected talks with", "called off the meeting", "ruled out a visit": the act named after them did not happen
  "rejected", "rejects", "declined", "declines", "rebuffed", "cancelled", "canceled", "postponed", "scrapped", "boycotted", "cannot", "didn't", "hasn't", "haven't", "won't", "wasn't", "weren't", "isn't", "aren't", "doesn't", "don't", "didn", "hasn", "haven", "hadn", "wasn", "weren", "isn", "aren", "doesn", "wouldn", "couldn", "shouldn", "mustn"]);
/** words that end the clause the trigger is in, looking left */
const CLAUSE_BREAK = new Set([",", ";", ":", "—", "–", "said", "says", "but", "while", "despite", "after", "before", "when", "as", "since", "because", "although", "which", "who", "(", "\"", "“", "”"]);
const DETERMINER = new Set(["the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"]);
const HEDGE_NOUN = new Set(["continuation", "resumption", "prospect", "prospects", "possibility", "idea", "plan", "plans", "proposal", "offer", "hope", "hopes", "call", "calls", "push", "bid", "attempt", "attempts", "effort", "efforts", "need", "chance", "chances", "prospect", "invitation", "request", "demand", "demands", "preparations", "date", "venue"]);
/** verbs that hedge what follows only through "to"/"for"/"that": "asked to meet", not "asked his counterpart" */
const HEDGE_NEEDS_TO = new Set(["offered", "offering", "invited", "agreed", "agree", "asked", "urged", "called", "demanded", "appealed", "ready", "willing", "prepared", "sought", "seek", "seeks", "seeking", "push", "pushing", "try", "tried", "trying", "attempt"]);
const FRAME_PREP = new Set(["during", "in", "after", "following", "at", "amid", "through"]);
const GERUND_PREP = new Set(["about", "for", "of", "on", "toward", "towards", "without", "instead", "against", "from", "into"]);
/** "will continue to support": the event is ongoing, not planned */
const ONGOING = new Set(["continue", "continues", "continued", "continuing", "keep", "keeps", "kept", "remain", "remains"]);

/** words between a frame preposition and its noun: "during a (separate) phone call" */
const FRAME_WORD = new Set("a an the his her their its this that another separate first second recent brief lengthy phone telephone video late-night two-hour hour-long direct bilateral".split(" "));
/** "ruled out", "called off" */
const RULED_CALLED = new Set(["ruled", "rules", "ruling", "called", "calls", "calling"]);
const READY = new Set(["ready", "willing", "prepared"]);

/** The word classes of the loops below, one Map lookup per word instead of a Set lookup per class. */
const C_FRAME_WORD = 1;
const C_CLAUSE_BREAK = 2;
const C_ONGOING = 4;
const C_NEG = 8;
const C_FUTURE = 16;
const C_HYPO = 32;
/** "if", "unless", "whether" */
const C_CONDITION = 64;
/** ";", "said": the end of the conditional's reach */
const C_CONDITION_BREAK = 128;
const WORD_CLASS = new Map<string, number>();
for (const [words, bit] of [
  [FRAME_WORD, C_FRAME_WORD], [CLAUSE_BREAK, C_CLAUSE_BREAK], [ONGOING, C_ONGOING], [NEG, C_NEG], [FUTURE, C_FUTURE], [HYPO, C_HYPO],
  [["if", "unless", "whether"], C_CONDITION], [[";", "said"], C_CONDITION_BREAK],
] as const) {
  for (const w of words) WORD_CLASS.set(w, (WORD_CLASS.get(w) ?? 0) | bit);
}

/** The word classes of `w` (a lower-case word), as realisOf reads them: callers keep them by word id (`classes` of realisOf). */
export function realisClasses(w: string): number {
  return classOf(w);
}

function classOf(w: string): number {
  return WORD_CLASS.get(w) ?? 0;
}

/** Is `c` (a char code) white space as the regex class \s has it? */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Does the text end with a question mark (then white space, one closing quote, white space)? As /\?\s*["”’']?\s*$/. */
export function endsWithQuestion(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && isSpace(text.charCodeAt(i))) i--;
  if (i >= 0) {
    const c = text[i];
    if (c === '"' || c === "”" || c === "’" || c === "'") {
      i--;
      while (i >= 0 && isSpace(text.charCodeAt(i))) i--;
    }
  }
  return i >= 0 && text[i] === "?";
}

/**
 * @param before the lower-cased words of the sentence before the trigger, nearest last
 * @param sentenceText the sentence, for the question mark
 * @param classes realisClasses() of each word of `before` (the same index), when the caller keeps them
 */
/**
 * The class of before[i]: from `classes` when given (realisClasses of each word, looked up by word id), else
 * by the word. (A function, not a closure in realisOf: that kept its arguments in a context on every call.)
 */
function classAt(before: readonly string[], classes: ArrayLike<number> | undefined, i: number): number {
  return classes ? classes[i]! : classOf(before[i]!);
}

export function realisOf(before: readonly string[], sentenceText: string, triggerWord: string, classes?: ArrayLike<number>): Realis {
  if (endsWithQuestion(sentenceText)) return "hypothetical";
  let realis: Realis = "asserted";
  // "during a phone call", "in talks", "after a meeting": a frame that reports the event as held
  {
    let k = before.length - 1;
    while (k >= 0 && classAt(before, classes, k) & C_FRAME_WORD) k--;
    // (unless the clause before it is a plan or a hypothesis: "will discuss it in a phone call"; a negation
    // there scopes over something else: "saw no progress in the talks")
    if (k >= 0 && FRAME_PREP.has(before[k]!)) {
      let hedged = false;
      for (let j = k - 1; j >= 0 && j >= k - 8; j--) {
        const w = before[j]!;
        if (CLAUSE_BREAK.has(w)) break;
        if (FUTURE.has(w) || w === "would" || w === "could" || w === "may" || w === "might" || w === "if") hedged = true;
      }
      if (!hedged) return "asserted";
    }
    // "the continuation of discussions", "hopes for talks": a noun that looks ahead
    if (k >= 1 && (before[k] === "of" || before[k] === "for") && HEDGE_NOUN.has(before[k - 1]!)) return "hypothetical";
  }
  // "about holding talks", "for meeting": a gerund after a preposition is a topic, not a report
  const prev = before[before.length - 1];
  if (triggerWord.endsWith("ing") && prev && GERUND_PREP.has(prev)) return prev === "without" ? "negated" : "hypothetical";
  // "about holding talks", "for resuming negotiations"
  const prev2 = before[before.length - 2];
  if (prev && prev.endsWith("ing") && prev2 && GERUND_PREP.has(prev2)) return prev2 === "without" ? "negated" : "hypothetical";
  let ongoing = false;
  const n = before.length;
  for (let k = 0; k < 8 && k < n; k++) {
    const w = before[n - 1 - k]!;
    const c = classAt(before, classes, n - 1 - k);
    if (c & C_CLAUSE_BREAK) break;
    if (c & C_ONGOING) {
      ongoing = true;
      continue;
    }
    if (c & C_NEG) return "negated";
    // the tokenizer splits "didn't" into "didn", "'", "t"
    if (w === "t" && k + 1 < n && (before[n - 2 - k] === "'" || before[n - 2 - k] === "’")) return "negated";
    if ((w === "out" || w === "off") && k + 1 < n && RULED_CALLED.has(before[n - 2 - k]!)) return "negated";
    if (k === 0 && w === "to" && !READY.has(triggerWord)) {
      if (n >= 2 && ONGOING.has(before[n - 2]!)) return "asserted";
      realis = "future";
      continue;
    }
    // "to host talks" is infinitival; "to Moscow's demand", "to the talks" are not
    if (k <= 2 && w === "to" && !(k > 0 && DETERMINER.has(before[n - k]!)) && !before.slice(n - k).some((x) => x === "'s" || x === "’s")) {
      // "plans to quickly meet"; but "continues to actively engage" is ongoing
      if (n - 2 - k >= 0 && ONGOING.has(before[n - 2 - k]!)) return "asserted";
      realis = "future";
      continue;
    }
    if (realis === "asserted" && c & C_FUTURE && !ongoing) realis = "future";
    else if (realis === "asserted" && c & C_HYPO && !ongoing) {
      // "offered to host talks" hedges the talks; "offered his condolences" does not
      const next = before[n - k];
      if (!HEDGE_NEEDS_TO.has(w) || next === "to" || next === "for" || next === "that") realis = "hypothetical";
    }
  }
  // "urged Putin to open corridors and sign a deal": a verb coordinated with an infinitive
  // (a past form is finite: "said the time has come for talks to yield results and called for a ceasefire")
  if (realis === "asserted" && before[n - 1] === "and" && !triggerWord.endsWith("ed")) {
    for (let k = 2; k < 8 && k < n; k++) {
      const w = before[n - 1 - k]!;
      if (CLAUSE_BREAK.has(w)) break;
      if (w === "to" && !DETERMINER.has(before[n - k] ?? "")) return "future";
    }
  }
  // a conditional earlier in the clause: "if Russia attacks"
  for (let k = 0; k < 12 && k < n; k++) {
    const c = classAt(before, classes, n - 1 - k);
    if (c & C_CONDITION_BREAK) break;
    if (c & C_CONDITION) return "hypothetical";
  }
  return realis;
}
