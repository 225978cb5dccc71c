"""Names, figures and ordinals a question gives ("the eighth forum", "in Viet Nam", "Griffith University"), and
whether a passage names them: spelled as the question does, with a slip, as initials, or in another order.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache

from index.places import DEMONYMS, english_place_names, english_places, places_named
from index.query import detect_language
from ingest.orgs import BODY_NOUNS, org_mentions
from ingest.periods import month_number, period_spans, period_words

from .spans import MONTHS, holds_type
from .understanding import without_context

__all__ = [
    "BEST",
    "asked_specifics",
    "found_in",
    "initials_in",
    "is_country",
    "named_bodies",
    "named_in",
    "names_one",
    "ordinal_value",
    "other_ordinal",
    "specific_terms",
    "supported",
    "written_in",
]

_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
# The same in French and Spanish (a closed class, like months): "la septième réunion" is "the seventh meeting".
_ROMANCE_ORDINALS = {
    **dict.fromkeys(("premier", "première", "primer", "primero", "primera"), 1),
    **dict.fromkeys(("deuxième", "seconde", "segundo", "segunda"), 2),
    **dict.fromkeys(("troisième", "tercer", "tercero", "tercera"), 3),
    **dict.fromkeys(("quatrième", "cuarto", "cuarta"), 4),
    **dict.fromkeys(("cinquième", "quinto", "quinta"), 5),
    **dict.fromkeys(("sixième", "sexto", "sexta"), 6),
    **dict.fromkeys(("septième", "séptimo", "séptima"), 7),
    **dict.fromkeys(("huitième", "octavo", "octava"), 8),
    **dict.fromkeys(("neuvième", "noveno", "novena"), 9),
    **dict.fromkeys(("dixième", "décimo", "décima"), 10),
}
_ORDINAL_VALUES = {word: n for n, word in enumerate(_ORDINALS, 1)} | _ROMANCE_ORDINALS
_ORDINAL_WORDS = "|".join(sorted(_ORDINAL_VALUES, key=len, reverse=True))
# What follows the digits of an ordinal in English, French and Spanish: "16th", "7e", "7ème", "14.º", "10.ª".
_ORDINAL_SUFFIX = r"st|nd|rd|th|e|er|re|ème|eme|\.?º|\.?ª"
# An ordinal in figures (or "10°") or in words: "the 10th forum", "le 10e forum", "la décima edición".
# In Korean, before or after the digits: "제21회" (the 21st session), "21번째", "21차".
_KOREAN_ORDINAL = r"(?<!\w)제\s?(\d{1,3})(?:회|차)?|(?<!\d)(\d{1,3})(?:번째|차)"
_ORDINAL = re.compile(
    rf"\b(\d{{1,3}})(?:{_ORDINAL_SUFFIX}|°)(?!\w)|\b(" + _ORDINAL_WORDS + rf")\b|{_KOREAN_ORDINAL}", re.I
)
# A word that names something particular: capitalised (not the first word; "(EGM)" too), an acronym, or a figure.
_SPECIFIC = re.compile(
    r"(?<![\w/])[A-Z][\w.-]*(?:/[\w.-]*\w)+|"  # a document's symbol: "E/CN.15/2020/9", "A/RES/75/1"
    rf"(?<=[\s(“\"])[A-Z][\w'’-]*|^[A-Z][\w'’]*[A-Z][\w'’-]*|\b\d[\d,.]*(?:{_ORDINAL_SUFFIX})?(?!\w)|\b(?:"
    + _ORDINAL_WORDS
    + rf")\b|{_KOREAN_ORDINAL}|"
    + r"\b\d[\d,.]*(?=[가-힣])(?![년월일])"  # a Korean figure and its counter: "42명", "18개국"; not a date's
)
_YEARISH = re.compile(r"(?:19|20)\d\d")
_CARDINALS = "zero one two three four five six seven eight nine ten eleven twelve".split()
_MONTH = re.compile(rf"(?:{MONTHS})", re.I)
_KOREAN_MONTH = re.compile(r"(?<!\d)(1[0-2]|[1-9])\s*월")
_TIME_SPAN = re.compile(r"\s+(?:half|quarter|semester|trimester|week|day|month|year)s?\b", re.I)
_YEARLIKE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# A period named right after a length of time: " from January 2021", " of 2018–2019", " to 30 June 2022".
_PERIOD_NEXT = re.compile(
    rf"\s+(?:from|of|between|to|ending|ended|in|during)\s+(?:\d{{1,2}}\s+)?(?:(?:{MONTHS})\s+)?(?:19|20)\d\d(?!\d)",
    re.I,
)
# Capitalised words that are not names: question words, pronouns and English function words.
_NOT_NAMES = frozenset(
    "i what which who whom whose when where why how the a an in on of and or for to is are was were did does do "
    "un".split()
)


def specific_terms(question: str, ignore: Sequence[tuple[int, int]] = ()) -> list[str]:
    """The words of ``question`` that pick out something particular (names, acronyms, figures, ordinals),
    outside the spans in ``ignore`` (the organisations it names, which retrieval already resolves)."""
    question = without_context(question)
    ignore = [*ignore, *period_spans(question)]  # "in FY 2018-19": a time, matched by the report's period
    terms = []
    for match in _SPECIFIC.finditer(question):
        start = match.start()
        word = re.sub(r"['’]s$", "", match.group().strip("'’-.,"))  # "the EU's fund": the EU
        if any(s <= start < e for s, e in ignore) or word.lower() in _NOT_NAMES or _YEARISH.fullmatch(word):
            continue
        if ordinal_value(word) is not None and _TIME_SPAN.match(question, match.end()):
            continue  # "in the second half of 2020": a part of a period, not the second of something
        if (span := _TIME_SPAN.match(question, match.end())) and _PERIOD_NEXT.match(question, span.end()):
            continue  # "over the 18 months from January 2021 to June 2022": the length of the period asked
        terms.append(word)
    return list(dict.fromkeys(terms))


def asked_specifics(
    question: str, language: str, texts: Sequence[str], in_collection: Callable[[str], bool]
) -> list[str]:
    """The names, figures and ordinals of ``question`` a passage must name to answer it ("the eighth forum", "in
    Viet Nam"), institutes' names aside. ``texts``: the candidate passages; ``in_collection``: does the
    collection use these initials?"""
    specifics = specific_terms(question, [(start, end) for start, end, _ in org_mentions(question)])
    if language == "en":
        return specifics
    # Names are spelled in another language in the reports; figures and ordinals are not, nor initials the
    # reports use themselves ("전문가회의(EGM)"; not "ONU", Spanish for the UN). A passage in the question's
    # own language spells its names as it does ("Guatemala" on a Spanish page).
    own = [text for text in texts if detect_language(text) == language]
    kept = [
        t
        for t in specifics
        if t[0].isdigit()
        or ordinal_value(t) is not None
        or (t.isupper() and len(t) > 1 and in_collection(t))
        or t in english_place_names()  # "Bolivia", "Guatemala": spelled as in English
        or any(named_in(t, text) for text in own)
    ]
    # A country or region is the same in every language, and its names are known (CLDR): the passage must name
    # it, in English or any other language, as it must for an English question ("en Mauritanie" is not answered
    # by the figures of Tunisia and Morocco). found_in reads "Mauritania" in "en Mauritanie" too.
    places = places_named(without_context(question), language, capitalised=True)
    return [t for t in kept if not places_named(t, language)] + [p for p in places if p not in kept]


def is_country(name: str) -> bool:
    """Is ``name`` a country's or a region's English name ("Italy", "Latin America")?"""
    return name in english_place_names()


def ordinal_value(word: str) -> int | None:
    """The number an ordinal stands for ("16th", "sixteenth", "septième", "14.º", "제16회"), or None."""
    match = _ORDINAL.fullmatch(word)
    if not match:
        return None
    digits = match.group(1) or match.group(3) or match.group(4)
    return int(digits) if digits else _ORDINAL_VALUES[match.group(2).lower()]


def other_ordinal(specifics: Sequence[str], text: str) -> bool:
    """Does ``text`` name ordinals, none of them one of ``specifics`` ("The 44th meeting ..." for "the 43rd
    meeting")? Then it speaks of another occurrence of the thing asked. "First" counts on neither side: "when did
    X first ..." and "for the first time" say it of anything."""
    asked = {value for term in specifics if (value := ordinal_value(term)) is not None} - {1}
    if not asked:
        return False
    named = {ordinal_value(match.group()) for match in _ORDINAL.finditer(text)} - {1, None}
    return bool(named) and not named & asked


def initials_in(acronym: str, text: str) -> bool:
    """Does ``text`` spell out ``acronym`` as the initials of words in a row: capitalised words, with "of",
    "the", "in" and the like between them uncounted ("US": "United States", "DUMA": "Drug Use Monitoring in
    Australia"), or, for three letters or more, a phrase all in lower case, where those small words may count
    ("MOU": "memorandum of understanding", "NGO": "non-governmental organization")?"""
    if not (acronym.isalpha() and 2 <= len(acronym) <= 6 and sum(c.isupper() for c in acronym) >= 2):
        return False
    letters = acronym.lower()
    words = _WORD.findall(text)
    for start, word in enumerate(words):
        if word[0].lower() != letters[0]:
            continue
        if _spelled(letters, words, start, lower=False):
            return True
        if len(letters) >= 3 and _spelled(letters, words, start, lower=True):
            return True
        if len(letters) >= _PREFIXED_LETTERS and _prefixed(letters, words, start):
            return True
    return len(letters) == 2 and _in_other_order(letters, words, text)


# An acronym may take the first letters of a word, not its initial alone ("KOICA": KOrea International Cooperation
# Agency; "UNAFRI": United Nations AFRican Institute): from four letters on, over three capitalised words at least
# (fewer would let one word's own letters spell an acronym), at most three letters a word.
_PREFIXED_LETTERS = 4
_PREFIX_WORDS = 3
_PREFIX_LETTERS = 3


def _prefixed(letters: str, words: list[str], at: int, used: int = 0) -> bool:
    """Do capitalised ``words`` from ``at`` spell ``letters`` with each word's first one to three letters (joining
    words between them skipped), over ``_PREFIX_WORDS`` words at least?"""
    if not letters:
        return used >= _PREFIX_WORDS
    if at >= len(words):
        return False
    word = words[at]
    if used and word.lower() in _JOINTS:
        return _prefixed(letters, words, at + 1, used)
    if not word[0].isupper():
        return False
    folded = word.lower()
    return any(
        folded.startswith(letters[:n]) and _prefixed(letters[n:], words, at + 1, used + 1)
        for n in range(1, min(_PREFIX_LETTERS, len(letters), len(word)) + 1)
    )


# Languages that put the adjective after its noun: the EU is "l'Union européenne", "la Unión Europea", the UN "les
# Nations unies", "las Naciones Unidas": the initials of a two-word name in the other order.
_NOUN_FIRST = frozenset({"es", "fr"})


def _in_other_order(letters: str, words: list[str], text: str) -> bool:
    """Is the two-letter acronym ``letters`` spelled, in a French or Spanish ``text``, by a capitalised noun and
    the adjective after it, in the other order?"""
    first, second = letters[1], letters[0]
    if not any(
        a[0].isupper() and a[0].lower() == first and b[0].lower() == second and b.lower() not in _JOINTS
        for a, b in itertools.pairwise(words)
    ):
        return False
    return detect_language(text) in _NOUN_FIRST


_WORD = re.compile(r"[^\W\d_]+")
_JOINTS = frozenset("of the and for in on to de du des la le les et y del".split())


def _spelled(letters: str, words: list[str], at: int, lower: bool, opening: bool = True) -> bool:
    """Do ``words`` from ``at`` spell ``letters``: each letter a word's initial, capitalised words (or, when
    ``lower``, lower-case ones, the first perhaps opening a sentence), small joining words skipped or, in lower
    case, counted?"""
    if not letters:
        return True
    if at >= len(words):
        return False
    word = words[at]
    cased = (word.islower() or opening and word[1:].islower()) if lower else word[0].isupper()
    # In lower case a letter's word is a full word ("memorandum"), not "a", "big": chance triples abound there.
    full = not lower or len(word) >= 4 or word.lower() in _JOINTS
    if cased and full and word[0].lower() == letters[0] and _spelled(letters[1:], words, at + 1, lower, False):
        return True
    # A joining word between two initials ("United States of America"), never before the first.
    return not opening and word.lower() in _JOINTS and _spelled(letters, words, at + 1, lower, False)


def _month_in_text(word: str) -> int | None:
    """The month a word of a text names (ingest/periods.py's names): an English name or abbreviation only
    capitalised ("may", "march", "mar" are other words), a Spanish or French one in any case ("enero", "mai")."""
    if word[0].islower() and _MONTH.fullmatch(word):
        return None
    return month_number(word)


def months_named(text: str) -> set[int]:
    """The months ``text`` names, in any of the languages ``found_in`` reads ("20 May", "7 novembre", "11월")."""
    named = {_month_in_text(w) for w in re.findall(r"[^\W\d_]+", text)} | {
        int(m.group(1)) for m in _KOREAN_MONTH.finditer(text)
    }
    return {month for month in named if month is not None}


# Memoised: an answer looks for the question's terms in the same passages again and again, and a term not found
# as a word is compared with every word of the passage (a typing slip away).
@lru_cache(maxsize=8192)
def found_in(term: str, text: str) -> bool:
    """Is ``term`` in ``text``: as a word, a word of the same stem ("Thai", "Thailand"), an ordinal in either
    spelling ("16th", "sixteenth"), or a word one typing slip away ("Helsinky", "Walenberg")?"""
    value = ordinal_value(term)
    if value is not None:
        return any(ordinal_value(m.group()) == value for m in _ORDINAL.finditer(text))
    words = _words(text)
    folded = term.lower().split("-")[0]  # "Chinese-language": its head
    if _MONTH.fullmatch(folded):  # "Jan-Mar 2021": January in any spelling and language ("Jan.", "enero", "1월")
        return month_number(folded) in months_named(text)
    if folded in words or re.search(rf"(?<![\w]){re.escape(folded)}(?![\w])", text.lower()):
        return True
    country = DEMONYMS.get(term.split("-")[0].capitalize())
    if country is not None and re.search(rf"\b{re.escape(country)}\b", text, re.I):  # "Finnish": "in Finland"
        return True
    place = country or (term if term in english_place_names() else None)
    if place is not None and place in _places_named(text):  # "Moroccan", "Morocco": "au Maroc", "en Marruecos"
        return True
    if place is not None and (common := _common_name(place)) != place:
        return found_in(common, text)  # CLDR's "South Korea" is the reports' "Republic of Korea"
    if folded.isdigit() and int(folded) < len(_CARDINALS):  # "5대 분야", "the 3 countries": "five", "three"
        return _CARDINALS[int(folded)] in words
    if len(folded) < 4 or folded.isdigit():
        return False
    # A word of the same stem: "Thai" / "Thailand", "Turkish" / "Turkey", "Kenyan" / "Kenya"; accents aside
    # ("Türkiye" / "Turkey").
    stem = _unaccented(folded[: max(4, len(folded) - 3)])
    if any(_unaccented(w).startswith(stem) for w in words):
        return True
    slips = 1 if len(folded) < 8 else 2
    return any(abs(len(w) - len(folded)) <= slips and _distance(w, folded, slips) <= slips for w in words)


# Memoised: found_in compares a term's stem with every word of a passage, the same words for many terms.
@lru_cache(maxsize=65536)
def _unaccented(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


def _common_name(place: str) -> str:
    """The word of a country's CLDR name that every spelling of it shares: "Myanmar (Burma)" and "Congo -
    Kinshasa" by their first part, "South Korea" and "Hong Kong SAR China" by their last word."""
    return re.split(r" \(| - ", place)[0].split()[-1]


# Memoised: an answer asks for several terms of the question in each of the same passages.
@lru_cache(maxsize=8192)
def _words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in re.findall(r"[\w'’]+", text))


@lru_cache(maxsize=256)
def _places_named(text: str) -> str:
    """The countries and regions a text in Spanish, French or Korean names, by their English names."""
    return english_places(text, detect_language(text))


def _distance(a: str, b: str, cap: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, stopping early above ``cap``."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > cap:
            return cap + 1
        previous = current
    return previous[-1]


def named_in(term: str, text: str) -> bool:
    """Is ``term`` in ``text`` (found_in), or an acronym ``text`` spells out (initials_in)?"""
    return found_in(term, text) or initials_in(term, text)


def supported(terms: Sequence[str], text: str) -> bool:
    """Does ``text`` speak of what the question's specific ``terms`` pick out? Every figure must be there
    ("the 16th Congress" is not the fourteenth); of the names and ordinal words, at least half (a question may
    call a ministry "British" where the report writes "United Kingdom")."""
    # Figures and ordinals single out one thing ("the eighth forum" is not the seventh); an ordinal of a time
    # span ("the second half") is kept apart from the terms by specific_terms.
    figures = [t for t in terms if t[0].isdigit() or ordinal_value(t) is not None]
    names = [t for t in terms if t not in figures]
    if not all(found_in(t, text) for t in figures):
        return False
    return 2 * sum(named_in(t, text) for t in names) >= len(names)


# A body's name ends in one of BODY_NOUNS (ingest/orgs.py): "Max Planck Institute", "Griffith University".
_CAPITALISED = r"[A-Z][\w'’-]*"
_BODY = re.compile(
    rf"{_CAPITALISED}(?:\s+{_CAPITALISED})*\s+(?:{BODY_NOUNS})\b"
    rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?{_CAPITALISED}(?:(?:,\s+|\s+and\s+(?:the\s+)?|\s+(?:of|for|on|the)\s+|\s+){_CAPITALISED})*)?"
)


# A body named by what it is of: "the University of Cambridge", "the Ministry of Justice".
_BODY_OF = re.compile(
    rf"\b(?:{BODY_NOUNS})\s+(?:of|for|on)\s+(?:the\s+)?({_CAPITALISED}(?:(?:\s+(?:of|for|on|and|the)\s+|\s+){_CAPITALISED})*)"
)


_POSSESSIVE = re.compile(r"['’]s?$")  # "the Centre for Prison Research's", "the Nordic Centre for Prison Studies'"


def named_bodies(question: str, ignore: Sequence[tuple[int, int]] = ()) -> list[tuple[str, list[str]]]:
    """Bodies the question names ("the Max Planck Institute for the Study of Crime", "Griffith University",
    "the University of Cambridge"), outside ``ignore`` (the organisations it names that the collection knows):
    each as its name and the words that tell it from other bodies: those before its noun ("Max", "Planck"), or
    for a noun alone, those after its "of" ("Cambridge")."""
    question = without_context(question)
    bodies = []
    for match in _BODY_OF.finditer(question):
        if any(s < match.end() and match.start() < e for s, e in ignore):
            continue
        if match.start() > 0 and re.search(rf"{_CAPITALISED}\s+$", question[: match.start()]):
            continue  # "Max Planck Institute for ...": named before its noun, below
        own = [_POSSESSIVE.sub("", w) for w in match.group(1).split() if w[0].isupper() and w.lower() not in _NOT_NAMES]
        if own:
            bodies.append((_POSSESSIVE.sub("", match.group()), own))
    for match in _BODY.finditer(question):
        words = match.group().split()
        while words and words[0].lower() in _NOT_NAMES:  # "What Institute ...": not part of the name
            words.pop(0)
        start = match.end() - len(" ".join(words))
        noun = next((i for i, w in enumerate(words) if re.fullmatch(BODY_NOUNS, w)), 0)
        own = [_POSSESSIVE.sub("", w) for w in words[:noun]]
        if own and not any(s < match.end() and start < e for s, e in ignore):
            bodies.append((_POSSESSIVE.sub("", " ".join(words)), own))
    return bodies


def names_one(question: str) -> bool:
    """Does the question single out one thing by an ordinal or a count ("the 10th forum", "three areas")?"""
    text = without_context(question)
    # A period is no count: "in 2021/22" leaves no "22" behind, nor "in 2020" a 2020.
    for start, end in reversed(period_words(text)):
        text = f"{text[:start]} {text[end:]}"
    text = _YEARLIKE.sub("", text)
    return bool(_ORDINAL.search(text)) or holds_type(text, "number")


BEST = 3  # the best passages whose language tells which language a question is answered in


def written_in(texts: Sequence[str]) -> str:
    """The language most of ``texts`` (the best passages) are written in; "en", the reports' usual language, when
    no other one is most."""
    languages = [detect_language(text) for text in texts]
    other = [language for language in languages if language != "en"]
    return max(sorted(set(other)), key=other.count) if 2 * len(other) > len(languages) else "en"


SAMPLE = 400  # characters of a report's body its language is told from
_THE = re.compile(r"\bthe\b", re.I)


def reports_in_other_languages(texts: Sequence[str]) -> bool:
    """Is any of the reports ``texts`` written in a language other than English? Told from a sample of each
    report's body (its middle: a title page or a site's menu may be in English where the text is not). English
    prose of that length all but always says "the": only a sample without it is given to the identifier (a
    millisecond each, ten seconds over the 10,000 reports of a large collection)."""
    samples = (text[len(text) // 2 : len(text) // 2 + SAMPLE] for text in texts)
    return any(not _THE.search(sample) and detect_language(sample) != "en" for sample in samples)
