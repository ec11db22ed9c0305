/**
 * Actor units: the entity mentions of one sentence grouped into noun phrases, each resolved to an
 * event side. "Turkey's President Recep Tayyip Erdoğan" (a country and a person mention) is one
 * unit: {person: "Recep Tayyip Erdoğan", actor: "TUR"}; "his counterpart from Ukraine" after a
 * person name is folded into that person.
 */
import type { Doc, EntityMention, Side } from "../../core/types.js";
import { skipSpace } from "../../text/chars.js";

export interface Unit {
  start: number;
  end: number;
  side: Side;
  /** the unit holds a person */
  person: boolean;
  /** only place mentions (a city): a side only for visits and hosts */
  place: boolean;
  /** a pronoun or description resolved by the entities stage */
  via: string;
  /** a possessive pronoun ("his", "their"): a possessor, never an object */
  possessive: boolean;
}

/**
 * A unit, every field set in one order: all units have one object shape, so the functions that read
 * them (subjects, objects, coordination, drafts) see one map and are not deoptimised and recompiled
 * when a unit of another shape reaches them.
 */
export function newUnit(start: number, end: number, side: Side, person: boolean, place: boolean, via: string, possessive = false): Unit {
  return { start, end, side, person, place, via, possessive };
}

/** one unit: unitList() copies the elements kind of this list */
const UNIT_KIND: Unit[] = [newUnit(0, 0, { person: null, actor: null }, false, false, "")];

/**
 * A new, empty list of units of the one elements kind (packed objects) that lists of units have once
 * a unit is in them: a literal [] is a list of small integers to V8, and the functions that read unit
 * lists were deoptimised ("wrong map") when an empty one reached them after full ones, or back.
 */
export function unitList(): Unit[] {
  return UNIT_KIND.slice(0, 0);
}

/** The empty list of units, of unitList's kind, shared: never to be changed (the coder's unit lists are read only once made). */
export const NO_UNITS: Unit[] = unitList();

/** Lower-case words that may sit inside one noun phrase between a title and a name. */
const NP_WORDS = new Set(
  (
    "'s ’s ' ’ s of the his her their its from - – ( ) , counterpart counterparts president prime minister " +
    "foreign defense defence national security secretary general secretary-general chancellor ambassador " +
    "envoy special spokesman spokeswoman spokesperson adviser advisor aide chief head deputy vice top senior " +
    "leader king queen emir sheikh crown prince commander interior affairs state finance military army " +
    "representative high commissioner governor mayor new former acting then ministry minister's " +
    "presidential chief-of-staff staff director official diplomat negotiator lead " +
    "religious spiritual supreme junior outgoing interim caretaker ousted exiled deposed veteran incoming " +
    "self-proclaimed de facto opposition trade economy justice labor labour health education"
  ).split(" "),
);

const WORD_RE = /[\p{L}\p{M}'’-]+|[(),–-]/gu;

const CONJ_HEAD_RE = /^\s*(?:,\s*)?(?:and|or|as well as|along with|together with|including|plus|&|-|–|,)(?=\s|$)/i;

/** Is the gap between two units a coordination ("A, B and C", "A along with Dutch counterpart B")? */
// conjGap and npGap are pure functions of short gap strings that recur ("and", ", ", "'s "): their answers
// are kept in small maps, emptied when they grow
const conjMemo = new Map<string, boolean>();
const npMemo = [new Map<string, boolean>(), new Map<string, boolean>()];
const MEMO_MAX = 4096;

export function conjGap(gap: string): boolean {
  let v = conjMemo.get(gap);
  if (v === undefined) {
    v = conjGapUncached(gap);
    if (conjMemo.size >= MEMO_MAX) conjMemo.clear();
    conjMemo.set(gap, v);
  }
  return v;
}

export function npGap(gap: string, allowComma: boolean): boolean {
  // npGapUncached's first answers, before a long gap is hashed for the memo
  if (gap.length > 80 || (!allowComma && gap.includes(","))) return false;
  const memo = npMemo[allowComma ? 1 : 0]!;
  let v = memo.get(gap);
  if (v === undefined) {
    v = npGapUncached(gap, allowComma);
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(gap, v);
  }
  return v;
}

/**
 * conjGap(text.slice(from, to)), without slicing and hashing a gap that cannot coordinate: every gap
 * conjGap takes starts with an apostrophe ("'s chief adviser, and"), or after white space with "-", "–",
 * ",", "&" or the first letter of a conjunction (and, or, as well as, along with, together with,
 * including, plus) in either case.
 */
export function conjGapAt(text: string, from: number, to: number): boolean {
  if (from >= to) return false; // conjGap("")
  const c0 = text.charCodeAt(from);
  if (c0 !== 39 && c0 !== 0x2019) {
    const i = skipSpace(text, from, to);
    if (i >= to) return false; // white space only
    const c = text.charCodeAt(i) | 0x20; // ASCII letters in lower case; "-" 45, "," 44, "&" 38 unchanged by | 0x20 (they have the bit set)
    if (c !== 97 && c !== 111 && c !== 116 && c !== 105 && c !== 112 && c !== 45 && c !== 44 && c !== 38 && text.charCodeAt(i) !== 0x2013) return false;
  }
  return conjGap(text.slice(from, to));
}

function conjGapUncached(gap: string): boolean {
  if (/^\s*[-–]\s*$/.test(gap)) return true;
  // the rest of an appositive folded into the unit before: "[Kalın, Erdoğan]'s chief adviser, and Sullivan"
  const role = /^['’]s?\s+(?:[a-z-]+\s+){0,8}[a-z-]+\s*,\s*(?:and|as well as)\s+(.*)$/.exec(gap);
  if (role) return role[1]!.trim() === "" || npGap(role[1]!.replace(/(\p{Lu})\./gu, "$1"), false);
  const m = CONJ_HEAD_RE.exec(gap);
  if (!m) return false;
  const rest = gap.slice(m[0].length);
  if (/^\s*,\s*$/.test(gap)) return true;
  if (rest.trim() === "" || npGap(rest, false)) return true;
  // "Kalın, Erdoğan's chief adviser and spokesperson, and Sullivan": an appositive between the conjuncts
  const app = /^\s*,(.*),\s*(?:and|as well as)\s+(.*)$/i.exec(gap);
  // (abbreviations such as "U.S." in the title after the appositive are part of the noun phrase)
  return !!app && npGap(app[1]!.replace(/\band\b/gi, " "), false) && (app[2]!.trim() === "" || npGap(app[2]!.replace(/(\p{Lu})\./gu, "$1"), false));
}

/** Is the text between two mentions part of one noun phrase (titles, possessives, appositive roles)? */
function npGapUncached(gap: string, allowComma: boolean): boolean {
  if (gap.length > 80) return false;
  if (!allowComma && gap.includes(",")) return false;
  if (/[;:.!?"“”\d]/.test(gap)) return false;
  const words = gap.match(WORD_RE) ?? [];
  for (const w of words) {
    const lw = w.toLowerCase();
    if (NP_WORDS.has(lw)) continue;
    if (/^\p{Lu}/u.test(w) && lw !== "and" && lw !== "or") continue; // capitalised title words
    return false;
  }
  return true;
}

/** bodies that report or administer rather than act as a side: outlets, offices, agencies */
const NOT_A_GROUP_RE = /\b(?:news|agency|press|times|post|tv|radio|television|directorate|office|ministry|department|newspaper|daily|journal|reuters|bureau|institute|university|twitter|facebook|telegram|instagram|youtube|tiktok|whatsapp)\b/i;

/** a lone generic word taken for a name ("International solidarity") */
const GENERIC_WORD_RE = /^(?:international|national|global|regional|local|federal|central|western|eastern|northern|southern|united|european|african|asian|arab|islamic)$/i;

export function mentionSide(doc: Doc, m: EntityMention): Side | null {
  switch (m.kind) {
    case "person": {
      const p = doc.persons[m.ref];
      if (!p) return m.actor ? { person: null, actor: m.actor } : null;
      return { person: p.name, actor: m.actor ?? p.country?.value ?? null };
    }
    case "country":
      return m.actor ? { person: null, actor: m.actor } : null;
    case "org": {
      const o = doc.organizations[m.ref];
      const actor = m.actor ?? o?.actor ?? null;
      if (actor) return { person: null, actor };
      // a named body with no state or IGO code acts as a non-state group
      const name = o?.name ?? doc.text.slice(m.start, m.end);
      if (m.via === "media" || NOT_A_GROUP_RE.test(name) || !/^\p{Lu}/u.test(name) || GENERIC_WORD_RE.test(name)) return null;
      return { person: null, actor: null, group: name };
    }
    case "group": {
      const o = m.ref >= 0 ? doc.organizations[m.ref] : undefined;
      const name = o?.name ?? doc.text.slice(m.start, m.end);
      return { person: null, actor: m.actor ?? null, group: name };
    }
    case "place": {
      const pl = doc.places[m.ref];
      const actor = m.actor ?? pl?.country ?? null;
      return actor ? { person: null, actor } : null;
    }
  }
  return null;
}

/** "'s chief adviser and spokesperson," after a possessor: lower-case words up to the comma closing the appositive */
const APPOSITIVE_ROLE_RE = /^['’]s?\s+(?:[a-z-]+\s+){0,6}[a-z-]+\s*,/;

/** "'s chief adviser," between a country or body and a person */
const TITLE_COMMA_RE = /^['’]s?\s+[^,]*,\s*$/;
const POSSESSIVE_PRONOUN_RE = /^(?:his|her|its|their|our)$/i;

/**
 * The units of a span of text (usually one sentence): one per mention inside it, the longer one (or
 * the person) where two overlap, read from doc.mentions (sorted by start) as they come, with no list of
 * the span's mentions made first.
 */
export function buildUnits(doc: Doc, start: number, end: number): Unit[] {
  const units = unitList();
  const mentions = doc.mentions;
  // binary search the first mention from `start` on
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  // the last mention kept: it gives way to a longer one (or a person) overlapping it, else it makes its unit
  let kept: EntityMention | null = null;
  for (let i = lo; i < mentions.length; i++) {
    const m = mentions[i]!;
    if (m.start >= end) break;
    if (m.end > end) continue;
    if (kept && m.start < kept.end) {
      if (m.end - m.start > kept.end - kept.start || (m.kind === "person" && kept.kind !== "person")) kept = m;
      continue;
    }
    if (kept) addUnit(doc, units, kept);
    kept = m;
  }
  if (kept) addUnit(doc, units, kept);
  return units;
}

/** The unit of mention `m`, or `m` folded into the last unit (a title before a name, an appositive). */
function addUnit(doc: Doc, units: Unit[], m: EntityMention): void {
  const text = doc.text;
  const side = mentionSide(doc, m);
  if (!side) return;
  const isPerson = m.kind === "person" && side.person !== null;
  const last = units[units.length - 1];
  if (last && !last.place && !last.possessive && m.kind !== "place") {
    const gap = text.slice(last.end, m.start);
    // "Turkish President Erdoğan", "Ukraine's Kuleba": a country or body before a person
    if (isPerson && !last.person && !last.side.group && (npGap(gap, false) || (TITLE_COMMA_RE.test(gap) && npGap(gap, true)))) {
      // the country or body named in the title is the one the person acts for ("Iran's religious leader X")
      last.side = { person: side.person, actor: last.side.actor ?? side.actor };
      last.person = true;
      last.end = m.end;
      last.via = m.via;
      return;
    }
    // "Schmid, the secretary-general of ...": an appositive description of the person just named
    if (last.person && m.kind === "person" && m.via === "description" && /^\s*,\s*$/.test(gap)) {
      last.end = m.end;
      return;
    }
    // "Kalın, Erdoğan's chief adviser,", "Sidhoum, Algeria's leading rights activist,": the possessor of an
    // appositive role is the body the person acts for, never a side of its own
    if (last.person && side.actor && !side.group && /^\s*,\s*$/.test(gap) && APPOSITIVE_ROLE_RE.test(text.slice(m.end, m.end + 80))) {
      if (!last.side.actor) last.side = { ...last.side, actor: side.actor };
      last.end = m.end;
      return;
    }
    // "Reznikov, his counterpart from Ukraine", "Schmid, the secretary-general of the OSCE"
    if (!isPerson && last.person && side.actor && !side.group && npGap(gap, true) && /\b(?:from|of)\s*(?:the\s*)?$/i.test(gap)) {
      if (!last.side.actor) last.side = { ...last.side, actor: side.actor };
      last.end = m.end;
      return;
    }
  }
  // (the pronouns have three to five letters: most mentions are not sliced for the test)
  const possessive = m.end - m.start <= 5 && POSSESSIVE_PRONOUN_RE.test(text.slice(m.start, m.end));
  units.push(newUnit(m.start, m.end, side, isPerson, m.kind === "place", m.via, possessive));
}

/** Is `a` three upper-case ASCII letters (an ISO3 code)? As /^[A-Z]{3}$/.test(a), without a regex call per side. */
export function isIso3(a: string): boolean {
  if (a.length !== 3) return false;
  for (let i = 0; i < 3; i++) {
    const c = a.charCodeAt(i);
    if (c < 65 || c > 90) return false;
  }
  return true;
}

export function sideKey(s: Side): string {
  return `${s.person ?? ""}|${s.actor ?? ""}|${s.group ?? ""}`;
}

/** Do two sides stand for the same actor (same person, or same code without persons)? */
export function sameSide(a: Side, b: Side): boolean {
  if (a.person && b.person) return a.person === b.person;
  if (a.group || b.group) return (a.group ?? null) === (b.group ?? null) && (a.actor ?? null) === (b.actor ?? null);
  return !!a.actor && a.actor === b.actor;
}
