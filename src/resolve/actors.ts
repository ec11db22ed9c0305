/**
 * The actor registry: one record per real person across articles.
 *
 * Pure logic, no SQL: given the persons of one article and the registry actors that share a
 * key with them (a few index lookups by the store), decide which actor each person is, which
 * actors to create and which keys to add. The store adapters run it inside the article's
 * transaction (src/store/registry.ts); the ingest service uses the same matching, read-only, to
 * fill a person's missing role/country from other articles of the same time (inferFromRegistry).
 *
 * Keys (all from nameKey of src/text/names.ts: case, diacritics, apostrophes and common
 * transliteration pairs folded — Çavuşoğlu = Cavusoglu, Sergei = Sergey, Oleksii = Oleksiy,
 * Zelensky = Zelenskyy):
 * - full: the whole name ("sergei lavrov"); an exact full-key hit is the same person;
 * - surname: the family name, with its particles ("von der leyen"); a family-name-first alias
 *   that opens the name ("Xi" of "Xi Jinping") counts too.
 * Matching, in order: a full key → that actor; else the actors sharing a surname whose given
 * names are compatible (one set within the other, allowing a one-letter spelling difference:
 * Dmytro/Dmitry, Antony/Anthony; initials match their name) and whose country does not
 * contradict a stated one — joined when exactly one is left; a surname-only person also needs
 * a role that does not contradict. Two people sharing a surname with different given names or
 * different stated countries stay apart.
 */
import type { ArticleRecord, RegistrySource, TextSpan } from "../core/types.js";
import { foldName } from "../text/fold.js";
import { nameKey } from "../text/names.js";

/** Name particles that belong to the surname ("von der Leyen", "bin Salman", "de Mistura"). */
const PARTICLES = new Set([
  "von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "al", "el", "bin", "ibn", "abu", "ter",
  "ten", "dos", "das", "do", "zu", "ben", "bint",
]);
/** Words of a role that say nothing of which office it is. */
const ROLE_STOP = new Set(["of", "the", "to", "for", "and", "in", "on", "a", "an", "at", "s", "its", "his", "her", "former", "then", "current", "acting"]);

/** What the registry needs of one article person. */
export interface RegistryPerson {
  idx: number;
  name: string;
  aliases: readonly string[];
  role: string | null;
  country: string | null;
  /** the country is stated in the text (an inferred one never contradicts) */
  countryStated: boolean;
  /** role/country were filled from the registry itself (they do not update the actor) */
  fromRegistry?: boolean;
}

/** A registry actor as the store reads it back for matching. */
export interface ActorCandidate {
  id: string;
  name: string;
  role: string | null;
  country: string | null;
  /** the country was stated by some article (an actor's inferred country never contradicts) */
  country_stated: boolean;
  articles: number;
  /** never seen with a given name */
  surname_only: boolean;
  /** a surname-only actor opened because several actors had that surname: never absorbed */
  ambiguous: boolean;
  full: string[];
  surnames: string[];
  /** the folded forms already filed for it (kind "name"), when the store read them: not written again */
  names?: string[];
}

export type KeyKind = "full" | "surname" | "name";

export interface ActorKeyRow {
  kind: KeyKind;
  key: string;
  actor_id: string;
}

/** What to write for one actor touched by the article. */
export interface ActorWrite {
  id: string;
  /** the name a new actor starts with (the store then shows the most frequent full form, see `names`) */
  name: string;
  created: boolean;
  /** the full-name forms this article uses for the actor (counted by the store) */
  names: string[];
  role: string | null;
  country: string | null;
  country_stated: boolean;
  surname_only: boolean;
  ambiguous: boolean;
}

export interface ActorPlan {
  /** actor id per person, by person idx */
  assign: Map<number, string>;
  actors: ActorWrite[];
  keys: ActorKeyRow[];
}

/** The keys of one name: its full key, its surname key(s) and its given-name tokens. */
export interface NameKeys {
  full: string[];
  surnames: string[];
  given: string[][];
}

const tokensOf = (key: string): string[] => (key ? key.split(" ") : []);

/** The registry key of a name: nameKey (case, diacritics, transliteration folded), letters and digits only. */
export function actorKey(name: string): string {
  return nameKey(name).replace(/[^a-z0-9 ]+/g, " ").replace(/\s+/g, " ").trim();
}

/** The index where the surname starts: the last token with the particles before it. */
function surnameTail(tokens: readonly string[]): number {
  let i = tokens.length - 1;
  while (i > 0 && PARTICLES.has(tokens[i - 1]!)) i--;
  return i;
}

const startsWith = (t: readonly string[], a: readonly string[]) => a.length < t.length && a.every((x, i) => t[i] === x);
const endsWith = (t: readonly string[], a: readonly string[]) => a.length < t.length && a.every((x, i) => t[t.length - a.length + i] === x);

/**
 * Splits a full name's tokens into surname and given names: a surname alias that is its tail,
 * else one that opens it (family name first: "Xi" of "Xi Jinping"), else the last word with
 * its particles. Null when no given name is left (a bare surname, "von der Leyen").
 */
function splitName(t: readonly string[], surnameAliases: readonly (readonly string[])[]): { surname: string; given: string[] } | null {
  if (t.length < 2) return null;
  let sn = surnameAliases.find((a) => endsWith(t, a));
  let given: readonly string[];
  if (sn) given = t.slice(0, t.length - sn.length);
  else if ((sn = surnameAliases.find((a) => startsWith(t, a)))) given = t.slice(sn.length);
  else {
    const i = surnameTail(t);
    sn = t.slice(i);
    given = t.slice(0, i);
  }
  const g = given.filter((x) => !PARTICLES.has(x));
  return g.length ? { surname: sn.join(" "), given: g } : null;
}

/**
 * Keys of a person (name + aliases). A one-word alias (or one opening with a particle) that ends
 * or opens the name is its surname; other multi-word aliases are full names (other spellings:
 * "Dmitry Kuleba"); another one-word alias is an extra surname key (a short form).
 */
export function personKeys(name: string, aliases: readonly string[] = []): NameKeys {
  const nk = actorKey(name);
  const nt = tokensOf(nk);
  const full = new Set<string>();
  const surnames = new Set<string>();
  const given: string[][] = [];
  const aks = [...new Set(aliases.map(actorKey))].filter((k) => k !== "" && k !== nk).map(tokensOf);
  const snAliases = aks.filter((a) => (a.length === 1 || PARTICLES.has(a[0]!)) && (endsWith(nt, a) || startsWith(nt, a)));
  const add = (t: string[]): boolean => {
    const s = splitName(t, snAliases);
    if (!s) return false;
    full.add(t.join(" "));
    surnames.add(s.surname);
    // "al-Burhan" is also written "Burhan": the last word alone is a surname key too
    surnames.add(t[t.length - 1]!);
    given.push(s.given);
    return true;
  };
  if (!add(nt) && nk) surnames.add(nt.slice(surnameTail(nt)).join(" "));
  for (const a of aks) {
    if (snAliases.includes(a)) continue;
    if (!add(a) && a.length === 1) surnames.add(a[0]!);
  }
  return { full: [...full], surnames: [...surnames], given };
}

/** The keys to look up for an article's persons (one store query). */
export function lookupKeys(persons: readonly Pick<RegistryPerson, "name" | "aliases">[]): { full: string[]; surnames: string[] } {
  const full = new Set<string>();
  const surnames = new Set<string>();
  for (const p of persons) {
    const k = personKeys(p.name, p.aliases);
    for (const f of k.full) full.add(f);
    for (const s of k.surnames) surnames.add(s);
  }
  return { full: [...full], surnames: [...surnames] };
}

/** At most one edit (substitution, insertion, deletion or adjacent swap) apart. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Edit distance (with adjacent swaps), or max + 1 when it exceeds max. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return Math.min(prev[b.length]!, max + 1);
}

/** Masculine/feminine forms of one name: Ivan/Ivana, Mario/Maria, Alexander/Alexandra. */
function genderPair(a: string, b: string): boolean {
  if (a + "a" === b || b + "a" === a) return true;
  return a.length === b.length && a.slice(0, -1) === b.slice(0, -1) && (a.endsWith("a") || b.endsWith("a"));
}

/**
 * Two given names of one person: equal, an initial of the other, or `edits` letters apart with
 * the same first letter (spelling variants: Dmytro/Dmitry, Antony/Anthony), never a masculine /
 * feminine pair.
 */
export function sameGiven(a: string, b: string, edits = 1): boolean {
  if (a === b) return true;
  if (a.length === 1 || b.length === 1) return a[0] === b[0];
  if (a[0] !== b[0] || Math.min(a.length, b.length) < 4) return false;
  if (genderPair(a, b)) return false;
  return edits === 1 ? withinOneEdit(a, b) : editDistance(a, b, edits) <= edits;
}

/** Given-name lists compatible: every name of the shorter list matches one of the longer. */
export function givenCompatible(x: readonly string[], y: readonly string[], edits = 1): boolean {
  if (!x.length || !y.length) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.every((g) => long.some((h) => sameGiven(g, h, edits)));
}

const roleWords = (role: string): string[] =>
  foldName(role).split(" ").filter((w) => w.length > 1 && !ROLE_STOP.has(w)).map((w) => w.slice(0, 5));

/** Roles that may be one office (share a content word); unknown roles never contradict. */
export function rolesCompatible(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  const wa = new Set(roleWords(a));
  if (!wa.size) return true;
  const wb = roleWords(b);
  return !wb.length || wb.some((w) => wa.has(w));
}

/** A stated country contradicts the actor's known one. */
const countryClash = (p: RegistryPerson, c: ActorCandidate) =>
  p.countryStated && !!p.country && c.country_stated && !!c.country && p.country !== c.country;

/** The given-name lists of a candidate, one per full key. */
function candidateGiven(c: ActorCandidate): string[][] {
  const sn = c.surnames.map(tokensOf);
  const out: string[][] = [];
  for (const f of c.full) {
    const s = splitName(tokensOf(f), sn);
    if (s) out.push(s.given);
  }
  return out;
}

/** The registry id of a new actor: its folded name as a slug. */
export function actorSlug(name: string): string {
  return foldName(name).replace(/ /g, "-").slice(0, 80) || "person";
}

/**
 * Decides the actor of every person of one article. `candidates` are the actors the store found
 * for lookupKeys(persons); they are not modified. Pure and deterministic.
 */
export function planActors(persons: readonly RegistryPerson[], candidates: readonly ActorCandidate[]): ActorPlan {
  const pool: ActorCandidate[] = candidates.map((c) => ({ ...c, full: [...c.full], surnames: [...c.surnames] }));
  const byId = new Map(pool.map((c) => [c.id, c]));
  const assign = new Map<number, string>();
  const writes = new Map<string, ActorWrite>();
  const keys = new Map<string, ActorKeyRow>();
  // the keys the store already holds: only new ones are written
  const known = new Set<string>();
  for (const c of candidates) {
    for (const f of c.full) known.add(`full\u0000${f}\u0000${c.id}`);
    for (const f of c.surnames) known.add(`surname\u0000${f}\u0000${c.id}`);
    for (const f of c.names ?? []) known.add(`name\u0000${f}\u0000${c.id}`);
  }
  const addKey = (kind: KeyKind, key: string, actor_id: string) => {
    const k = `${kind}\u0000${key}\u0000${actor_id}`;
    if (key && !known.has(k)) keys.set(k, { kind, key, actor_id });
  };
  // full names first, so that a surname-only person of the article can join a full name of it
  const order = [...persons].sort((a, b) => personKeys(b.name, b.aliases).full.length - personKeys(a.name, a.aliases).full.length || a.idx - b.idx);
  for (const p of order) {
    const k = personKeys(p.name, p.aliases);
    if (!k.full.length && !k.surnames.length) continue;
    let hit: ActorCandidate | undefined;
    // 1. a full key: the same person (the most frequent one if two actors hold the key)
    const byFull = pool.filter((c) => c.full.some((f) => k.full.includes(f)));
    if (byFull.length) hit = byFull.sort((a, b) => b.articles - a.articles || (a.id < b.id ? -1 : 1))[0];
    // 2. a surname with compatible given names and country (and role, for a surname-only person)
    if (!hit) {
      const sameSurname = pool.filter((c) => c.surnames.some((s) => k.surnames.includes(s)));
      const surnameOnly = !k.full.length;
      const ok = sameSurname.filter((c) => {
        if (countryClash(p, c)) return false;
        if (surnameOnly) return true;
        if (c.surname_only) return !c.ambiguous;
        const cg = candidateGiven(c);
        if (k.given.some((g) => cg.some((h) => givenCompatible(g, h)))) return true;
        // a given name two letters off (a typo: Wophe/Wopke) only with the same stated country and a compatible role
        return p.countryStated && p.country === c.country && !!p.role && !!c.role && rolesCompatible(p.role, c.role)
          && k.given.some((g) => cg.some((h) => givenCompatible(g, h, 2)));
      });
      if (surnameOnly) {
        const named = ok.filter((c) => !c.surname_only && rolesCompatible(p.role, c.role));
        if (named.length === 1) hit = named[0];
        else if (named.length === 0) {
          // no named actor: the surname-only actor of that surname, if any (not an ambiguous one unless it is all there is)
          const bare = ok.filter((c) => c.surname_only && rolesCompatible(p.role, c.role));
          hit = bare.find((c) => !c.ambiguous) ?? bare[0];
        } else {
          // several named actors fit: the one whose role or stated country agrees, when just one does
          const agree = named.filter((c) => (p.role && c.role && rolesCompatible(p.role, c.role)) || (p.countryStated && p.country && p.country === c.country));
          if (agree.length === 1) hit = agree[0];
          else hit = ok.find((c) => c.surname_only && c.ambiguous) ?? newActor(p, k, true);
        }
      } else if (ok.length === 1) hit = ok[0];
      else if (ok.length > 1) {
        // prefer a named actor whose given names are equal, then the only surname-only one
        const exact = ok.filter((c) => !c.surname_only && candidateGiven(c).some((h) => k.given.some((g) => g.length && g.every((x) => h.includes(x)))));
        if (exact.length === 1) hit = exact[0];
        else {
          const bare = ok.filter((c) => c.surname_only);
          hit = exact.length === 0 && bare.length === 1 ? bare[0] : undefined;
        }
      }
    }
    hit ??= newActor(p, k, false);
    assign.set(p.idx, hit.id);
    // the actor learns this person's keys; a surname-only actor that gets a full name becomes named
    let w = writes.get(hit.id);
    if (!w) {
      w = {
        id: hit.id, name: hit.name, created: !byId.has(hit.id), names: [], role: null, country: null, country_stated: false,
        surname_only: hit.surname_only, ambiguous: hit.ambiguous,
      };
      writes.set(hit.id, w);
    }
    if (!byId.has(hit.id)) {
      byId.set(hit.id, hit);
      pool.push(hit);
    }
    for (const f of k.full) {
      if (!hit.full.includes(f)) hit.full.push(f);
      addKey("full", f, hit.id);
    }
    for (const s of k.surnames) {
      if (!hit.surnames.includes(s)) hit.surnames.push(s);
      addKey("surname", s, hit.id);
    }
    for (const n of [p.name, ...p.aliases]) addKey("name", foldName(n), hit.id);
    if (k.full.length && hit.surname_only && !hit.ambiguous) {
      hit.surname_only = false;
      w.surname_only = false;
      if (w.created) w.name = hit.name = p.name;
    }
    // display name: the store counts the full forms and shows the most frequent (the longer on a tie)
    if (k.full.length && !w.names.includes(p.name)) w.names.push(p.name);
    if (!p.fromRegistry) {
      w.role ??= p.role;
      if (p.country && p.countryStated && !w.country_stated) {
        w.country = p.country;
        w.country_stated = true;
      } else w.country ??= p.country;
      if (w.country_stated) {
        hit.country = w.country;
        hit.country_stated = true;
      }
    }
  }
  return { assign, actors: [...writes.values()], keys: [...keys.values()] };

  function newActor(p: RegistryPerson, k: NameKeys, ambiguous: boolean): ActorCandidate {
    return {
      id: actorSlug(p.name), name: p.name, role: null, country: null, country_stated: false, articles: 0,
      surname_only: !k.full.length, ambiguous, full: [], surnames: [],
    };
  }
}

/** Renames the new actors whose slug is taken (by an existing actor or another new one). */
export function uniqueIds(plan: ActorPlan, taken: ReadonlySet<string>): void {
  const used = new Set(taken);
  const rename = new Map<string, string>();
  for (const w of plan.actors) {
    if (!w.created) continue;
    let id = w.id;
    for (let n = 2; used.has(id); n++) id = `${w.id}-${n}`;
    used.add(id);
    if (id !== w.id) {
      rename.set(w.id, id);
      w.id = id;
    }
  }
  if (!rename.size) return;
  for (const [idx, id] of plan.assign) if (rename.has(id)) plan.assign.set(idx, rename.get(id)!);
  for (const k of plan.keys) if (rename.has(k.actor_id)) k.actor_id = rename.get(k.actor_id)!;
}

/** The registry persons of an article record. */
export function registryPersons(record: ArticleRecord): RegistryPerson[] {
  return record.persons.map((p, idx) => ({
    idx,
    name: p.name,
    aliases: p.aliases ?? [],
    role: p.role_source ? null : p.role ?? null,
    country: p.country_source ? null : p.country ?? null,
    countryStated: p.country != null && p.country_inferred !== true,
  }));
}

// ---------------------------------------------------------------- cross-article inference

/** A stated role/country of an actor in one article, with its evidence there. */
export interface ActorFact {
  actor: string;
  article: string;
  published: string | null;
  role: string | null;
  country: string | null;
  role_stated: boolean;
  country_stated: boolean;
  role_evidence: TextSpan | null;
  country_evidence: TextSpan | null;
}

/** What the inference needs of the store (a subset of the store port). */
export interface RegistryReader {
  findActors(keys: { full: string[]; surnames: string[] }): Promise<ActorCandidate[]>;
  actorFacts(actors: string[], around: string, days: number): Promise<ActorFact[]>;
}

export interface InferOptions {
  /** how far apart (in days) the other article may be (default 60) */
  days?: number;
}

const dayNumber = (iso: string): number | null => {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, m[3] ? +m[3] : 15) / 86_400_000 : null;
};

/**
 * Cross-article inference: a person the article names without a role or country gets it from
 * another article of a nearby time (within `days` of this one's date) that states it: marked
 * inferred, with rule "registry" and the other article's evidence (role_source /
 * country_source). Mutates the record; returns how many values it filled. Costs two store
 * lookups, and none when every person has both or the article has no date.
 */
export async function inferFromRegistry(store: RegistryReader, record: ArticleRecord, opts: InferOptions = {}): Promise<number> {
  const days = opts.days ?? 60;
  const needy = record.persons.map((p, idx) => ({ p, idx })).filter(({ p }) => p.role == null || p.country == null);
  if (!needy.length || !record.published) return 0;
  const here = dayNumber(record.published);
  if (here == null) return 0;
  const persons = registryPersons(record);
  const candidates = await store.findActors(lookupKeys(persons));
  if (!candidates.length) return 0;
  const plan = planActors(persons, candidates);
  const known = new Set(candidates.map((c) => c.id));
  const want = new Map<number, string>();
  for (const { idx } of needy) {
    const id = plan.assign.get(idx);
    if (id && known.has(id)) want.set(idx, id);
  }
  if (!want.size) return 0;
  const facts = (await store.actorFacts([...new Set(want.values())], record.published, days)).filter((f) => f.article !== record.id);
  const nearest = (actor: string, has: (f: ActorFact) => boolean): ActorFact | undefined => {
    let best: ActorFact | undefined;
    let bestGap = Infinity;
    for (const f of facts) {
      if (f.actor !== actor || !has(f) || !f.published) continue;
      const d = dayNumber(f.published);
      if (d == null) continue;
      const gap = Math.abs(d - here);
      if (gap <= days && (gap < bestGap || (gap === bestGap && best && f.article < best.article))) {
        best = f;
        bestGap = gap;
      }
    }
    return best;
  };
  let filled = 0;
  const source = (f: ActorFact, evidence: TextSpan | null): RegistrySource => ({ rule: "registry", article: f.article, published: f.published, evidence });
  for (const [idx, actor] of want) {
    const p = record.persons[idx]!;
    if (p.role == null) {
      const f = nearest(actor, (x) => x.role_stated && x.role != null);
      if (f) {
        p.role = f.role;
        p.role_inferred = true;
        p.role_evidence = null;
        p.role_source = source(f, f.role_evidence);
        filled++;
      }
    }
    if (p.country == null) {
      const f = nearest(actor, (x) => x.country_stated && x.country != null);
      if (f) {
        p.country = f.country;
        p.country_inferred = true;
        p.country_evidence = null;
        p.country_source = source(f, f.country_evidence);
        filled++;
      }
    }
  }
  return filled;
}
