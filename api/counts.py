"""Counts: is a sentence's number a count of what "how many" asks about?

"How many people attended the forum?" is not answered by "8 volumes" or "three open forums", however close
the sentence's meaning: the number must count the asked thing. The counted words are the few after a number
("320 participants from ...", "a total of five times"); they count the asked thing when they are the same
word or close in meaning ("people" / "participants"), by the embedder's word similarity.
"""

from __future__ import annotations

import re
from itertools import dropwhile, takewhile

from index.lexical import stem_terms
from index.query import detect_language
from index.types import Embedder
from ingest.tables import YEAR_ROW

from .spans import count_spans, names_money
from .understanding import without_context

__all__ = [
    "asked_count",
    "asked_in",
    "partitive",
    "part_asked",
    "count_pattern",
    "counts_asked",
    "KO_COUNTERS",
    "SAME_THING",
]

# Word similarity (all-MiniLM-L6-v2) above which a counted word names the asked thing. Chosen on the dev
# split; probes: people/participants 0.65, people/practitioners 0.31, people/volumes 0.18, people/forums 0.26.
SAME_THING = 0.3
LABEL_WORDS = 12  # a table row's label ("Positive for methamphetamine (%)") is a noun phrase, not a sentence
COUNTED_WORDS = 4  # words after a number that may name what it counts ("23 senior criminal justice officials")
# "how many <noun phrase> ...": the words after it, up to punctuation; ``asked_count`` ends the phrase at its verb
# ("How many Cambodian ministry officers | attended ...", "How many people | came to ...").
_HOW_MANY = re.compile(r"\bhow many ([a-z-]+(?: [a-z-]+)*)", re.I)
# Verbs that end the phrase though neither past nor irregular: auxiliaries, and "work" ("how many people work").
_AUXILIARIES = frozenset("did do does were was are is have has had will can could would should may might work".split())
# "How many of the <group> were <what is counted>?": the count is of the group's members that are so.
_HOW_MANY_OF = re.compile(
    r"\bhow many of (?:the|its|their|these|those)\s+([^?]*?)\s+(?:were|are|was|is)\s+((?:[a-z-]+ ){0,2}?[a-z-]+)"
    r"(?=\s*[?,.]|\s+(?:in|from|at|on|during|by)\b|\s*$)",
    re.I,
)
# "How many of the <group> <verb> ...?", whatever the verb: the group's words, then the verb and the part it says.
_HOW_MANY_OF_ANY = re.compile(r"\bhow many of (?:the|its|their|these|those)\s+([^?]+)", re.I)
_NUMBER_WORDS = r"\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred|thousand"
# Words between a number and what it counts, which name nothing.
_PAST = re.compile(r"[a-z]{3,}ed$")
_FILLER = frozenset("of the a an more than over some about around approximately nearly almost total and".split())
_STOPS = frozenset(
    "from in on at to with for by who which that since during after before as per across between into under "
    "is are was were has have had "
    "à au aux dans pour par avec sur sous entre chez dont qui "  # French and Spanish: "2 400 ménages à Abidjan"
    "en con para por sobre desde hacia del al que".split()
)  # what it counts ends
_BEING = frozenset("were was are is".split())
# Languages whose noun comes first in its phrase ("531 participants étrangers", "96 magistrados penales").
_HEAD_FIRST = frozenset({"es", "fr", "pt", "it"})


# English past forms not ending in -ed: a closed class of the language, like the determiners.
_IRREGULAR_VERBS = frozenset(
    """held made built led met taught given taken seen sent brought caught found known paid run said sold spent
    told won written chosen drawn grown shown kept left lost put set hit begun done gone become come bought
    thought understood heard read sat stood fed fled
    came went gave took began wrote saw ran grew drew chose got became spoke rose fell""".split()
)
_DETERMINERS = frozenset("the a an every each all this these those its their our his her".split())


# What a Korean counter counts (a closed class of the language): "몇 명" asks for people, "몇 차례" for times.
# "몇 개" counts anything: no word for it.
KO_COUNTERS = {
    "명": "people",
    "번": "times",
    "회": "times",
    "차례": "times",
    "개국": "countries",
    "곳": "places",
    "건": "cases",
    "권": "volumes",
    "편": "papers",
}
_KO_COUNTER = re.compile("|".join(sorted(KO_COUNTERS, key=len, reverse=True)))
_KO_HOW_MANY = re.compile(rf"몇\s*({'|'.join(sorted(KO_COUNTERS, key=len, reverse=True))})(?!\s*째)")
# Spanish and French put the counted noun right after the asking word: "¿Cuántos participantes ...?",
# "Combien d'employés ...?". The embedder reads those as their English cognates ("participantes" /
# "participants" 0.90) but not the words for people at large, rendered here.
_HOW_MANY_ES_FR = re.compile(r"\bcu[aá]nt[oa]s\s+([^\W\d_]+)|\bcombien\s+(?:de\s+|d['’])([^\W\d_]+)", re.I)
_AT_LARGE = {"personnes": "people", "personas": "people", "gens": "people", "gente": "people"}
_AT_LARGE |= {"fois": "times", "veces": "times"}


def asked_in(question: str, language: str) -> str:
    """The language of the words ``asked_count`` gives: English, unless a Spanish or French noun is kept as
    asked ("combien d'employés": French; "combien de personnes": rendered "people")."""
    match = None if _HOW_MANY.search(question) or _KO_HOW_MANY.search(question) else _HOW_MANY_ES_FR.search(question)
    return language if match and (match.group(1) or match.group(2)).lower() not in _AT_LARGE else "en"


def partitive(question: str) -> bool:
    """Is a part of a group asked ("how many of the participants were women")? Then the group's own count
    ("1,120 participants") is no answer, however close in meaning: only the asked word itself counts."""
    match = _HOW_MANY_OF.search(question)
    return match is not None and asked_count(question) != asked_count(f"how many {match.group(1)}?")


def part_asked(question: str) -> list[str]:
    """What "how many of the <group>" keeps of the group when no noun of its own names it: the words after the
    verb ("... officers came from Viet Nam": viet, nam; "... were from Kenya": kenya). A figure answers only in a
    sentence saying them: "Women made up 41 of the 64 participants" counts another part. A part named by its
    noun ("were women") is ``partitive``'s."""
    match = _HOW_MANY_OF_ANY.search(question)
    if match is None or partitive(question):
        return []
    words = re.findall(r"[^\W\d_][\w'’-]*", match.group(1).lower())
    # The verb comes after the group's first word ("the trained officers went back"): as in ``asked_count``.
    verb = next((i for i, w in enumerate(words) if i and (w in _BEING or _is_verb(w))), None)
    if verb is None:
        return []
    # A regular verb says the part itself ("completed the course"); an irregular one is mostly a light verb
    # ("came from", "went back to", "took part in") whose meaning is in the words after it.
    closed = _STOPS | _FILLER | _DETERMINERS | _BEING | _IRREGULAR_VERBS
    return [w for w in words[verb:] if w not in closed]


def _is_verb(word: str) -> bool:
    return bool(_PAST.search(word)) or word in _IRREGULAR_VERBS


def asked_count(question: str) -> list[str]:
    """The words of the noun phrase "how many" asks about ("people", "Cambodian ministry officers"), in
    English, Spanish, French ("combien de personnes": "people") or Korean ("몇 명": "people"). The context a
    follow-up carries is not asked: "in which months? (how many issues)" asks no count."""
    question = without_context(question)
    if match := _HOW_MANY_OF.search(question):  # "how many of the participants were women": women
        said = match.group(2).lower().split()
        if said[0] not in _STOPS and not (said[-1].endswith("ed") or said[-1] in _IRREGULAR_VERBS):
            return [w for w in said if w not in _FILLER]
        # "how many of its staff are based in Vienna": staff, as "how many staff"
        return list(takewhile(lambda w: w not in _STOPS, match.group(1).lower().split()))[:COUNTED_WORDS]
    if match := _HOW_MANY.search(question):
        said = [w for w in match.group(1).lower().split() if w not in _FILLER]
        # The phrase ends at its verb, past or irregular, after its first word ("how many people joined that
        # one": people; "how many trained officers": both; "how many staff does it employ": staff). It keeps
        # what qualifies its noun ("how many participants from Africa did ...": a count of Africans). Without a
        # verb, it is taken whole when short: a longer one is no noun phrase that can be read.
        end = next((i for i, w in enumerate(said) if i and (_is_verb(w) or w in _AUXILIARIES)), None)
        if end is not None:
            return said[:end]
        return said if len(said) <= COUNTED_WORDS else []
    if match := _KO_HOW_MANY.search(question):
        return [KO_COUNTERS[match.group(1)]]
    if match := _HOW_MANY_ES_FR.search(question):
        word = (match.group(1) or match.group(2)).lower()
        return [_AT_LARGE.get(word, word)]
    return []


def count_pattern(question: str) -> re.Pattern[str] | None:
    """For "how many <noun phrase> ...": a number within a few words of one of its words."""
    stems = stem_terms(" ".join(asked_count(question)))
    if not stems:
        return None
    nouns = "|".join(re.escape(stem) for stem in stems)
    number = rf"\b(?:{_NUMBER_WORDS})\b"
    # "320 participants", or the noun first: "visited a total of five times", a table's row "Detainees
    # interviewed: 418" (ingest/tables.py writes rows so).
    return re.compile(
        rf"{number}\s+(?:[\w-]+\s+){{0,3}}?(?:{nouns})|\b(?:{nouns})\w*:?\s+(?:[\w-]+:?\s+){{0,4}}?{number}|"
        rf"\b(?:{nouns})\w*(?:\s+[\w-]+){{0,{LABEL_WORDS}}}\s*:\s*{number}",  # "Participants by country ...: 118"
        re.I,
    )


def counts_asked(
    texts: list[str], asked: list[str], embedder: Embedder, language: str = "en", exact: bool = False
) -> list[bool]:
    """For each of ``texts``: does one of its numbers count what ``asked`` names? The words after a number
    count it when they are an asked word or close in meaning; the word before only when it is an asked word
    ("visited a total of five times" counts visits). One embedding call for all the texts.

    Words are judged only against words of their own language: the English embedder rates few words alike
    across languages ("ménages" / "households" 0.29), the multilingual one any two alike ("ménages" /
    "households" 0.90, / "communes" 0.89). So a text in another language than ``asked`` is not refused on its
    words when they count something other than money ("95 millones de colones" counts no people), except a
    Korean one, whose counters are read in English ("531명": people). ``exact``: only the asked words themselves
    count (a part of a group asked, ``partitive``)."""
    languages = [detect_language(text) for text in texts]
    counted = [_counted_words(text, lang in _HEAD_FIRST) for text, lang in zip(texts, languages, strict=True)]
    often = [_how_often(text) for text in texts]
    words = sorted({w for after, _ in counted for w in after} | {v for verbs in often for v in verbs} | set(asked))
    if not asked or not counted:
        return [False] * len(texts)
    vectors = dict(zip(words, embedder.embed_documents(words), strict=True))
    asked_stems = set(stem_terms(" ".join(asked)))
    # The asked phrase's noun, before what qualifies it ("participants from asian countries": participants).
    noun = list(takewhile(lambda word: word not in _STOPS, asked))[-1:]
    asked_unit = bool(noun) and noun[0] in _UNITS

    def same(word: str) -> bool:
        return bool(set(stem_terms(word)) & asked_stems)

    def foreign(lang: str, after: list[str]) -> bool:
        unjudged = lang != language and not (lang == "ko" and language == "en")
        return unjudged and not exact and any(not names_money(word) for word in after)

    def close(word: str) -> bool:
        if same(word):
            return True
        if exact or (word in _UNITS) != asked_unit:
            # "alumni in twelve countries" counts no young people, however close the words ("countries" / "people"
            # 0.39): a count of years or countries answers only a question on years or countries.
            return False
        return max(float(vectors[word] @ vectors[a]) for a in asked) >= SAME_THING

    def counts(word: str, verbs: list[str]) -> bool:
        # How often ("downloaded 41,300 times", "met four times") counts what its verb says: "times" is close to
        # "events" (0.41), but downloads are no training events. Unless "how many times" is asked, both must fit.
        if word == "times" and not same(word):
            return close(word) and any(close(verb) for verb in verbs)
        return close(word)

    return [
        any(counts(w, verbs) for w in after) or any(same(w) for w in before) or unsaid or foreign(lang, after)
        for (after, before), verbs, unsaid, lang in zip(
            counted, often, map(_by_year_only, texts), languages, strict=True
        )
    ]


# Units of time and of place (a closed class, like the months): what they count is never a body or a person.
_UNITS = frozenset(
    """years year months month weeks week days day hours hour minutes countries country nations cities city
    regions provinces districts continents""".split()
)


def _by_year_only(text: str) -> bool:
    """Is ``text`` a table row whose figures are labelled by year alone ("Lithuania — 2018: 71; 2019: 118.")?
    What they count is in the table's caption, not in the row: the row cannot be judged, so it is not refused."""
    return bool(YEAR_ROW.match(text))


def _counted_words(text: str, head_first: bool = False) -> tuple[list[str], list[str]]:
    """The words that may name what the counts in ``text`` count: those right after each, up to a preposition
    or punctuation ("320 participants from", "a nine-person committee"), and the one before each ("visited a
    total of five times") or the label before a colon ("Detainees interviewed: 418"). A Korean counter names
    it in English ("531명": people)."""
    after: list[str] = []
    before: list[str] = []
    for start, end in count_spans(text):
        if counter := _KO_COUNTER.match(text, end):
            after.append(KO_COUNTERS[counter.group()])
            continue
        tokens = re.findall(r"[^\W\d_][\w-]*|\d[\d,.]*\d|\d|[^\w\s-]", text[end : end + 80])
        tokens = list(dropwhile(lambda token: token[0].isdigit(), tokens))  # "2 400 ménages": one number's groups
        if tokens[:1] and tokens[0].lower() in _BEING:  # "of whom 640 were women"
            tokens = tokens[1:]
        after += _head(tokens, hyphened=text[end : end + 1] == "-", head_first=head_first)
        preceding = _words_before(text, start)
        if preceding[:1] == [":"]:  # a label: "Detainees interviewed: 418", as a table's rows are written
            # Every word of it, prepositions too: "Participants by country in online training: 118" counts
            # participants, in any language ("Répartition des participants par pays : 236").
            # A label names what its figure counts, as the words after a number do: judged alike.
            label = list(takewhile(lambda token: token[0].isalpha(), preceding[1:]))
            after += [word.lower() for word in label[:LABEL_WORDS]]
        else:
            # "Women made up 41 of the 64 participants": a part of a group counts what the clause before it names.
            partof = tokens[:1] == ["of"] and any(t[0].isdigit() for t in re.findall(r"\S+", text[end : end + 20]))
            before += _content(preceding, COUNTED_WORDS if partof else 1)
    return after, before


def _how_often(text: str) -> list[str]:
    """The verbs whose doing each count of times in ``text`` counts: "visited a total of five times" (visited),
    "downloaded 41,300 times" (downloaded); the word before a count, as ``_counted_words`` reads it."""
    return [
        verb
        for start, end in count_spans(text)
        if re.match(r"\s+times\b", text[end:])
        for verb in _content(_words_before(text, start), 1)
    ]


def _words_before(text: str, start: int) -> list[str]:
    """The words and punctuation before ``start``, nearest first."""
    return re.findall(r"[A-Za-z][\w-]*|[^\w\s-]", text[max(0, start - 60) : start])[::-1]


def _head(tokens: list[str], hyphened: bool, head_first: bool = False) -> list[str]:
    """The word after a number that names what it counts: the head of the noun phrase after it, which in
    English is its last word ("2,318 prison staff" counts staff, not prisons), before any verb that follows
    it ("11,400 people held in ...", "15,000 women gathered information"). A number joined by a hyphen counts
    its own word ("a nine-person committee"). A phrase cut at the word limit may not have reached its head:
    then all its words may name it."""
    words = _content(tokens, COUNTED_WORDS + 1)
    if hyphened or head_first or not words:
        return words[:1]
    if len(words) > COUNTED_WORDS:
        return words[:COUNTED_WORDS]
    verb = next((i for i, w in enumerate(words) if i and (w.endswith(("ed", "ing")) or w in _IRREGULAR_VERBS)), None)
    return words[:verb][-1:]


def _content(tokens: list[str], limit: int) -> list[str]:
    """Up to ``limit`` content words of ``tokens``, stopping at punctuation or a preposition."""
    kept: list[str] = []
    for n, token in enumerate(tokens):
        if not token[0].isalpha() or token.lower() in _STOPS or len(kept) == limit:
            break
        if kept and token.lower() == "and" and any(t[0].isdigit() for t in tokens[n + 1 : n + 4]):
            break  # "31 judges and 12 prosecutors", "31 participants and cost EUR 40,000": another phrase
        if kept and token.lower() in _DETERMINERS:  # "within three months every prison": a new phrase
            break
        if kept and token.lower() == "of":  # "five crime fields of drugs, ...": its head came before ("two of the")
            break
        if token.lower() not in _FILLER:
            kept.append(token.lower())
    return kept
