import type { Stage } from "../../core/pipeline.js";

export const eventsStage: Stage = {
  name: "events",
  requires: ["sentences", "tokens", "entities", "published", "times"],
  provides: ["events"],
  run() {},
};
