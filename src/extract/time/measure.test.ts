import fs from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS } from "../../../test/shared.js";
import { measureDates } from "./measure.js";

/**
 * Regression floor for dateFor against the dev gold (events' dates and figures' as_of located by
 * their evidence). Skipped where the shared corpus is not present (CI without it).
 */
const DEV = join(CORPUS, "dev");
const SEEDS = join(CORPUS, "seeds");
const have = fs.existsSync(DEV) && fs.existsSync(SEEDS);

describe.skipIf(!have)("dateFor against the dev gold", () => {
  it("dates gold events and figures at least as well as measured", () => {
    const m = measureDates([DEV, SEEDS], {});
    const rate = (x: { ok: number; total: number }) => x.ok / x.total;
    expect(m.eventsNoLaunch.total).toBeGreaterThan(100);
    expect(rate(m.eventsNoLaunch)).toBeGreaterThanOrEqual(0.82);
    expect(rate(m.figures)).toBeGreaterThanOrEqual(0.85);
  });
});
