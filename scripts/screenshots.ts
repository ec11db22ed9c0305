/**
 * Refreshes docs/screenshots/*.png, one per page of the web app, from the demo data (the
 * bundled examples ingested into a temporary store), with Debian's chromium driven by
 * playwright-core. Needs the built web app (npm run build) and /usr/bin/chromium.
 *
 *   npx tsx scripts/screenshots.ts [OUT_DIR]     (default docs/screenshots)
 *
 * The helpers are shared with test/browser.test.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type Browser, type Page } from "playwright-core";
import { createApp } from "../src/api/app.js";
import { packageRoot } from "../src/core/paths.js";
import { ingestPaths } from "../src/service.js";
import { openStore } from "../src/store/index.js";
import type { Store } from "../src/store/port.js";

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

export interface DemoServer {
  base: string;
  store: Store;
  close(): Promise<void>;
}

/** A temporary store with the bundled examples (plus `extra` paths), served on a free loopback port. */
export async function startDemoServer(opts: { extra?: string[]; allowWrites?: boolean } = {}): Promise<DemoServer> {
  const dir = mkdtempSync(join(tmpdir(), "eventwire-web-"));
  const store = await openStore(join(dir, "demo.db"));
  await ingestPaths(store, [join(packageRoot(), "examples"), ...(opts.extra ?? [])]);
  const app = createApp({ store, allowWrites: opts.allowWrites ?? false });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    store,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Opens a page that fails on any request leaving the server (the app must make none). */
export async function openPage(browser: Browser, base: string, external: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 }, deviceScaleFactor: 1 });
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    external.push(url);
    return route.abort();
  });
  return page;
}

/** Visits every page of the app and saves one screenshot each into `dir`; returns the files. */
export async function shootAll(page: Page, base: string, dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const shot = async (name: string, keepMouse = false) => {
    if (!keepMouse) await page.mouse.move(2, 890);
    const file = join(dir, `${name}.png`);
    await page.screenshot({ path: file, fullPage: false });
    files.push(file);
  };

  await page.goto(`${base}/#/stories`);
  await page.waitForSelector("[data-testid=stories] li");
  await shot("stories");

  // the story with the most events, dated ones first (their timeline shows dates)
  const href = await page.$$eval("[data-testid=stories] li", (lis) => {
    let best = { n: -1, href: "" };
    for (const li of lis) {
      const dated = li.querySelector(".meta .date") ? 1000 : 0;
      const n = dated + Number(/(\d+) events?/.exec(li.textContent ?? "")?.[1] ?? 0);
      const a = li.querySelector("a.card-title") as HTMLAnchorElement | null;
      if (a && n > best.n) best = { n, href: a.getAttribute("href") ?? "" };
    }
    return best.href;
  });
  await page.goto(`${base}/${href}`);
  await page.waitForSelector("[data-testid=timeline] li");
  await shot("story");

  await page.goto(`${base}/#/network`);
  await page.waitForSelector("[data-testid=graph] canvas");
  await page.waitForTimeout(500);
  // select the person with the most events
  await page.evaluate(() => {
    const cy = (window as unknown as { __cy: { nodes(s: string): { sort(f: (a: unknown, b: unknown) => number): Array<{ emit(e: string): void }> } } }).__cy;
    const people = cy.nodes("[kind = 'person']").sort((a, b) => ((b as { degree(): number }).degree() - (a as { degree(): number }).degree()));
    people[0]?.emit("tap");
  });
  await page.waitForSelector("[data-testid=person]");
  await shot("network");

  await page.goto(`${base}/#/figures`);
  await page.waitForSelector("[data-testid=series]");
  await shot("figures");

  await page.goto(`${base}/#/map`);
  await page.waitForSelector("[data-testid=map] .place");
  const located = page.locator("[data-testid=map] .place.has-events");
  if (await located.count()) {
    // places can overlap on a small map: dispatch the click to the place itself
    await located.first().dispatchEvent("click");
    await page.waitForSelector(".panel h3");
  }
  await shot("map");

  const article = await page.evaluate(async () => {
    const rows = (await (await fetch("/api/articles?limit=100")).json()) as Array<{ id: string; length: number }>;
    return rows.sort((a, b) => b.length - a.length)[0]?.id;
  });
  await page.goto(`${base}/#/article/${article}`);
  await page.waitForSelector("[data-testid=reader] .ann");
  const ann = page.locator("[data-testid=reader] .ann.k-event").first();
  await ann.hover();
  await page.waitForSelector(".tip");
  await shot("article", true);

  await page.goto(`${base}/#/search?q=${encodeURIComponent("Akar")}`);
  await page.waitForSelector("[data-testid=search-results]");
  await shot("search");
  return files;
}

async function main(): Promise<number> {
  const out = process.argv[2] ?? join(packageRoot(), "docs", "screenshots");
  if (!existsSync(CHROMIUM)) {
    console.error(`screenshots: no chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
    return 1;
  }
  if (!existsSync(join(packageRoot(), "dist", "web", "index.html"))) {
    console.error("screenshots: the web app is not built (npm run build)");
    return 1;
  }
  const srv = await startDemoServer();
  const browser = await launchChromium();
  try {
    const external: string[] = [];
    const page = await openPage(browser, srv.base, external);
    const files = await shootAll(page, srv.base, out);
    for (const f of files) console.log(f);
    if (external.length) {
      console.error(`screenshots: the page asked for external addresses: ${external.join(", ")}`);
      return 1;
    }
    return 0;
  } finally {
    await browser.close();
    await srv.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then((c) => process.exit(c), (e) => {
    console.error(e);
    process.exit(1);
  });
}
