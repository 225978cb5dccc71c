"""The collection's words, counted once at ingest and kept in the index (``lexicon.json``), so that neither
start-up nor the first question makes a pass over every chunk: the speller's word counts and spelled-out
acronyms (index/spelling.py) and each content stem's document frequency (the answer layer's IDF)."""

from __future__ import annotations

import hashlib
import inspect
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from . import lexical
from .lexical import document_frequencies, without_accents
from .spelling import WORD, spelled_out

__all__ = ["Lexicon", "LEXICON_FILE", "lexicon_version"]

LEXICON_FILE = "lexicon.json"


def counting_source() -> str:
    """The code that decides what is counted: this module and the speller's whole, and of index/lexical.py the
    tokenizer and what it reads with (its token pattern, stop words, stemmer), not the searches beside them."""
    package = resources.files("index")
    counting = (lexical.stem_terms, lexical.without_accents, lexical.document_frequencies, lexical._tokenize)
    constants = (
        lexical._TOKEN.pattern,
        repr({name: sorted(words) for name, words in lexical._STOPWORDS.items()}),
        lexical._STEMMER_LANGUAGE,
    )
    return "\n".join(
        [*((package / name).read_text(encoding="utf-8") for name in ("lexicon.py", "spelling.py"))]
        + [inspect.getsource(function) for function in counting]
        + list(constants)
    )


@cache
def lexicon_version() -> str:
    """A digest of the code that decides what is counted: a lexicon counted by older code is counted again,
    as ingest/version.py does for documents."""
    return hashlib.sha256(counting_source().encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Lexicon:
    chunks: int = 0
    words: Counter[str] = field(default_factory=Counter)  # lower-cased word -> occurrences
    initials: frozenset[str] = frozenset()  # acronyms the text spells out ("nyu": "New York University")
    stems: dict[str, int] = field(default_factory=dict)  # content stem (accents dropped) -> chunks with it

    @classmethod
    def of(cls, texts: Sequence[str]) -> Lexicon:
        words, initials = _counted(texts, Counter(), set())
        return cls(
            len(texts), words, initials, document_frequencies([without_accents(t) for t in texts], stopwords="en_plus")
        )

    def with_texts(self, texts: Iterable[str]) -> Lexicon:
        """This lexicon with ``texts``' words and acronyms added (not counted as chunks)."""
        words, initials = _counted(texts, Counter(self.words), set(self.initials))
        return Lexicon(self.chunks, words, initials, self.stems)

    def frequency(self, stems: Iterable[str]) -> int:
        """Chunks holding any of ``stems`` (at most, a sum: a chunk with two of them counts twice, capped)."""
        return min(self.chunks, sum(self.stems.get(stem, 0) for stem in stems))

    def save(self, directory: Path) -> None:
        data = {
            "version": lexicon_version(),
            "chunks": self.chunks,
            "words": self.words,
            "initials": sorted(self.initials),
            "stems": self.stems,
        }
        (directory / LEXICON_FILE).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> Lexicon | None:
        """The lexicon kept in ``directory``; None when older code counted it (the caller counts it again)."""
        data = json.loads((directory / LEXICON_FILE).read_text(encoding="utf-8"))
        if data.get("version") != lexicon_version():
            return None
        return cls(int(data["chunks"]), Counter(data["words"]), frozenset(data["initials"]), dict(data["stems"]))


def _counted(texts: Iterable[str], words: Counter[str], initials: set[str]) -> tuple[Counter[str], frozenset[str]]:
    """``words`` and ``initials`` with every text's lower-cased words and spelled-out acronyms added."""
    for text in texts:
        words.update(w.lower() for w in WORD.findall(text))
        initials |= spelled_out(text)
    return words, frozenset(initials)
