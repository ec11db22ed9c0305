/**
 * The layout of a plain article text: a headline line, photo captions and a byline before the
 * body, a signature after it ("(VK)", "(AA)", "— Reuters", "Reporting by …"). Only offsets are
 * computed; the text is never changed. Cheap: a few anchored regexes over the first and last lines.
 */
import { skipSpace } from "../text/chars.js";

export interface Layout {
  /** the headline, when the first line is one */
  title: string | null;
  /** offset of the first body character (after the title/caption/byline lines) */
  bodyStart: number;
  /** offset just past the last body character (before a signature, trailing whitespace excluded) */
  bodyEnd: number;
}

const MONTH = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

/** A photo credit in parentheses at the end of a line: "(Photo: AA)", "(AFP Photo)", "(Reuters/John Doe)". */
const CREDIT_PAREN_RE =
  /\([^()]{0,60}?\b(?:photos?|photograph|picture|image|file|credit|courtesy|getty(?: images)?|shutterstock|reuters|afp|ap|aa|epa|anadolu|xinhua|tass|iha|dha|dpa|ansa|efe|pool)\b[^()]{0,60}\)\s*$/i;
/** A bare agency code in parentheses at the end of a caption: "(AA)", "(AP/Reuters)" is above. */
const CREDIT_CODE_RE = /\([A-Z]{2,5}(?:\/[A-Z]{2,5})?\)\s*$/;
/** "Photo: …", "Photo by …", "Credit: …" lines. */
const CREDIT_LEAD_RE = /^(?:photo(?:graph)?|picture|image|credit|file photo)s?\s*(?::|by\b)/i;
const CREDIT_TAIL_RE = /[.!?)"”]\s+(?:photo(?:graph)?|image|credit)s?\s*(?::|by)\s*[A-Z][^.!?]{0,60}$/i;
/** A caption that ends with its place and date: "…, Kyiv, Feb. 25, 2022." */
const DATED_CAPTION_RE = new RegExp(
  `,\\s+(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\\b)\\p{Lu}[\\p{L}'’.-]*(?:\\s+\\p{Lu}[\\p{L}'’.-]*){0,3},\\s+` +
    `(?:${MONTH}\\.?\\s+\\d{1,2},\\s+\\d{4}|\\d{1,2}\\s+${MONTH}\\.?,?\\s+\\d{4})\\.?\\s*$`,
  "u",
);
const BYLINE_RE = /^By\s+[A-Z][^\s.!?,]*(?:\s+[^\s]+){0,7}(?<![.!?])$/;

/** Sentence-final punctuation at the end of a line, with closing quotes or brackets after it. */
const SENTENCE_END_RE = /[.!?…][\s"'”’»)\]]*$/;
const BAD_TITLE_END_RE = /[:;,—–-]\s*$/;
const TITLE_START_RE = /^["'“‘«(]?[\p{Lu}\p{N}]/u;

/** Lines that sign off an article rather than carry its content. */
const SIGNOFF_LINE_RES: RegExp[] = [
  /^\(?\s*with (?:agency |wire )?inputs?\b[^)]{0,60}\)?\.?$/i,
  /^\(?\s*with (?:agencies|wires)\s*\)?\.?$/i,
  /^\(?\s*(?:additional )?(?:reporting|writing|editing|edited|written|compiled|translated|translation|produced)(?: and \w+)? by\b/i,
  /^\(?[A-Z]{2,6}(?:\/[A-Z]{2,6})*\)?\.?$/,
  /^[—–]\s*\S.{0,40}$/,
  /^-{1,2}\s+\S.{0,40}$/,
  /^(?:source|sources|via)\s*:\s*\S.{0,60}$/i,
  /^(?:more (?:coverage |details )?to follow|(?:this is a )?developing story|this story (?:has been|was|will be) updated)\b.{0,40}$/i,
];
/** A signature at the end of the last paragraph, after its final punctuation. */
const TAIL_PAREN_RE = /(?<=[.!?"”’])\s*\((?:[A-Z]{2,6}(?:\/[A-Z]{2,6})*(?:\s+with\s+agencies)?|with (?:agency |wire )?inputs?[^()]{0,40})\)\s*$/;
const TAIL_DASH_RE = /(?<=[.!?"”’])\s*(?:[—–]|--?)\s*[A-Z][\w.&'’-]*(?:\s+(?:[A-Z][\w.&'’-]*|with|and|of))*\s*$/;

function isCaption(line: string): boolean {
  if (line.length > 500) return false;
  return CREDIT_PAREN_RE.test(line) || CREDIT_CODE_RE.test(line) || CREDIT_LEAD_RE.test(line) || CREDIT_TAIL_RE.test(line) || DATED_CAPTION_RE.test(line);
}

function isHeadline(line: string): boolean {
  if (line.length < 8 || line.length > 200) return false;
  if (SENTENCE_END_RE.test(line) || BAD_TITLE_END_RE.test(line) || !TITLE_START_RE.test(line)) return false;
  const words = line.split(/\s+/).length;
  return words >= 2 && words <= 30;
}

function fold(s: string): string {
  return s.replace(/\s+/g, " ").trim().toLowerCase();
}

function trimEnd(text: string, end: number, start: number): number {
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/**
 * Finds the headline, the caption/byline lines before the body and the signature after it.
 * `knownTitle`: a title given by metadata; the first line counts as a headline only when it
 * repeats that title. Without one, a short first line without final punctuation is a headline.
 */
export function analyzeLayout(text: string, knownTitle: string | null = null): Layout {
  const len = text.length;
  let bodyEnd = trimEnd(text, len, 0);
  // --- tail: whole sign-off lines, then a signature at the end of the last paragraph
  for (let guard = 0; guard < 4; guard++) {
    const lineStart = text.lastIndexOf("\n", bodyEnd - 1) + 1;
    if (lineStart === 0) break; // never drop the only line
    const line = text.slice(lineStart, bodyEnd).trim();
    if (line.length > 200 || !SIGNOFF_LINE_RES.some((re) => re.test(line))) break;
    bodyEnd = trimEnd(text, lineStart, 0);
  }
  // only the end of the last line can hold a signature: scan at most its last 120 characters
  const lastLineStart = text.lastIndexOf("\n", bodyEnd - 1) + 1;
  const scanStart = Math.max(lastLineStart, bodyEnd - 120);
  const lastLineEnd = text.slice(scanStart, bodyEnd);
  const tail = TAIL_PAREN_RE.exec(lastLineEnd) ?? (bodyEnd - lastLineStart > 60 ? TAIL_DASH_RE.exec(lastLineEnd) : null);
  if (tail && tail[0].length <= 50) bodyEnd = trimEnd(text, scanStart + tail.index, 0);

  // --- head: a headline, then captions / a byline
  let title: string | null = null;
  let pos = skipSpace(text, 0, bodyEnd);
  let bodyStart = pos;
  for (let lineNo = 0; lineNo < 4 && pos < bodyEnd; lineNo++) {
    const nl = text.indexOf("\n", pos);
    if (nl < 0 || nl >= bodyEnd) break; // the body must go on after a head line
    const line = text.slice(pos, nl).trim();
    const next = skipSpace(text, nl, bodyEnd);
    if (next >= bodyEnd) break;
    let isHead = false;
    if (lineNo === 0 && knownTitle !== null && fold(line) === fold(knownTitle)) {
      title = line;
      isHead = true;
    } else if (isCaption(line) || BYLINE_RE.test(line)) {
      isHead = true;
    } else if (lineNo === 0 && knownTitle === null && isHeadline(line)) {
      title = line;
      isHead = true;
    }
    if (!isHead) break;
    pos = next;
    bodyStart = next;
  }
  return { title, bodyStart, bodyEnd: Math.max(bodyEnd, bodyStart) };
}
