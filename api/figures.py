"""Figures: the sentences that can answer "how many", "how much" or "when" with the figure asked, or a refusal
that says the reports do not give it.

A figure is an exact span, so the quoted sentence itself must hold one: of the period asked, beside every name
and figure the question gives, counting what "how many" asks about, and on the question's subject (its words or
its meaning). Facts (facts.py) asks this of a question whose answer type (understanding.py) is a figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from index.lexical import stem_terms
from index.query import QueryInfo
from index.types import Embedder
from ingest.periods import label_years
from ingest.tables import ROW

from .counts import asked_count, asked_in, counts_asked, part_asked, partitive
from .evidence import TYPED_WITHIN, holds_asked_span, lead, of_period, period_fit_of, table_of
from .follow_ups import own_of
from .meaning import Meaning
from .names import months_named, named_in
from .passages import PAIR, Unit
from .refusals import not_given
from .roles import people_in
from .spans import holds_day
from .terms import QuestionTerms, words
from .types import Composed
from .understanding import asks_day, sum_names, sums_asked, without_context
from .year_parts import dated_within, part_said, parts_asked

__all__ = ["Ranked", "figure_order"]


@dataclass(frozen=True)
class Ranked:
    """One question's candidate sentences as Facts measured them: each one's meaning (``similarity``) and share
    of the question's words (``coverage``), weighed by ``lexical``."""

    question: str
    info: QueryInfo
    kind: str
    units: list[Unit]
    similarity: list[float]
    coverage: list[float]
    lexical: float
    terms: dict[str, float]
    specifics: list[str]

    def relevance(self, i: int, read: str | None = None) -> float:
        """Sentence ``i``'s meaning and share of the question's words, the words read in ``read`` if given."""
        coverage = self.coverage[i] if read is None else QuestionTerms.coverage(self.terms, read)
        return (1 - self.lexical) * self.similarity[i] + self.lexical * coverage


def figure_order(
    r: Ranked,
    order: list[int],
    embedder: Embedder,
    meaning: Meaning,
    names_all: Callable[[Unit], bool],
    floor: float,
) -> list[int] | Composed:
    """``order`` with the sentences holding the asked figure first, or the refusal when none near the top does.
    ``names_all``: is every name and figure of the question named where a sentence's figure is read, or by its
    report's first page (which report the question means)? ``floor``:
    the relevance an English sentence with a figure needs when it shares the question's words."""
    question, info, kind, units = without_context(r.question), r.info, r.kind, r.units
    top = units[order[0]]
    # "How many people attended ...?" is answered by a sentence with a count in it, or not at all.
    labelled, named_rows, introduced = _rows_asked(r, order)
    near = set(order[:TYPED_WITHIN]) | labelled | set(named_rows) | introduced
    typed = [i for i in order if i in near and holds_asked_span(units[i], kind)]
    # Of a table's rows, the total answers a question naming none of them (among rows: prose keeps its place).
    if not labelled:
        in_rows = [i for i in typed if ROW.match(units[i].text)]
        totals = iter(sorted(in_rows, key=lambda i: not _TOTAL.match(units[i].text)))
        typed = [next(totals) if ROW.match(units[i].text) else i for i in typed]
    if kind == "date" and asks_day(question):  # "On what date ...?": "in January 2020" does not say
        typed = [i for i in typed if holds_day(units[i].text)]
    if info.years:  # "How many outputs in 2020-21?" is not answered by "In 2019–20 ... 71 outputs"
        timely = [i for i in typed if of_period(units[i], info.years, kind, info.fiscal_starts)]
        if typed and not timely:
            return not_given(kind, units[typed[0]], when=label_years(min(info.years), max(info.years)))
        # "in calendar year 2019": a figure of 2019 before one of the fiscal year 2019–20 it overlaps.
        typed = sorted(timely, key=lambda i: -period_fit_of(units[i], info.years, kind, info.fiscal_starts))
    if kind != "date" and (parts := parts_asked(question)):
        # "in the second half of 2022" is not answered by "2022 (Jan.-June): 1,640" nor by the year's "2022: 3,300",
        # "at the end of 2018" not by "13 at the beginning of 2018": a figure answers when it is dated to the part
        # asked, by its sentence or its headings ("Semi-annual report, January-June 2022").
        within = [i for i in typed if dated_within(_headed(units[i]), parts)]
        if typed and not within:
            return not_given(kind, units[typed[0]], when=part_said(question))
        typed = within
    if r.specifics:
        # "How many prisoners did Finland release?" is not answered by "Norway and Sweden released 412 and 386": a
        # figure answers when its sentence, its paragraph up to it or its headings name every name and figure the
        # question gives ("How many did Finland release because of COVID-19?" is not answered by a count beside
        # COVID-19 alone).
        typed = [i for i in typed if names_all(units[i])]
        if kind != "date" and (months := months_named(question)):
            typed = [i for i in typed if not _dated_otherwise(units[i], kind, months)]
        # A person's figure is one they gave or achieved: read beside their name ("“In Thailand alone, there are
        # more than 31,000 women behind bars”", in the paragraph naming the speaker), before a figure whose page
        # names them only at its top. (A page's top does name the report a question means: not a person.)
        named = {word for person in people_in(question) for word in person.split()}
        beside = [i for i in typed if all(named_in(t, lead(units[i])) for t in r.specifics if t in named)]
        typed = beside + [i for i in typed if i not in beside]
        # A table's row for the name asked gives that name's figure ("Perth — Detainees interviewed: 601"); a
        # sentence naming it among others ("2,815 detainees in Adelaide, Brisbane, Perth ...") their total.
        typed = [i for i in typed if i in labelled] + [i for i in typed if i not in labelled]
    # The row named gives the figure asked, before the row of one source of it (and after the sum called so).
    typed = [i for i in named_rows if i in typed] + [i for i in typed if i not in named_rows]
    if kind == "amount" and (sums := sums_asked(question)):
        # "What was UNICRI's total expenditure ...?": the sum called so ("with expenditure of USD 21.6 million")
        # before other sums beside it (a grant, the value of premises).
        # (A table's row is called so by its headings: "Income | 2020 (DKK) | 2019 (DKK)" over "Total — ...".)
        said = {i: set(words(f"{table_of(units[i])} {units[i].text}")) for i in typed}
        names = [name for noun in sums for name in sum_names(noun)]  # a budget is a "presupuesto" on a Spanish page
        called = [i for i in typed if any(set(words(name)) <= said[i] for name in names)]
        if not called and any(_PARTICULAR_SUM.fullmatch(name) for name in names):
            # "What was UNAFRI's total annual budget?": a budget is no workshop's funding nor arrears of
            # contributions; a sum no sentence calls so is not given.
            return not_given(kind, top)
        typed = called + [i for i in typed if i not in called]
    asked = asked_count(question) if kind == "number" else []
    if asked:  # a table's row of sums counts no people ("Research grants — 2020 (NOK): 5,800,000.")
        typed = [i for i in typed if not (ROW.match(units[i].text) and holds_asked_span(units[i], "amount"))]
    if asked and typed:  # "how many people": "320 participants", not "8 volumes"
        # Word meaning is the English model's: the multilingual one rates any two words alike.
        language = asked_in(question, info.language)
        counting = counts_asked([units[i].text for i in typed], asked, embedder, language, partitive(question))
        typed = [i for i, counts in zip(typed, counting, strict=True) if counts]
    if kind == "number" and (part := part_asked(question)):
        # "How many of the 64 officers came from Viet Nam?": a figure in a sentence saying the part asked, not the
        # group's own count nor another part's ("Women made up 41 of the 64 participants").
        typed = [i for i in typed if _says_part(units[i], kind, part)]
    if r.terms and info.language == "en":
        # "How many staff does TIJ employ?" is not answered by "a seminar for 70 senior prosecutors": a figure's
        # sentence shares the question's words, or its meaning without them ("When was NAUSS founded?": "was
        # established in 1978").
        meant = meaning.saying(r.question, units, [i for i in typed if r.coverage[i] == 0])
        typed = [i for i in typed if r.coverage[i] > 0 or i in meant]
        # Of a pair, the sentence with the figure shares the question's words too: "... with expenditure of USD
        # 21.6 million." then "The Institute opened a liaison office in Brussels" gives no cost of the office.
        typed = [i for i in typed if _figure_on_topic(units[i], kind, r.terms)]
    if not typed:
        return not_given(kind, top)
    # In English the sentence with the figure must itself be relevant ("198,666 views" does not answer "how many
    # staff"), unless it was found to say what is asked by meaning alone; across languages sentence scores are
    # too blunt for that second bar.
    if info.language == "en":
        # (Each one: a sentence of exactly the period asked may be an aside, "EUR 760,000 a year", ranked above
        # the relevant sentence whose period only overlaps.) A follow-up's figure is relevant when its sentence
        # says every word the follow-up adds to what was asked before ("How many of the participants were
        # women?": "Women made up 41 of the 64 participants"): the earlier question's words say which event.
        own = own_of(r.question, r.terms)
        typed = [
            i
            for i in typed
            if r.coverage[i] == 0
            or r.relevance(i, _headed(units[i])) >= floor
            or (own and QuestionTerms.coverage(own, units[i].text) == 1.0)
        ]
        if not typed:
            return not_given(kind, top)
    return typed + [i for i in order if i not in typed]


# Sums of a particular kind, which a sentence names when it gives one (not "cost" or "amount", said of any sum,
# nor "spending", often given as "expenditure").
_PARTICULAR_SUM = re.compile(r"budget|income|revenues?|salary|fees?|price|presupuesto|ingresos|recettes", re.I)


def _rows_asked(r: Ranked, order: list[int]) -> tuple[set[int], list[int], set[int]]:
    """The table rows that count wherever they rank, as they have few words of their own to rank by: those
    labelled by a name the question gives ("Guatemala — Participantes: 41."; not by a word of the asked
    institute's own name: "Nordic Council of Ministers" is no row of the Nordic Centre); those the question names
    by their whole label, in rank order ("total income": "Total — 2020 (DKK): 8,900,000; ..."); and the rows of a
    table whose lead-in ranks near the top ("The number of professionals trained ... is shown below by country:"),
    where the figure of one year may be ("Total — 2018: 808; 2019: 1,062.")."""
    units = r.units
    rows = [i for i in order if ROW.match(units[i].text)]
    own = {word for org in r.info.orgs for word in org.split()}
    labelled = {i for i in rows if _labelled_row(units[i].text, [t for t in r.specifics if t not in own])}
    asked_words = set(words(without_context(r.question)))
    named = [i for i in rows if _label_words(units[i].text) <= asked_words]
    leads = {units[i].text for i in order[:TYPED_WITHIN] if units[i].text.rstrip().endswith(":")}
    introduced = {i for i in rows if leads and any(lead in table_of(units[i]) for lead in leads)}
    return labelled, named, introduced


def _figure_on_topic(unit: Unit, kind: str, terms: dict[str, float]) -> bool:
    """Is ``unit``'s figure said of what the question asks? Of a pair, a figure only in the second sentence is of
    the first's subject (it refers back to it: "The online workshop was attended by 31 participants"), one only
    in the first is not of the second's ("... with expenditure of USD 21.6 million." then "The Institute opened a
    liaison office in Brussels" gives no cost of the office): its own sentence must share the question's words."""
    first, *rest = unit.text.split(PAIR)
    if not rest or any(holds_asked_span(replace(unit, text=part), kind) for part in rest):
        return True
    return QuestionTerms.coverage(terms, first) > 0


def _says_part(unit: Unit, kind: str, part: list[str]) -> bool:
    """Does a sentence of ``unit`` that holds its figure say one of the words of ``part``?"""
    stems = set(stem_terms(" ".join(part)))
    sentences = unit.text.split(PAIR)
    return any(holds_asked_span(replace(unit, text=s), kind) and stems & set(stem_terms(s)) for s in sentences)


def _dated_otherwise(unit: Unit, kind: str, months: set[int]) -> bool:
    """Is ``unit``'s figure dated, in its own clause, to other months than ``months`` (those asked)? "... the first
    in Vienna on 20 May, attended by 31 representatives; and the second in Bangkok on 7 and 8 November" gives no
    count for November's meeting, though its sentence names November."""
    clauses = [clause for part in unit.text.split(PAIR) for clause in part.split("; ")]
    dated = [months_named(c) for c in clauses if holds_asked_span(replace(unit, text=c), kind)]
    return bool(dated) and all(named and not named & months for named in dated)


def _headed(unit: Unit) -> str:
    """A sentence with the headings it stands under (its report's title, its sections): "The workshop was funded by
    the Government of Japan (JPY 9.8 million)" is on "the Chiang Mai workshop on women prisoners" its page's title
    names; a table's row is read with its lead-in and column headings ("Income | 2020 (DKK) | 2019 (DKK)")."""
    return f"{unit.chunk.context}\n{table_of(unit)}\n{unit.text}"


# A table's row of totals, by its label: "Total — 2018: 808; 2019: 1,062.", "Total general — ...", "합계 — ...".
_TOTAL = re.compile(r"(?:total(?:es)?|totale|overall|all|sum|합계|총계|계)\b[^—]{0,20} — ", re.I)


def _label_words(row: str) -> set[str]:
    """The content words of a table row's label ("Total — ...": {"total"}); {""} when it has none ("Other")."""
    return set(words(row.split(" — ")[0])) or {""}


def _labelled_row(text: str, specifics: list[str]) -> bool:
    """Is ``text`` a table's row whose label (before its " — ") names one of ``specifics``?"""
    return bool(ROW.match(text)) and any(named_in(term, text.split(" — ")[0]) for term in specifics)
