import { describe, expect, it } from "vitest";
import { analyzeLayout } from "./layout.js";

const BODY = "The minister said on Monday that talks would continue next week in the capital.\nA second paragraph follows here.";

function body(text: string, title: string | null = null): { head: string; body: string; tail: string; title: string | null } {
  const l = analyzeLayout(text, title);
  return { head: text.slice(0, l.bodyStart), body: text.slice(l.bodyStart, l.bodyEnd), tail: text.slice(l.bodyEnd), title: l.title };
}

describe("headlines", () => {
  it("takes a short first line without final punctuation as the title", () => {
    const r = body(`Ministers agree to resume talks\n${BODY}`);
    expect(r.title).toBe("Ministers agree to resume talks");
    expect(r.body).toBe(BODY);
  });

  it("accepts headlines with quotes, colons inside and blank lines after", () => {
    expect(body(`In pictures: floods hit the north\n\n${BODY}`).title).toBe("In pictures: floods hit the north");
    expect(body(`PM to seek 'fresh mandate' in snap vote\n${BODY}`).title).toBe("PM to seek 'fresh mandate' in snap vote");
  });

  it("does not take a sentence, a dateline, a lower-case fragment or a lone line as a title", () => {
    expect(body(`The minister said talks would continue.\n${BODY}`).title).toBeNull();
    expect(body(`“We will not give up,” the mayor said.\n${BODY}`).title).toBeNull();
    expect(body(`NAIROBI, Kenya —\n${BODY}`).title).toBeNull();
    expect(body(`and then the talks resumed\n${BODY}`).title).toBeNull();
    // a parenthesis that is not a credit leaves a headline a headline
    expect(body(`Talks resume in Geneva (update)\n${BODY}`).title).toBe("Talks resume in Geneva (update)");
    expect(body("Ministers agree to resume talks").title).toBeNull(); // nothing follows: it is the body
    const r = body(`The minister said talks would continue.\n${BODY}`);
    expect(r.head).toBe("");
  });

  it("with a title from metadata, the first line is a headline only when it repeats it", () => {
    const text = `Ministers  agree to resume talks\n${BODY}`;
    expect(body(text, "Ministers agree to resume talks").body).toBe(BODY);
    const other = body(text, "A different title");
    expect(other.title).toBeNull();
    expect(other.head).toBe("");
  });
});

describe("captions and bylines", () => {
  it("skips photo captions with credits or a place and date", () => {
    for (const cap of [
      "Protesters gather outside parliament in the capital (Photo: AA)",
      "A rescue worker searches the rubble. (AFP Photo)",
      "Soldiers patrol the border area (Reuters/Jane Doe)",
      "Delegates arrive for the summit, Addis Ababa, Feb. 9, 2024.",
      "Firefighters work at the site, Lyon, 3 March 2023",
      "Residents queue for water. Photo: John Smith",
      "Rescue teams search for survivors in the flooded district (AA)",
    ]) {
      const r = body(`${cap}\n${BODY}`);
      expect(r.body, cap).toBe(BODY);
      expect(r.title, cap).toBeNull();
    }
  });

  it("skips a title, then a caption, then a byline", () => {
    const text = `Floods hit the north\nA man wades through water in the town, Ghent, July 15, 2021. (AP Photo)\n\nBy Ann Example and Bo Sample\n${BODY}`;
    const r = body(text);
    expect(r.title).toBe("Floods hit the north");
    expect(r.body).toBe(BODY);
  });

  it("does not take a lead sentence that ends with a date, or that mentions a photo, as a caption", () => {
    expect(body(`Russia invaded Ukraine on Thursday, Feb. 24, 2022.\n${BODY}`).head).toBe("");
    expect(body(`The agency released a photo of the damaged bridge on Monday.\n${BODY}`).head).toBe("");
    expect(body(`By Friday the roads had reopened.\n${BODY}`).head).toBe("");
  });
});

describe("signatures", () => {
  it("cuts agency tails after the last sentence", () => {
    for (const [tail, end] of [
      [" (VK)", ""],
      [" (AA)", ""],
      [" (ANI)", ""],
      [" (VK/AA)", ""],
      [" — Reuters", ""],
      [" -- AP", ""],
    ] as const) {
      const text = `${BODY} The talks will resume in May.${tail}${end}`;
      const r = body(text);
      expect(r.tail, tail).toBe(tail);
      expect(r.body.endsWith("resume in May.")).toBe(true);
    }
  });

  it("cuts whole sign-off lines", () => {
    for (const line of ["(with agency inputs)", "Reporting by Jane Doe; Editing by John Roe", "More coverage to follow", "— AFP", "(AFP)"]) {
      const r = body(`${BODY}\n${line}\n`);
      expect(r.body, line).toBe(BODY);
      expect(r.tail.trim(), line).toBe(line);
    }
  });

  it("keeps parentheses and dashes that belong to the text", () => {
    for (const end of [
      "according to the World Health Organization (WHO).",
      "the mission said (in a statement).",
      "said the spokesman — calmly.",
      "a date was set — May 4.",
    ]) {
      const text = `${BODY} It was confirmed, ${end}`;
      expect(body(text).tail, end).toBe("");
    }
    // a last line that is a short sentence is not a sign-off
    expect(body(`${BODY}\nThe talks will resume in May.`).tail).toBe("");
  });

  it("never goes past the text and trims trailing whitespace", () => {
    const text = `${BODY}\n\n  \n`;
    const l = analyzeLayout(text);
    expect(text.slice(0, l.bodyEnd)).toBe(BODY);
    const empty = analyzeLayout("");
    expect(empty).toEqual({ title: null, bodyStart: 0, bodyEnd: 0 });
    const only = analyzeLayout("(AFP)");
    expect(only.bodyStart).toBeLessThanOrEqual(only.bodyEnd);
  });
});
