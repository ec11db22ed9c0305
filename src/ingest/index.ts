/**
 * Input readers: walk files and directories (and "-" for stdin) and yield one Article per
 * article found, or one InputError per bad input. Never throws for bad input: the batch goes on.
 *
 *   .txt                  one article; headline/caption/signature found by layout.ts
 *   .html .htm .xhtml     main text via Readability, metadata from meta tags and JSON-LD
 *   .xml .rss .atom       RSS/Atom feed, one article per item (origin file#n); any other file that
 *                         starts like a feed is read as one too
 *   .jsonl .ndjson        one object per line (origin file:line), streamed
 *   .json                 one object, or an array of objects (origin file#n)
 */
import { closeSync, createReadStream, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { Article } from "../core/types.js";
import { InputError } from "../core/errors.js";
import { E, inputError, makeArticle } from "./article.js";
import { decodeBytes, firstInvalidUtf8, looksBinary } from "./decode.js";
import { readFeed, startsLikeFeed } from "./feed.js";
import { readHtml } from "./html.js";
import { readJsonDocument, readJsonLine, parseJson, lineCol } from "./json.js";

export { contentId, E as INPUT_ERROR_CODES } from "./article.js";
export { normalizeDate, dateFromUrl } from "./dates.js";
export { analyzeLayout } from "./layout.js";

export interface ReadOptions {
  /** largest text accepted, in characters (default 5 MB) */
  maxChars?: number;
  /** what "-" reads (default: process.stdin); for tests and embedding */
  stdin?: AsyncIterable<Uint8Array | string>;
}

export const DEFAULT_MAX_CHARS = 5_000_000;
/** Files that hold many articles (JSON arrays, feeds) may be this many times larger than one article. */
const MULTI_ARTICLE_FACTOR = 20;
/** A UTF-8 character takes at most 4 bytes: a file larger than 4 × maxChars bytes is too large unread. */
const MAX_BYTES_PER_CHAR = 4;
/** Room for the other fields of a JSON line besides its text. */
const LINE_METADATA_BYTES = 65_536;

type Kind = "text" | "html" | "feed" | "json" | "jsonl";

const KIND_BY_EXT: Record<string, Kind> = {
  ".txt": "text", ".text": "text",
  ".html": "html", ".htm": "html", ".xhtml": "html",
  ".xml": "feed", ".rss": "feed", ".atom": "feed",
  ".json": "json",
  ".jsonl": "jsonl", ".ndjson": "jsonl",
};
const SUPPORTED = ".txt, .html, .htm, .xml, .rss, .atom, .json, .jsonl";

/** Files that sit beside articles (corpus READMEs, scripts) and are never articles. */
function alwaysSkipped(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === "readme.md" || lower.endsWith(".mjs") || lower.endsWith(".py");
}

function readError(origin: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException)?.code;
  const reason =
    code === "ENOENT" ? "file or directory not found"
    : code === "EACCES" || code === "EPERM" ? "permission denied"
    : code === "EISDIR" ? "is a directory"
    : code === "ELOOP" ? "too many symbolic links"
    : `cannot read: ${(err as Error)?.message ?? String(err)}`;
  return inputError(origin, reason, E.READ);
}

function tooLarge(origin: string, what: string, limit: number): InputError {
  return inputError(origin, `${what} is larger than the limit of ${limit.toLocaleString("en-US")} characters`, E.TOO_LARGE);
}

/**
 * Walks the given files and directories and yields one Article per article found (a .txt file,
 * an HTML page, each feed item, each JSON line), or an InputError naming the file (and line)
 * and the reason. Never throws for bad input: the batch goes on.
 */
export async function* readInputs(paths: string[], options: ReadOptions = {}): AsyncGenerator<Article | InputError> {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const seenDirs = new Set<string>();
  for (const p of paths) {
    const source = p === "-" ? readStdin(options.stdin ?? process.stdin, maxChars) : readPath(p, true, maxChars, seenDirs);
    for await (const item of source) {
      if (!(item instanceof InputError) && item.text.length > maxChars) {
        yield tooLarge(item.origin, `article text of ${item.text.length.toLocaleString("en-US")} characters`, maxChars);
      } else yield item;
    }
  }
}

async function* readPath(path: string, explicit: boolean, maxChars: number, seenDirs: Set<string>): AsyncGenerator<Article | InputError> {
  const name = basename(path);
  if (alwaysSkipped(name)) return;
  let info;
  try {
    info = statSync(path);
  } catch (e) {
    yield readError(path, e);
    return;
  }
  if (info.isDirectory()) {
    yield* readDirectory(path, maxChars, seenDirs);
    return;
  }
  if (!info.isFile()) {
    if (explicit) yield inputError(path, "not a regular file", E.READ);
    return;
  }
  let kind: Kind | undefined = KIND_BY_EXT[extname(name).toLowerCase()];
  if (kind === undefined) {
    // any file that starts like a feed is read as one
    if (info.size > 0 && headStartsLikeFeed(path)) kind = "feed";
    else {
      if (explicit) yield inputError(path, `unsupported file type "${extname(name) || name}" (supported: ${SUPPORTED})`, E.UNSUPPORTED);
      return;
    }
  }
  if (info.size === 0) {
    yield inputError(path, "empty file", E.EMPTY);
    return;
  }
  if (kind === "jsonl") {
    yield* readJsonl(path, maxChars);
    return;
  }
  const multi = kind === "json" || kind === "feed";
  const charLimit = multi ? maxChars * MULTI_ARTICLE_FACTOR : maxChars;
  if (info.size > charLimit * MAX_BYTES_PER_CHAR) {
    yield tooLarge(path, `file of ${info.size.toLocaleString("en-US")} bytes`, charLimit);
    return;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    yield readError(path, e);
    return;
  }
  yield* readBytes(bytes, kind, path, maxChars, charLimit);
}

async function* readDirectory(dir: string, maxChars: number, seenDirs: Set<string>): AsyncGenerator<Article | InputError> {
  let names: string[];
  try {
    const real = realpathSync(dir);
    if (seenDirs.has(real)) return; // a symbolic link loop, or the same folder given twice
    seenDirs.add(real);
    names = readdirSync(dir);
  } catch (e) {
    yield readError(dir, e);
    return;
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const n of names) {
    if (n.startsWith(".")) continue;
    yield* readPath(join(dir, n), false, maxChars, seenDirs);
  }
}

function headStartsLikeFeed(path: string): boolean {
  let fd: number | null = null;
  try {
    fd = openSync(path, "r");
    const buf = Buffer.alloc(1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return startsLikeFeed(buf.subarray(0, n).toString("utf8"));
  } catch {
    return false;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Decodes a whole file and reads it by kind. */
function* readBytes(bytes: Uint8Array, kind: Exclude<Kind, "jsonl">, origin: string, maxChars: number, charLimit: number): Generator<Article | InputError> {
  const decoded = decodeBytes(bytes, kind === "html" ? "html" : kind === "feed" ? "xml" : "text");
  if (!decoded.ok) {
    yield inputError(origin, decoded.reason, decoded.code);
    return;
  }
  const text = decoded.text;
  if (text.trim() === "") {
    yield inputError(origin, "empty file (only whitespace)", E.EMPTY);
    return;
  }
  if (text.length > charLimit) {
    yield tooLarge(origin, `file of ${text.length.toLocaleString("en-US")} characters`, charLimit);
    return;
  }
  switch (kind) {
    case "text":
      if (startsLikeFeed(text)) yield* readFeed(text, origin);
      else yield makeArticle(text, origin);
      return;
    case "html":
      yield readHtml(text, origin);
      return;
    case "feed":
      yield* readFeed(text, origin);
      return;
    case "json":
      yield* readJsonDocument(text, origin, maxChars);
      return;
  }
}

/** JSON Lines, streamed: constant memory however many articles the file holds. */
async function* readJsonl(path: string, maxChars: number): AsyncGenerator<Article | InputError> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let pending: Buffer[] = [];
  let lineNo = 0;
  let fileOffset = 0; // byte offset of the start of the current line
  let nonBlank = 0;
  let first = true;
  const emit = (bytes: Buffer): Article | InputError | null => {
    lineNo++;
    const origin = `${path}:${lineNo}`;
    const start = fileOffset;
    fileOffset += bytes.length + 1;
    if (bytes.length > maxChars * MAX_BYTES_PER_CHAR + LINE_METADATA_BYTES) {
      nonBlank++;
      return tooLarge(origin, `line of ${bytes.length.toLocaleString("en-US")} bytes`, maxChars);
    }
    let line: string;
    try {
      line = decoder.decode(bytes);
    } catch {
      nonBlank++;
      const at = start + Math.max(0, firstInvalidUtf8(bytes));
      return inputError(origin, `invalid UTF-8 at byte offset ${at}; JSON Lines files must be UTF-8`, E.ENCODING);
    }
    if (line.endsWith("\r")) line = line.slice(0, -1);
    const r = readJsonLine(line, origin, maxChars);
    if (r !== null) nonBlank++;
    return r;
  };
  let stream;
  try {
    stream = createReadStream(path, { highWaterMark: 1 << 20 });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (first) {
        first = false;
        if (looksBinary(chunk)) {
          yield inputError(path, "binary content (NUL bytes or control characters), not a JSON Lines file", E.BINARY);
          return;
        }
      }
      let from = 0;
      let nl: number;
      while ((nl = chunk.indexOf(10, from)) >= 0) {
        const part = chunk.subarray(from, nl);
        const lineBytes = pending.length ? Buffer.concat([...pending, part]) : part;
        pending = [];
        const r = emit(lineBytes);
        if (r) yield r;
        from = nl + 1;
      }
      if (from < chunk.length) pending.push(chunk.subarray(from));
    }
  } catch (e) {
    yield readError(path, e);
    return;
  } finally {
    stream?.destroy();
  }
  if (pending.length) {
    const r = emit(Buffer.concat(pending));
    if (r) yield r;
  }
  if (nonBlank === 0) yield inputError(path, "empty file (only whitespace)", E.EMPTY);
}

const STDIN = "<stdin>";

/** "-": JSON Lines (or one JSON document), a feed, an HTML page, or plain text. */
async function* readStdin(input: AsyncIterable<Uint8Array | string>, maxChars: number): AsyncGenerator<Article | InputError> {
  const chunks: Buffer[] = [];
  try {
    for await (const c of input) chunks.push(typeof c === "string" ? Buffer.from(c, "utf8") : Buffer.from(c));
  } catch (e) {
    yield readError(STDIN, e);
    return;
  }
  const bytes = Buffer.concat(chunks);
  if (bytes.length === 0) {
    yield inputError(STDIN, "empty input", E.EMPTY);
    return;
  }
  const head = bytes.subarray(0, 1024).toString("latin1").replace(/^\uFEFF|^\xEF\xBB\xBF/, "").trimStart();
  const looksHtml = /^<(?:!doctype html|html\b)/i.test(head);
  const decoded = decodeBytes(bytes, looksHtml ? "html" : head.startsWith("<") ? "xml" : "text");
  if (!decoded.ok) {
    yield inputError(STDIN, decoded.reason, decoded.code);
    return;
  }
  const text = decoded.text;
  const trimmed = text.trimStart();
  if (trimmed === "") {
    yield inputError(STDIN, "empty input (only whitespace)", E.EMPTY);
    return;
  }
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    const whole = parseJson(text);
    if (whole.ok) {
      yield* readJsonDocument(text, STDIN, maxChars);
      return;
    }
    const lines = text.split("\n");
    const firstLine = lines.find((l) => l.trim() !== "") ?? "";
    if (!parseJson(firstLine).ok) {
      const { line, col } = lineCol(text, whole.offset);
      yield inputError(`${STDIN}:${line}`, `malformed JSON at line ${line}, column ${col}: ${whole.message}`, E.JSON);
      return;
    }
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      const r = readJsonLine(l.endsWith("\r") ? l.slice(0, -1) : l, `${STDIN}:${i + 1}`, maxChars);
      if (r) yield r;
    }
    return;
  }
  if (text.length > maxChars) {
    yield tooLarge(STDIN, `input of ${text.length.toLocaleString("en-US")} characters`, maxChars);
    return;
  }
  if (startsLikeFeed(text)) yield* readFeed(text, STDIN);
  else if (looksHtml) yield readHtml(text, STDIN);
  else yield makeArticle(text, STDIN);
}
