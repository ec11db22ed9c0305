/** The JSON API, typed with the server's own types (type-only imports: nothing of the server is bundled). */
import type { ArticleRow, FigureRow, PersonDetail, PersonSummary, QuoteRow, StoredArticle } from "../../src/store/port.js";
import type { FigureSeries, Network, PlacePoint, SearchResult, StorySummary, StoryView } from "../../src/api/types.js";

export type { ArticleRow, FigureRow, FigureSeries, Network, PersonDetail, PersonSummary, PlacePoint, QuoteRow, SearchResult, StoredArticle, StorySummary, StoryView };
export type { TimelineEvent, NetworkEdge, NetworkNode, SeriesPoint } from "../../src/api/types.js";
export type { EventRow, SideRow } from "../../src/store/port.js";
export type { TextSpan } from "../../src/core/types.js";

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export async function api<T>(path: string, params: Record<string, string | number | undefined | null> = {}): Promise<T> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") qs.set(k, String(v));
  const url = `/api/${path}${qs.size ? `?${qs}` : ""}`;
  const res = await fetch(url, { headers: { accept: "application/json" } });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, (body as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${res.status}`);
  return body as T;
}

export const enc = encodeURIComponent;
