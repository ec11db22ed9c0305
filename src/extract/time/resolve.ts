/**
 * Candidates → calendar values, against a reference day (the publication date) and, for dates
 * without a year, a context year. News leans to the past: a bare weekday is the most recent one
 * (that day itself included) unless its clause is about the future.
 */
import type { TimeExpr } from "../../core/types.js";
import {
  closestYear, dayOf, isoDay, isoMonth, mondayOf, weekdayOnOrAfter, weekdayOnOrBefore, ymdOf,
} from "./calendar.js";
import type { Cand, CandKind, Role } from "./parse.js";

/** A resolved time expression with what later stages need to weigh it. */
export interface NewsTime extends TimeExpr {
  kind: CandKind;
  role: Role;
  future: boolean;
  /** day number of `value` (day grain) or of the start of the period */
  day: number;
  /** day number of the inclusive end of the period */
  endDay: number;
}

export interface ResolveContext {
  text: string;
  /** the reference day (publication date), or null when unknown */
  ref: number | null;
  /** year for month-day dates when the reference is unknown */
  year: number | null;
}

function monthEnd(y: number, m: number): number {
  return dayOf(y, m + 1, 1) - 1;
}

function mk(c: Cand, value: string, grain: TimeExpr["grain"], day: number, endDay: number, rule: string, end_value?: string): NewsTime {
  const t: NewsTime = { start: c.start, end: c.end, value, grain, rule, kind: c.kind, role: c.role, future: c.future, day, endDay };
  if (end_value !== undefined) t.end_value = end_value;
  return t;
}

function dayTime(c: Cand, day: number, rule: string): NewsTime {
  return mk(c, isoDay(day), "day", day, day, rule);
}

function rangeTime(c: Cand, from: number, to: number, rule: string, grain: TimeExpr["grain"] = "range"): NewsTime {
  return mk(c, isoDay(from), grain, from, to, rule, isoDay(to));
}

function monthTime(c: Cand, y: number, m: number, rule: string): NewsTime {
  return mk(c, isoMonth(y, m), "month", dayOf(y, m, 1), monthEnd(y, m), rule);
}

function yearTime(c: Cand, y: number, rule: string): NewsTime {
  return mk(c, String(y).padStart(4, "0"), "year", dayOf(y, 1, 1), dayOf(y, 12, 31), rule);
}

function resolveOne(c: Cand, ctx: ResolveContext): NewsTime | null {
  const ref = ctx.ref;
  switch (c.kind) {
    case "abs": {
      const day = dayOf(c.y!, c.m!, c.d!);
      if (c.endD !== undefined) {
        const endDay = dayOf(c.endY ?? c.y!, c.endM ?? c.m!, c.endD);
        if (endDay > day) return rangeTime(c, day, endDay, "date-range");
      }
      return dayTime(c, day, "date");
    }
    case "md": {
      let y: number;
      let rule: string;
      if (ref !== null) {
        y = closestYear(ref, c.m!, c.d!);
        // past-leaning: a reported date more than two months ahead is last year's
        if (!c.future && dayOf(y, c.m!, c.d!) - ref > 60) y -= 1;
        rule = "month-day:year-from-reference";
      } else if (ctx.year !== null) {
        y = ctx.year;
        rule = "month-day:year-from-context";
      } else return null;
      const day = dayOf(y, c.m!, c.d!);
      if (c.endD !== undefined) {
        const endM = c.endM ?? c.m!;
        const endDay = dayOf(endM < c.m! ? y + 1 : y, endM, c.endD);
        if (endDay > day) return rangeTime(c, day, endDay, rule.replace("month-day", "month-day-range"));
      }
      return dayTime(c, day, rule);
    }
    case "ym":
      return monthTime(c, c.y!, c.m!, "month-year");
    case "m": {
      let y: number;
      if (ref !== null) {
        const r = ymdOf(ref);
        // past-leaning: a month more than one month ahead of the reference is last year's,
        // unless the clause is about the future
        if (c.future) y = c.m! >= r.m ? r.y : r.y + 1;
        else y = c.m! <= r.m + 1 ? r.y : r.y - 1;
      } else if (ctx.year !== null) y = ctx.year;
      else return null;
      return monthTime(c, y, c.m!, "month:year-from-reference");
    }
    case "y":
      return yearTime(c, c.y!, "year");
    case "wd": {
      if (ref === null) return null;
      const w = c.weekday!;
      let day: number;
      let rule: string;
      if (c.mod === "last") {
        day = weekdayOnOrBefore(ref, w, true);
        rule = "weekday:last";
      } else if (c.mod === "next") {
        day = weekdayOnOrAfter(ref, w, true);
        rule = "weekday:next";
      } else if (c.mod === "this") {
        day = mondayOf(ref) + ((w + 6) % 7);
        rule = "weekday:this";
      } else if (c.future) {
        day = weekdayOnOrAfter(ref, w);
        rule = "weekday:future";
      } else {
        day = weekdayOnOrBefore(ref, w);
        rule = "weekday:past";
      }
      if (/weekend/i.test(ctx.text.slice(c.start, c.end))) {
        const sat = day;
        return rangeTime(c, sat, sat + 1, rule.replace("weekday", "weekend"));
      }
      return dayTime(c, day, rule);
    }
    case "rel": {
      if (ref === null) return null;
      const n = c.n ?? 0;
      const r = ymdOf(ref);
      switch (c.unit) {
        case "day":
          return dayTime(c, ref + n, "relative-day");
        case "week": {
          if (c.part === "past") return rangeTime(c, ref - 7, ref, "past-week");
          const mon = mondayOf(ref) + 7 * n;
          if (n === 0 && c.part === "earlier") return rangeTime(c, mon, Math.max(mon, ref - 1), "earlier-this-week");
          if (n === 0 && c.part === "later") return rangeTime(c, Math.min(ref + 1, mon + 6), mon + 6, "later-this-week");
          return rangeTime(c, mon, mon + 6, "relative-week", "week");
        }
        case "month": {
          const total = r.y * 12 + (r.m - 1) + n;
          const y = Math.floor(total / 12);
          const m = (total % 12) + 1;
          if (n === 0 && c.part === "earlier") {
            const first = dayOf(y, m, 1);
            return rangeTime(c, first, Math.max(first, ref - 1), "earlier-this-month");
          }
          return monthTime(c, y, m, "relative-month");
        }
        case "year": {
          const t = yearTime(c, r.y + n, c.part ? `relative-year:${c.part}` : "relative-year");
          return t;
        }
        default:
          return null;
      }
    }
    default:
      return null;
  }
}

/** Text after an "after/before" expression starts a clause or noun phrase ("three days after Moscow recognized"). */
const PREPOSITION_FOLLOWS_RE = /^\s*[\p{L}\d"“']/u;

/**
 * Resolves every candidate it can. Anchored expressions ("a day earlier", "three days after X")
 * take the nearest day-grain date before them in the same paragraph.
 */
export function resolveCandidates(cands: readonly Cand[], ctx: ResolveContext): NewsTime[] {
  const out: NewsTime[] = [];
  for (const c of cands) {
    if (c.kind === "anchored") {
      const anchor = findAnchor(out, c, ctx.text);
      if (!anchor) continue;
      const n = c.n ?? 0;
      const prep = (c.part === "after" || c.part === "before") && PREPOSITION_FOLLOWS_RE.test(ctx.text.slice(c.end, c.end + 3));
      // "on Feb 24, three days after Moscow recognized …": what follows happened 3 days before Feb 24
      const day = prep ? anchor.day - n : anchor.day + n;
      const t = dayTime(c, day, prep ? "anchored:inverse" : "anchored");
      t.future = anchor.future;
      out.push(t);
      continue;
    }
    const t = resolveOne(c, ctx);
    if (t) out.push(t);
  }
  return out;
}

function findAnchor(resolved: readonly NewsTime[], c: Cand, text: string): NewsTime | null {
  for (let i = resolved.length - 1; i >= 0; i--) {
    const a = resolved[i]!;
    if (c.start - a.end > 250) return null;
    if (text.slice(a.end, c.start).includes("\n")) return null;
    if (a.grain === "day") return a;
  }
  return null;
}
