/**
 * Generic actors the entities stage leaves unresolved, added as event units:
 * - state agents ("police", "troops", "the army", "security forces", "the government",
 *   "authorities", "officials"): the state of a country word right before ("Israeli troops",
 *   "Sudan's army"), of an "in/of/from X" right after ("police in Cairo"), else the article's
 *   dominant country (then the unit is `inferred`);
 * - non-state groups ("rebels", "militants", "protesters", "opposition", …): a `group` side whose
 *   `country` is where they operate, found the same way;
 * - plural demonyms ("Palestinians", "Israelis") and short country names ("Bosnia").
 * Word lists are in data/events/agents.json; every lookup is a Set/Map lookup on the shared
 * lower-cased token array.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Doc, Side } from "../../core/types.js";
import { dataPath } from "../../core/paths.js";
import { isIso3, newUnit, type Unit } from "./sides.js";
import { WordTable } from "./wordtable.js";
import { isSpaceCode } from "../../text/chars.js";

interface AgentFile {
  state: string[];
  group: string[];
  modifiers: string[];
  shortNames: Record<string, string>;
  pluralDemonyms: Record<string, string>;
  demonyms: Record<string, string>;
  groupCountries: Record<string, string>;
}

interface Lex {
  state: Set<string>;
  group: Set<string>;
  modifiers: Set<string>;
  /** lower-case plural demonym or short name → ISO3 */
  names: Map<string, string>;
  /** lower-case singular demonym → ISO3 (to read "Sudanese rebels") */
  demonyms: Map<string, string>;
  /** the short country names among `names` ("Bosnia"): the state itself */
  shortNames: Set<string>;
  /** lower-case group name → the country it acts in */
  groupCountries: Map<string, string>;
}

let lex: Lex | null = null;

export function agentLexicon(): Lex {
  if (lex) return lex;
  const f = JSON.parse(readFileSync(dataPath("events", "agents.json"), "utf8")) as AgentFile;
  const require = createRequire(import.meta.url);
  const countries = require("world-countries") as Array<{ cca3: string; name: { common: string }; demonyms?: { eng?: { m: string; f: string } } }>;
  const names = new Map<string, string>();
  const demonyms = new Map<string, string>();
  const seen = new Map<string, string | null>();
  for (const c of countries) {
    const d = c.demonyms?.eng;
    for (const w of d ? [d.m, d.f] : []) {
      if (!w || /\s/.test(w)) continue;
      const lw = w.toLowerCase();
      // a demonym shared by several countries names none of them
      if (seen.has(lw) && seen.get(lw) !== c.cca3) seen.set(lw, null);
      else seen.set(lw, c.cca3);
    }
  }
  for (const [w, iso] of seen) {
    if (!iso) continue;
    demonyms.set(w, iso);
    // "Israeli" → "Israelis"; "Sudanese", "Swiss", "French" have no -s plural
    if (!/(?:ese|ss|ch|sh|s)$/.test(w)) names.set(w + "s", iso);
  }
  for (const [k, v] of Object.entries(f.pluralDemonyms)) names.set(k.toLowerCase(), v);
  for (const [k, v] of Object.entries(f.demonyms)) demonyms.set(k.toLowerCase(), v);
  const shortNames = new Set<string>();
  for (const [k, v] of Object.entries(f.shortNames)) {
    names.set(k.toLowerCase(), v);
    shortNames.add(k.toLowerCase());
  }
  lex = {
    state: new Set(f.state),
    group: new Set(f.group),
    modifiers: new Set(f.modifiers),
    names,
    demonyms,
    shortNames,
    groupCountries: new Map(Object.entries(f.groupCountries).filter(([k]) => !k.startsWith("_")).map(([k, v]) => [k.toLowerCase(), v])),
  };
  return lex;
}

interface WordKind {
  isState: boolean;
  isGroup: boolean;
  name: string | undefined;
  dem: string | undefined;
}

let kinds: Map<string, WordKind> | null = null;
let kindTable: WordTable<WordKind> | null = null;

/** The kinds of each lexicon word, by word id. */
function kindsById(lookup: Map<string, WordKind>): WordTable<WordKind> {
  if (!kindTable || kindTable.map !== lookup) kindTable = new WordTable(lookup);
  return kindTable;
}

/** Does text[from, to) end with "ethnic" (any ASCII case) and white space? As /ethnic\s*$/i on the slice. */
export function ethnicBefore(text: string, from: number, to: number): boolean {
  let j = to;
  while (j > from && isSpaceCode(text.charCodeAt(j - 1))) j--;
  if (j - 6 < from) return false;
  for (let k = 0; k < 6; k++) {
    let c = text.charCodeAt(j - 6 + k);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== ETHNIC.charCodeAt(k)) return false;
  }
  return true;
}
const ETHNIC = "ethnic";

/** Each lexicon word's kinds, resolved with the same precedence as four separate lookups. */
function wordKinds(L: Lex): Map<string, WordKind> {
  if (kinds) return kinds;
  const m = new Map<string, WordKind>();
  for (const w of [...L.state, ...L.group, ...L.names.keys(), ...L.demonyms.keys()]) {
    if (m.has(w)) continue;
    const isState = L.state.has(w);
    const isGroup = !isState && L.group.has(w);
    const name = !isState && !isGroup ? L.names.get(w) : undefined;
    const dem = !isState && !isGroup && !name ? L.demonyms.get(w) : undefined;
    if (!isState && !isGroup && !name && !dem) continue;
    m.set(w, { isState, isGroup, name, dem });
  }
  kinds = m;
  return m;
}

/** The country most mentioned in the article (country, place and person mentions), or null. */
export function dominantCountry(doc: Doc): string | null {
  const n = new Map<string, number>();
  let best: string | null = null;
  let bestN = 0;
  for (const m of doc.mentions) {
    let a = m.actor;
    if (!a && m.kind === "place") a = doc.places[m.ref]?.country ?? null;
    if (!a || !isIso3(a)) continue;
    const k = (n.get(a) ?? 0) + 1;
    n.set(a, k);
    if (k > bestN) {
      bestN = k;
      best = a;
    }
  }
  return best;
}

function unitCountry(u: Unit): string | null {
  const a = u.side.actor ?? u.side.country ?? null;
  return a && isIso3(a) ? a : null;
}

/** words that may follow an agent noun used as a head: function words, auxiliaries, finite verbs */
const AFTER_HEAD = new Set(
  ("in of from on at to into with by against near for and or but who which that whose , . ; : ! ? ) ( \" ' ’ ” – — " +
    "have has had were was are is be been will would could can may might must should shall did do does also " +
    "then later reportedly allegedly apparently still now yesterday today had already never not n't " +
    "shot struck hit fought beat took held met began sent broke led threw drove gave made kept ran stormed " +
    "say said says told tell tells").split(" "),
);

function headEnds(next: string): boolean {
  if (AFTER_HEAD.has(next)) return true;
  if (!/^[a-z]/.test(next)) return true;
  // a finite verb: "attacked", "arrests", "opened"
  return /(?:ed|es|s)$/.test(next) && !/(?:ss|us|is)$/.test(next);
}

/** capitalised words before a plural demonym that do not name a region ("The Palestinians") */
const NOT_REGION = new Set("the a an these those some many most all both two three several thousands hundreds dozens young ethnic local".split(" "));

const POSS_RE = /^(?:'s|’s|'|’)$/;
const LINK = new Set(["in", "of", "from"]);

/**
 * Adds agent units to the units of one sentence (tokens [tokStart, tokEnd)) and gives unresolved
 * group units a country. Returns a new sorted array (the input is not changed when nothing is added).
 */
export function addAgentUnits(doc: Doc, words: readonly string[], ids: Int32Array, tokStart: number, tokEnd: number, units: Unit[], dominant: string | null): Unit[] {
  const L = agentLexicon();
  const toks = doc.tokens;
  const text = doc.text;
  let added: Unit[] | null = null;
  let ui = 0;
  const table = kindsById(wordKinds(L));
  table.fit();
  // the last agent word and its country: "Israeli helicopters and tanks" share the country
  let lastAgentTok = -1;
  let lastAgentCountry: string | null = null;
  for (let t = tokStart; t < tokEnd; t++) {
    const w = words[t]!;
    // one lookup instead of four: most words are none of the kinds
    const kind = table.get(ids[t]!, w);
    if (kind === undefined) continue;
    const { isState, name, dem } = kind;
    // "government forces", "rebel fighters": the last word is the head; "military operation",
    // "police station": a noun modifier, not an actor
    if (!name && t + 1 < tokEnd && (!headEnds(words[t + 1]!) || L.state.has(words[t + 1]!) || L.group.has(words[t + 1]!))) continue;
    const tk = toks[t]!;
    // inside an existing unit?
    while (ui < units.length && units[ui]!.end <= tk.start) ui++;
    if (ui < units.length && units[ui]!.start <= tk.start) continue;
    if (dem) {
      // a demonym the entities stage left out ("Senior Hungarian and Romanian officials"): the state
      if (!/^\p{Lu}/u.test(text.slice(tk.start, tk.start + 1))) continue;
      (added ??= []).push(newUnit(tk.start, tk.end, { person: null, actor: dem }, false, false, "agent-demonym"));
      continue;
    }
    if (name) {
      // "Palestinians", "Bosnia": capitalised in the text
      if (!/^\p{Lu}/u.test(text.slice(tk.start, tk.start + 1))) continue;
      if (L.shortNames.has(w)) {
        (added ??= []).push(newUnit(tk.start, tk.end, { person: null, actor: name }, false, false, "agent-short"));
        continue;
      }
      // "Crimean Turks", "Bosnian Serbs": a people named by region, not the state
      const prevTok = t > tokStart ? toks[t - 1]! : null;
      if (prevTok && /^\p{Lu}\p{Ll}+$/u.test(text.slice(prevTok.start, prevTok.end)) && prevTok.end + 1 >= tk.start && !NOT_REGION.has(words[t - 1]!)) {
        const dem = L.demonyms.get(words[t - 1]!);
        (added ??= []).push(newUnit(prevTok.start, tk.end, { person: null, actor: null, group: text.slice(prevTok.start, tk.end), country: dem ?? dominant ?? name }, false, false, "agent-name"));
        continue;
      }
      (added ??= []).push(newUnit(tk.start, tk.end, { person: null, actor: name }, false, false, "agent-name"));
      continue;
    }
    // the country word before: "Israeli troops", "Sudan's security forces", "Sudanese rebels"
    let country: string | null = null;
    let start = tk.start;
    let k = t - 1;
    while (k >= tokStart && (L.modifiers.has(words[k]!) || POSS_RE.test(words[k]!))) k--;
    if (k >= tokStart) {
      const prev = units[ui - 1];
      const kt = toks[k]!;
      if (prev && prev.end === kt.end && !prev.person && !prev.place) {
        country = unitCountry(prev);
        if (country && isState) {
          lastAgentTok = t;
          lastAgentCountry = country;
          continue; // "Israeli troops": the country unit is the side already
        }
        if (prev.side.group) continue; // "Hamas militants"
      } else if ((words[k] === "and" || words[k] === "or") && lastAgentTok === k - 1 && lastAgentCountry) {
        // "Israeli helicopters and tanks": the second agent is the first one's
        country = lastAgentCountry;
      } else {
        const dem = L.demonyms.get(words[k]!);
        if (dem) {
          country = dem;
          start = kt.start;
        }
      }
    }
    // "police in Cairo", "the government of Sudan"
    if (!country && t + 1 < tokEnd && LINK.has(words[t + 1]!)) {
      let j = t + 2;
      if (j < tokEnd && words[j] === "the") j++;
      const next = units.find((u) => u.start === toks[j]?.start);
      if (next && !next.person) country = unitCountry(next);
    }
    let inferred = false;
    if (country) {
      lastAgentTok = t;
      lastAgentCountry = country;
    } else {
      country = dominant;
      inferred = true;
    }
    // a lower-case agent word with a determiner or modifier before: "the army", "riot police", "rebels"
    const side: Side = isState
      ? { person: null, actor: country }
      : country
        ? { person: null, actor: null, group: text.slice(start, tk.end), country }
        : { person: null, actor: null, group: text.slice(start, tk.end) };
    (added ??= []).push(newUnit(start, tk.end, side, false, false, inferred ? "agent-inferred" : "agent"));
  }
  // group mentions of the entities stage with no country: "protesters", "Sudanese rebels"
  let out = units;
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (!u.side.group || u.side.actor || u.side.country) continue;
    let c = lexiconCountry(L, u.side.group);
    if (!c) {
      const a = tokAfter(doc, u.end);
      if (a >= 0 && a < tokEnd && LINK.has(words[a]!)) {
        const next = units[i + 1];
        if (next && !next.person && next.start - toks[a]!.end <= 5) c = unitCountry(next);
      }
    }
    c ??= dominant;
    if (!c) continue;
    if (out === units) out = units.slice();
    out[i] = newUnit(u.start, u.end, withCountry(u.side, c), u.person, u.place, u.via, u.possessive);
  }
  let all = added ? mergeByStart(out, added) : out;
  // "ethnic Albanians in Serbia": an ethnic group where it lives, not the state of its name
  for (let i = 0; i < all.length; i++) {
    const u = all[i]!;
    if (u.person || u.place || u.side.group || !u.side.actor) continue;
    // (a cheap look at the text first: the token before must be "ethnic")
    if (!ethnicBefore(text, Math.max(0, u.start - 40), u.start)) continue;
    const t = tokAfter(doc, u.start);
    if (t <= tokStart || t >= tokEnd || words[t - 1] !== "ethnic" || toks[t]!.end !== u.end || !L.names.has(words[t]!) || L.shortNames.has(words[t]!)) continue;
    const own = u.side.actor;
    const where = all.find((x) => x !== u && !x.person && !x.side.group && unitCountry(x) && unitCountry(x) !== own);
    const country = (where && unitCountry(where)) ?? (dominant && dominant !== own ? dominant : own);
    if (all === units) all = units.slice();
    all[i] = newUnit(toks[t - 1]!.start, u.end, { person: null, actor: null, group: text.slice(toks[t - 1]!.start, u.end), country }, u.person, u.place, "agent-name", u.possessive);
  }
  return all;
}

/**
 * { ...s, country }, as one object literal (a spread copy is slow and makes a side of its own shape): the
 * fields a side can have, in the order a spread would give them, the absent ones left out.
 */
export function withCountry(s: Side, country: string): Side {
  if (s.country !== undefined) return { ...s, country };
  if (s.group !== undefined) return { person: s.person, actor: s.actor, group: s.group, country };
  return { person: s.person, actor: s.actor, country };
}

/** lexiconCountry answers by group name (a few names recur in every sentence of an article), emptied when it grows */
const groupMemo = new Map<string, string | null>();

/** The country of a group by its name alone: the lexicon's ("Hamas"), else its first word's demonym ("Sudanese rebels"). */
function lexiconCountry(L: Lex, group: string): string | null {
  let c = groupMemo.get(group);
  if (c === undefined) {
    const first = /^[\p{L}'’-]+/u.exec(group)?.[0]?.toLowerCase();
    c = L.groupCountries.get(group.toLowerCase().replace(/^the /, "")) ?? (first ? L.demonyms.get(first) ?? null : null);
    if (groupMemo.size >= 4096) groupMemo.clear();
    groupMemo.set(group, c);
  }
  return c;
}

/** Is `us` in order of start? */
function sortedByStart(us: readonly Unit[]): boolean {
  for (let i = 1; i < us.length; i++) if (us[i]!.start < us[i - 1]!.start) return false;
  return true;
}

/**
 * a.concat(b).sort((x, y) => x.start - y.start): when both are in order already (as the sentence's
 * units and the agents found left to right are), a merge (a stable sort keeps a's units before b's
 * at the same start), without the comparator calls of a sort.
 */
export function mergeByStart(a: readonly Unit[], b: readonly Unit[]): Unit[] {
  if (!sortedByStart(a) || !sortedByStart(b)) return a.concat(b).sort((x, y) => x.start - y.start);
  const out: Unit[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(b[j]!.start < a[i]!.start ? b[j++]! : a[i++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

function tokAfter(doc: Doc, pos: number): number {
  const toks = doc.tokens;
  let lo = 0;
  let hi = toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (toks[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo < toks.length ? lo : -1;
}
