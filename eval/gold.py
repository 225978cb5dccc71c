"""The gold set: JSON Lines of questions with expected answers and the passages that answer them."""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import InputError

__all__ = [
    "GoldItem",
    "TYPES",
    "ALL_GROUPS",
    "DIRECT",
    "SPLITS",
    "COLLECTION_SPLITS",
    "DEV_FLOORS",
    "COLLECTION_DEV_FLOORS",
    "COLLECTION_TEST_FLOORS",
    "in_files",
    "load_gold",
    "load_split",
    "fold",
    "standalone_twins",
]

# "korean" is the independent writer's type for a question asked in Korean (its language, not its shape).
TYPES = ("fact", "number", "list", "acronym", "summary", "cross", "compound", "followup", "korean", "unanswerable")
ALL_GROUPS = frozenset({"list", "compound"})  # every answer group must be in the answer; one for the others
DIRECT = frozenset({"fact", "number"})  # a direct question wants a short answer (metrics.MAX_DIRECT_CHARS)
GOLD_DIR = Path(__file__).parent / "gold"
DEFAULT_GOLD = GOLD_DIR / "gold.jsonl"
# dev: tune on it. test: the gate; never used to choose a rule or a number (eval/gold/README.md).
SPLITS = {
    "dev": tuple([DEFAULT_GOLD] + [GOLD_DIR / f"dev-{n}.jsonl" for n in range(2, 8)]),
    "test": (GOLD_DIR / "independent-1.jsonl", GOLD_DIR / "test-2.jsonl"),
}
# Questions on the test collection (eval/collection/), answered from an index of corpus/ and the collection
# together: reports the system never saw, in other layouts and periods. Split like the rest: tune on dev.
COLLECTION_SPLITS = {
    "collection dev": tuple(
        GOLD_DIR / name
        for name in (
            "collection-dev.jsonl",
            "collection-dev-2.jsonl",
            "collection-dev-3.jsonl",
            "collection-dev-4.jsonl",
            "collection-dev-5.jsonl",
            "collection-dev-6.jsonl",
            "collection-dev-7.jsonl",
            "collection-dev-8.jsonl",
            "collection-dev-9.jsonl",
        )
    ),
    "collection test": tuple(
        GOLD_DIR / name
        for name in (
            "collection-test.jsonl",
            "collection-test-2.jsonl",
            "collection-test-3.jsonl",
            "collection-test-4.jsonl",
            "collection-test-5.jsonl",
            "collection-test-6.jsonl",
            "collection-test-7.jsonl",
        )
    ),
}
# The dev split's floors (eval/thresholds.toml table -> the files it holds for): each group's floors were set
# when it was measured, so a batch of fresh questions gets floors of its own instead of pulling older ones down.
DEV_FLOORS = {
    "dev_split": ("gold.jsonl", "dev-2.jsonl"),
    "dev_3": ("dev-3.jsonl",),
    "dev_4": ("dev-4.jsonl",),
    "dev_5": ("dev-5.jsonl",),
    "dev_6": ("dev-6.jsonl",),
    "dev_7": ("dev-7.jsonl",),
}
COLLECTION_DEV_FLOORS = {
    "collection_dev": ("collection-dev.jsonl",),
    "collection_dev_2": ("collection-dev-2.jsonl",),
    "collection_dev_3": ("collection-dev-3.jsonl",),
    "collection_dev_4": ("collection-dev-4.jsonl",),
    "collection_dev_5": ("collection-dev-5.jsonl",),
    "collection_dev_6": ("collection-dev-6.jsonl",),
    "collection_dev_7": ("collection-dev-7.jsonl",),
    "collection_dev_8": ("collection-dev-8.jsonl",),
    "collection_dev_9": ("collection-dev-9.jsonl",),
}
COLLECTION_TEST_FLOORS = {  # as the dev batches: a fresh batch is measured on its own
    "collection_test": ("collection-test.jsonl",),
    "collection_test_2": ("collection-test-2.jsonl",),
    "collection_test_3": ("collection-test-3.jsonl",),
    "collection_test_4": ("collection-test-4.jsonl",),
    "collection_test_5": ("collection-test-5.jsonl",),
    "collection_test_6": ("collection-test-6.jsonl",),
    "collection_test_7": ("collection-test-7.jsonl",),
}


def in_files(files: tuple[str, ...]) -> Callable[[GoldItem], bool]:
    """Selects the questions of the gold files named ``files`` (for Run.subset)."""
    return lambda item: item.source in files


@dataclass(frozen=True)
class GoldItem:
    id: str
    type: str
    question: str
    answers: tuple[str, ...]  # groups of "a|alt" alternatives
    gold: tuple[str, ...]  # verbatim substrings of the passages that answer it
    history: tuple[dict[str, str], ...] = field(default=())
    lang: str = "en"  # the question's language (optional "lang" field; the reports are in English)
    # A followup's question with its referent spelled out (optional "standalone" field): the eval asks
    # both and reports the gap, which measures the follow-up resolution alone.
    standalone: str | None = None
    kind: str | None = None  # how it is asked (optional): which-org, where, keyword, typo, two-part, ...
    source: str = ""  # the gold file's name: floors may hold for one file of a split

    @property
    def answerable(self) -> bool:
        return self.type != "unanswerable"


def fold(text: str) -> str:
    """Unicode NFKC, lower case, whitespace runs to one space, Markdown emphasis marks dropped ("*UNAFEI
    Newsletter*" in a source file is "UNAFEI Newsletter" in its cleaned passage): how answers and passages are
    compared."""
    text = re.sub(r"\*+", "", unicodedata.normalize("NFKC", text))
    return re.sub(r"\s+", " ", text).strip().lower()


def load_gold(path: Path = DEFAULT_GOLD) -> list[GoldItem]:
    """Read and check a gold file; a bad line is an error naming the line and the fix."""
    items: list[GoldItem] = []
    seen: set[str] = set()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"Cannot read the gold file {path}: {exc.strerror or exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: not valid JSON ({exc.msg})") from exc
        missing = {"id", "type", "question", "answers", "gold"} - set(row)
        if missing:
            raise InputError(f"{where}: missing field(s) {', '.join(sorted(missing))}")
        if row["type"] not in TYPES:
            raise InputError(f"{where}: type '{row['type']}' is not one of {', '.join(TYPES)}")
        if row["id"] in seen:
            raise InputError(f"{where}: duplicate id '{row['id']}'")
        if (row["type"] == "unanswerable") != (not row["answers"] and not row["gold"]):
            raise InputError(f"{where}: unanswerable items (and only they) have empty answers and gold")
        if row["type"] == "followup" and not row.get("history"):
            raise InputError(f"{where}: a followup item needs a history")
        if row.get("standalone") is not None and row["type"] != "followup":
            raise InputError(f"{where}: only a followup item has a standalone question")
        seen.add(row["id"])
        items.append(
            GoldItem(
                id=row["id"],
                type=row["type"],
                question=row["question"],
                answers=tuple(row["answers"]),
                gold=tuple(row["gold"]),
                history=tuple(row.get("history") or ()),
                lang=str(row.get("lang") or ("ko" if row["type"] == "korean" else "en")),
                standalone=row.get("standalone") or None,
                kind=row.get("kind") or None,
                source=path.name,
            )
        )
    if not items:
        raise InputError(f"The gold file {path} holds no questions.")
    return items


def load_split(name: str) -> list[GoldItem]:
    """The questions of a split ("dev" or "test"), from all its files; ids must be unique across them."""
    items = [item for path in {**SPLITS, **COLLECTION_SPLITS}[name] for item in load_gold(path)]
    ids = [item.id for item in items]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise InputError(f"The {name} split repeats question ids: {', '.join(duplicates)}")
    return items


def standalone_twins(items: list[GoldItem]) -> list[GoldItem]:
    """The followup items that have a standalone question, asked standalone (no history)."""
    return [
        dataclasses.replace(item, id=item.id + "~standalone", question=item.standalone, history=())
        for item in items
        if item.type == "followup" and item.standalone
    ]
