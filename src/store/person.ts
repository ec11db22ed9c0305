/**
 * A person across articles: aliases, roles over time, appearances. Pure logic over the rows an
 * adapter reads (one row per article the person appears in), shared by every adapter.
 */
import type { TextSpan } from "../core/types.js";
import type { EventRow, PersonDetail, QuoteRow, RolePeriod } from "./port.js";

export interface PersonAppearance {
  article: string;
  title: string | null;
  published: string | null;
  name: string;
  aliases: string[];
  role: string | null;
  country: string | null;
  role_evidence: TextSpan | null;
  mentions: TextSpan[];
}

const earlier = (a: string | null, b: string | null) => (a == null ? b : b == null ? a : a < b ? a : b);
const later = (a: string | null, b: string | null) => (a == null ? b : b == null ? a : a > b ? a : b);

/**
 * Builds the person detail. Roles over time: consecutive appearances (in date order) with the
 * same role and country form one period; a role that comes back later opens a new period.
 * Appearances without a role join the period they fall in and open none.
 */
export function buildPersonDetail(
  key: string,
  rows: readonly PersonAppearance[],
  events: EventRow[],
  quotes: QuoteRow[],
): PersonDetail | null {
  if (!rows.length) return null;
  const sorted = [...rows].sort((a, b) => (a.published ?? "9999").localeCompare(b.published ?? "9999") || a.article.localeCompare(b.article));
  // display name: the most frequent full form, the longer one on a tie
  const nameCount = new Map<string, number>();
  for (const r of sorted) nameCount.set(r.name, (nameCount.get(r.name) ?? 0) + 1);
  const name = [...nameCount].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || a[0].localeCompare(b[0]))[0]![0];
  const aliases = new Set<string>();
  for (const r of sorted) {
    if (r.name !== name) aliases.add(r.name);
    for (const a of r.aliases) if (a !== name) aliases.add(a);
  }
  const roles: RolePeriod[] = [];
  let cur: RolePeriod | null = null;
  let role: string | null = null;
  let country: string | null = null;
  for (const r of sorted) {
    if (r.role == null && r.country == null) {
      if (cur) {
        cur.last_seen = later(cur.last_seen, r.published);
        if (!cur.articles.includes(r.article)) cur.articles.push(r.article);
      }
      continue;
    }
    if (r.role != null) role = r.role;
    if (r.country != null) country = r.country;
    if (cur && cur.role === (r.role ?? cur.role) && cur.country === (r.country ?? cur.country)) {
      cur.first_seen = earlier(cur.first_seen, r.published);
      cur.last_seen = later(cur.last_seen, r.published);
      if (!cur.articles.includes(r.article)) cur.articles.push(r.article);
      continue;
    }
    const prev = cur as RolePeriod | null;
    cur = {
      role: r.role ?? prev?.role ?? null,
      country: r.country ?? prev?.country ?? null,
      first_seen: r.published,
      last_seen: r.published,
      articles: [r.article],
      evidence: r.role_evidence,
      evidence_article: r.role_evidence ? r.article : null,
    };
    roles.push(cur);
  }
  return {
    key,
    name,
    role,
    country,
    articles: new Set(sorted.map((r) => r.article)).size,
    first_seen: sorted.reduce<string | null>((m, r) => earlier(m, r.published), null),
    last_seen: sorted.reduce<string | null>((m, r) => later(m, r.published), null),
    aliases: [...aliases],
    roles,
    appearances: sorted.map((r) => ({ article: r.article, title: r.title, published: r.published, mentions: r.mentions })),
    events,
    quotes,
  };
}
