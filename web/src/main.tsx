import { render, type ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { go, useRoute } from "./hooks.js";
import { AddPage } from "./pages/Add.js";
import { ArticlePage, ArticlesPage } from "./pages/Article.js";
import { PersonPage } from "./pages/Person.js";
import { SearchPage } from "./pages/Search.js";
import { StoriesPage, StoryPage } from "./pages/Stories.js";
import { namesReady } from "./ui.js";
import "./style.css";

/** A page loaded on first use (the graph, chart and map libraries stay out of the first download). */
function lazy<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  return function Lazy(props: P) {
    const [C, setC] = useState<ComponentType<P> | null>(() => loaded);
    const [error, setError] = useState<string | null>(null);
    useEffect(() => {
      if (!C) load().then((c) => setC(() => (loaded = c)), (e: Error) => setError(e.message));
    }, []);
    if (error) return <div class="error">Could not load the page: {error}</div>;
    return C ? <C {...props} /> : <div class="loading">Loading…</div>;
  };
}

const NetworkPage = lazy(() => import("./pages/Network.js").then((m) => m.NetworkPage));
const FiguresPage = lazy(() => import("./pages/Figures.js").then((m) => m.FiguresPage));
const MapPage = lazy(() => import("./pages/Map.js").then((m) => m.MapPage));

const NAV: Array<[string, string]> = [
  ["stories", "Stories"],
  ["network", "Actors"],
  ["figures", "Figures"],
  ["map", "Map"],
  ["articles", "Articles"],
  ["add", "Add"],
];

function SearchBox({ initial }: { initial: string }) {
  const [q, setQ] = useState(initial);
  return (
    <form
      class="search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        if (q.trim()) go(`#/search?q=${encodeURIComponent(q.trim())}`);
      }}
    >
      <input
        type="search"
        name="q"
        placeholder="Search articles and names…"
        aria-label="Search"
        maxLength={200}
        value={q}
        onInput={(e) => setQ((e.target as HTMLInputElement).value)}
      />
    </form>
  );
}

function App() {
  const route = useRoute();
  const active = route.page === "story" ? "stories" : route.page === "person" ? "network" : route.page === "article" ? "articles" : route.page;
  let page;
  switch (route.page) {
    case "story":
      page = <StoryPage id={route.arg ?? ""} />;
      break;
    case "network":
      page = <NetworkPage query={route.query} />;
      break;
    case "person":
      page = <PersonPage name={route.arg ?? ""} />;
      break;
    case "figures":
      page = <FiguresPage />;
      break;
    case "map":
      page = <MapPage />;
      break;
    case "articles":
      page = <ArticlesPage />;
      break;
    case "article":
      page = <ArticlePage id={route.arg ?? ""} highlight={route.query.get("hl")} />;
      break;
    case "add":
      page = <AddPage />;
      break;
    case "search":
      page = <SearchPage q={route.query.get("q") ?? ""} />;
      break;
    default:
      page = <StoriesPage />;
  }
  return (
    <>
      <header class="top">
        <a class="brand" href="#/stories">
          <span class="brand-mark" aria-hidden="true" />
          eventwire
        </a>
        <nav>
          {NAV.map(([k, label]) => (
            <a href={`#/${k}`} class={active === k ? "active" : ""} key={k}>
              {label}
            </a>
          ))}
        </nav>
        <SearchBox initial={route.page === "search" ? route.query.get("q") ?? "" : ""} key={route.page === "search" ? route.query.get("q") : "x"} />
      </header>
      <main>{page}</main>
    </>
  );
}

namesReady.finally(() => render(<App />, document.getElementById("app")!));
