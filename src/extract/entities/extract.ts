/**
 * The entity stage's rules, within one article:
 *  1. scan: lexicon hits and capitalised runs (scan.ts);
 *  2. runs → organisations (run ends in an organisation noun), persons (run ends in name-like
 *     words: the part before is a title chain), places (gazetteer), the rest is left alone;
 *  3. each person mention reads its title from the words before it (role words, demonyms,
 *     possessives, bodies, seats), an apposition after it (", the secretary-general of the OSCE"),
 *     an apposition before it ("the Netherlands' Foreign Minister, Wopke Hoekstra"), and
 *     "counterpart" phrases, whose role is the referent's office for the other country (inferred);
 *  4. surname-only mentions join the full name with the same surname key; single words become
 *     persons only after a title or honorific;
 *  5. descriptions ("the top diplomat", "the Turkish president") and pronouns resolve to a person
 *     when exactly one person fits.
 */
import type { Doc, EntityMention, OrgEntity, PersonEntity, PlaceEntity, Span, Token, Valued } from "../../core/types.js";
import { isAllCaps, isCapitalised, nameKey } from "../../text/names.js";
import { type Lexicon, lexicon } from "./lexicon.js";
import { type LexHit, nameLike, type Scan, scan, W_ADMIN_HEAD, W_ALL_CAPS, W_CAP, W_FEATURE_HEAD, W_GAZ, W_GAZ_HEAD, W_HONORIFIC, W_MONTH_DAY, W_NON_NAME, W_ORG_HEAD, W_PARTICLE, W_ROLE_HEAD, W_ROLE_MOD, W_WORD } from "./scan.js";

const DETS = new Set(["the", "a", "an", "his", "her", "its", "their", "our", "my"]);
const DROP_MODS = new Set(["top", "senior", "leading", "powerful", "veteran", "longtime", "long-time", "new", "newly", "current"]);
const LOCATIVE = new Set(["in", "at", "near", "outside", "around", "inside", "into"]);
const STOP_APPOS = new Set(["said", "says", "told", "who", "which", "that", "has", "had", "have", "was", "is", "were", "will", "would", "on", "in", "at", "during", "after", "before", "when", "while", "as", "with"]);
const ROMAN = /^(?:II|III|IV|VI|VII|VIII|Jr|Sr)$/;
/** "U.S.", "U.N.": initials with their dots. Module-level: a /\p{…}/u literal in a loop is rebuilt by the TS loader on every evaluation. */
const INITIALS_RE = /^(?:\p{Lu}\.)+$/u;
const PERSON_RULE: Record<string, string> = { name: "person.name", surname: "person.surname", title: "person.title", "given-name": "person.given-name" };
const COUNTRY_RULE: Record<string, string> = { name: "country.name", demonym: "country.demonym", capital: "country.capital", seat: "country.seat" };
const MODIFIED_NOUNS = new Set(["missiles", "missile", "rockets", "drones", "tanks", "jets", "systems", "aircraft", "vehicles", "launchers", "analysts", "shares", "stock", "employees", "executives", "staff", "workers", "officials", "forces", "troops", "fighters", "soldiers", "players", "fans", "customers", "clients", "investors", "bonds", "stores", "plant", "factory", "headquarters", "airport", "stadium", "university", "hospital", "brand", "products", "group", "company", "bank", "fund"]);
const WEAK = new Set(["between", "and", "in", "into", "to", "from", "across", "of", "on", "against", "over", "inside", "within", "toward", "towards", "through", "for", "with", "near", "invaded", "invade", "invading", "attack", "attacked"]);
const BYLINE_VERBS = new Set(["reporting", "writing", "editing", "edited", "written", "compiled"]);
let CONSUMED = new Uint8Array(4096);
/** Memos of pure functions of a role text (the lexicon never changes after it is built). */
const ROLE_NORM = new Map<string, string>();
const ROLE_FN = new Map<string, string>();
const PERSON_PREV = new Set(["said", "says", "told", "by", "with", "and", "between", "from", "to", "of", "for", "as", "counterpart", "that", "when", "while", "after", "before", "leader", "president", "minister"]);
const GROUP_HEADS = new Set(["Party", "Front", "Movement", "Militia", "Militias", "Brigades", "Rebels", "Insurgents", "Resistance", "Taliban"]);
const STORMS = new Set(["Hurricane", "Typhoon", "Cyclone", "Storm"]);
const PLACE_PREP = new Set(["in", "near", "outside", "inside", "across", "around", "into"]);
const SAID = new Set(["said", "says", "told", "stated", "stressed", "added", "noted", "underlined", "emphasized", "emphasised", "reiterated", "announced", "declared", "insisted"]);
/** Political and career adjectives that stand inside a title but are not part of it ("former far-right president"). */
const SKIP_ADJ = new Set(["far-right", "far-left", "right-wing", "left-wing", "hardline", "hard-line", "populist", "embattled", "ousted", "outgoing", "incumbent", "exiled", "jailed", "beleaguered", "centrist", "conservative", "liberal", "socialist", "nationalist", "reformist", "moderate", "then",
  // standing and tenure: "Nigeria's new president", "the Nigerian junior foreign minister", "Iran's religious leader"
  "new", "newly", "junior", "elected", "appointed", "newly-elected", "newly-appointed", "re-elected", "incoming", "caretaker", "longtime", "long-time", "veteran",
  "current", "sitting", "deposed", "toppled", "late", "ailing", "powerful", "influential", "religious", "spiritual", "self-proclaimed", "self-styled"]);
/** Nouns that, as possessors ("the country's"), stand for the state the article is about. */
const STATE_NOUNS = new Set(["country", "nation", "state", "kingdom", "republic", "island", "government"]);
/** Nouns whose country modifier acts on others ("a US drone strike"): weak evidence of a person's own side. */
const ACTION_NOUNS = new Set(["strike", "strikes", "airstrike", "airstrikes", "air", "drone", "drones", "raid", "raids", "bombing", "bombings", "attack", "attacks", "missile", "missiles", "sanctions", "invasion", "offensive", "shelling", "troops", "forces", "military"]);
/** Verbs and nouns after which "as <title>" gives the person's office ("resigned as president"). */
const AS_ROLE_VERBS = new Set(["resigned", "resigns", "resign", "resignation", "quit", "quits", "stepped", "steps", "sworn", "elected", "re-elected", "reelected", "appointed", "reappointed", "named", "installed", "served", "serves", "serving", "confirmed", "inaugurated", "remains", "remained", "succeeded", "replaced", "ousted", "removed", "dismissed", "sacked", "fired"]);
/** Who meet as two sides: "Turkish and US officials", "Russian and Ukrainian negotiators". */
const SIDE_NOUNS = new Set(["officials", "leaders", "ministers", "diplomats", "negotiators", "delegations", "delegates", "envoys", "counterparts", "presidents", "authorities", "governments"]);
/** Nouns a country name modifies as a topic ("the Iran deal", "the Korea talks"): weak evidence of a person's side. */
const TOPIC_NOUNS = new Set(["deal", "nuclear", "agreement", "accord", "crisis", "war", "conflict", "issue", "talks", "policy", "question", "file", "program", "programme"]);
const ARTICLE_PREFIX_RE = /^(?:al|el|ad|ar|as|ash|az|an) (\S{3,})$/;
const BYLINE_RE = /\b(Reporting|Writing|Editing|Additional reporting|Compiled|Edited|Written) by ((?:(?!(?:Reporting|Writing|Editing|Additional)\b)\p{Lu}[\p{L}'’-]+ ?){2,3})/gu;


interface RoleCand {
  role: string | null;
  roleSpan: Span | null;
  country: string | null;
  countrySpan: Span | null;
  rule: string;
  counterpartOf?: number; // token index of the mention the counterpart refers to
  possessorPerson?: number; // token index of a person possessor ("Erdoğan's chief adviser")
  /** acts for a non-state group: no country */
  group?: boolean;
}

interface Person {
  forms: Map<string, string>; // key → text
  seen: Set<string>; // every surface form met in the text
  name: string;
  nTok: number;
  surnameKey: string;
  firstKey: string;
  cands: RoleCand[];
  mentions: Span[];
  mentionTok: number[];
}

/** Order of mention kinds at the same span: person > org > group > country > place. */
function kindPrio(k: EntityMention["kind"]): number {
  return k === "person" ? 0 : k === "org" ? 1 : k === "group" ? 2 : k === "country" ? 3 : k === "place" ? 4 : NaN;
}

/** Span of tokens [s, e). */
function spanOf(tokens: readonly Token[], s: number, e: number): Span {
  return { start: tokens[s]!.start, end: tokens[e - 1]!.end };
}
function sentOf(tokens: readonly Token[], k: number): number {
  return tokens[k]!.sent;
}

interface Resolved {
  role: Valued<string> | null;
  country: Valued<string> | null;
}

/**
 * One article's state, shared by the rule functions below. The rules are module-level functions
 * taking this context rather than closures inside extractEntities: closures would be rebuilt (and,
 * under the TS loader's keep-names transform, renamed) for every article.
 */
interface Ctx {
  doc: Doc;
  L: Lexicon;
  sc: Scan;
  tokens: Token[];
  text: string;
  w: string[];
  lw: string[];
  /** the W_* bits of each token (Scan.cls) */
  cls: Int32Array;
  hitAt: Array<LexHit | undefined>;
  n: number;
  /** tokens used as evidence inside a title chain or org name */
  consumed: Uint8Array;
  mentions: EntityMention[];
  orgs: OrgEntity[];
  orgByKey: Map<string, number>;
  places: PlaceEntity[];
  placeByKey: Map<string, number>;
  /** how often each word occurs inside capitalised runs (built on first need) */
  runWords: Map<string, number> | null;
  persons: Person[];
  /** by token: 1 + the index of the person whose mention starts there (0: none), and that mention's end
   * (typed arrays of n + 1, so that the rules may look one token past the text) */
  personAt: Int32Array;
  mentionEnd: Int32Array;
  /** first tokens of the person mentions, in the order they were found */
  mentionOrder: number[];
  /** first tokens of the person mentions, in text order (set once the mentions are grouped) */
  mentionStarts: number[];
  /** role and country of each person (set once the candidates are resolved) */
  resolved: Resolved[];
}

/** A capitalised run taken for a person's name, before the names are grouped into persons. */
interface Draft {
  s: number;
  e: number;
  confirmed: boolean;
  titled: boolean;
  headline: boolean;
}

/** The persons by the keys of their full names and of their surnames. */
interface NameIndex {
  fullKeyIndex: Map<string, number>;
  surnameIndex: Map<string, number[]>;
}

/** Descriptions of persons not named in the article ("Ukraine's president"), and their office functions by start. */
interface Unnamed {
  unnamed: Array<{ k: number; phrase: string; country: string; span: Span; mention: EntityMention; poss: boolean }>;
  unnamedFunction: Map<number, string>;
}

/** One mention object, always built with the same shape (fast property access in later stages). */
function mk(span: Span, kind: EntityMention["kind"], ref: number, actor: string | null, via: string, rule: string): EntityMention {
  return { start: span.start, end: span.end, kind, ref, actor, via, rule };
}

export function extractEntities(doc: Doc): void {
  const cx = context(doc);
  const { drafts, placeRuns } = personCandidates(cx);
  const names = groupPersons(cx, drafts);
  mentionRoles(cx);
  bylines(cx, names.fullKeyIndex);
  resolveRoles(cx);
  const unnamed = descriptions(cx);
  counterparts(cx);
  countryFallback(cx, unnamed);
  ministerOfMinistry(cx);
  pronouns(cx);
  lexiconMentions(cx);
  placesAfterPrepositions(cx, placeRuns, names);
  runPlaces(cx);
  groupNounMentions(cx);
  output(cx);
}

/** The context of one article: its scan and empty entity lists. */
function context(doc: Doc): Ctx {
  const L = lexicon();
  const sc = scan(doc, L);
  const { tokens, text } = doc;
  const { w, lw, cls, hitAt } = sc;
  const n = tokens.length;

  // tokens used as evidence inside a title chain or org name (one buffer reused across articles)
  if (CONSUMED.length < n) CONSUMED = new Uint8Array(n * 2);
  const consumed = CONSUMED;
  consumed.fill(0, 0, n);
  const mentions: EntityMention[] = [];
  const orgs: OrgEntity[] = [];
  const orgByKey = new Map<string, number>();
  const places: PlaceEntity[] = [];
  const placeByKey = new Map<string, number>();
  const persons: Person[] = [];
  const mentionEnd = new Int32Array(n + 1);
  const mentionOrder: number[] = [];
  const cx: Ctx = { doc, L, sc, tokens, text, w, lw, cls, hitAt, n, consumed, mentions, orgs, orgByKey, places, placeByKey, runWords: null, persons, personAt: new Int32Array(n + 1), mentionEnd, mentionOrder, mentionStarts: [], resolved: [] };
  return cx;
}

/** Persons, step 1: each capitalised run is an organisation, a name draft (its title chain and sentence openers dropped), a place after a preposition, or nothing. */
function personCandidates(cx: Ctx): { drafts: Draft[]; placeRuns: Array<[number, number]> } {
  const { doc, L, sc, tokens, text, w, lw, cls, hitAt, consumed } = cx;
  const placeRuns: Array<[number, number]> = [];
  const drafts: Draft[] = [];
  for (const run of sc.runs) {
    const { s, e } = run;
    // organisation: the run's last word is an organisation noun (or the run contains one followed by of/for …)
    let orgEnd = -1;
    for (let k = s; k < e; k++) if (cls[k]! & W_ORG_HEAD && !hitAt[k]) orgEnd = k;
    if (orgEnd >= 0 && (orgEnd === e - 1 || /^(?:of|for|and)$/.test(w[orgEnd + 1] ?? ""))) {
      addOrgRun(cx, s, e);
      continue;
    }
    if (sc.headline[sentOf(tokens, s)]) {
      drafts.push({ s, e, confirmed: false, titled: false, headline: true });
      continue;
    }
    // name suffix (after dropping trailing weekdays/months: "Vladimir Putin Sunday")
    let e2 = e;
    while (e2 > s + 1 && ((cls[e2 - 1]! & W_MONTH_DAY && !nameLike(sc, e2 - 1)) || (cls[e2 - 1]! & (W_NON_NAME | W_ORG_HEAD | W_ROLE_HEAD)) === W_NON_NAME)) e2--;
    let ns = e2;
    while (ns > s && nameLike(sc, ns - 1)) ns--;
    while (ns < e2 && (cls[ns]! & W_PARTICLE || w[ns] === ".")) ns++; // no particle/dot first
    let ne = e2;
    while (ne > ns && (cls[ne - 1]! & W_PARTICLE || w[ne - 1] === ".")) ne--;
    if (ne <= ns) continue;
    // a known place glued before a two-word name: "São Paulo Fernando Haddad" → the place stays out of the name
    // (a city of a million or more, so that given names that are also small towns, "Kamal", "Abu", stay)
    let placeOfTitle = false; // "the former mayor of São Paulo Fernando Haddad"
    const multiPlace = gazetteerMayStart(cx, ns);
    for (let p = ns + 1; p <= ns + 3 && p <= ne - 2; p++) {
      // one word: its gazetteer bit first (as runPlaces does; most words are no place)
      const g = p === ns + 1 ? (cls[ns]! & W_GAZ ? L.gazetteer.get(w[ns]!) : undefined) : multiPlace ? L.gazetteer.get(text.slice(tokens[ns]!.start, tokens[p - 1]!.end)) : undefined;
      if (!g || g[3] < 1_000_000) continue;
      const ofTitle = ns > 1 && lw[ns - 1] === "of" && hasTitleBefore(cx, ns - 1);
      if (ofTitle || !hasTitleBefore(cx, ns)) {
        placeOfTitle = ofTitle;
        ns = p;
      }
      break;
    }
    // a run that is a known place or feature ("Black Sea" is a lexicon hit; "Bursa" is in the gazetteer)
    const nameToks = countNameTokens(cx, ns, ne);
    const sentStart = ns === doc.sentences[sentOf(tokens, ns)]!.tokStart;
    const titled = placeOfTitle || hasTitleBefore(cx, ns);
    const isHeadline = sc.headline[sentOf(tokens, ns)] === 1;
    if (nameToks === 0) continue; // initials alone
    if (nameToks === 1 && !titled) {
      drafts.push({ s: ns, e: ne, confirmed: false, titled, headline: isHeadline });
      continue;
    }
    if (nameToks >= 2 && !titled && ((gazetteerMayStart(cx, ns) && L.gazetteer.has(text.slice(tokens[ns]!.start, tokens[ne - 1]!.end))) || isFeature(cx, ne))) continue;
    if (!titled && ns === s && s > 0 && PLACE_PREP.has(lw[s - 1]!) && sentOf(tokens, s - 1) === sentOf(tokens, s) && w[ne] !== "'s" && w[ne] !== "’s") {
      placeRuns.push([ns, ne]);
      continue;
    }
    if (nameToks >= 2 && sentStart && !titled && cls[ns]! & W_NON_NAME) continue;
    // a sentence opener glued to a name: "Thanking Erdoğan", "Addressing Kuleba"
    if (nameToks >= 2 && sentStart && !titled && /(?:ing|ly)$/.test(w[ns]!) && w[ns]!.length > 5) {
      drafts.push({ s: ns + 1, e: ne, confirmed: ne - ns > 2, titled: false, headline: isHeadline });
      continue;
    }
    // a name used as a modifier of a plural noun is a company or body: "Goldman Sachs analysts"
    if (nameToks >= 2 && !titled && MODIFIED_NOUNS.has(lw[ne] ?? "")) continue;
    // an untitled name needs some sign of a person: a speech verb, an apposition, a possessive or demonym
    // before it, a linking word before it, or its surname again elsewhere ("citing Novaya Gazeta" has none)
    if (!titled && !isHeadline && !personEvidence(cx, ns, ne)) {
      if (nameToks >= 2) for (let x = ns; x < ne; x++) consumed[x] = 1; // neither a person nor a place ("Taylor Swift donated")
      continue;
    }
    drafts.push({ s: ns, e: ne, confirmed: !isHeadline, titled, headline: isHeadline });
  }
  return { drafts, placeRuns };
}

/** Persons, step 2: drafts grouped into persons (full names first, then surnames, given names, titled single words). */
// The person look-ups of groupPersons are functions, not closures in its loops: a closure reading a
// loop's variables (the parts of a draft's name) has them kept in a context allocated per iteration.

/** The first person the name `parts` (two words or more) can be: the same surname key, and a compatible first name. */
function sameNameIndex(persons: Person[], parts: string[]): number {
  const surnameKey = parts[parts.length - 1]!;
  const firstKey = parts[0]!;
  for (let i = 0; i < persons.length; i++) {
    const p = persons[i]!;
    if (p.surnameKey === surnameKey && (parts.length === 1 || p.nTok === 1 || p.firstKey === firstKey || p.firstKey[0] === firstKey[0] || sameTail(p, parts))) return i;
  }
  return -1;
}

/** The first person from `from` on with a name of several words whose first name key is `key`; -1 if none. */
function byFirstName(persons: Person[], key: string, from: number): number {
  for (let i = from; i < persons.length; i++) if (persons[i]!.nTok > 1 && persons[i]!.firstKey === key) return i;
  return -1;
}

/** The one person with a name of several words whose first name key is `key`; -1 if none or several. */
function onlyByFirstName(persons: Person[], key: string): number {
  const i = byFirstName(persons, key, 0);
  return i >= 0 && byFirstName(persons, key, i + 1) < 0 ? i : -1;
}

/** The first person with a name of three words or more that has `word` inside ("Lula" in "Luiz Inácio Lula da Silva"). */
function byInnerName(persons: Person[], word: string): number {
  return persons.findIndex((p) => p.nTok > 2 && [...p.forms.keys()].some((f) => f.split(" ").slice(1, -1).includes(word)));
}

function groupPersons(cx: Ctx, drafts: Draft[]): NameIndex {
  const { tokens, text, w, cls, n, persons } = cx;
  const fullKeyIndex = new Map<string, number>();
  // the name key of each draft, as parts and joined, once (a pure function of the draft's words)
  const keys: string[][] = [];
  const joinedKeys: string[] = [];
  for (const d of drafts) {
    const parts = keyOf(cx, d.s, d.e);
    keys.push(parts);
    joinedKeys.push(parts.join(" "));
  }

  // confirmed multi-word names first, in text order
  for (let di = 0; di < drafts.length; di++) {
    const d = drafts[di]!;
    if (!d.confirmed) continue;
    const parts = keys[di]!;
    if (parts.length < 2) continue;
    const surnameKey = parts[parts.length - 1]!;
    const firstKey = parts[0]!;
    const t = text.slice(tokens[d.s]!.start, tokens[d.e - 1]!.end);
    const joined = joinedKeys[di]!;
    let pi = fullKeyIndex.get(joined);
    if (pi === undefined) {
      pi = sameNameIndex(persons, parts);
      if (pi < 0) {
        pi = persons.length;
        persons.push({ forms: new Map(), name: t, nTok: parts.length, surnameKey, firstKey, cands: [], mentions: [], mentionTok: [], seen: new Set() });
      }
      fullKeyIndex.set(joined, pi);
    }
    const p = persons[pi]!;
    if (parts.length > p.nTok) {
      p.name = t;
      p.nTok = parts.length;
      p.firstKey = firstKey;
    }
    p.forms.set(joined, t);
    addPersonMention(cx, pi, d.s, d.e, parts.length === 1 ? "title" : "name");
  }
  // single words and headline words: surname (or full-name) mentions of known persons; titled single words are new persons
  const surnameIndex = new Map<string, number[]>();
  persons.forEach((p, i) => {
    const list = surnameIndex.get(p.surnameKey) ?? [];
    list.push(i);
    surnameIndex.set(p.surnameKey, list);
    // "Omar al-Bashir" … "Mr Bashir": the surname without its article particle
    const bare = ARTICLE_PREFIX_RE.exec(p.surnameKey);
    if (bare) {
      const l2 = surnameIndex.get(bare[1]!) ?? [];
      if (!l2.includes(i)) l2.push(i);
      surnameIndex.set(bare[1]!, l2);
    }
  });
  for (let di = 0; di < drafts.length; di++) {
    const d = drafts[di]!;
    if (d.confirmed && keys[di]!.length > 1) continue;
    const full = fullKeyIndex.get(joinedKeys[di]!);
    if (full !== undefined) {
      addPersonMention(cx, full, d.s, d.e, "name");
      continue;
    }
    // a run of several names in a headline ("Putin Erdogan"): try each word
    for (let k = d.s; k < d.e; k++) {
      if ((cls[k]! & (W_WORD | W_PARTICLE)) !== W_WORD) continue;
      const key = nameKey(w[k]!);
      const list = surnameIndex.get(key);
      if (list && list.length >= 1) {
        const pi = list.length === 1 ? list[0]! : nearestPerson(cx, list, k);
        const p = persons[pi]!;
        const surnameText = w[k]!;
        if (!p.forms.has(key)) p.forms.set(key, surnameText);
        addPersonMention(cx, pi, k, k + 1, "surname");
      } else if (d.e - d.s === 1 && !(cls[k]! & W_NON_NAME)) {
        // family name first ("Xi Jinping" … "Xi said"), or a given name used alone: one person only
        const byFirst = onlyByFirstName(persons, key);
        if (byFirst >= 0) addPersonMention(cx, byFirst, k, k + 1, "given-name");
      }
    }
  }
  // titled single words that matched nobody: new persons ("President Putin" alone)
  for (let di = 0; di < drafts.length; di++) {
    const d = drafts[di]!;
    if (!d.titled || d.headline) continue;
    if (isMentionStart(cx, d.s)) continue;
    const parts = keys[di]!;
    if (parts.length !== 1) continue;
    const t = w[d.s]!;
    // a place name after "mayor of" is a place; directly after a personal title ("President Bush", "Gen. Paris") a person
    if (cls[d.s]! & W_GAZ && !directTitle(cx, d.s)) continue;
    // "Foreign Minister Sergey #Lavrov": a given name of a known person
    let byFirst = byFirstName(persons, parts[0]!, 0);
    // "Dmitry #Kuleba": a hashtagged surname after the given name
    if (byFirst < 0 && (w[d.e] === "#" || w[d.e] === "@") && d.e + 1 < n) {
      const list = surnameIndex.get(nameKey(w[d.e + 1]!));
      if (list && list.length === 1) {
        byFirst = list[0]!;
        const p = persons[byFirst]!;
        const form = `${t} ${w[d.e + 1]}`;
        const fk = `${parts[0]} ${p.surnameKey}`;
        if (!p.forms.has(fk)) p.forms.set(fk, form);
        addPersonMention(cx, byFirst, d.e + 1, d.e + 2, "surname");
      }
    }
    if (byFirst >= 0) {
      addPersonMention(cx, byFirst, d.s, d.e, "given-name");
      continue;
    }
    // "president Lula" after "Luiz Inácio Lula da Silva": an inner part of a known longer name
    const byInner = byInnerName(persons, parts[0]!);
    if (byInner >= 0) {
      addPersonMention(cx, byInner, d.s, d.e, "surname");
      continue;
    }
    const pi = persons.length;
    persons.push({ forms: new Map([[parts[0]!, t]]), name: t, nTok: 1, surnameKey: parts[0]!, firstKey: parts[0]!, cands: [], mentions: [], mentionTok: [], seen: new Set() });
    surnameIndex.set(parts[0]!, [pi]);
    addPersonMention(cx, pi, d.s, d.e, "title");
    // later untitled mentions of the same word
    for (const d2 of drafts) if (d2 !== d && d2.e - d2.s === 1 && nameKey(w[d2.s]!) === parts[0] && !isMentionStart(cx, d2.s)) addPersonMention(cx, pi, d2.s, d2.e, "surname");
  }
  return { fullKeyIndex, surnameIndex };
}

/** Role and country candidates of each person mention, from the words around it. */
function mentionRoles(cx: Ctx): void {
  const { tokens, text, w, n, persons, mentionEnd } = cx;
  const mentionStarts: number[] = [];
  for (let k = 0; k < n; k++) if (isMentionStart(cx, k)) mentionStarts.push(k);
  cx.mentionStarts = mentionStarts;
  for (const s of mentionStarts) {
    const pi = personAtTok(cx, s)!;
    const e = mentionEnd[s]!;
    const p = persons[pi]!;
    const before = titleBefore(cx, s);
    if (before) p.cands.push(before);
    const after = appositionAfter(cx, e, s);
    if (after) p.cands.push(after);
    const pre = appositionBefore(cx, s);
    if (pre) p.cands.push(pre);
    const ofC = ofCountryAfter(cx, e);
    if (ofC) p.cands.push(ofC);
    const asR = asRoleAfter(cx, e);
    if (asR) p.cands.push(asR);
    // a U.S. lawmaker's party and state: "Gregory Meeks (D-N.Y.)" (the next token is the parenthesis)
    if (e < n && w[e] === "(") {
      const tail = text.slice(tokens[e - 1]!.end, tokens[e - 1]!.end + 16);
      const pm = /^\s*\((?:D|R|I)-[A-Z][A-Za-z.]*\)/.exec(tail);
      if (pm) {
        const st = tokens[e - 1]!.end + pm[0].indexOf("(");
        p.cands.push({ role: null, roleSpan: null, country: "USA", countrySpan: { start: st, end: tokens[e - 1]!.end + pm[0].length }, rule: "country.us-party-state" });
      }
    }
  }
}

/** Persons named in bylines ("Reporting by …"). */
function bylines(cx: Ctx, fullKeyIndex: Map<string, number>): void {
  const { sc, tokens, text, lw, mentions, persons } = cx;
  let hasByline = false;
  let bylineFrom = text.length;
  for (const k of sc.byIdx) {
    if (k > 0 && BYLINE_VERBS.has(lw[k - 1]!)) {
      hasByline = true;
      // "Additional reporting by": start at the word before the verb
      const from = tokens[k > 1 ? k - 2 : k - 1]!.start;
      if (from < bylineFrom) bylineFrom = from;
    }
  }
  BYLINE_RE.lastIndex = bylineFrom;
  const outlet = !hasByline ? "" : /\bReuters\b/.test(text) ? "Reuters " : /\bAFP\b/.test(text) ? "AFP " : "";
  for (let m = BYLINE_RE.exec(text); m; m = BYLINE_RE.exec(text)) {
    const name = m[2]!.trim().replace(/\s+(?:Writing|Editing|Reporting|and)$/, "");
    const start = m.index + m[0].indexOf(m[2]!);
    const span = { start, end: start + name.length };
    const key = name.split(/\s+/).map(nameKey).join(" ");
    if (fullKeyIndex.has(key)) continue;
    const kind = /^Report|Additional/.test(m[1]!) ? "reporter" : /^Edit/.test(m[1]!) ? "editor" : "writer";
    const parts = key.split(" ");
    const pi = persons.length;
    persons.push({ forms: new Map([[key, name]]), name, nTok: parts.length, surnameKey: parts[parts.length - 1]!, firstKey: parts[0]!, cands: [{ role: `${outlet}${kind} (byline)`, roleSpan: { start: m.index, end: m.index + m[1]!.length + 3 }, country: null, countrySpan: null, rule: "role.byline" }], mentions: [span], mentionTok: [], seen: new Set([name]) });
    fullKeyIndex.set(key, pi);
    mentions.push(mk(span, "person", pi, null, "byline", "person.byline"));
  }
}

/** Each person's role and country: stated values first, then those of possessor persons and counterparts. */
function resolveRoles(cx: Ctx): void {
  const { persons } = cx;
  // built by push, so that the array's elements kind is the same in every article (a mapped array's
  // varied, and every later read of resolved[…] deoptimised extractEntities)
  const resolved: Resolved[] = [];
  for (let pi = 0; pi < persons.length; pi++) resolved.push({ role: null, country: null });
  cx.resolved = resolved;
  // pass 1: stated values
  persons.forEach((p, pi) => {
    const r = resolved[pi]!;
    for (const c of p.cands) {
      if (c.counterpartOf !== undefined || c.possessorPerson !== undefined) continue;
      if (!r.role && c.role) r.role = { value: c.role, stated: true, evidence: c.roleSpan, rule: c.rule };
      if (!r.country && c.country) r.country = { value: c.country, stated: true, evidence: c.countrySpan, rule: c.rule };
    }
  });
  // pass 2: possessor persons and counterparts (two rounds, so chains resolve)
  for (let round = 0; round < 2; round++) {
    persons.forEach((p, pi) => {
      const r = resolved[pi]!;
      for (const c of p.cands) {
        if (c.possessorPerson !== undefined) {
          const oi = personAtTok(cx, c.possessorPerson);
          if (oi === undefined || oi === pi) continue;
          const o = resolved[oi]!;
          if (!r.role && c.role) {
            const oRole = o.role ? o.role.value : null;
            const [first, ...rest] = c.role.split(/ and /);
            const role = oRole ? `${first} to the ${oRole}${rest.length ? ` and ${rest.join(" and ")}` : ""}` : c.role;
            r.role = { value: role, stated: false, evidence: c.roleSpan, rule: c.rule };
          }
          if (!r.country && o.country) r.country = { value: o.country.value, stated: false, evidence: o.country.evidence, rule: `${c.rule}.country` };
        }
        if (c.counterpartOf !== undefined) {
          let oi = personAtTok(cx, c.counterpartOf);
          if (oi === pi) oi = undefined;
          if (!r.country && c.country) r.country = { value: c.country, stated: true, evidence: c.countrySpan, rule: c.rule };
          if (oi === undefined) continue;
          const o = resolved[oi]!;
          if (!r.role && o.role) {
            const cc = r.country?.value ?? c.country;
            r.role = { value: counterpartTitle(cx, o.role.value, cc), stated: false, evidence: c.roleSpan, rule: c.rule };
          }
        }
      }
    });
  }
}

/** Descriptions ("the Turkish foreign minister") of one known person, or of an unnamed one of a country. */
function descriptions(cx: Ctx): Unnamed {
  const { L, sc, tokens, w, lw, cls, hitAt, n, consumed, mentions, persons, mentionStarts, resolved } = cx;
  const unnamedFunction = new Map<number, string>();
  const unnamed: Unnamed["unnamed"] = [];
  // description: [the|Turkey's] [demonym] [modifiers] head, not followed by a name
  for (const k of sc.roleHeadIdx) {
    const lt = lw[k]!;
    if (consumed[k]) continue;
    if (k + 1 < n && isMentionStart(cx, k + 1)) continue;
    if (k + 2 < n && cls[k + 1]! & W_HONORIFIC && (isMentionStart(cx, k + 2) || (w[k + 2] === "." && isMentionStart(cx, k + 3)))) continue;
    if (k + 2 < n && w[k + 1] === "," && isMentionStart(cx, k + 2)) continue;
    let j = k - 1;
    let country: string | null = null;
    let poss = false;
    const mods: string[] = [];
    while (j >= 0 && sentOf(tokens, j) === sentOf(tokens, k)) {
      const h = hitAt[j];
      if (h && h.entry.kind === "country") {
        country = h.entry.actor;
        j = h.s - 1;
        continue;
      }
      if (w[j] === "'s" || w[j] === "’s") {
        const ph = hitAt[j - 1];
        if (ph && ph.entry.kind === "country") {
          country = ph.entry.actor;
          poss = true;
          j = ph.s - 1;
        }
        break;
      }
      if (cls[j]! & W_ROLE_MOD) {
        mods.unshift(lw[j]!);
        j--;
        continue;
      }
      break;
    }
    if (!poss && !(j >= 0 && lw[j] === "the")) continue;
    const phrase = [...mods.filter((m) => !DROP_MODS.has(m) || lt === "diplomat"), lt].join(" ");
    const fn = L.roleFunction.get(phrase) ?? L.roleFunction.get([...mods, lt].join(" ")) ?? (lt === "diplomat" ? "foreign" : phrase);
    const fits: number[] = [];
    persons.forEach((_, pi) => {
      const pf = personFunction(cx, pi);
      if (!pf) return;
      const pc = resolved[pi]!.country?.value ?? null;
      if (country && pc && pc !== country) return;
      if (country && !pc && poss) return; // "Ukraine's president": only a person known to be Ukrainian
      const prole = resolved[pi]!.role!.value.toLowerCase();
      if (pf === fn || prole === phrase || (phrase === "minister" && /minister\b/.test(prole)) || (phrase === "president" && pf === "head of state") || (phrase === "leader" && (pf === "head of state" || pf === "head of government"))) fits.push(pi);
    });
    const startTok = poss ? j + 1 : j;
    const span = spanOf(tokens, Math.max(0, startTok), k + 1);
    if (fits.length > 1) {
      // several fit: those named before the description, with a stated title, the most mentioned so far
      const before = (pi: number) => persons[pi]!.mentionTok.filter((t) => t < k).length;
      let f2 = fits.filter((pi) => before(pi) > 0);
      if (f2.length > 1 && f2.some((pi) => resolved[pi]!.role!.stated)) f2 = f2.filter((pi) => resolved[pi]!.role!.stated);
      if (f2.length > 1) {
        f2.sort((a, b) => before(b) - before(a));
        if (before(f2[0]!) > before(f2[1]!)) f2 = [f2[0]!];
      }
      if (f2.length === 1) fits.splice(0, fits.length, f2[0]!);
    }
    if (fits.length === 1) {
      const pi = fits[0]!;
      if (country && !resolved[pi]!.country) resolved[pi]!.country = { value: country, stated: false, evidence: span, rule: "country.description" };
      mentions.push(mk(span, "person", pi, null, "description", "person.description"));
      for (let x = startTok; x <= k; x++) consumed[x] = 1;
    } else if (fits.length === 0 && country && !poss && persons.filter((_, pi) => !resolved[pi]!.role && resolved[pi]!.country?.value === country && persons[pi]!.mentionTok.some((t) => t < k)).length === 1) {
      // "Russia's Vladimir Putin … the Russian president said": the one untitled person of that country
      const pi = persons.findIndex((_, qi) => !resolved[qi]!.role && resolved[qi]!.country?.value === country && persons[qi]!.mentionTok.some((t) => t < k));
      resolved[pi]!.role = { value: normaliseRole(cx, phrase), stated: false, evidence: span, rule: "role.description" };
      mentions.push(mk(span, "person", pi, null, "description", "person.description"));
      for (let x = startTok; x <= k; x++) consumed[x] = 1;
    } else if (fits.length === 0 && country) {
      unnamedFunction.set(span.start, fn);
      const m: EntityMention = mk(span, "person", -1, country, "description-unnamed", "person.description-unnamed");
      mentions.push(m);
      unnamed.push({ k, phrase, country, span, mention: m, poss });
      for (let x = startTok; x <= k; x++) consumed[x] = 1;
    }
  }
  // "The Turkish foreign minister hailed …" then "Mevlut Cavusoglu said …": the first person named
  // after an unnamed description, within two sentences, who has no title of his own, is the one described
  for (const d of unnamed) {
    if (d.poss) continue;
    const ms = mentionStarts.find((t) => t > d.k && sentOf(tokens, t) <= sentOf(tokens, d.k) + 2);
    if (ms === undefined) continue;
    const pi = personAtTok(cx, ms)!;
    const r = resolved[pi]!;
    if (r.role || (r.country && r.country.value !== d.country)) continue;
    r.role = { value: normaliseRole(cx, d.phrase), stated: false, evidence: d.span, rule: "role.description-antecedent" };
    if (!r.country) r.country = { value: d.country, stated: false, evidence: d.span, rule: "country.description-antecedent" };
    d.mention.ref = pi;
    d.mention.actor = null;
    d.mention.via = "description";
    d.mention.rule = "person.description-antecedent";
    unnamedFunction.delete(d.span.start);
  }
  return { unnamed, unnamedFunction };
}

/** Roles of persons named as counterparts in a list, or after an unnamed "his Ukrainian counterpart". */
function counterparts(cx: Ctx): void {
  const { doc, sc, tokens, lw, hitAt, persons, mentionOrder, mentionStarts, resolved } = cx;
  persons.forEach((p, pi) => {
    const r = resolved[pi]!;
    if (r.role) return;
    for (const ms of p.mentionTok) {
      const sent = doc.sentences[sentOf(tokens, ms)]!;
      let cp = -1;
      for (let k = sent.tokStart; k < ms; k++) if (lw[k] === "counterparts" || lw[k] === "counterpart") cp = k;
      if (cp < 0) continue;
      let oi: number | undefined;
      for (const s2 of mentionStarts) {
        if (s2 >= cp) break;
        if (sentOf(tokens, s2) === sentOf(tokens, ms) || (sentOf(tokens, s2) === sentOf(tokens, ms) - 1 && oi === undefined)) oi = personAtTok(cx, s2);
      }
      if (oi === undefined || oi === pi || !resolved[oi]!.role) continue;
      r.role = { value: counterpartTitle(cx, resolved[oi]!.role!.value, r.country?.value ?? null), stated: false, evidence: spanOf(tokens, cp, cp + 1), rule: "role.counterpart-list" };
      p.cands.push({ role: null, roleSpan: null, country: null, countrySpan: null, rule: "role.counterpart-list", counterpartOf: mentionOrder.find((s2) => personAtTok(cx, s2) === oi) });
      break;
    }
  });

  // "his Ukrainian counterpart" (unnamed), then "Ukraine's Oleksii Reznikov": the named person of that country is the counterpart
  for (const x of sc.counterpartIdx) {
    if (x < 1 || lw[x] !== "counterpart" || isMentionStart(cx, x + 1)) continue;
    const h = hitAt[x - 1];
    if (!h || h.entry.kind !== "country" || !h.entry.actor || !DETS.has(lw[h.s - 1] ?? "")) continue;
    let ref: number | undefined;
    for (const s2 of mentionStarts) {
      if (s2 >= x) break;
      if (sentOf(tokens, s2) === sentOf(tokens, x)) {
        ref = personAtTok(cx, s2);
        break;
      }
    }
    if (ref === undefined || !resolved[ref]!.role) continue;
    persons.forEach((q, qi) => {
      const r = resolved[qi]!;
      if (qi === ref || r.role || r.country?.value !== h.entry.actor) return;
      if (!q.mentionTok.some((t) => t > x)) return;
      r.role = { value: counterpartTitle(cx, resolved[ref]!.role!.value, r.country.value), stated: false, evidence: spanOf(tokens, h.s, x + 1), rule: "role.counterpart-unnamed" };
    });
  }
}

/** The article's acting countries, for the fallback below. */
interface ActingCountries {
  countryScore: Map<string, number>;
  /** by sentence index (an array: Map look-ups by number cost more) */
  sentCountries: Array<Map<string, number> | undefined>;
  pairedSides: Map<string, Set<string>>;
}

/**
 * A country named as an actor (subject, possessor, capital for its government) counts more than one
 * named as a place ("in Ukraine", "invasion of Ukraine"); countries of a person's counterparts and of
 * other holders of the same office are excluded; mentions in the person's own sentences count more.
 */
function actingCountries(cx: Ctx): ActingCountries {
  const { doc, sc, tokens, lw, hitAt, consumed } = cx;
  const countryScore = new Map<string, number>();
  const sentCountries: Array<Map<string, number> | undefined> = new Array<Map<string, number> | undefined>(doc.sentences.length);
  for (const h of sc.hits) {
    if (h.entry.kind !== "country" || !h.entry.actor) continue;
    if (h.s > 0 && tokens[h.s]!.start - tokens[h.s - 1]!.end === 1 && nameLike(sc, h.s - 1) && !isMentionStart(cx, h.s - 1)) continue;
    const prev = h.s > 0 ? lw[h.s - 1]! : "";
    const weight = (WEAK.has(prev) || ACTION_NOUNS.has(lw[h.e] ?? "") || (h.entry.via === "name" && TOPIC_NOUNS.has(lw[h.e] ?? "")) ? 0.3 : 1) * (h.entry.via === "capital" || h.entry.via === "seat" ? 1.5 : 1);
    countryScore.set(h.entry.actor, (countryScore.get(h.entry.actor) ?? 0) + weight);
    if (consumed[h.s]) continue;
    const sm = sentCountries[sentOf(tokens, h.s)] ?? new Map<string, number>();
    sm.set(h.entry.actor, (sm.get(h.entry.actor) ?? 0) + weight);
    sentCountries[sentOf(tokens, h.s)] = sm;
  }
  // "Turkish and US officials discussed…": the two sides of a meeting named as a pair, so that a person
  // whose counterpart is of one side is of the other
  const pairedSides = new Map<string, Set<string>>();
  for (const a of sc.hits) {
    if (a.entry.kind !== "country" || !a.entry.actor || lw[a.e] !== "and") continue;
    const b = hitAt[lw[a.e + 1] === "the" ? a.e + 2 : a.e + 1];
    if (!b || b.s <= a.e || b.entry.kind !== "country" || !b.entry.actor || b.entry.actor === a.entry.actor) continue;
    if (!SIDE_NOUNS.has(lw[b.e] ?? "") && !SIDE_NOUNS.has(lw[b.e + 1] ?? "")) continue;
    for (const [x, y] of [[a.entry.actor, b.entry.actor], [b.entry.actor, a.entry.actor]] as const) {
      const set = pairedSides.get(x) ?? new Set<string>();
      set.add(y);
      pairedSides.set(x, set);
    }
  }
  return { countryScore, sentCountries, pairedSides };
}

/** Countries of titled persons without one: from the article's acting countries (see actingCountries). */
/** A copy of `m`, in its order: as new Map(m), without the iterator's result object and [key, value] list per entry. */
function copyOfScores(m: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  m.forEach((v, k) => out.set(k, v));
  return out;
}

function countryFallback(cx: Ctx, { unnamed, unnamedFunction }: Unnamed): void {
  const { doc, L, sc, tokens, w, lw, hitAt, persons, mentionEnd, mentionStarts, resolved } = cx;
  // persons with a possessor person ("Erdoğan's chief adviser") last, each group in person order; a partition,
  // not a sort over a mapped array (that sort deoptimised extractEntities on many articles)
  const order: number[] = [];
  for (let pi = 0; pi < persons.length; pi++) if (!hasPossessor(cx, pi)) order.push(pi);
  for (let pi = 0; pi < persons.length; pi++) if (hasPossessor(cx, pi)) order.push(pi);
  let acting: ActingCountries | null = null;
  for (const pi of order) {
    const p = persons[pi]!;
    const r = resolved[pi]!;
    if (r.country || r.role?.rule === "role.byline") continue;
    if (!r.role || p.cands.some((c) => c.group)) continue;
    // "Erdoğan's chief adviser": the possessor's side, once it is known
    const pc = p.cands.find((c) => c.possessorPerson !== undefined && resolved[personAtTok(cx, c.possessorPerson) ?? pi]?.country);
    if (pc) {
      const o = resolved[personAtTok(cx, pc.possessorPerson)!]!.country!;
      r.country = { value: o.value, stated: false, evidence: o.evidence, rule: `${pc.rule}.country` };
      continue;
    }
    // built for the first person who needs them (most articles have none)
    acting ??= actingCountries(cx);
    const { countryScore, sentCountries, pairedSides } = acting;
    const exclude = new Set<string>();
    const counterparts = new Set<string>();
    const fn = personFunction(cx, pi);
    // (a loop, not persons.forEach: the closure took this loop's variables into a context allocated per person)
    for (let qi = 0; qi < persons.length; qi++) {
      if (qi === pi) continue;
      const q = persons[qi]!;
      const qc = resolved[qi]!.country?.value;
      if (!qc) continue;
      for (const c of q.cands) if (c.counterpartOf !== undefined && personAtTok(cx, c.counterpartOf) === pi) counterparts.add(qc);
      for (const c of p.cands) if (c.counterpartOf !== undefined && personAtTok(cx, c.counterpartOf) === qi) counterparts.add(qc);
      if (fn && personFunction(cx, qi) === fn) exclude.add(qc);
    }
    for (const qc of counterparts) exclude.add(qc);
    const score = copyOfScores(countryScore);
    // "Turkish and US officials … X and his American counterpart": X is of the other side of the pair
    for (const qc of counterparts) for (const other of pairedSides.get(qc) ?? []) score.set(other, (score.get(other) ?? 0) + 15);
    for (const ms of p.mentionTok) {
      const sm = sentCountries[sentOf(tokens, ms)];
      if (sm) for (const [cc, v] of sm) score.set(cc, (score.get(cc) ?? 0) + 2 * v);
      // "Akar said Turkey is ready…": a speaker talks of his own country in the third person
      let k = isMentionStart(cx, ms) ? mentionEnd[ms]! : ms + 1;
      if (SAID.has(lw[k] ?? "")) {
        k++;
        if (lw[k] === "that") k++;
        if (lw[k] === "the") k++;
        const h = hitAt[k];
        if (h && h.s === k && h.entry.kind === "country" && h.entry.via === "name" && w[h.e] !== "'s" && w[h.e] !== "’s" && h.entry.actor) score.set(h.entry.actor, (score.get(h.entry.actor) ?? 0) + 10);
      }
      // after the name in its sentence (the scan's token lists: most sentences hold neither word)
      const end = doc.sentences[sentOf(tokens, ms)]!.tokEnd - 1;
      // "X threatened action against Russia", "called for sanctions against Nigeria": the other side, not his own
      for (const x of sc.againstIdx) {
        if (x <= ms || x >= end) continue;
        const h = hitAt[lw[x + 1] === "the" ? x + 2 : x + 1];
        if (h && h.entry.kind === "country" && h.entry.via === "name" && h.entry.actor) exclude.add(h.entry.actor);
      }
      // "his Ukrainian counterpart" (unnamed): not from that country
      for (const x of sc.counterpartIdx) {
        if (x <= ms || x >= end) continue;
        const h = hitAt[x - 1];
        if (h && h.entry.kind === "country" && h.entry.actor && (x - 2 < 0 || DETS.has(lw[h.s - 1] ?? ""))) exclude.add(h.entry.actor);
      }
    }
    // unnamed holders of the same office: "Ukraine's president said"
    if (fn) for (const { mention: m } of unnamed) if (m.via === "description-unnamed" && m.actor && unnamedFunction.get(m.start) === fn) exclude.add(m.actor);
    // other persons in the person's sentences: a person acts with his own side more often than not
    for (const ms of p.mentionTok) {
      // the mention starts of one sentence are consecutive in mentionStarts (text order)
      const sent = sentOf(tokens, ms);
      let i = 0;
      while (i < mentionStarts.length && sentOf(tokens, mentionStarts[i]!) < sent) i++;
      for (; i < mentionStarts.length && sentOf(tokens, mentionStarts[i]!) === sent; i++) {
        const qi = personAtTok(cx, mentionStarts[i]!)!;
        const qc = resolved[qi]!.country;
        if (qi !== pi && qc?.stated) score.set(qc.value, (score.get(qc.value) ?? 0) + 5);
      }
    }
    // an office whose bare title names one government ("Secretary of State")
    const implied = r.role ? L.impliesCountry.get(r.role.value.toLowerCase()) : undefined;
    if (implied) score.set(implied, (score.get(implied) ?? 0) + 20);
    // a name written with Turkish letters (ğ, ş, ı) in an English text: a weak hint
    if (/[ğşıİĞŞ]/.test(p.name)) score.set("TUR", (score.get("TUR") ?? 0) + 4);
    let best: string | null = null;
    let bestN = 0;
    for (const [cc, v] of score) if (!exclude.has(cc) && cc.length === 3 && v > bestN) {
      best = cc;
      bestN = v;
    }
    if (best) r.country = { value: best, stated: false, evidence: null, rule: "country.article-actor" };
  }
}

/** A bare "Minister" and one "<X> Ministry" of the minister's country in the article: "<X> Minister" (inferred). */
function ministerOfMinistry(cx: Ctx): void {
  const { orgs, persons, resolved } = cx;
  persons.forEach((_, pi) => {
    const r = resolved[pi]!;
    if (!r.role || r.role.value.toLowerCase() !== "minister") return;
    const cc = r.country?.value ?? null;
    const fits = new Set<string>();
    for (const o of orgs) {
      const m = /\b(Foreign|Defen[cs]e|Interior|Finance|Health|Justice|Energy|Economy|Trade|Agriculture|Education) Ministry$/.exec(o.name);
      if (m && (o.actor === cc || (o.actor === null && cc !== null))) fits.add(m[1]!);
    }
    if (fits.size === 1) r.role = { value: `${[...fits][0]} Minister`, stated: false, evidence: r.role.evidence, rule: "role.minister-of-ministry" };
  });
}

/** Pronouns: the single person mentioned in the sentence so far, else in the previous sentence. */
function pronouns(cx: Ctx): void {
  const { doc, sc, tokens, mentions } = cx;
  // by sentence index
  const personMentionsBySent: Array<Array<{ tok: number; pi: number }> | undefined> = new Array<Array<{ tok: number; pi: number }> | undefined>(doc.sentences.length);
  for (const m of mentions) {
    if (m.kind !== "person" || m.ref < 0) continue;
    const k = tokIndexAt(cx, m.start);
    if (k < 0) continue;
    const list = personMentionsBySent[sentOf(tokens, k)] ?? [];
    list.push({ tok: k, pi: m.ref });
    personMentionsBySent[sentOf(tokens, k)] = list;
  }
  for (const k of sc.pronounIdx) {
    const sent = sentOf(tokens, k);
    // the one person mentioned before it in its sentence; none there: the one of the sentence before
    let pi: number | undefined;
    const here = soleOf(personMentionsBySent[sent], k);
    if (here >= 0) pi = here;
    else if (here === -1) {
      const prev = sent > 0 ? soleOf(personMentionsBySent[sent - 1], Infinity) : -1;
      if (prev >= 0) pi = prev;
    }
    if (pi === undefined) continue;
    mentions.push(mk(spanOf(tokens, k, k + 1), "person", pi, null, "pronoun", "person.pronoun"));
  }
}

/** Organisations, countries, places and groups from lexicon hits; the mentions of capitals as places. */
function lexiconMentions(cx: Ctx): void {
  const { L, sc, tokens, text, w, lw, consumed, mentions, orgs, places, placeByKey } = cx;
  for (const h of sc.hits) {
    if (consumed[h.s]) continue;
    // glued to an unknown capitalised word before it: part of another name ("Real Madrid", "Jordan" in "Michael Jordan")
    if (h.s > 0 && sentOf(tokens, h.s - 1) === sentOf(tokens, h.s) && tokens[h.s]!.start - tokens[h.s - 1]!.end === 1 && nameLike(sc, h.s - 1) && !consumed[h.s - 1] && !isMentionStart(cx, h.s - 1) && h.entry.kind !== "org") continue;
    const span = spanOf(tokens, h.s, h.e);
    const en = h.entry;
    // the words as written: organisations and places only (not sliced for the many countries)
    const surface = en.kind === "org" || en.kind === "place" ? text.slice(span.start, span.end) : "";
    if (en.kind === "org") {
      if (en.via === "igo") {
        const full = L.bodyName.get(en.code!) ?? surface;
        // body names: the spelled-out form is the name, the code an alias
        const name = surface.length > (en.code?.length ?? 0) + 1 && !isAllCaps(surface.replace(/\./g, "")) ? surface : full;
        const oi = addOrg(cx, name, en.code ?? null, span, "org.igo", en.code);
        if (surface !== orgs[oi]!.name && !orgs[oi]!.aliases.includes(surface)) orgs[oi]!.aliases.push(surface);
      } else addOrg(cx, surface, null, span, "org.media");
    } else if (en.kind === "group") {
      mentions.push(mk(span, "group", -1, null, "name", "group.lexicon"));
    } else if (en.kind === "place") {
      addPlace(cx, surface, en.actor, span, en.lat ?? null, en.lon ?? null, "place.lexicon");
    } else if (en.kind === "country") {
      const prev = h.s > 0 ? lw[h.s - 1]! : "";
      const possessive = w[h.e] === "'s" || w[h.e] === "’s";
      if (en.via === "capital" || en.via === "seat") {
        const g = L.gazetteer.get(en.name);
        if (en.via === "capital" || g) addPlaceOnly(cx, en.name, en.actor, g);
        if (LOCATIVE.has(prev)) {
          mentions.push(mk(span, "place", placeByKey.get(nameKey(en.name)) ?? -1, en.actor, "capital-place", "place.capital"));
          continue;
        }
      }
      // a demonym before a group noun ("Ukrainian protesters") is a group, not the state
      if (en.via === "demonym" && L.groupNouns.has(lw[h.e] ?? "")) {
        mentions.push(mk(spanOf(tokens, h.s, h.e + 1), "group", -1, null, "demonym-group", "group.demonym"));
        consumed[h.e] = 1;
        continue;
      }
      mentions.push(mk(span, "country", -1, en.actor, possessive ? "possessive" : en.via, COUNTRY_RULE[en.via] ?? `country.${en.via}`));
    }
  }
  // capitals as places: record their mentions too
  for (const m of mentions) {
    if (m.kind === "country" && (m.via === "capital" || m.via === "seat")) {
      const pi = placeByKey.get(nameKey(text.slice(m.start, m.end)));
      if (pi !== undefined) places[pi]!.mentions.push({ start: m.start, end: m.end });
    } else if (m.kind === "place" && m.via === "capital-place" && m.ref >= 0) places[m.ref]!.mentions.push({ start: m.start, end: m.end });
  }
}

/** Untitled names after "in", "near": places unless a known person ("in Khan Younis"). */
function placesAfterPrepositions(cx: Ctx, placeRuns: Array<[number, number]>, { fullKeyIndex, surnameIndex }: NameIndex): void {
  const { L, tokens, text, cls, hitAt, n, consumed } = cx;
  for (const [a, b] of placeRuns) {
    let skip = false;
    for (let x = a; x < b; x++) if (consumed[x] || hitAt[x] || isMentionStart(cx, x)) skip = true;
    if (skip) continue;
    const key = keyOf(cx, a, b);
    const known = fullKeyIndex.get(key.join(" ")) ?? (key.length === 1 ? surnameIndex.get(key[0]!)?.[0] : undefined);
    if (known !== undefined) {
      addPersonMention(cx, known, a, b, key.length === 1 ? "surname" : "name");
      continue;
    }
    if ((b < n && cls[b]! & W_ADMIN_HEAD) || (b - a === 1 ? cls[a]! & W_GAZ : gazetteerMayStart(cx, a) && L.gazetteer.has(text.slice(tokens[a]!.start, tokens[b - 1]!.end)))) continue; // handled below
    const span = spanOf(tokens, a, b);
    const name = text.slice(span.start, span.end);
    addPlace(cx, name, guessCountry(cx, name), span, null, null, "place.after-preposition");
    for (let x = a; x < b; x++) consumed[x] = 1;
  }
}

/** The rest of the capitalised runs: places from the gazetteer, "X region", features; unknown acronyms as organisations. */
function runPlaces(cx: Ctx): void {
  const { doc, L, sc, tokens, text, w, lw, cls, hitAt, n, consumed, mentions, orgs } = cx;
  for (const run of sc.runs) {
    for (let k = run.s; k < run.e; k++) {
      if (consumed[k] || hitAt[k] || isMentionStart(cx, k)) continue;
      const t = w[k]!;
      if (!(cls[k]! & W_WORD)) continue;
      // longest gazetteer match of up to 3 words, not glued to a preceding unknown capitalised word ("Real Madrid"),
      // nor the name of a storm ("Hurricane Milton")
      let matched = false;
      if (k > 0 && STORMS.has(w[k - 1]!)) continue;
      if (k > run.s && !consumed[k - 1] && !hitAt[k - 1] && nameLike(sc, k - 1)) continue;
      const multiPlace = gazetteerMayStart(cx, k);
      for (let len = Math.min(3, run.e - k); len >= 1; len--) {
        let ok = true;
        for (let x = k; x < k + len; x++) if (consumed[x] || hitAt[x] || isMentionStart(cx, x)) ok = false;
        if (!ok) continue;
        const name = len === 1 ? w[k]! : text.slice(tokens[k]!.start, tokens[k + len - 1]!.end);
        if (len === 1 && cls[k]! & (W_NON_NAME | W_MONTH_DAY)) continue;
        const g = len === 1 ? (cls[k]! & W_GAZ ? L.gazetteer.get(name) : undefined) : multiPlace ? L.gazetteer.get(name) : undefined;
        // "the Bush administration", "the Reagan administration": a one-word town before "administration" is a
        // leader's name (a city's own government is "the city administration", "the administration in X")
        if (g && len === 1 && g[3] < 1_000_000 && lw[k + 1] === "administration" && tokens[k + 1]!.sent === tokens[k]!.sent) {
          const span = spanOf(tokens, k, k + 2);
          addOrg(cx, text.slice(span.start, span.end), null, span, "org.administration");
          consumed[k] = consumed[k + 1] = 1;
          matched = true;
          break;
        }
        const admin = k + len < n && (cls[k + len]! & W_ADMIN_HEAD) !== 0 && tokens[k + len]!.sent === tokens[k]!.sent;
        if (g || (admin && len <= 2 && isCapitalised(name))) {
          if (k === doc.sentences[sentOf(tokens, k)]!.tokStart && len === 1 && !g) continue;
          let end = k + len;
          let placeName = name;
          if (admin) {
            end = k + len + 1;
            placeName = text.slice(tokens[k]!.start, tokens[end - 1]!.end);
          }
          const cc = g ? g[0] : guessCountry(cx, name);
          addPlace(cx, placeName, cc, spanOf(tokens, k, end), g ? g[1] : null, g ? g[2] : null, admin ? "place.admin" : "place.gazetteer");
          for (let x = k; x < end; x++) consumed[x] = 1;
          k = end - 1;
          matched = true;
          break;
        }
      }
      if (matched) continue;
      // natural features: "X Sea", "Gulf of X" handled by the lexicon; "X River", "X Island"
      if (k + 1 < run.e && (cls[k + 1]! & (W_FEATURE_HEAD | W_ADMIN_HEAD)) === W_FEATURE_HEAD && (cls[k]! & (W_CAP | W_NON_NAME)) === W_CAP) {
        const span = spanOf(tokens, k, k + 2);
        addPlace(cx, text.slice(span.start, span.end), null, span, null, null, "place.feature");
        consumed[k] = consumed[k + 1] = 1;
        k++;
        continue;
      }
      if (t.length >= 3 && (cls[k]! & (W_ALL_CAPS | W_NON_NAME)) === W_ALL_CAPS && !INITIALS_RE.test(t)) {
        // a dateline: "KHARTOUM, April 16 (Reuters) -"
        const tc = t.charAt(0) + t.slice(1).toLowerCase();
        const g = L.gazetteer.get(tc);
        const capital = L.phrases.get(tc)?.find((p) => p.toks.length === 1 && (p.entry.via === "capital" || p.entry.kind === "place"));
        if (g || capital) {
          addPlace(cx, tc, g ? g[0] : capital!.entry.actor, spanOf(tokens, k, k + 1), g ? g[1] : null, g ? g[2] : null, "place.dateline");
          consumed[k] = 1;
          continue;
        }
        const known = orgs.findIndex((o) => o.aliases.includes(t));
        if (known >= 0) {
          const span = spanOf(tokens, k, k + 1);
          orgs[known]!.mentions.push(span);
          mentions.push(mk(span, "org", known, orgs[known]!.actor, "acronym", "org.acronym-alias"));
        } else addOrg(cx, t, null, spanOf(tokens, k, k + 1), "org.acronym");
        consumed[k] = 1;
      }
    }
  }
}

/** Lower-case group nouns: "separatists", "rebels", "protesters". */
function groupNounMentions(cx: Ctx): void {
  const { sc, tokens, lw, cls, hitAt, n, consumed, mentions } = cx;
  for (const k of sc.groupNounIdx) {
    if (consumed[k] || hitAt[k]) continue;
    if (lw[k] === "opposition" && k + 1 < n && cls[k + 1]! & W_CAP) continue;
    mentions.push(mk(spanOf(tokens, k, k + 1), "group", -1, null, "noun", "group.noun"));
  }
}

/** The doc's persons, organisations, places and one sorted, non-overlapping layer of mentions. */
/**
 * `spans` sorted by start in place, as spans.sort((a, b) => a.start - b.start) (stable): a person's
 * mentions mostly come in text order already, and a sort allocates its work lists even then.
 */
function sortedByStart(spans: Span[]): Span[] {
  for (let i = 1; i < spans.length; i++) if (spans[i - 1]!.start > spans[i]!.start) return spans.sort((a, b) => a.start - b.start);
  return spans;
}

function output(cx: Ctx): void {
  const { doc, mentions, orgs, places, persons, resolved } = cx;
  // person actors on their mentions
  for (const m of mentions) if (m.kind === "person" && m.ref >= 0) m.actor = resolved[m.ref]!.country?.value ?? null;
  doc.persons = persons.map((p, pi): PersonEntity => {
    const aliases: string[] = [];
    for (const f of p.forms.values()) if (f !== p.name && !aliases.includes(f)) aliases.push(f);
    for (const f of p.seen) if (f !== p.name && !aliases.includes(f) && !f.includes("#")) aliases.push(f);
    const surname = surnameAlias(p.name);
    if (surname !== null && !aliases.includes(surname)) aliases.push(surname);
    return { name: p.name, aliases, role: resolved[pi]!.role, country: resolved[pi]!.country, mentions: sortedByStart(p.mentions) };
  });
  doc.organizations = orgs;
  doc.places = places;
  // one sorted, non-overlapping layer: earlier start first, longer first; person > org > group > country > place
  mentions.sort((a, b) => a.start - b.start || b.end - a.end || kindPrio(a.kind) - kindPrio(b.kind));
  const layer: EntityMention[] = [];
  let lastEnd = -1;
  for (const m of mentions) {
    if (m.start < lastEnd) continue;
    layer.push(m);
    lastEnd = m.end;
  }
  doc.mentions = layer;
}

// ---------------------------------------------------------------- the rules of the passes above, over one article's context

/** Memo of surnameAlias: a pure function of the name. */
const SURNAME_ALIAS = new Map<string, string | null>();

/** The last part of a name of several parts ("Jr", "II" left out), if longer than two letters: an alias of the person. */
function surnameAlias(name: string): string | null {
  let v = SURNAME_ALIAS.get(name);
  if (v === undefined) {
    const parts = name.split(/\s+/).filter((x) => !ROMAN.test(x.endsWith(".") ? x.slice(0, -1) : x));
    const surname = parts[parts.length - 1]!;
    v = parts.length > 1 && surname.length > 2 ? surname : null;
    if (SURNAME_ALIAS.size > 20_000) SURNAME_ALIAS.clear();
    SURNAME_ALIAS.set(name, v);
  }
  return v;
}

/** Some sign that an untitled capitalised name is a person's (a speech verb, an apposition, a possessive, its surname again…). */
function personEvidence(cx: Ctx, ns: number, ne: number): boolean {
  const { tokens, w, lw, hitAt } = cx;
  const next = lw[ne] ?? "";
  if (SAID.has(next) || next === "'s" || next === "’s" || next === "(") return true;
  if (next === "," && (SAID.has(lw[ne + 1] ?? "") || DETS.has(lw[ne + 1] ?? "") || lw[ne + 1] === "who" || hitAt[ne + 1] !== undefined)) return true;
  const prev = ns > 0 && sentOf(tokens, ns - 1) === sentOf(tokens, ns) ? lw[ns - 1]! : "";
  if (PERSON_PREV.has(prev) || (prev !== "" && hitAt[ns - 1] !== undefined && hitAt[ns - 1]!.entry.kind === "country")) return true;
  if (prev === "'s" || prev === "’s" || prev === "," || prev === "“" || prev === "\"") return true;
  return (runWordCount(cx).get(w[ne - 1]!) ?? 0) >= 2;
}

// how often each word occurs inside capitalised runs (built once, on first need)
function runWordCount(cx: Ctx): Map<string, number> {
  const { sc, w } = cx;
  if (cx.runWords) return cx.runWords;
  const runWords = new Map<string, number>();
  for (const r of sc.runs) for (let k = r.s; k < r.e; k++) runWords.set(w[k]!, (runWords.get(w[k]!) ?? 0) + 1);
  cx.runWords = runWords;
  return runWords;
}

function countNameTokens(cx: Ctx, s: number, e: number): number {
  const { w, cls } = cx;
  let c = 0;
  for (let k = s; k < e; k++) if (w[k]!.length > 1 && (cls[k]! & (W_WORD | W_PARTICLE)) === W_WORD) c++;
  return c;
}

function isFeature(cx: Ctx, e: number): boolean {
  const { cls, n } = cx;
  return (cls[e - 1]! & W_FEATURE_HEAD) !== 0 || (e < n && (cls[e]! & W_ADMIN_HEAD) !== 0);
}

function hasTitleBefore(cx: Ctx, k: number): boolean {
  const { tokens, w, lw, cls, hitAt } = cx;
  let j = k - 1;
  if (j >= 0 && w[j] === "." && j - 1 >= 0 && cls[j - 1]! & W_HONORIFIC) return true;
  // walk back over a title: "Deputy Minister of Defence Alexander Fomin", "UN High Commissioner for Refugees Filippo Grandi"
  for (let steps = 0; j >= 0 && sentOf(tokens, j) === sentOf(tokens, k) && steps < 8; steps++) {
    const t = lw[j]!;
    const c = cls[j]!;
    if (c & (W_ROLE_HEAD | W_HONORIFIC) || t === "counterpart") return true;
    const h = hitAt[j];
    if (h) {
      if (h.entry.via === "igo") {
        for (let x = h.s; x < h.e; x++) if (cls[x]! & W_ROLE_HEAD) return true;
      }
      j = h.s - 1;
      continue;
    }
    if (c & W_ROLE_MOD || t === "of" || t === "for" || (c & W_CAP && c & (W_NON_NAME | W_ORG_HEAD))) {
      j--;
      continue;
    }
    break;
  }
  return false;
}

/** A personal title right before token k: a capitalised role head ("President", "Prime Minister", "King"),
 * an honorific ("Mr", "Sheikh") or an abbreviated title with its dot ("Gen.", "Sen."). */
function directTitle(cx: Ctx, k: number): boolean {
  const { L, tokens, w, lw, cls } = cx;
  let j = k - 1;
  if (j < 0 || sentOf(tokens, j) !== sentOf(tokens, k)) return false;
  if (w[j] === "." && j > 0) j--;
  if (cls[j]! & W_HONORIFIC || L.titleAbbrev.has(lw[j]!)) return true;
  return w[k - 1] !== "." && (cls[j]! & (W_ROLE_HEAD | W_CAP)) === (W_ROLE_HEAD | W_CAP);
}

function keyOf(cx: Ctx, s: number, e: number) {
  const { w, cls } = cx;
  const parts: string[] = [];
  for (let k = s; k < e; k++) if (cls[k]! & W_WORD && !ROMAN.test(w[k]!)) parts.push(nameKey(w[k]!));
  return parts;
}

function sameTail(p: Person, parts: string[]): boolean {
  // "Tayyip Erdogan" ⊂ "Recep Tayyip Erdogan"
  for (const f of p.forms.keys()) {
    const fp = f.split(" ");
    if (fp.length !== parts.length && fp.slice(-Math.min(fp.length, parts.length)).join(" ") === parts.slice(-Math.min(fp.length, parts.length)).join(" ")) return true;
    // keys of "al-Maali" hold a space: compare the joined tails ("Abu al-Maali" ⊂ "Monzer Abu al-Maali")
    const tail = parts.join(" ");
    if (f.length > tail.length && f.endsWith(` ${tail}`)) return true;
  }
  return false;
}

function nearestPerson(cx: Ctx, list: number[], k: number): number {
  const { persons } = cx;
  let best = list[0]!;
  let bestTok = -1;
  for (const pi of list) {
    for (const t of persons[pi]!.mentionTok) if (t < k && t > bestTok) {
      bestTok = t;
      best = pi;
    }
  }
  return best;
}

function addPersonMention(cx: Ctx, pi: number, s: number, e: number, via: string): void {
  const { tokens, text, consumed, mentions, persons, personAt, mentionEnd, mentionOrder } = cx;
  if (personAt[s]! > 0) return;
  const p = persons[pi]!;
  const span = spanOf(tokens, s, e);
  p.seen.add(text.slice(span.start, span.end));
  p.mentions.push(span);
  p.mentionTok.push(s);
  personAt[s] = pi + 1;
  mentionEnd[s] = e;
  mentionOrder.push(s);
  for (let k = s; k < e; k++) consumed[k] = 1;
  mentions.push(mk(span, "person", pi, null, via, PERSON_RULE[via] ?? `person.${via}`));
}

/** Title chain right before a name: "Turkish Foreign Minister", "UN refugee chief", "Ukraine's", "his Russian counterpart". */
function titleBefore(cx: Ctx, s: number): RoleCand | null {
  const { L, tokens, w, lw, cls, hitAt, consumed, mentionEnd, mentionOrder } = cx;
  const sent = sentOf(tokens, s);
  let j = s - 1;
  const roleToks: number[] = [];
  let country: string | null = null;
  let countrySpan: Span | null = null;
  let body: string | null = null;
  let counterpart = false;
  let head = false;
  let possessorPerson: number | undefined;
  let group = false;
  let abbrevRole: string | null = null;
  let abbrevSpan: Span | null = null;
  while (j >= 0 && sentOf(tokens, j) === sent) {
    const t = w[j]!;
    const lt = lw[j]!;
    const c = cls[j]!;
    const hit = hitAt[j];
    if (hit) {
      const en = hit.entry;
      if (en.kind === "country" && (en.via === "name" || en.via === "demonym")) {
        if (!country) {
          country = en.actor;
          countrySpan = spanOf(tokens, hit.s, hit.e);
        }
        for (let k = hit.s; k < hit.e; k++) consumed[k] = 1;
        j = hit.s - 1;
        continue;
      }
      if (en.kind === "org" && en.via === "igo") {
        body = en.code ?? en.actor;
        for (let k = hit.s; k < hit.e; k++) if (cls[k]! & W_ROLE_HEAD) head = true;
        if (!country) {
          country = body;
          countrySpan = spanOf(tokens, hit.s, hit.e);
        }
        for (let k = hit.e - 1; k >= hit.s; k--) roleToks.unshift(k);
        for (let k = hit.s; k < hit.e; k++) consumed[k] = 1;
        j = hit.s - 1;
        continue;
      }
      if (en.kind === "group") {
        // "Hezbollah chief Hassan Nasrallah": acts for a non-state group
        for (let k = hit.e - 1; k >= hit.s; k--) roleToks.unshift(k);
        group = true;
        j = hit.s - 1;
        break;
      }
      if (en.kind === "country" && (en.via === "seat" || en.via === "capital")) {
        if (!country) {
          country = en.actor;
          countrySpan = spanOf(tokens, hit.s, hit.e);
        }
        if (en.via === "seat" && !/^(?:Kyiv|Kiev|Washington|Ankara|Delhi|New Delhi|Tel Aviv)$/.test(en.name)) for (let k = hit.e - 1; k >= hit.s; k--) roleToks.unshift(k);
        for (let k = hit.s; k < hit.e; k++) consumed[k] = 1;
        j = hit.s - 1;
        continue;
      }
      break;
    }
    if (t === "'s" || t === "’s" || ((t === "'" || t === "’") && j > 0 && /s$/.test(w[j - 1]!))) {
      // possessor: a country ("Ukraine's"), a body, or a person ("Erdoğan's")
      const ph = hitAt[j - 1];
      if (ph && (ph.entry.kind === "country" || ph.entry.via === "igo")) {
        if (!country) {
          country = ph.entry.code ?? ph.entry.actor;
          countrySpan = spanOf(tokens, ph.s, j + 1);
        }
        for (let k = ph.s; k <= j; k++) consumed[k] = 1;
        j = ph.s - 1;
        break;
      }
      // a news outlet as possessor ("the Gazette's editor X"): works for a medium, not for a state
      if (ph && ph.entry.via === "media" && !country) group = true;
      if (isMentionStart(cx, j - 1) || (j - 1 >= 0 && mentionOrder.some((ms) => mentionEnd[ms] === j && ms <= j - 1))) {
        const ms = mentionOrder.find((m) => mentionEnd[m] === j);
        if (ms !== undefined) possessorPerson = ms;
      }
      break;
    }
    if (lt === "counterpart" || lt === "counterparts") {
      counterpart = true;
      j--;
      continue;
    }
    if (c & W_HONORIFIC && roleToks.length === 0) {
      // "Prime Minister Sheikh Mohammed …": the honorific sits between title and name;
      // an abbreviated office ("Gov.", "Sen.", "Gen.") is the title itself
      const office = L.titleAbbrev.get(lt);
      if (office && !abbrevRole) {
        abbrevRole = office;
        abbrevSpan = spanOf(tokens, j, w[j + 1] === "." ? j + 2 : j + 1);
      }
      j--;
      continue;
    }
    if (t === "." && j > 0 && cls[j - 1]! & W_HONORIFIC && roleToks.length === 0) {
      j--;
      continue;
    }
    if (c & W_ROLE_HEAD) {
      head = true;
      roleToks.unshift(j);
      j--;
      continue;
    }
    // "Jordan's visiting King X", "the visiting Chinese premier" ("officials visiting President X" is a verb)
    const visiting = lt === "visiting" && roleToks.length > 0 && j > 0 && (w[j - 1] === "'s" || w[j - 1] === "’s" || DETS.has(lw[j - 1]!) || hitAt[j - 1]?.entry.via === "demonym");
    if ((SKIP_ADJ.has(lt) || visiting) && roleToks.length > 0) {
      j--;
      continue;
    }
    if (c & W_ROLE_MOD || (c & W_CAP && c & (W_ORG_HEAD | W_NON_NAME) && !DETS.has(lt) && !(c & W_MONTH_DAY) && roleToks.length > 0)) {
      roleToks.unshift(j);
      j--;
      continue;
    }
    if ((lt === "of" || lt === "for" || lt === "the") && roleToks.length > 0 && j > 0) {
      const prev = lw[j - 1]!;
      // inside a capitalised title only: "Minister of National Defense", not "spokesman for President X"
      const nextCap = (cls[j + 1]! & W_CAP) !== 0;
      if (((cls[j - 1]! & (W_ROLE_HEAD | W_CAP)) === (W_ROLE_HEAD | W_CAP) && nextCap) || (lt === "the" && (prev === "of" || prev === "for") && nextCap)) {
        roleToks.unshift(j);
        j--;
        continue;
      }
    }
    break;
  }
  if (!head && abbrevRole) return { role: abbrevRole, roleSpan: abbrevSpan, country, countrySpan, rule: "role.abbreviated-title" };
  if (!head && !counterpart && !country) return null;
  // trailing connectors at the start are not part of the role
  while (roleToks.length && /^(?:of|for|the)$/.test(lw[roleToks[0]!]!)) roleToks.shift();
  let role: string | null = null;
  let roleSpan: Span | null = null;
  if (head && roleToks.length) {
    role = roleText(cx, roleToks);
    roleSpan = spanOf(tokens, roleToks[0]!, roleToks[roleToks.length - 1]! + 1);
    for (const k of roleToks) consumed[k] = 1;
  }
  if (counterpart) {
    const ref = referentBefore(cx, s);
    return { role: null, roleSpan: spanOf(tokens, j + 1, s), country, countrySpan, rule: "role.counterpart", counterpartOf: ref };
  }
  if (possessorPerson !== undefined && role) {
    return { role, roleSpan, country: null, countrySpan: null, rule: "role.possessor-person", possessorPerson };
  }
  if (body && role) {
    const rb = roleBody(cx, role);
    if (rb) country = rb;
  }
  if (group) return { role, roleSpan, country: null, countrySpan: null, rule: "role.group-title", group: true };
  return { role, roleSpan, country, countrySpan, rule: role ? "role.title" : "country.possessive" };
}

/** ", the secretary-general of the OSCE" / ", a top adviser to Ukraine's president" / ", his counterpart from Ukraine" */
function appositionAfter(cx: Ctx, e: number, ms: number): RoleCand | null {
  const { L, tokens, w, lw, cls, hitAt, n, mentionEnd } = cx;
  if (e >= n || w[e] !== "," || sentOf(tokens, e) !== sentOf(tokens, e - 1)) return null;
  let j = e + 1;
  const sent = sentOf(tokens, e);
  let possessorPerson: number | undefined;
  let country: string | null = null;
  let countrySpan: Span | null = null;
  const openedWithDet = j < n && DETS.has(lw[j]!);
  if (openedWithDet) j++;
  else if (j + 1 < n && (w[j + 1] === "'s" || w[j + 1] === "’s")) {
    const h = hitAt[j];
    if (h && (h.entry.kind === "country" || h.entry.via === "igo")) {
      country = h.entry.code ?? h.entry.actor;
      countrySpan = spanOf(tokens, j, j + 2);
    } else if (isMentionStart(cx, j)) possessorPerson = j;
    else return null;
    j += 2;
  } else if (j < n && (possessorFromHit(cx, j) !== null)) {
    const h = hitAt[j]!;
    const k = h.e;
    if (w[k] === "'s" || w[k] === "’s") {
      country = h.entry.code ?? h.entry.actor;
      countrySpan = spanOf(tokens, j, k + 1);
      j = k + 1;
    }
  } else if (j < n && isMentionStart(cx, j)) {
    const me = mentionEnd[j]!;
    if (w[me] === "'s" || w[me] === "’s") {
      possessorPerson = j;
      j = me + 1;
    } else return null;
  }
  if (j < n && /^(?:and|or|of|to|for|in|at|from|with)$/.test(lw[j]!)) return null;
  const start = j;
  const parts: string[] = [];
  let head = false;
  let counterpart = false;
  let k = j;
  let body: string | null = null;
  for (; k < n && sentOf(tokens, k) === sent && k - start < 14; k++) {
    const t = w[k]!;
    const lt = lw[k]!;
    const c = cls[k]!;
    if (t === "," || t === "." || t === ";" || t === "(" || t === ")" || t === ":" || t === "\"" || t === "“" || t === "”") break;
    if (STOP_APPOS.has(lt) && t === lt && lt !== "on") break;
    const h = hitAt[k];
    if (h) {
      const en = h.entry;
      const after = w[h.e];
      if (en.kind === "country" && (after === "'s" || after === "’s")) {
        // "to Ukraine's president" → "to the president", country Ukraine
        country = en.actor;
        countrySpan = spanOf(tokens, h.s, h.e + 1);
        if (parts.length && !/^(?:the)$/.test(parts[parts.length - 1]!)) parts.push("the");
        k = h.e;
        continue;
      }
      if (en.kind === "country" && en.via === "demonym") {
        if (!country) {
          country = en.actor;
          countrySpan = spanOf(tokens, h.s, h.e);
        }
        k = h.e - 1;
        continue;
      }
      if (en.kind === "country") {
        // "of Ukraine", "from Ukraine"
        if (!country) {
          country = en.actor;
          countrySpan = spanOf(tokens, h.s, h.e);
        }
        if (parts.length && /^(?:of|from)$/.test(parts[parts.length - 1]!)) parts.pop();
        k = h.e - 1;
        continue;
      }
      if (en.via === "igo") {
        body = en.code ?? en.actor;
        if (!country || country.length === 3) {
          country = body;
          countrySpan = spanOf(tokens, h.s, h.e);
        }
        parts.push(body ?? en.name);
        k = h.e - 1;
        continue;
      }
      break;
    }
    if ((t === "'s" || t === "’s") && k > start && hitAt[k - 1]) {
      // "the EU's foreign policy chief": the body is the possessor
      if (parts.length && parts[parts.length - 1] === (body ?? "")) parts.pop();
      continue;
    }
    if (lt === "counterpart" || lt === "counterparts") {
      counterpart = true;
      parts.push(lt);
      continue;
    }
    if (c & W_ROLE_HEAD) {
      head = true;
      parts.push(t);
      continue;
    }
    if (c & W_ROLE_MOD || /^(?:of|to|for|the|and|from|in|at)$/.test(lt)) {
      parts.push(t);
      continue;
    }
    if (c & W_CAP && c & (W_ORG_HEAD | W_NON_NAME)) {
      parts.push(t);
      continue;
    }
    break;
  }
  if (!head && !counterpart) return null;
  if (k - start > 12) return null;
  if (isMentionStart(cx, k) && !openedWithDet) return null; // the words were the next person's title
  // an organisation name spelled out before its acronym: "(OSCE)" → keep the acronym
  while (parts.length && /^(?:of|to|for|the|and|from|in|at)$/.test(parts[parts.length - 1]!.toLowerCase())) parts.pop();
  if (counterpart) {
    const ref = referentBefore(cx, ms);
    return { role: null, roleSpan: spanOf(tokens, start, Math.max(start + 1, k)), country, countrySpan, rule: "role.counterpart-apposition", counterpartOf: ref };
  }
  while (parts.length > 1 && DROP_MODS.has(parts[0]!.toLowerCase()) && !L.roleCanon.has(parts.join(" ").toLowerCase())) parts.shift();
  let role = normaliseRole(cx, parts.join(" "));
  if (body && roleBody(cx, role) === null && !new RegExp(`\\b${body}\\b`).test(role)) role = `${role} of the ${body}`;
  if (body) {
    const rb = roleBody(cx, role);
    if (rb) country = rb;
  }
  const roleSpan = spanOf(tokens, start, Math.max(start + 1, k));
  if (possessorPerson !== undefined) return { role, roleSpan, country, countrySpan, rule: "role.apposition-possessor", possessorPerson };
  return { role, roleSpan, country, countrySpan, rule: "role.apposition" };
}

function possessorFromHit(cx: Ctx, j: number): LexHit | null {
  const { hitAt } = cx;
  const h = hitAt[j];
  if (h && h.s === j && (h.entry.kind === "country" || h.entry.via === "igo")) return h;
  return null;
}

/** "Russia's ambassador at the United Nations in Geneva, Gennady Gatilov" / "the Netherlands' Foreign Minister, Wopke Hoekstra" */
function appositionBefore(cx: Ctx, s: number): RoleCand | null {
  const { tokens, w, lw, cls, hitAt, n, mentionEnd } = cx;
  if (s < 2 || w[s - 1] !== "," || sentOf(tokens, s - 1) !== sentOf(tokens, s)) return null;
  // the name must end the apposition: followed by , or . or a verb
  const e = mentionEnd[s]!;
  if (e < n && !/^(?:,|\.|said|says|told|who|has|had|was|is|and)$/.test(w[e]!)) return null;
  let j = s - 2;
  const sent = sentOf(tokens, s);
  let head = false;
  let country: string | null = null;
  let countrySpan: Span | null = null;
  let body: string | null = null;
  const roleToks: number[] = [];
  for (; j >= 0 && sentOf(tokens, j) === sent && s - j < 14; j--) {
    const t = w[j]!;
    const lt = lw[j]!;
    const c = cls[j]!;
    const h = hitAt[j];
    if (h) {
      if (h.entry.kind === "country" || h.entry.kind === "place") {
        if (!country && h.entry.kind === "country") {
          country = h.entry.actor;
          countrySpan = spanOf(tokens, h.s, h.e);
        }
        if (w[h.e] === "'s" || w[h.e] === "’s" || w[h.e] === "'" || w[h.e] === "’") {
          // possessor ends the phrase
          j = h.s - 1;
          break;
        }
        for (let k = h.e - 1; k >= h.s; k--) roleToks.unshift(k);
        j = h.s;
        continue;
      }
      if (h.entry.via === "igo") {
        body = h.entry.code ?? h.entry.actor;
        for (let k = h.e - 1; k >= h.s; k--) roleToks.unshift(k);
        j = h.s;
        continue;
      }
      break;
    }
    if (t === "'s" || t === "’s" || t === "'" || t === "’") {
      // "the country's prime minister, X": a possessive noun for the article's state ends the phrase
      if (j > 0 && STATE_NOUNS.has(lw[j - 1]!) && roleToks.length) break;
      continue;
    }
    if (c & W_ROLE_HEAD) {
      head = true;
      roleToks.unshift(j);
      continue;
    }
    if (SKIP_ADJ.has(lt) && roleToks.length) continue; // "Brazil's former far-right president, X"
    if (c & W_ROLE_MOD || (c & W_CAP && c & (W_ORG_HEAD | W_NON_NAME))) {
      if (DETS.has(lt)) break;
      roleToks.unshift(j);
      continue;
    }
    if (/^(?:of|to|for|at|in)$/.test(lt) && roleToks.length) {
      roleToks.unshift(j);
      continue;
    }
    if (lt === "the" && roleToks.length && j + 1 < n && !(cls[j + 1]! & (W_ROLE_HEAD | W_ROLE_MOD))) {
      roleToks.unshift(j);
      continue;
    }
    break;
  }
  if (!head) return null;
  // the phrase must begin the clause: after a determiner, a possessive, "with", "and", or the sentence start
  const before = j >= 0 && sentOf(tokens, j) === sent ? lw[j]! : "";
  if (before && !DETS.has(before) && !/^(?:with|and|by|to|as|,|'s|’s|'|’|including|from)$/.test(before) && !hitAt[j + 1]) {
    if (!(hitAt[j] && (w[j + 1] === "'s" || w[j + 1] === "’s"))) return null;
  }
  while (roleToks.length && /^(?:of|for|the|to|at|in)$/.test(lw[roleToks[0]!]!)) roleToks.shift();
  if (!roleToks.length) return null;
  const role = roleText(cx, roleToks);
  if (body && !country) country = roleBody(cx, role) ?? body;
  return { role, roleSpan: spanOf(tokens, roleToks[0]!, roleToks[roleToks.length - 1]! + 1), country, countrySpan, rule: "role.apposition-before" };
}

/** "X resigned as Zimbabwe's president", "X announced his resignation as prime minister", "X was sworn in as president" */
function asRoleAfter(cx: Ctx, e: number): RoleCand | null {
  const { tokens, w, lw, cls, hitAt, n } = cx;
  const sent = sentOf(tokens, e - 1);
  let j = e;
  let trigger = false;
  for (; j < n && j < e + 6 && sentOf(tokens, j) === sent && lw[j] !== "as"; j++) {
    if (AS_ROLE_VERBS.has(lw[j]!)) trigger = true;
    if (w[j] === "," && j === e && lw[j + 1] === "who") continue; // "X, who served as …"
    if (!(cls[j]! & W_WORD)) return null;
  }
  if (!trigger || j >= n || lw[j] !== "as" || sentOf(tokens, j) !== sent) return null;
  j++;
  let country: string | null = null;
  let countrySpan: Span | null = null;
  if (j < n && (lw[j] === "the" || lw[j] === "his" || lw[j] === "her")) j++;
  const h = hitAt[j];
  if (h && h.s === j && h.entry.kind === "country" && (w[h.e] === "'s" || w[h.e] === "’s")) {
    country = h.entry.actor;
    countrySpan = spanOf(tokens, h.s, h.e + 1);
    j = h.e + 1;
  } else if (h && h.s === j && h.entry.kind === "country" && h.entry.via === "demonym") {
    country = h.entry.actor;
    countrySpan = spanOf(tokens, h.s, h.e);
    j = h.e;
  }
  const roleToks: number[] = [];
  let head = -1;
  for (let k = j; k < n && k < j + 5 && sentOf(tokens, k) === sent; k++) {
    if (cls[k]! & W_ROLE_HEAD) {
      roleToks.push(k);
      head = k;
      continue;
    }
    if (cls[k]! & W_ROLE_MOD && head < 0) {
      roleToks.push(k);
      continue;
    }
    break;
  }
  if (head < 0) return null;
  const toks = roleToks.slice(0, roleToks.indexOf(head) + 1);
  return { role: roleText(cx, toks), roleSpan: spanOf(tokens, toks[0]!, head + 1), country, countrySpan, rule: "role.as" };
}

/** "President Vladimir Putin of Russia" */
function ofCountryAfter(cx: Ctx, e: number): RoleCand | null {
  const { tokens, lw, hitAt, n } = cx;
  if (e + 1 < n && lw[e] === "of" && sentOf(tokens, e) === sentOf(tokens, e - 1)) {
    const h = hitAt[e + 1];
    if (h && h.s === e + 1 && h.entry.kind === "country" && h.entry.via === "name") {
      return { role: null, roleSpan: null, country: h.entry.actor, countrySpan: spanOf(tokens, h.s, h.e), rule: "country.of" };
    }
  }
  return null;
}

/** The person a "his counterpart" refers to: the nearest earlier person mention in the sentence, else before. */
function referentBefore(cx: Ctx, k: number): number | undefined {
  const { mentionStarts } = cx;
  let best: number | undefined;
  for (const ms of mentionStarts) {
    if (ms >= k) break;
    best = ms;
  }
  // skip a mention that is the counterpart itself
  return best;
}

function roleText(cx: Ctx, toks: number[]): string {
  const { L, w, lw, cls } = cx;
  // "House Foreign Affairs Committee Chair" → "Chair of the House Foreign Affairs Committee"
  const last = toks[toks.length - 1]!;
  if (toks.length >= 3 && /^(?:chair|chairman|chairwoman|chairperson|head|director|president)$/.test(lw[last]!) && cls[toks[toks.length - 2]!]! & W_ORG_HEAD) {
    const body = toks.slice(0, -1).map((k) => w[k]!).join(" ");
    return `${w[last]!.charAt(0).toUpperCase()}${w[last]!.slice(1)} of the ${body}`;
  }
  const out: string[] = [];
  for (const k of toks) {
    const lt = lw[k]!;
    if (DROP_MODS.has(lt) && out.length === 0 && toks.length > 1 && !L.roleCanon.has(toks.map((x) => lw[x]).join(" "))) continue;
    out.push(w[k]!);
  }
  return normaliseRole(cx, out.join(" "));
}

function normaliseRole(cx: Ctx, r: string): string {
  // a pure function of the role text (the lexicon is fixed): memoised across articles
  let v = ROLE_NORM.get(r);
  if (v === undefined) {
    v = normaliseRoleOnce(cx, r);
    if (ROLE_NORM.size > 20_000) ROLE_NORM.clear();
    ROLE_NORM.set(r, v);
  }
  return v;
}

function normaliseRoleOnce(cx: Ctx, r: string): string {
  const { L } = cx;
  const lr = r.toLowerCase().replace(/\s+/g, " ").trim();
  const c = L.roleCanon.get(lr);
  if (c) return c;
  // "UN refugee chief" → "UN High Commissioner for Refugees"
  for (const [k, v] of L.roleCanon) {
    if (lr.endsWith(` ${k}`)) {
      const prefix = r.slice(0, r.length - k.length).trim();
      const prefixL = prefix.toLowerCase();
      if (DROP_MODS.has(prefixL)) return v;
      return `${prefix} ${v}`;
    }
  }
  return r.replace(/\s+/g, " ").replace(/ (['’]s)/g, "$1").replace(/\b([Aa]mbassador) at\b/, "$1 to").trim();
}

function roleBody(cx: Ctx, role: string): string | null {
  const { L } = cx;
  const lr = role.toLowerCase();
  for (const [k, v] of L.roleBody) if (lr.includes(k)) return v;
  return null;
}

/** The person whose mention starts at token k, if any. */
function personAtTok(cx: Ctx, k: number | undefined): number | undefined {
  if (k === undefined) return undefined;
  const v = cx.personAt[k];
  return v !== undefined && v > 0 ? v - 1 : undefined;
}

/** True when a person mention starts at token k (false for any k outside the text). */
function isMentionStart(cx: Ctx, k: number): boolean {
  return cx.personAt[k]! > 0;
}

function counterpartTitle(cx: Ctx, role: string, cc: string | null): string {
  const { L } = cx;
  const lr = role.toLowerCase().replace(/^(?:deputy|vice) /, "");
  const fn = L.roleFunction.get(lr);
  if (!fn) return role;
  const own = cc ? L.titleByCountry.get(cc)?.get(fn) : undefined;
  return own ?? L.defaultTitle.get(fn) ?? role;
}

function personFunction(cx: Ctx, pi: number): string | null {
  const { L, resolved } = cx;
  const v = resolved[pi]!.role?.value;
  if (!v) return null;
  let f = ROLE_FN.get(v);
  if (f === undefined) {
    const base = v.toLowerCase().replace(/^(?:un|u\.n\.) /, "");
    f = L.roleFunction.get(base) ?? base;
    if (ROLE_FN.size > 20_000) ROLE_FN.clear();
    ROLE_FN.set(v, f);
  }
  return f;
}

function hasPossessor(cx: Ctx, pi: number) {
  const { persons } = cx;
  return persons[pi]!.cands.some((c) => c.possessorPerson !== undefined);
}

/** The one person among the mentions before token `before` (-1: none, -2: several). */
function soleOf(list: Array<{ tok: number; pi: number }> | undefined, before: number): number {
  let one = -1;
  if (list) for (const x of list) {
    if (x.tok >= before) continue;
    if (one === -1) one = x.pi;
    else if (x.pi !== one) return -2;
  }
  return one;
}

function tokIndexAt(cx: Ctx, pos: number): number {
  const { tokens, n } = cx;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo < n && tokens[lo]!.start <= pos ? lo : -1;
}

/** An organisation named by a capitalised run ending in an organisation noun ("the Turkish Foreign Ministry"). */
function addOrgRun(cx: Ctx, s: number, e: number): void {
  const { tokens, text, w, lw, cls, hitAt, n, consumed, mentions, orgs } = cx;
  // drop leading function words and sentence openers
  while (s < e && (DETS.has(lw[s]!) || ((cls[s]! & (W_NON_NAME | W_ORG_HEAD)) === W_NON_NAME && !hitAt[s] && !/^(?:Foreign|Defense|Defence|Interior|National|Security|State|Human|Rights|Supreme|High|Federal|Central|European|International|Presidency|Emergency|Emergencies|Health|Justice|Finance|Trade|Energy|Disaster|Assistance|Response|Development|Communist|Democratic|Republican|Labour|Liberal|Conservative|Socialist|Green|World|Global|General|Security|Press|News|Daily|Radio)$/.test(w[s]!)))) s++;
  if (s >= e) return;
  let actor: string | null = null;
  for (let k = s; k < e; k++) {
    const h = hitAt[k];
    if (h && (h.entry.kind === "country" || h.entry.via === "igo")) {
      actor = h.entry.code ?? h.entry.actor;
      break;
    }
  }
  // "Turkey's Foreign Ministry"
  if (!actor && s >= 2 && (w[s - 1] === "'s" || w[s - 1] === "’s")) {
    const h = hitAt[s - 2];
    if (h && (h.entry.kind === "country" || h.entry.kind === "place")) actor = h.entry.actor;
  }
  const span = spanOf(tokens, s, e);
  const name = text.slice(span.start, span.end);
  const oi = addOrg(cx, name, actor, span, "org.run");
  // parties, fronts, movements, militias: non-state actors in the mention layer
  if (GROUP_HEADS.has(w[e - 1]!) || /\bLiberation\b/.test(name)) {
    const m = mentions[mentions.length - 1]!;
    m.kind = "group";
    m.ref = -1;
    m.actor = null;
    m.rule = "group.org-noun";
  }
  // "(OSCE)" after the name
  if (e + 2 < n && w[e] === "(" && w[e + 2] === ")" && cls[e + 1]! & W_ALL_CAPS) {
    const o = orgs[oi]!;
    if (!o.aliases.includes(w[e + 1]!)) o.aliases.push(w[e + 1]!);
  }
  for (let k = s; k < e; k++) consumed[k] = 1;
}

function addOrg(cx: Ctx, name: string, actor: string | null, span: Span, rule: string, alias?: string): number {
  const { mentions, orgs, orgByKey } = cx;
  const key = nameKey(name.replace(/^the /i, ""));
  let oi = orgByKey.get(key);
  if (oi === undefined) {
    oi = orgs.length;
    orgs.push({ name, aliases: [], actor, mentions: [] });
    orgByKey.set(key, oi);
  }
  const o = orgs[oi]!;
  if (alias && alias !== o.name && !o.aliases.includes(alias)) o.aliases.push(alias);
  if (!o.actor && actor) o.actor = actor;
  o.mentions.push(span);
  mentions.push(mk(span, "org", oi, o.actor, "name", rule));
  return oi;
}

function addPlace(cx: Ctx, name: string, country: string | null, span: Span, lat: number | null, lon: number | null, rule: string, via = "name"): void {
  const { mentions, places, placeByKey } = cx;
  const key = nameKey(name);
  let pi = placeByKey.get(key);
  if (pi === undefined) {
    pi = places.length;
    places.push({ name, country, lat, lon, mentions: [] });
    placeByKey.set(key, pi);
  }
  places[pi]!.mentions.push(span);
  mentions.push(mk(span, "place", pi, country, via, rule));
}

function addPlaceOnly(cx: Ctx, name: string, country: string | null, g: [string, number, number, number] | undefined): void {
  const { places, placeByKey } = cx;
  const key = nameKey(name);
  if (placeByKey.has(key)) return;
  placeByKey.set(key, places.length);
  places.push({ name, country, lat: g ? g[1] : null, lon: g ? g[2] : null, mentions: [] });
}

/**
 * False when no gazetteer name of two or more tokens can begin at token k: the token is followed by a
 * space and no gazetteer name begins with the token's text and a space. Spares slicing and hashing the
 * candidate phrases of most capitalised words.
 */
function gazetteerMayStart(cx: Ctx, k: number): boolean {
  const { tokens, text, cls } = cx;
  return text.charCodeAt(tokens[k]!.end) !== 32 || (cls[k]! & W_GAZ_HEAD) !== 0;
}

function guessCountry(cx: Ctx, name: string): string | null {
  const { L } = cx;
  const g = L.gazetteer.get(name);
  if (g) return g[0];
  const h = L.phrases.get(name)?.find((p) => p.toks.length === 1);
  return h?.entry.kind === "place" || h?.entry.kind === "country" ? h.entry.actor : null;
}
