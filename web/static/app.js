// The chat page. Plain ES module, no build step. Everything that comes from the server or the user is
// put in the page with textContent or as attribute values, never parsed as HTML.

const STORE_KEY = "pni-chat-v1";
const $ = (id) => document.getElementById(id);

/** @type {{question: string, answer: object|null, error: string|null}[]} */
let turns = load();
let busy = false;

function load() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORE_KEY) || "[]");
    return Array.isArray(saved) ? saved.filter((t) => t && typeof t.question === "string") : [];
  } catch {
    return [];
  }
}

function save() {
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify(turns.map(({ question, answer, error }) => ({ question, answer, error }))));
  } catch {
    // storage full or disabled: the chat still works, it just won't survive a reload
  }
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function where(c) {
  return [c.org, c.year, c.page ? `p. ${c.page}` : null, c.paragraph ? `para. ${c.paragraph}` : null]
    .filter(Boolean)
    .join(", ");
}

function sourceLine(c) {
  return `[${c.n}] ${c.title}${c.section ? " — " + c.section : ""}${where(c) ? " (" + where(c) + ")" : ""}`;
}

// -- rendering --------------------------------------------------------------------------------------

/** The answer text with each [n] as a button that opens passage n. */
function answerBody(text, citations) {
  const byN = new Map((citations || []).map((c) => [c.n, c]));
  const body = el("div", { class: "answer-text" });
  const parts = text.split(/(\[\d+\])/);
  for (const part of parts) {
    const m = /^\[(\d+)\]$/.exec(part);
    const c = m && byN.get(Number(m[1]));
    if (c) {
      body.append(
        el("button", {
          type: "button",
          class: "chip",
          text: String(c.n),
          "aria-label": `Source ${c.n}: ${c.org || ""} ${c.year || ""} ${c.section || c.title}`.trim(),
          onclick: () => showPassage(c),
        }),
      );
    } else if (part) {
      body.append(document.createTextNode(part));
    }
  }
  return body;
}

function renderTurn(turn, index) {
  const item = el("li", { class: "turn" });
  item.append(el("div", { class: "question", text: turn.question }));
  if (turn.error) {
    item.append(
      el(
        "div",
        { class: "error", role: "alert" },
        el("p", { text: turn.error }),
        el("button", { type: "button", class: "retry", text: "Retry", onclick: () => retry(index) }),
      ),
    );
    return item;
  }
  const a = turn.answer;
  if (!a) return item;
  const box = el("article", { class: a.abstained ? "answer abstained" : "answer", "aria-label": "Answer" });
  if (a.abstained) box.append(el("p", { class: "badge", text: "Not in the reports" }));
  box.append(answerBody(a.answer || "", a.citations));
  if (a.query && a.query !== turn.question) box.append(el("p", { class: "meta", text: `Searched as: ${a.query}` }));
  for (const w of a.warnings || []) box.append(el("p", { class: "warning", text: w }));
  if (a.citations && a.citations.length) {
    const list = el("ol", { class: "sources", "aria-label": "Sources" });
    for (const c of a.citations) {
      list.append(
        el(
          "li",
          {},
          el("button", {
            type: "button",
            class: "source",
            title: c.title,
            text: `[${c.n}] ${c.section || c.title}${where(c) ? " (" + where(c) + ")" : ""}`,
            onclick: () => showPassage(c),
          }),
        ),
      );
    }
    box.append(list);
  }
  if (!a.abstained) {
    const copy = el("button", { type: "button", class: "ghost copy", text: "Copy answer" });
    copy.addEventListener("click", () => copyAnswer(a, copy));
    box.append(copy);
  }
  item.append(box);
  return item;
}

function render() {
  const list = $("conversation");
  list.replaceChildren(...turns.map(renderTurn));
  $("empty").hidden = turns.length > 0;
}

// -- asking -----------------------------------------------------------------------------------------

function historyBefore(index) {
  const history = [];
  for (const t of turns.slice(0, index)) {
    if (!t.answer) continue;
    history.push({ role: "user", content: t.question });
    history.push({ role: "assistant", content: t.answer.answer });
  }
  return history.slice(-20);
}

async function ask(question) {
  turns.push({ question, answer: null, error: null });
  render();
  await answer(turns.length - 1);
}

async function retry(index) {
  turns[index].error = null;
  render();
  await answer(index);
}

/** Stream the answer of turn ``index`` into the page. */
async function answer(index) {
  busy = true;
  $("send").disabled = true;
  const turn = turns[index];
  const item = $("conversation").children[index];
  const box = el("article", { class: "answer streaming", "aria-label": "Answer", "aria-busy": "true" });
  const text = el("div", { class: "answer-text", "aria-live": "polite", text: "" });
  box.append(text);
  item.append(box);
  item.scrollIntoView({ block: "end" });
  let deltas = 0;
  try {
    const response = await fetch("/api/ask/stream", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ question: turn.question, history: historyBefore(index) }),
    });
    if (!response.ok) {
      let message = `The server answered ${response.status}.`;
      try {
        const body = await response.json();
        if (body && body.error) message = typeof body.error === "string" ? body.error : JSON.stringify(body.error);
      } catch {}
      throw new Error(message);
    }
    let done = null;
    for await (const [event, data] of sseEvents(response)) {
      if (event === "delta") {
        deltas += 1;
        text.textContent += data.text;
        box.dataset.deltas = String(deltas);
      } else if (event === "done") {
        done = data;
      } else if (event === "error") {
        throw new Error(data.error || "The server failed while answering.");
      }
    }
    if (!done) throw new Error("The answer was cut off before it was complete.");
    turn.answer = done;
  } catch (err) {
    turn.error =
      err instanceof TypeError
        ? "Cannot reach the server. Check that `pni serve` is running, then retry."
        : `Something went wrong: ${err.message}`;
  }
  save();
  const fresh = renderTurn(turn, index);
  fresh.querySelector(".answer")?.setAttribute("data-deltas", String(deltas));
  item.replaceWith(fresh);
  $("live").textContent = turn.error || (turn.answer.abstained ? "Not in the reports. " : "Answer: ") + (turn.answer?.answer || "");
  busy = false;
  $("send").disabled = false;
  fresh.scrollIntoView({ block: "nearest" });
}

/** Parse a text/event-stream response body into [event, data] pairs. */
async function* sseEvents(response) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, "\n");
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let event = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
      }
      if (data.length) yield [event, JSON.parse(data.join("\n"))];
    }
  }
}

async function copyAnswer(a, button) {
  const plain = a.answer + (a.citations.length ? "\n\nSources:\n" + a.citations.map(sourceLine).join("\n") : "");
  try {
    await navigator.clipboard.writeText(plain);
    button.textContent = "Copied";
  } catch {
    button.textContent = "Copy failed: select the text instead";
  }
  setTimeout(() => (button.textContent = "Copy answer"), 2000);
}

// -- passages and documents -------------------------------------------------------------------------

function showPassage(c) {
  $("passage-title").textContent = c.title;
  $("passage-meta").textContent = [c.section, where(c)].filter(Boolean).join(" · ");
  $("passage-text").textContent = c.text;
  $("passage-open").setAttribute("href", `#doc/${encodeURIComponent(c.doc_id)}/${c.start}/${c.end}`);
  $("passage").showModal();
}

async function showDocument(docId, start, end) {
  $("chat-view").hidden = true;
  $("ask-form").hidden = true;
  $("doc-view").hidden = false;
  $("doc-title").textContent = "Loading the document…";
  $("doc-meta").textContent = "";
  $("doc-text").replaceChildren();
  try {
    const response = await fetch(`/api/documents/${encodeURIComponent(docId)}`);
    const doc = await response.json();
    if (!response.ok) throw new Error(doc.error || `The server answered ${response.status}.`);
    $("doc-title").textContent = doc.title;
    $("doc-meta").textContent = [doc.orgs.join(", "), doc.year, doc.pages ? `${doc.pages} pages` : null, doc.source]
      .filter(Boolean)
      .join(" · ");
    const text = doc.text;
    const ok = Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start < end && end <= text.length;
    const mark = el("mark", { id: "hit", tabindex: "-1", text: ok ? text.slice(start, end) : "" });
    $("doc-text").replaceChildren(
      document.createTextNode(ok ? text.slice(0, start) : text),
      ok ? mark : "",
      document.createTextNode(ok ? text.slice(end) : ""),
    );
    if (ok) {
      mark.scrollIntoView({ block: "center" });
      mark.focus({ preventScroll: true });
    }
  } catch (err) {
    $("doc-title").textContent = "The document could not be opened";
    $("doc-text").replaceChildren(el("p", { class: "error", role: "alert", text: err.message }));
  }
}

function showChat() {
  $("doc-view").hidden = true;
  $("chat-view").hidden = false;
  $("ask-form").hidden = false;
}

function route() {
  const m = /^#doc\/([^/]+)\/(\d+)\/(\d+)$/.exec(location.hash);
  if (m) showDocument(decodeURIComponent(m[1]), Number(m[2]), Number(m[3]));
  else showChat();
}

// -- empty state --------------------------------------------------------------------------------------

async function loadCoverage() {
  try {
    const response = await fetch("/api/documents");
    const body = await response.json();
    if (!response.ok) throw new Error(body.error || `The server answered ${response.status}.`);
    const docs = body.documents;
    const list = el("ul", {});
    for (const d of docs) {
      const orgs = d.orgs.length > 6 ? `${d.orgs.length} institutes` : d.orgs.join(", ");
      list.append(el("li", { text: `${d.title} (${[d.year, orgs].filter(Boolean).join("; ")})` }));
    }
    $("coverage").replaceChildren(el("p", { text: `The index holds ${docs.length} report(s):` }), list);
    const examples = [];
    for (let i = 0; examples.length < 4 && i < 8; i++) {
      for (const d of docs) {
        const org = d.orgs[i];
        if (org && d.year && examples.length < 4) examples.push(`What did ${org} do in ${d.year}?`);
      }
    }
    $("examples").replaceChildren(
      ...examples.map((q) =>
        el("li", {}, el("button", { type: "button", class: "example", text: q, onclick: () => submit(q) })),
      ),
    );
  } catch (err) {
    $("coverage").replaceChildren(
      el("p", { class: "error", role: "alert", text: `Cannot load what the reports cover: ${err.message}` }),
      el("button", { type: "button", class: "retry", text: "Retry", onclick: loadCoverage }),
    );
  }
}

// -- wiring -----------------------------------------------------------------------------------------

function submit(question) {
  const q = question.trim();
  if (!q || busy) return;
  $("question").value = "";
  ask(q);
}

document.addEventListener("DOMContentLoaded", () => {
  $("ask-form").addEventListener("submit", (e) => {
    e.preventDefault();
    submit($("question").value);
  });
  $("question").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submit($("question").value);
    }
  });
  $("new-chat").addEventListener("click", () => {
    turns = [];
    save();
    render();
    $("question").focus();
  });
  $("passage-close").addEventListener("click", () => $("passage").close());
  $("passage-open").addEventListener("click", () => $("passage").close());
  $("doc-back").addEventListener("click", () => {
    location.hash = "";
  });
  window.addEventListener("hashchange", route);
  render();
  loadCoverage();
  route();
  $("question").focus();
});
