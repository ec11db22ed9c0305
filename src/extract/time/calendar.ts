/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, UTC): no time zones, no Date
 * objects in the hot path beyond conversion.
 */

const MS_PER_DAY = 86_400_000;

export function dayOf(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** Proleptic Gregorian civil date of a day number (H. Hinnant's days-to-civil; no Date object). */
export function ymdOf(day: number): Ymd {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

export function isoDay(day: number): string {
  const { y, m, d } = ymdOf(day);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

export function isoMonth(y: number, m: number): string {
  return `${pad(y, 4)}-${pad(m)}`;
}

const ISO_DAY_RE = /^(\d{4})-(\d{2})-(\d{2})/;

/** Day number of an ISO date (YYYY-MM-DD, anything after is ignored), or null. */
export function parseIsoDay(s: string | null | undefined): number | null {
  if (!s) return null;
  const m = ISO_DAY_RE.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return dayOf(y, mo, d);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The Monday of the (Monday-based) week that contains the day. */
export function mondayOf(day: number): number {
  return day - ((weekdayOf(day) + 6) % 7);
}

/** Most recent day with this weekday, on or before `ref` (strictly before when `strict`). */
export function weekdayOnOrBefore(ref: number, weekday: number, strict = false): number {
  const back = (weekdayOf(ref) - weekday + 7) % 7;
  return ref - (back === 0 && strict ? 7 : back);
}

/** First day with this weekday, on or after `ref` (strictly after when `strict`). */
export function weekdayOnOrAfter(ref: number, weekday: number, strict = false): number {
  const fwd = (weekday - weekdayOf(ref) + 7) % 7;
  return ref + (fwd === 0 && strict ? 7 : fwd);
}

/** The year that puts month/day closest to the reference day (ties go to the past). */
export function closestYear(ref: number, m: number, d: number): number {
  const ry = ymdOf(ref).y;
  let best = ry;
  let bestDist = Infinity;
  for (const y of [ry - 1, ry, ry + 1]) {
    const dist = dayOf(y, m, d) - ref;
    const a = Math.abs(dist);
    if (a < bestDist || (a === bestDist && dist < 0)) {
      best = y;
      bestDist = a;
    }
  }
  return best;
}

export function validMonthDay(m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}
