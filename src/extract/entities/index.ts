import type { Stage } from "../../core/pipeline.js";

/** Persons, organisations, places and country mentions (first version: to be filled). */
export const entitiesStage: Stage = {
  name: "entities",
  requires: ["sentences", "tokens"],
  provides: ["entities"],
  run() {},
};
