import { useEffect, useState } from "preact/hooks";
import { api } from "./api.js";

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

/** Loads an API path; reloads when the path or params change. */
export function useApi<T>(path: string | null, params: Record<string, string | number | undefined | null> = {}): Loaded<T> {
  const key = path === null ? null : `${path}?${JSON.stringify(params)}`;
  const [state, setState] = useState<Loaded<T> & { path?: string | null }>({ data: null, error: null, loading: true });
  useEffect(() => {
    if (key === null || path === null) return;
    let live = true;
    // another resource: show nothing stale; the same one with other filters: keep it while loading
    setState((s) => ({ data: s.path === path ? s.data : null, error: null, loading: true, path }));
    api<T>(path, params).then(
      (data) => live && setState({ data, error: null, loading: false, path }),
      (e: Error) => live && setState({ data: null, error: e.message, loading: false, path }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return state;
}

export interface Route {
  page: string;
  arg: string | null;
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const h = hash.replace(/^#\/?/, "");
  const [path = "", qs = ""] = h.split("?", 2);
  const [page = "", ...rest] = path.split("/");
  return { page: page || "stories", arg: rest.length ? decodeURIComponent(rest.join("/")) : null, query: new URLSearchParams(qs) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = () => {
      setRoute(parseHash(location.hash));
      window.scrollTo(0, 0);
    };
    window.addEventListener("hashchange", on);
    return () => window.removeEventListener("hashchange", on);
  }, []);
  return route;
}

export function go(hash: string): void {
  location.hash = hash;
}
