import { describe, expect, it } from "vitest";
import { foldName, surnameOf } from "./fold.js";

describe("foldName", () => {
  it("folds case and diacritics, Turkish and Polish letters", () => {
    expect(foldName("Mevlüt Çavuşoğlu")).toBe("mevlut cavusoglu");
    expect(foldName("İbrahim Kalın")).toBe("ibrahim kalin");
    expect(foldName("Łódź")).toBe("lodz");
    expect(foldName("Recep Tayyip Erdoğan")).toBe(foldName("RECEP TAYYIP ERDOGAN"));
  });
  it("collapses whitespace and punctuation, joins dotted initialisms", () => {
    expect(foldName("  Secretary-General,  of the U.N. ")).toBe("secretary general of the un");
    expect(foldName("Turkey’s foreign minister")).toBe("turkeys foreign minister");
  });
  it("keeps different names different", () => {
    expect(foldName("Zelensky")).not.toBe(foldName("Zelenskyy"));
    expect(foldName("Lavrov")).not.toBe(foldName("Kuleba"));
  });
  it("surnameOf takes the last word", () => {
    expect(surnameOf("sergei lavrov")).toBe("lavrov");
    expect(surnameOf("putin")).toBe("putin");
  });
});
