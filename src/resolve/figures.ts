/**
 * Figure series: figures about the same quantity (same category and unit, same population and
 * place once wording is normalised, e.g. "people who fled Ukraine" = "Ukrainians who fled the
 * country") form one series over their as-of dates, each point with its sources. Figures of the
 * same as-of date whose values cannot both be true given their qualifiers are flagged as
 * contradictions, not silently averaged.
 */
import type { ArticleRecord, FigureCategory, Qualifier, TextSpan } from "../core/types.js";
import { foldName } from "../text/fold.js";
import { countryOf, isStopword, stemWord } from "./features.js";

export interface FigureObservation {
  article: string;
  /** the figure's index in its article's figures */
  idx: number;
  outlet: string | null;
  value: number;
  value_max: number | null;
  qualifier: Qualifier;
  attributed_to: string | null;
  what: string;
  evidence: TextSpan;
}

export interface SeriesPoint {
  /** ISO date (or month/year) the count refers to; null when no source says */
  as_of: string | null;
  /** the point's value: the most precise observation's (exact before bounded, larger lower bound first) */
  value: number;
  qualifier: Qualifier;
  sources: number;
  observations: FigureObservation[];
}

export interface Contradiction {
  as_of: string | null;
  a: FigureObservation;
  b: FigureObservation;
  why: string;
}

export interface FigureSeriesView {
  id: string;
  category: FigureCategory;
  unit: string;
  /** the most frequent wording */
  what: string;
  /** the normalised key words (countries as codes) the series is grouped by */
  key: string[];
  points: SeriesPoint[];
  contradictions: Contradiction[];
}

export interface ArticleFigures {
  id: string;
  outlet: string | null;
  figures: ArticleRecord["figures"];
}

/**
 * Words that do not change which quantity is counted: the category's own verbs (fled, killed),
 * generic heads and time words (the as-of date carries the time).
 */
const GENERIC = new Set(
  (
    "people person individual number total overall current currently far now latest least more than about some " +
    "flee fled fleeing left leave leaving forced displace displaced displacement refugee refugees crossed crossing " +
    "kill killed dead death die died injure injured wound wounded hurt casualty " +
    "country previous report day daily week today yesterday monday tuesday wednesday thursday friday saturday sunday"
  )
    .split(" ")
    .flatMap((w) => [w, stemWord(w)]),
);
/** Words that turn a count into a forecast: a projection is its own series. */
const PROJECTION = new Set("may might could would expect expected projected projection forecast estimate likely".split(" "));

/** The normalised key of a figure's "what": content stems, countries as codes, projection marked. */
export function quantityKey(what: string): { terms: string[]; countries: string[] } {
  const terms = new Set<string>();
  const countries = new Set<string>();
  for (const m of what.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)) {
    const raw = m[0];
    const lower = raw.toLowerCase();
    const folded = foldName(raw).replace(/ /g, "");
    const c = countryOf(folded);
    if (c) {
      countries.add(c);
      continue;
    }
    if (PROJECTION.has(lower)) {
      terms.add("(projection)");
      continue;
    }
    if (isStopword(lower) || lower.length < 3) continue;
    const t = stemWord(raw);
    if (!GENERIC.has(t) && !GENERIC.has(lower)) terms.add(t);
  }
  return { terms: [...terms].sort(), countries: [...countries].sort() };
}

/** The look-up key of the series a figure belongs to (category, unit, normalised quantity words), and its places. */
export function seriesKeyOf(f: { what: string; unit: string; category: FigureCategory }): { key: string; unit: string; terms: string[]; countries: string[] } {
  const unit = foldName(f.unit || "people") || "people";
  const { terms, countries } = quantityKey(f.what);
  return { key: `${f.category}|${unit}|${terms.join(" ")}`, unit, terms, countries };
}

/** The values a figure allows, as an interval, given its qualifier; round "exact" numbers are approximate. */
export function interval(value: number, qualifier: Qualifier, valueMax: number | null = null): [number, number] {
  if (valueMax !== null && valueMax > value) return [value, valueMax];
  switch (qualifier) {
    case "at least":
      return [value, Infinity];
    case "more than":
      return [value + 1e-9, Infinity];
    case "up to":
      return [0, value];
    case "fewer than":
      return [0, value - 1e-9];
    case "about":
      return [value * 0.9, value * 1.1];
    default: {
      const tol = isRound(value) ? 0.05 : 0;
      return [value * (1 - tol), value * (1 + tol)];
    }
  }
}

/** 1,000,000 or 368,000 (at least three trailing zeros): a reporter's rounding. */
function isRound(v: number): boolean {
  return v >= 1000 && v % 1000 === 0;
}

export function overlap(a: [number, number], b: [number, number]): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}

interface Series {
  id: string;
  category: FigureCategory;
  unit: string;
  terms: string[];
  countries: Set<string>;
  whats: Map<string, number>;
  points: SeriesPoint[];
}

export class FigureSeriesIndex {
  private series: Series[] = [];
  private byKey = new Map<string, number[]>();

  get size(): number {
    return this.series.length;
  }

  /**
   * Adds an article's figures; returns the series id of each, in order. `newId(i)` names a
   * series opened by the article's i-th figure (default: a running number).
   */
  add(article: ArticleFigures, newId?: (i: number) => string): string[] {
    const out: string[] = [];
    for (const [i, f] of article.figures.entries()) {
      const { key, unit, countries, terms } = seriesKeyOf(f);
      let si = (this.byKey.get(key) ?? []).find((i) => {
        const s = this.series[i]!;
        // a count without a place fits a series of one place (the place is implicit), and vice versa
        return countries.length === 0 || s.countries.size === 0 || countries.every((c) => s.countries.has(c));
      });
      if (si === undefined) {
        si = this.series.length;
        this.series.push({ id: newId?.(i) ?? `series-${si + 1}`, category: f.category, unit, terms, countries: new Set(countries), whats: new Map(), points: [] });
        let list = this.byKey.get(key);
        if (!list) this.byKey.set(key, (list = []));
        list.push(si);
      }
      const s = this.series[si]!;
      for (const c of countries) s.countries.add(c);
      s.whats.set(f.what, (s.whats.get(f.what) ?? 0) + 1);
      const obs: FigureObservation = {
        article: article.id,
        idx: i,
        outlet: article.outlet,
        value: f.value,
        value_max: f.value_max ?? null,
        qualifier: f.qualifier,
        attributed_to: f.attributed_to,
        what: f.what,
        evidence: f.span,
      };
      this.addPoint(s, f.as_of, obs);
      out.push(s.id);
    }
    return out;
  }

  /** Puts back an observation already stored in series `id` (a store loading the points it updates). */
  seed(id: string, asOf: string | null, obs: FigureObservation): void {
    const s = this.series.find((x) => x.id === id);
    if (s) this.addPoint(s, asOf, obs, false);
  }

  /** After seeding: each point's value and sources, once. */
  settle(): void {
    for (const s of this.series) {
      s.points.sort((a, b) => (a.as_of ?? "").localeCompare(b.as_of ?? ""));
      for (const p of s.points) settlePoint(p);
    }
  }

  private addPoint(s: Series, asOf: string | null, obs: FigureObservation, settle = true): void {
    let p = s.points.find((x) => x.as_of === asOf);
    if (!p) {
      p = { as_of: asOf, value: obs.value, qualifier: obs.qualifier, sources: 0, observations: [] };
      s.points.push(p);
      if (settle) s.points.sort((a, b) => (a.as_of ?? "").localeCompare(b.as_of ?? ""));
    }
    p.observations.push(obs);
    if (settle) settlePoint(p);
  }

  list(): FigureSeriesView[] {
    return this.series.map((s) => view(s));
  }

  get(id: string): FigureSeriesView | null {
    const s = this.series.find((x) => x.id === id);
    return s ? view(s) : null;
  }

  toJSON(): FigureSeriesJSON {
    return {
      version: 1,
      series: this.series.map((s) => ({ ...s, countries: [...s.countries], whats: [...s.whats.entries()] })),
    };
  }

  static fromJSON(j: FigureSeriesJSON): FigureSeriesIndex {
    if (j.version !== 1) throw new Error(`FigureSeriesIndex: unknown state version ${String(j.version)}`);
    const x = new FigureSeriesIndex();
    for (const s of j.series) {
      const idx = x.series.length;
      x.series.push({ ...s, countries: new Set(s.countries), whats: new Map(s.whats) });
      const key = `${s.category}|${s.unit}|${s.terms.join(" ")}`;
      let list = x.byKey.get(key);
      if (!list) x.byKey.set(key, (list = []));
      list.push(idx);
    }
    return x;
  }
}

export interface FigureSeriesJSON {
  version: number;
  series: Array<Omit<Series, "countries" | "whats"> & { countries: string[]; whats: Array<[string, number]> }>;
}

function settlePoint(p: SeriesPoint): void {
  p.sources = new Set(p.observations.map((o) => o.outlet ?? `article:${o.article}`)).size;
  let best = p.observations[0]!;
  for (const o of p.observations) if (better(o, best)) best = o;
  p.value = best.value;
  p.qualifier = best.qualifier;
}

/** contradictions listed per point at most (a point many outlets disagree on would list each pair) */
export const MAX_CONTRADICTIONS = 50;

/** How precise an observation is (a point's value is its most precise observation's, the larger on a tie). */
export function precision(o: Pick<FigureObservation, "qualifier" | "value" | "value_max">): number {
  if (o.qualifier === "exactly" && o.value_max == null) return isRound(o.value) ? 2 : 3;
  if (o.qualifier === "about") return 1;
  return 0;
}

function view(s: Series): FigureSeriesView {
  const contradictions: Contradiction[] = [];
  for (const p of s.points) {
    const obs = p.observations;
    let n = 0;
    for (let i = 0; i < obs.length && n < MAX_CONTRADICTIONS; i++)
      for (let j = i + 1; j < obs.length && n < MAX_CONTRADICTIONS; j++) {
        const a = obs[i]!;
        const b = obs[j]!;
        const c = contradiction(p.as_of, a, b);
        if (c && ++n) contradictions.push(c);
      }
  }
  const what = [...s.whats.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
  return {
    id: s.id,
    category: s.category,
    unit: s.unit,
    what,
    key: [...s.terms, ...[...s.countries].sort()],
    points: s.points.map((p) => ({ ...p, observations: [...p.observations] })),
    contradictions,
  };
}

/** The contradiction between two observations of one as-of date, or null when both can hold. */
export function contradiction(asOf: string | null, a: FigureObservation, b: FigureObservation): Contradiction | null {
  if (overlap(interval(a.value, a.qualifier, a.value_max), interval(b.value, b.qualifier, b.value_max))) return null;
  return { as_of: asOf, a, b, why: `${fmt(a)} and ${fmt(b)} cannot both hold${asOf ? ` on ${asOf}` : ""}` };
}

/** Is observation `o` a better value for its point than `best` (more precise, else larger)? */
export function better(o: Pick<FigureObservation, "qualifier" | "value" | "value_max">, best: Pick<FigureObservation, "qualifier" | "value" | "value_max">): boolean {
  const po = precision(o);
  const pb = precision(best);
  return po > pb || (po === pb && o.value > best.value);
}

function fmt(o: FigureObservation): string {
  const q = o.qualifier === "exactly" ? "" : `${o.qualifier} `;
  return `${q}${o.value.toLocaleString("en-US")} (${o.outlet ?? o.article})`;
}
