import type { Stage } from "../core/pipeline.js";
import { tokenize } from "../text/tokenize.js";

export const textStage: Stage = {
  name: "text",
  requires: [],
  provides: ["sentences", "tokens"],
  run(doc) {
    const { tokens, sentences } = tokenize(doc.text);
    doc.tokens = tokens;
    doc.sentences = sentences;
  },
};
