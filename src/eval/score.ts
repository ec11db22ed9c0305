/**
 * The scorer: predicted ArticleRecords against gold articles, as ../shared/corpus/SCHEMA.md
 * ("Scoring") describes. Every matching is one-to-one and maximum (Kuhn's augmenting paths over
 * the bipartite graph of compatible gold/predicted pairs), so results never depend on list order.
 * Counts are kept per article and micro-averaged over the run.
 */
import type { ArticleRecord } from "../core/types.js";
import { foldName, surnameOf } from "../text/fold.js";
import { acronym, canonOrgName, canonRole, countryCode, igoCode } from "./canon.js";
import type { GoldArticle, GoldSide } from "./gold.js";

// ---------------------------------------------------------------- measures

export interface PRF {
  tp: number;
  pred: number;
  gold: number;
  p: number;
  r: number;
  f1: number;
}
export interface Acc {
  correct: number;
  total: number;
  /** null when there was nothing to judge */
  acc: number | null;
}

/** P/R/F1 from counts. Nothing predicted and nothing expected is a perfect 1.0; nothing predicted with something expected is P = 0. */
export function prf(tp: number, pred: number, gold: number): PRF {
  const p = pred === 0 ? (gold === 0 ? 1 : 0) : tp / pred;
  const r = gold === 0 ? (pred === 0 ? 1 : 0) : tp / gold;
  const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  return { tp, pred, gold, p, r, f1 };
}
export function acc(correct: number, total: number): Acc {
  return { correct, total, acc: total === 0 ? null : correct / total };
}

/**
 * Maximum one-to-one matching of gold items i to predicted items j where ok(i, j). Returns pairs
 * [i, j]. `initial` (pairs that must satisfy ok) seeds the matching: augmenting paths keep every
 * seeded gold item matched, and in practice keep most seeded pairs as they are, so a looser
 * criterion seeded with a stricter matching reuses the strict pairs.
 */
export function maxMatch(nGold: number, nPred: number, ok: (i: number, j: number) => boolean, initial: ReadonlyArray<[number, number]> = []): Array<[number, number]> {
  const adj: number[][] = [];
  for (let i = 0; i < nGold; i++) {
    const row: number[] = [];
    for (let j = 0; j < nPred; j++) if (ok(i, j)) row.push(j);
    adj.push(row);
  }
  const predOf = new Array<number>(nPred).fill(-1);
  const tryAug = (i: number, seen: boolean[]): boolean => {
    for (const j of adj[i]!) {
      if (seen[j]) continue;
      seen[j] = true;
      if (predOf[j] === -1 || tryAug(predOf[j]!, seen)) {
        predOf[j] = i;
        return true;
      }
    }
    return false;
  };
  const seeded = new Set<number>();
  for (const [i, j] of initial) {
    predOf[j] = i;
    seeded.add(i);
  }
  for (let i = 0; i < nGold; i++) if (!seeded.has(i)) tryAug(i, new Array<boolean>(nPred).fill(false));
  const pairs: Array<[number, number]> = [];
  predOf.forEach((i, j) => {
    if (i >= 0) pairs.push([i, j]);
  });
  return pairs.sort((a, b) => a[0] - b[0]);
}

// ---------------------------------------------------------------- name matching

type Pred = ArticleRecord;
type GoldPerson = NonNullable<GoldArticle["persons"]>[number];

/** Folded forms of a name plus its aliases. */
function formsOf(name: string, aliases: readonly string[] = []): Set<string> {
  const s = new Set<string>();
  for (const n of [name, ...aliases]) {
    const f = foldName(n);
    if (f) s.add(f);
  }
  return s;
}
function withSurnames(forms: Set<string>): Set<string> {
  const s = new Set(forms);
  for (const f of forms) s.add(surnameOf(f));
  return s;
}
function intersects(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

/** Resolves a person name to all its folded forms via a person list (name or alias equal), plus surnames. */
export class PersonForms {
  private readonly lists: Array<Set<string>>;
  constructor(persons: ReadonlyArray<{ name: string; aliases?: readonly string[] }>) {
    this.lists = persons.map((p) => formsOf(p.name, p.aliases ?? []));
  }
  /** index of the listed person called `name` (a folded name, alias or surname of theirs), else -1 */
  index(name: string): number {
    const f = foldName(name);
    const i = this.lists.findIndex((forms) => forms.has(f));
    if (i >= 0) return i;
    return this.lists.findIndex((forms) => withSurnames(forms).has(f));
  }
  /** every folded form of the person called `name`, with surnames */
  of(name: string): Set<string> {
    const f = foldName(name);
    const out = new Set<string>([f]);
    for (const forms of this.lists) if (forms.has(f)) for (const x of forms) out.add(x);
    return withSurnames(out);
  }
}

/** Whole-word containment of folded strings, either way. */
function contains(a: string, b: string): boolean {
  if (!a || !b) return false;
  return ` ${a} `.includes(` ${b} `) || ` ${b} `.includes(` ${a} `);
}

/** Normalised actor code: upper case, dots dropped ("U.N." → "UN"). */
function normActor(a: string | null | undefined): string | null {
  if (!a) return null;
  return a.toUpperCase().replace(/\./g, "").trim() || null;
}

/**
 * Are two names of an organisation, body, country or descriptive speaker the same? Folded
 * equality, whole-word containment, acronym of one equals the other, the same well-known body
 * (UNHCR = UN Refugee Agency), the same country (Türkiye = Turkey), or the same gold
 * organisation / person (via its aliases).
 */
export function sameBody(a: string, b: string, orgs: Array<Set<string>> = [], people?: PersonForms): boolean {
  const fa = canonOrgName(a);
  const fb = canonOrgName(b);
  if (!fa || !fb) return false;
  if (fa === fb || contains(fa, fb)) return true;
  const aa = acronym(fa);
  const ab = acronym(fb);
  if ((aa.length >= 2 && aa === fb.replace(/ /g, "")) || (ab.length >= 2 && ab === fa.replace(/ /g, ""))) return true;
  const ia = igoCode(a);
  if (ia && ia === igoCode(b)) return true;
  const ca = countryCode(a);
  if (ca && ca === countryCode(b)) return true;
  for (const forms of orgs) if (forms.has(fa) && forms.has(fb)) return true;
  if (people) {
    const pa = people.index(a);
    if (pa >= 0 && pa === people.index(b)) return true;
  }
  return false;
}

// ---------------------------------------------------------------- per-article scores

export interface EventTypeCounts {
  tp: number;
  tpNoDate: number;
  pred: number;
  gold: number;
}

export interface ArticleCounts {
  id: string;
  persons: { tp: number; pred: number; gold: number; roleOk: number; countryOk: number };
  personsNoByline: { tp: number; pred: number; gold: number; roleOk: number; countryOk: number };
  events: { tp: number; tpNoDate: number; pred: number; gold: number; dateOk: number; consultTp: number; consultPred: number; consultGold: number; modeOk: number; modeTotal: number };
  eventTypes: Record<string, EventTypeCounts>;
  figures: { tp: number; pred: number; gold: number; qualifierOk: number; attributionOk: number };
  quotes: { tp: number; pred: number; gold: number; directTp: number; directPred: number; directGold: number; reportedTp: number; reportedPred: number; reportedGold: number };
  published: { ok: number; total: number };
  misses: string[];
  falsePositives: string[];
}

const SYMMETRIC = new Set(["CONSULT", "AGREE", "COOPERATE"]);
const BYLINE_RE = /\(byline\)/i;

type PredEvent = Pred["events"][number];
type GoldEvent = NonNullable<GoldArticle["events"]>[number];

function sideText(s: GoldSide): string {
  return s.person ?? s.group ?? s.actor ?? "∅";
}
function evText(e: { type: string; source: GoldSide; target: GoldSide; date?: string | null; mode?: string | null }): string {
  return `${e.type}${e.mode ? `/${e.mode}` : ""} ${sideText(e.source)} → ${sideText(e.target)} @${e.date ?? "null"}`;
}
function trunc(s: string, n = 70): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** Scores one predicted record against its gold article. */
export function scoreArticle(pred: Pred, gold: GoldArticle): ArticleCounts {
  const misses: string[] = [];
  const fps: string[] = [];
  const goldPersons = gold.persons ?? [];
  const goldPeople = new PersonForms(goldPersons);
  const predPeople = new PersonForms(pred.persons);
  const goldOrgs = (gold.organizations ?? []).map((o) => new Set([...formsOf(o.name, o.aliases ?? [])].map((f) => canonOrgName(f))));

  // ---- persons
  const gForms = goldPersons.map((p) => formsOf(p.name, p.aliases ?? []));
  const pForms = pred.persons.map((p) => formsOf(p.name, p.aliases));
  const personPairs = maxMatch(gForms.length, pForms.length, (i, j) => intersects(gForms[i]!, pForms[j]!));
  const persons = { tp: personPairs.length, pred: pForms.length, gold: gForms.length, roleOk: 0, countryOk: 0 };
  const noBy = { tp: 0, pred: 0, gold: 0, roleOk: 0, countryOk: 0 };
  const isByline = (p: GoldPerson) => BYLINE_RE.test(p.role ?? "");
  const predMatchedTo = new Map<number, number>();
  for (const [i, j] of personPairs) {
    predMatchedTo.set(j, i);
    const g = goldPersons[i]!;
    const p = pred.persons[j]!;
    const roleOk = canonRole(g.role) === canonRole(p.role);
    const countryOk = normActor(g.country) === normActor(p.country);
    if (roleOk) persons.roleOk++;
    else misses.push(`role: ${g.name}: gold "${g.role}" ≠ pred "${p.role}"`);
    if (countryOk) persons.countryOk++;
    else misses.push(`country: ${g.name}: gold ${g.country} ≠ pred ${p.country}`);
    if (!isByline(g)) {
      noBy.tp++;
      if (roleOk) noBy.roleOk++;
      if (countryOk) noBy.countryOk++;
    }
  }
  const matchedGold = new Set(personPairs.map(([i]) => i));
  goldPersons.forEach((g, i) => {
    if (!isByline(g)) noBy.gold++;
    if (!matchedGold.has(i)) misses.push(`person: ${g.name}`);
  });
  pred.persons.forEach((p, j) => {
    const gi = predMatchedTo.get(j);
    // without bylines: a predicted person that matches a byline gold person is neither right nor wrong
    const byline = gi !== undefined ? isByline(goldPersons[gi]!) : gForms.some((f, i) => isByline(goldPersons[i]!) && intersects(f, pForms[j]!));
    if (!byline) noBy.pred++;
    if (gi === undefined) fps.push(`person: ${p.name}`);
  });

  // ---- events
  const predEvents: PredEvent[] = pred.events.filter((e) => e.realis === undefined || e.realis === "asserted");
  const goldEvents: GoldEvent[] = gold.events ?? [];
  const sideOk = (p: PredEvent["source"] | null | undefined, g: GoldSide | null | undefined): boolean => {
    if (!p || !g) return false; // a malformed side never agrees
    if (g.person && p.person && intersects(goldPeople.of(g.person), predPeople.of(p.person))) return true;
    const ga = normActor(g.actor);
    if (ga && ga === normActor(p.actor)) return true;
    if (g.group && p.group && contains(foldName(g.group), foldName(p.group))) return true;
    return false;
  };
  const sidesOk = (g: GoldEvent, p: PredEvent): boolean => {
    if (sideOk(p.source, g.source) && sideOk(p.target, g.target)) return true;
    if (SYMMETRIC.has(g.type) || g.mutual) return sideOk(p.source, g.target) && sideOk(p.target, g.source);
    return false;
  };
  const evOkNoDate = (i: number, j: number) => goldEvents[i]!.type === predEvents[j]!.type && sidesOk(goldEvents[i]!, predEvents[j]!);
  const evOk = (i: number, j: number) => evOkNoDate(i, j) && (goldEvents[i]!.date ?? null) === (predEvents[j]!.date ?? null);
  const evPairs = maxMatch(goldEvents.length, predEvents.length, evOk);
  const evPairsND = maxMatch(goldEvents.length, predEvents.length, evOkNoDate, evPairs);
  const events = {
    tp: evPairs.length,
    tpNoDate: evPairsND.length,
    pred: predEvents.length,
    gold: goldEvents.length,
    dateOk: evPairsND.filter(([i, j]) => (goldEvents[i]!.date ?? null) === (predEvents[j]!.date ?? null)).length,
    consultTp: evPairs.filter(([i]) => goldEvents[i]!.type === "CONSULT").length,
    consultPred: predEvents.filter((e) => e.type === "CONSULT").length,
    consultGold: goldEvents.filter((e) => e.type === "CONSULT").length,
    modeOk: 0,
    modeTotal: 0,
  };
  for (const [i, j] of evPairsND) {
    if (goldEvents[i]!.type !== "CONSULT") continue;
    events.modeTotal++;
    if ((goldEvents[i]!.mode ?? null) === (predEvents[j]!.mode ?? null)) events.modeOk++;
  }
  const eventTypes: Record<string, EventTypeCounts> = {};
  const typeRow = (t: string) => (eventTypes[t] ??= { tp: 0, tpNoDate: 0, pred: 0, gold: 0 });
  for (const e of goldEvents) typeRow(e.type).gold++;
  for (const e of predEvents) typeRow(e.type).pred++;
  for (const [i] of evPairs) typeRow(goldEvents[i]!.type).tp++;
  for (const [i] of evPairsND) typeRow(goldEvents[i]!.type).tpNoDate++;
  {
    const gDated = new Set(evPairs.map(([i]) => i));
    const pDated = new Set(evPairs.map(([, j]) => j));
    const ndByGold = new Map(evPairsND.map(([i, j]) => [i, j]));
    goldEvents.forEach((g, i) => {
      if (gDated.has(i)) return;
      const j = ndByGold.get(i);
      const note = j !== undefined ? `  (matches ignoring date; pred date ${predEvents[j]!.date ?? "null"})` : "";
      misses.push(`event: ${evText(g)}  «${trunc(g.evidence ?? "")}»${note}`);
    });
    predEvents.forEach((p, j) => {
      if (pDated.has(j)) return;
      fps.push(`event: ${evText(p)}  «${trunc(p.evidence ?? "")}» [${p.rule}]`);
    });
  }

  // ---- figures
  const goldFigs = gold.figures ?? [];
  const predFigs = pred.figures;
  const sameValue = (a: number, b: number) => a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  const figPairs = maxMatch(goldFigs.length, predFigs.length, (i, j) => goldFigs[i]!.category === predFigs[j]!.category && sameValue(goldFigs[i]!.value, predFigs[j]!.value));
  const figures = { tp: figPairs.length, pred: predFigs.length, gold: goldFigs.length, qualifierOk: 0, attributionOk: 0 };
  for (const [i, j] of figPairs) {
    const g = goldFigs[i]!;
    const p = predFigs[j]!;
    if ((g.qualifier ?? "exactly") === (p.qualifier ?? "exactly")) figures.qualifierOk++;
    else misses.push(`figure qualifier: ${g.value} ${g.category}: gold "${g.qualifier}" ≠ pred "${p.qualifier}"`);
    const ga = g.attributed_to ?? null;
    const pa = p.attributed_to ?? null;
    const attribOk = ga === null || pa === null ? ga === pa : sameBody(ga, pa, goldOrgs, goldPeople);
    if (attribOk) figures.attributionOk++;
    else misses.push(`figure attribution: ${g.value} ${g.category}: gold "${ga}" ≠ pred "${pa}"`);
  }
  {
    const gm = new Set(figPairs.map(([i]) => i));
    const pm = new Set(figPairs.map(([, j]) => j));
    goldFigs.forEach((g, i) => gm.has(i) || misses.push(`figure: ${g.value} ${g.category}  «${trunc(g.evidence ?? "")}»`));
    predFigs.forEach((p, j) => pm.has(j) || fps.push(`figure: ${p.value} ${p.category}  «${trunc(p.evidence)}» [${p.rule}]`));
  }

  // ---- quotes
  const goldQuotes = gold.quotes ?? [];
  const predQuotes = pred.quotes;
  const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const predWordSets = predQuotes.map((q) => new Set(words(q.text)));
  const goldWords = goldQuotes.map((q) => words(q.text));
  const speakerOk = (g: string | null, p: string | null): boolean => {
    if (g === null || p === null) return g === p;
    // a gold speaker that is a gold person: alias-aware, surname-only ok
    if (goldPeople.index(g) >= 0 && intersects(goldPeople.of(g), predPeople.of(p))) return true;
    return sameBody(g, p, goldOrgs);
  };
  const quoteOk = (i: number, j: number): boolean => {
    const gw = goldWords[i]!;
    if (!speakerOk(goldQuotes[i]!.speaker, predQuotes[j]!.speaker)) return false;
    let hit = 0;
    for (const w of gw) if (predWordSets[j]!.has(w)) hit++;
    return gw.length > 0 && hit * 2 >= gw.length;
  };
  const qPairs = maxMatch(goldQuotes.length, predQuotes.length, quoteOk);
  const quotes = {
    tp: qPairs.length,
    pred: predQuotes.length,
    gold: goldQuotes.length,
    directTp: 0,
    directPred: predQuotes.filter((q) => q.direct).length,
    directGold: goldQuotes.filter((q) => q.direct).length,
    reportedTp: 0,
    reportedPred: predQuotes.filter((q) => !q.direct).length,
    reportedGold: goldQuotes.filter((q) => !q.direct).length,
  };
  // the direct/reported split: matches where both sides agree on directness
  for (const [i, j] of qPairs) {
    if (goldQuotes[i]!.direct !== predQuotes[j]!.direct) continue;
    if (goldQuotes[i]!.direct) quotes.directTp++;
    else quotes.reportedTp++;
  }
  {
    const gm = new Set(qPairs.map(([i]) => i));
    const pm = new Set(qPairs.map(([, j]) => j));
    goldQuotes.forEach((g, i) => gm.has(i) || misses.push(`quote: ${g.speaker}${g.direct ? "" : " (reported)"}: «${trunc(g.text)}»`));
    predQuotes.forEach((p, j) => pm.has(j) || fps.push(`quote: ${p.speaker}${p.direct ? "" : " (reported)"}: «${trunc(p.text)}» [${p.rule}]`));
  }

  // ---- published
  const published = { ok: 0, total: 0 };
  if (gold.published) {
    published.total = 1;
    if (pred.published === gold.published) published.ok = 1;
    else misses.push(`published: gold ${gold.published} ≠ pred ${pred.published}`);
  }

  return { id: gold.id, persons, personsNoByline: noBy, events, eventTypes, figures, quotes, published, misses, falsePositives: fps };
}

// ---------------------------------------------------------------- stories

/** Pairwise story scores: pairs of articles sharing a label, predicted against gold. */
export function scoreStories(goldLabels: ReadonlyMap<string, string | null>, predLabels: ReadonlyMap<string, string | null>): PRF {
  const ids = [...goldLabels.keys()];
  let tp = 0;
  let pred = 0;
  let gold = 0;
  for (let a = 0; a < ids.length; a++) {
    for (let b = a + 1; b < ids.length; b++) {
      const ga = goldLabels.get(ids[a]!);
      const gb = goldLabels.get(ids[b]!);
      const pa = predLabels.get(ids[a]!);
      const pb = predLabels.get(ids[b]!);
      const g = ga != null && ga === gb;
      const p = pa != null && pa === pb;
      if (g) gold++;
      if (p) pred++;
      if (g && p) tp++;
    }
  }
  return prf(tp, pred, gold);
}

// ---------------------------------------------------------------- the run

export interface Report {
  articles: number;
  persons: PRF & { role: Acc; country: Acc };
  personsNoByline: PRF & { role: Acc; country: Acc };
  events: PRF;
  eventsNoDate: PRF;
  eventDate: Acc;
  consult: PRF;
  consultMode: Acc;
  eventTypes: Record<string, { withDate: PRF; noDate: PRF }>;
  figures: PRF & { qualifier: Acc; attribution: Acc };
  quotes: PRF;
  quotesDirect: PRF;
  quotesReported: PRF;
  stories: PRF;
  published: Acc;
  perArticle: ArticleCounts[];
}

/** Scores a run: each gold article against the predicted record with the same id (a missing record counts as empty). */
export function scoreRun(golds: readonly GoldArticle[], preds: readonly ArticleRecord[]): Report {
  const byId = new Map(preds.map((p) => [p.id, p]));
  const per = golds.map((g) => scoreArticle(byId.get(g.id) ?? emptyRecord(g.id), g));
  const sum = <T>(f: (a: ArticleCounts) => number) => per.reduce((s, a) => s + f(a), 0);
  const types: Report["eventTypes"] = {};
  const allTypes = new Set(per.flatMap((a) => Object.keys(a.eventTypes)));
  for (const t of [...allTypes].sort()) {
    const tp = sum((a) => a.eventTypes[t]?.tp ?? 0);
    const tpND = sum((a) => a.eventTypes[t]?.tpNoDate ?? 0);
    const pr = sum((a) => a.eventTypes[t]?.pred ?? 0);
    const go = sum((a) => a.eventTypes[t]?.gold ?? 0);
    types[t] = { withDate: prf(tp, pr, go), noDate: prf(tpND, pr, go) };
  }
  const personBlock = (k: "persons" | "personsNoByline") => ({
    ...prf(sum((a) => a[k].tp), sum((a) => a[k].pred), sum((a) => a[k].gold)),
    role: acc(sum((a) => a[k].roleOk), sum((a) => a[k].tp)),
    country: acc(sum((a) => a[k].countryOk), sum((a) => a[k].tp)),
  });
  return {
    articles: golds.length,
    persons: personBlock("persons"),
    personsNoByline: personBlock("personsNoByline"),
    events: prf(sum((a) => a.events.tp), sum((a) => a.events.pred), sum((a) => a.events.gold)),
    eventsNoDate: prf(sum((a) => a.events.tpNoDate), sum((a) => a.events.pred), sum((a) => a.events.gold)),
    eventDate: acc(sum((a) => a.events.dateOk), sum((a) => a.events.tpNoDate)),
    consult: prf(sum((a) => a.events.consultTp), sum((a) => a.events.consultPred), sum((a) => a.events.consultGold)),
    consultMode: acc(sum((a) => a.events.modeOk), sum((a) => a.events.modeTotal)),
    eventTypes: types,
    figures: {
      ...prf(sum((a) => a.figures.tp), sum((a) => a.figures.pred), sum((a) => a.figures.gold)),
      qualifier: acc(sum((a) => a.figures.qualifierOk), sum((a) => a.figures.tp)),
      attribution: acc(sum((a) => a.figures.attributionOk), sum((a) => a.figures.tp)),
    },
    quotes: prf(sum((a) => a.quotes.tp), sum((a) => a.quotes.pred), sum((a) => a.quotes.gold)),
    quotesDirect: prf(sum((a) => a.quotes.directTp), sum((a) => a.quotes.directPred), sum((a) => a.quotes.directGold)),
    quotesReported: prf(sum((a) => a.quotes.reportedTp), sum((a) => a.quotes.reportedPred), sum((a) => a.quotes.reportedGold)),
    stories: scoreStories(new Map(golds.map((g) => [g.id, g.story ?? null])), new Map(preds.map((p) => [p.id, p.story]))),
    published: acc(sum((a) => a.published.ok), sum((a) => a.published.total)),
    perArticle: per,
  };
}

function emptyRecord(id: string): ArticleRecord {
  return { id, url: null, outlet: null, title: null, published: null, published_inferred: false, story: null, persons: [], organizations: [], places: [], events: [], figures: [], quotes: [] };
}
