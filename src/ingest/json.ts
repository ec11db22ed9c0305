/**
 * JSON and JSON Lines: objects {id?, title?, text, url?, outlet?, published?}. A gold file of
 * the corpus reads as an article: every other field (persons, events, story, …) is ignored.
 */
import type { Article } from "../core/types.js";
import type { InputError } from "../core/errors.js";
import { E, inputError, makeArticle, str } from "./article.js";
import { normalizeDate } from "./dates.js";

/** Where a JSON.parse error happened: offset into the source. */
export function jsonErrorOffset(src: string, err: unknown): number {
  const msg = err instanceof Error ? err.message : String(err);
  const m = /at position (\d+)/.exec(msg);
  if (m) return Number(m[1]);
  if (/Unexpected end of JSON input/.test(msg)) return src.length;
  // V8 names no position for some errors: find the shortest prefix that fails for another reason
  let lo = 0;
  let hi = src.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    let endOnly = true;
    try {
      JSON.parse(src.slice(0, mid + 1));
    } catch (e) {
      endOnly = /Unexpected end of JSON input/.test((e as Error).message);
    }
    if (endOnly) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** JSON.parse's message without the echo of the whole source V8 sometimes appends. */
function cleanMessage(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg
    .replace(/, "[\s\S]*" is not valid JSON$/, "")
    .replace(/ in JSON at position \d+(?: \(line \d+ column \d+\))?/, "")
    .replace(/\n/g, "\\n");
}

/** "line L, column C" of an offset (1-based) in a multi-line source. */
export function lineCol(src: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < src.length; i++) {
    if (src.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}

export type ParseResult = { ok: true; value: unknown } | { ok: false; offset: number; message: string };

export function parseJson(src: string): ParseResult {
  try {
    return { ok: true, value: JSON.parse(src) };
  } catch (e) {
    return { ok: false, offset: jsonErrorOffset(src, e), message: cleanMessage(e) };
  }
}

/**
 * One parsed JSON value → an Article, or an InputError naming `origin`.
 * `published` counts as metadata only when the object does not mark it `published_inferred`.
 */
export function objectToArticle(value: unknown, origin: string, maxChars: number): Article | InputError {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return inputError(origin, `expected a JSON object with a "text" field, found ${Array.isArray(value) ? "an array" : value === null ? "null" : typeof value}`, E.JSON);
  }
  const o = value as Record<string, unknown>;
  const text = o["text"];
  if (typeof text !== "string" || text.trim() === "") {
    const why = text === undefined ? "has no \"text\" field" : typeof text !== "string" ? `has a "text" field that is not a string (${text === null ? "null" : typeof text})` : "has an empty \"text\"";
    return inputError(origin, `JSON object ${why}`, E.NO_TEXT);
  }
  if (text.length > maxChars) {
    return inputError(origin, `article text of ${text.length} characters is larger than the limit of ${maxChars}`, E.TOO_LARGE);
  }
  const published = o["published_inferred"] === true ? null : normalizeDate(o["published"]);
  return makeArticle(text, origin, {
    id: str(o["id"]),
    title: str(o["title"]),
    url: str(o["url"]),
    outlet: str(o["outlet"]),
    published,
  });
}

/** A whole .json file: one object, or an array of objects (origin `file#n`, 1-based). */
export function* readJsonDocument(src: string, origin: string, maxChars: number): Generator<Article | InputError> {
  const parsed = parseJson(src);
  if (!parsed.ok) {
    const { line, col } = lineCol(src, parsed.offset);
    yield inputError(`${origin}:${line}`, `malformed JSON at line ${line}, column ${col} (position ${parsed.offset}): ${parsed.message}`, E.JSON);
    return;
  }
  if (Array.isArray(parsed.value)) {
    if (parsed.value.length === 0) {
      yield inputError(origin, "the JSON array holds no articles", E.EMPTY);
      return;
    }
    for (let i = 0; i < parsed.value.length; i++) yield objectToArticle(parsed.value[i], `${origin}#${i + 1}`, maxChars);
    return;
  }
  yield objectToArticle(parsed.value, origin, maxChars);
}

/** One line of a JSON Lines file (origin `file:line`); null for a blank line. */
export function readJsonLine(line: string, origin: string, maxChars: number): Article | InputError | null {
  if (line.trim() === "") return null;
  const parsed = parseJson(line);
  if (!parsed.ok) {
    return inputError(origin, `malformed JSON at column ${parsed.offset + 1}: ${parsed.message}`, E.JSON);
  }
  return objectToArticle(parsed.value, origin, maxChars);
}
