/**
 * RSS 2.0 / RSS 1.0 (RDF) and Atom feeds saved as files: each item or entry is an article.
 * The XML is validated first so that a malformed feed is reported with its line.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { Article } from "../core/types.js";
import type { InputError } from "../core/errors.js";
import { E, inputError, makeArticle, str } from "./article.js";
import { normalizeDate } from "./dates.js";
import { htmlFragmentToText } from "./html.js";

const ALWAYS_ARRAY = new Set(["item", "entry", "link"]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  isArray: (name: string) => ALWAYS_ARRAY.has(name),
});

/** XML declaration, comments, doctype and processing instructions before the root element. */
const PROLOG_RE = /^(?:\uFEFF)?(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*/i;
const FEED_ROOT_RE = /^<(?:rss|feed|rdf:RDF)\b/i;

/** True when the text starts like an RSS or Atom feed (after its XML prolog). */
export function startsLikeFeed(text: string): boolean {
  const head = text.slice(0, 4096);
  const m = PROLOG_RE.exec(head);
  return FEED_ROOT_RE.test(head.slice(m ? m[0].length : 0));
}

type Node = unknown;
type Obj = Record<string, Node>;

function asObj(v: Node): Obj | null {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : null;
}

function first(v: Node): Node {
  return Array.isArray(v) ? v[0] : v;
}

/** The text of a parsed element: a string, or the `#text` of an element with attributes. */
function textOf(v: Node): string | null {
  v = first(v);
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  const o = asObj(v);
  if (!o) return null;
  if (typeof o["#text"] === "string" || typeof o["#text"] === "number") return String(o["#text"]);
  return null;
}

/** Inline XHTML content (Atom type="xhtml") parsed into objects: its text, one block per line. */
function flattenXhtml(v: Node): string {
  if (typeof v === "string" || typeof v === "number") return String(v);
  if (Array.isArray(v)) return v.map(flattenXhtml).filter(Boolean).join("\n");
  const o = asObj(v);
  if (!o) return "";
  const parts: string[] = [];
  for (const [k, x] of Object.entries(o)) if (!k.startsWith("@_")) parts.push(flattenXhtml(x));
  return parts.filter(Boolean).join("\n");
}

/** The body of an item as plain text: HTML converted, paragraphs kept. */
function bodyText(v: Node): string | null {
  const node = first(v);
  const o = asObj(node);
  const type = o ? str(o["@_type"])?.toLowerCase() : null;
  let raw = textOf(node);
  if (raw === null && o) {
    if (type === "xhtml") return flattenXhtml(Object.fromEntries(Object.entries(o).filter(([k]) => !k.startsWith("@_"))));
    return null;
  }
  if (raw === null) return null;
  raw = raw.trim();
  if (raw === "") return null;
  if (type === "text") return raw.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, " ").trim()).filter(Boolean).join("\n");
  return htmlFragmentToText(raw);
}

function singleLine(v: Node): string | null {
  const t = textOf(v);
  if (t === null) return null;
  const plain = /[<&]/.test(t) ? htmlFragmentToText(t) : t;
  return str(plain.replace(/\s+/g, " "));
}

/** Atom links: the rel="alternate" (or first) href. RSS: the text of <link>. */
function linkOf(v: Node): string | null {
  const links = Array.isArray(v) ? v : v === undefined ? [] : [v];
  let fallback: string | null = null;
  for (const l of links) {
    if (typeof l === "string") return str(l);
    const o = asObj(l);
    if (!o) continue;
    const href = str(o["@_href"]) ?? str(o["#text"]);
    if (!href) continue;
    const rel = str(o["@_rel"]) ?? "alternate";
    if (rel === "alternate") return href;
    fallback ??= href;
  }
  return fallback;
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, "") || null;
  } catch {
    return null;
  }
}

/** Reads every item of a feed file (already decoded). Yields articles and per-item errors. */
export function* readFeed(xml: string, origin: string): Generator<Article | InputError> {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    yield inputError(`${origin}:${line}`, `malformed XML at line ${line}, column ${col}: ${msg}`, E.XML);
    return;
  }
  let doc: Obj;
  try {
    doc = parser.parse(xml) as Obj;
  } catch (e) {
    yield inputError(origin, `malformed XML: ${(e as Error).message}`, E.XML);
    return;
  }
  const rss = asObj(doc["rss"]);
  const rdf = asObj(doc["rdf:RDF"]);
  const atom = asObj(doc["feed"]);
  let items: Node[];
  let feedTitle: string | null;
  let feedLink: string | null;
  let isAtom = false;
  if (rss || rdf) {
    const channel = asObj(first((rss ?? rdf)!["channel"])) ?? {};
    items = (channel["item"] as Node[] | undefined) ?? ((rdf?.["item"] as Node[] | undefined) ?? []);
    feedTitle = singleLine(channel["title"]);
    feedLink = linkOf(channel["link"]);
  } else if (atom) {
    isAtom = true;
    items = (atom["entry"] as Node[] | undefined) ?? [];
    feedTitle = singleLine(atom["title"]);
    feedLink = linkOf(atom["link"]);
  } else {
    yield inputError(origin, "XML file is not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root)", E.UNSUPPORTED);
    return;
  }
  const outletFallback = feedTitle ?? hostOf(feedLink);
  if (items.length === 0) {
    yield inputError(origin, "the feed has no items", E.EMPTY);
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const itemOrigin = `${origin}#${i + 1}`;
    const item = asObj(items[i]);
    if (!item) {
      yield inputError(itemOrigin, "empty feed item", E.NO_TEXT);
      continue;
    }
    const title = singleLine(item["title"]);
    const id = str(textOf(isAtom ? item["id"] : item["guid"]));
    let url = linkOf(item["link"]);
    if (!url && id && /^https?:\/\//.test(id)) url = id;
    const published = normalizeDate(
      textOf(isAtom ? (item["published"] ?? item["updated"]) : (item["pubDate"] ?? item["dc:date"] ?? item["published"])),
    );
    const body = isAtom
      ? (bodyText(item["content"]) ?? bodyText(item["summary"]))
      : (bodyText(item["content:encoded"]) ?? bodyText(item["description"]));
    if (body === null || body.trim() === "") {
      yield inputError(itemOrigin, `feed item${title ? ` "${title.slice(0, 60)}"` : ""} has no text (no description or content)`, E.NO_TEXT);
      continue;
    }
    yield makeArticle(body, itemOrigin, { id, title, url, outlet: outletFallback, published });
  }
}
