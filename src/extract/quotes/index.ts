import type { Stage } from "../../core/pipeline.js";

export const quotesStage: Stage = {
  name: "quotes",
  requires: ["sentences", "tokens", "entities"],
  provides: ["quotes"],
  run() {},
};
