import type { ArticleRecord } from "../core/types.js";
import { articleFeatures, isoOfDay, type ArticleFeatures, type TermVector } from "./features.js";
import { grown } from "../core/arrays.js";
import { Centroid, compactionFloor, DfTable, IdSlots } from "./termids.js";

/** Why an article joined its story: the strongest shared evidence. */
export interface StoryAssignment {
  story: string;
  /** true when the article opened a new story */
  opened: boolean;
  reason: string;
  score: number;
}

/** Tunable parameters; the defaults were chosen on the stream and dev sets together (see scripts/stream.ts). */
export interface StoryOptions {
  /** join the best candidate when its score reaches this */
  threshold: number;
  /** stories whose first day is further than this from the article's day are not candidates */
  windowDays: number;
  /** weights of the evidence channels */
  wText: number;
  wLead: number;
  wNames: number;
  wLeadNames: number;
  wEvent: number;
  /** score multiplier when the article's main event contradicts the story (another date, a later development) */
  conflictFactor: number;
  /** the same, when the two dates of the main event are one day apart */
  nearConflictFactor: number;
  /** below this agreement between the article's lead and the story's leads, the score is scaled down */
  leadMin: number;
  /** score multiplier when the article or the story has no date */
  undatedFactor: number;
  /** bounded work per article */
  maxPostingsScan: number;
  maxCandidates: number;
  queryTerms: number;
  centroidTerms: number;
  /** stories whose last article is this many days older than the newest article are retired */
  retireDays: number;
  /**
   * document-frequency tables (terms, names, event keys) are cut back to this many entries
   * when they grow past it: the rarest entries go (they then count as unseen)
   */
  dfCap: number;
  /**
   * keep retired stories' summaries in memory (batch: `summaries()` lists every story); without
   * it a retired story is forgotten (a service: its summary is in the store), so memory is
   * bounded by the live stories. `fromJSON` defaults to false.
   */
  keepRetired: boolean;
}

export const DEFAULT_STORY_OPTIONS: StoryOptions = {
  threshold: 0.22,
  windowDays: 7,
  wText: 0.4,
  wLead: 0.3,
  wNames: 0.3,
  wLeadNames: 0,
  wEvent: 0.15,
  conflictFactor: 0.35,
  nearConflictFactor: 0.7,
  leadMin: 0.2,
  undatedFactor: 0.8,
  maxPostingsScan: 64,
  maxCandidates: 24,
  queryTerms: 20,
  centroidTerms: 150,
  retireDays: 30,
  dfCap: 100_000,
  keepRetired: true,
};

interface StoryEvent {
  label: string;
  count: number;
  main: number;
  days: Map<number, number>;
}

interface Member {
  id: string;
  outlet: string | null;
  day: number | null;
  reason: string;
  score: number;
}

/** One story's running state: never the member texts, only aggregates of bounded size. */
export interface Story {
  id: string;
  title: string;
  lead: string;
  firstDay: number | null;
  lastDay: number | null;
  members: Member[];
  /** sum of the members' unit-length log-tf vectors, cut to the strongest terms (by the index's term ids) */
  terms: Centroid;
  leadTerms: Centroid;
  /** how many members name each name (by the index's name ids; the weights are the counts) */
  names: Centroid;
  leadNames: Centroid;
  /** a retired story's strongest names, for its summary (its name ids may be handed out again) */
  keptNames?: Array<[string, number]>;
  actors: Map<string, number>;
  events: Map<string, StoryEvent>;
  /** out of every dated article's reach: matching state dropped, summary kept (in memory, not in the saved state) */
  retired?: boolean;
  /** the newest day the index had seen when an article last joined (retires undated stories) */
  touched?: number | null;
}

/** A story with no articles yet. */
function emptyStory(id: string, title: string, lead: string): Story {
  return {
    id, title, lead, firstDay: null, lastDay: null, members: [],
    // empty vectors (no arrays outside the heap): the first article sizes them
    terms: new Centroid(0), leadTerms: new Centroid(0), names: new Centroid(0), leadNames: new Centroid(0), actors: new Map(), events: new Map(),
  };
}

/** What a forgotten retired story leaves in its slot (postings no longer point to it). */
const FORGOTTEN: Story = Object.freeze({ ...emptyStory("", "", ""), retired: true }) as Story;

/** The index keys of a retired story: none (shared, never added to). */
const NO_KEYS: IndexedKeys = Object.freeze({ t: new Set<number>(), n: new Set<number>(), e: new Set<string>() });

/** The keys a story is in the postings under, by kind (term ids, name ids, event keys). */
interface IndexedKeys {
  t: Set<number>;
  n: Set<number>;
  e: Set<string>;
}
const newKeys = (): IndexedKeys => ({ t: new Set(), n: new Set(), e: new Set() });

/**
 * log(d + 0.5) by document frequency d, for every d up to the articles counted (`coverLogTable`):
 * the idf of terms and names, inlined in most of the scoring, then reads the table only (a
 * branch first taken after optimisation, as a fall-back for a d past a fixed table's end was
 * after 4,096 articles, deoptimises every function it is inlined in)
 */
let LOG_TABLE = logTable(1 << 16);
function logTable(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, d) => Math.log(d + 0.5));
}
/** The table grown to hold `d` (called as the count of articles grows, not per look-up). */
function coverLogTable(d: number): void {
  if (d >= LOG_TABLE.length) LOG_TABLE = logTable(Math.max(d + 1, LOG_TABLE.length * 2));
}
/** log(c) of a term's count in an article (a small integer: a table read instead of a call) */
const LOG_COUNT = Float64Array.from({ length: 1024 }, (_, c) => Math.log(c));

/** log(d + 0.5) of a document frequency (at most the articles counted; a larger one, from a hand-made state, by Math.log) */
function logDf(d: number): number {
  return d < LOG_TABLE.length ? LOG_TABLE[d]! : Math.log(d + 0.5);
}

type StoryCache = Story & { _norms?: { n: number; terms: number; leadTerms: number; names: number; leadNames: number } };

/**
 * An article's vectors under the current idf, computed once per article: parallel arrays in the
 * terms' order, their first `size` entries. One per kind of vector, refilled for each article
 * (nothing keeps them past it; allocating typed arrays per article costs more than filling them).
 */
class Weighted {
  size = 0;
  /** the term ids */
  ids = new Int32Array(64);
  /** unit-length log-tf (what joins a centroid), by term */
  unitVals = new Float64Array(64);
  /** unit log-tf × idf, by term, and its norm */
  vVals = new Float64Array(64);
  norm = 0;
  /** unit log-tf × idf², by term: the dot product with a centroid needs no idf look-up */
  v2Vals = new Float64Array(64);
  /** the terms' positions by id, filled on the first cosine with a smaller centroid (`slotsStamp` then > 0) */
  readonly slots = new IdSlots();
  slotsStamp = 0;

  /** Empties the vector, with room for `n` terms. */
  reset(n: number): void {
    if (this.ids.length < n) {
      const len = Math.max(n, this.ids.length * 2);
      this.ids = new Int32Array(len);
      this.unitVals = new Float64Array(len);
      this.vVals = new Float64Array(len);
      this.v2Vals = new Float64Array(len);
    }
    this.size = n;
    this.slotsStamp = 0;
  }
}

/** An article's event keys that live stories hold, by event, and their holders (`StoryIndex.heldEventKeys`). */
interface HeldKeys {
  f: ArticleFeatures;
  version: number;
  /** the articles counted (the key weights change with the document frequencies) */
  n: number;
  keys: string[][];
  holders: Array<Array<Map<number, StoryEvent>>>;
  /** `keyWeight` of each key */
  weights: number[][];
}

/**
 * An article's names with their idf, and the idf sum: parallel arrays, their first `size`
 * entries. Refilled for each article, as `Weighted` is (typed arrays of this size live outside
 * the heap: allocating two per vector cost more than filling them).
 */
class WeightedNames {
  size = 0;
  keys: string[] = [];
  /** the index's name ids, by name */
  ids = new Int32Array(64);
  /** idf, by name (a typed array: `rankedBy` reads only these) */
  vals = new Float64Array(64);
  sum = 0;

  /** Empties the vector, with room for `n` names. */
  reset(n: number): void {
    if (this.ids.length < n) {
      const len = Math.max(n, this.ids.length * 2);
      this.ids = new Int32Array(len);
      this.vals = new Float64Array(len);
    }
    this.size = n;
    this.sum = 0;
  }
}

/** What a story looks like to a reader: title, key actors, time span and a short summary. */
export interface StorySummary {
  id: string;
  title: string;
  size: number;
  first: string | null;
  last: string | null;
  actors: string[];
  names: string[];
  summary: string;
  articles: Array<{ id: string; outlet: string | null; date: string | null; reason: string; score: number }>;
}

export interface Scored {
  story: number;
  score: number;
  text: number;
  lead: number;
  names: number;
  leadNames: number;
  event: "main" | "any" | null;
  conflict: string | null;
  sharedTerms: string[];
  sharedNames: string[];
  sharedEvent: string | null;
  gap: number | null;
}

/**
 * Online story clustering: articles arrive one by one (in date order where known) and each joins
 * the best-matching recent story or opens one. Candidates come from an inverted index over the
 * stories' strongest terms, names and event keys (bounded scans, time-window pruning), so the
 * cost of one article does not grow with the number of stories.
 */
export class StoryIndex {
  readonly opts: StoryOptions;
  private n = 0;
  /** document frequencies of terms and names, by the ids the index gives them */
  private dfTerms = new DfTable();
  private termIds = this.dfTerms.ids;
  private dfNames = new DfTable();
  private dfEvents = new Map<string, number>();
  private stories: Story[] = [];
  private byId = new Map<string, number>();
  /** story indices by term id, name and event key (newest last) */
  private postings = { e: new Map<string, number[]>() };
  private termPostings: Array<number[] | undefined> = [];
  private namePostings: Array<number[] | undefined> = [];
  private indexed: IndexedKeys[] = [];
  private primed = new Set<string>();
  private maxDay: number | null = null;
  private sinceRetire = 0;
  /** indices of the stories not retired yet */
  private live: number[] = [];
  /**
   * What the last look-up cost: query keys, postings entries scanned, candidates (bounded by the
   * options), and of those, how many were scored in full by the last `add` (the others could not win).
   */
  lastWork = { keys: 0, postings: 0, candidates: 0, scored: 0 };

  constructor(opts: Partial<StoryOptions> = {}) {
    this.opts = { ...DEFAULT_STORY_OPTIONS, ...opts };
  }

  get size(): number {
    return this.stories.length;
  }

  add(record: ArticleRecord): StoryAssignment {
    return this.addFeatures(articleFeatures(record));
  }

  /**
   * Counts articles into the document frequencies before they are added (batch mode knows its
   * whole corpus; a service can prime with a recent sample). Each primed article is not counted
   * again when it is added.
   */
  prime(features: Iterable<ArticleFeatures>): void {
    for (const f of features) {
      if (this.primed.has(f.id)) continue;
      this.primed.add(f.id);
      this.countDf(f);
    }
  }

  private countDf(f: ArticleFeatures): void {
    this.n++;
    // no document frequency exceeds n
    if (this.n >= LOG_TABLE.length) coverLogTable(this.n);
    for (const t of f.terms.list) this.dfTerms.count(this.dfTerms.cachedId(t));
    for (const t of f.names) this.dfNames.count(this.dfNames.id(t));
    const seen = this.seenKeys;
    seen.clear();
    for (const e of f.events) for (const k of e.keys) if (!seen.has(k) && seen.add(k)) this.dfEvents.set(k, (this.dfEvents.get(k) ?? 0) + 1);
    const cap = this.opts.dfCap;
    if (this.dfTerms.size > cap) this.compactDf(this.dfTerms, this.termPostings, (s) => [s.terms, s.leadTerms], "t", cap), this.compactions++;
    if (this.dfNames.size > cap) this.compactDf(this.dfNames, this.namePostings, (s) => [s.names, s.leadNames], "n", cap), this.compactions++;
    if (this.dfEvents.size > cap) this.dfEvents = compactDf(this.dfEvents, cap);
  }

  /** an article's event keys counted so far (reused from one article to the next) */
  private seenKeys = new Set<string>();

  addFeatures(f: ArticleFeatures): StoryAssignment {
    // document frequencies first, so the article's own words count as seen once
    if (!this.primed.delete(f.id)) this.countDf(f);

    const best = this.bestCandidate(f);
    if (best && best.score >= this.opts.threshold) {
      const s = this.stories[best.story]!;
      const reason = this.explain(best);
      this.join(best.story, f, reason, best.score);
      this.afterAdd(f);
      return { story: s.id, opened: false, reason, score: round(best.score) };
    }
    const reason = best
      ? `no story close enough (best ${round(best.score)} with ${this.stories[best.story]!.id}${best.conflict ? `; different development: ${best.conflict}` : ""})`
      : "no candidate story";
    const idx = this.open(f, reason);
    this.afterAdd(f);
    return { story: this.stories[idx]!.id, opened: true, reason, score: 0 };
  }

  /** Bookkeeping after each article: retire stories that no dated article can join any more. */
  private afterAdd(f: ArticleFeatures): void {
    if (f.day !== null && (this.maxDay === null || f.day > this.maxDay)) this.maxDay = f.day;
    if (++this.sinceRetire < 256 || this.maxDay === null) return;
    this.sinceRetire = 0;
    this.retireOlderThan(this.maxDay - this.opts.retireDays);
  }

  /**
   * Retires every live story whose last article (an undated story: the newest day the index had
   * seen when its last article joined) is older than `horizon`. A sweep over the live stories
   * only: their number is bounded by the window, not by the history.
   */
  private retireOlderThan(horizon: number): void {
    const keep: number[] = [];
    for (const si of this.live) {
      const s = this.stories[si]!;
      // an undated story opened before any dated article: its clock starts now
      if (s.lastDay === null && (s.touched ?? null) === null) s.touched = this.maxDay;
      const last = s.lastDay ?? s.touched ?? null;
      if (last !== null && last < horizon) this.retire(si);
      else keep.push(si);
    }
    this.live = keep;
  }

  /** Keeps what a reader needs (title, span, members, key names, events); drops the matching state. */
  private retire(si: number): void {
    const s = this.stories[si]!;
    s.retired = true;
    for (const k of s.events.keys()) this.unholdEvent(k, si);
    // out of the candidate index: its postings entries go, and keys left without a story
    const done = this.indexed[si]!;
    for (const id of done.t) {
      const list = this.termPostings[id];
      if (!list) continue;
      const i = list.lastIndexOf(si);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.termPostings[id] = undefined;
    }
    for (const id of done.n) {
      const list = this.namePostings[id];
      if (!list) continue;
      const i = list.lastIndexOf(si);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.namePostings[id] = undefined;
    }
    const map = this.postings.e;
    for (const key of done.e) {
      const list = map.get(key);
      if (!list) continue;
      const i = list.lastIndexOf(si);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) map.delete(key);
    }
    this.indexed[si] = NO_KEYS;
    this.normMeta[si] = undefined;
    if (!this.opts.keepRetired) {
      // forgotten: nothing reads the story again, so its summary is not cut down either
      this.stories[si] = FORGOTTEN;
      this.byId.delete(s.id);
      return;
    }
    // no reader needs a retired story's words (its term ids may be handed out again)
    s.terms = new Centroid(0);
    s.leadTerms = new Centroid(0);
    s.keptNames = this.entriesOf(topCounts(s.names, 12), this.dfNames);
    s.names = new Centroid(0);
    s.leadNames = new Centroid(0);
    s.actors = topN(s.actors, 5);
    // the summary shows three events: keep a few, by how often they were the main news
    s.events = new Map([...s.events.entries()].sort((a, b) => b[1].main - a[1].main || b[1].count - a[1].count).slice(0, 6));
    delete (s as StoryCache)._norms;
  }

  private idfName(id: number): number {
    return this.idfOf(this.dfNames.df[id]!);
  }

  /**
   * Cuts a table of document frequencies back (`DfTable.cut`), freeing the ids nothing refers to
   * any more: not in the table's postings, no live story's counts of that kind (`counts`), nor its
   * indexed keys of that kind (`key`: "t" terms, "n" names).
   */
  private compactDf(df: DfTable, postings: ReadonlyArray<number[] | undefined>, counts: (s: Story) => Centroid[], key: "t" | "n", cap: number): void {
    const keep = new Uint8Array(df.ids.capacity);
    for (let id = 0; id < keep.length; id++) if (postings[id]) keep[id] = 1;
    for (const si of this.live) {
      for (const c of counts(this.stories[si]!)) for (let i = 0; i < c.size; i++) keep[c.ids[i]!] = 1;
      for (const id of this.indexed[si]![key]) keep[id] = 1;
    }
    df.cut(cap, keep);
    // cached article vectors may hold freed ids
    this.lastQuery = null;
  }

  private idf(id: number): number {
    return this.idfOf(this.dfTerms.df[id]!);
  }

  private idfOf(d: number): number {
    if (this.logNFor !== this.n) {
      this.logNFor = this.n;
      this.logN = Math.log(this.n + 1);
    }
    return Math.max(0, this.logN - logDf(d));
  }
  private logN = 0;
  private logNFor = -1;

  // --------------------------------------------------------------------------------- candidates

  /** The postings lists the article's strongest terms, names and main events find. */
  private queryLists(f: ArticleFeatures): number[][] {
    // only terms some story is indexed under can find a candidate
    // ranked by unit log-tf × idf: the same order as log-tf × idf
    const q = this.query(f);
    const lists: number[][] = [];
    let k = 0;
    for (let i = 0; i < q.rankedTerms.length && k < this.opts.queryTerms; i++) {
      const list = this.termPostings[q.rankedTerms[i]!];
      if (list) lists.push(list), k++;
    }
    k = 0;
    for (let i = 0; i < q.rankedNames.length && k < 15; i++) {
      const list = this.namePostings[q.rankedNames[i]!];
      if (list) lists.push(list), k++;
    }
    k = 0;
    for (const e of f.events) {
      if (!e.main) continue;
      for (const key of e.keys) {
        if (k++ >= 10) break;
        const list = this.postings.e.get(key);
        if (list) lists.push(list);
      }
    }
    return lists;
  }

  private inWindow(s: Story, day: number | null): boolean {
    if (day === null || s.firstDay === null) return true;
    return Math.abs(day - s.firstDay) <= this.opts.windowDays || (s.lastDay !== null && Math.abs(day - s.lastDay) <= 1);
  }

  /** The scored candidate stories for an article, best first, without adding it (for `story --why` and tuning). */
  candidates(f: ArticleFeatures): Array<Scored & { id: string }> {
    return this.candidateIndices(f)
      .map((si) => ({ ...this.score(f, si), id: this.stories[si]!.id }))
      .sort((a, b) => b.score - a.score);
  }

  private candidateIndices(f: ArticleFeatures): number[] {
    // hit counts by story index in reused arrays, stamped per look-up (no Map per article);
    // `order` keeps the first-hit order, which breaks ties as the Map's insertion order did
    const nst = this.stories.length;
    if (this.hitMark.length < nst) {
      // from a small size: the arrays grow several times over the first articles, before this is
      // optimised (a grow first reached after that, at 64 stories, deoptimised it)
      const len = Math.max(nst, this.hitMark.length * 2, 4);
      this.hitMark = grown(this.hitMark, len);
      this.hitCount = grown(this.hitCount, len);
    }
    const stamp = ++this.hitStamp;
    const mark = this.hitMark;
    const count = this.hitCount;
    const order: number[] = [];
    const lists = this.queryLists(f);
    const maxScan = this.opts.maxPostingsScan;
    let work = 0;
    for (const list of lists) {
      let scanned = 0;
      for (let i = list.length - 1; i >= 0 && scanned < maxScan; i--, scanned++, work++) {
        const si = list[i]!;
        const m = mark[si]!;
        if (m === stamp) {
          count[si]!++;
          continue;
        }
        // -stamp: seen in this look-up and out (retired or out of the window)
        if (m === -stamp) continue;
        const st = this.stories[si]!;
        if (st.retired || !this.inWindow(st, f.day)) {
          mark[si] = -stamp;
          continue;
        }
        mark[si] = stamp;
        count[si] = 1;
        order.push(si);
      }
    }
    // a stable sort by hits: ties in first-hit order
    const out = order.sort((a, b) => count[b]! - count[a]!).slice(0, this.opts.maxCandidates);
    this.lastWork = { keys: lists.length, postings: work, candidates: out.length, scored: out.length };
    return out;
  }
  private hitMark = new Int32Array(0);
  private hitCount = new Int32Array(0);
  private hitStamp = 0;

  private bestCandidate(f: ArticleFeatures): Scored | null {
    let best: Scored | null = null;
    let scored = 0;
    for (const si of this.candidateIndices(f)) {
      // a candidate that cannot beat the best so far is not scored in full (null); one that is
      // comes with the shared words and names that explain it (the winner's are read, and
      // scoring it again for them would cost more than gathering them for a few others)
      const sc = this.scoreOf(f, si, true, best ? best.score : null);
      if (sc) scored++;
      if (sc && (!best || sc.score > best.score)) best = sc;
    }
    this.lastWork.scored = scored;
    return best;
  }

  // --------------------------------------------------------------------------------- scoring

  /** The article's unit log-tf vector, idf-weighted, and its norm, into `out` (parallel arrays in the terms' order). */
  private weighted(terms: TermVector, out: Weighted): Weighted {
    const n = terms.size;
    out.reset(n);
    const { ids, unitVals, vVals, v2Vals } = out;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      const c = terms.counts[i]!;
      const x = 1 + (c < LOG_COUNT.length ? LOG_COUNT[c]! : Math.log(c));
      ids[i] = this.dfTerms.cachedId(terms.list[i]!);
      unitVals[i] = x;
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    let na = 0;
    for (let i = 0; i < n; i++) {
      const x = unitVals[i]! / norm;
      unitVals[i] = x;
      const idf = this.idf(ids[i]!);
      const a = x * idf;
      vVals[i] = a;
      v2Vals[i] = a * idf;
      na += a * a;
    }
    out.norm = Math.sqrt(na);
    return out;
  }

  private weightedNames(names: Set<string>, out: WeightedNames): WeightedNames {
    out.reset(names.size);
    const { keys, ids, vals } = out;
    let sum = 0;
    let i = 0;
    for (const nm of names) {
      // every name of a query has an id (one never counted: document frequency 0), so that
      // joining and indexing read them from here
      const id = this.dfNames.id(nm);
      const w = this.idfName(id);
      ids[i] = id;
      vals[i] = w;
      keys[i++] = nm;
      sum += w;
    }
    out.sum = sum;
    return out;
  }

  /**
   * Story `si`'s (`s`) centroid norms and idf-weighted name counts under the current idf; cached,
   * refreshed when the story changes or the corpus grows by 5%. Read once per candidate: the
   * cosines take their norms from here.
   */
  private norms(s: Story, si: number): NonNullable<StoryCache["_norms"]> {
    const c = (s as StoryCache)._norms ?? ((s as StoryCache)._norms = { n: -1, terms: 0, leadTerms: 0, names: 0, leadNames: 0 });
    if (c.n < 0 || this.n > c.n * 1.05 + 1) {
      const dfTerms = this.dfTerms.df;
      for (const k of ["terms", "leadTerms"] as const) {
        const v = s[k];
        let ns = 0;
        for (let i = 0; i < v.size; i++) {
          const b = v.w[i]! * this.idfOf(dfTerms[v.ids[i]!]!);
          ns += b * b;
        }
        c[k] = Math.sqrt(ns);
      }
      const dfNames = this.dfNames.df;
      for (const k of ["names", "leadNames"] as const) {
        let sum = 0;
        const v = s[k];
        for (let i = 0; i < v.size; i++) sum += this.idfOf(dfNames[v.ids[i]!]!) * v.w[i]!;
        c[k] = sum;
      }
      c.n = this.n;
      // for the score bound (`bestCandidate`): the centroid's plain norm and the name counts, and
      // the state of the document frequencies these norms were computed under
      let raw = 0;
      for (let i = 0; i < s.terms.size; i++) raw += s.terms.w[i]! * s.terms.w[i]!;
      let cnt = 0;
      for (let i = 0; i < s.names.size; i++) cnt += s.names.w[i]!;
      this.normMeta[si] = { n: this.n, compactions: this.compactions, terms: c.terms, names: c.names, raw: Math.sqrt(raw), count: cnt };
    }
    return c;
  }

  /**
   * What `norms` last computed for each story in this process, by story index (a restored cache
   * has none: no bound); an entry per story (`open`, `fromJSON`), emptied when it retires
   */
  private normMeta: Array<{ n: number; compactions: number; terms: number; names: number; raw: number; count: number } | undefined> = [];
  /** document-frequency tables cut back so far (a cut can raise an idf: cached norms no longer bound it) */
  private compactions = 0;

  /**
   * Upper bounds of the text cosine and the name overlap of story `s` for any article, or null
   * when there are none. The cached norms were computed under the idf of `meta.n` articles; since
   * then no document frequency fell (no cut) and log(n + 1) grew by d, so no idf grew by more
   * than d: the current centroid norm is at most cached + d × plain norm (Cauchy–Schwarz gives
   * cosine <= current / cached), and the same for the idf-weighted name counts (a shared name's
   * count is at most the story size, so the overlap is at most sqrt(current sum / cached sum)).
   */
  private bounds(s: Story, si: number): { text: number; names: number } | null {
    const c = (s as StoryCache)._norms;
    const meta = this.normMeta[si];
    if (!c || !meta || meta.n !== c.n || meta.compactions !== this.compactions || meta.terms !== c.terms || meta.names !== c.names) return null;
    const d = Math.max(0, Math.log(this.n + 1) - Math.log(meta.n + 1));
    const slack = 1 + 1e-6;
    const text = c.terms > 0 ? ((c.terms + d * meta.raw) / c.terms) * slack : 0;
    const names = c.names > 0 ? Math.sqrt((c.names + d * meta.count) / c.names) * slack : 0;
    return { text, names };
  }

  /** Cosine between an article's weighted vector and a story centroid (`ns` its norm, from `norms`); the strongest shared terms. */
  private cosine(a: Weighted, c: Centroid, ns: number, shared?: Strongest): number {
    // the products are summed in the order of the smaller vector, each of its terms looked up
    // in the other's table (the centroid keeps one; the article's is filled once per article)
    const vals = a.v2Vals;
    let dot = 0;
    if (a.size <= c.size) {
      for (let i = 0; i < a.size; i++) {
        const j = c.slot(a.ids[i]!);
        if (j < 0) continue;
        const p = vals[i]! * c.w[j]!;
        dot += p;
        shared?.offer(this.termIds.str(a.ids[i]!), p);
      }
    } else {
      if (a.slotsStamp === 0) a.slotsStamp = a.slots.fill(a.ids, a.size, this.termIds.capacity);
      const stamp = a.slotsStamp;
      for (let j = 0; j < c.size; j++) {
        const i = a.slots.slot(c.ids[j]!, stamp);
        if (i < 0) continue;
        const p = vals[i]! * c.w[j]!;
        dot += p;
        shared?.offer(this.termIds.str(c.ids[j]!), p);
      }
    }
    return a.norm && ns ? dot / (a.norm * ns) : 0;
  }

  /** `storySum`: the story's idf-weighted name counts (cached with its norms). */
  private nameOverlap(a: WeightedNames, story: Centroid, storySum: number, size: number, shared?: Strongest): number {
    let num = 0;
    const den = a.sum;
    for (let i = 0; i < a.size; i++) {
      const j = story.slot(a.ids[i]!);
      if (j >= 0) {
        // (a name is in a story's counts with a count of at least 1)
        const p = (a.vals[i]! * story.w[j]!) / size;
        num += p;
        shared?.offer(a.keys[i]!, p);
      }
    }
    const sden = storySum / size;
    return den && sden ? num / Math.sqrt(den * sden) : 0;
  }

  private lastQuery: {
    f: ArticleFeatures | null;
    n: number;
    text: Weighted;
    lead: Weighted;
    names: WeightedNames;
    leadNames: WeightedNames;
    /** terms by weight (unit log-tf × idf: the order of log-tf × idf), names by idf, strongest first */
    rankedTerms: number[];
    rankedNames: number[];
  } | null = null;

  /** the current article's vectors */
  private textVec = new Weighted();
  private leadVec = new Weighted();
  private namesVec = new WeightedNames();
  private leadNamesVec = new WeightedNames();

  private query(f: ArticleFeatures) {
    if (!this.lastQuery || this.lastQuery.f !== f || this.lastQuery.n !== this.n) {
      const text = this.weighted(f.terms, this.textVec);
      const names = this.weightedNames(f.names, this.namesVec);
      this.lastQuery = {
        f,
        n: this.n,
        text,
        lead: this.weighted(f.leadTerms, this.leadVec),
        names,
        leadNames: this.weightedNames(f.leadNames, this.leadNamesVec),
        rankedTerms: rankedBy(text.ids, text.vVals, text.size),
        rankedNames: rankedBy(names.ids, names.vals, names.size),
      };
    }
    return this.lastQuery;
  }

  /** Live story `si` holds event key `k` (its entry `se`). */
  private holdEvent(k: string, si: number, se: StoryEvent): void {
    let h = this.eventHolders.get(k);
    if (!h) this.eventHolders.set(k, (h = new Map()));
    h.set(si, se);
    this.eventHoldersVersion++;
  }
  /** Story `si` no longer holds event key `k` (the key was cut, or the story retired). */
  private unholdEvent(k: string, si: number): void {
    const h = this.eventHolders.get(k);
    if (!h) return;
    h.delete(si);
    if (h.size === 0) this.eventHolders.delete(k);
    this.eventHoldersVersion++;
  }
  /**
   * The live stories holding each event key, with their entry for it: scoring reads a story's
   * entry by its index, not by the key (an article's keys are looked up once, not once per candidate).
   */
  private eventHolders = new Map<string, Map<number, StoryEvent>>();
  private eventHoldersVersion = 0;

  /**
   * The keys of each of the article's events that some live story holds, their holders and their weights
   * (parallel arrays by event; computed once per article and state).
   */
  private heldEventKeys(f: ArticleFeatures): HeldKeys {
    const c = this.heldCache;
    if (c && c.f === f && c.version === this.eventHoldersVersion && c.n === this.n) return c;
    const out: HeldKeys = { f, version: this.eventHoldersVersion, n: this.n, keys: [], holders: [], weights: [] };
    for (const e of f.events) {
      const keys: string[] = [];
      const holders: Array<Map<number, StoryEvent>> = [];
      const weights: number[] = [];
      for (const k of e.keys) {
        const h = this.eventHolders.get(k);
        if (h) keys.push(k), holders.push(h), weights.push(this.keyWeight(k));
      }
      out.keys.push(keys);
      out.holders.push(holders);
      out.weights.push(weights);
    }
    return (this.heldCache = out);
  }
  private heldCache: HeldKeys | null = null;

  /** How specific an event key is: 1 for a key no other article has, 0 for one every article has. */
  private keyWeight(key: string): number {
    if (this.n <= 1) return 1;
    // idfOf keeps logN = log(n + 1)
    const idf = this.idfOf(this.dfEvents.get(key) ?? 0);
    return Math.min(1, idf / this.logN);
  }

  /** The evidence for putting article `f` into story `si`, combined into one score. */
  score(f: ArticleFeatures, si: number, detail = true): Scored {
    return this.scoreOf(f, si, detail, null)!;
  }

  /**
   * `score`, or null when `floor` is given and the score cannot exceed it: the lead, name-lead,
   * event, time and conflict parts are computed first, then an upper bound with the text cosine
   * and the name overlap at their bounds (`bounds`); the same arithmetic in the same order, so a
   * score that is computed is the same number.
   */
  private scoreOf(f: ArticleFeatures, si: number, detail: boolean, floor: number | null): Scored | null {
    const s = this.stories[si]!;
    const o = this.opts;
    const q = this.query(f);
    // words over the headline and lead (where the main development is told)
    // (the norms first: they are refreshed when a candidate is first read after a change)
    const nc = this.norms(s, si);
    const lead = this.cosine(q.lead, s.leadTerms, nc.leadTerms);
    // names over the headline and lead (the main development's actors)
    const leadNames = this.nameOverlap(q.leadNames, s.leadNames, nc.leadNames, s.members.length);

    // time: distance from the story's first day; an undated article is bounded by the latest
    // date it names
    let gap: number | null = null;
    let tf = o.undatedFactor;
    if (f.day !== null && s.firstDay !== null) {
      gap = Math.abs(f.day - s.firstDay);
      if (s.lastDay !== null) gap = Math.min(gap, Math.abs(f.day - s.lastDay) + 1);
      tf = timeFactor(gap);
    } else if (f.day === null && f.notBefore !== null && s.lastDay !== null) {
      // (the gap and its factor are computed before the test: arithmetic first reached when the
      // test first held, some hundred articles in, deoptimised this function)
      const late = f.notBefore - (s.firstDay ?? s.lastDay);
      const lateTf = Math.min(o.undatedFactor, timeFactor(late));
      if (f.notBefore > s.lastDay + 1) {
        gap = late;
        tf = lateTf;
      }
    }

    // a first bound before the events are read: the event score at its maximum (1) and no
    // conflict (the lead-agreement and conflict factors are at most 1, and rounding is monotonic,
    // so this is at least the bound below: a candidate it rules out, that one rules out too)
    const b = floor !== null ? this.bounds(s, si) : null;
    if (b && (o.wText * b.text + o.wLead * lead + o.wNames * b.names + o.wLeadNames * leadNames + o.wEvent) * tf <= floor!) return null;

    // events: a shared main event with a compatible date joins (weighted by how specific it is);
    // another date for it, or a main event dated after every article of the story, is a
    // different development
    let eventScore = 0;
    let event: Scored["event"] = null;
    let sharedEvent: string | null = null;
    let conflictFactor = 1;
    // what the conflict's text tells, written once the candidate is scored in full: the key and
    // the story's entry dated otherwise, or (no entry) a main event after the story's last article
    let conflicted = false;
    let conflictKey = "";
    let conflictDay = 0;
    let conflictEntry: StoryEvent | null = null;
    const held = this.heldEventKeys(f);
    for (let ei = 0; ei < f.events.length; ei++) {
      const e = f.events[ei]!;
      // the story's entry for each key, by the key's holders (keys no live story holds are left out)
      const keys = held.keys[ei]!;
      const holders = held.holders[ei]!;
      const weights = held.weights[ei]!;
      for (let ki = 0; ki < keys.length; ki++) {
        const k = keys[ki]!;
        const se = holders[ki]!.get(si);
        if (!se) continue;
        // the same event has the same date in every correct report; one day apart is a weaker
        // conflict (a resolution error, or the next day's call between the same two people)
        let dist = 0;
        if (e.day !== null && se.days.size > 0) {
          dist = Infinity;
          for (const d of se.days.keys()) dist = Math.min(dist, Math.abs(d - e.day));
        }
        const compatible = dist === 0;
        const cf = dist === 1 ? o.nearConflictFactor : o.conflictFactor;
        if (!compatible && e.main && se.main > 0 && weights[ki]! > 0.3 && conflictFactor > cf) {
          conflictFactor = cf;
          conflicted = true;
          conflictKey = k;
          conflictDay = e.day!;
          conflictEntry = se;
        }
        if (compatible) {
          const both = e.main && se.main > 0;
          const w = weights[ki]! * (both ? 1 : 1 / 3);
          if (w > eventScore) {
            eventScore = w;
            event = both ? "main" : "any";
            sharedEvent = k;
          }
        }
      }
      if (e.main && e.day !== null && s.lastDay !== null && e.day > s.lastDay + 1 && conflictFactor > o.conflictFactor) {
        conflictFactor = o.conflictFactor;
        conflicted = true;
        conflictDay = e.day;
        conflictEntry = null;
      }
    }

    // the main development is told in the headline and lead: an article whose lead shares
    // neither words nor names with the story's leads reports something else, however much
    // background the bodies share
    const leadAgree = Math.max(lead, leadNames, event === "main" && eventScore >= 0.5 ? eventScore : 0);

    if (b) {
      let ub = o.wText * b.text + o.wLead * lead + o.wNames * b.names + o.wLeadNames * leadNames + o.wEvent * eventScore;
      ub *= tf;
      if (leadAgree < o.leadMin) ub *= Math.max(0.25, leadAgree / o.leadMin);
      ub *= conflictFactor;
      if (ub <= floor!) return null;
    }

    // words: cosine between the article's tf-idf vector and the story centroid; names:
    // idf-weighted overlap, each shared name counted by how many members carry it
    const shared = detail ? new Strongest(4) : undefined;
    const text = this.cosine(q.text, s.terms, nc.terms, shared);
    const sharedNames = detail ? new Strongest(4) : undefined;
    const names = this.nameOverlap(q.names, s.names, nc.names, s.members.length, sharedNames);

    let score = o.wText * text + o.wLead * lead + o.wNames * names + o.wLeadNames * leadNames + o.wEvent * eventScore;
    score *= tf;
    if (leadAgree < o.leadMin) score *= Math.max(0.25, leadAgree / o.leadMin);
    score *= conflictFactor;
    let conflict: string | null = null;
    if (detail && conflicted) {
      conflict = conflictEntry
        ? `${conflictKey} on ${isoOfDay(conflictDay)}, the story has it on ${daysText(conflictEntry.days)}`
        : `main event on ${isoOfDay(conflictDay)}, after the story's last article (${isoOfDay(s.lastDay!)})`;
    }
    return {
      story: si,
      score,
      text,
      lead,
      names,
      leadNames,
      event,
      conflict,
      sharedTerms: shared ? shared.keys : [],
      sharedNames: sharedNames ? sharedNames.keys : [],
      sharedEvent,
      gap,
    };
  }

  private explain(b: Scored): string {
    const parts: Array<[number, string]> = [];
    const o = this.opts;
    if (b.sharedEvent) parts.push([b.event === "main" ? o.wEvent * 2 : o.wEvent / 3, `same ${b.event === "main" ? "main " : ""}event ${b.sharedEvent}`]);
    if (b.sharedNames.length) parts.push([o.wNames * b.names, `shared actors ${b.sharedNames.join(", ")}`]);
    if (b.sharedTerms.length) parts.push([o.wText * b.text, `shared words ${b.sharedTerms.join(", ")} (similarity ${round(b.text)})`]);
    parts.sort((x, y) => y[0] - x[0]);
    const when = b.gap === null ? "undated" : b.gap === 0 ? "same day" : `${b.gap} day${b.gap === 1 ? "" : "s"} apart`;
    return [...parts.map(([, s]) => s), when].join("; ");
  }

  // --------------------------------------------------------------------------------- state

  private open(f: ArticleFeatures, reason: string): number {
    const idx = this.stories.length;
    let base = `story-${f.day !== null ? isoOfDay(f.day) : "undated"}-${slug(f.title ?? f.lead)}`;
    // retired stories leave the saved state, so their ids are not known after a reload: a story
    // that could share its base id with one of them (undated, or dated before the retirement
    // horizon) is told apart by its first article
    if (f.day === null || (this.maxDay !== null && f.day < this.maxDay - this.opts.retireDays + this.opts.windowDays)) base += "-" + shortHash(f.id);
    let id = base;
    for (let k = 2; this.byId.has(id); k++) id = `${base}-${k}`;
    this.stories.push(emptyStory(id, (f.title ?? firstSentence(f.lead)).slice(0, 160), f.lead.slice(0, 400)));
    this.indexed.push(newKeys());
    this.normMeta.push(undefined);
    this.byId.set(id, idx);
    this.live.push(idx);
    this.join(idx, f, reason, 0);
    return idx;
  }

  private join(si: number, f: ArticleFeatures, reason: string, score: number): void {
    const s = this.stories[si]!;
    s.members.push({ id: f.id, outlet: f.outlet, day: f.day, reason, score: round(score) });
    s.touched = f.day ?? this.maxDay;
    if (f.day !== null) {
      s.firstDay = s.firstDay === null ? f.day : Math.min(s.firstDay, f.day);
      s.lastDay = s.lastDay === null ? f.day : Math.max(s.lastDay, f.day);
    }
    // invalidated, not deleted (a delete can leave the object in slow dictionary mode); an
    // undefined field is not in the saved state, as a deleted one was not
    (s as StoryCache)._norms = undefined;
    const q = this.query(f);
    s.terms = this.addToCentroid(s.terms, q.text, this.opts.centroidTerms);
    s.leadTerms = this.addToCentroid(s.leadTerms, q.lead, this.opts.centroidTerms / 2);
    // the centroid is an average: divide by size at scoring time via cosine (scale-free)
    // the names by the ids the query gave them, in the features' order
    countInto(s.names, q.names.ids, q.names.size);
    if (s.names.size > 200) s.names = topCounts(s.names, 200);
    countInto(s.leadNames, q.leadNames.ids, q.leadNames.size);
    if (s.leadNames.size > 60) s.leadNames = topCounts(s.leadNames, 60);
    for (const a of f.actors) s.actors.set(a, (s.actors.get(a) ?? 0) + 1);
    for (const e of f.events) {
      for (const k of e.keys) {
        let se = s.events.get(k);
        if (!se) {
          s.events.set(k, (se = { label: e.label, count: 0, main: 0, days: new Map() }));
          this.holdEvent(k, si, se);
        }
        se.count++;
        if (e.main) se.main++;
        if (e.day !== null) se.days.set(e.day, (se.days.get(e.day) ?? 0) + 1);
      }
    }
    if (s.events.size > 200) {
      const keep = [...s.events.entries()].sort((a, b) => b[1].main - a[1].main || b[1].count - a[1].count).slice(0, 200);
      const old = s.events;
      s.events = new Map(keep);
      for (const k of old.keys()) if (!s.events.has(k)) this.unholdEvent(k, si);
    }
    this.reindex(si, f);
  }

  /** Adds an article's unit log-tf vector to a centroid (a sum: cosine is scale-free), keeping the strongest terms. */
  private addToCentroid(c: Centroid, a: Weighted, cap: number): Centroid {
    const ids = a.ids;
    const unit = a.unitVals;
    c.reserve(a.size);
    for (let i = 0; i < a.size; i++) {
      const j = c.slot(ids[i]!);
      if (j >= 0) c.w[j] = c.w[j]! + unit[i]!;
      else c.push(ids[i]!, 0 + unit[i]!);
    }
    if (c.size <= cap * 1.5) return c;
    // the `cap` strongest by weight × idf (a stable sort: ties in the centroid's order), in that order
    const order = this.strongestFirst(c);
    const m = Math.min(c.size, Math.trunc(cap));
    const out = new Centroid(m);
    for (let r = 0; r < m; r++) out.push(c.ids[order[r]!]!, c.w[order[r]!]!);
    return out;
  }

  /** A centroid's positions by weight × idf, strongest first, ties in the centroid's order (a stable sort). */
  private strongestFirst(c: Centroid): number[] {
    const strength = new Float64Array(c.size);
    const order: number[] = new Array(c.size);
    for (let i = 0; i < c.size; i++) {
      strength[i] = c.w[i]! * this.idf(c.ids[i]!);
      order[i] = i;
    }
    return order.sort((x, y) => strength[y]! - strength[x]! || x - y);
  }

  /**
   * Adds the story to the postings of its strongest terms, names and main events: those of the
   * article that just joined (cheap: its weighted vector is already computed), or, on load,
   * those of the centroid. A story is indexed under a bounded number of keys.
   */
  private reindex(si: number, f?: ArticleFeatures): void {
    const s = this.stories[si]!;
    const done = this.indexed[si]!;
    if (done.t.size + done.n.size + done.e.size >= 400) return;
    if (f) {
      const q = this.query(f);
      const terms = q.rankedTerms;
      for (let i = 0; i < terms.length && i < 40; i++) this.postTerm(terms[i]!, si, done);
      const names = q.rankedNames;
      for (let i = 0; i < names.length && i < 30; i++) this.postName(names[i]!, si, done);
      for (const e of f.events) if (e.main) for (const k of e.keys) this.postEvent(k, si, done);
    } else {
      const order = this.strongestFirst(s.terms);
      for (let r = 0; r < order.length && r < 40; r++) this.postTerm(s.terms.ids[order[r]!]!, si, done);
      const names = topCounts(s.names, 30);
      for (let i = 0; i < names.size; i++) this.postName(names.ids[i]!, si, done);
      for (const [k, se] of s.events) if (se.main > 0) this.postEvent(k, si, done);
    }
  }

  /** Story `si` into the postings of one event key, once. */
  private postEvent(k: string, si: number, done: IndexedKeys): void {
    if (done.e.has(k)) return;
    done.e.add(k);
    const map = this.postings.e;
    let list = map.get(k);
    if (!list) map.set(k, (list = []));
    this.pushPosting(list, si);
  }

  /** Story `si` into the postings of one name id, once. */
  private postName(id: number, si: number, done: IndexedKeys): void {
    if (done.n.has(id)) return;
    done.n.add(id);
    let list = this.namePostings[id];
    if (!list) this.namePostings[id] = list = [];
    this.pushPosting(list, si);
  }

  /** Story `si` into the postings of one term id, once. */
  private postTerm(id: number, si: number, done: IndexedKeys): void {
    if (done.t.has(id)) return;
    done.t.add(id);
    let list = this.termPostings[id];
    if (!list) this.termPostings[id] = list = [];
    this.pushPosting(list, si);
  }

  private pushPosting(list: number[], si: number): void {
    list.push(si);
    // look-ups read only the newest entries: keep a bounded tail
    if (list.length > 4 * this.opts.maxPostingsScan) list.splice(0, list.length - 2 * this.opts.maxPostingsScan);
  }

  // --------------------------------------------------------------------------------- reading

  story(id: string): StorySummary | null {
    const i = this.byId.get(id);
    return i === undefined ? null : this.summarise(this.stories[i]!);
  }

  summaries(): StorySummary[] {
    return this.stories.filter((s) => s !== FORGOTTEN).map((s) => this.summarise(s));
  }

  /** `summarise` with the story's names by name (a retired story keeps its strongest). */
  private summarise(s: Story): StorySummary {
    return summarise(s, s.keptNames ?? this.entriesOf(s.names, this.dfNames));
  }

  /** Serialisable state, for the store: `StoryIndex.fromJSON(index.toJSON())` continues where it stopped. */
  toJSON(): StoryIndexJSON {
    return {
      version: 1,
      n: this.n,
      df: this.dfTerms.entries(),
      dfNames: this.dfNames.entries(),
      dfEvents: [...this.dfEvents.entries()],
      // retired stories are out of the saved state (their summaries are in the store)
      stories: this.stories.filter((s) => !s.retired).map((s) => ({
        ...s,
        terms: this.entriesOf(s.terms, this.dfTerms),
        leadTerms: this.entriesOf(s.leadTerms, this.dfTerms),
        names: this.entriesOf(s.names, this.dfNames),
        leadNames: this.entriesOf(s.leadNames, this.dfNames),
        actors: [...s.actors.entries()],
        events: [...s.events.entries()].map(([k, e]) => [k, { label: e.label, count: e.count, main: e.main, days: [...e.days.entries()] }]),
      })),
    };
  }

  /** The counts of a centroid over `df`'s ids (terms or names) by key, in their order. */
  private entriesOf(c: Centroid, df: DfTable): Array<[string, number]> {
    const out: Array<[string, number]> = [];
    for (let i = 0; i < c.size; i++) out.push([df.ids.str(c.ids[i]!), c.w[i]!]);
    return out;
  }

  /** A centroid over `df`'s ids from counts by key (entriesOf's inverse). */
  private centroidOf(entries: Array<[string, number]>, df: DfTable): Centroid {
    const c = new Centroid(Math.max(8, entries.length));
    for (const [t, w] of entries) c.push(df.id(t), w);
    return c;
  }

  static fromJSON(j: StoryIndexJSON, opts: Partial<StoryOptions> = {}): StoryIndex {
    if (j.version !== 1) throw new Error(`StoryIndex: unknown state version ${String(j.version)}`);
    const x = new StoryIndex({ keepRetired: false, ...opts });
    x.n = j.n;
    coverLogTable(x.n);
    x.dfTerms.load(j.df);
    x.dfNames.load(j.dfNames);
    x.dfEvents = new Map(j.dfEvents);
    for (const s of j.stories) {
      const idx = x.stories.length;
      x.stories.push({
        ...s,
        terms: x.centroidOf(s.terms, x.dfTerms),
        leadTerms: x.centroidOf(s.leadTerms, x.dfTerms),
        names: x.centroidOf(s.names, x.dfNames),
        leadNames: x.centroidOf(s.leadNames, x.dfNames),
        actors: new Map(s.actors),
        events: new Map(s.events.map(([k, e]) => [k, { label: e.label, count: e.count, main: e.main, days: new Map(e.days) }])),
      });
      x.indexed.push(newKeys());
      x.normMeta.push(undefined);
      x.byId.set(s.id, idx);
      if (!s.retired) {
        for (const [k, se] of x.stories[idx]!.events) x.holdEvent(k, idx, se);
        x.reindex(idx);
        x.live.push(idx);
      }
      if (s.lastDay !== null && (x.maxDay === null || s.lastDay > x.maxDay)) x.maxDay = s.lastDay;
    }
    return x;
  }
}

export interface StoryIndexJSON {
  version: number;
  n: number;
  df: Array<[string, number]>;
  dfNames: Array<[string, number]>;
  dfEvents: Array<[string, number]>;
  stories: Array<
    Omit<Story, "terms" | "leadTerms" | "names" | "leadNames" | "actors" | "events"> & {
      terms: Array<[string, number]>;
      leadTerms: Array<[string, number]>;
      names: Array<[string, number]>;
      leadNames: Array<[string, number]>;
      actors: Array<[string, number]>;
      events: Array<[string, { label: string; count: number; main: number; days: Array<[number, number]> }]>;
    }
  >;
}

/**
 * A story event's days as a conflict lists them, "/" between (a loop, not a spread and a map: the
 * array the spread made deoptimised `scoreOf` on a conflict some hundred articles in, wrong map).
 */
function daysText(days: Map<number, number>): string {
  let s = "";
  for (const d of days.keys()) s += (s ? "/" : "") + isoOfDay(d);
  return s;
}

/** Score multiplier by days between the article and the story's first day: one development is reported within a few days. */
export function timeFactor(gap: number): number {
  if (gap <= 1) return 1;
  if (gap === 2) return 0.9;
  if (gap === 3) return 0.7;
  if (gap === 4) return 0.5;
  if (gap <= 7) return 0.3;
  return 0;
}

function summarise(s: Story, nameCounts: Array<[string, number]>): StorySummary {
  const size = s.members.length;
  const names = nameCounts
    .filter(([, c]) => size === 1 || c >= Math.max(2, size / 2))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([n]) => n);
  const actors = [...s.actors.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([a]) => a);
  // one line per event (an event has several keys: keep its most specific one, the first seen)
  const seen = new Set<string>();
  const evs = [...s.events.values()]
    .filter((e) => !seen.has(e.label) && seen.add(e.label))
    .sort((a, b) => b.main - a.main || b.count - a.count)
    .slice(0, 3)
    .map((e) => {
      const day = [...e.days.entries()].sort((x, y) => y[1] - x[1])[0];
      return `${e.label}${day ? ` on ${isoOfDay(day[0])}` : ""} (${e.count} mention${e.count === 1 ? "" : "s"})`;
    });
  return {
    id: s.id,
    title: s.title,
    size,
    first: s.firstDay === null ? null : isoOfDay(s.firstDay),
    last: s.lastDay === null ? null : isoOfDay(s.lastDay),
    actors,
    names,
    summary: evs.length ? evs.join("; ") : firstSentence(s.lead),
    articles: s.members.map((m) => ({ id: m.id, outlet: m.outlet, date: m.day === null ? null : isoOfDay(m.day), reason: m.reason, score: m.score })),
  };
}

function firstSentence(s: string): string {
  const m = /^(.{20,300}?[.!?])(?:\s|$)/s.exec(s);
  return (m ? m[1]! : s.slice(0, 200)).replace(/\s+/g, " ").trim();
}

function slug(s: string): string {
  // the first five words are read from a prefix that ends at a space when it holds five: no
  // decomposition, mark, case mapping (a final sigma is final before the space) or word
  // reaches across a space, so the prefix's words are the first words of the whole
  const cut = s.length > SLUG_PREFIX ? s.indexOf(" ", SLUG_PREFIX) : -1;
  if (cut > 0) {
    const words = slugWords(s.slice(0, cut + 1));
    if (words.length >= 5) return words.slice(0, 5).join("-");
  }
  return slugWords(s).slice(0, 5).join("-") || "story";
}

/** where `slug` first looks for a space to cut at: room for five words of any usual length */
const SLUG_PREFIX = 120;

/** The slug words of `s`: folded, lower case, ASCII letters and digits, longer than two characters. */
function slugWords(s: string): string[] {
  return (
    s
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .split("-")
      .filter((w) => w.length > 2)
  );
}

/** Keeps the `cap` × 3/4 most frequent entries of a document-frequency table (ties: the first counted). */
function compactDf(df: Map<string, number>, cap: number): Map<string, number> {
  const min = compactionFloor(df.values(), cap);
  const out = new Map<string, number>();
  for (const [t, c] of df) if (c >= min) out.set(t, c);
  return out;
}

/** A short stable hash of a string (FNV-1a, base 36). */
function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36).slice(0, 6);
}

/** the length of the runs rankedBy sorts by insertion before merging */
const RANK_RUN = 8;
/** rankedBy's scratch positions (reused: a typed array costs more to allocate than to sort) */
let RANK_A = new Int32Array(512);
let RANK_B = new Int32Array(512);

/** The first `n` keys by `vals`, largest first, ties in the keys' order (as a stable sort of the entries). */
export function rankedBy<K>(keys: ArrayLike<K>, vals: Float64Array, n = keys.length): K[] {
  // a bottom-up merge sort of the positions (stable: a right one goes first only when larger);
  // an article has up to some hundreds of terms
  if (RANK_A.length < n) {
    RANK_A = new Int32Array(n * 2);
    RANK_B = new Int32Array(n * 2);
  }
  let idx = RANK_A;
  let tmp = RANK_B;
  // runs of RANK_RUN positions by insertion (stable: a position moves before only smaller
  // values), then merged: fewer passes over the positions than merging from runs of one
  for (let lo = 0; lo < n; lo += RANK_RUN) {
    const hi = Math.min(lo + RANK_RUN, n);
    for (let k = lo; k < hi; k++) {
      const v = vals[k]!;
      let m = k;
      while (m > lo && vals[idx[m - 1]!]! < v) {
        idx[m] = idx[m - 1]!;
        m--;
      }
      idx[m] = k;
    }
  }
  for (let w = RANK_RUN; w < n; w *= 2) {
    for (let lo = 0; lo < n; lo += 2 * w) {
      const mid = Math.min(lo + w, n);
      const hi = Math.min(lo + 2 * w, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) tmp[k++] = vals[idx[j]!]! > vals[idx[i]!]! ? idx[j++]! : idx[i++]!;
      while (i < mid) tmp[k++] = idx[i++]!;
      while (j < hi) tmp[k++] = idx[j++]!;
    }
    const t = idx;
    idx = tmp;
    tmp = t;
  }
  const out: K[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = keys[idx[i]!]!;
  return out;
}

/**
 * The keys of the `k` largest values offered, largest first, ties in the order offered: the first
 * `k` of a stable sort by value, by selection (no array of every entry).
 */
export class Strongest {
  readonly keys: string[] = [];
  private readonly vals: number[] = [];
  constructor(readonly k: number) {}

  offer(key: string, v: number): void {
    const { keys, vals, k } = this;
    if (keys.length === k && !(v > vals[k - 1]!)) return;
    let j = keys.length === k ? k - 1 : keys.length;
    while (j > 0 && vals[j - 1]! < v) {
      keys[j] = keys[j - 1]!;
      vals[j] = vals[j - 1]!;
      j--;
    }
    keys[j] = key;
    vals[j] = v;
  }
}

/** One more member naming each name of `ids[0, n)` (in that order: new names join the end). */
function countInto(c: Centroid, ids: Int32Array, n: number): void {
  c.reserve(n);
  for (let i = 0; i < n; i++) {
    const j = c.slot(ids[i]!);
    if (j >= 0) c.w[j]!++;
    else c.push(ids[i]!, 1);
  }
}

/** The `n` largest counts, largest first, ties in the counts' order (as `topN` does for a Map); the counts themselves when no more. */
function topCounts(c: Centroid, n: number): Centroid {
  if (c.size <= n) return c;
  const order = Array.from({ length: c.size }, (_, i) => i).sort((a, b) => c.w[b]! - c.w[a]! || a - b);
  const out = new Centroid(n);
  for (let r = 0; r < n; r++) out.push(c.ids[order[r]!]!, c.w[order[r]!]!);
  return out;
}

function topN(m: Map<string, number>, n: number): Map<string, number> {
  if (m.size <= n) return m;
  return new Map([...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The order a stream is fed in: by date (published, else the date the text gives), undated last, stable. */
export function streamOrder(records: readonly ArticleRecord[]): Array<{ record: ArticleRecord; features: ArticleFeatures }> {
  return records
    .map((record, i) => ({ record, features: articleFeatures(record), i }))
    .sort((a, b) => (a.features.day ?? 1e9) - (b.features.day ?? 1e9) || a.i - b.i)
    .map(({ record, features }) => ({ record, features }));
}

/** Batch form used by `analyze` and `eval`: feeds the records in date order, returns id → story. */
export function clusterBatch(records: readonly ArticleRecord[], opts: Partial<StoryOptions> = {}): Map<string, string> {
  const index = new StoryIndex(opts);
  const out = new Map<string, string>();
  const order = streamOrder(records);
  index.prime(order.map((x) => x.features));
  for (const { record, features } of order) out.set(record.id, index.addFeatures(features).story);
  return out;
}

