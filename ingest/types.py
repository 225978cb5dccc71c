"""Data produced by ingestion: a loaded file, a cleaned document with its structure, and its chunks."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RawDocument:
    """What a loader read from a file, before cleaning.

    ``pages`` holds one string per PDF page (a single element for other formats); ``title`` and
    ``date`` are filled when the format carries them (PDF metadata, HTML <title>).
    """

    source: str
    kind: str  # "pdf" | "txt" | "md" | "html"
    pages: tuple[str, ...]
    title: str | None = None
    date: str | None = None
    marked_headings: bool = False  # headings found by layout are marked "# ..." in ``pages`` (a PDF's)


@dataclass(frozen=True)
class Section:
    """A heading and the span of cleaned text it governs (until the next heading of the same or higher level)."""

    heading: str
    level: int
    start: int
    end: int
    org: str | None = None  # canonical organisation key, e.g. "HEUNI"


@dataclass(frozen=True)
class Period:
    """The calendar years a report covers, with the label to show ("2020", "2018–19", "2021–22")."""

    first: int
    last: int
    label: str

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(range(self.first, self.last + 1))


@dataclass(frozen=True)
class Document:
    """A cleaned document: text plus what structure detection found in it."""

    doc_id: str  # content hash of the file's bytes
    source: str
    kind: str
    title: str
    text: str
    content_hash: str
    date: str | None = None  # as printed, e.g. "5 March 2021"
    year: int | None = None  # the first year of the period the report covers, e.g. 2020 (2018 for 2018–19)
    org: str | None = None  # the publishing organisation, when one is evident
    page_starts: tuple[int, ...] = ()  # offset in ``text`` where each page begins (PDF only)
    sections: tuple[Section, ...] = ()
    locators: tuple[tuple[int, str], ...] = field(default=())  # (offset, "10(a)") paragraph markers
    acronyms: tuple[tuple[str, str], ...] = ()  # ("UNODC", "United Nations Office on Drugs and Crime") defined in it
    pipeline: tuple[tuple[str, str], ...] = ()  # (stage, version) of the ingestion that derived it (version.py)
    period: Period | None = None  # what it covers: a calendar year, a fiscal year, a biennium, a date range

    @property
    def years(self) -> tuple[int, ...]:
        """The calendar years the report covers."""
        return self.period.years if self.period else (self.year,) if self.year else ()

    @property
    def period_label(self) -> str:
        return self.period.label if self.period else str(self.year) if self.year else ""

    def page_at(self, offset: int) -> int | None:
        """1-based page number holding ``offset``, or None for formats without pages."""
        if not self.page_starts:
            return None
        page = 1
        for i, start in enumerate(self.page_starts):
            if start <= offset:
                page = i + 1
            else:
                break
        return page


@dataclass(frozen=True, slots=True)
class Chunk:
    """A passage of a document: the unit that is indexed, retrieved and cited. Slotted: an index holds a
    million of them, and a per-instance dict would cost about 600 MB of a worker's memory."""

    chunk_id: str  # content hash of doc_id, offsets and text
    doc_id: str
    title: str
    text: str
    start: int  # char offsets into Document.text
    end: int
    section: str | None = None
    org: str | None = None
    year: int | None = None  # its document's first year
    page: int | None = None
    paragraph: str | None = None
    context: str = ""  # structural path (report › year › institute › section), indexed but not shown
    mentions: tuple[str, ...] = ()  # organisations the passage names (keys of ingest.orgs)
    years: tuple[int, ...] = ()  # every calendar year its document covers (a 2018–19 report: 2018, 2019)

    @property
    def covered_years(self) -> tuple[int, ...]:
        """The calendar years its document covers (an index from before periods knows only the first)."""
        return self.years or ((self.year,) if self.year else ())

    def covers(self, years: tuple[int, ...] | frozenset[int]) -> bool:
        """Does its document cover any of ``years``?"""
        return any(year in self.covered_years for year in years)
