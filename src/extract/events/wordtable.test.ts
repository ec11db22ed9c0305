import { describe, expect, it } from "vitest";
import { lowerId, wordId, wordText } from "../../text/words.js";
import { WordTable } from "./wordtable.js";

/** the id of `w` and the text of its lower case, as tokenTexts gives them */
function word(w: string): [number, string] {
  const id = wordId(w, 0, w.length);
  return [id, wordText(lowerId(id))];
}

describe("WordTable", () => {
  const map = new Map([
    ["talks", 1],
    ["attacked", 2],
  ]);

  it("answers as the Map for the lower case of each word, first sight or not", () => {
    const table = new WordTable(map);
    const ws = ["talks", "Talks", "TALKS", "attacked", "Attacked", "the", "The", "attack", "talk", "", "talks"];
    // (as a document's tokens: the ids are given before fit())
    const ids = ws.map(word);
    for (let round = 0; round < 2; round++) {
      table.fit();
      ws.forEach((w, i) => expect(table.get(...ids[i]!)).toBe(map.get(w.toLowerCase())));
    }
  });

  it("gives nothing for words not in the Map, nor for any word of an empty Map", () => {
    const peace = word("peace");
    const talks = word("talks");
    const table = new WordTable(map);
    table.fit();
    expect(table.get(...peace)).toBeUndefined();
    const none = new WordTable(new Map<string, number>());
    none.fit();
    expect(none.get(...talks)).toBeUndefined();
  });

  it("takes words given ids after an earlier fit() at the next fit()", () => {
    const attacked = word("attacked");
    const table = new WordTable(map);
    table.fit();
    expect(table.get(...attacked)).toBe(2);
    // ids given later, beyond the room of the first fit
    for (let i = 0; i < 5000; i++) wordId(`wordtable-test-${i}`, 0, `wordtable-test-${i}`.length);
    const late = word("wordtable-test-4999");
    const talks = word("TALKS");
    table.fit();
    expect(table.get(...late)).toBeUndefined();
    expect(table.get(...talks)).toBe(1);
    expect(table.get(...attacked)).toBe(2);
  });
});
