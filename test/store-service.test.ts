/** The ingest service over the SQLite store: counts, errors, idempotence, story state across runs. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InputError } from "../src/core/errors.js";
import type { Article } from "../src/core/types.js";
import { ingestArticles, loadStoryIndex, STORY_STATE } from "../src/service.js";
import type { Store } from "../src/store/port.js";
import { SqliteStore } from "../src/store/sqlite/index.js";
import { TEXT_A, TEXT_B } from "./store.fixture.js";

const art = (id: string, text: string, published: string | null = "2022-02-28", title: string | null = null): Article => ({
  id, text, title, url: null, outlet: null, published, origin: `${id}.txt`,
});

const TEXT_C = "Floods in the north of the country have forced thousands of families from their homes, officials said on Tuesday.\nRescue teams reached three villages cut off by the water.";

let store: SqliteStore;
beforeEach(async () => {
  store = new SqliteStore(":memory:");
  await store.migrate();
});
afterEach(() => store.close());

describe("ingestArticles", () => {
  it("counts inserted, unchanged and failed, and reports each failure", async () => {
    const errors: string[] = [];
    const outcomes: string[] = [];
    const items = [art("a", TEXT_A), new InputError("bad.json:3", "malformed JSON", "E_JSON"), art("b", TEXT_B), art("a2", TEXT_A)];
    const counts = await ingestArticles(store, items, { onError: (e) => errors.push(e.message), onArticle: (id, r) => outcomes.push(`${id}:${r}`) });
    expect(counts).toEqual({ read: 3, inserted: 2, unchanged: 1, failed: 1 });
    expect(errors).toEqual(["bad.json:3: malformed JSON"]);
    expect(outcomes).toEqual(["a:inserted", "b:inserted", "a2:unchanged"]);
    const again = await ingestArticles(store, [art("a", TEXT_A), art("b", TEXT_B)]);
    expect(again).toEqual({ read: 2, inserted: 0, unchanged: 2, failed: 0 });
  });

  it("a store failure on one article fails that article only", async () => {
    const flaky = new Proxy(store, {
      get(target, prop, recv) {
        if (prop === "saveArticle") {
          return async (input: Parameters<Store["saveArticle"]>[0]) => {
            if (input.record.id === "b") throw new Error("disk full");
            return target.saveArticle(input);
          };
        }
        const v = Reflect.get(target, prop, recv);
        return typeof v === "function" ? v.bind(target) : v;
      },
    }) as Store;
    const errors: string[] = [];
    const counts = await ingestArticles(flaky, [art("a", TEXT_A), art("b", TEXT_B), art("c", TEXT_C)], { onError: (e) => errors.push(e.message) });
    expect(counts).toEqual({ read: 3, inserted: 2, unchanged: 0, failed: 1 });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^b\.txt: could not ingest article b: disk full/);
    expect((await store.listArticles()).map((a) => a.id).sort()).toEqual(["a", "c"]);
  });

  it("stores every article with a story, and keeps story counts consistent", async () => {
    await ingestArticles(store, [art("a", TEXT_A), art("b", TEXT_B, "2023-03-10"), art("c", TEXT_C, "2021-07-01")]);
    const arts = await store.listArticles();
    expect(arts.every((a) => a.story !== null)).toBe(true);
    const stories = await store.listStories();
    expect(stories.reduce((n, s) => n + s.article_count, 0)).toBe(3);
    for (const s of stories) expect((await store.getStory(s.id))!.articles.length).toBe(s.article_count);
  });
});

describe("story state across runs", () => {
  it("is saved after a run and seeds the next, so story ids are never reused", async () => {
    await ingestArticles(store, [art("a", TEXT_A, "2022-02-28", "Talks by phone")]);
    const state = await store.getState(STORY_STATE);
    expect(state).not.toBeNull();
    expect((await loadStoryIndex(store)).size).toBe(1);
    // a second run: an unrelated article with the same title and date would get the same
    // story id from a fresh index; the seeded index knows the id is taken
    await ingestArticles(store, [art("c", TEXT_C, "2022-02-28", "Talks by phone")]);
    const stories = await store.listStories();
    expect(stories.reduce((n, s) => n + s.article_count, 0)).toBe(2);
    const storyOf = async (id: string) => (await store.getArticle(id))!.article.story;
    if ((await storyOf("a")) === (await storyOf("c"))) {
      // joined on purpose: then the index must have said so
      expect(stories).toHaveLength(1);
    } else {
      expect(stories).toHaveLength(2);
    }
    expect((await loadStoryIndex(store)).size).toBe(stories.length);
    // the saved index knows every stored article, in the story the store has it in
    const saved = JSON.parse((await store.getState(STORY_STATE))!) as { stories: Array<{ id: string; members: Array<{ id: string }> }> };
    const member = new Map(saved.stories.flatMap((st) => st.members.map((m) => [m.id, st.id] as const)));
    for (const id of ["a", "c"]) expect(member.get(id), id).toBe(await storyOf(id));
  });

  it("starts afresh when the saved state is unreadable", async () => {
    await store.setState(STORY_STATE, '{"version": 999}');
    expect((await loadStoryIndex(store)).size).toBe(0);
    await store.setState(STORY_STATE, "not json");
    const counts = await ingestArticles(store, [art("a", TEXT_A)]);
    expect(counts.inserted).toBe(1);
  });
});
