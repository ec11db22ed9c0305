/** Hand-made analysed articles for the store and CLI tests (independent of the extractors). */
import type { ArticleRecord, TextSpan } from "../src/core/types.js";
import type { SaveArticleInput } from "../src/store/port.js";

/** The span of the n-th occurrence of `needle` in `text` (throws when absent: a broken fixture). */
export function sp(text: string, needle: string, nth = 0): TextSpan {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`fixture: "${needle}" #${nth} not in text`);
  }
  return { start: at, end: at + needle.length, text: needle };
}

export const TEXT_A = [
  "Turkish Foreign Minister Mevlüt Çavuşoğlu spoke by phone with Russian Foreign Minister Sergey Lavrov on Sunday.",
  "At least 368,000 Ukrainians have fled the country, the UN Refugee Agency said.",
  "\"We are ready to help,\" Çavuşoğlu said.",
  "Presidential spokesman İbrahim Kalın said that Ankara would keep working for peace.",
].join("\n");

export const TEXT_B = [
  "Cavusoglu meets Kuleba in Antalya",
  "Former Turkish foreign minister Mevlut Cavusoglu met Ukrainian Foreign Minister Dmytro Kuleba in Antalya on Friday.",
  "Kuleba said Kyiv was grateful for the talks.",
].join("\n");

export function recordA(): ArticleRecord {
  const t = TEXT_A;
  return {
    id: "art-a",
    url: "https://example.org/a",
    outlet: "Example Wire",
    title: "Cavusoglu and Lavrov talk by phone",
    published: "2022-02-28",
    published_inferred: false,
    published_evidence: null,
    published_rule: "metadata",
    story: null,
    persons: [
      {
        name: "Mevlüt Çavuşoğlu", aliases: ["Çavuşoğlu"], role: "Foreign Minister", country: "TUR",
        role_inferred: false, country_inferred: false,
        role_evidence: sp(t, "Foreign Minister"), country_evidence: sp(t, "Turkish"),
        mentions: [sp(t, "Mevlüt Çavuşoğlu"), sp(t, "Çavuşoğlu", 1)],
      },
      {
        name: "Sergey Lavrov", aliases: ["Lavrov"], role: "Foreign Minister", country: "RUS",
        role_inferred: false, country_inferred: false,
        role_evidence: sp(t, "Foreign Minister", 1), country_evidence: sp(t, "Russian"),
        mentions: [sp(t, "Sergey Lavrov")],
      },
      {
        name: "İbrahim Kalın", aliases: ["Kalın"], role: "spokesman", country: "TUR",
        role_evidence: sp(t, "spokesman"), country_evidence: null, country_inferred: true, role_inferred: false,
        mentions: [sp(t, "İbrahim Kalın")],
      },
    ],
    organizations: [{ name: "UN Refugee Agency", aliases: ["UNHCR"], actor: "UNHCR", mentions: [sp(t, "UN Refugee Agency")] }],
    places: [{ name: "Ankara", country: "TUR", lat: 39.93, lon: 32.86, mentions: [sp(t, "Ankara")] }],
    events: [
      {
        type: "CONSULT", mode: "phone",
        source: { person: "Mevlüt Çavuşoğlu", actor: "TUR" },
        target: { person: "Sergey Lavrov", actor: "RUS" },
        date: "2022-02-27",
        evidence: "Mevlüt Çavuşoğlu spoke by phone with Russian Foreign Minister Sergey Lavrov",
        span: sp(t, "Mevlüt Çavuşoğlu spoke by phone with Russian Foreign Minister Sergey Lavrov"),
        rule: "consult.phone", realis: "asserted",
      },
    ],
    figures: [
      {
        what: "people who fled Ukraine", value: 368000, value_max: null, qualifier: "at least", unit: "people",
        category: "displaced", as_of: "2022-02-28", attributed_to: "UN Refugee Agency",
        rule: "figure.count", evidence: "At least 368,000 Ukrainians have fled the country",
        span: sp(t, "At least 368,000 Ukrainians have fled the country"),
      },
    ],
    quotes: [
      { speaker: "Mevlüt Çavuşoğlu", direct: true, text: "We are ready to help", span: sp(t, "We are ready to help"), rule: "quote.direct" },
      {
        speaker: "İbrahim Kalın", direct: false, text: "Ankara would keep working for peace",
        span: sp(t, "Ankara would keep working for peace"), rule: "quote.reported",
      },
    ],
  };
}

export function recordB(): ArticleRecord {
  const t = TEXT_B;
  return {
    id: "art-b",
    url: null,
    outlet: "Other Daily",
    title: null,
    published: "2023-03-10",
    published_inferred: true,
    published_evidence: sp(t, "Friday"),
    published_rule: "text",
    story: null,
    persons: [
      {
        name: "Mevlut Cavusoglu", aliases: ["Cavusoglu"], role: "former Foreign Minister", country: "TUR",
        role_evidence: sp(t, "Former Turkish foreign minister"), country_evidence: sp(t, "Turkish"),
        mentions: [sp(t, "Cavusoglu"), sp(t, "Mevlut Cavusoglu")],
      },
      {
        name: "Dmytro Kuleba", aliases: ["Kuleba"], role: "Foreign Minister", country: "UKR",
        role_evidence: null, country_evidence: null,
        mentions: [sp(t, "Kuleba"), sp(t, "Dmytro Kuleba"), sp(t, "Kuleba", 2)],
      },
    ],
    organizations: [],
    places: [{ name: "Antalya", country: "TUR", lat: null, lon: null, mentions: [sp(t, "Antalya"), sp(t, "Antalya", 1)] }],
    events: [
      {
        type: "CONSULT", mode: "meeting",
        source: { person: "Mevlut Cavusoglu", actor: "TUR" },
        target: { person: "Dmytro Kuleba", actor: "UKR" },
        date: "2023-03-10",
        evidence: "Mevlut Cavusoglu met Ukrainian Foreign Minister Dmytro Kuleba",
        span: sp(t, "Mevlut Cavusoglu met Ukrainian Foreign Minister Dmytro Kuleba"),
        rule: "consult.meet", realis: "asserted",
      },
      {
        type: "ASSAULT",
        source: { person: null, actor: null, group: "Wagner" },
        target: { person: null, actor: "UKR" },
        date: null,
        evidence: "Kyiv",
        span: sp(t, "Kyiv"),
        rule: "test.assault", realis: "asserted",
      },
    ],
    figures: [],
    quotes: [{ speaker: "Dmytro Kuleba", direct: false, text: "Kyiv was grateful for the talks", span: sp(t, "Kyiv was grateful for the talks"), rule: "quote.reported" }],
  };
}

export function input(record: ArticleRecord, text: string, story: string | null = null): SaveArticleInput {
  return {
    record: { ...record, story },
    text,
    origin: `${record.id}.txt`,
    story: story ? { id: story, opened: true, title: record.title ?? text.split("\n")[0]!, reason: "test" } : null,
  };
}
