import type { Stage } from "../../core/pipeline.js";

/** Publication date and time expressions (first version: metadata only). */
export const timeStage: Stage = {
  name: "time",
  requires: ["sentences", "tokens"],
  provides: ["published", "times"],
  run(doc, options) {
    const meta = options.noMetadataDates ? null : doc.article.published;
    doc.published = { value: meta, inferred: false, evidence: null, rule: meta ? "metadata" : "none" };
  },
};
