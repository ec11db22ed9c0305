/**
 * Serves the built web app (vite build → dist/web) at /: files by path, index.html for any other
 * non-API path (client-side routes), with a Content-Security-Policy that allows nothing from
 * other origins, so the page can make no external request.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import type { Hono } from "hono";
import { packageRoot } from "../core/paths.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join("; ");

export function defaultWebDir(): string {
  return join(packageRoot(), "dist", "web");
}

export function serveWeb(app: Hono, dir: string = defaultWebDir()): void {
  const root = normalize(dir);
  const headers = (type: string, cache: boolean) => ({
    "content-type": type,
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": cache ? "public, max-age=31536000, immutable" : "no-cache",
  });
  app.get("*", (c) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return c.json({ error: { code: "bad_path", message: "the path is not valid percent-encoding" } }, 400);
    }
    const index = join(root, "index.html");
    if (!existsSync(index)) {
      return c.text("eventwire: the web app is not built (run `npm run build`); the JSON API is at /api/", 503);
    }
    if (path !== "/" && extname(path)) {
      const file = normalize(join(root, path));
      if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
        return c.json({ error: { code: "not_found", message: `no file ${path}` } }, 404);
      }
      return c.body(readFileSync(file), 200, headers(TYPES[extname(file)] ?? "application/octet-stream", path.startsWith("/assets/")));
    }
    return c.body(readFileSync(index, "utf8"), 200, headers(TYPES[".html"]!, false));
  });
}
