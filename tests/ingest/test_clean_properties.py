"""Properties of the cleaner and the structure code, thrown arbitrary text (hypothesis).

1. Nothing a file can contain makes reading it raise: every stage after the loader (cleaning, structure,
   splitting) runs on whatever text and pages it is given.
2. Prose without furniture comes out with the same characters in the same order: cleaning may only change
   the whitespace between them. The vocabulary holds the words that once fooled a rule ("Dates",
   "Authorship", "500 m²") beside ordinary report words.
3. Text set in columns (tables, "Kenya      45") loses no word: a table's rows are rewritten with their
   column headings, so words may repeat, but none goes.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.clean import clean_pages
from ingest.pipeline import read_document
from ingest.structure import detect_structure

# Bounded: these run in `make test` on every change.
_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))

# Characters that drive the cleaner's rules (markers, bullets, tabs, page breaks, markup), beside anything.
_TRICKY = st.sampled_from(list("\n\n\n\t\f-•*_#<>[]()¹²³⁶ .:;,1") + ["\u00a0", "\u00ad", "\u200b", "\r\n"])
_PAGE = st.lists(st.one_of(_TRICKY, st.characters()), max_size=80).map("".join)

_WORDS = (
    "the Institute Centre held a seminar for judges in Nairobi Kenya Uganda 45 30 2020 2019 500 m² km³ "
    "Dates of sessions were fixed Authorship study Language Korean Date Authors Home Hit Print report "
    "training prison reform UNAFEI HEUNI Director Morinaga July 1 10. (a) II. C. 2018–19 €1,200 US$ said"
).split()


def _text(gaps: list[str]) -> st.SearchStrategy[str]:
    line = st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(gaps)), min_size=1, max_size=10).map(
        lambda pairs: "".join(word + gap for word, gap in pairs).rstrip()
    )
    return st.lists(st.tuples(line, st.sampled_from(["\n", "\n\n"])), min_size=1, max_size=12).map(
        lambda lines: "".join(line + end for line, end in lines)
    )


_TEXT = _text([" "])  # prose
_COLUMNS = _text([" ", " ", "      ", "\t"])  # lines set in columns: tables ("Kenya      45") among the prose


def _non_space(text: str) -> str:
    return "".join(text.split())


@_SETTINGS
@given(
    pages=st.lists(_PAGE, min_size=1, max_size=5), markdown=st.booleans(), reflow=st.sampled_from([True, False, None])
)
def test_cleaning_and_structure_never_raise(pages: list[str], markdown: bool, reflow: bool | None) -> None:
    for web in (True, False, None):
        cleaned = clean_pages(pages, markdown=markdown, reflow=reflow, web=web)
        structure = detect_structure(cleaned.text, cleaned.headings, None, None)
        assert all(0 <= s.start <= s.end <= len(cleaned.text) for s in structure.sections)
        assert list(cleaned.page_starts) == sorted(cleaned.page_starts)


@_SETTINGS
@given(
    text=st.lists(st.one_of(_TRICKY, st.characters()), max_size=300).map("".join),
    suffix=st.sampled_from([".txt", ".md", ".html"]),
)
def test_reading_any_text_file_raises_nothing_but_an_unreadable_file_error(text: str, suffix: str) -> None:
    from ingest.errors import UnreadableFileError

    try:
        doc, chunks = read_document(Path(f"any{suffix}"), text.encode("utf-8", "surrogatepass"))
    except UnreadableFileError:
        return  # empty, binary-looking or nothing left: named with a reason, which is what callers expect
    assert all(doc.text[c.start : c.end] == c.text for c in chunks if c.end <= len(doc.text))


@_SETTINGS
@given(text=_TEXT, reflow=st.sampled_from([True, False, None]))
def test_prose_keeps_every_character(text: str, reflow: bool | None) -> None:
    # Not a web page: "Home" and "Hit 45" on lines of their own are a report's words and stay.
    cleaned = clean_pages([text], reflow=reflow, web=False)
    assert _non_space(cleaned.text) == _non_space(text)


@_SETTINGS
@given(text=_TEXT)
def test_prose_on_several_pages_keeps_every_character(text: str) -> None:
    # Two pages: too few for running headers, so nothing may go; page breaks may only join lines.
    lines = text.split("\n")
    half = len(lines) // 2
    cleaned = clean_pages(["\n".join(lines[:half]), "\n".join(lines[half:])], reflow=True)
    assert _non_space(cleaned.text) == _non_space(text)


def _words(text: str) -> Counter[str]:
    return Counter(word.strip("—:;.|") for word in text.split() if word.strip("—:;.|"))


@_SETTINGS
@given(text=_COLUMNS, reflow=st.sampled_from([True, False, None]))
def test_text_in_columns_loses_no_word(text: str, reflow: bool | None) -> None:
    cleaned = clean_pages([text], reflow=reflow, web=False)
    assert not _words(text) - _words(cleaned.text)
