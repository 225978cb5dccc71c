"""Read files into RawDocuments: PDF (pypdf, one string per page), plain text, Markdown and HTML.

Every way a file can fail becomes an ``UnreadableFileError`` with a short reason a person can act on.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .errors import UnreadableFileError
from .html_meta import page_authors
from .pdf_layout import mark_headings, read_page
from .types import RawDocument

__all__ = ["SUPPORTED_SUFFIXES", "DEFAULT_MAX_TEXT_MB", "decode_text", "load_file", "read_bytes"]

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf logs every damaged xref; we report once per file


def load_pdf(path: Path, data: bytes) -> RawDocument:
    """Text of each page; metadata title and date when the PDF carries them."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (PyPdfError, NotImplementedError) as exc:
                raise UnreadableFileError(str(path), f"encrypted PDF: cannot open ({exc})") from exc
            if not opened:
                raise UnreadableFileError(str(path), "encrypted PDF: no password (save an unencrypted copy)")
        pages, marked = mark_headings([read_page(page) for page in reader.pages])
        meta = reader.metadata
        title = str(meta.title) if meta and meta.title else None
        date = meta.creation_date.date().isoformat() if meta and meta.creation_date else None
    except UnreadableFileError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise UnreadableFileError(str(path), f"not a readable PDF (corrupt or truncated): {exc}") from exc
    if not any(page.strip() for page in pages):
        raise UnreadableFileError(str(path), f"no text layer in {len(pages)} page(s): needs OCR first")
    return RawDocument(source=str(path), kind="pdf", pages=pages, title=title, date=date, marked_headings=marked)


def decode_text(path: Path, data: bytes) -> str:
    """UTF-8 (with or without BOM), else the encoding charset-normalizer is confident about."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFileError(str(path), "binary content, not text (wrong extension?)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnreadableFileError(
            str(path), "not UTF-8 and the encoding could not be detected: convert it with iconv -t UTF-8"
        )
    if best.encoding in _LATIN_1:
        # As browsers do (WHATWG Encoding): text labelled or detected as Latin-1 is read as windows-1252, whose
        # bytes 0x80-0x9F are letters and signs ("mise en œuvre", "€", "’") where Latin-1 has control codes.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:  # one of the five bytes windows-1252 leaves undefined: Latin-1 it is
            pass
    return str(best)


_LATIN_1 = frozenset({"latin_1", "iso8859_1", "ascii"})


_MD_TITLE = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.M)  # a Markdown document's first level-1 heading


# YAML front matter: the first line "---", the fields, a line "---" (or "..."), as Jekyll, Hugo and Pandoc write it.
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def front_matter(text: str) -> tuple[dict[str, object], str]:
    """The fields of the YAML front matter that opens a Markdown page, and the page with the block written as
    plain "Key: value" lines (searchable without the YAML syntax); ({}, ``text``) when the page opens with no
    such block, or with a rule around text that is not a YAML mapping."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        fields = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, text
    if not isinstance(fields, dict) or not fields:
        return {}, text
    lines = [f"{str(key).replace('_', ' ').capitalize()}: {_field_text(value)}" for key, value in fields.items()]
    return {str(k): v for k, v in fields.items()}, "\n\n".join(lines) + "\n\n" + text[match.end() :]


def _field_text(value: object) -> str:
    if isinstance(value, list):
        return "; ".join(_field_text(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_field_text(v)}" for k, v in value.items())
    return str(value)


def load_text(path: Path, data: bytes) -> RawDocument:
    kind = "md" if path.suffix.lower() in (".md", ".markdown") else "txt"
    text = decode_text(path, data)
    fields: dict[str, object] = {}
    if kind == "md":
        fields, text = front_matter(text)
    # Markdown says which line is its title; above it may be a logo, a menu or "view in your browser".
    heading = _MD_TITLE.search(text) if kind == "md" else None
    declared = fields.get("title")
    title = heading.group(1).strip() if heading else str(declared).strip() if declared else None
    date = next((str(fields[k]) for k in ("date", "published", "issued") if fields.get(k)), None)
    return RawDocument(source=str(path), kind=kind, pages=(text,), title=title, date=date)


_DROP_TAGS = "script, style, noscript, template, svg, nav, header, footer, aside, form, button, iframe"
_NAV_HINT = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|breadcrumbs?|skip|footer|header|sidebar|share|social|cookie)([\s_-]|$)", re.I
)
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "td",
    "th",
    "br",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "figcaption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
}


def load_html(path: Path, data: bytes) -> RawDocument:
    """Main text of a web page: navigation, headers, footers and scripts dropped; headings kept as "#"."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(decode_text(path, data))
    title_node = tree.css_first("title")
    title = title_node.text(strip=True) if title_node else None
    authors = page_authors(tree)  # read before the scripts go: a byline often goes with the page's furniture
    for node in tree.css(_DROP_TAGS):
        node.decompose()
    for node in tree.css("[role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true]"):
        node.decompose()
    for node in tree.css("[class], [id]"):
        hint = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if _NAV_HINT.search(hint) and node.tag not in ("body", "html", "main", "article"):
            node.decompose()
    root = tree.css_first("main") or tree.css_first("article") or tree.body or tree.root
    if root is not None:
        _drop_link_lists(root)
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = re.sub(r"\s+", " ", "".join(current)).strip()
        if text:
            lines.append(text)
        current.clear()

    def walk(node: LexborNode) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                current.append(child.text_content or "")
            elif tag and re.fullmatch(r"h[1-6]", tag):
                flush()
                lines.append("#" * int(tag[1]) + " " + re.sub(r"\s+", " ", child.text()).strip())
            elif tag == "pre":  # set in columns as written: a table's columns are its runs of spaces
                flush()
                lines.append("\n".join(line.rstrip() for line in child.text().strip("\n").split("\n")))
            elif tag == "table" and (rows := _data_rows(child)):
                flush()  # row by row, as a Markdown table: the cleaner reads each row with its column headings
                lines.append("\n".join("| " + " | ".join(cells) + " |" for cells in rows))
            elif tag in _BLOCK_TAGS:
                flush()
                walk(child)
                flush()
            else:
                walk(child)

    if root is not None:
        walk(root)
    flush()
    text = "\n\n".join(line for line in lines if line.strip("# "))
    if not text.strip():
        raise UnreadableFileError(str(path), "no readable text in the HTML page")
    if authors and not any(name in text[:_BYLINE_CHARS] for name in authors):
        text = f"{'Authors' if len(authors) > 1 else 'Author'}: {', '.join(authors)}\n\n{text}"
    return RawDocument(source=str(path), kind="html", pages=(text,), title=title)


_BYLINE_CHARS = 500  # a page whose opening names its author keeps it as written


# A block whose text is mostly the text of its links is a list of links to elsewhere (related articles, tags,
# "see also", downloads, a menu without a telling class), whatever the site calls it: the link-density test of
# boilerplate removers (Kohlschütter et al.'s boilerpipe, readability, jusText). Two links at least: one linked
# phrase in a sentence or a list is the page's own content.
_LINK_DENSITY = 0.5
_LINK_LIST_BLOCKS = ("div", "section", "ul", "ol", "dl", "li", "td", "tr", "table", "aside", "p")


def _drop_link_lists(node: LexborNode) -> None:
    """Decompose the blocks under ``node`` (outermost first) whose text is mostly link text."""
    for child in list(node.iter()):
        if child.tag in _LINK_LIST_BLOCKS and _mostly_links(child):
            child.decompose()
        else:
            _drop_link_lists(child)


def _mostly_links(node: LexborNode) -> bool:
    links = node.css("a")
    if len(links) < 2:
        return False
    text = len(re.sub(r"\s+", "", node.text()))
    linked = sum(len(re.sub(r"\s+", "", link.text())) for link in links)
    return text > 0 and linked / text > _LINK_DENSITY


def _data_rows(table: LexborNode) -> list[list[str]] | None:
    """The cells of a table of data, row by row; None for a table that lays out a page (one holding tables, a
    row with fewer than two filled cells: a sidebar, a row of icons)."""
    if len(table.css("table")) > 1:  # the table itself and one inside it
        return None
    rows = [[re.sub(r"\s+", " ", cell.text()).strip() for cell in row.css("th, td")] for row in table.css("tr")]
    if len(rows) < 2 or any(sum(1 for cell in cells if cell) < 2 for cells in rows):
        return None
    return rows


_LOADERS: dict[str, Callable[[Path, bytes], RawDocument]] = {
    ".pdf": load_pdf,
    ".txt": load_text,
    ".text": load_text,
    ".md": load_text,
    ".markdown": load_text,
    ".html": load_html,
    ".htm": load_html,
}
SUPPORTED_SUFFIXES = tuple(_LOADERS)


DEFAULT_MAX_TEXT_MB = 20  # ~25,000 chunks: an hour of encoding on 2 cores; larger is almost always a dump


def read_bytes(path: Path, max_text_mb: int = DEFAULT_MAX_TEXT_MB) -> bytes:
    """The file's bytes, or an ``UnreadableFileError`` saying why not. Text files (.txt .md .html) over
    ``max_text_mb`` are refused before they are read; PDFs are bounded by their pages instead."""
    try:
        size = path.stat().st_size
        if path.suffix.lower() != ".pdf" and size > max_text_mb * 2**20:
            raise UnreadableFileError(
                str(path),
                f"text file too large ({size / 2**20:.1f} MB > {max_text_mb} MB): split it, or raise PNI_MAX_TEXT_MB",
            )
        return path.read_bytes()
    except PermissionError as exc:
        raise UnreadableFileError(str(path), "permission denied: cannot read the file") from exc
    except OSError as exc:
        raise UnreadableFileError(str(path), f"cannot read: {exc.strerror or exc}") from exc


def load_file(path: Path, data: bytes | None = None) -> RawDocument:
    """Load one file; raise ``UnreadableFileError`` with the reason when it cannot be used."""
    loader = _LOADERS.get(path.suffix.lower())
    if loader is None:
        supported = ", ".join(sorted({".pdf", ".txt", ".md", ".html"}))
        raise UnreadableFileError(str(path), f"unsupported file type '{path.suffix or '(none)'}': use {supported}")
    if data is None:
        data = read_bytes(path)
    if not data.strip():
        raise UnreadableFileError(str(path), "empty file")
    raw = loader(path, data)
    if not any(page.strip() for page in raw.pages):
        raise UnreadableFileError(str(path), "no text in the file")
    return raw
