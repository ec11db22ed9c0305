import { describe, expect, it } from "vitest";
import { acronym, canonRole, countryCode, igoCode } from "./canon.js";

describe("canonRole", () => {
  it("treats the same office written differently as equal", () => {
    expect(canonRole("Minister of Foreign Affairs")).toBe(canonRole("Foreign Minister"));
    expect(canonRole("Minister of National Defense")).toBe(canonRole("Defense Minister"));
    expect(canonRole("Minister of Defense")).toBe(canonRole("Turkish Defence Minister"));
    expect(canonRole("President of Ukraine")).toBe(canonRole("President"));
    expect(canonRole("Secretary-General of the United Nations")).toBe(canonRole("UN Secretary-General"));
    expect(canonRole("Deputy Minister of Defence")).toBe(canonRole("deputy defense minister"));
    expect(canonRole("Russia's Minister for Foreign Affairs")).toBe("foreign minister");
  });
  it("keeps different offices apart", () => {
    expect(canonRole("Defence Secretary")).not.toBe(canonRole("Defense Minister"));
    expect(canonRole("Deputy Minister of Defence")).not.toBe(canonRole("Minister of Defence"));
    expect(canonRole("Foreign Ministry spokesperson")).not.toBe(canonRole("Foreign Minister"));
    expect(canonRole("Prime Minister")).not.toBe(canonRole("Minister"));
    expect(canonRole("Chair of the House Foreign Affairs Committee")).toBe("chair of the house foreign affairs committee");
  });
  it("null stays null", () => {
    expect(canonRole(null)).toBeNull();
  });
});

describe("countries and bodies", () => {
  it("maps names, alt spellings and demonyms to ISO3", () => {
    expect(countryCode("Türkiye")).toBe("TUR");
    expect(countryCode("Turkey")).toBe("TUR");
    expect(countryCode("Ukrainian")).toBe("UKR");
    expect(countryCode("the U.S.")).toBe("USA");
    expect(countryCode("Presidency")).toBeNull();
  });
  it("knows well-known bodies and acronyms", () => {
    expect(igoCode("U.N. Refugee Agency")).toBe("UNHCR");
    expect(igoCode("UN Refugee Agency")).toBe("UNHCR");
    expect(igoCode("Red Crescent")).toBeNull();
    expect(acronym("un high commissioner for refugees")).toBe("unhcr");
  });
});
