/**
 * What a stage computes from a doc and another stage (or a later call) asks for again, kept for
 * the last `size` docs: as many as a batch of analyzeBatch holds, which runs each stage over the
 * batch's docs in turn. A slot is found by doc identity (and a second key the value depends on,
 * such as the doc's token list); a doc asked for again after `size` others simply gets its value
 * computed anew, with the same content. (A WeakMap keyed by doc cost about as much as the values
 * it saved, in garbage-collector bookkeeping for every doc.)
 */
import type { Doc } from "./types.js";

/** How many articles analyzeBatch's callers hand it at a time, and so how many docs a memo keeps. */
export const BATCH_SIZE = 32;

export class DocMemo<T> {
  /** every memo, for releaseAll */
  private static readonly all: Array<DocMemo<unknown>> = [];

  /** Lets go of the docs every memo keeps (the pipeline calls it when an analysis is done: nothing is asked for after). */
  static releaseAll(): void {
    for (const m of DocMemo.all) m.clear();
  }

  private readonly docs: Array<Doc | null>;
  private readonly keys: unknown[];
  private readonly values: Array<T | null>;
  private next = 0;

  constructor(readonly size = BATCH_SIZE) {
    this.docs = new Array<Doc | null>(size).fill(null);
    this.keys = new Array<unknown>(size).fill(null);
    this.values = new Array<T | null>(size).fill(null);
    DocMemo.all.push(this as DocMemo<unknown>);
  }

  /** Forgets every doc. */
  clear(): void {
    this.docs.fill(null);
    this.keys.fill(null);
    this.values.fill(null);
  }

  /** The value kept for `doc` with `key`, else undefined (the slot of the last one kept is tried first). */
  get(doc: Doc, key: unknown): T | undefined {
    const last = this.next === 0 ? this.size - 1 : this.next - 1;
    if (this.docs[last] === doc && this.keys[last] === key) return this.values[last]!;
    for (let k = 0; k < this.size; k++) if (this.docs[k] === doc && this.keys[k] === key) return this.values[k]!;
    return undefined;
  }

  /** Keeps `value` for `doc` with `key`, in place of the oldest. */
  set(doc: Doc, key: unknown, value: T): void {
    this.docs[this.next] = doc;
    this.keys[this.next] = key;
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.size;
  }
}
