/**
 * The web app in Debian's chromium (playwright-core, no downloaded browser): the demo data,
 * a story, the actors network and an article; screenshots go to test-artifacts/browser/.
 * Skipped, with a message, when /usr/bin/chromium is missing (CI installs it).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../src/core/paths.js";
import { CHROMIUM, launchChromium, openPage, shootAll, startDemoServer, type DemoServer } from "../scripts/screenshots.js";

const ARTIFACTS = join(packageRoot(), "test-artifacts", "browser");
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`browser tests skipped: no chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

describe.skipIf(!haveChromium)("web app in chromium", () => {
  let srv: DemoServer;
  let browser: Browser;
  let page: Page;
  const external: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(packageRoot(), "dist", "web", "index.html"))) {
      execFileSync(process.execPath, [join(packageRoot(), "node_modules", "vite", "bin", "vite.js"), "build", "--config", join(packageRoot(), "web", "vite.config.ts")], { stdio: "inherit" });
    }
    srv = await startDemoServer({ allowWrites: true });
    browser = await launchChromium();
    page = await openPage(browser, srv.base, external);
    page.on("pageerror", (e) => pageErrors.push(e.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });

  it("lists the stories and opens one: a timeline of events with their sources", async () => {
    await page.goto(`${srv.base}/`);
    const cards = page.locator("[data-testid=stories] > li");
    await cards.first().waitFor();
    expect(await cards.count()).toBeGreaterThanOrEqual(3);
    expect(await cards.first().textContent()).toMatch(/\d+ sources?/);
    await shot("1-stories");
    // the story with the most events
    const counts = await cards.evaluateAll((lis) => lis.map((li) => Number(/(\d+) events?/.exec(li.textContent ?? "")?.[1] ?? 0)));
    const best = counts.indexOf(Math.max(...counts));
    await cards.nth(best).locator("a.card-title").click();
    const items = page.locator("[data-testid=timeline] > li");
    await items.first().waitFor();
    // reports of one event are merged: at most one timeline entry per event, at least one
    expect(await items.count()).toBeGreaterThan(0);
    expect(await items.count()).toBeLessThanOrEqual(counts[best]!);
    expect(await items.first().locator(".badge").textContent()).toMatch(/^[A-Z]+/);
    await shot("2-story");
    // an evidence link opens the reader on its words
    const ev = items.first().locator("a.evidence").first();
    const words = ((await ev.textContent()) ?? "").replace(/^“|”$/g, "");
    await ev.click();
    await page.locator("[data-testid=reader] .focus").first().waitFor();
    const focused = await page.locator("[data-testid=reader] .focus").allTextContents();
    expect(focused.join("")).toBe(words);
    await page.mouse.move(2, 890);
    await shot("3-evidence");
  });

  it("draws the actors network; clicking a person shows roles, events and quotes", async () => {
    await page.goto(`${srv.base}/#/network`);
    await page.locator("[data-testid=graph] canvas").first().waitFor();
    const sizes = await page.evaluate(() => {
      const cy = (window as unknown as { __cy: { nodes(): { length: number }; edges(): Array<{ data(k: string): number }> } }).__cy;
      return { nodes: cy.nodes().length, widths: cy.edges().map((e) => e.data("width")) };
    });
    expect(sizes.nodes).toBeGreaterThan(3);
    expect(Math.max(...sizes.widths)).toBeGreaterThan(Math.min(...sizes.widths)); // thickness by count
    // a click on the node (real mouse, at the node's rendered position)
    const pos = await page.evaluate(() => {
      const cy = (window as unknown as { __cy: { nodes(s: string): Array<{ renderedPosition(): { x: number; y: number }; degree(): number }> } }).__cy;
      const n = [...cy.nodes("[kind = 'person']")].sort((a, b) => b.degree() - a.degree())[0]!;
      return n.renderedPosition();
    });
    const box = (await page.locator("[data-testid=graph]").boundingBox())!;
    await page.mouse.click(box.x + pos.x, box.y + pos.y);
    const panel = page.locator("[data-testid=panel] [data-testid=person]");
    await panel.waitFor();
    expect(await panel.textContent()).toMatch(/Roles over time/i);
    expect(await panel.locator(".events-list li").count()).toBeGreaterThan(0);
    await shot("4-network-person");
    // filter by type: fewer or equal edges, all of that type
    const before = await page.evaluate(() => (window as unknown as { __cy: { edges(): { length: number } } }).__cy.edges().length);
    await page.locator(".type-toggle", { hasText: "CONSULT" }).click();
    await page.waitForFunction((n) => (window as unknown as { __cy: { edges(): { length: number } } }).__cy.edges().length < n, before);
    await shot("5-network-consult");
  });

  it("reads an article with every extraction highlighted; hovering shows the record and its rule", async () => {
    const id = await page.evaluate(async () => ((await (await fetch("/api/articles")).json()) as Array<{ id: string }>)[0]!.id);
    await page.goto(`${srv.base}/#/article/${id}`);
    const reader = page.locator("[data-testid=reader]");
    await reader.waitFor();
    const text = await page.evaluate(async (i) => ((await (await fetch(`/api/articles/${i}`)).json()) as { text: string }).text, id);
    expect(await reader.textContent()).toBe(text); // the text, exactly, whatever is highlighted
    expect(await reader.locator(".ann.k-person").count()).toBeGreaterThan(0);
    // every character of every extraction is highlighted with its kind, and no other character is
    const check = await page.evaluate(async (i) => {
      const a = (await (await fetch(`/api/articles/${i}`)).json()) as {
        record: { persons: Array<{ mentions: Array<{ start: number; end: number }> }>; events: Array<{ span: { start: number; end: number } }>; quotes: Array<{ span: { start: number; end: number } }> };
      };
      const covered = (spans: Array<{ start: number; end: number }>) => {
        const set = new Set<number>();
        for (const sp of spans) for (let k = sp.start; k < sp.end; k++) set.add(k);
        return set.size;
      };
      const shown = (cls: string) => Array.from(document.querySelectorAll(`[data-testid=reader] .ann.${cls}`)).reduce((n, el) => n + (el.textContent ?? "").length, 0);
      return {
        person: [covered(a.record.persons.flatMap((p) => p.mentions)), shown("k-person")],
        event: [covered(a.record.events.map((e) => e.span)), shown("k-event")],
        quote: [covered(a.record.quotes.map((q) => q.span)), shown("k-quote")],
      };
    }, id);
    for (const [kind, [want, got]] of Object.entries(check)) expect(got, kind).toBe(want);
    const ev = reader.locator(".ann.k-event").first();
    await ev.hover();
    const tip = page.locator(".tip");
    await tip.waitFor();
    expect(await tip.textContent()).toMatch(/rule/);
    await shot("6-article");
    // a layer can be switched off
    const persons = await reader.locator(".ann.k-person").count();
    await page.locator(".legend-item.k-person").click();
    expect(await reader.locator(".ann.k-person").count()).toBe(0);
    expect(persons).toBeGreaterThan(0);
  });

  it("renders an article containing <script> and markup as text, never as HTML", async () => {
    const evil = `<script>window.__pwned = 1</script> President <b>Bold</b> said <img src=x onerror="window.__pwned = 2"> that 12 people were killed in Example City on Monday.`;
    const res = await page.evaluate(async (text) => {
      const r = await fetch("/api/articles", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text, title: "<i>Title</i><script>window.__pwned=3</script>" }) });
      return (await r.json()) as { articles: Array<{ id: string }> };
    }, evil);
    const id = res.articles[0]!.id;
    await page.goto(`${srv.base}/#/article/${id}`);
    // (the hash route changes in place: the reader of the article an earlier test opened stays until this one's data comes)
    await page.waitForFunction((t) => document.querySelector("h1")?.textContent === t, "<i>Title</i><script>window.__pwned=3</script>");
    const reader = page.locator("[data-testid=reader]");
    await reader.waitFor();
    expect(await reader.textContent()).toBe(evil);
    expect(await page.locator("h1").textContent()).toBe("<i>Title</i><script>window.__pwned=3</script>");
    expect(await reader.locator("script, img, b").count()).toBe(0);
    expect(await page.locator("main script, main img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await shot("7-script-as-text");
    // and in search results
    await page.goto(`${srv.base}/#/search?q=Bold`);
    await page.locator("[data-testid=search-results]").waitFor();
    expect(await page.locator("main b, main img, main script").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it("adds an article from the Add page and opens it in the reader", async () => {
    await page.goto(`${srv.base}/#/add`);
    const form = page.locator("[data-testid=add-form]");
    await form.waitFor();
    const text = "Foreign ministers of two neighbouring states met in Lima on Tuesday. At least 40 people were killed in clashes last week, officials said.";
    await form.locator("textarea").fill(text);
    await form.locator("input[placeholder='YYYY-MM-DD']").fill("2024-05-07");
    await form.locator("button[type=submit]").click();
    const result = page.locator("[data-testid=add-result]");
    await result.waitFor();
    expect(await result.textContent()).toMatch(/1 added/);
    await result.locator("a").first().click();
    const reader = page.locator("[data-testid=reader]");
    await reader.waitFor();
    expect(await reader.textContent()).toBe(text);
    await shot("8-added");
    // a bad date is a clear error on the page, nothing added
    await page.goto(`${srv.base}/#/add`);
    await form.waitFor();
    await form.locator("textarea").fill("Another text.");
    await form.locator("input[placeholder='YYYY-MM-DD']").fill("soon");
    await form.locator("button[type=submit]").click();
    await page.locator("[data-testid=add-form] .error").waitFor();
    expect(await page.locator("[data-testid=add-form] .error").textContent()).toMatch(/date/);
  });

  it("marks contradicting figures on the Figures page", async () => {
    await page.evaluate(async () => {
      for (const text of ["Police said 12 people were killed in the attack on the market in the river town.", "Local officials said 40 people were killed in the attack on the market in the river town."]) {
        await fetch("/api/articles", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text, date: "2024-05-06" }) });
      }
    });
    await page.goto(`${srv.base}/#/figures`);
    await page.locator("[data-testid=series]").waitFor();
    const flagged = page.locator("tr.contradiction");
    await flagged.first().waitFor();
    const rows = await flagged.allTextContents();
    expect(rows.some((r) => /\b12\b/.test(r))).toBe(true);
    expect(rows.some((r) => /\b40\b/.test(r))).toBe(true);
    expect(await page.locator(".series canvas").count()).toBeGreaterThan(0);
    await flagged.first().scrollIntoViewIfNeeded();
    await shot("9-contradiction");
  });

  it("visits every page without external requests or script errors (screenshots)", async () => {
    const files = await shootAll(page, srv.base, join(ARTIFACTS, "pages"));
    expect(files.length).toBe(7);
    expect(external).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
