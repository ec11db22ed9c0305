import type { Stage } from "../../core/pipeline.js";

export const figuresStage: Stage = {
  name: "figures",
  requires: ["sentences", "tokens", "entities", "published", "times"],
  provides: ["figures"],
  run() {},
};
