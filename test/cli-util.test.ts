import { describe, expect, it } from "vitest";
import { countFiles, ellipsis, ProgressBar, side, table } from "../src/cli/util.js";
import { packageRoot } from "../src/core/paths.js";
import { join } from "node:path";

function fakeStream(isTTY: boolean, columns = 80) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, columns, write: (c: string) => (chunks.push(c), true) } as unknown as NodeJS.WriteStream };
}

describe("ProgressBar", () => {
  it("draws on a terminal, within its width, and clears itself", () => {
    const { chunks, stream } = fakeStream(true, 60);
    const bar = new ProgressBar(4, stream);
    bar.update(2, "2 articles", true);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatch(/^\r█+░+ 50% 2 articles/);
    expect(chunks[0]!.length - 1).toBeLessThanOrEqual(60);
    bar.update(3, "3 articles"); // throttled: less than 100 ms later
    expect(chunks).toHaveLength(1);
    bar.clear();
    expect(chunks[1]).toMatch(/^\r +\r$/);
  });

  it("writes nothing when the stream is not a terminal", () => {
    const { chunks, stream } = fakeStream(false);
    const bar = new ProgressBar(4, stream);
    bar.update(1, "x", true);
    bar.clear();
    expect(chunks).toEqual([]);
  });

  it("survives a terminal that reports no width", () => {
    const { chunks, stream } = fakeStream(true, 0);
    new ProgressBar(0, stream).update(0, "starting", true);
    expect(chunks[0]).toContain("0% starting");
  });
});

describe("table, side, ellipsis", () => {
  it("pads columns and cuts long cells", () => {
    const t = table(["a", "bb"], [["x", "a long cell that goes on"], [null, 7]], [5, 10]);
    expect(t.split("\n")).toEqual(["a  bb", "-  -------", "x  a long…", "   7"]);
  });

  it("names a side by person, group or actor, with its code", () => {
    expect(side({ person: "Hulusi Akar", actor: "TUR" })).toBe("Hulusi Akar (TUR)");
    expect(side({ person: null, actor: null, group: "Hamas" })).toBe("Hamas");
    expect(side({ person: null, actor: "RUS" })).toBe("RUS");
    expect(side({ person: null, actor: null })).toBe("?");
  });

  it("ellipsises on a word boundary", () => {
    expect(ellipsis("one two three four", 12)).toBe("one two…");
    expect(ellipsis("short", 12)).toBe("short");
    expect(ellipsis("a\n  b", 12)).toBe("a b");
  });

  it("counts files under folders", () => {
    expect(countFiles([join(packageRoot(), "examples")])).toBe(3);
    expect(countFiles(["/nonexistent/file.txt"])).toBe(1);
  });
});
