"""Hits -> an Answer whose every statement carries a citation [n], composed extractively (no LLM).

Three shapes of answer:
- summary ("what did HEUNI do in 2020"): the institute's section for that year, one cited line per
  activity, in the report's order;
- fact: the few sentences of the best passages that answer the question, best first, each cited;
- abstention: the reports do not cover the year, the institute, or the question; say so, do not guess.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

import numpy as np

from index.hybrid import HybridRetriever
from index.query import QueryInfo, analyze_query
from index.store import IndexStore
from index.types import Hit
from ingest.orgs import BY_KEY, org_display
from ingest.types import Chunk, Document

__all__ = ["Citation", "Answer", "Assistant"]


@dataclass(frozen=True)
class Citation:
    n: int
    chunk_id: str
    doc_id: str
    title: str
    section: str | None
    org: str | None
    year: int | None
    page: int | None
    paragraph: str | None
    text: str
    score: float


@dataclass(frozen=True)
class Answer:
    answer: str
    abstained: bool
    citations: list[Citation]
    query: str
    timings_ms: dict[str, float] = field(default_factory=dict)


@dataclass
class _Sentence:
    text: str
    chunk: Chunk
    chunk_score: float
    score: float = 0.0


_ABBREVIATIONS = r"(?<!\bNo)(?<!\bNos)(?<!\bDistr)(?<!\be\.g)(?<!\bi\.e)(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bSt)(?<!\bvs)"
_SENTENCE_END = re.compile(_ABBREVIATIONS + r"(?<=[.!?])\s+(?=[\"“‘(]?[A-Z0-9])")
_LEAD_MARKER = re.compile(r"^(?:\d{1,3}\.\s+|\([a-z]{1,4}\)\s+)")
_ASKS_NUMBER = re.compile(r"\b(how many|how much|number of|when|what year|which year|what date|how long)\b", re.I)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
_STOP = frozenset(
    "a an the of in on at to for by with and or from as is was were are be been did do does has have had "
    "what which who whom whose when where why how that this these those it its their there any some about "
    "into than then so such not no can could would should will may might also other many much more most "
    "x y year years institute institutes report reports".split()
)


def split_sentences(text: str) -> list[str]:
    """Sentences of a passage; paragraph breaks always end one, quotes never do."""
    out: list[str] = []
    for paragraph in text.split("\n\n"):
        paragraph = paragraph.strip()
        marker = _LEAD_MARKER.match(paragraph)
        lead = marker.group(0) if marker else ""
        pieces = [s.strip() for s in _SENTENCE_END.split(paragraph[len(lead) :]) if s.strip()]
        merged: list[str] = []
        for piece in pieces:
            if merged and merged[-1].count("“") > merged[-1].count("”"):
                merged[-1] += " " + piece  # "Immeasurable corruption? Indicators ..." is one title
            else:
                merged.append(piece)
        if merged:
            merged[0] = lead + merged[0]
        out += merged
    return out


def tidy(sentence: str) -> str:
    """A sentence as the answer shows it: no "10." / "(a)" marker, a full stop at the end."""
    sentence = _LEAD_MARKER.sub("", sentence.strip())
    sentence = re.sub(r"[;,:]\s*(?:and|or)?\s*$", "", sentence).rstrip()
    if sentence and sentence[-1] not in '.!?”")':
        sentence += "."
    return sentence[:1].upper() + sentence[1:]


def _terms(text: str) -> set[str]:
    return {w.lower().rstrip("s") for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 1}


class Assistant:
    """Answers questions over an index.

    >>> assistant = Assistant(load_index(...))
    >>> assistant.ask("What did HEUNI do in 2020?").answer
    'HEUNI (European Institute ...) in 2020:\\n- ... [1]'
    """

    def __init__(
        self,
        store: IndexStore,
        retriever: HybridRetriever | None = None,
        max_sentences: int = 3,
        max_items: int = 10,
        min_similarity: float = 0.35,
    ) -> None:
        self.store = store
        self.retriever = retriever or HybridRetriever(store)
        self.max_sentences = max_sentences
        self.max_items = max_items
        self.min_similarity = min_similarity

    def search(self, query: str, k: int = 10) -> list[Hit]:
        return self.retriever.search(query, k)

    def ask(self, question: str, history: list[dict[str, str]] | None = None, k: int = 5) -> Answer:
        started = time.perf_counter()
        info = analyze_query(question)
        refusal = self._coverage_refusal(info)
        if refusal and info.summary:
            return self._abstain(refusal, question, started, {})
        hits = self.retriever.search_info(question, info, max(k, 8))
        retrieved = time.perf_counter()
        timings = {"retrieve": (retrieved - started) * 1000}
        if refusal and not self._year_mentioned(info, hits[:3]):
            return self._abstain(refusal, question, started, timings)
        if info.summary:
            summary = self._summary(question, info, {h.chunk.chunk_id: h.score for h in hits})
            if summary is not None:
                text, cited = summary
                return self._finish(text, cited, question, started, timings)
        return self._fact(question, info, hits, k, started, timings)

    # -- coverage -----------------------------------------------------------------------------------

    def _coverage_refusal(self, info: QueryInfo) -> str | None:
        """Why the reports cannot answer (an uncovered year or institute), or None."""
        if info.orgs:
            present = [key for key in info.orgs if self._covers_org(key)]
            if not present:
                names = " or ".join(org_display(key) or key for key in info.orgs)
                return f"The indexed reports say nothing about {names}. {self._coverage_line()}"
        if info.years and not any(year in self.store.years for year in info.years):
            asked = ", ".join(str(y) for y in info.years)
            return f"The indexed reports do not cover {asked}. {self._coverage_line()}"
        return None

    def _covers_org(self, key: str) -> bool:
        if any(chunk.org == key for chunk in self.store.chunks):
            return True
        names = [n.lower() for n in BY_KEY[key].names] if key in BY_KEY else [key.lower()]
        return any(any(n in chunk.text.lower() for n in names) for chunk in self.store.chunks)

    def _coverage_line(self) -> str:
        reports = [f"{doc.year} ({_short_title(doc.title)})" for doc in self.store.documents if doc.year]
        return "They cover " + "; ".join(reports) + "." if reports else ""

    def _year_mentioned(self, info: QueryInfo, hits: list[Hit]) -> bool:
        return bool(info.years) and any(str(y) in hit.chunk.text for y in info.years for hit in hits)

    # -- summary ------------------------------------------------------------------------------------

    def _summary(
        self, question: str, info: QueryInfo, scores: dict[str, float]
    ) -> tuple[str, list[tuple[Chunk, float]]] | None:
        """One cited line per activity from the named institute's own sections, or None if it has none."""
        key = info.orgs[0]
        items: list[tuple[Document, str, int]] = []  # (document, item text, offset in document)
        for doc in self.store.documents:
            if info.years and doc.year not in info.years:
                continue
            for start, end in _org_spans(doc, key):
                offset = start
                for block in doc.text[start:end].split("\n\n"):
                    stripped = block.strip()
                    if stripped and not stripped.startswith("Note:") and offset not in _heading_offsets(doc):
                        items.append((doc, stripped, offset + (len(block) - len(block.lstrip()))))
                    offset += len(block) + 2
        if not items:
            return None
        items = self._choose_items(question, items)
        years = sorted({doc.year for doc, _, _ in items if doc.year})
        header = f"{org_display(key)}"
        header += f" in {years[0]}:" if len(years) == 1 else ", from the indexed reports:"
        lines = [header]
        cited: list[tuple[Chunk, float]] = []
        for doc, item, offset in items:
            chunk = self._chunk_at(doc, offset, item)
            if chunk is None:
                continue
            first = split_sentences(item)[0]
            if first.endswith(":") and len(items) > 2:  # "10. ... involved in the following projects:"
                continue
            sentence = tidy(first)
            if len(sentence) < 12:
                continue
            prefix = f"{doc.year}: " if len(years) > 1 and doc.year else ""
            cited.append((chunk, scores.get(chunk.chunk_id, 0.0)))
            lines.append(f"- {prefix}{sentence} {{{chunk.chunk_id}}}")
        if not cited:
            return None
        return "\n".join(lines), cited

    def _choose_items(self, question: str, items: list[tuple[Document, str, int]]) -> list[tuple[Document, str, int]]:
        """All items when few; else the numbered paragraphs plus the sub-items closest to the question."""
        items = [it for it in items if not split_sentences(it[1])[0].endswith(":") or len(items) <= 2]
        if len(items) <= self.max_items:
            return items
        leads = [i for i, (_, text, _) in enumerate(items) if re.match(r"^\d{1,3}\.\s", text)]
        keep = set(leads[: self.max_items // 2])
        rest = [i for i in range(len(items)) if i not in keep]
        vectors = self.store.embedder.embed_documents([items[i][1] for i in rest])
        similarity = vectors @ self.store.embedder.embed_query(question)
        for j in np.argsort(-similarity):
            if len(keep) >= self.max_items:
                break
            keep.add(rest[int(j)])
        return [items[i] for i in sorted(keep)]

    def _chunk_at(self, doc: Document, offset: int, item: str) -> Chunk | None:
        """The chunk of ``doc`` that holds the first sentence of the item starting at ``offset``."""
        first = split_sentences(item)[0]
        candidates = [c for c in self.store.chunks if c.doc_id == doc.doc_id and c.start <= offset < c.end]
        for chunk in candidates:
            if first[:80] in chunk.text:
                return chunk
        return candidates[0] if candidates else None

    # -- facts --------------------------------------------------------------------------------------

    def _fact(
        self, question: str, info: QueryInfo, hits: list[Hit], k: int, started: float, timings: dict[str, float]
    ) -> Answer:
        pool = hits[: max(k, 6)]
        sentences = [
            _Sentence(s, hit.chunk, hit.score)
            for hit in pool
            for s in split_sentences(hit.chunk.text)
            if len(s) > 20 and not s.startswith("Note:") and not s.endswith(":")  # lead-ins say nothing
        ]
        if not sentences:
            return self._abstain(self._no_answer(), question, started, timings)
        vectors = self.store.embedder.embed_documents([s.text for s in sentences])
        query_vector = self.store.embedder.embed_query(question)
        similarity = vectors @ query_vector
        # Institute names are handled by retrieval; here they would favour sentences that merely name it.
        terms = _terms(question) - {t for key in info.orgs for t in _terms(" ".join(BY_KEY[key].names))}
        wants_number = bool(_ASKS_NUMBER.search(question))
        best_chunk = max(hit.score for hit in pool)
        for sentence, sim in zip(sentences, similarity, strict=True):
            overlap = len(terms & _terms(sentence.text)) / len(terms) if terms else 0.0
            sentence.score = 0.6 * float(sim) + 0.4 * overlap + 0.1 * sentence.chunk_score / best_chunk
            if wants_number and re.search(r"\d", sentence.text):
                sentence.score += 0.1
        ranked = sorted(sentences, key=lambda s: -s.score)
        best = ranked[0]
        if float(similarity[sentences.index(best)]) < self.min_similarity and not info.orgs:
            return self._abstain(self._no_answer(), question, started, timings)
        chosen = [best]
        for sentence in ranked[1:]:
            if len(chosen) >= self.max_sentences or sentence.score < 0.85 * best.score:
                break
            if sentence.text not in {c.text for c in chosen}:
                chosen.append(sentence)
        lines = [f"{tidy(s.text)} {{{s.chunk.chunk_id}}}" for s in chosen]
        scores = {hit.chunk.chunk_id: hit.score for hit in pool}
        return self._finish(
            " ".join(lines), [(s.chunk, scores[s.chunk.chunk_id]) for s in chosen], question, started, timings
        )

    def _no_answer(self) -> str:
        return (
            f"The indexed reports do not answer this question. {self._coverage_line()} "
            "Try naming an institute, a project or a year."
        )

    # -- assembly -----------------------------------------------------------------------------------

    def _finish(
        self, text: str, cited: list[tuple[Chunk, float]], question: str, started: float, timings: dict[str, float]
    ) -> Answer:
        """Number citations in order of first use and replace {chunk_id} placeholders by [n]."""
        numbers: dict[str, int] = {}
        citations: list[Citation] = []
        for chunk, score in cited:
            if chunk.chunk_id not in numbers:
                numbers[chunk.chunk_id] = len(numbers) + 1
                citations.append(_citation(numbers[chunk.chunk_id], chunk, score))
        for chunk_id, n in numbers.items():
            text = text.replace("{" + chunk_id + "}", f"[{n}]")
        timings["total"] = (time.perf_counter() - started) * 1000
        return Answer(text, False, citations, question, {k: round(v, 1) for k, v in timings.items()})

    def _abstain(self, message: str, question: str, started: float, timings: dict[str, float]) -> Answer:
        timings["total"] = (time.perf_counter() - started) * 1000
        return Answer(message.strip(), True, [], question, {k: round(v, 1) for k, v in timings.items()})


def _citation(n: int, chunk: Chunk, score: float) -> Citation:
    return Citation(
        n=n,
        chunk_id=chunk.chunk_id,
        doc_id=chunk.doc_id,
        title=chunk.title,
        section=chunk.section,
        org=chunk.org,
        year=chunk.year,
        page=chunk.page,
        paragraph=chunk.paragraph,
        text=chunk.text,
        score=round(float(score), 4),
    )


def citation_for_hit(n: int, hit: Hit) -> Citation:
    return _citation(n, hit.chunk, hit.score)


def _org_spans(doc: Document, key: str) -> list[tuple[int, int]]:
    """Text spans (bodies of leaf sections) that belong to organisation ``key`` in ``doc``."""
    heads = sorted(doc.sections, key=lambda s: s.start)
    spans: list[tuple[int, int]] = []
    for i, section in enumerate(heads):
        if section.org != key:
            continue
        body_start = section.start + len(section.heading) + 2
        body_end = heads[i + 1].start - 2 if i + 1 < len(heads) else len(doc.text)
        if body_end > body_start:
            spans.append((body_start, body_end))
    if not heads and doc.org == key:
        spans.append((0, len(doc.text)))
    return spans


def _heading_offsets(doc: Document) -> set[int]:
    return {s.start for s in doc.sections}


def _short_title(title: str, words: int = 8) -> str:
    parts = title.split()
    return title if len(parts) <= words else " ".join(parts[:words]) + " …"
