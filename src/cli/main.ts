/**
 * `eventwire <command> [options]`: each command lives in its own file in this folder and exports
 * `run(argv: string[]): Promise<number>` (the exit code) and a one-line `summary`.
 */
import { pathToFileURL } from "node:url";

export const COMMANDS = [
  "demo", "ingest", "analyze", "articles", "persons", "person", "events", "figures", "quotes",
  "stories", "story", "search", "export", "eval", "serve", "worker",
] as const;

interface CommandModule {
  run(argv: string[]): Promise<number>;
  summary: string;
}

async function load(name: string): Promise<CommandModule | null> {
  if (!(COMMANDS as readonly string[]).includes(name)) return null;
  try {
    return (await import(`./${name}.js`)) as CommandModule;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND" && String(err).includes(`/${name}.`)) return null;
    throw err;
  }
}

async function help(): Promise<void> {
  const lines = ["usage: eventwire <command> [options]   (every listing takes --json; --db PATH picks the store)", ""];
  for (const name of COMMANDS) {
    const mod = await load(name).catch(() => null);
    if (mod) lines.push(`  ${name.padEnd(10)} ${mod.summary}`);
  }
  console.log(lines.join("\n"));
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    await help();
    return name ? 0 : 2;
  }
  const mod = await load(name);
  if (!mod) {
    console.error(`eventwire: unknown command "${name}" (try: eventwire help)`);
    return 2;
  }
  return mod.run(rest);
}

// `npx tsx src/cli/main.ts <command> …` during development
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof Error ? err.stack ?? err.message : String(err));
      process.exit(1);
    },
  );
}
