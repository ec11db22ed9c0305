/**
 * Canonical forms the scorer compares: roles, organisation / attribution names, country names.
 * Everything here is general (country data from the world-countries package, a short table of
 * well-known international bodies, English title syntax); nothing is specific to one article.
 */
import { createRequire } from "node:module";
import { foldName } from "../text/fold.js";

interface WorldCountry {
  cca3: string;
  name: { common: string; official: string };
  altSpellings?: string[];
  demonyms?: Record<string, { f: string; m: string }>;
  capital?: string[];
}

const require = createRequire(import.meta.url);
const COUNTRIES = require("world-countries") as WorldCountry[];

/** Well-known international bodies: code → folded names (general knowledge, not from the corpus). */
const IGOS: Record<string, string[]> = {
  UN: ["un", "united nations", "uno"],
  UNHCR: ["unhcr", "un refugee agency", "un high commissioner for refugees", "office of the un high commissioner for refugees", "un refugee office", "un refugee chief"],
  OHCHR: ["ohchr", "un human rights office", "office of the un high commissioner for human rights", "un human rights office", "un human rights monitoring mission", "un office of the high commissioner for human rights", "un high commissioner for human rights", "un human rights chief", "un rights office"],
  UNICEF: ["unicef", "un childrens fund", "united nations childrens fund", "un children agency", "un childrens agency"],
  WFP: ["wfp", "world food programme", "world food program", "un food agency"],
  WHO: ["who", "world health organization", "world health organisation"],
  IOM: ["iom", "international organization for migration", "un migration agency"],
  OCHA: ["ocha", "un office for the coordination of humanitarian affairs", "un humanitarian office", "un humanitarian affairs office"],
  ICRC: ["icrc", "international committee of the red cross", "red cross"],
  IAEA: ["iaea", "international atomic energy agency", "un nuclear watchdog"],
  NATO: ["nato", "north atlantic treaty organization", "north atlantic treaty organisation", "north atlantic alliance"],
  EU: ["eu", "european union"],
  OSCE: ["osce", "organization for security and co operation in europe", "organization for security and cooperation in europe", "organisation for security and co operation in europe"],
  AU: ["au", "african union"],
  ECOWAS: ["ecowas", "economic community of west african states"],
  ASEAN: ["asean", "association of southeast asian nations"],
  ICC: ["icc", "international criminal court"],
  ICJ: ["icj", "international court of justice"],
  IMF: ["imf", "international monetary fund"],
  WB: ["world bank"],
  AL: ["arab league", "league of arab states"],
  OIC: ["oic", "organisation of islamic cooperation", "organization of islamic cooperation"],
  GCC: ["gcc", "gulf cooperation council"],
};

/** folded country name / alt spelling / demonym → ISO3 */
const COUNTRY_BY_NAME = new Map<string, string>();
/** folded words that may open a role as a nationality ("turkish", "us", "un") */
const NATIONALITY = new Set<string>();
/** folded names that may close a role ("of turkey", "of the osce") */
const BODY_NAMES = new Set<string>();

for (const c of COUNTRIES) {
  const names = [c.name.common, c.name.official, ...(c.altSpellings ?? []).filter((s) => s.length > 3)];
  for (const n of names) {
    const f = foldName(n);
    if (!f) continue;
    if (!COUNTRY_BY_NAME.has(f)) COUNTRY_BY_NAME.set(f, c.cca3);
    BODY_NAMES.add(f);
    NATIONALITY.add(f);
    NATIONALITY.add(`${f}s`); // folded possessive: "Turkey's" → "turkeys"
  }
  const dem = c.demonyms?.eng;
  if (dem) {
    for (const d of [dem.m, dem.f]) {
      const f = foldName(d);
      if (!f) continue;
      NATIONALITY.add(f);
      if (!COUNTRY_BY_NAME.has(f)) COUNTRY_BY_NAME.set(f, c.cca3);
    }
  }
}
// Common English short forms the data package spells differently.
for (const [n, code] of [
  ["turkey", "TUR"], ["us", "USA"], ["usa", "USA"], ["united states", "USA"], ["america", "USA"], ["uk", "GBR"],
  ["britain", "GBR"], ["great britain", "GBR"], ["british", "GBR"], ["russia", "RUS"], ["iran", "IRN"], ["syria", "SYR"],
  ["south korea", "KOR"], ["north korea", "PRK"], ["ivory coast", "CIV"], ["czech republic", "CZE"],
] as const) {
  COUNTRY_BY_NAME.set(n, code);
  BODY_NAMES.add(n);
  NATIONALITY.add(n);
  NATIONALITY.add(`${n}s`);
}
const IGO_BY_NAME = new Map<string, string>();
for (const [code, names] of Object.entries(IGOS)) {
  for (const n of names) {
    IGO_BY_NAME.set(n, code);
    BODY_NAMES.add(n);
    NATIONALITY.add(n);
  }
}
for (const n of ["the", "kremlin", "white house", "state"]) NATIONALITY.delete(n);

/** ISO3 code for a country name, alt spelling or demonym ("Türkiye", "Turkish", "U.S."), else null. */
export function countryCode(name: string): string | null {
  const f = foldName(name).replace(/^the /, "");
  return COUNTRY_BY_NAME.get(f) ?? COUNTRY_BY_NAME.get(f.replace(/s$/, "")) ?? null;
}

/** Code of a well-known international body from its name or acronym ("U.N. Refugee Agency" → UNHCR), else null. */
export function igoCode(name: string): string | null {
  const f = canonOrgName(name);
  return IGO_BY_NAME.get(f) ?? null;
}

/** Folded organisation name: "the" dropped, "united nations" → "un". */
export function canonOrgName(s: string): string {
  return foldName(s)
    .replace(/^the /, "")
    .replace(/\bunited nations\b/g, "un")
    .replace(/\bun s\b/g, "un")
    .replace(/\s+/g, " ")
    .trim();
}

const ACRONYM_STOP = new Set(["of", "the", "for", "and", "on", "in", "de", "la", "des", "du"]);
/** Initials of the content words: "united nations high commissioner for refugees" → "unhcr". */
export function acronym(folded: string): string {
  return folded
    .split(" ")
    .filter((w) => w && !ACRONYM_STOP.has(w))
    .map((w) => (w.length <= 3 && w === w.toLowerCase() && /^(un|eu|us|uk)$/.test(w) ? w : w[0]))
    .join("");
}

/**
 * Canonical role, so that the same office written differently compares equal:
 *  1. fold (case, diacritics, punctuation; "Secretary-General" → "secretary general");
 *  2. spelling: defence → defense, spokesman/spokeswoman → spokesperson, "minister for" → "minister of";
 *  3. drop a trailing "of/to (the) <country or international body>" ("President of Ukraine" → "president");
 *  4. drop leading nationality words: country names, possessives, demonyms, body codes ("Turkish", "UN");
 *  5. "[deputy] minister of X" → "[deputy] X minister"; "national defense" → "defense";
 *     "<X> affairs minister" → "<X> minister".
 *  So "Minister of Foreign Affairs" = "Foreign Minister", "Minister of National Defense" =
 *  "Minister of Defense" = "Defense Minister" = "Turkish Defence Minister".
 */
export function canonRole(role: string | null | undefined): string | null {
  if (role == null) return null;
  let f = foldName(role)
    .replace(/\bdefence\b/g, "defense")
    .replace(/\bspokes(?:man|woman)\b/g, "spokesperson")
    .replace(/\bminister for\b/g, "minister of")
    .replace(/\bprime minister\b/g, "premier");
  // 3. trailing "of/to <body>"
  for (;;) {
    const m = /^(.*\S) (?:of|to|for) (?:the )?(.+)$/.exec(f);
    if (!m || !BODY_NAMES.has(m[2]!)) break;
    f = m[1]!;
  }
  // 4. leading nationality / body words (up to three words long: "united states", "un")
  for (;;) {
    const words = f.split(" ");
    let cut = 0;
    for (let k = Math.min(3, words.length - 1); k >= 1; k--) {
      if (NATIONALITY.has(words.slice(0, k).join(" "))) {
        cut = k;
        break;
      }
    }
    if (!cut) break;
    f = words.slice(cut).join(" ");
  }
  // 5. word order and synonyms of offices
  f = f
    .replace(/^(.*?)\bminister of (?:the )?(.+)$/, "$1$2 minister")
    .replace(/\bnational defense\b/g, "defense")
    .replace(/\b(\w+) affairs minister\b/g, "$1 minister")
    .replace(/\bpremier\b/g, "prime minister")
    .replace(/\s+/g, " ")
    .trim();
  return f;
}
