import { describe, expect, it } from "vitest";
import { foldBasic, isAllCaps, isCapitalised, nameKey, stripDiacritics, titleCase } from "./names.js";

describe("names", () => {
  it("strips diacritics and Turkish/Slavic/Nordic letters", () => {
    expect(stripDiacritics("Mevlüt Çavuşoğlu")).toBe("Mevlut Cavusoglu");
    expect(stripDiacritics("İbrahim Kalın")).toBe("Ibrahim Kalin");
    expect(stripDiacritics("Łukasz Søren Straße")).toBe("Lukasz Soren Strasse");
  });
  it("folds case, apostrophes and hyphens", () => {
    expect(foldBasic("Eva-Maria  O’Neill")).toBe("eva maria oneill");
  });
  it("gives transliteration variants one key", () => {
    expect(nameKey("Sergei")).toBe(nameKey("Sergey"));
    expect(nameKey("Oleksii")).toBe(nameKey("Oleksiy"));
    expect(nameKey("Zelenskyy")).toBe(nameKey("Zelensky"));
    expect(nameKey("Çavuşoğlu")).toBe(nameKey("Cavusoglu"));
    expect(nameKey("Mykhailo")).toBe(nameKey("Mikhailo"));
  });
  it("keeps different names apart", () => {
    expect(nameKey("Lavrov")).not.toBe(nameKey("Lavrova"));
    expect(nameKey("Putin")).not.toBe(nameKey("Pushilin"));
    expect(nameKey("Akar")).not.toBe(nameKey("Ankara"));
  });
  it("tells capitalised words and acronyms", () => {
    expect(isCapitalised("Çavuşoğlu")).toBe(true);
    expect(isCapitalised("said")).toBe(false);
    expect(isAllCaps("OSCE")).toBe(true);
    expect(isAllCaps("Osce")).toBe(false);
    expect(titleCase("minister of foreign affairs")).toBe("Minister of Foreign Affairs");
  });
});
