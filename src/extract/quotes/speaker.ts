/**
 * Who says so: the subject of a speech verb ("Kuleba said", "said the ministry", "the U.N. human
 * rights chief said", "according to the UN Refugee Agency"), resolved to a person name via the
 * entities layer where it can be (surname, "he", "the top diplomat"), else the body or the
 * description as the text gives it ("U.N. official", "mayor of Lviv").
 *
 * Shared by the quotes and figures stages. Works on doc.tokens / doc.sentences; uses doc.mentions
 * when the entities stage has filled it, and falls back to capitalised names otherwise.
 */
import { createRequire } from "node:module";
import { spanIndexAt } from "../../core/span.js";
import { lowerTokens } from "../../text/lower.js";
import type { Doc, EntityMention, Span } from "../../core/types.js";
import { isAsciiWordCode, isSpaceCode } from "../../text/chars.js";

/** Finite speech verbs: "X said …", "…, X said". */
export const SPEECH_VERBS = new Set(
  (
    "said says say told tells added adds stated states noted notes stressed stresses emphasized emphasised " +
    "emphasizes emphasises underlined underlines underscored warned warns wrote writes tweeted tweets posted " +
    "remarked explained explains insisted insists claimed claims argued argues declared declares announced announces " +
    "asserted asserts reiterated reiterates recalled acknowledged acknowledges admitted admits confirmed confirms " +
    "reported reports commented replied responded suggested suggests believes believe estimated estimates " +
    "indicated indicates revealed disclosed highlighted affirmed assured predicted observed conceded clarified " +
    "lamented complained maintained maintains cautioned contended alleged alleges accused denied denies hoped expects " +
    "expected announced informed briefed underscores points pointed detailed"
  ).split(" "),
);
/** Speech participles opening a second reported clause: "…, warning that …". */
export const SPEECH_PARTICIPLES = new Set(
  "saying adding warning noting stressing emphasizing emphasising underlining arguing insisting claiming stating explaining recalling reiterating asserting cautioning".split(
    " ",
  ),
);

/** Words that may sit between a subject and its speech verb. */
const AUX = new Set(
  "has have had also later earlier further then again previously reportedly once was is would will separately recently publicly had already first on".split(
    " ",
  ),
);
const DATE_WORDS = new Set(
  "on in last this late early earlier week month year night morning evening afternoon monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december".split(" "),
);
/** A word of a date before a speech verb: one of DATE_WORDS or a number of up to four digits ("March 28"). */
function isDateWord(w: string): boolean {
  if (DATE_WORDS.has(w)) return true;
  if (w.length > 4) return false;
  for (let i = 0; i < w.length; i++) if (w.charCodeAt(i) < 48 || w.charCodeAt(i) > 57) return false;
  return w.length > 0;
}

/** Lower-case words that belong to a speaker description ("another U.N. official", "the top diplomat"). */
export const ROLE_WORDS = new Set(
  (
    "official officials chief prime minister ministers policy spokesman spokeswoman spokesperson spokespeople president premier " +
    "agency ministry office body statement report source sources negotiator negotiators diplomat diplomats mayor governor " +
    "commissioner secretary general adviser advisor aide aides envoy ambassador embassy government authorities authority " +
    "police army military leader leaders head director commander representative representatives delegation counterpart " +
    "foreign defense defence interior human rights refugee health top senior deputy national security presidential press " +
    "service services administration council committee mission monitors monitoring observers observer team prosecutor " +
    "prosecutors court judge lawmaker lawmakers legislator parliament speaker party group groups organisation organization " +
    "activists rebels militants fighters forces residents witnesses witness doctors doctor medics officer officers " +
    "readout communique communiqué briefing data figures statistics estimates tally count analysts experts agencies " +
    "un u.n. joint general's chief's spokesman's his her their its high border guards guard coast emergency emergencies " +
    "rescue rescuers staff workers watchdog charity ngo red crescent cross relief humanitarian humanitarians " +
    "regional local state federal city municipal military's ministry's bureau department directorate institute centre " +
    "center division board syndicate union association federation coalition network alliance company firm operator " +
    "guard guards ombudsman inspectorate"
  ).split(" "),
);
const DETERMINERS = new Set(["the", "a", "an", "another", "his", "her", "their", "its", "one", "two", "some", "several", "both", "this", "that"]);
export const PRONOUNS = new Set(["he", "she", "they", "it", "we", "i"]);
/** Capitalised words that are titles, not names ("Foreign Minister Dmytro Kuleba" → "Dmytro Kuleba"). */
const TITLES = new Set(
  (
    "president vice prime minister foreign defense defence interior secretary general chancellor king queen prince " +
    "princess sheikh emir sultan mr mrs ms dr prof ambassador spokesman spokeswoman spokesperson commissioner high " +
    "chief deputy senator sen gov governor mayor pope chairman chairwoman chair director head adviser advisor " +
    "national security envoy special representative lieutenant colonel general gen lt col maj major captain capt " +
    "admiral adm commander sergeant minister's president's un u.n. refugee refugees human rights state"
  ).split(" "),
);

/** Lower-cased token texts, computed once per doc (shared with the entity stage). */
export { lowerTokens };

/** Index of the token that starts at or after `pos`. */
export function tokenAt(doc: Doc, pos: number): number {
  return spanIndexAt(doc.tokens, pos);
}

const isCap = (s: string) => /^[\p{Lu}]/u.test(s);
/** Does token k start with a capital letter (`isCap` of its text, without the slice for ASCII)? */
export function capAt(doc: Doc, k: number): boolean {
  const t = doc.tokens[k]!;
  const c = doc.text.charCodeAt(t.start);
  if (c < 128) return c >= 65 && c <= 90;
  return isCap(doc.text.slice(t.start, t.end));
}

/**
 * The noun phrase that is the subject of the verb at token `v`, read backwards
 * ("The U.N. human rights chief said", "Ukraine has said", "another U.N. official said").
 * Returns token indexes [a, b) or null.
 */
export function subjectBefore(doc: Doc, v: number, minTok = 0): [number, number] | null {
  const low = lowerTokens(doc);
  const sentStart = Math.max(minTok, doc.sentences[doc.tokens[v]!.sent]!.tokStart);
  let j = v - 1;
  while (j >= sentStart && AUX.has(low[j]!)) j--;
  // "Kuleba on March 28 said", "Erdogan last week said"
  {
    let k = j;
    while (k > sentStart && k - j > -5 && isDateWord(low[k]!)) k--;
    if (k < j && (low[k + 1] === "on" || low[k + 1] === "last" || low[k + 1] === "this" || low[k + 1] === "late" || low[k + 1] === "early" || low[k + 1] === "in")) {
      j = k;
      while (j >= sentStart && AUX.has(low[j]!)) j--;
    }
  }
  // "The mayor of Lviv, which is in western Ukraine, said", "Kuleba, the foreign minister, said";
  // "the group's director, Juanita Goebertus, said": a name in apposition is the speaker
  if (j > sentStart && low[j] === ",") {
    for (let k = j - 1; k > sentStart && j - k < 12; k--) {
      if (low[k] === ",") {
        const inner = doc.tokens.slice(k + 1, j).map((t) => doc.text.slice(t.start, t.end));
        if (inner.length >= 2 && inner.length <= 4 && inner.every((x) => /^\p{Lu}[\p{L}\p{M}'’-]*$/u.test(x))) return [k + 1, j];
        // "Tom Roe, chairman of the foreign affairs committee, said": the person before the description
        if (k - 1 >= sentStart && /^\p{Ll}/u.test(doc.text.slice(doc.tokens[k + 1]!.start, doc.tokens[k + 1]!.end)) && !/^(?:which|who|whose)$/.test(low[k + 1]!)) {
          const p = personEndingAt(doc, doc.tokens[k - 1]!.end, doc.tokens[sentStart]!.start);
          if (p >= 0 && p < k) return [p, k];
        }
        if (/^(?:which|who|whose|a|an|the|his|her|its|their)$/.test(low[k + 1]!)) j = k - 1;
        break;
      }
    }
  }
  // "X, the ministry's spokesman, said": skip back over nothing fancy; stop at punctuation
  const b = j + 1;
  let a = b;
  let n = 0;
  while (j >= sentStart && n < 14) {
    const w = low[j]!;
    if (PRONOUNS.has(w) && a === b) {
      a = j;
      break;
    }
    if (DETERMINERS.has(w)) {
      a = j;
      // "the Office of the United Nations …": a determiner after "of" is inside the name
      if (j - 2 >= sentStart && (low[j - 1] === "of" || low[j - 1] === "for" || low[j - 1] === "on") && capAt(doc, j - 2)) {
        j--;
        n++;
        continue;
      }
      break;
    }
    // "Turkey's disaster agency", "the Sudan Doctors' Syndicate": possessive phrases
    const ok =
      capAt(doc, j) ||
      ROLE_WORDS.has(w) ||
      ((w === "'" || w === "’") && j > sentStart && /s$/.test(low[j - 1]!) && a < b) ||
      (/^[a-z]+$/.test(w) && a < b && (possessiveAt(low, j - 1, sentStart) || possessiveAt(low, j - 2, sentStart)) && ROLE_WORDS.has(low[a]!)) ||
      w === "of" ||
      w === "for" ||
      w === "'s" ||
      w === "’s" ||
      w === "-" ||
      (w === "and" && j > sentStart && capAt(doc, j - 1) && a < b && capAt(doc, a));
    if (!ok) break;
    a = j;
    j--;
    n++;
  }
  if (a >= b) return null;
  // a phrase that starts with "of"/"for" is not a subject
  while (a < b && (low[a] === "of" || low[a] === "for" || low[a] === "and")) a++;
  if (a >= b) return null;
  // "Simon Roe, Executive Secretary of the Climate Convention, said": a long description in
  // apposition after a person's name; the name is the speaker
  if (a - 2 >= sentStart && low[a - 1] === "," && !mentionsIn(doc, doc.tokens[a]!.start, doc.tokens[b - 1]!.end).some((m) => m.kind === "person" && m.ref >= 0)) {
    const nameEnd = doc.tokens[a - 2]!.end;
    const ms = doc.mentions;
    for (let i = spanIndexAt(ms, nameEnd) - 1; i >= 0 && i >= spanIndexAt(ms, nameEnd) - 3; i--) {
      const m = ms[i]!;
      if (m.end === nameEnd && m.kind === "person" && m.ref >= 0 && m.start >= doc.tokens[sentStart]!.start) {
        const t = spanIndexAt(doc.tokens, m.start);
        if (t < a - 1) return [t, a - 1];
      }
    }
  }
  // a sentence-initial capitalised word that is not a name or role ("Also on Twitter, Çavuşoğlu said"): fine, bounded by punctuation
  return [a, b];
}

/** A possessive clitic ('s) at token k, not before the sentence start. */
function possessiveAt(low: readonly string[], k: number, sentStart: number): boolean {
  return k >= sentStart && (low[k] === "'s" || low[k] === "’s");
}

/**
 * The subject after an inverted speech verb: "said Kuleba", "said the ministry",
 * "said UN refugee chief Filippo Grandi". Token indexes [a, b) or null.
 */
export function subjectAfter(doc: Doc, v: number): [number, number] | null {
  const low = lowerTokens(doc);
  const sentEnd = doc.sentences[doc.tokens[v]!.sent]!.tokEnd;
  let j = v + 1;
  const a = j;
  if (j < sentEnd && DETERMINERS.has(low[j]!)) j++;
  let content = 0;
  while (j < sentEnd && j - a < 10) {
    const w = low[j]!;
    const ok =
      capAt(doc, j) ||
      ROLE_WORDS.has(w) ||
      ((w === "of" || w === "'s" || w === "’s" || w === "-") && content > 0) ||
      // "said Sen. Mark Jones", "said Gen. Ali Musa": the period of an abbreviated title
      (w === "." && content > 0 && j + 1 < sentEnd && /^\p{Lu}\p{L}{0,4}$/u.test(doc.text.slice(doc.tokens[j - 1]!.start, doc.tokens[j - 1]!.end)) && capAt(doc, j + 1)) ||
      ((w === "in" || w === "at" || w === "the") && content > 0 && j + 1 < sentEnd && (capAt(doc, j + 1) || low[j + 1] === "the"));
    if (!ok) break;
    if (w !== "of") content++;
    j++;
  }
  while (j > a && (low[j - 1] === "of" || low[j - 1] === "-" || low[j - 1] === "in" || low[j - 1] === "at" || low[j - 1] === "the")) j--;
  if (content === 0) return null;
  // "said on Thursday" is not an inverted subject
  if (j - a === 1 && /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday)$/.test(low[a]!)) return null;
  return [a, j];
}

/** The paragraph of the token at or after character `pos` (the last token's past the end). */
function paraOf(doc: Doc, pos: number): number {
  return doc.sentences[doc.tokens[Math.min(spanIndexAt(doc.tokens, pos), doc.tokens.length - 1)]!.sent]!.para;
}

/** The person who is the subject of the nearest earlier sentence of the paragraph of token `a`. */
function paragraphSubject(doc: Doc, a: number): string | null {
  const si = doc.tokens[a]!.sent;
  const para = doc.sentences[si]!.para;
  for (let k = si - 1; k >= 0 && doc.sentences[k]!.para === para; k--) {
    const sent = doc.sentences[k]!;
    const limit = doc.tokens[Math.min(sent.tokStart + 4, sent.tokEnd - 1)]!.end;
    for (const m of mentionsIn(doc, sent.start, limit)) {
      if (m.start > limit) break;
      const n = personName(doc, m);
      if (n && m.via !== "pronoun") return n;
    }
  }
  return null;
}

const GROUP_VERBS = new Set(["accused", "claimed", "said", "warned", "argued", "insisted", "demanded", "urged", "denied", "rejected", "condemned", "called"]);
/** The coordinated subject ("A, B and C") of a speech act in the sentence before token `a`. */
function coordinatedSubject(doc: Doc, a: number): string | null {
  const low = lowerTokens(doc);
  const si = doc.tokens[a]!.sent;
  const prev = doc.sentences[si - 1];
  if (!prev) return null;
  for (let v = prev.tokStart + 1; v < prev.tokEnd; v++) {
    if (!GROUP_VERBS.has(low[v]!)) continue;
    let j = v - 1;
    let hasAnd = false;
    while (j >= prev.tokStart) {
      const w = low[j]!;
      if (w === "and") hasAnd = true;
      else if (!(capAt(doc, j) || w === "," || w === "the" || w === "its" || w === "their" || w === "'s" || w === "’s" || ROLE_WORDS.has(w) || w === "allies" || w === "partners")) break;
      j--;
    }
    if (hasAnd && v - (j + 1) >= 3) {
      let s0 = j + 1;
      while (s0 < v && low[s0] === ",") s0++;
      return doc.text.slice(doc.tokens[s0]!.start, doc.tokens[v - 1]!.end);
    }
  }
  return null;
}

export interface Speaker {
  name: string;
  span: Span;
  /** "person" when resolved to a person, "pronoun" when it stayed a pronoun, else "body" */
  kind: "person" | "body" | "pronoun";
}

/** The same speaker at another span ("he" said it: the speaker named before). (A literal: an object spread costs a runtime call.) */
export function atSpan(sp: Speaker, span: Span): Speaker {
  return { name: sp.name, span, kind: sp.kind };
}

/** Mentions (sorted by start) overlapping [start, end). */
function mentionsIn(doc: Doc, start: number, end: number): EntityMention[] {
  const out: EntityMention[] = [];
  const ms = doc.mentions;
  let lo = 0;
  let hi = ms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ms[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < ms.length && ms[i]!.start < end; i++) if (ms[i]!.end > start) out.push(ms[i]!);
  return out;
}

function personName(doc: Doc, m: EntityMention): string | null {
  if (m.kind !== "person" || m.ref < 0) return null;
  return doc.persons[m.ref]?.name ?? null;
}

/** The nearest person named before `pos` (entities layer, else a capitalised name of two words). */
export function lastPersonBefore(doc: Doc, pos: number, minPos = 0): string | null {
  const ms = doc.mentions;
  for (let i = spanIndexAt(ms, pos) - 1; i >= 0; i--) {
    const m = ms[i]!;
    if (m.end > pos) continue;
    if (m.start < minPos) break;
    const n = personName(doc, m);
    if (n) return n;
  }
  if (ms.length > 0) return null;
  // fallback without entities: "Title Firstname Lastname" / "Firstname Lastname"
  const text = doc.text.slice(minPos, pos);
  let best: string | null = null;
  NAME_RE.lastIndex = 0;
  for (let m = NAME_RE.exec(text); m; m = NAME_RE.exec(text)) {
    const name = stripTitles(m[0]);
    if (name.split(/\s+/).length >= 2) best = name;
  }
  return best;
}
/** The token where a person mention ending exactly at `end` starts (not before `minPos`), or -1. */
function personEndingAt(doc: Doc, end: number, minPos: number): number {
  const ms = doc.mentions;
  const top = spanIndexAt(ms, end);
  for (let i = top - 1; i >= 0 && i >= top - 3; i--) {
    const m = ms[i]!;
    if (m.end === end && m.kind === "person" && m.ref >= 0 && m.start >= minPos) return spanIndexAt(doc.tokens, m.start);
  }
  return -1;
}

/** The nearest person mention (entities layer) in [minPos, pos), not a pronoun. */
function lastPersonMentionBefore(doc: Doc, pos: number, minPos: number): { name: string; start: number } | null {
  const ms = doc.mentions;
  for (let i = spanIndexAt(ms, pos) - 1; i >= 0; i--) {
    const m = ms[i]!;
    if (m.end > pos) continue;
    if (m.start < minPos) break;
    if (m.via === "pronoun") continue;
    const n = personName(doc, m);
    if (n) return { name: n, start: m.start };
  }
  return null;
}
const NAME_RE = /(?<![\p{L}])(?:\p{Lu}[\p{L}\p{M}'’-]+\s+){1,5}\p{Lu}[\p{L}\p{M}'’-]+/gu;

/** "Ukrainian Foreign Minister Dmytro Kuleba" → "Dmytro Kuleba" (titles and nationality words dropped). */
export function stripTitles(phrase: string): string {
  const words = phrase.split(/\s+/);
  let i = 0;
  while (i < words.length - 1 && (TITLES.has(words[i]!.toLowerCase()) || /(?:ian|ish|ese|ean|ic|i|an)$/.test(words[i]!) && words.length - i > 2)) i++;
  return words.slice(i).join(" ");
}

/** The trailing run of up to four capitalised words of a phrase, or null. */
export function capitalisedTail(phrase: string): string | null {
  // the words of phrase.split(/\s+/), read from the end without splitting the whole phrase
  let start = phrase.length;
  let count = 0;
  let spaced = false; // a white space other than one " " between two words of the tail
  let e = phrase.length;
  while (count < 4) {
    let b = e;
    while (b > 0 && !isSpaceCode(phrase.charCodeAt(b - 1))) b--;
    if (!CAPITALISED_WORD_RE.test(phrase.slice(b, e))) break;
    start = b;
    count++;
    if (b === 0) break;
    e = b - 1;
    if (phrase.charCodeAt(e) !== 32) spaced = true;
    while (e > 0 && isSpaceCode(phrase.charCodeAt(e - 1))) {
      e--;
      spaced = true;
    }
  }
  if (count === 0) return null;
  const tail = phrase.slice(start);
  return spaced ? tail.replace(/\s+/g, " ") : tail;
}
const CAPITALISED_WORD_RE = /^\p{Lu}[\p{L}\p{M}'’-]*$/u;

/** The speakers met so far in an article, for "he said" / "it said" when entities cannot tell. */
export interface SpeakerContext {
  last: Speaker | null;
  person: Speaker | null;
  body: Speaker | null;
}
export function newContext(): SpeakerContext {
  return { last: null, person: null, body: null };
}
export function remember(ctx: SpeakerContext, sp: Speaker | null): void {
  if (!sp) return;
  ctx.last = sp;
  if (sp.kind === "person") ctx.person = sp;
  else if (sp.kind === "body") ctx.body = sp;
}

/**
 * Resolves the subject tokens [a, b) to a speaker. `ctx` holds the speakers met before (for
 * "he"/"it" when the entities layer has no resolution).
 */
export function resolveSpeaker(doc: Doc, a: number, b: number, ctx: SpeakerContext): Speaker | null {
  const start = doc.tokens[a]!.start;
  const end = doc.tokens[b - 1]!.end;
  const span = { start, end };
  const low = lowerTokens(doc);
  const ms = mentionsIn(doc, start, end);
  const pronoun = b - a === 1 && PRONOUNS.has(low[a]!);
  // a person mention in the subject (its name, surname or description resolved by entities);
  // not a possessive one ("Erdogan's office" is the office)
  if (!pronoun) {
    for (let i = ms.length - 1; i >= 0; i--) {
      const m = ms[i]!;
      const n = personName(doc, m);
      if (!n) continue;
      if (/^['’]s\b/.test(doc.text.slice(m.end, m.end + 3)) && m.end + 2 < end) break;
      return { name: n, span, kind: "person" };
    }
  }
  if (pronoun) {
    const w = low[a]!;
    if (w === "i" || w === "we") return ctx.last ? atSpan(ctx.last, span) : null;
    if (w === "he" || w === "she") {
      // the subject of an earlier sentence of the same paragraph ("Zelenskyy thanked Turkey. “…,” he added.")
      const para = doc.sentences[doc.tokens[a]!.sent]!.para;
      // the last person who spoke in this paragraph ("In remarks, Pompeo said …. The war was lost, he noted.")
      if (ctx.person && ctx.person.span.start < start && paraOf(doc, ctx.person.span.start) === para) return atSpan(ctx.person, span);
      const subj = paragraphSubject(doc, a);
      if (subj) return { name: subj, span, kind: "person" };
      if (ctx.person) {
        // a person named after the last speaker, in this paragraph or the one before, is the new "he"
        // ("Hoffman said …. President Trump posted an update. “All is well,” he declared.")
        const later = lastPersonMentionBefore(doc, start, ctx.person.span.end);
        if (later && later.name !== ctx.person.name && paraOf(doc, later.start) >= para - 1 && paraOf(doc, ctx.person.span.start) < paraOf(doc, later.start)) return { name: later.name, span, kind: "person" };
        return atSpan(ctx.person, span);
      }
      for (const m of ms) {
        const n = personName(doc, m);
        if (n) return { name: n, span, kind: "person" };
      }
      const n = lastPersonBefore(doc, start, Math.max(0, start - 1500));
      return n ? { name: n, span, kind: "person" } : null;
    }
    // they: a coordinated subject of a speech act in the sentence before ("Ukraine, the United States
    // and its allies accused …. They claimed …")
    if (w === "they") {
      const group = coordinatedSubject(doc, a);
      if (group) return { name: group, span, kind: "body" };
    }
    // it / they: the previous body speaker, else the last org mention, else the last capitalised body
    if (ctx.body) return atSpan(ctx.body, span);
    for (let i = spanIndexAt(doc.mentions, start) - 1; i >= 0; i--) {
      const m = doc.mentions[i]!;
      if (m.end <= start && m.kind === "org") return { name: doc.text.slice(m.start, m.end), span, kind: "body" };
    }
    const body = lastBodyBefore(doc.text, start);
    return body ? { name: body, span, kind: "body" } : null;
  }
  // text form: drop determiners; a trailing capitalised name after titles is a person
  let s = a;
  while (s < b && DETERMINERS.has(low[s]!)) s++;
  if (s >= b) return null;
  const phrase = unquoted(doc.text, doc.tokens[s]!.start, end);
  // a name after a title: "UN refugee chief Filippo Grandi", "Foreign Minister Çavuşoğlu"
  const tail = capitalisedTail(phrase);
  if (tail && ms.length === 0 && !/['’]s$/.test(phrase) && !/\bof\s+\p{Lu}/u.test(phrase)) {
    const name = stripTitles(tail);
    const words = name.split(/\s+/);
    const known = knownPerson(doc, words[words.length - 1]!);
    if (known) return { name: known, span, kind: "person" };
    if (!TITLES.has(words[0]!.toLowerCase()) && isLikelyName(words)) return { name, span, kind: "person" };
  }
  // "the top diplomat" again: the person an identical description was resolved to before, or the
  // last speaker whose role has the same head noun
  if (ms.length === 0 && endsWithPersonRole(phrase) && /^[\p{Ll}\s.'’-]+$/u.test(phrase.replace(/\b(?:U\.?N\.?|U\.?S\.?|EU)\b/g, ""))) {
    const same = sameDescription(doc, phrase, start);
    if (same) return { name: same, span, kind: "person" };
    const head = phrase.split(/\s+/).pop()!.toLowerCase();
    if (ctx.person) {
      const p = doc.persons.find((x) => x.name === ctx.person!.name);
      if (p?.role && p.role.value.toLowerCase().split(/\s+/).includes(head)) return atSpan(ctx.person, span);
    }
  }
  // "the UN body", "the agency", "confirmed UN data": the body named before, when this is a shorter name of it
  if (ctx.body && phrase.length < 60 && !endsWithPersonRole(ctx.body.name) && refersTo(phrase, ctx.body.name)) return atSpan(ctx.body, span);
  // an org mention: the text form (the scorer and readers know the body by the words the text uses)
  return { name: phrase, span, kind: "body" };
}

/** `text.slice(s, e).replace(/^[‘'"“]+|[’'"”,]+$/g, "")`: the phrase without the quote marks (and commas) around it, read off the chars. */
export function unquoted(text: string, s: number, e: number): string {
  for (let c = text.charCodeAt(s); s < e && (c === 0x2018 || c === 39 || c === 34 || c === 0x201c); c = text.charCodeAt(++s));
  for (let c = text.charCodeAt(e - 1); e > s && (c === 0x2019 || c === 39 || c === 34 || c === 0x201d || c === 44); c = text.charCodeAt(--e - 1));
  return text.slice(s, e);
}

const GENERIC_BODY = /^(?:(?:the|a|an|The|A|An)\s+)?(?:(?:UN|U\.N\.|EU|U\.S\.|US|United Nations|European|world|global|international|rights|human|refugee|aid|humanitarian|health)\s+)*(?:body|agency|office|organi[sz]ation|commission|mission|ministry|committee|council|watchdog|group|monitors|team|authority|authorities|report|statement|readout|communiqu[eé]|briefing|update)$|^(?:Body|Agency|Office|Organi[sz]ation|Commission|Mission|Committee|Council|Report|Statement)$/;
const EXPANSIONS: Record<string, string> = { un: "united nations", "u.n.": "united nations", eu: "european union", "u.s.": "united states", us: "united states" };
/** The person an identical description ("the top diplomat") was resolved to earlier in the text. */
function sameDescription(doc: Doc, phrase: string, before: number): string | null {
  const want = phrase.toLowerCase();
  for (let i = spanIndexAt(doc.mentions, before) - 1; i >= 0; i--) {
    const m = doc.mentions[i]!;
    if (m.kind !== "person" || m.ref < 0 || m.via !== "description") continue;
    const t = doc.text.slice(m.start, m.end).toLowerCase().replace(/^(?:the|a|an)\s+/, "");
    if (t === want) return doc.persons[m.ref]?.name ?? null;
  }
  return null;
}

/** Last words of a description of a person ("U.N. official", "the negotiator"), not of a body. */
const PERSON_ROLE_WORDS = new Set(
  "official officials chief spokesman spokeswoman spokesperson minister president negotiator negotiators diplomat adviser advisor aide envoy ambassador mayor governor commissioner secretary source sources leader head director commander".split(
    " ",
  ),
);
/**
 * Does the phrase end with a person's role word: `/\b(?:official|…|commander)$/i`, read off the
 * phrase's trailing run of ASCII word chars (which the word must be, with the boundary before it)
 * instead of trying the alternation at every position.
 */
export function endsWithPersonRole(phrase: string): boolean {
  let b = phrase.length;
  while (b > 0 && isAsciiWordCode(phrase.charCodeAt(b - 1))) b--;
  const n = phrase.length - b;
  return n >= 4 && n <= 12 && PERSON_ROLE_WORDS.has(phrase.slice(b).toLowerCase());
}

/** Is `phrase` a generic or shorter way to name `body` ("the UN body", "UN" for "Office of the United Nations …")? */
export function refersTo(phrase: string, body: string): boolean {
  if (GENERIC_BODY.test(phrase.trim())) return true;
  const p = phrase.trim().toLowerCase();
  const b = body.toLowerCase();
  if (p === b) return false;
  const exp = EXPANSIONS[p];
  if (exp && (b.includes(exp) || b.split(/\s+/).includes(p))) return b.length > p.length;
  return false;
}

const ORG_WORDS = /^(?:Ministry|Office|Agency|Council|Committee|Organization|Organisation|Union|Nations|Commission|Fund|Programme|Program|Bank|Court|Forces|Army|Presidency|Government|Embassy|Department|Service|Guards?|Police|Party|Front|Movement|Institute|Foundation|Mission|Kremlin|Pentagon|White|House|Reuters|Interfax|TASS|Agency)$/;
function isLikelyName(words: string[]): boolean {
  if (words.some((w) => isPlaceWord(w))) return false;
  return words.every((w) => !ORG_WORDS.test(w) && !TITLES.has(w.toLowerCase()) && !/^(?:[A-Z]{2,}|(?:\p{Lu}\.)+)$/u.test(w));
}

const require = createRequire(import.meta.url);
let PLACE_WORDS: Set<string> | null = null;
/** Country names, their demonyms and capitals (world-countries): words that are not person names. */
function isPlaceWord(w: string): boolean {
  if (!PLACE_WORDS) {
    PLACE_WORDS = new Set(["west", "western", "east", "eastern", "europe", "european", "african", "asian", "arab", "kremlin", "moscow", "kyiv", "kiev", "ankara", "washington", "beijing", "brussels", "nato"]);
    const countries = require("world-countries") as Array<{ name: { common: string }; demonyms?: Record<string, { f: string; m: string }>; capital?: string[] }>;
    for (const c of countries) {
      for (const n of [c.name.common, c.demonyms?.eng?.m, c.demonyms?.eng?.f, ...(c.capital ?? [])]) {
        if (!n) continue;
        PLACE_WORDS.add(n.toLowerCase());
        for (const part of n.split(/\s+/)) if (part.length > 3) PLACE_WORDS.add(part.toLowerCase());
      }
    }
  }
  return PLACE_WORDS.has(w.toLowerCase().replace(/['’]s$/, ""));
}

/** The last capitalised organisation-like phrase before `pos` ("the Office of the UN High Commissioner"). */
function lastBodyBefore(text: string, pos: number): string | null {
  const win = text.slice(Math.max(0, pos - 1500), pos);
  let best: string | null = null;
  BODY_RE.lastIndex = 0;
  for (let m = BODY_RE.exec(win); m; m = BODY_RE.exec(win)) best = m[0];
  return best;
}
const BODY_RE = /\b(?:[A-Z]{2,}[A-Z]*|(?:\p{Lu}[\p{L}.]*\s+(?:(?:of|for|the|on)\s+)*){0,6}(?:Office|Agency|Ministry|Council|Commission|Committee|Organization|Organisation|Union|Nations|Fund|Programme|Presidency|Government|Embassy|Department|Mission)(?:\s+(?:of|for|on)(?:\s+the)?(?:\s+\p{Lu}[\p{L}.]*)+)?)/gu;

/** A person already named in the text whose surname (or a name word) is `word`. */
function knownPerson(doc: Doc, word: string): string | null {
  const w = word.toLowerCase();
  for (const p of doc.persons) {
    for (const n of [p.name, ...p.aliases]) {
      const parts = n.toLowerCase().split(/\s+/);
      if (parts[parts.length - 1] === w) return p.name;
    }
  }
  return null;
}
