import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | null = null;

/** The package root (the folder with package.json), whether we run from src/ or dist/. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("eventwire: cannot find the package root");
    dir = up;
  }
  root = dir;
  return dir;
}

/** Path of a file under data/. */
export function dataPath(...parts: string[]): string {
  return join(packageRoot(), "data", ...parts);
}
