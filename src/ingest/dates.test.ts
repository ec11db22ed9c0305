import { describe, expect, it } from "vitest";
import { dateFromUrl, normalizeDate } from "./dates.js";

describe("normalizeDate", () => {
  it("keeps the calendar date as written, whatever the offset", () => {
    expect(normalizeDate("2022-02-26T23:30:00+03:00")).toBe("2022-02-26");
    expect(normalizeDate("2022-02-26T01:30:00-08:00")).toBe("2022-02-26");
    expect(normalizeDate("2022-02-26T23:59:59Z")).toBe("2022-02-26");
    expect(normalizeDate("Sat, 26 Feb 2022 23:30:00 +0300")).toBe("2022-02-26");
    expect(normalizeDate("Sat, 26 Feb 2022 01:00:00 GMT")).toBe("2022-02-26");
  });

  it("reads the common written forms", () => {
    expect(normalizeDate("2022-02-26")).toBe("2022-02-26");
    expect(normalizeDate("2022/2/6")).toBe("2022-02-06");
    expect(normalizeDate("20220226")).toBe("2022-02-26");
    expect(normalizeDate("February 26, 2022")).toBe("2022-02-26");
    expect(normalizeDate("Feb. 6 2022 10:00 AM")).toBe("2022-02-06");
    expect(normalizeDate("26th of February, 2022")).toBe("2022-02-26");
    expect(normalizeDate("6 Sept 2021")).toBe("2021-09-06");
    expect(normalizeDate(" 2024-03-01 12:00:00 ")).toBe("2024-03-01");
  });

  it("rejects what is not a real date", () => {
    expect(normalizeDate("")).toBeNull();
    expect(normalizeDate("yesterday")).toBeNull();
    expect(normalizeDate("2022-02-30")).toBeNull();
    expect(normalizeDate("2022-13-01")).toBeNull();
    expect(normalizeDate("Feb 2022")).toBeNull();
    expect(normalizeDate(null)).toBeNull();
    expect(normalizeDate({})).toBeNull();
    expect(normalizeDate("12345")).toBeNull();
  });
});

describe("dateFromUrl", () => {
  it("finds /yyyy/mm/dd/ and yyyy-mm-dd in the path", () => {
    expect(dateFromUrl("https://example.com/world/2022/02/26/some-story")).toBe("2022-02-26");
    expect(dateFromUrl("https://example.com/news/2022/3/7/some-story?x=1")).toBe("2022-03-07");
    expect(dateFromUrl("https://example.com/world/turkey-urges-stop-2022-02-26/")).toBe("2022-02-26");
  });

  it("ignores numbers that are not a date, and the query string", () => {
    expect(dateFromUrl("https://example.com/news/40159149/top-story")).toBeNull();
    expect(dateFromUrl("https://example.com/material/149785")).toBeNull();
    expect(dateFromUrl("https://example.com/story?date=2022-02-26")).toBeNull();
    expect(dateFromUrl("https://example.com/2022/13/45/x")).toBeNull();
    expect(dateFromUrl(null)).toBeNull();
  });
});
