"""Turn what real extractions contain into clean paragraphs.

Handled here, in this order (the order matters: footnote markers are superscript digits, which NFKC
would turn into ordinary digits glued to words):
1. spaces: non-breaking, zero-width and soft hyphens; CRLF;
2. PDF running headers/footers repeated on most pages; a text file hard-wrapped at a fixed width unwrapped;
3. web-page navigation (skip links, hit counters, download bars, image-caption duplicates), on web pages only:
   HTML, or a text file saved from one (two kinds of such furniture in it); never in a PDF;
4. tables of contents ("C. European Institute ...\t5") under a "Contents" label or with dot leaders
   (a table of figures, "Kenya      45", looks alike and stays); tables read row by row (tables.py);
5. footnotes: marker removed from the sentence, footnote text moved right after the paragraph that
   cites it (page-bottom footnotes otherwise land between, or inside, unrelated paragraphs);
6. paragraphs broken across page breaks or hard line wraps are joined;
7. link residue ("[46/152](#)", "<https://...>"), Markdown emphasis, stray HTML tags, list bullets;
8. Unicode NFKC ("ⅩⅨ" -> "XIX") and whitespace; a unit's exponent ("500 m²") is neither a footnote
   marker nor normalised away.

The result is a list of paragraphs joined by blank lines, with page starts and headings as offsets.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from .tables import HEADINGS, tables_as_rows

__all__ = ["CleanText", "clean_pages"]

PAGE_BREAK = "\f"
_NOTE = "Note: "  # a footnote's text, as a paragraph after the one citing it
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_DIGIT = str.maketrans(_SUPERSCRIPTS, "0123456789")

_WRAP_WIDTH = 120  # hard-wrapped text is set at 60-100 columns; a line per paragraph runs far longer
_RUNNING_CHARS = 100  # a running header or footer with its page number fits in this many characters
_PAGE_NUMBER_AT_EDGE = re.compile(r"(?<=[|·•\s])\d{1,4}(?:\s*/\s*\d{1,4})?$|^\d{1,4}(?:\s*/\s*\d{1,4})?(?=\s)")
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")  # tabs stay: they mark TOC lines
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_FOOTNOTE_LINE = re.compile(rf"^\s*([{_SUPERSCRIPTS}]+)\s+(\S.*)$")
_FOOTNOTE_MARKER = re.compile(rf"(?<=\S)([{_SUPERSCRIPTS}]+)")
_TOC_LINE = re.compile(r"^\s*\S.*?(?:\t+|\s{3,}|\.{3,}\s*)(?:\d{1,4}|[ivxlc]{1,6})\s*$")
_TOC_ENTRY = re.compile(r"^\s*[^\s.!?].{0,80}?[^\s.,;:]\s(?:\d{1,4}|[ivxlc]{1,6})\s*$")
_PAGE_NUMBER = re.compile(r"^\s*(?:\d{1,4}|[ivxlc]{1,6})\s*$")
_TOC_LEADERS = re.compile(r"(?:\.\s?){3,}\s*(?:\d{1,4}|[ivxlc]{1,6})\s*$")
_TOC_LABEL = re.compile(
    r"^\s*(?:#{1,6}\s+)?"  # a label set in large type is marked as a heading (pdf_layout.py)
    r"(?:(?:table of )?contents|table des mati[eè]res|sommaire|[ií]ndice|contenido|목\s*차|차\s*례)"
    r"(?:\s{3,}(?:page|página|pages?))?\s*$|"  # "Contents   Page": the headings of its two columns
    r"^\s*(?:<i>)?(?:page|página|pages?)(?:</i>)?\s*$",
    re.I,
)
# "500 m²", "12 km³": an exponent after a unit, not a footnote marker.
_EXPONENT_BEFORE = re.compile(r"(?:^|[\s\d])[a-zµ]{1,2}$")

# Web-page furniture. Kept deliberately narrow: a false positive would delete report text.
_NAV_LINES = (
    re.compile(r"^\s*skip to (?:main )?(?:content|navigation|menu)\b.*$", re.I),
    re.compile(r"^[^.!?]{0,60}바로가기[^.!?]{0,60}$"),  # Korean "go to ..." skip links
    re.compile(r"^\s*(?:hits?|views?|조회수?)\s*:?\s*\d+\s*$", re.I),
    re.compile(r"^.*\(\s*\d+(?:\.\d+)?\s*[KMG]B\b.*download.*$", re.I),  # attachment bars
    re.compile(r"^.*첨부파일.*$"),
    re.compile(r"^\s*(?:print|share|top|list|back to top|home)\s*$", re.I),
)
# A web page's metadata labels, glued to their value by the extraction ("LanguageKorean", "Date December 31"):
# a value starts with a capital or a figure, so "Dates of the sessions" and "Authorship of" stay as they are.
_GLUED_LABEL = re.compile(r"^(Language|Authors?|Date|Publisher|Published|Editors?)(?::\s*|\s*(?=[A-Z0-9]))(\S.*)$")

_MD_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]*)\)")
_AUTOLINK = re.compile(r"<((?:https?://|www\.)[^>\s]+)>")
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,2}|_{1,2})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_LONE_ASTERISK = re.compile(r"(?<=\w)\*(?=\s|$)")
# A list item's marker: "- ", "• ", "1) ", or "o " (a Wingdings bullet as PDFs extract it) before a capital. Not
# "2022) se sont élevées" (a year closing a bracket) nor Spanish "o las" (a word).
_BULLET = re.compile(r"^\s*(?:[-•·▪◦*]|\d{1,2}\)|o(?=\s+[A-ZÀ-Ý]))\s+(?=\S)")
_COLUMN_GAP = re.compile(r"\S(?: {3,}|\t)\S")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")

# A paragraph or list item starts here: "10. ", "(a) ", "(iv) ", a heading "C. ", "II. ", "3.1 Organised crime".
_STARTS_ITEM = re.compile(
    r"^(?:\d{1,3}\.\s|\d{1,3}(?:\.\d{1,3})+\s+(?=[A-ZÀ-Ý])|\([a-z]{1,4}\)\s|[A-Z]\.\s|[IVXLC]+\.\s|#)"
)
_WORD_HYPHEN = re.compile(r"[^\W\d_]-$")
_ENDS_SENTENCE = re.compile(r"[.!?:;)\]\"”’]\s*$")


@dataclass(frozen=True)
class CleanText:
    text: str
    page_starts: tuple[int, ...] = ()
    headings: tuple[tuple[int, int], ...] = ()  # (offset, level) of explicit headings (Markdown/HTML)


def clean_pages(
    pages: tuple[str, ...] | list[str],
    markdown: bool = False,
    reflow: bool | None = False,
    web: bool | None = False,
) -> CleanText:
    """Clean extracted pages into paragraphs; page and heading positions are kept as offsets.

    ``reflow`` joins hard-wrapped lines (PDF text); without it a single newline ends a paragraph,
    as in text files where each line is a paragraph or a list item; None: decide from the text (``_wrap_width``:
    a text wrapped at a fixed width is unwrapped, a full line running on into the next). ``web``: the text is a
    web page's, so its furniture (skip links, hit counters, download bars, glued labels) goes; None: decide
    from the text (a page saved as text has two kinds of such furniture).
    """
    width = _wrap_width("\n".join(pages)) if reflow is None else None
    reflow = bool(reflow)  # a wrapped text file is unwrapped by its width below, not line by line as PDFs are
    page_lines = [_normalise_spaces(page).split("\n") for page in pages]
    if width:
        page_lines = [_unwrap(page, width) for page in page_lines]
    if len(page_lines) >= 3:
        page_lines = _strip_running_lines(page_lines)
    if reflow:
        page_lines = [_line_ends(page) for page in page_lines]
    lines: list[str] = []
    for i, page in enumerate(page_lines):
        if i:
            lines += ["", PAGE_BREAK, ""]
        lines += page
    if web is None:
        web = _looks_like_web_page(lines)
    if web:
        lines = _drop_navigation(lines)
    lines = _drop_table_of_contents(lines, reflow)
    if reflow:
        lines = _numbered_paragraphs_apart(lines)
    lines = tables_as_rows(lines)
    blocks = _to_blocks(lines, markdown, web)
    blocks = _relocate_footnotes(blocks)
    blocks = _join_broken(blocks, reflow)
    if reflow:
        blocks = _items_whole(blocks)
    return _assemble(blocks, paged=len(page_lines) > 1)


def _wrap_width(text: str) -> int | None:
    """The width ``text`` is hard-wrapped at (as e-mail, pdftotext and typewritten reports are), with blank
    lines between its paragraphs; None if it is not. Most lines that run on into another are then nearly as
    long as the widest ones, and those are short; a file with a line per paragraph has long lines and few that
    run on."""
    lines = [line.strip() for line in _normalise_spaces(text).split("\n")]
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < 8 or lines.count("") < len(lengths) / 10:
        return None
    width = lengths[int(0.9 * len(lengths))]
    running_on = [a for a, b in zip(lines, lines[1:], strict=False) if a and b]
    full = sum(_full(line, width) for line in running_on)
    wrapped = width <= _WRAP_WIDTH and len(running_on) >= len(lengths) / 3 and full >= 0.6 * len(running_on)
    return width if wrapped else None


def _full(line: str, width: int) -> bool:
    """A line this long was broken by the wrap, not by its author."""
    return len(line.strip()) >= 0.7 * width


def _unwrap(lines: list[str], width: int) -> list[str]:
    """Hard-wrapped lines joined into their paragraphs: a full line runs on into the next, unless that one is
    blank, a list item, a heading or a table row ("Kenya      45"), or this one is a table row; a word
    hyphenated at the wrap ("crimi-" "nalité") is made whole."""
    out: list[str] = []
    runs_on = False
    for line in lines:
        stripped = line.strip()
        own = not stripped or _BULLET.match(line) or _MD_HEADING.match(line) or _STARTS_ITEM.match(stripped)
        if runs_on and not own and not _COLUMN_GAP.search(stripped) and any(c.isalnum() for c in stripped):
            previous = out[-1].rstrip()
            if previous.endswith("-") and stripped[:1].islower():  # "crimi-" "nalité"
                out[-1] = previous[:-1] + stripped
            elif previous.endswith("-") and previous[-2:-1].isalpha():  # "Pays-" "Bas": a hyphenated name
                out[-1] = previous + stripped
            else:
                out[-1] = previous + " " + stripped
        else:
            out.append(line)
        # A rule ("-----") or a table row ("Kenya      45") is a line of its own, however long.
        runs_on = _full(line, width) and not _COLUMN_GAP.search(stripped) and any(c.isalnum() for c in stripped)
    return out


def _normalise_spaces(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text)


def _strip_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop lines that open or close most pages (running headers, footers, page numbers)."""
    edge_counts: Counter[str] = Counter()
    alone: Counter[str] = Counter()  # pages where the line is all there is: then it is the content
    for lines in pages:
        content = [line.strip() for line in lines if line.strip()]
        edges = set(content[:2] + content[-2:])
        edge_counts.update(_page_line_key(line) for line in edges)
        if len(content) == 1:
            alone[_page_line_key(content[0])] += 1
    threshold = max(3, len(pages) // 2)
    running = {key for key, n in edge_counts.items() if n >= threshold and alone[key] * 2 < n}

    # A running header with words stays once, at the top of the first page: a UN document's symbol
    # ("E/CN.15/2020/9") or a report's name is printed above every page, and nowhere else says which document
    # this is.
    first = [line.strip() for line in pages[0] if line.strip()][:2] if pages else []
    named = {line for line in first if any(c.isalpha() for c in line)}
    return [
        [
            line
            for line in lines
            if not line.strip() or _page_line_key(line.strip()) not in running or page == 0 and line.strip() in named
        ]
        for page, lines in enumerate(pages)
    ]


def _page_line_key(line: str) -> str:
    # "V.21-01234 3/18" and "V.21-01234 4/18" are the same footer, and so are "Australian Institute of
    # Criminology Annual Report 2018–19 | 4" and "... | 5": compared without digits. Longer lines are body text,
    # compared as they are.
    # A longer one is too, when only the page number that ends or opens it differs ("Annual Report on UN·
    # International Cooperation ... | Korea Institute of Criminology and Justice | 4").
    if len(line) <= _RUNNING_CHARS:
        return re.sub(r"\d+", "#", line)
    return "\0" + _PAGE_NUMBER_AT_EDGE.sub("#", line)


def _furniture(line: str) -> int | None:
    """Which web-furniture pattern ``line`` is (its index), or None."""
    line = _BULLET.sub("", line)
    return next((n for n, pattern in enumerate(_NAV_LINES) if pattern.match(line)), None)


def _looks_like_web_page(lines: list[str]) -> bool:
    """A text saved from a web page: two different kinds of furniture (a skip link and a hit counter, say).
    One alone is too weak: a report may well say "Home" or "Print" on a line of its own."""
    return len({kind for line in lines if (kind := _furniture(line)) is not None}) >= 2


def _drop_navigation(lines: list[str]) -> list[str]:
    kept: list[str] = []
    for i, line in enumerate(lines):
        if _furniture(line) is not None:
            continue
        following = next((nxt.strip() for nxt in lines[i + 1 : i + 3] if nxt.strip()), "")
        stripped = line.strip()
        # An image caption repeating the next line plus a word or two ("Title 사진" before "Title").
        if following and stripped != following and stripped.startswith(following):
            if len(stripped[len(following) :].split()) <= 3:
                continue
        kept.append(line)
    return kept


def _drop_table_of_contents(lines: list[str], reflow: bool = False) -> list[str]:
    """Drop a table of contents: a run of "title ... page" lines under a "Contents" (or "Page") label, or with
    dot leaders. Without either it may be a table of figures ("Kenya      45"), which is text. In a PDF's text
    an entry's page number often comes on a line of its own, and a long title over two lines."""
    if reflow:
        lines = _page_numbers_joined(lines)
    # An entry: "Research\t3", "Research ..... 3", and under a "Contents" label also "Research 3".
    toc = [bool(_TOC_LINE.match(line) or _TOC_ENTRY.match(line)) and len(line) < 200 for line in lines]

    def wrapped_title(k: int) -> bool:  # the first line of an entry whose title runs over two lines
        line = lines[k].strip()
        return bool(line) and len(line) < 120 and not _ENDS_SENTENCE.search(line) and k + 1 < len(toc) and toc[k + 1]

    drop: set[int] = set()
    i = 0
    while i < len(lines):
        if not toc[i]:
            i += 1
            continue
        run, j = [], i
        while j < len(lines) and (toc[j] or not lines[j].strip() or wrapped_title(j)):
            if lines[j].strip():
                run.append(j)
            j += 1
        while run and not toc[run[-1]]:
            run.pop()
        labels = []
        for k in range(i - 1, -1, -1):  # the label lines right above the run ("Contents", "<i>Page</i>")
            if not lines[k].strip():
                continue
            if not _TOC_LABEL.match(lines[k]):
                break
            labels.append(k)
        if labels or all(_TOC_LEADERS.search(lines[k]) for k in run):
            drop.update(run + labels)
        i = run[-1] + 1
    return [line for n, line in enumerate(lines) if n not in drop]


SHORT = 0.5  # a PDF line shorter than this share of its page's full lines was ended by its author, not the wrap
FULL = 0.85  # one at least this long was ended by the wrap: ragged lines fall short of full by a word at most
_MIN_LINES = 5  # lines a page needs for its full width to be known


def _line_ends(lines: list[str]) -> list[str]:
    """Where a PDF page's lines end their paragraph, read from their length beside the page's full lines (the
    longest but a few; a two-column page is measured by its columns):
    - a short line ends its paragraph when the next starts with a capital: a title page's lines ("Original:
      English", "Commission on Crime Prevention ...") and a heading without larger type are not one run-on
      paragraph (a figure may still run on: "Distr.: General" "5 March 2021");
    - a full line runs on into the next even after a full stop: the wrap fell at the end of a sentence ("...
      and English YouTube." | "The 10th International Forum was ..."), and the paragraph goes on. The last
      line of a paragraph is rarely full; a numbered item, a bullet or a heading still starts its own.
    A lower-case start, or a line ending in "," or "-", runs on as before; table rows ("Kenya      45") are left
    to the table reader."""
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    if len(lengths) < _MIN_LINES:
        return lines
    full = lengths[int(0.9 * (len(lengths) - 1))]
    out: list[str] = []
    joined = False
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        if joined:
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
        stripped, ahead = line.strip(), following.strip()
        joined = False
        if _COLUMN_GAP.search(stripped) or _COLUMN_GAP.search(ahead) or not ahead[:1].isupper():
            continue
        if 0 < len(stripped) < SHORT * full and not stripped.endswith((",", "-")):
            out.append("")
        elif len(stripped) >= FULL * full and _ENDS_SENTENCE.search(stripped) and not stripped.startswith("#"):
            joined = not (_STARTS_ITEM.match(ahead) or _BULLET.match(ahead) or _FOOTNOTE_LINE.match(ahead))
    return out


_NUMBERED_START = re.compile(r"^\s*(\d{1,3})\.\s")
_NUMBERED_WITHIN = re.compile(r"(?<=[.;:!?”\"’)])\s+(?=(\d{1,3})\.\s+[A-ZÀ-Ý])")


def _numbered_paragraphs_apart(lines: list[str]) -> list[str]:
    """A PDF's extraction may run a numbered paragraph on from the end of the one before ("... with the
    institutes. 3. The present report ..."): where the number is the next one after the last paragraph's, and
    follows the end of a sentence, it starts a line of its own. Other figures after a full stop ("in 2020.
    4. ...", when 4 is not next) stay where they are."""
    out: list[str] = []
    last = 0
    for line in lines:
        start = _NUMBERED_START.match(line)
        if start:
            last = int(start.group(1))
        pieces, at = [], 0
        for match in _NUMBERED_WITHIN.finditer(line):
            if int(match.group(1)) == last + 1:
                pieces.append(line[at : match.start()])
                at = match.end()
                last += 1
        out += [*pieces, line[at:]] if pieces else [line]
    return out


def _page_numbers_joined(lines: list[str]) -> list[str]:
    """ "Research" then " 3" on the next line (how pypdf gives a contents entry) become "Research\t3"."""
    out: list[str] = []
    for line in lines:
        if _PAGE_NUMBER.match(line) and out and out[-1].strip() and not _ENDS_SENTENCE.search(out[-1]):
            out[-1] = f"{out[-1].rstrip()}\t{line.strip()}"
        else:
            out.append(line)
    return out


@dataclass
class _Block:
    text: str
    kind: str = "para"  # "para" | "footnote" | "page" | "heading"
    level: int = 0
    marker: str = ""  # footnote number, for kind == "footnote"
    separated: bool = True  # a blank line preceded it (False: a hard line wrap)


def _to_blocks(lines: list[str], markdown: bool, web: bool) -> list[_Block]:
    """Group lines into blocks; hard-wrapped lines are joined later by ``_join_broken``."""
    blocks: list[_Block] = []
    blank_before = True
    for raw in lines:
        if raw == PAGE_BREAK:
            blocks.append(_Block(PAGE_BREAK, kind="page"))
            blank_before = True
            continue
        line = raw.replace("\t", " ").strip()
        if not line:
            blank_before = True
            continue
        footnote = _FOOTNOTE_LINE.match(line)
        heading = _MD_HEADING.match(line) if markdown else None
        if footnote:
            blocks.append(_Block(footnote.group(2), kind="footnote", marker=footnote.group(1)))
        elif heading:
            blocks.append(_Block(_inline(heading.group(2), web), kind="heading", level=len(heading.group(1))))
        elif blocks and blocks[-1].kind == "footnote" and not blank_before:
            blocks[-1].text += " " + line  # a footnote wrapped over several lines
        elif text := _inline(line, web).strip():  # a line of markup alone ("<br/>", "**") is no paragraph
            # A bullet starts a list item: the line before it does not run on into it.
            blocks.append(_Block(text, separated=blank_before or bool(_BULLET.match(line))))
        else:
            continue
        blank_before = False
    return blocks


def _inline(line: str, web: bool = False) -> str:
    """Link residue, emphasis, stray tags and bullets out of one line; on a web page, labels unglued."""
    line = _MD_LINK.sub(lambda m: m.group(1), line)
    line = _AUTOLINK.sub(lambda m: m.group(1), line)
    line = _HTML_TAG.sub("", line)
    line = line.replace("(#)", "")
    for _ in range(2):  # nested **_x_**
        line = _EMPHASIS.sub(lambda m: m.group(2), line)
    line = _LONE_ASTERISK.sub("", line)
    line = _BULLET.sub("", line)
    label = _GLUED_LABEL.match(line) if web else None
    if label:
        line = f"{label.group(1)}: {label.group(2).strip()}"
    return line


def _relocate_footnotes(blocks: list[_Block]) -> list[_Block]:
    """Remove footnote markers from sentences and put each footnote after the paragraph citing it.

    A footnote whose marker appears nowhere stays near where it was found, after the paragraph it
    interrupted.
    """
    notes = {b.marker: b for b in blocks if b.kind == "footnote"}
    cited_anywhere = {m.group(1) for b in blocks if b.kind in ("para", "heading") for m in _markers(b.text)}
    placed: set[str] = set()
    out: list[_Block] = []
    pending: list[_Block] = []
    for block in blocks:
        if block.kind == "footnote":
            if block.marker not in cited_anywhere:
                pending.append(_Block(_NOTE + _inline(block.text)))  # after the paragraph it interrupts
            continue
        if block.kind in ("para", "heading"):
            markers = _markers(block.text)
            cited = [m.group(1) for m in markers if m.group(1) in notes and m.group(1) not in placed]
            for m in reversed(markers):
                block.text = block.text[: m.start()] + block.text[m.end() :]
            if pending and block.separated and not _continues(out, block):
                out += pending
                pending = []
            out.append(block)
            for marker in cited:
                placed.add(marker)
                pending.append(_Block(_NOTE + _inline(notes[marker].text)))
        else:
            out.append(block)
    return out + pending


def _markers(text: str) -> list[re.Match[str]]:
    """Footnote markers in ``text``: superscript figures after a word or a sign, but not a unit's exponent."""
    return [
        m
        for m in _FOOTNOTE_MARKER.finditer(text)
        if not (m.group(1) in "²³" and _EXPONENT_BEFORE.search(text[: m.start()]))
    ]


def _normalised(text: str) -> str:
    """NFKC ("ⅩⅨ" -> "XIX", "ﬁ" -> "fi"), but a unit's exponent stays one ("500 m²", not "500 m2")."""
    pieces, last = [], 0
    for m in _FOOTNOTE_MARKER.finditer(text):
        if m.group(1) in "²³" and _EXPONENT_BEFORE.search(text[: m.start()]):
            pieces += [unicodedata.normalize("NFKC", text[last : m.start()]), m.group(1)]
            last = m.end()
    return "".join(pieces) + unicodedata.normalize("NFKC", text[last:])


def _continues(out: list[_Block], block: _Block) -> bool:
    """Does ``block`` continue the previous paragraph (a sentence broken by a page break)?"""
    previous = next((b for b in reversed(out) if b.kind in ("para", "heading")), None)
    return bool(previous and previous.kind == "para" and _is_continuation(previous.text, block.text))


def _is_continuation(previous: str, following: str) -> bool:
    # A table's column headings ("No. | Action | Deadline") are a line of their own, whatever row follows.
    if _ENDS_SENTENCE.search(previous) or _STARTS_ITEM.match(following) or HEADINGS.match(previous):
        return False
    first = following[0]
    # "crimi-" runs on ("nalité"); a rule of dashes ("-----") does not.
    return first.islower() or first.isdigit() or previous.endswith(",") or bool(_WORD_HYPHEN.search(previous))


NUMBERED = 0.8  # the share of a document's paragraphs that are numbered for all of them to be


def _items_whole(blocks: list[_Block]) -> list[_Block]:
    """Where (nearly) every paragraph is numbered or lettered ("12.", "(c)"), as a UN document's are, a PDF line
    or page that starts without a number continues the item before it, even after a full stop ("(c) ... was
    held at Beijing Normal University." | "Officials from UNODC and about 100 professors ..."): only a number
    starts a paragraph there. Not after a blank line on the same page (the author's break), nor a note (a
    footnote's text) or a heading."""
    paragraphs = [b.text for b in blocks if b.kind == "para" and not b.text.startswith(_NOTE)]
    if len(paragraphs) < 10 or sum(bool(_STARTS_ITEM.match(t)) for t in paragraphs) < NUMBERED * len(paragraphs):
        return blocks
    out: list[_Block] = []
    for block in blocks:
        at = len(out) - 1
        while at >= 0 and out[at].kind == "page":
            at -= 1
        previous = out[at] if at >= 0 else None
        runs_on = (
            previous is not None
            and previous.kind == block.kind == "para"
            and (not block.separated or at < len(out) - 1)  # a wrapped line, or the first of a page
            and bool(_STARTS_ITEM.match(previous.text))
            and not _STARTS_ITEM.match(block.text)
            and not block.text.startswith(_NOTE)
        )
        if runs_on and previous is not None:
            previous.text += " " + PAGE_BREAK * (len(out) - 1 - at) + block.text
            del out[at + 1 :]
            continue
        out.append(block)
    return out


_HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
_LINE_END_WORD = re.compile(r"[\w-]+-$")
_LINE_START_WORD = re.compile(r"^[^\W\d_]+")


def _hyphen_kept(previous: str, following: str, hyphenated: set[str]) -> bool:
    """Is the hyphen ending ``previous`` the word's own, not the line break's? When the word breaks at a hyphen
    it already had: a compound ("face-to-" "face": "face-to-face"), or a word the document writes hyphenated
    elsewhere ("non-" "profit", with "non-profit" in another line). Otherwise the break made it ("organi-"
    "zation")."""
    head, tail = _LINE_END_WORD.search(previous), _LINE_START_WORD.match(following)
    if not head or not tail:
        return False
    return "-" in head.group()[:-1] or f"{head.group()}{tail.group()}".lower() in hyphenated


def _join_broken(blocks: list[_Block], reflow: bool) -> list[_Block]:
    """Join hard-wrapped lines and sentences split by a page break (which may sit between them)."""
    out: list[_Block] = []
    last: int | None = None  # where in ``out`` the last paragraph is (by position: blocks may be equal)
    hyphenated = {word.lower() for b in blocks for word in _HYPHENATED.findall(b.text)}
    for block in blocks:
        if block.kind == "page":
            out.append(block)
            continue
        if block.kind == "para" and last is not None and all(b.kind == "page" for b in out[last + 1 :]):
            previous = out[last]
            wrapped = reflow and not block.separated and not _STARTS_ITEM.match(block.text)
            # A line ending in ";" or ")" ends an item only when the next starts one: a lower-case word runs on
            # ("... women and children;" "transnational serious and organized crime; ...").
            wrapped = wrapped and (not _ENDS_SENTENCE.search(previous.text) or block.text[:1].islower())
            if wrapped or _is_continuation(previous.text, block.text):
                joiner = "" if previous.text.endswith("-") and block.text[0].islower() else " "
                if joiner == "" and not _hyphen_kept(previous.text, block.text, hyphenated):
                    previous.text = previous.text[:-1]
                # Keep page breaks inside the joined paragraph so page numbers stay right.
                previous.text += joiner + PAGE_BREAK * (len(out) - last - 1) + block.text
                del out[last + 1 :]
                continue
        out.append(block)
        last = len(out) - 1 if block.kind == "para" else None
    return out


def _assemble(blocks: list[_Block], paged: bool) -> CleanText:
    parts: list[str] = []
    headings: list[tuple[int, int]] = []
    page_starts = [0]
    pos = 0
    new_page = False
    for block in blocks:
        if block.kind == "page":
            new_page = True
            continue
        text = _normalised(block.text)
        text = re.sub(r" {2,}", " ", text).strip()
        if not text:
            continue
        if parts:
            pos += 2  # the "\n\n" separator
        if new_page:
            page_starts.append(pos)
            new_page = False
        # Page breaks inside a joined paragraph: record where they fall, then drop them.
        pieces = text.split(PAGE_BREAK)
        offset = pos
        for piece in pieces[:-1]:
            offset += len(piece)
            page_starts.append(offset)
        text = "".join(pieces)
        if block.kind == "heading":
            headings.append((pos, block.level))
        parts.append(text)
        pos += len(text)
    return CleanText(
        text="\n\n".join(parts),
        page_starts=tuple(page_starts) if paged else (),
        headings=tuple(headings),
    )
