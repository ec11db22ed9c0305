import { describe, expect, it } from "vitest";
import { decodeBytes, decodeWindows1252, firstInvalidUtf8, looksBinary } from "./decode.js";

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));

describe("decodeBytes", () => {
  it("decodes UTF-8 strictly and names the offset of a bad byte", () => {
    expect(decodeBytes(utf8("Çavuşoğlu said."), "text")).toMatchObject({ ok: true, text: "Çavuşoğlu said." });
    const bad = new Uint8Array([...utf8("abc "), 0xc3, 0x28, ...utf8(" def")]);
    const r = decodeBytes(bad, "text");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe("E_ENCODING");
      expect(r.reason).toContain("byte offset 4");
    }
  });

  it("uses the BOM: UTF-8 stripped, UTF-16 LE and BE decoded", () => {
    expect(decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("Hi")]), "text")).toMatchObject({ ok: true, text: "Hi" });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Talks resumed.", "utf16le")]);
    expect(decodeBytes(le, "text")).toMatchObject({ ok: true, text: "Talks resumed." });
    const be = Buffer.from(Buffer.from("Talks resumed.", "utf16le")).swap16();
    expect(decodeBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), "text")).toMatchObject({ ok: true, text: "Talks resumed." });
  });

  it("follows a declared charset in HTML and XML, not in plain text", () => {
    const page = Buffer.concat([Buffer.from('<meta charset="iso-8859-2"><p>'), Buffer.from([0xb3, 0xf3, 0x64, 0xbc])]);
    expect(decodeBytes(page, "html")).toMatchObject({ ok: true, charset: "iso-8859-2" });
    expect((decodeBytes(page, "html") as { text: string }).text.endsWith("łódź")).toBe(true);
    const xml = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="windows-1252"?><rss>'), Buffer.from([0x93, 0x41, 0x94])]);
    expect((decodeBytes(xml, "xml") as { text: string }).text.endsWith("“A”")).toBe(true);
    expect(decodeBytes(page, "text").ok).toBe(false); // plain text: strict UTF-8
    const unknown = Buffer.from('<meta charset="x-no-such-charset"><p>hello</p>');
    expect(decodeBytes(unknown, "html")).toMatchObject({ ok: false, code: "E_ENCODING" });
  });

  it("detects binary content", () => {
    expect(looksBinary(new Uint8Array([0x41, 0x00, 0x42]))).toBe(true);
    expect(looksBinary(new Uint8Array(Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41))))).toBe(true);
    expect(looksBinary(utf8("Plain text\twith tabs\r\nand lines.\f"))).toBe(false);
    expect(decodeBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]), "text")).toMatchObject({ ok: false, code: "E_BINARY" });
  });
});

describe("firstInvalidUtf8", () => {
  it("accepts valid sequences and points at the first bad one", () => {
    expect(firstInvalidUtf8(utf8("a é € 𝄞"))).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xe9, 0x62]))).toBe(1); // Latin-1 é
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xc0, 0xaf]))).toBe(1); // overlong
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0); // surrogate
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0x62, 0xe2, 0x82]))).toBe(2); // truncated
  });
});

describe("decodeWindows1252", () => {
  it("maps 0x80–0x9F through the windows-1252 table", () => {
    expect(decodeWindows1252(new Uint8Array([0x80, 0x93, 0x94, 0x96, 0xe9]))).toBe("€“”–é");
  });
});
