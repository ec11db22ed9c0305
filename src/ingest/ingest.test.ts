import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { Article } from "../core/types.js";
import { InputError } from "../core/errors.js";
import { contentId, readInputs, type ReadOptions } from "./index.js";

const FIX = join(import.meta.dirname, "fixtures");
const fx = (name: string) => join(FIX, name);
const CORPUS = join(import.meta.dirname, "..", "..", "..", "shared", "corpus");

async function collect(paths: string[], options: ReadOptions = {}): Promise<(Article | InputError)[]> {
  const out: (Article | InputError)[] = [];
  for await (const x of readInputs(paths, options)) out.push(x);
  return out;
}
const articles = (xs: (Article | InputError)[]) => xs.filter((x): x is Article => !(x instanceof InputError));
const errors = (xs: (Article | InputError)[]) => xs.filter((x): x is InputError => x instanceof InputError);

async function one(path: string, options: ReadOptions = {}): Promise<Article> {
  const xs = await collect([path], options);
  expect(errors(xs)).toEqual([]);
  expect(xs).toHaveLength(1);
  return xs[0] as Article;
}
async function oneError(path: string, options: ReadOptions = {}): Promise<InputError> {
  const xs = await collect([path], options);
  expect(xs).toHaveLength(1);
  expect(xs[0]).toBeInstanceOf(InputError);
  return xs[0] as InputError;
}

function stdinOf(s: string | Buffer): AsyncIterable<Uint8Array> {
  return Readable.from([typeof s === "string" ? Buffer.from(s, "utf8") : s]);
}

describe(".txt", () => {
  it("keeps the file content exactly and hashes it for the id", async () => {
    const a = await one(fx("article.txt"));
    const raw = readFileSync(fx("article.txt"), "utf8");
    expect(a.text).toBe(raw);
    expect(a.id).toBe(contentId(raw));
    expect(a.id).toMatch(/^[0-9a-f]{16}$/);
    expect(a.origin).toBe(fx("article.txt"));
    expect(a.title).toBe("Port workers end strike after pay deal");
    // the byline is head matter, the "— Reuters" sign-off is not body
    expect(a.text.slice(a.bodyStart!).startsWith("Dock workers at the country's largest port")).toBe(true);
    expect(a.text.slice(0, a.bodyEnd).endsWith("within two weeks.")).toBe(true);
    expect(a.text.slice(a.bodyEnd)).toBe(" — Reuters\n");
  });

  it("gives the same id for the same text, wherever it comes from, and another id for other text", async () => {
    const a = await one(fx("article.txt"));
    const b = await one(fx("article.txt"));
    expect(b.id).toBe(a.id);
    const [c] = articles(await collect(["-"], { stdin: stdinOf(readFileSync(fx("article.txt"))) }));
    expect(c!.id).toBe(a.id);
    expect(c!.origin).toBe("<stdin>");
    expect(contentId(a.text + " ")).not.toBe(a.id);
    expect(contentId("abc")).toBe("a9993e364706816a"); // sha1("abc") = a9993e36…
  });

  it("strips a UTF-8 BOM and nothing else; CRLF stays CRLF", async () => {
    const bom = await one(fx("bom.txt"));
    expect(bom.text.charCodeAt(0)).not.toBe(0xfeff);
    expect(bom.text).toBe(readFileSync(fx("bom.txt")).subarray(3).toString("utf8"));
    expect(bom.title).toBe("Storm closes ports");
    const crlf = await one(fx("crlf.txt"));
    expect(crlf.text).toBe(readFileSync(fx("crlf.txt"), "utf8"));
    expect(crlf.text).toContain("\r\n");
    expect(crlf.title).toBe("Ceasefire holds along the frontier");
    expect(crlf.text.slice(crlf.bodyStart!).startsWith("The ceasefire held")).toBe(true);
    expect(crlf.text.slice(crlf.bodyEnd!).trim()).toBe("(AFP)");
  });

  it("reads the seed texts: caption line, title + caption, plain lead, and the (VK) signature", async () => {
    const seeds = join(CORPUS, "seeds");
    const s0 = await one(join(seeds, "000_a457fc0afeb93467.txt"));
    expect(s0.title).toBeNull(); // the first line is a photo caption, not a headline
    expect(s0.text.slice(s0.bodyStart!).startsWith("In a phone call, Minister of National Defense")).toBe(true);
    expect(s0.text.slice(s0.bodyEnd!)).toBe(" (VK)");
    expect(s0.text.slice(0, s0.bodyEnd).endsWith("UN Refugee Agency.")).toBe(true);

    const s1 = await one(join(seeds, "001_27f1384dc17c048a.txt"));
    expect(s1.title).toBe("Akar, Reznikov discuss latest developments in Ukraine, Turkish aid");
    expect(s1.text.slice(s1.bodyStart!).startsWith("Defense Minister Hulusi Akar discussed")).toBe(true);
    expect(s1.text.slice(0, s1.bodyStart).includes("(AFP Photo)")).toBe(true);
    expect(s1.bodyEnd).toBe(s1.text.trimEnd().length);

    const s3 = await one(join(seeds, "003_52445867d93494e4.txt"));
    expect(s3.title).toBeNull(); // a full lead sentence is not a headline
    expect(s3.bodyStart).toBe(0);
    expect(s3.bodyEnd).toBe(s3.text.trimEnd().length);
    for (const a of [s0, s1, s3]) expect(a.text).toBe(readFileSync(a.origin, "utf8"));
  });
});

describe("HTML", () => {
  it("reads main text and metadata (og, canonical, article:published_time, site name)", async () => {
    const a = await one(fx("page.html"));
    expect(a.title).toBe("Ministers agree to resume grain talks in Geneva");
    expect(a.outlet).toBe("Harbour Times");
    expect(a.url).toBe("https://www.harbourtimes.example/world/2023/07/14/grain-talks");
    // the calendar date as written (+03:00), not the UTC day, and meta wins over JSON-LD
    expect(a.published).toBe("2023-07-14");
    // one paragraph per line, inner whitespace collapsed, <br> splits
    const lines = a.text.split("\n");
    expect(lines).toContain("The foreign ministers of Alderia and Borovia agreed on Friday to resume talks on grain exports, the mediators said in a statement issued in Geneva.");
    expect(lines).toContain("A first round is expected next week.");
    expect(a.text).not.toMatch(/ {2}|\t/);
    // no boilerplate, no script text
    expect(a.text).not.toContain("tracking");
    expect(a.text).not.toContain("All rights reserved");
    expect(a.text).not.toContain("Sport");
    // the figure caption is head matter
    expect(a.text.slice(0, a.bodyStart)).toContain("(Reuters Photo)");
    expect(a.text.slice(a.bodyStart!).startsWith("The foreign ministers")).toBe(true);
    expect(a.id).toBe(contentId(a.text));
  });

  it("decodes a windows-1252 page by its declared charset", async () => {
    const a = await one(fx("page-cp1252.html"));
    expect(a.title).toBe("Café owners protest new tax");
    expect(a.text).toContain("“We cannot pay this,” said one owner, José Martínez");
    expect(a.text).not.toMatch(/[\x80-\x9f\ufffd]/);
  });

  it("falls back to <title> and leaves unknown metadata null", async () => {
    const a = await one(fx("nometa.html"));
    expect(a.title).toBe("Flood waters recede in river delta");
    expect(a.url).toBeNull();
    expect(a.outlet).toBeNull();
    expect(a.published).toBeNull();
    expect(a.text.split("\n")).toHaveLength(3);
  });

  it("reports a page without main text", async () => {
    const e = await oneError(fx("notext.html"));
    expect(e.code).toBe("E_NO_TEXT");
    expect(e.origin).toBe(fx("notext.html"));
    expect(e.message).toContain("notext.html");
  });
});

describe("feeds", () => {
  it("reads each RSS 2.0 item as an article, content:encoded first, escaped HTML converted", async () => {
    const xs = await collect([fx("feed.rss")]);
    expect(xs).toHaveLength(3);
    const [a, b] = articles(xs);
    expect(a!.origin).toBe(`${fx("feed.rss")}#1`);
    expect(a!.id).toBe("ch-2024-0109-001");
    expect(a!.title).toBe("Talks on border crossings end without deal");
    expect(a!.url).toBe("https://coastalherald.example/world/2024/01/09/border-talks");
    expect(a!.outlet).toBe("Coastal Herald - World");
    expect(a!.published).toBe("2024-01-09"); // 23:15 +0300 stays on the 9th
    expect(a!.text).toBe(
      "Negotiators from the two neighbouring states ended three days of talks on border crossings without a deal on Tuesday, officials said.\nA new round is planned for February.",
    );
    expect(b!.origin).toBe(`${fx("feed.rss")}#2`);
    expect(b!.id).toBe(contentId(b!.text)); // no guid: content hash
    expect(b!.title).toBe('Aid convoy reaches "cut-off" town');
    expect(b!.text).toBe("An aid convoy of 40 trucks reached the town on Wednesday.\nIt carried food & medicine.");
    expect(b!.text).not.toContain("<p>");
    const e = errors(xs);
    expect(e).toHaveLength(1);
    expect(e[0]!.origin).toBe(`${fx("feed.rss")}#3`);
    expect(e[0]!.code).toBe("E_NO_TEXT");
  });

  it("reads Atom entries (html and text content, alternate link, published then updated)", async () => {
    const xs = await collect([fx("feed.atom")]);
    const [a, b] = articles(xs);
    expect(xs).toHaveLength(2);
    expect(a!.title).toBe("Parliament passes budget bill");
    expect(a!.url).toBe("https://lakesidepost.example/2024/03/01/budget");
    expect(a!.id).toBe("tag:lakesidepost.example,2024:budget");
    expect(a!.published).toBe("2024-03-01");
    expect(a!.outlet).toBe("Lakeside Post");
    expect(a!.text).toBe("Parliament passed the budget bill late on Friday by 210 votes to 180.\nThe opposition said it would challenge the bill in court.");
    expect(b!.published).toBe("2024-03-02");
    expect(b!.url).toBe("https://lakesidepost.example/2024/03/02/rail");
    expect(b!.text).toBe("Unions called off a planned rail strike on Saturday after a last-minute pay offer.");
  });

  it("reads a file without extension that starts like a feed; rejects XML that is not a feed", async () => {
    expect(articles(await collect([fx("saved-feed")]))).toHaveLength(2);
    const e = await oneError(fx("sitemap.xml"));
    expect(e.code).toBe("E_UNSUPPORTED");
  });

  it("reports malformed XML with its line", async () => {
    const e = await oneError(fx("broken.xml"));
    expect(e.code).toBe("E_XML");
    expect(e.origin).toBe(`${fx("broken.xml")}:4`);
    expect(e.reason).toMatch(/line 4/);
  });
});

describe("JSON and JSON Lines", () => {
  it("reads good lines, reports bad ones with file:line, and goes on", async () => {
    const xs = await collect([fx("articles.jsonl")]);
    const f = fx("articles.jsonl");
    expect(xs.map((x) => [x instanceof InputError ? x.code : "ok", x.origin])).toEqual([
      ["ok", `${f}:1`],
      ["E_JSON", `${f}:2`],
      ["E_NO_TEXT", `${f}:4`],
      ["ok", `${f}:5`],
      ["E_NO_TEXT", `${f}:6`],
      ["E_JSON", `${f}:7`],
      ["ok", `${f}:8`],
    ]);
    const [a, inferred, last] = articles(xs);
    expect(a).toMatchObject({ id: "a-1", title: "Dam talks resume", url: "https://example.com/a1", outlet: "River News", published: "2024-05-06" });
    expect(inferred!.published).toBeNull(); // published_inferred: an annotator's inference, not metadata
    expect(inferred).not.toHaveProperty("story");
    expect(inferred).not.toHaveProperty("persons");
    expect(last!.published).toBe("2024-06-02");
    expect((xs[1] as InputError).reason).toMatch(/column \d+/);
  });

  it("reads a JSON array (origin file#n) and reports a malformed document with line and column", async () => {
    const xs = await collect([fx("array.json")]);
    expect(xs.map((x) => x.origin)).toEqual([1, 2, 3].map((n) => `${fx("array.json")}#${n}`));
    expect(errors(xs).map((e) => e.code)).toEqual(["E_NO_TEXT"]);
    const e = await oneError(fx("bad.json"));
    expect(e.code).toBe("E_JSON");
    expect(e.origin).toBe(`${fx("bad.json")}:4`);
    expect(e.reason).toMatch(/line 4, column 20/);
  });

  it("reads the dev gold directory as 26 articles without gold fields", async () => {
    const dir = join(CORPUS, "dev");
    if (!existsSync(dir)) return;
    const xs = await collect([dir]);
    expect(errors(xs)).toEqual([]); // README.md is skipped silently
    expect(xs).toHaveLength(26);
    for (const a of articles(xs)) {
      const gold = JSON.parse(readFileSync(a.origin, "utf8"));
      expect(a.id).toBe(gold.id);
      expect(a.text).toBe(gold.text);
      expect(Object.keys(a).sort()).toEqual(["bodyEnd", "bodyStart", "id", "origin", "outlet", "published", "text", "title", "url"]);
      expect(a.published).toBe(gold.published_inferred ? null : gold.published);
      expect(a.bodyStart!).toBeLessThan(a.bodyEnd!);
      expect(a.bodyEnd!).toBeLessThanOrEqual(a.text.length);
    }
  });
});

describe("bad input: one error each, naming the file, and the batch goes on", () => {
  it("empty and whitespace-only files", async () => {
    expect((await oneError(fx("empty.txt"))).code).toBe("E_EMPTY");
    expect((await oneError(fx("blank.txt"))).code).toBe("E_EMPTY");
  });

  it("binary files", async () => {
    const e = await oneError(fx("binary.txt"));
    expect(e.code).toBe("E_BINARY");
    expect(e.message).toContain("binary.txt");
  });

  it("invalid UTF-8 names the byte offset", async () => {
    const e = await oneError(fx("invalid-utf8.txt"));
    expect(e.code).toBe("E_ENCODING");
    const bytes = readFileSync(fx("invalid-utf8.txt"));
    expect(e.reason).toContain(`byte offset ${bytes.indexOf(0xe9)}`);
  });

  it("missing files and unreadable files", async () => {
    const e = await oneError(fx("no-such-file.txt"));
    expect(e.code).toBe("E_READ");
    expect(e.reason).toMatch(/not found/);
    if (process.getuid?.() !== 0) {
      const dir = mkdtempSync(join(tmpdir(), "ew-ingest-"));
      const p = join(dir, "locked.txt");
      writeFileSync(p, "Some text.");
      chmodSync(p, 0o000);
      expect((await oneError(p)).code).toBe("E_READ");
    }
  });

  it("inputs larger than maxChars: by stat before reading, and after decoding", async () => {
    const big = await oneError(fx("article.txt"), { maxChars: 50 }); // 357 bytes > 4 × 50
    expect(big.code).toBe("E_TOO_LARGE");
    expect(big.reason).toMatch(/limit of 50 characters/);
    const size = readFileSync(fx("article.txt"), "utf8").length;
    const justOver = await oneError(fx("article.txt"), { maxChars: size - 1 });
    expect(justOver.code).toBe("E_TOO_LARGE");
    expect((await one(fx("article.txt"), { maxChars: size })).text.length).toBe(size);
    // per line in JSON Lines: the long line fails, the short ones pass
    const xs = await collect([fx("articles.jsonl")], { maxChars: 47 });
    expect(xs.find((x) => x.origin.endsWith(":1"))).not.toBeInstanceOf(InputError);
    expect((xs.find((x) => x.origin.endsWith(":8")) as InputError).code).toBe("E_TOO_LARGE");
  });

  it("an explicitly named unsupported file is an error; README.md/.py are skipped silently", async () => {
    const e = await oneError(fx("notes.md"));
    expect(e.code).toBe("E_UNSUPPORTED");
    expect(await collect([fx("README.md"), fx("helper.py")])).toEqual([]);
  });

  it("walks a directory sorted and recursive, skipping hidden and unknown files, and continues past errors", async () => {
    const xs = await collect([FIX, fx("no-such-file.txt"), fx("article.txt")]);
    const origins = xs.map((x) => x.origin.slice(FIX.length + 1));
    expect(origins).not.toContain(".hidden.txt");
    expect(origins.some((o) => o.startsWith("notes.md") || o.startsWith("README") || o.startsWith("helper"))).toBe(false);
    expect(origins).toContain("sub/nested.txt");
    const files = [...new Set(origins.map((o) => o.replace(/[#:]\d+$/, "")))];
    expect(files.slice(0, -2)).toEqual([...files.slice(0, -2)].sort());
    // the errors did not stop the walk: the explicit file after the missing one is read
    expect(xs.at(-2)).toBeInstanceOf(InputError);
    expect(xs.at(-1)).not.toBeInstanceOf(InputError);
    const codes = new Set(errors(xs).map((e) => e.code));
    for (const c of ["E_EMPTY", "E_BINARY", "E_ENCODING", "E_JSON", "E_NO_TEXT", "E_XML", "E_READ"]) expect(codes).toContain(c);
    for (const e of errors(xs)) {
      expect(e.reason.length).toBeGreaterThan(5);
      expect(e.message.startsWith(e.origin)).toBe(true);
    }
  });
});

describe("stdin", () => {
  it("reads JSON Lines from stdin with <stdin>:line origins", async () => {
    const xs = await collect(["-"], { stdin: stdinOf('{"id":"s1","text":"One."}\n{bad}\n{"text":"Two."}\n') });
    expect(xs.map((x) => [x instanceof InputError ? x.code : (x as Article).id, x.origin])).toEqual([
      ["s1", "<stdin>:1"],
      ["E_JSON", "<stdin>:2"],
      [contentId("Two."), "<stdin>:3"],
    ]);
  });

  it("reads plain text from stdin exactly, and reports empty stdin", async () => {
    const text = "Headline here\nBody text of the article follows on this line.\n";
    const [a] = await collect(["-"], { stdin: stdinOf(text) });
    expect((a as Article).text).toBe(text);
    expect((a as Article).title).toBe("Headline here");
    const [e] = await collect(["-"], { stdin: stdinOf("") });
    expect((e as InputError).code).toBe("E_EMPTY");
  });
});

describe("more shapes", () => {
  const tmp = () => mkdtempSync(join(tmpdir(), "ew-ingest-"));

  it("reads RSS 1.0 (RDF) items", async () => {
    const dir = tmp();
    const p = join(dir, "feed.rdf");
    writeFileSync(
      p,
      `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Hill Courier</title><link>https://hill.example/</link></channel>
<item><title>Bridge reopens</title><link>https://hill.example/bridge</link><dc:date>2019-10-02T06:00:00+09:00</dc:date><description>The bridge reopened on Wednesday.</description></item>
</rdf:RDF>`,
    );
    const [a] = await collect([p]); // no known extension: read because it starts like a feed
    expect(a).toMatchObject({ title: "Bridge reopens", url: "https://hill.example/bridge", published: "2019-10-02", outlet: "Hill Courier", origin: `${p}#1` });
    expect((a as Article).text).toBe("The bridge reopened on Wednesday.");
  });

  it("JSON Lines: CRLF endings, an undecodable line, a line without newline at the end", async () => {
    const dir = tmp();
    const p = join(dir, "x.jsonl");
    writeFileSync(
      p,
      Buffer.concat([
        Buffer.from('{"id":"1","text":"First."}\r\n'),
        Buffer.from('{"id":"2","text":"Caf'),
        Buffer.from([0xe9]),
        Buffer.from('"}\n{"id":"3","text":"Third."}'),
      ]),
    );
    const xs = await collect([p]);
    expect(xs.map((x) => (x instanceof InputError ? `${x.code}@${x.origin}` : (x as Article).text))).toEqual(["First.", `E_ENCODING@${p}:2`, "Third."]);
    expect((xs[1] as InputError).reason).toContain(`byte offset ${28 + 21}`); // file offset, not line offset
  });

  it("a JSON Lines file of blank lines is empty", async () => {
    const dir = tmp();
    const p = join(dir, "blank.jsonl");
    writeFileSync(p, "\n  \n\n");
    const xs = await collect([p]);
    expect(xs.map((x) => (x as InputError).code)).toEqual(["E_EMPTY"]);
  });

  it("does not loop on a symbolic link to a parent folder, and reads nested folders in order", async () => {
    const dir = tmp();
    mkdirSync(join(dir, "b"));
    writeFileSync(join(dir, "b", "2.txt"), "Second text.");
    writeFileSync(join(dir, "a.txt"), "First text.");
    writeFileSync(join(dir, "c.txt"), "Third text.");
    symlinkSync(dir, join(dir, "b", "loop"));
    const xs = await collect([dir]);
    expect(xs.map((x) => (x as Article).text)).toEqual(["First text.", "Second text.", "Third text."]);
  });

  it("reads a feed and an HTML page from stdin", async () => {
    const feed = readFileSync(fx("feed.atom"));
    expect(articles(await collect(["-"], { stdin: stdinOf(feed) })).map((a) => a.origin)).toEqual(["<stdin>#1", "<stdin>#2"]);
    const [page] = await collect(["-"], { stdin: stdinOf(readFileSync(fx("page.html"))) });
    expect((page as Article).outlet).toBe("Harbour Times");
  });
});
