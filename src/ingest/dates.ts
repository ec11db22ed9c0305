/**
 * Publication dates from metadata: any common date/time string → ISO YYYY-MM-DD.
 * The calendar date is kept as written: "2022-02-26T23:30:00+03:00" is 2022-02-26, not the UTC day.
 */

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
  nov: 11, november: 11, dec: 12, december: 12,
};
const MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

const ISO_RE = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s_])/;
const SLASH_YMD_RE = /^\s*(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b/;
const COMPACT_RE = /^\s*(\d{4})(\d{2})(\d{2})(?:$|T\d)/;
// "26 Feb 2022", "Sat, 26 Feb 2022 20:30:00 +0300", "26th of February, 2022"
const DMY_RE = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?[\\s-]+${MONTH}\\.?,?[\\s-]+(\\d{4})\\b`, "i");
// "February 26, 2022", "Feb. 26 2022"
const MDY_RE = new RegExp(`\\b${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, "i");

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** ISO date when year/month/day form a real calendar date in a plausible range, else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!(year >= 1900 && year <= 2200 && month >= 1 && month <= 12 && day >= 1)) return null;
  if (day > daysIn(year, month)) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Normalises a date or date-time string to YYYY-MM-DD, or null when it is not a date. */
export function normalizeDate(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) {
    // epoch seconds or milliseconds
    const ms = value < 1e11 ? value * 1000 : value;
    const d = new Date(ms);
    return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  if (typeof value !== "string") return null;
  const s = value.trim();
  if (s === "" || s.length > 200) return null;
  let m = ISO_RE.exec(s) ?? SLASH_YMD_RE.exec(s) ?? COMPACT_RE.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DMY_RE.exec(s);
  if (m) return isoDate(Number(m[3]), MONTHS[m[2]!.toLowerCase()]!, Number(m[1]));
  m = MDY_RE.exec(s);
  if (m) return isoDate(Number(m[3]), MONTHS[m[1]!.toLowerCase()]!, Number(m[2]));
  // anything else ("Feb 2022", "01/02/2022": no day, or day and month ambiguous) is not a date
  return null;
}

const URL_YMD_RE = /\/((?:19|20)\d{2})\/(\d{1,2})\/(\d{1,2})(?:\/|$)/;
const URL_DASHED_RE = /(?:^|[/_-])((?:19|20)\d{2})-(\d{2})-(\d{2})(?=$|[/_.\-?#])/;

/** A publication date written into a URL path: /2022/02/26/ or …-2022-02-26. */
export function dateFromUrl(url: string | null): string | null {
  if (!url) return null;
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    /* not an absolute URL: use it as it is */
  }
  const m = URL_YMD_RE.exec(path) ?? URL_DASHED_RE.exec(path);
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}
