"""Evidence: how well a sentence answers a question, and where what it says is read.

A sentence's score: its meaning's similarity to the question and the question's rare words it contains,
half and half in English; plus small, named preferences (a span of the asked type, the named institute's own
section, the report whose period fits, a sentence linking two named institutes). What a sentence says is read
with its headings, its table's lead-in and its paragraph up to it, and is of the period it names.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from index.query import QueryInfo
from index.types import Hit
from ingest.orgs import BY_KEY, find_orgs, org_mentions, publishers_named, speaks_of_namesake
from ingest.periods import named_periods, period_fit
from ingest.sentences import split_sentences
from ingest.tables import HEADINGS, ROW, YEAR_ROW
from ingest.types import Chunk

from .counts import count_pattern
from .coverage import body_noun, writes_another, writes_body
from .names import found_in, named_in, other_ordinal, specific_terms
from .passages import PAIR, Unit
from .roles import names_holder, office_asked
from .spans import (
    count_spans,
    first_figure,
    holds_day,
    holds_type,
    left_open,
    names_currency,
    names_organisation_of,
    place_of,
)
from .terms import QuestionTerms, words
from .understanding import (
    DIRECT_TYPES,
    asked_attribute,
    holds_ratio,
    nationality_asked,
    organisation_noun,
    ratio_asked,
    type_words,
    without_context,
)

__all__ = [
    "attribute_missing",
    "CHECKED_TYPES",
    "QUANTITIES",
    "TYPED_WITHIN",
    "about",
    "holds_asked",
    "holds_asked_span",
    "in_period",
    "lead",
    "setting",
    "names_other_org",
    "names_word",
    "of_period",
    "score_units",
    "of_kind_asked",
    "seat",
    "weight",
]

CROSS_PRIOR = 0.02  # measured: 0.02 helped Korean hit@1 (0.67 -> 0.75), 0.05 and 0.1 hurt
HOME_BONUS = 0.1  # a sentence from the named institute's own section over one from another that mentions it
PERIOD_BONUS = 0.1  # a sentence from the report whose period fits the asked years best, as HOME_BONUS
TYPED_BONUS = 0.1  # a sentence holding a span of the asked type (a number, a place, ...) over one without
NAMED_SPAN_BONUS = 0.3  # a span the sentence calls what the question asks for ("320 participants", "the venue, X")
# Types whose absence is checkable: a sentence without any number cannot say "how many".
CHECKED_TYPES = frozenset({"number", "amount", "date", "place"})
QUANTITIES = frozenset({"number", "amount", "date"})  # exact spans: the quoted sentence itself must hold one
TYPED_WITHIN = 5  # the best sentence holding the asked type must rank among this many, or it is "not given"


def score_units(
    question: str,
    info: QueryInfo,
    kind: str,
    units: list[Unit],
    similarity: list[float],
    coverage: list[float],
    lexical: float,
    hits: list[Hit],
) -> None:
    counted = count_pattern(question)
    ratio = ratio_asked(question)
    specifics = specific_terms(question)
    noun = organisation_noun(question) if kind == "organisation" else None
    office = office_asked(without_context(question))  # "Who heads TIJ?": a sentence naming its director
    placed_by = _named_by_noun(type_words(question)) if kind == "place" else None
    # Retrieval's score relative to the best (fusion scores and CrossEncoder sigmoids are positive;
    # min-max scaling was tried and over-weighted tiny differences: Korean hit@5 0.917 -> 0.750).
    best_chunk = max(hit.score for hit in hits)
    retrieval = {h.chunk.chunk_id: h.score / best_chunk if best_chunk > 0 else 1.0 for h in hits}
    rank_of = {hit.chunk.chunk_id: rank for rank, hit in enumerate(hits)}
    for unit, sim, covered in zip(units, similarity, coverage, strict=True):
        unit.score = (1 - lexical) * sim + lexical * covered + 0.1 * retrieval[unit.chunk.chunk_id]
        if info.language != "en":
            # Across languages sentence similarity is blunt; retrieval's ranking is the better prior.
            unit.score += CROSS_PRIOR / (1 + rank_of[unit.chunk.chunk_id])
        if holds_asked(unit, kind, noun, info):
            unit.score += TYPED_BONUS  # "which city": the answer's words are rarely the question's
        if (kind == "place" and seat(unit, info)) or (office and names_holder(unit.text, office)):
            unit.score += TYPED_BONUS
        if placed_by and placed_by.search(unit.text):
            unit.score += NAMED_SPAN_BONUS  # "At which venue ...?": "The conference venue, the Finlandia Hall"
        if counted and counted.search(unit.text.lower()):
            unit.score += NAMED_SPAN_BONUS  # "How many participants" -> "320 participants"
        if ratio and holds_ratio(unit.text.split(PAIR)[0]):
            # "What share of the budget ...?" -> "(66.7 per cent of the total)", said first, not after the total
            unit.score += NAMED_SPAN_BONUS
        if kind in DIRECT_TYPES and other_ordinal(specifics, unit.text.split(PAIR)[0]):
            unit.score -= NAMED_SPAN_BONUS  # "the 43rd meeting": "The 44th meeting will be held ..." is another one
        if unit.pair:
            unit.score -= 0.02  # equal evidence: the shorter answer wins
        if info.years:  # "DUMA 2019-20": the 2019–20 report over the 2018–19 one, which shares a year
            unit.score += PERIOD_BONUS * period_fit(unit.chunk.covered_years, info.years)
        if len(info.orgs) == 1 and unit.chunk.org == info.orgs[0]:
            unit.score += HOME_BONUS  # the institute's own section speaks for it, a mention elsewhere less
        if len(info.orgs) > 1 and names_other_org(unit, info.orgs):
            unit.score += 0.2  # "how did HEUNI work with KICJ": a sentence linking the two


def _named_by_noun(nouns: list[str]) -> re.Pattern[str] | None:
    """A place introduced by the noun of the kind asked ("which venue": "the venue, the Finlandia Hall", "the
    venue was Kobe"; "which city": "the city of Montreal"), or None when the question names no such noun."""
    if not nouns:
        return None
    alternatives = "|".join(map(re.escape, nouns))
    return re.compile(rf"(?i:\b(?:{alternatives})s?)(?:,|\s+(?:is|was|were|are|of))\s+(?:the\s+)?[A-Z]")


def seat(unit: Unit, info: QueryInfo) -> bool:
    """Does ``unit`` give the seat of the institute asked about? "X, based in Tokyo," in X's own section
    (elsewhere "with X in Y" is often where something else happened)."""
    names = [name for key in info.orgs if key in BY_KEY for name in BY_KEY[key].names]
    return unit.chunk.org in info.orgs and place_of(unit.text, names)


def weight(
    clause: str, terms: dict[str, float], kind: str, specifics: list[str], own: dict[str, float] | None = None
) -> float:
    """How much of the question a clause answers: its words (IDF-weighted share), a span of the asked type,
    the question's names and figures; for a follow-up, its ``own`` words again (the clause saying what is
    asked now, not what was told before)."""
    weight = QuestionTerms.coverage(terms, clause)
    if own:  # the previous question's words locate the passage; the clause quoted says what is asked now
        weight = QuestionTerms.coverage(own, clause) + 0.25 * weight
    if kind in DIRECT_TYPES and holds_type(clause, kind):
        weight += 0.5
    return weight + 0.25 * sum(found_in(term, clause) for term in specifics)


def in_period(chunk: Chunk, info: QueryInfo, around: str) -> bool:
    """Does a passage speak of a year the question names: its report covers it, or the text around mentions
    it? ("How many attended UNAFEI's seminar in 2023?" is not answered by the 2020 report's seminar.)"""
    if not info.years or chunk.covers(info.years):
        return True
    return any(re.search(rf"(?<!\d){year}(?!\d)", around) for year in info.years)


def of_period(unit: Unit, asked: tuple[int, ...], kind: str, fiscal_starts: bool = False) -> bool:
    """Is what ``unit`` says (its figure, for a figure asked) of the asked years? A sentence's period is the
    one it names ("in 2019–20" fits "in 2020" and "FY2019-20", not "2020-21"), else the last one named before it
    in its paragraph ("In 2019–20 the Institute published 71 outputs. They were downloaded 704,000 times."),
    else its report's. Years far outside the report's period are about something else ("founded in 1981", "the
    2030 Agenda") and do not count, unless asked ("trained since 2013", "the congress in 2026"). ``fiscal_starts``:
    "FY2020" is the fiscal year starting in 2020, as the question reads it (index/query.py)."""
    wanted = set(asked)
    return any(years <= wanted or wanted <= years for years in _periods_said(unit, asked, kind, fiscal_starts))


def period_fit_of(unit: Unit, asked: tuple[int, ...], kind: str, fiscal_starts: bool = False) -> float:
    """How well the period ``unit`` speaks of fits the asked years, as ingest/periods.period_fit has it ("in
    2019": a sentence of 2019, 1.0; of 2019–20, 0.5); a day within them fits fully ("in July 2018 – June 2019":
    "at 30 June 2019")."""
    wanted, day = set(asked), holds_day(unit.text.split(PAIR)[0])
    return max(
        (
            1.0 if day and years <= wanted else period_fit(tuple(years), asked)
            for years in _periods_said(unit, asked, kind, fiscal_starts)
        ),
        default=0.0,
    )


def _periods_said(unit: Unit, asked: tuple[int, ...], kind: str, fiscal_starts: bool) -> list[set[int]]:
    """The periods ``unit`` speaks of, as of_period reads them (the whole report's when it is undated: nothing to
    compare)."""
    covered = unit.chunk.covered_years
    if not covered:
        return [set(asked)]
    near = range(min(covered) - 3, max(covered) + 2)
    wanted = set(asked)

    def periods(text: str) -> list[set[int]]:
        named = named_periods(text, fiscal_starts)
        return [set(years) for years in named if any(y in near or y in wanted for y in years)]

    # Of a pair, the first sentence with the figure speaks for it (the second is there as its continuation); a
    # length of time is no count ("within three months every prison ... closed. ... the 11,400 people held").
    parts = unit.text.split(PAIR)
    sentence = next((s for s in parts if _counts(s, kind)), None) or next(
        (s for s in parts if holds_type(s, kind)), unit.text
    )
    named = periods(sentence)
    if len(named) > 1 and (own := [p for clause in _figure_clauses(sentence, kind) for p in periods(clause)]):
        # "recorded 89 deaths in 2017–18, and our report was tabled on 28 March 2019": a figure's period is the
        # one of its own clause ("Finland — 2018: 412; 2019: 538": each figure's).
        named = own
    if not named:
        named = _carried(_before_in_paragraph(unit.chunk, sentence), sentence, periods) or [set(covered)]
    elif _ONWARDS.search(sentence):
        # "chaired by Ms. H until 31 December 2021 and by Mr. A thereafter": the sentence runs on to the end of
        # its report's period.
        named.append(set(range(max(max(years) for years in named), max(covered) + 1)))
    return named


# A sentence that opens by pointing back ("They were downloaded ...", "Of these, ...") goes on about the last one.
_BACK = re.compile(
    r"(?:they|these|those|this|it|its|their|of (?:these|them|which)|ils|elles|ces|cette|ce|ellos|ellas|estos|estas|"
    r"esta|este|de ellos)\b",
    re.I,
)
# The words a period may stand after at the head of its sentence and still frame it ("In 2019–20 the Institute
# ...", "During the biennium 2018–2019, ..."): later sentences of the paragraph go on in it.
_FRAME_WORDS = 4


def _carried(before: str, sentence: str, periods: Callable[[str], list[set[int]]]) -> list[set[int]]:
    """The period a sentence naming none inherits from its paragraph before it: the last one named, when that one
    frames its sentence or ``sentence`` points back to it. A period closing another sentence ("recorded 227
    incidents in 2016–17.") is that sentence's alone: "The Institute also released ..." is of the report's."""
    said = [s for s in split_sentences(before) if periods(s)]
    if not said:
        return []
    last = said[-1]
    head = " ".join(last.split()[:_FRAME_WORDS])
    # Pointing back in the present tense ("It is governed by ...") describes what is, at the report's time: it
    # does not go on in the period the sentence before ends on ("... coordinated the network in 2019–2020.").
    if (_BACK.match(sentence.lstrip()) and not _PRESENT.match(sentence.lstrip())) or periods(head):
        return periods(last)[-1:]
    return []


# The pointing-back word and the present tense of the verb after it ("It is ...", "They have ...").
_PRESENT = re.compile(
    rf"(?:{_BACK.pattern})\s+(?:(?:[a-z]+ly|also|still|now)\s+)?(?:is|are|has|have|remains|remain|es|son|tiene|tienen|est|sont|a|ont)\b",
    re.I,
)


_LENGTH_OF_TIME = re.compile(
    r"\s+(?:days?|weeks?|months?|years?|hours?|d[ií]as|semanas|meses|años|jours|semaines|mois|ans|개월|주|시간)\b", re.I
)


def _counts(sentence: str, kind: str) -> bool:
    """Does ``sentence`` hold a figure of ``kind`` that is not a length of time ("three months")?"""
    if kind != "number":
        return holds_type(sentence, kind)
    return any(not _LENGTH_OF_TIME.match(sentence, end) for _, end in count_spans(sentence))


# Where one clause of a sentence ends and another, with a period of its own, may begin.
_CLAUSES = re.compile(r";|,\s+(?:and|but|while|whereas|y|pero|mientras|et|mais|alors)\s+", re.I)


def _figure_clauses(sentence: str, kind: str) -> list[str]:
    """The clauses of ``sentence`` that hold a figure of ``kind`` (a count or a sum)."""
    clauses = _CLAUSES.split(sentence)
    return [clause for clause in clauses if first_figure(clause, kind) is not None]


# A period left open towards the report's end: "thereafter", "since then", "from then on", "desde entonces".
_ONWARDS = re.compile(
    r"\b(?:thereafter|since then|from then on|onwards?|ever since|desde entonces|a partir de entonces|depuis lors|"
    r"par la suite)\b",
    re.I,
)


def holds_asked_span(unit: Unit, kind: str) -> bool:
    """Does ``unit`` hold a span of ``kind``? A table's row holds an amount when its table's lead-in names the
    currency ("Contributions ... (in thousands of United States dollars):" over "European Union — 2021: 6,804")."""
    if holds_type(unit.text, kind):
        return True
    if kind != "amount" or not holds_type(unit.text, "number"):
        return False
    row = unit.text.split(PAIR)[0]
    # Or its column's heading does: "Total — 2020 (DKK): 8,900,000; 2019 (DKK): 8,200,000."
    columns = [cell.rsplit(":", 1)[0] for cell in row.partition(" — ")[2].split("; ")] if ROW.match(row) else []
    return any(map(names_currency, columns)) or names_currency(_table_lead_in(unit.chunk, row))


def lead(unit: Unit) -> str:
    """What a sentence is read with: its passage's headings, the lead-in of the table it is a row of, and its
    paragraph up to and including it."""
    sentence = unit.text.split(PAIR)[0]
    paragraph = _before_in_paragraph(unit.chunk, sentence)
    return f"{unit.chunk.context}\n{_table_lead_in(unit.chunk, sentence)}\n{paragraph} {unit.text.replace(PAIR, ' ')}"


def setting(unit: Unit) -> str:
    """Where a sentence stands: its passage's headings and its whole paragraph ("... in the United Arab Emirates
    in 2026. Preparations were made for the 15th general meeting")."""
    sentence = unit.text.split(PAIR)[0]
    text = unit.chunk.text
    at = text.find(sentence[:60])
    if at < 0:
        return f"{unit.chunk.context}\n{unit.text}"
    start = text.rfind("\n\n", 0, at) + 1
    end = text.find("\n\n", at + len(sentence))
    return f"{unit.chunk.context}\n{text[start : end if end >= 0 else len(text)]}"


def _table_line(text: str) -> bool:
    """Is ``text`` a table's row or heading line as ingest/tables.py writes them ("Perth — Detainees interviewed:
    418; ...", "Site | Detainees interviewed | ...")?"""
    return bool(ROW.match(text) or YEAR_ROW.match(text) or HEADINGS.fullmatch(text))


def _table_lead_in(chunk: Chunk, sentence: str) -> str:
    """For a table's row, the paragraph that introduces the table ("The Drug Use Monitoring in Australia program
    ... interviewed in the first three quarters of the year:"), above its other rows, and its line of column
    headings ("Income | 2020 (DKK) | 2019 (DKK)": what the rows' figures are); "" for any other sentence."""
    at = chunk.text.find(sentence[:60])
    if at < 0 or not _table_line(sentence.strip()):
        return ""
    headings = ""
    for paragraph in reversed(chunk.text[:at].split("\n\n")):
        paragraph = paragraph.strip()
        if paragraph.endswith(":"):
            return f"{paragraph}\n{headings}".strip()
        if paragraph and not _table_line(paragraph):
            break
        if HEADINGS.fullmatch(paragraph) and not headings:
            headings = paragraph
    return headings


def table_of(unit: Unit) -> str:
    """The lead-in and column headings of the table ``unit`` is a row of ("" if it is none)."""
    return _table_lead_in(unit.chunk, unit.text.split(PAIR)[0])


def _before_in_paragraph(chunk: Chunk, sentence: str) -> str:
    """The text of ``sentence``'s paragraph in ``chunk`` before it ("" when it opens the paragraph)."""
    at = chunk.text.find(sentence[:60])
    return chunk.text[:at].rsplit("\n\n", 1)[-1] if at > 0 else ""


def holds_asked(unit: Unit, kind: str, noun: str | None, info: QueryInfo) -> bool:
    """Does the sentence hold a span of the asked type? "Which institute ...?" is answered by a sentence that
    names an institute: one of the network's other than those asked about, one whose name says it is of
    the kind asked ("... Institute for ...", "... University"), or its section's own ("the Institute
    trained ...", shown under the institute's name); a body with a capitalised name is not enough."""
    if kind not in DIRECT_TYPES or not holds_type(unit.text, kind):
        return False
    if noun is None:
        return True
    named = {key for _, _, key in org_mentions(unit.text)} | ({unit.chunk.org} if unit.chunk.org else set())
    return bool(named - set(info.orgs)) or names_organisation_of(unit.text, noun)


def of_kind_asked(question: str, info: QueryInfo, units: list[Unit], order: list[int]) -> list[int]:
    """``order`` with the sentences near its top that name a body of the kind asked first. "Which Finnish institute
    ...?": a sentence placing a body in Finland; "Which university co-authored the study?": one naming a university
    ("Authorship of the study was shared with the University of Queensland") before the study's own sentence,
    closer to the question's words but naming another kind of body ("... held by the Australian Criminal
    Intelligence Commission")."""
    near, top = order[:TYPED_WITHIN], units[order[0]]
    if nationality := nationality_asked(question):
        first = [i for i in near if found_in(nationality, units[i].text)]
    elif (
        (noun := organisation_noun(question))
        and holds_type(top.text, "organisation")
        and not holds_asked(top, "organisation", noun, info)
    ):
        # (A sentence naming no body at all is its section's institute's: "The Centre produced a video ...".)
        first = [i for i in near if holds_asked(units[i], "organisation", noun, info)]
    else:
        return order
    return first + [i for i in order if i not in first]


def names_other_org(unit: Unit, keys: tuple[str, ...]) -> bool:
    """Does the sentence name one of ``keys`` other than the institute whose passage it is in?"""
    text = unit.text.lower()
    for key in keys:
        if key != unit.chunk.org and key in BY_KEY:
            if any(re.search(rf"(?<![a-z]){re.escape(n.lower())}(?![a-z])", text) for n in BY_KEY[key].names):
                return True
    return False


def about(text: str, chunk: Chunk, orgs: tuple[str, ...]) -> bool:
    """Is ``text`` (from ``chunk``) about one of ``orgs``: in its section, or naming it? A publisher outside the
    curated table is named by its name, in the text or its headings (its section in another body's report)."""
    if chunk.org in orgs and speaks_of_namesake(text, chunk.org):
        # Its own section speaks for it, unless the sentence speaks of a body named after the same word and not
        # of the institute ("The Basel Convention secretariat is located in Geneva", in the Basel Institute's
        # section; "The Institute worked with the Basel Committee" is the institute's own).
        return False
    if chunk.org in orgs or any(key in orgs for key in find_orgs(text)):
        return True
    publishers = [key for key in orgs if key not in BY_KEY]
    return bool(publishers) and bool(publishers_named(f"{chunk.context}\n{text}", publishers))


def names_word(word: str, unit: Unit) -> bool:
    """Does the sentence have ``word`` of a body's name, or spell out the acronym it is ("US": "United
    States")? The title and headings of its passage count too: in the Aurora Institute's own report, "The
    Institute signed ..." is the Aurora Institute signing."""
    where = (unit.text, f"{unit.chunk.title} {unit.chunk.context}")
    return any(named_in(word, text) for text in where)


def names_bodies(unit: Unit, bodies: list[tuple[str, list[str]]]) -> bool:
    """Does the sentence name each of ``bodies`` (name, the words that set it apart) the question names: one of
    its own words (names_word), and its noun phrase, if written, as that body's ("the Institute for Security
    Studies" alone is another body than "the EU Institute for Security Studies")?"""
    # Its noun too: "the Basel Institute on Governance" shares "Basel" with the Basel Committee, and is no committee.
    # Of a pair, the first sentence names it: a figure is not of a body named after it ("... to 64 investigators.
    # Not to be confused with the Basel Committee ..."); the second sentence is a candidate of its own.
    first = Unit(unit.text.split(PAIR)[0], unit.chunk, unit.score)
    return all(
        any(names_word(w, first) for w in own) and ((noun := body_noun(name)) is None or _names_noun(noun, first))
        for name, own in bodies
    ) and not another_body(unit, bodies)


def _names_noun(noun: str, unit: Unit) -> bool:
    """Does the sentence or its headings write the body's ``noun`` as a name's, capitalised ("the Network", "the
    Basel Committee")? A lower-case one is a common noun ("... in the European Union and in the United Nations
    crime prevention and criminal justice programme network" names no European Crime Prevention Network)."""
    capitalised = re.compile(rf"\b{re.escape(noun[:1].upper() + noun[1:])}\b")
    return any(capitalised.search(text) for text in (unit.text, f"{unit.chunk.title}\n{unit.chunk.context}"))


def another_body(unit: Unit, bodies: list[tuple[str, list[str]]]) -> bool:
    """Does the sentence write the noun phrase of one of ``bodies`` only as another body's ("In 2019, the
    Institute for Security Studies produced 212 publications" when the EU Institute for Security Studies is
    asked)? Then it is about that other body, whatever else it names."""
    # In the body's own report its headings name it: there "the Institute for ..." is the body itself.
    own = f"{unit.chunk.title} {unit.chunk.context}"
    return any(writes_another(name, unit.text) and not writes_body(name, own) for name, _ in bodies)


def attribute_missing(
    question: str, units: list[Unit], order: list[int], read: list[set[str]]
) -> tuple[str, Unit | None] | None:
    """For "What is the <attribute> of <thing>?": None when the best sentence near the top naming the attribute
    gives it; else the attribute, with that sentence when it names it only to say it is open ("on a theme to be
    decided") and None when no sentence names it ("impact stories" give no impact factor)."""
    if not (attribute := asked_attribute(question)):
        return None
    noun = set(words(attribute.split()[-1]))
    naming = [i for i in order[:TYPED_WITHIN] if noun <= read[i]]
    if not naming:
        return attribute, None
    return (attribute, units[naming[0]]) if left_open(units[naming[0]].text, attribute) else None
