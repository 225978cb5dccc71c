"""The default corpus's reports as render sources (render.py), so that tests can read them as PDFs.

``corpus/un-pni-institutes-activities-2020.txt`` is a text extraction of a UN PDF: page-break fragments,
footnotes spliced between paragraphs, list markers and link residue. Written back into the Markdown subset
render.py lays out (UN layout: masthead, document symbol as running header, numbered paragraphs, footnotes in
small type at the foot of their page, one two-column stretch), it becomes the PDF a user would download; the
tests ingest that PDF and ask the gold questions of it as of the text. The KICJ report's web page becomes the
report as an institute prints it (annual layout: a title page with its title, authors and date, headings in
larger bold type, a running footer), without the page's navigation and download bar.

What cannot be set in the standard PDF fonts (WinAnsi) is transliterated ("Özyeğin" -> "Özyegin"); the
document symbol is not in the extraction and is a placeholder.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .render import Source

__all__ = ["SYMBOL", "kicj_report_source", "un_report_source"]

SYMBOL = "E/CN.15/2021/00"  # a placeholder: the extraction does not carry the report's own symbol
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_FOOTNOTE = re.compile(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s+(.*)$")
_MARK = re.compile(r"(?<=[\w.,;:)”’*])([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
_CHAPTER = re.compile(r"^[IVX]+\.\s+[A-Z]")
_SECTION = re.compile(r"^[A-P]\.\s+[A-Z]")
_LIST_MARK = re.compile(r"^\s*-\s+(?=\([a-z]{1,3}\)\s)")
_ENDS = re.compile(r"[.;:!?”’)*]\s*(?:\[\^\w+\])?$")
# Sections set in two columns: one stretch of the report, as UN documents do for tables and annexes.
_TWO_COLUMN = (
    "F. Australian Institute of Criminology",
    "G. Siracusa International Institute for Criminal Justice and Human Rights",
)


def un_report_source(path: Path) -> Source:
    """The UN report at ``path`` (the corpus's text extraction) as a render.Source in the UN layout."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip() == "I. Introduction")
    front, body = lines[:start], lines[start:]
    title = next(line for line in front if line.startswith("Activities of the institutes"))
    meta = {
        "layout": "un",
        "title": title,
        "organisation": "United Nations, Economic and Social Council",
        "subject": f"{SYMBOL} - Report of the Secretary-General",
        "symbol": SYMBOL,
        "job_number": "V.21-00000",
        "date_line": "5 March 2021",
        "published": "2021-03-05",
        "organ": "Economic and Social Council",
        "original": "English",
        "toc_levels": "2",
        "toc_title": "Contents",
        "hyphenate": "no",  # reportlab's soft hyphens broke a paragraph's split across pages here
    }
    text = "\n".join([*_front_page(front, title), "<!-- pagebreak -->", "", "<!-- toc -->", "", *_body(body)])
    return Source(path=path, meta=meta, body=_winansi(text))


def kicj_report_source(path: Path) -> Source:
    """The KICJ report page at ``path`` (the corpus's text of the web page) as a render.Source in the annual
    layout: its field lines on the title page, its numbered and lettered headings as headings."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").split("\n")]
    fields = {m.group(1): m.group(2) for line in lines if (m := re.match(r"• (Authors|Date) ?(.+)$", line))}
    title = next(line for line in lines if line.startswith("Annual Report") and not _HANGUL.search(line))
    meta = {
        "layout": "annual",
        "title": title,
        "organisation": "Korea Institute of Criminology and Justice",
        "cover_title": title,
        "report_label": "KICJ Research Reports",
        "cover_line_1": f"Authors: {fields['Authors']}",
        "cover_line_2": fields["Date"],
        "footer": f"{title} | Korea Institute of Criminology and Justice",
        "published": "2023-12-31",
        "colour": "#1f4e5f",
        "toc_levels": "1",
    }
    body: list[str] = ["<!-- toc -->", "", "<!-- pagebreak -->", ""]
    start = next(i for i, line in enumerate(lines) if re.match(r"1\. ", line))
    for line in lines[start:]:
        if not line or line.startswith("•"):  # blank, or the page's download bar
            continue
        heading = re.match(r"(?:\d\.|[A-Z]\.) ", line)
        body += [f"{'#' if line[0].isdigit() else '##'} {line}" if heading else line, ""]
    return Source(path=path, meta={k: _winansi(v) for k, v in meta.items()}, body=_winansi("\n".join(body)))


_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _front_page(lines: list[str], title: str) -> list[str]:
    """The masthead's session lines, the agenda item, the title and the summary, up to the contents."""
    end = next(i for i, line in enumerate(lines) if line.strip() == "Contents")
    kept = [line.strip() for line in lines[:end] if line.strip()]
    first = next(i for i, line in enumerate(kept) if line.startswith("Commission on"))
    out: list[str] = []
    footnotes: list[str] = []
    for line in kept[first:]:
        if line.startswith("* "):
            footnotes.append(f"[^*]: {line[2:]}")
            continue
        line = re.sub(r"\*$", "[^*]", _links(line))
        bold = line in (title, "Report of the Secretary-General") or line.startswith(("Commission on", "Thirtieth"))
        out += [f"**{line}**" if bold else "*Summary*" if line == "Summary" else line, ""]
    return out + footnotes + [""]


def _body(lines: list[str]) -> list[str]:
    """Headings marked, list markers and link residue dropped, paragraphs a page break split joined again,
    footnotes as Markdown footnotes."""
    paragraphs: list[str] = []
    footnotes: list[str] = []
    letter = ord("A") - 1  # the last section's letter
    for raw in "\n".join(lines).split("\n\n"):
        block = " ".join(line.strip() for line in raw.strip().split("\n") if line.strip())
        if not block:
            continue
        note = _FOOTNOTE.match(block)
        if note:
            footnotes.append(f"[^{note.group(1).translate(_SUPERSCRIPTS)}]: {_links(note.group(2))}")
            continue
        for item in re.split(r"\s+(?=-\s+\([a-z]{1,3}\)\s)", block):  # list items extracted onto one line
            item = _LIST_MARK.sub("", item)
            item = _MARK.sub(lambda m: f"[^{m.group(1).translate(_SUPERSCRIPTS)}]", _links(item))
            heading = len(item) < 120 and not item.endswith(".")
            # "I." after "H." is a section's letter, not the first chapter's numeral.
            if heading and _SECTION.match(item) and (not _CHAPTER.match(item) or ord(item[0]) == letter + 1):
                paragraphs.append(f"## {item}")
                letter = ord(item[0])
            elif heading and _CHAPTER.match(item):
                paragraphs.append(f"# {item}")
                letter = ord("A") - 1
            elif paragraphs and not paragraphs[-1].startswith("#") and not _ENDS.search(paragraphs[-1]):
                paragraphs[-1] = f"{paragraphs[-1]} {item}"  # the rest of a paragraph a page break split
            else:
                paragraphs.append(item)
    out: list[str] = []
    for paragraph in paragraphs:
        if paragraph.startswith(f"## {_TWO_COLUMN[0]}"):
            out += ["<!-- two-column -->", ""]
        if paragraph.startswith(f"## {_TWO_COLUMN[1]}"):
            out += ["<!-- /two-column -->", ""]
        out += [paragraph, ""]
    return out + footnotes


def _links(text: str) -> str:
    """Link residue of the extraction: "[46/152](#)" is "46/152", "<https://icclr.org>" is the address."""
    return re.sub(r"<(https?://[^>]+)>", r"\1", re.sub(r"\[([^\]]+)\]\(#?[^)]*\)", r"\1", text))


def _winansi(text: str) -> str:
    """Letters the standard PDF fonts cannot set, without their accents ("ğ" -> "g")."""

    def plain(ch: str) -> str:
        if ch == "・":  # a Japanese middle dot ("UN・International")
            return "·"
        try:
            ch.encode("cp1252")
            return ch
        except UnicodeEncodeError:
            return unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode() or "?"

    return "".join(map(plain, text))
