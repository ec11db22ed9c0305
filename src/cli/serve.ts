/**
 * `eventwire serve`: the JSON API and the web app over the store, on 127.0.0.1 by default.
 * Writes (POST /api/articles) are off unless --allow-writes is given.
 */
import { serve } from "@hono/node-server";
import { createApp, LOOPBACK_HOSTS } from "../api/app.js";
import { command, err, out, str, UsageError } from "./util.js";

export const summary = "serve the web app and the JSON API (http://127.0.0.1:8080/ by default)";

const USAGE = "eventwire serve [--port 8080] [--host 127.0.0.1] [--db PATH] [--allow-writes]";

export async function run(argv: string[]): Promise<number> {
  return command(
    argv,
    {
      usage: USAGE,
      store: "write",
      options: { port: { type: "string" }, host: { type: "string" }, "allow-writes": { type: "boolean" } },
    },
    async (ctx) => {
      const port = Number(str(ctx.values, "port") ?? "8080");
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port wants a port number (0-65535), got "${String(ctx.values.port)}"`);
      const host = str(ctx.values, "host") ?? "127.0.0.1";
      const allowWrites = ctx.values["allow-writes"] === true;
      const loopback = LOOPBACK_HOSTS.includes(host) || /^127\./.test(host);
      // bound to loopback: answer only to loopback names (no DNS rebinding from a page elsewhere)
      const app = createApp({ store: ctx.store, allowWrites, allowedHosts: loopback ? [...LOOPBACK_HOSTS, host] : undefined });
      const server = serve({ fetch: app.fetch, port, hostname: host });
      const ready = await new Promise<number>((resolve, reject) => {
        server.once("listening", () => {
          const addr = server.address();
          resolve(typeof addr === "object" && addr ? addr.port : port);
        });
        server.once("error", reject);
      }).catch((e: NodeJS.ErrnoException) => {
        err(`eventwire: cannot listen on ${host}:${port}: ${e.code === "EADDRINUSE" ? "the port is in use (try --port)" : e.message}`);
        return -1;
      });
      if (ready < 0) return 1;
      const shown = host.includes(":") ? `[${host}]` : host;
      out(`eventwire: serving ${ctx.dbLocation} at http://${shown}:${ready}/  (API: /api/, OpenAPI: /api/openapi.json)`);
      out(`writes ${allowWrites ? "ON: POST /api/articles adds articles" : "off (start with --allow-writes to add articles over HTTP)"}; Ctrl-C stops`);
      if (!loopback) err("eventwire: warning: listening beyond this machine; the API has no authentication");
      await new Promise<void>((resolve) => {
        const stop = () => {
          server.close(() => resolve());
          setTimeout(resolve, 2000).unref();
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      return 0;
    },
  );
}
