import { createHash } from "node:crypto";
import type { Article } from "../core/types.js";
import { InputError } from "../core/errors.js";
import { analyzeLayout } from "./layout.js";

/** Stable content id: the first 16 hex characters of sha1(text). Same text, same id. */
export function contentId(text: string): string {
  return createHash("sha1").update(text, "utf8").digest("hex").slice(0, 16);
}

export interface ArticleFields {
  id?: string | null;
  title?: string | null;
  url?: string | null;
  outlet?: string | null;
  published?: string | null;
}

/**
 * Builds an Article from a text that is kept exactly as given, with its layout (headline,
 * captions, signature) worked out from the text. A title given by metadata wins over a
 * headline found in the text.
 */
export function makeArticle(text: string, origin: string, fields: ArticleFields = {}): Article {
  const given = fields.title ?? null;
  const layout = analyzeLayout(text, given);
  return {
    id: fields.id || contentId(text),
    text,
    title: given ?? layout.title,
    url: fields.url ?? null,
    outlet: fields.outlet ?? null,
    published: fields.published ?? null,
    origin,
    bodyStart: layout.bodyStart,
    bodyEnd: layout.bodyEnd,
  };
}

/** Error codes, stable for scripts and tests. */
export const E = {
  EMPTY: "E_EMPTY",
  BINARY: "E_BINARY",
  READ: "E_READ",
  TOO_LARGE: "E_TOO_LARGE",
  NO_TEXT: "E_NO_TEXT",
  XML: "E_XML",
  JSON: "E_JSON",
  ENCODING: "E_ENCODING",
  UNSUPPORTED: "E_UNSUPPORTED",
} as const;

export function inputError(origin: string, reason: string, code: string): InputError {
  return new InputError(origin, reason, code);
}

/** A string value, trimmed, or null when absent or empty. */
export function str(v: unknown): string | null {
  if (typeof v === "string") {
    const t = v.trim();
    return t === "" ? null : t;
  }
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return null;
}
