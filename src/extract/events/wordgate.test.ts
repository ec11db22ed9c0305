import { describe, expect, it } from "vitest";
import { mayHave, wordGate } from "./wordgate.js";

describe("word gate", () => {
  const words = ["attacked", "talks", "a", "", "co-operate", "mobilisation-of-the-very-long-word-reserves"];
  const gate = wordGate(words);

  it("lets every word of its set through", () => {
    for (const w of words) expect(mayHave(gate, w)).toBe(true);
  });

  it("stops words that differ in their first two letters or their length", () => {
    expect(mayHave(gate, "the")).toBe(false);
    expect(mayHave(gate, "attack")).toBe(false); // same letters, other length
    expect(mayHave(gate, "tulks")).toBe(false);
    expect(mayHave(gate, "b")).toBe(false);
  });

  it("is a superset test: same two first letters and length pass", () => {
    expect(mayHave(gate, "atXXXXXX")).toBe(true);
    // lengths from 31 up share one slot
    expect(mayHave(gate, "mo" + "x".repeat(60))).toBe(true);
  });

  it("an empty gate stops everything", () => {
    const none = wordGate([]);
    expect(mayHave(none, "talks")).toBe(false);
    expect(mayHave(none, "")).toBe(false);
  });
});
