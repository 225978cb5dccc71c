"""Turn what real extractions contain into clean paragraphs.

Handled here, in this order (the order matters: footnote markers are superscript digits, which NFKC
would turn into ordinary digits glued to words):
1. spaces: non-breaking, zero-width and soft hyphens; CRLF;
2. PDF running headers/footers repeated on most pages;
3. web-page navigation (skip links, hit counters, download bars, image-caption duplicates);
4. tables of contents ("C. European Institute ...\t5");
5. footnotes: marker removed from the sentence, footnote text moved right after the paragraph that
   cites it (page-bottom footnotes otherwise land between, or inside, unrelated paragraphs);
6. paragraphs broken across page breaks or hard line wraps are joined;
7. link residue ("[46/152](#)", "<https://...>"), Markdown emphasis, stray HTML tags, list bullets;
8. Unicode NFKC ("ⅩⅨ" -> "XIX") and whitespace.

The result is a list of paragraphs joined by blank lines, with page starts and headings as offsets.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

__all__ = ["CleanText", "clean_pages"]

PAGE_BREAK = "\f"
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_DIGIT = str.maketrans(_SUPERSCRIPTS, "0123456789")

_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")  # tabs stay: they mark TOC lines
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_FOOTNOTE_LINE = re.compile(rf"^\s*([{_SUPERSCRIPTS}]+)\s+(\S.*)$")
_FOOTNOTE_MARKER = re.compile(rf"(?<=\S)([{_SUPERSCRIPTS}]+)")
_TOC_LINE = re.compile(r"^\s*\S.*?(?:\t+|\s{3,}|\.{3,}\s*)(?:\d{1,4}|[ivxlc]{1,6})\s*$")
_TOC_LABEL = re.compile(r"^\s*(?:table of )?contents\s*$|^\s*(?:<i>)?page(?:</i>)?\s*$", re.I)

# Web-page furniture. Kept deliberately narrow: a false positive would delete report text.
_NAV_LINES = (
    re.compile(r"^\s*skip to (?:main )?(?:content|navigation|menu)\b.*$", re.I),
    re.compile(r"^[^.!?]{0,60}바로가기[^.!?]{0,60}$"),  # Korean "go to ..." skip links
    re.compile(r"^\s*(?:hits?|views?|조회수?)\s*:?\s*\d+\s*$", re.I),
    re.compile(r"^.*\(\s*\d+(?:\.\d+)?\s*[KMG]B\b.*download.*$", re.I),  # attachment bars
    re.compile(r"^.*첨부파일.*$"),
    re.compile(r"^\s*(?:print|share|top|list|back to top|home)\s*$", re.I),
)
_GLUED_LABEL = re.compile(r"^(Language|Authors?|Date|Publisher|Published|Editors?)\s*:?\s*(?=\S)(.*)$")

_MD_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]*)\)")
_AUTOLINK = re.compile(r"<((?:https?://|www\.)[^>\s]+)>")
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,2}|_{1,2})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_LONE_ASTERISK = re.compile(r"(?<=\w)\*(?=\s|$)")
_BULLET = re.compile(r"^\s*(?:[-•·▪◦*]|\d+\)|o)\s+(?=\S)")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")

# A paragraph or list item starts here: "10. ", "(a) ", "(iv) ", a heading "C. ", "II. ".
_STARTS_ITEM = re.compile(r"^(?:\d{1,3}\.\s|\([a-z]{1,4}\)\s|[A-Z]\.\s|[IVXLC]+\.\s|#)")
_ENDS_SENTENCE = re.compile(r"[.!?:;)\]\"”’]\s*$")


@dataclass(frozen=True)
class CleanText:
    text: str
    page_starts: tuple[int, ...] = ()
    headings: tuple[tuple[int, int], ...] = ()  # (offset, level) of explicit headings (Markdown/HTML)


def clean_pages(pages: tuple[str, ...] | list[str], markdown: bool = False, reflow: bool = False) -> CleanText:
    """Clean extracted pages into paragraphs; page and heading positions are kept as offsets.

    ``reflow`` joins hard-wrapped lines (PDF text); without it a single newline ends a paragraph,
    as in text files where each line is a paragraph or a list item.
    """
    page_lines = [_normalise_spaces(page).split("\n") for page in pages]
    if len(page_lines) >= 3:
        page_lines = _strip_running_lines(page_lines)
    lines: list[str] = []
    for i, page in enumerate(page_lines):
        if i:
            lines += ["", PAGE_BREAK, ""]
        lines += page
    lines = _drop_navigation(lines)
    lines = _drop_table_of_contents(lines)
    blocks = _to_blocks(lines, markdown)
    blocks = _relocate_footnotes(blocks)
    blocks = _join_broken(blocks, reflow)
    return _assemble(blocks, paged=len(page_lines) > 1)


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
    return [
        [line for line in lines if not line.strip() or _page_line_key(line.strip()) not in running] for lines in pages
    ]


def _page_line_key(line: str) -> str:
    # "V.21-01234 3/18" and "V.21-01234 4/18" are the same footer: compare without digits.
    # Long lines are body text, never furniture.
    return re.sub(r"\d+", "#", line) if len(line) <= 60 else "\0" + line


def _drop_navigation(lines: list[str]) -> list[str]:
    kept: list[str] = []
    for i, line in enumerate(lines):
        if any(pattern.match(_BULLET.sub("", line)) for pattern in _NAV_LINES):
            continue
        following = next((nxt.strip() for nxt in lines[i + 1 : i + 3] if nxt.strip()), "")
        stripped = line.strip()
        # An image caption repeating the next line plus a word or two ("Title 사진" before "Title").
        if following and stripped != following and stripped.startswith(following):
            if len(stripped[len(following) :].split()) <= 3:
                continue
        kept.append(line)
    return kept


def _drop_table_of_contents(lines: list[str]) -> list[str]:
    toc = [bool(_TOC_LINE.match(line)) and len(line) < 200 for line in lines]
    kept: list[str] = []
    for i, line in enumerate(lines):
        if toc[i]:
            continue
        if _TOC_LABEL.match(line) and any(toc[i + 1 : i + 6]):
            continue
        kept.append(line)
    return kept


@dataclass
class _Block:
    text: str
    kind: str = "para"  # "para" | "footnote" | "page" | "heading"
    level: int = 0
    marker: str = ""  # footnote number, for kind == "footnote"
    separated: bool = True  # a blank line preceded it (False: a hard line wrap)


def _to_blocks(lines: list[str], markdown: bool) -> list[_Block]:
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
            blocks.append(_Block(_inline(heading.group(2)), kind="heading", level=len(heading.group(1))))
        elif blocks and blocks[-1].kind == "footnote" and not blank_before:
            blocks[-1].text += " " + line  # a footnote wrapped over several lines
        else:
            blocks.append(_Block(_inline(line), separated=blank_before))
        blank_before = False
    return blocks


def _inline(line: str) -> str:
    """Link residue, emphasis, stray tags and bullets out of one line."""
    line = _MD_LINK.sub(lambda m: m.group(1), line)
    line = _AUTOLINK.sub(lambda m: m.group(1), line)
    line = _HTML_TAG.sub("", line)
    line = line.replace("(#)", "")
    for _ in range(2):  # nested **_x_**
        line = _EMPHASIS.sub(lambda m: m.group(2), line)
    line = _LONE_ASTERISK.sub("", line)
    line = _BULLET.sub("", line)
    label = _GLUED_LABEL.match(line)
    if label:
        line = f"{label.group(1)}: {label.group(2).strip()}"
    return line


def _relocate_footnotes(blocks: list[_Block]) -> list[_Block]:
    """Remove footnote markers from sentences and put each footnote after the paragraph citing it.

    A footnote whose marker appears nowhere stays near where it was found, after the paragraph it
    interrupted.
    """
    notes = {b.marker: b for b in blocks if b.kind == "footnote"}
    cited_anywhere = {m for b in blocks if b.kind in ("para", "heading") for m in _FOOTNOTE_MARKER.findall(b.text)}
    placed: set[str] = set()
    out: list[_Block] = []
    pending: list[_Block] = []
    for block in blocks:
        if block.kind == "footnote":
            if block.marker not in cited_anywhere:
                pending.append(_Block("Note: " + _inline(block.text)))  # after the paragraph it interrupts
            continue
        if block.kind in ("para", "heading"):
            cited = [m for m in _FOOTNOTE_MARKER.findall(block.text) if m in notes and m not in placed]
            block.text = _FOOTNOTE_MARKER.sub("", block.text)
            if pending and block.separated and not _continues(out, block):
                out += pending
                pending = []
            out.append(block)
            for marker in cited:
                placed.add(marker)
                pending.append(_Block("Note: " + _inline(notes[marker].text)))
        else:
            out.append(block)
    return out + pending


def _continues(out: list[_Block], block: _Block) -> bool:
    """Does ``block`` continue the previous paragraph (a sentence broken by a page break)?"""
    previous = next((b for b in reversed(out) if b.kind in ("para", "heading")), None)
    return bool(previous and previous.kind == "para" and _is_continuation(previous.text, block.text))


def _is_continuation(previous: str, following: str) -> bool:
    if _ENDS_SENTENCE.search(previous) or _STARTS_ITEM.match(following):
        return False
    first = following[0]
    return first.islower() or first.isdigit() or previous.endswith(("-", ","))


def _join_broken(blocks: list[_Block], reflow: bool) -> list[_Block]:
    """Join hard-wrapped lines and sentences split by a page break (which may sit between them)."""
    out: list[_Block] = []
    last_para: _Block | None = None
    for block in blocks:
        if block.kind == "page":
            out.append(block)
            continue
        if block.kind == "para" and last_para is not None:
            wrapped = reflow and not block.separated and not _STARTS_ITEM.match(block.text)
            wrapped = wrapped and not _ENDS_SENTENCE.search(last_para.text)
            if wrapped or _is_continuation(last_para.text, block.text):
                between = out[out.index(last_para) + 1 :]
                if all(b.kind == "page" for b in between):
                    joiner = "" if last_para.text.endswith("-") and block.text[0].islower() else " "
                    if joiner == "":
                        last_para.text = last_para.text[:-1]
                    # Keep page breaks inside the joined paragraph so page numbers stay right.
                    last_para.text += joiner + "".join(PAGE_BREAK for _ in between) + block.text
                    del out[out.index(last_para) + 1 :]
                    continue
        out.append(block)
        last_para = block if block.kind == "para" else None
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
        text = unicodedata.normalize("NFKC", block.text)
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
