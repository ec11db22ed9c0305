/**
 * The worker-thread side of the analysis pool (pool.ts): receives articles, runs the per-article
 * pipeline and sends back the SCHEMA.md record, or the error message. No state is shared with
 * other threads, so a record does not depend on which thread made it.
 */
import { parentPort, workerData } from "node:worker_threads";
import { analyze, toRecord } from "../analyze.js";
import type { AnalyzeOptions, Article } from "../core/types.js";

export interface PoolTask {
  id: number;
  article: Article;
}
export type PoolReply = { id: number; record: unknown } | { id: number; error: string };

const { options, includeText } = workerData as { options: AnalyzeOptions; includeText: boolean };

parentPort!.on("message", (task: PoolTask) => {
  let reply: PoolReply;
  try {
    reply = { id: task.id, record: toRecord(analyze(task.article, options), { includeText }) };
  } catch (e) {
    reply = { id: task.id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
