import { describe, expect, it } from "vitest";
import type { Article } from "../core/types.js";
import { InputError } from "../core/errors.js";
import { htmlFragmentToText, readHtml } from "./html.js";

const PARAS = [
  "The regional council voted on Wednesday to extend the state of emergency by another thirty days, citing continued flooding in low-lying districts.",
  "Opposition members said the measure gave the executive too much power, but the motion passed by a wide margin after a short debate.",
  "Emergency services said some 3,400 people were still living in temporary shelters across the region.",
];

function page(head: string, body = `<article>${PARAS.map((p) => `<p>${p}</p>`).join("\n")}</article>`): string {
  return `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
}

function read(html: string): Article {
  const a = readHtml(html, "test.html");
  if (a instanceof InputError) throw a;
  return a;
}

describe("readHtml metadata", () => {
  it("falls back to JSON-LD publisher and datePublished", () => {
    const a = read(page(`<title>Emergency extended</title><script type="application/ld+json">
      [{"@type":"NewsArticle","datePublished":"2021-07-16T22:10:00-04:00","publisher":[{"@type":"Organization","name":"Delta Gazette"}]}]</script>`));
    expect(a.outlet).toBe("Delta Gazette");
    expect(a.published).toBe("2021-07-16");
    expect(a.title).toBe("Emergency extended");
  });

  it("reads meta name=date, then <time datetime>, then the URL", () => {
    expect(read(page(`<meta name="date" content="2020-05-04">`)).published).toBe("2020-05-04");
    expect(read(page(`<meta name="dc.date" content="May 5, 2020">`)).published).toBe("2020-05-05");
    expect(read(page("", `<article><time datetime="2020-05-06T10:00">May 6</time>${PARAS.map((p) => `<p>${p}</p>`).join("")}</article>`)).published).toBe("2020-05-06");
    const byUrl = read(page(`<link rel="canonical" href="https://news.example.org/region/2020/05/07/emergency">`));
    expect(byUrl.published).toBe("2020-05-07");
    expect(byUrl.url).toBe("https://news.example.org/region/2020/05/07/emergency");
    expect(byUrl.outlet).toBe("news.example.org"); // no site name: the host
  });

  it("ignores a broken JSON-LD block and an unparseable date", () => {
    const a = read(page(`<script type="application/ld+json">{not json</script><meta property="article:published_time" content="soon">`));
    expect(a.published).toBeNull();
    expect(a.outlet).toBeNull();
  });

  it("strips the site name from <title> when the outlet is known", () => {
    expect(read(page(`<title>Emergency extended | Delta Gazette</title><meta property="og:site_name" content="Delta Gazette">`)).title).toBe("Emergency extended");
    expect(read(page(`<title>Delta Gazette - Emergency extended</title><meta property="og:site_name" content="Delta Gazette">`)).title).toBe("Emergency extended");
    expect(read(page(`<title>Vote: council extends emergency</title><meta property="og:site_name" content="Delta Gazette">`)).title).toBe("Vote: council extends emergency");
  });

  it("keeps every paragraph on its own line and its words exactly", () => {
    const a = read(page(`<title>x</title>`));
    expect(a.text).toBe(PARAS.join("\n"));
    for (const p of PARAS) {
      const at = a.text.indexOf(p);
      expect(a.text.slice(at, at + p.length)).toBe(p);
    }
  });

  it("reports a page with no text", () => {
    const e = readHtml("<html><head><title>x</title></head><body></body></html>", "x.html");
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).code).toBe("E_NO_TEXT");
  });
});

describe("htmlFragmentToText", () => {
  it("converts markup to paragraphs, decodes entities, drops scripts", () => {
    expect(htmlFragmentToText("<p>One &amp; two</p><script>x()</script><ul><li>a</li><li>b</li></ul>text<br/>more")).toBe("One & two\na\nb\ntext\nmore");
    expect(htmlFragmentToText("Plain   text\n\nSecond para")).toBe("Plain text\nSecond para");
  });
});
