import type { Article } from "../core/types.js";
import { InputError } from "../core/errors.js";

export interface ReadOptions {
  /** largest text accepted, in characters (default 5 MB) */
  maxChars?: number;
}

/**
 * Walks the given files and directories and yields one Article per article found (a .txt file,
 * an HTML page, each feed item, each JSON line), or an InputError naming the file (and line)
 * and the reason. Never throws for bad input: the batch goes on.
 */
export async function* readInputs(paths: string[], _options: ReadOptions = {}): AsyncGenerator<Article | InputError> {
  for (const p of paths) yield new InputError(p, "not implemented yet", "E_TODO");
}
