/**
 * Bytes → text. Handles byte order marks, declared charsets (HTML <meta>, XML declaration),
 * binary detection and strict UTF-8 decoding (an invalid byte is an error naming its offset,
 * never a silent U+FFFD).
 */

export type DecodeResult =
  | { ok: true; text: string; charset: string }
  | { ok: false; code: "E_BINARY" | "E_ENCODING"; reason: string };

/** How far into the file we look for a declared charset or for binary content. */
const SNIFF_BYTES = 4096;
const BINARY_SNIFF_BYTES = 8192;

const META_CHARSET_RE = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)/i;
const XML_ENCODING_RE = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_:.+-]+)["']/i;

/** Which byte order mark starts the bytes, if any. */
function bomCharset(bytes: Uint8Array): string | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return null;
}

/**
 * UTF-16 without a byte order mark: ASCII-range text then has a NUL in every other byte.
 * Returns the byte order when the first bytes look like that.
 */
function bomlessUtf16(bytes: Uint8Array): string | null {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.9 && evenZero === 0) return "utf-16le";
  if (evenZero > pairs * 0.9 && oddZero === 0) return "utf-16be";
  return null;
}

/** True when the bytes hold NULs or mostly control characters: not a text file. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    // control characters other than tab, line feed, form feed, carriage return, escape
    if ((b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13 && b !== 27) || b === 0x7f) control++;
  }
  return control > n * 0.1;
}

/** Byte offset of the first invalid UTF-8 sequence, or -1 when the bytes are valid UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
      cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
      cp = b & 0x07;
    } else return i;
    if (i + need >= n) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** The charset a document declares in its first bytes (HTML meta or XML declaration). */
export function declaredCharset(bytes: Uint8Array, kind: "html" | "xml" | "text"): string | null {
  if (kind === "text") return null;
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, SNIFF_BYTES)).toString("latin1");
  const xml = XML_ENCODING_RE.exec(head);
  if (xml) return xml[1]!.toLowerCase();
  if (kind === "html") {
    const meta = META_CHARSET_RE.exec(head);
    if (meta) return meta[1]!.toLowerCase();
  }
  return null;
}

/** windows-1252 bytes 0x80–0x9F (WHATWG table). Node 20's TextDecoder decodes them as Latin-1. */
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1");
  return /[\x80-\x9f]/.test(latin1) ? latin1.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!) : latin1;
}

function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label, { fatal: true });
  } catch {
    return null;
  }
}

/**
 * Decodes file bytes. A byte order mark wins; then a declared charset (for HTML and XML);
 * otherwise strict UTF-8. A UTF-8 BOM is stripped; nothing else in the text is changed.
 */
export function decodeBytes(bytes: Uint8Array, kind: "html" | "xml" | "text"): DecodeResult {
  let charset = bomCharset(bytes) ?? bomlessUtf16(bytes);
  let how = "the file starts with a byte order mark";
  if (charset === null) {
    if (looksBinary(bytes)) {
      return { ok: false, code: "E_BINARY", reason: "binary content (NUL bytes or control characters), not a text file" };
    }
    const stated = declaredCharset(bytes, kind);
    how = stated ? `the file declares charset ${stated}` : "no charset is declared";
    charset = stated ?? "utf-8";
    // a page that declares UTF-16 but was read as ASCII-compatible bytes cannot really be UTF-16
    if (charset.startsWith("utf-16")) charset = "utf-8";
  }
  const decoder = decoderFor(charset);
  if (!decoder) {
    return { ok: false, code: "E_ENCODING", reason: `unsupported character encoding "${charset}"` };
  }
  if (decoder.encoding === "windows-1252") {
    // Latin-1, ASCII and windows-1252 labels all mean windows-1252; a UTF-8 BOM never reaches here
    return { ok: true, text: decodeWindows1252(bytes), charset: "windows-1252" };
  }
  try {
    return { ok: true, text: decoder.decode(bytes), charset: decoder.encoding };
  } catch {
    if (decoder.encoding === "utf-8") {
      const at = firstInvalidUtf8(bytes);
      return {
        ok: false,
        code: "E_ENCODING",
        reason: `invalid UTF-8 at byte offset ${at} (${how}); re-save the file as UTF-8 or declare its charset`,
      };
    }
    return { ok: false, code: "E_ENCODING", reason: `bytes that are not valid ${decoder.encoding}` };
  }
}
