/**
 * Word lists for figures: general English news vocabulary for what a number counts and how it
 * is qualified. Nothing here comes from a particular article.
 */
import { createRequire } from "node:module";
import type { FigureCategory, Qualifier } from "../../core/types.js";
import { isAsciiLetterCode, isSpaceCode } from "../../text/chars.js";

const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

/** Cue words (lower-case tokens) → category. */
export const CUES: ReadonlyMap<string, FigureCategory> = new Map<string, FigureCategory>([
  ...[...words("killed dead died deaths death dies die fatalities fatality perished slain murdered executed bodies toll")].map(
    (w) => [w, "killed"] as [string, FigureCategory],
  ),
  ...[...words("injured wounded hurt injuries injuring wounding")].map((w) => [w, "injured"] as [string, FigureCategory]),
  ...[...words("fled flee fleeing flees refugees refugee displaced evacuated evacuees exodus uprooted asylum-seekers")].map(
    (w) => [w, "displaced"] as [string, FigureCategory],
  ),
  ...[...words("troops soldiers servicemen reservists marines paratroopers conscripts")].map((w) => [w, "troops"] as [string, FigureCategory]),
  ...[...words("casualties detained arrested captured missing prisoners hostages abducted")].map((w) => [w, "other"] as [string, FigureCategory]),
]);

/** Cues that count only in a phrase: "lost their lives", "crossed into Poland", "left the country". */
const PHRASE_HEADS = new Set(["lives", "crossed", "crossing", "crossings", "left", "leaving", "leave", "homes"]);
export function phraseCue(lower: readonly string[], i: number): FigureCategory | null {
  const w = lower[i]!;
  if (!PHRASE_HEADS.has(w)) return null;
  if (w === "lives" && /^(?:their|his|her)$/.test(lower[i - 1] ?? "") && /^(?:lost|losing|lose)$/.test(lower[i - 2] ?? "")) return "killed";
  if (w === "lives" && /^(?:claimed|claiming|cost|costing)$/.test(lower[i - 1] ?? "")) return "killed";
  if (w === "crossed" || w === "crossing" || w === "crossings") {
    const n = lower[i + 1] ?? "";
    if (/^(?:into|the|to|over|from|on|in)$/.test(n) || n === "") return "displaced";
  }
  if (w === "left" || w === "leaving" || w === "leave") {
    const n = lower[i + 1] ?? "";
    if (n === "the" && /^(?:country|region|city|area)$/.test(lower[i + 2] ?? "")) return "displaced";
    if (n === "their" && /^(?:homes?|country)$/.test(lower[i + 2] ?? "")) return "displaced";
    if (isPlaceName(n)) return "displaced";
  }
  if (w === "homes" && /^(?:their|from)$/.test(lower[i - 1] ?? "") && /^(?:fled|left|forced|driven)$/.test(lower[i - 2] ?? "")) return "displaced";
  return null;
}

/** Nouns for people, as heads of a counted phrase ("368,000 Ukrainians", "179 men"). */
export const PEOPLE = words(
  "people persons civilians children child men women boys girls adults residents refugees migrants families patients " +
    "students journalists victims inhabitants citizens nationals workers others minors babies infants elderly person " +
    "individuals villagers evacuees asylum-seekers detainees prisoners hostages protesters demonstrators peacekeepers " +
    "aid-workers volunteers doctors medics nurses teachers pupils passengers crew sailors rebels militants insurgents " +
    "combatants gunmen attackers suspects cadets policemen officers foreigners tourists worshippers worshipers pilgrims " +
    "miners farmers fishermen voters supporters survivors relatives orphans britons employees guests commuters " +
    "spectators fans firefighters rescuers",
);
/** Nouns for troops. */
export const TROOPS = words("troops soldiers servicemen personnel reservists marines paratroopers conscripts fighters mercenaries service-members sailors");
/** Military items: counted as category "other" with their own unit. */
export const ITEMS: ReadonlyMap<string, string> = new Map([
  ["planes", "aircraft"], ["plane", "aircraft"], ["aircraft", "aircraft"], ["jets", "aircraft"], ["jet", "aircraft"],
  ["fighter", "aircraft"], ["helicopters", "helicopters"], ["helicopter", "helicopters"], ["tanks", "tanks"], ["tank", "tanks"],
  ["drones", "drones"], ["drone", "drones"], ["missiles", "missiles"], ["missile", "missiles"], ["rockets", "rockets"],
  ["warships", "ships"], ["ships", "ships"], ["vessels", "ships"], ["boats", "ships"], ["vehicles", "vehicles"],
  ["armoured", "vehicles"], ["armored", "vehicles"], ["howitzers", "artillery"], ["artillery", "artillery"],
]);
/** Things that are never the subject of a figure ("eight countries", "two sides", "the third round"). */
export const NON_COUNT = words(
  "countries country nations nation states sides side parties party leaders leader ministers minister rounds round times " +
    "points votes seats talks meetings meeting proposals proposal issues issue steps step items questions conditions " +
    "points regions cities provinces districts villages languages years months weeks days hours minutes seconds decades " +
    "centuries kilometres kilometers miles metres meters km percent pages articles resolutions sessions stages phases " +
    "members presidents diplomats counterparts delegations heads options scenarios goals principles documents agreements " +
    "calls letters statements words",
);
/** Words that, right after a number, make it a duration, a measure, a time or a percentage. */
export const NOT_AFTER = words(
  "percent per cent pct years year days day weeks week months month hours hour minutes minute seconds second decades " +
    "decade centuries century nights night km kilometres kilometers kilometre kilometer miles mile metres meters metre " +
    "meter kg kilograms feet foot degrees a.m. p.m. am pm gmt utc o'clock times fold-times",
);
/** Label words before a number: "Article 5", "Resolution 2334", "Flight 17". */
export const LABELS = words(
  "article articles resolution resolutions chapter section paragraph flight route highway protocol annex item title room " +
    "gate block unit phase stage level grade class category round group game episode season vol volume page pp no nos number " +
    "aged age platform line bus track zone sector point convention",
);
export const MONTHS = words(
  "january february march april may june july august september october november december jan feb mar apr jun jul aug " +
    "sep sept oct nov dec",
);
/** Aid cues near a money or tonnage figure. */
export const AID = words("aid assistance humanitarian relief donation donations donated pledged pledge package grant grants");
/** Verbs of change: "increased by 11". */
export const CHANGE = words("increased increase rose risen grew grown jumped climbed fell dropped decreased declined up down");

/** Modal and projection words before the verb of a count: "may flee", "could have grown to". */
export const PROJECTION = words("may might could would will expected projected forecast likely estimated predicted feared");

/**
 * The qualifier phrases, one group per qualifier; the leftmost match wins, so a longer phrase
 * ("not less than", "no more than", "just under") beats the shorter one inside it.
 */
const QUALIFIER_PHRASES: readonly (readonly string[])[] = [
  ["at least", "no fewer than", "no less than", "a minimum of", "not less than"],
  ["up to", "as many as", "a maximum of", "at most", "no more than", "not more than"],
  ["more than", "over", "above", "in excess of", "upwards of", "exceeding", "exceeded", "topped", "surpassed", "passed", "beyond"],
  ["fewer than", "less than", "under", "below", "just under", "nearly under"],
  ["about", "some", "around", "nearly", "almost", "roughly", "approximately", "approx.", "an estimated", "estimated", "the estimated", "close to", "circa", "an approximate", "approaching", "near", "perhaps", "possibly", "reportedly", "~"],
];
const QUALIFIER_RE = new RegExp(`(?:^|\\W)(?:${QUALIFIER_PHRASES.map((g) => `(${g.map((p) => p.replace(/\./g, "\\.")).join("|")})`).join("|")})\\s*$`);
const QUALIFIERS: Qualifier[] = ["at least", "up to", "more than", "fewer than", "about"];
/** The last words of the phrases that end with a letter (the others end with "." or "~"). */
const QUALIFIER_LAST_WORDS = new Set(QUALIFIER_PHRASES.flat().flatMap((p) => (/[a-z]$/.test(p) ? [p.slice(p.lastIndexOf(" ") + 1)] : [])));

/** The qualifier a phrase ending right before the number gives it. */
export function qualifierBefore(before: string): Qualifier | null {
  // the phrase ends the text but for white space: its last word first, as the text has it (the
  // lower-casing and white-space folding below turn no other char into an ASCII letter and leave
  // the letters' places from the end alone; a word of the text before it in the phrase is not an
  // ASCII letter)
  let e = before.length;
  while (e > 0 && isSpaceCode(before.charCodeAt(e - 1))) e--;
  const c = before.charCodeAt(e - 1);
  if (c !== 46 && c !== 126) {
    let s = e;
    while (s > 0 && isAsciiLetterCode(before.charCodeAt(s - 1))) s--;
    if (s === e || !QUALIFIER_LAST_WORDS.has(before.slice(s, e).toLowerCase())) return null;
  }
  // the longest phrase is under 20 characters: only the end of the text before matters
  // (a cut-off start gets a letter in front, so that a phrase cannot start in the middle of a word)
  const b = (before.length > 32 ? `a${before.slice(before.length - 32)}` : before).toLowerCase().replace(/\s+/g, " ");
  const m = QUALIFIER_RE.exec(b);
  if (!m) return null;
  for (let g = 1; g <= 5; g++) if (m[g] !== undefined) return QUALIFIERS[g - 1]!;
  return null;
}

export const CATEGORY_VERB: Record<FigureCategory, string> = {
  killed: "killed",
  injured: "injured",
  displaced: "displaced",
  aid: "in aid",
  troops: "",
  money: "",
  other: "",
};

const require = createRequire(import.meta.url);
let PLACES: Set<string> | null = null;
let DEMONYMS: Set<string> | null = null;
function loadCountries(): void {
  if (PLACES) return;
  PLACES = new Set();
  DEMONYMS = new Set();
  const countries = require("world-countries") as Array<{ name: { common: string }; demonyms?: Record<string, { f: string; m: string }> }>;
  for (const c of countries) {
    PLACES.add(c.name.common.toLowerCase());
    const d = c.demonyms?.eng?.m;
    if (d) {
      const l = d.toLowerCase();
      DEMONYMS.add(l.endsWith("s") ? l : `${l}s`);
      DEMONYMS.add(l);
    }
  }
}
export function isPlaceName(lower: string): boolean {
  loadCountries();
  return PLACES!.has(lower);
}
/** "Ukrainians", "Syrians": demonyms as people nouns. */
export function isDemonymPlural(lower: string): boolean {
  loadCountries();
  return lower.endsWith("s") && DEMONYMS!.has(lower);
}
