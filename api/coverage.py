"""What the collection covers: refusals for an institute or a year no report speaks of, and the line that
tells the user which reports are indexed."""

from __future__ import annotations

import re
from collections.abc import Callable

from index.lexical import stem_terms
from index.query import QueryInfo
from index.store import StoreBase
from index.types import Hit
from ingest.orgs import BODY_NOUNS, BY_KEY, fuzzy_orgs, org_display, org_mentions, publishers_named

from .names import named_bodies, named_in

__all__ = ["Coverage", "in_order", "name_words", "writes_another", "writes_body"]

LISTED_REPORTS = 6  # a refusal names each report the collection holds up to this many, else sums them up
NAME_SEARCH = 20  # passages searched for a body's name as a whole
_GAP = 2  # words allowed between two words of a name as a passage writes it
_ACRONYM = re.compile(r"\b(?![MDCLXVI]+\b)[A-Z]{3,}\b")  # "INACIPE"; not a Roman numeral ("XIX")
_TOKEN = re.compile(r"[^\W_]+")
_NEAR_CHARS = 40  # where the words that set a body apart are looked for, either side of its noun phrase
_JOINING = frozenset("of for the and on in at de du des la le el y et".split())


def name_words(text: str) -> list[str]:
    """The stemmed words of a name or a passage, without joining words ("the", "of", "for")."""
    return stem_terms(" ".join(word for word in re.findall(r"[^\W_]+", text.lower()) if word not in _JOINING))


def writes_body(name: str, text: str) -> bool:
    """Does ``text`` write the body ``name``? From its noun on, its words in order, a word or two between them
    allowed ("Ministry of Justice" in "Ministry of Law and Justice"); the words before its noun beside that,
    spelled out or as initials ("NYU's Center on International Cooperation": "the New York University
    Center on International Cooperation"; "the Institute for Security Studies ... with the support of the
    European Union" does not write "the EU Institute for Security Studies")."""
    return any(_body_places(name, text).values())


def writes_another(name: str, text: str) -> bool:
    """Does ``text`` write the noun phrase of ``name`` ("the Institute for Security Studies") only as another
    body's ("the EU Institute for Security Studies" asked)? A bare noun ("the Institute") refers, it names no
    body."""
    places = _body_places(name, text)
    return len(_name_parts(name)[1]) > 1 and bool(places) and not any(places.values())


def _body_places(name: str, text: str) -> dict[int, bool]:
    """Where ``text`` writes ``name`` from its noun on (offsets), each with whether the words before the noun
    stand just before it."""
    before, core = _name_parts(name)
    if not core:
        return {0: True}
    tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(text) if m.group().lower() not in _JOINING]
    stems = [next(iter(stem_terms(token)), "") for _, token in tokens]
    places = {}
    for first, last in starts_in_order(core, stems):
        at, end = tokens[first][0], tokens[last][0] + len(tokens[last][1])
        # Just before the noun ("the European Union Institute ...") or just after the phrase ("the Ministry of
        # Justice of Finland", "the Department of Justice of the United States").
        around = f"{text[max(0, at - _NEAR_CHARS) : at]} {text[end : end + _NEAR_CHARS]}"
        places[at] = all(named_in(w, around) for w in before if w)
    return places


def _name_parts(name: str) -> tuple[list[str], list[str]]:
    """A body's name as the words before its noun ("EU"), possessives dropped, and its stemmed words from the
    noun on ("Institute for Security Studies")."""
    noun = re.search(rf"\b(?:{BODY_NOUNS})\b", name)
    if not noun:
        return [], name_words(name)
    return [re.sub(r"['’]s$", "", w) for w in name[: noun.start()].split()], name_words(name[noun.start() :])


def body_noun(name: str) -> str | None:
    """The noun that says what kind of body ``name`` is ("Committee" of "the Basel Committee on Banking
    Supervision"), or None."""
    noun = re.search(rf"\b(?:{BODY_NOUNS})\b", name)
    return noun.group() if noun else None


def in_order(wanted: list[str], words: list[str]) -> bool:
    """Do ``wanted`` words occur in ``words`` in their order, at most _GAP other words between two of them?"""
    return bool(starts_in_order(wanted, words))


def starts_in_order(wanted: list[str], words: list[str]) -> list[tuple[int, int]]:
    """Where in ``words`` the ``wanted`` words occur in their order (in_order): first and last index."""
    found = []
    for start, word in enumerate(words):
        if word != wanted[0]:
            continue
        at, matched = start, 1
        for need in wanted[1:]:
            ahead = words[at + 1 : at + 2 + _GAP]
            if need not in ahead:
                break
            at += 1 + ahead.index(need)
            matched += 1
        if matched == len(wanted):
            found.append((start, at))
    return found


class Coverage:
    def __init__(self, store: StoreBase, in_collection: Callable[[str], bool] = lambda word: True) -> None:
        self.store = store
        self.in_collection = in_collection  # does any report use this word?
        self._line: str | None = None

    @staticmethod
    def other_bodies(question: str, orgs: tuple[str, ...]) -> list[tuple[str, list[str]]]:
        """The bodies the question names besides the institutes ``orgs`` it asks about, as
        names.named_bodies gives them. An asked institute under a variant of its name ("Basle
        Institute") is no other body: finding it is retrieval's."""
        ignore = [(start, end) for start, end, _ in org_mentions(question)]
        asked = set(orgs)
        return [
            (name, own)
            for name, own in named_bodies(question, ignore)
            if not set(fuzzy_orgs(name)) & asked and not publishers_named(name, [o for o in asked if o not in BY_KEY])
        ]

    def unknown_body(self, question: str, orgs: tuple[str, ...]) -> str | None:
        """The refusal for a body the question names and no report can be about: none of the words that set
        its name apart ("Max Planck" Institute) is used anywhere in the collection, or its name as a whole is
        written in none of the passages that share its words most ("the International Institute for Justice
        and the Rule of Law": every word is in the reports, the body is not; swapping in the Thailand
        Institute of Justice would be a confident wrong answer)."""
        for name, own in self.other_bodies(question, orgs):
            if not any(self.in_collection(word) for word in own) or not self._written(name):
                return f"The indexed reports say nothing about the {name}. {self.line()}"
        if not orgs:
            # A question on no institute the collection knows, naming one by initials no report uses or spells
            # out ("¿Qué hizo el INACIPE en 2020?"): in any language, as initials are not translated. (Beside a
            # known institute an unknown acronym may be the question's own spelling of a partner: "l'ONUDC".)
            for acronym in _ACRONYM.findall(question):
                if not self.in_collection(acronym):
                    return f"The indexed reports say nothing about {acronym}. {self.line()}"
        return None

    def _written(self, name: str) -> bool:
        """Is the body ``name`` written in a passage (writes_body)? Looked for in the passages BM25 ranks first
        for the name: a passage that holds every word of a name ranks near the top for it."""
        return any(writes_body(name, hit.chunk.text) for hit in self.store.bm25.search(name, NAME_SEARCH))

    def refusal(self, info: QueryInfo) -> str | None:
        """Why the reports cannot answer (an uncovered year or institute), or None."""
        if info.orgs:
            present = [key for key in info.orgs if key in self.store.orgs]
            if not present:
                names = " or ".join(org_display(key) or key for key in info.orgs)
                return f"The indexed reports say nothing about {names}. {self.line()}"
        # "What was NAUSS known as until 2002?": a year bounding an open period is no period asked.
        years = _asked(info)
        if years and not any(year in self.store.years for year in years):
            asked = ", ".join(str(y) for y in years)
            return f"The indexed reports do not cover {asked}. {self.line()}"
        return None

    def pairing(self, info: QueryInfo) -> str | None:
        """Institute and year both covered, but never together: say where the institute does appear."""
        # "UNICRI in 2023" when UNICRI appears only in the 2020 report. (Uncovered institutes or years
        # are refusal()'s.)
        asked = _asked(info)
        if not (info.orgs and asked) or self.refusal(info):
            return None
        together = {(org, year) for org, year in self.store.org_years if org in info.orgs}
        if not any((o, y) in together for o in info.orgs for y in asked):
            names = " or ".join(org_display(key) or key for key in info.orgs)
            years = sorted({y for o, y in together if y})
            return (
                f"The indexed reports say nothing about {names} in {', '.join(map(str, asked))}; "
                f"they cover it in {', '.join(map(str, years))}."
            )
        return None

    def line(self) -> str:
        """ "They cover 2023 (Annual Report …); 2020 (Activities of …)." A collection of more reports than a
        sentence can name is summed up by count and years: "They cover 1,000 reports, 2008–2015 and 2018." """
        if self._line is None:
            dated = [doc for doc in self.store.documents if doc.years]
            if len(dated) <= LISTED_REPORTS:
                reports = [f"{doc.period_label} ({_short_title(doc.title)})" for doc in dated]
                self._line = "They cover " + "; ".join(reports) + "." if reports else ""
            else:
                self._line = f"They cover {len(dated):,} reports, {_year_ranges(self.store.years)}."
        return self._line

    def no_answer(self) -> str:
        return (
            f"The indexed reports do not answer this question. {self.line()} "
            "Try naming an institute, a project or a year."
        )

    @staticmethod
    def year_mentioned(info: QueryInfo, hits: list[Hit]) -> bool:
        return bool(info.years) and any(str(y) in hit.chunk.text for y in info.years for hit in hits)


def _year_ranges(years: list[int]) -> str:
    """ "2008–2015, 2017 and 2019–2020" from sorted distinct years."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    parts = [f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _short_title(title: str, words: int = 8) -> str:
    parts = title.split()
    return title if len(parts) <= words else " ".join(parts[:words]) + " …"


def _asked(info: QueryInfo) -> tuple[int, ...]:
    """The years ``info`` asks about, without those bounding an open period ("until 2002", "since 2015")."""
    return tuple(year for year in info.years if year not in info.bounds)
