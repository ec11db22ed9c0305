import type { Stage } from "../../core/pipeline.js";
import { codeEvents } from "./coder.js";

/** PLOVER events between actors, coded by the rules in data/events/rules.json. */
export const eventsStage: Stage = {
  name: "events",
  requires: ["sentences", "tokens", "entities", "published", "times"],
  provides: ["events"],
  run(doc) {
    doc.events = codeEvents(doc);
  },
};
