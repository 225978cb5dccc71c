"""What a web page's metadata says of it that its visible text may not: its authors. Themes put the byline
in a header or a "meta" bar that goes with the page's furniture; schema.org's JSON-LD and ``<meta
name="author">`` are written by the content management system whatever the theme."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser

__all__ = ["page_authors"]

_NAME_CHARS = 80


def page_authors(tree: LexborHTMLParser) -> list[str]:
    """The page's authors by its metadata: schema.org's JSON-LD ("author": {"name": ...}), which content
    management systems write whatever their theme, and ``<meta name="author">``; a link is no name."""
    found = [node.attributes.get("content") or "" for node in tree.css('meta[name="author"]')]
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            found += _ld_authors(json.loads(node.text()))
        except ValueError:
            continue  # a page's broken metadata is no reason to lose its text
    names = [" ".join(name.split()) for name in found if isinstance(name, str)]
    return list(dict.fromkeys(n for n in names if n and len(n) <= _NAME_CHARS and "/" not in n and "@" not in n))


def _ld_authors(data: object) -> list[str]:
    """Every author's name in a JSON-LD document, however deeply its graph nests them."""
    found: list[str] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            author = item.get("author")
            for one in author if isinstance(author, list) else [author]:
                found += (
                    [one["name"]] if isinstance(one, dict) and "name" in one else [one] if isinstance(one, str) else []
                )
            stack.extend(value for key, value in item.items() if key != "author" and isinstance(value, dict | list))
    return found
