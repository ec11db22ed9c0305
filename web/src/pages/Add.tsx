import { useState } from "preact/hooks";
import { enc } from "../api.js";
import { useApi } from "../hooks.js";
import { Empty, Status } from "../ui.js";

interface WriteResult {
  counts: { read: number; inserted: number; unchanged: number; failed: number };
  articles: Array<{ id: string; result: string }>;
  errors: Array<{ origin: string; code: string; message: string }>;
}

interface ErrorBody {
  error?: { message?: string };
}

/** Adds articles through POST /api/articles: pasted text (with URL and date) or an uploaded HTML/RSS/text file. */
export function AddPage() {
  const health = useApi<{ writes: boolean }>("health");
  const [text, setText] = useState("");
  const [url, setUrl] = useState("");
  const [date, setDate] = useState("");
  const [title, setTitle] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<WriteResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      let res: Response;
      if (file) {
        const form = new FormData();
        form.append("file", file, file.name);
        res = await fetch("/api/articles", { method: "POST", body: form });
      } else {
        const body: Record<string, string> = { text };
        if (url.trim()) body.url = url.trim();
        if (date.trim()) body.date = date.trim();
        if (title.trim()) body.title = title.trim();
        res = await fetch("/api/articles", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      }
      const json = (await res.json().catch(() => null)) as (WriteResult & ErrorBody) | null;
      if (!res.ok) setError(json?.error?.message ?? `HTTP ${res.status}`);
      else setResult(json);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <div class="page-head">
        <h1>Add articles</h1>
        <p class="sub">Runs the same pipeline as <code>eventwire ingest</code>: paste a text, or upload an HTML page, an RSS/Atom feed or a text file.</p>
      </div>
      <Status state={health}>
        {(h) =>
          !h.writes ? (
            <Empty>
              Adding articles is off. Start the server with <code>npx eventwire serve --allow-writes</code>.
            </Empty>
          ) : (
            <form class="card add-form" onSubmit={submit} data-testid="add-form">
              <label>
                Text
                <textarea rows={10} value={text} disabled={!!file} maxLength={200_000} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
              </label>
              <div class="row">
                <label>
                  Title <input type="text" value={title} disabled={!!file} maxLength={500} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
                </label>
                <label>
                  URL <input type="url" value={url} disabled={!!file} maxLength={2000} onInput={(e) => setUrl((e.target as HTMLInputElement).value)} />
                </label>
                <label>
                  Date <input type="text" placeholder="YYYY-MM-DD" value={date} disabled={!!file} maxLength={10} onInput={(e) => setDate((e.target as HTMLInputElement).value)} />
                </label>
              </div>
              <label>
                or a file (HTML, RSS/Atom, text)
                <input type="file" accept=".html,.htm,.xml,.rss,.atom,.txt,.json,.jsonl" onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)} />
              </label>
              <button type="submit" class="primary" disabled={busy || (!file && !text.trim())}>
                {busy ? "Analysing…" : "Add"}
              </button>
              {error ? <div class="error" role="alert">{error}</div> : null}
              {result ? (
                <div class="result" data-testid="add-result">
                  <p>
                    {result.counts.inserted} added, {result.counts.unchanged} already there{result.counts.failed ? `, ${result.counts.failed} failed` : ""}.
                  </p>
                  <ul class="plain">
                    {result.articles.map((a) => (
                      <li key={a.id}>
                        <a href={`#/article/${enc(a.id)}`}>article {a.id}</a> <span class="muted">({a.result})</span>
                      </li>
                    ))}
                    {result.errors.map((x, i) => (
                      <li key={`e${i}`} class="muted">
                        {x.origin}: {x.message}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </form>
          )
        }
      </Status>
    </section>
  );
}
