"""A report asked about as a whole: "What is report E/CN.15/2020/9 about?", "give me a quick rundown of the
ICCLR spring 2021 newsletter".

The question names one report, by a document symbol on its first page or by most of its title's words, and
means "what does it cover" rather than a fact in it: by meaning, as overview.py decides "what did X do" (it is
closer to "What is <title> about?" than to any one sentence of the report). The answer is the report's title
and period, its opening statement, then one cited line per section (the shallowest heading level at which its
passages differ: the institutes of a UN report, the themes of an annual report), each the section's first
statement. Any layout: the headings are the ones ingestion read from the file.
"""

from __future__ import annotations

import re

import numpy as np

from index.query import QueryInfo
from index.store import StoreBase, VectorSpace
from index.types import Hit
from ingest.orgs import org_mentions
from ingest.sentences import split_sentences, tidy
from ingest.types import Chunk, Document

from .names import found_in, specific_terms
from .passages import Passages, Unit
from .spans import holds_type
from .terms import words
from .types import Composed
from .understanding import answer_type, asks_particular, without_context

__all__ = ["Documents", "names_title", "title_pages", "report_itself"]

SECTIONS = 8  # lines of a report's rundown, its opening statement aside
OPENING_CHUNKS = 3  # a report's opening statement is in its first passages, after its title page
_WORD = re.compile(r"[^\W\d_]{2,}")  # a word of letters, not a code or a figure
_ENDS = re.compile(r"[.!?。]\W*$")
MIN_TITLE_WORDS = 3  # a title of fewer words ("Annual Report 2020") names no report by itself
# A UN document symbol: "E/CN.15/2020/9", "A/RES/75/1".
_SYMBOL = re.compile(r"(?<![\w/])[A-Z]{1,6}(?:/[A-Z0-9.]+)+")
# A report's own words, besides its title's: "the report", "KICJ's annual report", "this publication".
_OF_A_REPORT = frozenset(words("report reports publication document issue edition"))
# A kind of document, which a question names with its publisher and period instead of its title.
_A_DOCUMENT = _OF_A_REPORT | frozenset(
    words("news story article page newsletter release bulletin informe noticia rapport communiqué bilan")
)
_WHAT_ABOUT = re.compile(r"^\s*what(?:'s|’s|\s+is|\s+was)\b.*\babout\s*\??\s*$", re.I)  # "what is <it> about?"
_TITLE_LINE = re.compile(r"^[^.:;!?]{10,150}$")  # a line with no label and no sentence's end
_PATH = " › "  # how a chunk's context joins its headings (ingest/structure.py)


class Documents:
    def __init__(self, store: StoreBase, passages: Passages) -> None:
        self.store = store
        self.passages = passages
        self._titles: dict[str, frozenset[str]] = {}  # doc_id -> its title's words, read once
        # word -> positions of the documents so titled, and each position's number of title words; built once
        self._title_index: tuple[dict[str, np.ndarray], np.ndarray] | None = None

    def by_symbol(self, question: str) -> Document | None:
        """The report whose first page bears a document symbol the question gives ("E/CN.15/2020/9")."""
        symbols = _SYMBOL.findall(question)
        if not symbols:
            return None
        return next((d for d in self.store.documents if any(s in self.passages.front_of(d) for s in symbols)), None)

    def named(self, question: str, info: QueryInfo) -> Document | None:
        """The one report the question names: by a symbol its first page bears, else by at least half of its
        title's words (the most covered title; a tie names none), else as its publisher's one report of the
        period asked ("the TIJ news story from September 2022", "UNAFEI's FY2020 annual report")."""
        if (doc := self.by_symbol(question)) is not None:
            return doc
        said = set(words(question))
        if info.orgs and info.years and said_a_document(question):
            published = {d.doc_id: d for org in info.orgs for d in self.store.documents_of(org) if d.org in info.orgs}
            dated = [d for d in published.values() if _of_years(d, info.years)]
            if len(dated) == 1:
                return dated[0]
        ranked: list[tuple[float, Document]] = []
        for doc in self._titled(said):
            title = self._title_words(doc)
            if names_title(said, title):
                ranked.append((len(title & said) / len(title), doc))
        ranked.sort(key=lambda pair: -pair[0])
        if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
            return None
        return ranked[0][1]

    def _titled(self, said: set[str]) -> list[Document]:
        """The documents whose title's words ``said`` covers at least half of, in index order: a collection of
        thousands is not read through title by title for every question, its title words are counted at once."""
        if self._title_index is None:
            by_word: dict[str, list[int]] = {}
            for position, doc in enumerate(self.store.documents):
                for word in self._title_words(doc):
                    by_word.setdefault(word, []).append(position)
            lengths = np.asarray([len(self._title_words(doc)) for doc in self.store.documents], np.int64)
            self._title_index = ({word: np.asarray(rows, np.int64) for word, rows in by_word.items()}, lengths)
        by_title_word, lengths = self._title_index
        postings = [by_title_word[word] for word in said if word in by_title_word]
        if not postings:
            return []
        shared = np.bincount(np.concatenate(postings), minlength=len(lengths))
        return [self.store.documents[p] for p in np.flatnonzero((shared > 0) & (2 * shared >= lengths))]

    def _title_words(self, doc: Document) -> frozenset[str]:
        if doc.doc_id not in self._titles:
            self._titles[doc.doc_id] = frozenset(words(doc.title))
        return self._titles[doc.doc_id]

    def asked(
        self, question: str, language: str, doc: Document, hits: list[Hit], space: VectorSpace, vector: np.ndarray
    ) -> bool:
        """Does the question mean "what is this report about"? No answer type, nothing particular named but
        the report itself, and closer in meaning to that plain question than to any sentence of the report.
        In English: across languages the multilingual model's similarities are too compressed to tell."""
        if language != "en" or answer_type(question) != "other" or asks_particular(question):
            return False  # "What handbook did the newsletter announce?": one thing in it
        # Its names and figures are the report's own (its title page: "Report of the Secretary-General"); "the
        # Kyoto workshop in the ICCLR newsletter" names one thing in it.
        front = f"{doc.title}\n{self.passages.front_of(doc)}"
        if not all(found_in(term, front) for term in specific_terms(question)):
            return False
        if _WHAT_ABOUT.search(question) and said_a_document(question):
            return True  # "What's the TIJ news story from September 2022 about?": asked in so many words
        own = [hit.chunk for hit in hits if hit.chunk.doc_id == doc.doc_id]
        if _SYMBOL.search(question):
            # A symbol means nothing to the model ("What is E/CN.15/2020/9 about?" is as near to any sentence):
            # the question is compared as it would read with the title the symbol stands for.
            vector = space.embedder.embed_query(_SYMBOL.sub(doc.title, question))
        plain = float(space.embedder.embed_query(f"What is the {doc.title} about?") @ vector)
        closest = max((float(sim) for chunk in own for _, sim in self.passages.units(chunk, space, vector)), default=0)
        return plain > closest

    def compose(self, doc: Document, scores: dict[str, float]) -> Composed | None:
        """The report's title and period, its opening statement and each section's first statement, cited."""
        chunks = sorted(self.store.chunks_of(doc.doc_id), key=lambda c: c.start)
        if not chunks:
            return None
        lines = [f"{doc.title}{f' ({doc.period_label})' if doc.period_label else ''}:"]
        cited: list[tuple[Chunk, float]] = []
        # The opening statement may follow a title page of lines that state nothing (a UN document's symbol,
        # distribution and job number lines).
        first = next((c for c in chunks[:OPENING_CHUNKS] if _first_statement(c)), chunks[0])
        opening = _first_statement(first)
        if opening:
            lines.append(f"- {opening} {{{first.chunk_id}}}")
            cited.append((first, scores.get(first.chunk_id, 0.0)))
        for heading, chunk in _sections(chunks)[:SECTIONS]:
            statement = _first_statement(chunk)
            if statement and chunk.chunk_id not in {c.chunk_id for c, _ in cited}:
                lines.append(f"- {heading}: {statement} {{{chunk.chunk_id}}}")
                cited.append((chunk, scores.get(chunk.chunk_id, 0.0)))
        return Composed("\n".join(lines), cited) if cited else None


def said_a_document(question: str) -> bool:
    """Does the question call what it asks about a report, a news story, a newsletter ...?"""
    return bool(set(words(question)) & _A_DOCUMENT)


def _of_years(doc: Document, years: tuple[int, ...]) -> bool:
    """Is ``doc`` of the years asked: the period it covers is theirs, or it came out in one of them?"""
    published = re.search(r"(?:19|20)\d\d", doc.date or "")
    return set(doc.years) == set(years) or (published is not None and int(published.group()) in years)


def names_title(said: set[str], title: frozenset[str] | set[str]) -> bool:
    """Does a question whose words are ``said`` name the report titled with the words ``title``: at least half
    of them, of a title long enough to tell a report by ("Annual Report 2020" is not)?"""
    return len(title) >= MIN_TITLE_WORDS and 2 * len(title & said) >= len(title)


def _sections(chunks: list[Chunk]) -> list[tuple[str, Chunk]]:
    """(heading, first chunk) per section, at the shallowest heading level where the chunks differ."""
    paths = [chunk.context.split(_PATH) for chunk in chunks]
    for level in range(1, max((len(p) for p in paths), default=0)):
        headings = list(dict.fromkeys(p[level] for p in paths if len(p) > level))
        if len(headings) >= 2:
            first: dict[str, Chunk] = {}
            for path, chunk in zip(paths, chunks, strict=True):
                if len(path) > level:
                    first.setdefault(path[level], chunk)
            return [(heading, first[heading]) for heading in headings]
    return []


def _first_statement(chunk: Chunk) -> str:
    """The first sentence of ``chunk`` that states something: six words or more, ending as a sentence does, not
    a lead-in to a list."""
    for sentence in split_sentences(chunk.text):
        # A line of codes ("Original: English V.20-01234 (E) 030320") or a title (no full stop) states nothing.
        said = [word for word in sentence.split() if _WORD.match(word)]
        if len(said) < 6 or not _ENDS.search(sentence):
            continue
        sentence = tidy(sentence)
        # Not a lead-in to a list, nor a line of a menu or a table ("Home | About | Programs | ...").
        if not sentence.endswith(":") and "|" not in sentence:
            return sentence
    return ""


def report_itself(question: str, kind: str, units: list[Unit], order: list[int], store: StoreBase) -> list[int]:
    """The title page's sentences holding the type asked (indices in ``order``), for a question about a report
    itself: it names the report by its title and asks one thing besides ("When was <title> published?", "when
    did they publish it? (Who wrote <title>)": "Date: December 31, 2023"; "What language is <title> in?"). A
    question on something the report tells of ("When was the forum in <title> held?") names more."""
    said = set(words(question))
    own = without_context(question)
    for start, end, _ in reversed(org_mentions(own)):  # "KICJ's annual report": the publisher is no other thing
        own = own[:start] + own[end:]
    asked = set(words(own))
    firsts: set[str] = set()
    for doc_id in dict.fromkeys(units[i].chunk.doc_id for i in order):
        doc = store.by_doc_id.get(doc_id)
        first = min(store.chunks_of(doc_id), key=lambda c: c.start, default=None)
        if doc is None or first is None:
            continue
        # Its title, or a line of its title page that reads as one (a site's heading may be the file's title).
        lines = [doc.title, *(line for line in first.text.splitlines() if _TITLE_LINE.match(line))]
        titles = [set(words(line)) for line in lines]
        if any(names_title(said, title) and len(asked - title - _OF_A_REPORT) <= 1 for title in titles):
            firsts.add(first.chunk_id)
    return [i for i in order if units[i].chunk.chunk_id in firsts and holds_type(units[i].text, kind)]


def title_pages(store: StoreBase, said: set[str], pool: list[Hit]) -> list[Hit]:
    """The first passage of each report in ``pool`` whose title the question (its words ``said``) names ("Who
    wrote KICJ's annual report on UN and international cooperation?"): a title page holds its credits, date
    and symbol, and says little else a question's meaning would find it by."""
    held = {hit.chunk.chunk_id for hit in pool}
    pages = []
    for doc_id in dict.fromkeys(hit.chunk.doc_id for hit in pool):
        doc = store.by_doc_id.get(doc_id)
        if doc is None or not names_title(said, set(words(doc.title))):
            continue
        first = min(store.chunks_of(doc_id), key=lambda c: c.start, default=None)
        if first is not None and first.chunk_id not in held:
            pages.append(Hit(first, min(hit.score for hit in pool)))
    return pages
