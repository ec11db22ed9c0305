import type { Stage } from "../../core/pipeline.js";
import { extractEntities } from "./extract.js";

/**
 * Persons (with role and country, stated or inferred, with evidence), organisations, places and
 * the sorted layer of entity mentions (doc.mentions) that later stages use to find actors.
 */
export const entitiesStage: Stage = {
  name: "entities",
  requires: ["sentences", "tokens"],
  provides: ["entities"],
  run(doc) {
    extractEntities(doc);
  },
};
