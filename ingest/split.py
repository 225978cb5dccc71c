"""Split a structured document into chunks that never cross a section boundary."""

from __future__ import annotations

import hashlib
from bisect import bisect_right

from .orgs import find_orgs, org_display
from .types import Chunk, Document, Section

__all__ = ["split_document", "DEFAULT_CHUNK_SIZE", "DEFAULT_CHUNK_OVERLAP"]

# ~150 words: all-MiniLM-L6-v2 reads 256 word pieces at most, and the context path is prepended.
DEFAULT_CHUNK_SIZE = 900
DEFAULT_CHUNK_OVERLAP = 150


def split_document(
    doc: Document, chunk_size: int = DEFAULT_CHUNK_SIZE, chunk_overlap: int = DEFAULT_CHUNK_OVERLAP
) -> list[Chunk]:
    """Chunks of ``doc``: each leaf section (text between two headings) is split on its own."""
    # Imported here: the server reads this module's defaults (api/settings.py) and would otherwise pay for
    # langchain at every start-up (about a seventh of a second) without ever splitting anything.
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(
        chunk_size=chunk_size,
        chunk_overlap=chunk_overlap,
        separators=["\n\n", "\n", ". ", "; ", ", ", " ", ""],
        keep_separator="end",
        strip_whitespace=True,
    )
    chunks: list[Chunk] = []
    for start, end, section, path in _segments(doc):
        segment = doc.text[start:end]
        cursor = 0
        for piece in splitter.split_text(segment):
            found = segment.find(piece, cursor)
            if found < 0:  # the splitter only strips and cuts, so this should not happen
                found = segment.find(piece)
            chunk_start = start + found
            chunk_end = chunk_start + len(piece)
            cursor = found + 1
            chunks.append(_make_chunk(doc, piece, chunk_start, chunk_end, section, path))
    return chunks


def _segments(doc: Document) -> list[tuple[int, int, Section | None, list[Section]]]:
    """(start, end, leaf section, ancestor path) for the text under each heading, headings excluded."""
    heads = sorted(doc.sections, key=lambda s: s.start)
    out: list[tuple[int, int, Section | None, list[Section]]] = []
    first = heads[0].start if heads else len(doc.text)
    if doc.text[:first].strip():
        out.append((0, first, None, []))
    for i, section in enumerate(heads):
        body_start = section.start + len(section.heading)
        body_end = heads[i + 1].start if i + 1 < len(heads) else len(doc.text)
        path = [s for s in heads[: i + 1] if s.start <= section.start < s.end + 1 and s.level <= section.level]
        # Keep only the innermost ancestor per level: the path is report › III. › C.
        by_level: dict[int, Section] = {}
        for s in path:
            by_level[s.level] = s
        path = [by_level[level] for level in sorted(by_level)]
        if doc.text[body_start:body_end].strip():
            out.append((body_start, body_end, section, path))
    return out


def _make_chunk(doc: Document, text: str, start: int, end: int, section: Section | None, path: list[Section]) -> Chunk:
    org = section.org if section else doc.org
    context_parts = [doc.title, doc.period_label, org_display(org)]
    context_parts += [s.heading for s in path]
    context = " › ".join(p for p in context_parts if p)
    # The context is embedded with the text: a chunk whose context changed is another chunk to embed.
    digest = hashlib.sha256(f"{doc.doc_id}:{start}:{end}:{context}:{text}".encode()).hexdigest()[:16]
    return Chunk(
        chunk_id=digest,
        doc_id=doc.doc_id,
        title=doc.title,
        text=text,
        start=start,
        end=end,
        section=section.heading if section else None,
        org=org,
        year=doc.year,
        page=doc.page_at(start),
        paragraph=_paragraph_span(doc, start, end),
        context=context,
        mentions=tuple(find_orgs(text)),
        years=doc.years,
    )


def _paragraph_span(doc: Document, start: int, end: int) -> str | None:
    """ "10(b)" for a chunk inside one item, "10(b)–(d)" or "10(e)–11" across several."""
    if not doc.locators:
        return None
    offsets = [offset for offset, _ in doc.locators]
    first_i = bisect_right(offsets, start) - 1
    last_i = bisect_right(offsets, end - 1) - 1
    if last_i < 0:
        return None
    first = doc.locators[max(first_i, 0)][1] if first_i >= 0 else doc.locators[0][1]
    last = doc.locators[last_i][1]
    if first == last:
        return first
    head, sep, _ = first.partition("(")
    if sep and last.startswith(head + "("):
        return f"{first}–{last[len(head) :]}"
    return f"{first}–{last}"
