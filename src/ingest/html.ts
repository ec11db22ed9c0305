/**
 * HTML pages: main text via @mozilla/readability on linkedom, metadata from meta tags, JSON-LD,
 * <link rel=canonical>, <time> and the URL. The article text is the main content as plain
 * paragraphs, one per line, inner whitespace collapsed; every offset refers to that text.
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import type { Article } from "../core/types.js";
import type { InputError } from "../core/errors.js";
import { E, inputError, makeArticle, str } from "./article.js";
import { dateFromUrl, normalizeDate } from "./dates.js";

/** Elements that start a new paragraph. */
const BLOCK = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "BODY", "DD", "DETAILS", "DIV", "DL", "DT", "FIELDSET",
  "FIGCAPTION", "FIGURE", "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HR", "HTML",
  "LI", "MAIN", "NAV", "OL", "P", "PRE", "SECTION", "SUMMARY", "TABLE", "TBODY", "TD", "TFOOT", "TH",
  "THEAD", "TR", "UL", "CAPTION",
]);
/** Elements whose content is never text. */
const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "IFRAME", "OBJECT", "CANVAS", "HEAD", "TITLE", "BUTTON", "SELECT"]);

interface NodeLike {
  nodeType: number;
  nodeName: string;
  nodeValue?: string | null;
  childNodes: ArrayLike<NodeLike>;
}

/**
 * Plain text of an element as paragraphs: one paragraph per line, whitespace inside a paragraph
 * collapsed to single spaces, empty paragraphs dropped.
 */
export function paragraphsOf(root: unknown): string {
  const paras: string[] = [];
  let buf = "";
  const flush = () => {
    const p = buf.replace(/\s+/g, " ").trim();
    if (p !== "") paras.push(p);
    buf = "";
  };
  const walk = (node: NodeLike) => {
    if (node.nodeType === 3) {
      buf += node.nodeValue ?? "";
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) return;
    if (name === "BR") {
      flush();
      return;
    }
    const block = BLOCK.has(name);
    if (block) flush();
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i++) walk(kids[i]!);
    if (block) flush();
  };
  walk(root as NodeLike);
  flush();
  return paras.join("\n");
}

/** Plain text from an HTML fragment (a feed item's description), paragraphs kept. */
export function htmlFragmentToText(html: string): string {
  if (!/[<&]/.test(html)) return html.split(/\n\s*\n|\r\n\s*\r\n/).map((p) => p.replace(/\s+/g, " ").trim()).filter(Boolean).join("\n");
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
  return paragraphsOf(document.body);
}

type Json = unknown;

/** Every object in the page's JSON-LD blocks, @graph arrays flattened. */
function jsonLdObjects(document: Document): Record<string, Json>[] {
  const out: Record<string, Json>[] = [];
  const visit = (v: Json, depth: number) => {
    if (depth > 4 || v === null || typeof v !== "object") return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const o = v as Record<string, Json>;
    out.push(o);
    if (o["@graph"]) visit(o["@graph"], depth + 1);
  };
  for (const s of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      visit(JSON.parse(s.textContent ?? ""), 0);
    } catch {
      /* a broken JSON-LD block is ignored: it is metadata, not the article */
    }
  }
  return out;
}

function nameOf(v: Json): string | null {
  if (Array.isArray(v)) {
    for (const x of v) {
      const n = nameOf(x);
      if (n) return n;
    }
    return null;
  }
  if (v && typeof v === "object") return str((v as Record<string, Json>)["name"]);
  return str(v);
}

function absoluteUrl(href: string | null, base: string | null): string | null {
  if (!href) return null;
  try {
    return new URL(href, base ?? undefined).href;
  } catch {
    return null;
  }
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    const h = new URL(url).hostname.replace(/^www\./, "");
    return h === "" ? null : h;
  } catch {
    return null;
  }
}

const TITLE_SEPARATORS = /\s+[|\-–—:·•»]\s+/;

/** "Headline | Outlet" → "Headline" when the suffix (or prefix) is the outlet's name. */
function stripSiteName(title: string, outlet: string | null): string {
  if (!outlet) return title;
  const parts = title.split(TITLE_SEPARATORS);
  if (parts.length < 2) return title;
  const o = outlet.toLowerCase();
  const last = parts[parts.length - 1]!.toLowerCase();
  const first = parts[0]!.toLowerCase();
  const m = TITLE_SEPARATORS.exec(title);
  if (last.length >= 3 && (last === o || o.startsWith(last) || last.startsWith(o))) {
    const cut = title.length - parts[parts.length - 1]!.length;
    return title.slice(0, cut).replace(/\s+[|\-–—:·•»]\s+$/, "").trim();
  }
  if (m && first.length >= 3 && (first === o || o.startsWith(first))) return title.slice(m.index + m[0].length).trim();
  return title;
}

const DATE_META_NAMES = [
  "article:published_time", "og:published_time", "article:published", "datepublished",
  "date", "pubdate", "publishdate", "publish-date", "publish_date", "dc.date", "dc.date.issued",
  "dcterms.date", "dcterms.issued", "dcterms.created", "parsely-pub-date", "sailthru.date", "original-publish-date",
];

/** Reads one HTML page (already decoded). */
export function readHtml(html: string, origin: string): Article | InputError {
  let document: Document;
  try {
    ({ document } = parseHTML(html) as unknown as { document: Document });
  } catch (e) {
    return inputError(origin, `malformed HTML: ${(e as Error).message}`, E.NO_TEXT);
  }
  // --- metadata, read before Readability rewrites the document
  const meta = new Map<string, string>();
  for (const m of Array.from(document.querySelectorAll("meta"))) {
    const key = (m.getAttribute("property") ?? m.getAttribute("name") ?? m.getAttribute("itemprop") ?? "").trim().toLowerCase();
    const content = str(m.getAttribute("content"));
    if (key && content && !meta.has(key)) meta.set(key, content);
  }
  const ld = jsonLdObjects(document);
  const ldGet = (key: string): Json => ld.find((o) => o[key] !== undefined && o[key] !== null)?.[key];

  const baseHref = str(document.querySelector("base[href]")?.getAttribute("href"));
  const ogUrl = absoluteUrl(meta.get("og:url") ?? null, null);
  const canonical =
    absoluteUrl(str(document.querySelector('link[rel~="canonical"]')?.getAttribute("href")), ogUrl ?? baseHref) ??
    ogUrl ??
    absoluteUrl(str(ldGet("url")), null);
  const outlet = meta.get("og:site_name") ?? nameOf(ldGet("publisher")) ?? hostOf(canonical);

  let published: string | null = null;
  for (const k of DATE_META_NAMES) {
    published = normalizeDate(meta.get(k));
    if (published) break;
  }
  published ??= normalizeDate(ldGet("datePublished"));
  published ??= normalizeDate(document.querySelector("time[datetime]")?.getAttribute("datetime"));
  published ??= dateFromUrl(canonical);

  const docTitle = str(document.querySelector("title")?.textContent?.replace(/\s+/g, " "));
  let title = meta.get("og:title") ?? (docTitle ? stripSiteName(docTitle, outlet) : null);

  // --- main text
  let parsed: ReturnType<Readability<unknown>["parse"]>;
  try {
    parsed = new Readability<unknown>(document, { serializer: (el) => el }).parse();
  } catch (e) {
    return inputError(origin, `malformed HTML, no article text could be extracted: ${(e as Error).message}`, E.NO_TEXT);
  }
  const text = parsed?.content ? paragraphsOf(parsed.content) : "";
  if (text.trim() === "") return inputError(origin, "no main text found in this HTML page", E.NO_TEXT);
  title ??= str(parsed?.title);
  published ??= normalizeDate(parsed?.publishedTime);
  return makeArticle(text, origin, { title, url: canonical, outlet, published });
}
