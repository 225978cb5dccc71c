"""What kind of answer a question wants, read from its grammar, and whether a sentence can give it.

"How much did the Basel Institute spend on LEARN?" wants an amount; a sentence about LEARN without one
does not answer it, however close its meaning. The answer type comes from the interrogative and the noun it
governs ("which city", "what year", "cuántos", "combien", "몇 명"), in the languages the readers write in,
never from the words of particular questions. A sentence holds a span of the type when it has a number, an
amount of money, a date, a place or a name: a cheap, layout-free check that keeps an extractive answer from
quoting a sentence that is on topic but silent on what was asked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Literal

from index.query import detect_language
from ingest.orgs import BODY_NOUNS, org_mentions
from ingest.periods import period_spans

__all__ = [
    "names_one",
    "asks_many",
    "without_context",
    "context_of",
    "AnswerType",
    "answer_type",
    "holds_type",
    "initials_in",
    "named_in",
    "written_in",
    "BEST",
    "asks_day",
    "count_spans",
    "holds_day",
    "place_of",
    "specific_terms",
    "supported",
    "found_in",
    "ordinal_value",
    "DIRECT_TYPES",
    "named_bodies",
    "type_words",
]

AnswerType = Literal["number", "amount", "date", "place", "organisation", "agent", "name", "other"]
# Types answered by a short span: one or two sentences, never an activity list.
DIRECT_TYPES: frozenset[str] = frozenset({"number", "amount", "date", "place", "organisation", "agent", "name"})

# Nouns that make "what/which <noun>" ask for a kind of thing, per language.
_PLACE_NOUNS = r"city|country|town|place|venue|region|state|ciudad|pa[ií]s|lugar|ville|pays|lieu|r[ée]gion"
_ORG_NOUNS = (
    r"institutes?|organi[sz]ations?|agency|agencies|bod(?:y|ies)|cent(?:re|er)s?|universit(?:y|ies)|institutions?|"
    r"partners?|ministr(?:y|ies)|offices?|instituto|organismo|organizaci[oó]n|instituci[oó]n|centro|universidad|"
    r"institut|organisme|organisation|centre|universit[ée]"
)
_MONEY_NOUNS = r"budget|cost|costs|price|amount|spend|spending|salary|fee|fees|presupuesto|co[uû]t|montant"
# Between "what" and a noun, these make "what did the Institute do" a question about the institute, not for one.
_AUXILIARIES = r"(?:did|does|do|has|have|had|is|are|was|were|will|can|could|would|should|hizo|ha|fue|a|est)\b"
_DATE_NOUNS = r"years?|dates?|months?|days?|a[ñn]os?|fechas?|ann[ée]es?|mois"

_RULES: tuple[tuple[AnswerType, re.Pattern[str]], ...] = (
    # "How much did X spend", "how much money": an amount; "how much freedom do victims have": a degree, no sum.
    (
        "amount",
        re.compile(
            rf"\bhow much(?=\s+(?:{_AUXILIARIES}|in\b|(?:money|funding|funds|{_MONEY_NOUNS})\b)|\s*[?？]|$)|"
            rf"\bcu[aá]nto dinero\b|\b(?:{_MONEY_NOUNS})\b|얼마|예산|비용|"
            # "¿Cuánto costó ...?", "Combien a coûté ...?": what something cost, in the verb.
            r"\bcu[aá]nto\s+(?:cost[oóa]|costaron|cuesta|cuestan|gast[oóa])\b|\bcombien\s+(?:a\s+)?co[uû]t",
            re.I,
        ),
    ),
    (
        "number",
        re.compile(
            r"\bhow many\b|\bnumber of\b|\bcu[aá]nt[oa]s\b|\bcombien\b|\bnombre de\b|"
            r"몇\s*(?:명|번(?!\s*째)|개|회(?!\s*째)|차례|건|곳|권|편)",  # "몇 번째" asks which one (an ordinal)
            re.I,
        ),
    ),
    (
        "date",
        re.compile(
            rf"\bwhen\b|\bsince when\b|\b(?:what|which|in which|in what) (?:{_DATE_NOUNS})\b|\bcu[aá]ndo\b|"
            rf"\bquand\b|\b(?:qu[eé]|cu[aá]l|quel(?:le)?) (?:{_DATE_NOUNS})\b|\ben qu[eé] a[ñn]o\b|언제|몇\s*년|며칠",
            re.I,
        ),
    ),
    (
        "organisation",
        re.compile(
            rf"\b(?:which|what|whose|qu[eé]|cu[aá]l(?:es)?|quel(?:le)?s?) "
            rf"(?:(?!{_AUXILIARIES})\w+ ){{0,2}}?(?:{_ORG_NOUNS})\b|"
            r"(?:어느|어떤|무슨)\s*(?:기관|연구소|단체|조직|대학)|기관은 어디|연구소는 어디",
            re.I,
        ),
    ),
    (
        "place",
        re.compile(
            rf"\bwhere\b|\b(?:which|what|in which|in what) (?:{_PLACE_NOUNS})\b|\bd[oó]nde\b|\bo[uù]\b|"
            rf"\b(?:qu[eé]|cu[aá]l|quel(?:le)?) (?:{_PLACE_NOUNS})\b|어디|어느\s*(?:도시|나라|국가)",
            re.I,
        ),
    ),
    ("agent", re.compile(r"\bwho\b|\bwhom\b|\bqui[eé]n(?:es)?\b|\bqui\b|누구|누가", re.I)),
    # "What is the name of ...", "what is it called", "the title of": a name or a title.
    (
        "name",
        re.compile(
            r"\b(?:name|title)(?:s)? of\b|\bcalled\b|\bentitled\b|\btitled\b|\bnombre de\b|\bt[ií]tulo\b|"
            r"\bnom de\b|\btitre\b|이름|제목|명칭",
            re.I,
        ),
    ),
)


_TYPE_NOUN = re.compile(
    rf"\b(?:which|what|in which|in what|qu[eé]|cu[aá]l(?:es)?|quel(?:le)?s?) (?:(?!{_AUXILIARIES})\w+ ){{0,2}}?"
    rf"(?P<noun>{_PLACE_NOUNS}|{_DATE_NOUNS})\b",
    re.I,
)


_ORG_NOUN = re.compile(
    rf"\b(?:which|what|whose|qu[eé]|cu[aá]l(?:es)?|quel(?:le)?s?) (?:(?!{_AUXILIARIES})\w+ ){{0,2}}?"
    rf"(?P<noun>institutes?|instituto|institut|cent(?:re|er)s?|centro|universit(?:y|ies)|universidad|universit[ée])\b",
    re.I,
)


def organisation_noun(question: str) -> str | None:
    """The kind of organisation asked for when its names say it ("which *institute*", "quelle *université*"):
    None for kinds whose names do not ("which organisation", "which partner", "qué organismo")."""
    question = without_context(question)
    names = [(start, end) for start, end, _ in org_mentions(question)]  # "Which *Basel Institute* tool": a name
    for match in _ORG_NOUN.finditer(question):
        if not any(start <= match.start("noun") < end for start, end in names):
            return match.group("noun").lower()
    return None


def names_organisation_of(text: str, noun: str) -> bool:
    """Does ``text`` name an organisation of the kind ``noun`` ("institute": "the European Institute for Crime
    Prevention and Control"; "university": "Illinois State University"), not merely a capitalised body?"""
    stem = noun[:5]
    return any(stem in span.lower() for span in _SPANS["organisation"].findall(text))


def type_words(question: str) -> list[str]:
    """The words that name the kind of place or date asked for ("which *city*", "in what *year*"): they
    describe the span, and places and dates are written without them ("based in Helsinki" answers "Which
    city is HEUNI in?"). Not organisations: their names carry their noun ("Illinois State University")."""
    return [match.group("noun") for match in _TYPE_NOUN.finditer(without_context(question))]


_CONTEXT = re.compile(r"\s*\([^()]*\)\s*$")


def without_context(question: str) -> str:
    """The question proper, without the context a follow-up carries in a trailing parenthesis."""
    return _CONTEXT.sub("", question)


def context_of(question: str) -> str:
    """The context a follow-up carries in a trailing parenthesis ("" when none): institutes and years, or
    the previous question itself."""
    match = _CONTEXT.search(question)
    return match.group().strip()[1:-1] if match else ""


# "Which months ...", "what countries ...", "which two institutes ...": several answers, not one.
_NOUN_PHRASE = re.compile(
    r"\b(?:which|what|qu[eé]|cu[aá]les|quels|quelles)\s+(?P<phrase>(?:[^\W\d_][\w'’-]*\s+){0,3})"
    rf"(?={_AUXILIARIES})",
    re.I,
)
_FIRST_NOUN = re.compile(
    r"\b(?:which|what|qu[eé]|cu[aá]les|quels|quelles)\s+(?!(?:is|was|has|does|its|this|his|thus|us|as)\b)"
    r"(?P<word>[^\W\d_][\w'’-]*)",
    re.I,
)
_COUNTED = re.compile(r"\b(?:which|what) (?:two|three|four|five|six|\d+)\b", re.I)


def asks_many(question: str) -> bool:
    """Does the question ask for several things: a plural head noun after its question word ("which months
    did", "what activities", but not "which firearms protocol did"), or a count ("which two institutes")?"""
    question = without_context(question)
    if _COUNTED.search(question):
        return True
    phrase = _NOUN_PHRASE.search(question)
    if phrase and phrase.group("phrase").strip():
        head = phrase.group("phrase").split()[-1]  # the noun before the auxiliary: "firearms protocol" -> protocol
    else:
        first = _FIRST_NOUN.search(question)
        head = first.group("word") if first else ""
    head = head.rstrip("'’")
    return len(head) > 3 and head.lower().endswith("s") and not head.lower().endswith("ss")


def answer_type(question: str) -> AnswerType:
    """The kind of span ``question`` asks for; "other" when its grammar does not say (what is, how, why).
    A trailing parenthesis (the context a follow-up carries, api/conversation.py) is not the question."""
    question = _CONTEXT.sub("", question)
    for kind, pattern in _RULES:
        if pattern.search(question):
            return kind
    return "other"


_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fifteen|twenty|thirty|forty|fifty|"
    r"hundred|hundreds|thousand|thousands|million|dozen|dozens"  # not "first" or "several": no count
)
_CURRENCY_SIGNS = (
    "".join(re.escape(ch) for ch in map(chr, range(0x20, 0x20C1)) if unicodedata.category(ch) == "Sc") + "﷼＄￡￥￦"
)
# ISO 4217 (current codes), matched in capitals only: "ALL 44" is lek, "all 44 staff" is not.
_CURRENCY_CODES = "|".join(
    """AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD
    CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD
    HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL
    LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR
    PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP
    TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL FCFA""".split()
)
_CURRENCY_NAMES = (
    r"dollars?|d[oó]lares|euros?|francs?|francos|pounds?|yen|won|yuan|renminbi|rupees?|rupiah|baht|kronor|krona|"
    r"kroner|krone|couronnes|rands?|shillings?|naira|pesos|reais|colones|col[oó]n|soles|ringgit|dinars?|dirhams?|"
    r"riyals?|lira|zloty|forint|rubles?|roubles?|hryvnias?|tenge|taka|birr|cedis?|kwacha"
)
# Languages a text may be written in: "in English" says how, not where.
_LANGUAGES = r"English|French|Spanish|Arabic|Chinese|Russian|Portuguese|German|Japanese|Korean|Thai"
_MAGNITUDES = r"millions?|milliards?|billions?|thousands?|mille|mil|millones|mil millones|bn|m"
_SPANS: dict[str, re.Pattern[str]] = {
    # A count: digits that are not a year, a day of a month ("on 30 July") or part of a name ("COVID-19"), or
    # a number word.
    "number": re.compile(
        # Hangul may follow: a Korean counter ("531명", "18개국"), though not a date's ("10월 27일").
        rf"(?<![\w.,-])(?!(?:19|20)\d\d(?!\d))\d[\d,.]*+(?!(?![가-힣])[^\W\d_]|[년월일])(?!\s+(?:{_MONTHS})\b)|"
        rf"\b(?:{_NUMBER_WORDS})\b",
        re.I,
    ),
    # A sum: a currency symbol or ISO 4217 code beside a figure ("SEK 4.8 million", "€1,200", "12 000 EUR"), or
    # a figure in a currency's name ("148.000 euros", "1,2 million de francs CFA", "12억 4,000만 원").
    "amount": re.compile(
        rf"[{_CURRENCY_SIGNS}]\s?\d|\bUS\$\s?\d|(?-i:\b(?:{_CURRENCY_CODES})\b)\s?\d|"
        rf"\d[\d,.]*\s*(?:{_MAGNITUDES})?\s*(?:de\s+|d')?(?:(?-i:\b(?:{_CURRENCY_CODES})\b)|(?:{_CURRENCY_NAMES})\b)|"
        r"\d[\d,.]*\s*[억만천]\s*(?:[\d,.]+\s*[억만천]\s*)*원",
        re.I,
    ),
    "date": re.compile(rf"(?<!\d)(?:19|20)\d\d(?!\d)|\b(?:{_MONTHS})\b"),
    # A capitalised name after a preposition of place: "based in Tokyo", "held at the Palais", "in Montreal".
    # French and Spanish too: "à Bamako", "en Limón", "dans la région de Kayes", "desde San José".
    # Or a name its own noun calls a place: "with the City of Montreal", "the Republic of Korea".
    "place": re.compile(
        r"(?<![\w'])(?:in|at|from|to|near|à|au|aux|en|dans|desde|hacia|près de|cerca de)\s+"
        # Not a month ("in December"), a language ("published in English") nor a bare acronym ("published in
        # IJCJ", "to UNODC": bodies; "in the UAE" may be a place).
        rf"(?:(?:the\s+|la\s+|le\s+|les\s+|el\s+|los\s+|las\s+|l['’])|(?![A-Z]{{2,}}\b))(?!(?:{_MONTHS}|{_LANGUAGES})\b)"
        r"[A-ZÀ-ÖØ-Þ][\w'’-]+|"
        r"\b(?:City|Town|Province|Municipality|Republic|Kingdom|State|County|Region)\s+of\s+(?:the\s+)?[A-Z][\w'’-]+"
    ),
    # A capitalised multi-word name: a person ("Kittipong Kittayarak") or a body ("Illinois State University").
    "organisation": re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:of|for|and|the|on|de|du|la)?\s*[A-Z][\w'’-]+)+|\b[A-Z]{3,}\b"),
    "name": re.compile(r"[“\"«][^”\"»]{3,}[”\"»]|\b[A-Z][\w'’-]+(?:\s+(?:of|for|and|the|on)?\s*[A-Z][\w'’-]+)+"),
    "agent": re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:of|for|and|the|on|de|du|la)?\s*[A-Z][\w'’-]+)+|\b[A-Z]{3,}\b"),
}


# Days of a month, alone or as a range: "27 and 28 February", "2-3 December", "March 3 and 4, 2020".
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DAYS = re.compile(
    rf"(?<![\w.,-]){_DAY}(?:\s*(?:,|and|to|-|–)\s*{_DAY})*\s+(?:of\s+)?(?:{_MONTHS})\b|"
    rf"\b(?:{_MONTHS})\.?\s+{_DAY}(?:\s*(?:,|and|to|-|–)\s*{_DAY})*(?![\d])",
    re.I,
)
# A paragraph's or item's own number ("24. The Institute ...", "(e) In partnership ...") is no figure.
_NUMBERING = re.compile(r"(?:^|(?<=\u2063))\s*(?:\d{1,3}\.|\([a-z]{1,4}\)|\(\d{1,3}\))\s+")


# A day asked for, not a month or a year: "on what date", "which exact day", "qué día", "quel jour", "며칠".
_ASKS_DAY = re.compile(
    r"\b(?:what|which)\s+(?:exact\s+)?(?:day|date)\b|\b(?:qu[eé]|cu[aá]l)\s+(?:d[ií]a|fecha)\b|"
    r"\bquel(?:le)?\s+(?:jour|date)\b|며칠|몇\s*일",
    re.I,
)
_ROMANCE_MONTHS = (
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|"
    r"janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
)
_OTHER_DAYS = re.compile(rf"\b\d{{1,2}}(?:er|º|°)?\s+(?:de\s+)?(?:{_ROMANCE_MONTHS})\b|\d{{1,2}}\s*일", re.I)


def asks_day(question: str) -> bool:
    """Does the question ask on which day something happened (a month or a year does not answer it)?"""
    return bool(_ASKS_DAY.search(without_context(question)))


def holds_day(text: str) -> bool:
    """Does ``text`` give a day of a month ("30 July", "July 30", "30 de julio", "10월 27일")?"""
    return bool(_DAYS.search(text) or _OTHER_DAYS.search(text))


def count_spans(text: str) -> list[tuple[int, int]]:
    """Where each count in ``text`` is: numbers that are not a year, a day of a month, an item's own number
    or part of a name."""
    for pattern in (_NUMBERING, _DAYS):  # blanked, not removed: offsets stay those of ``text``
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return [match.span() for match in _SPANS["number"].finditer(text)]


def holds_type(text: str, kind: str) -> bool:
    """Does ``text`` contain a span that could answer a question of type ``kind``? ("other": always.)"""
    pattern = _SPANS.get(kind)
    text = _NUMBERING.sub("", text)
    if kind == "number":  # "held on 27 and 28 February", "on March 3": days of a month count nothing
        text = _DAYS.sub("", text)
    if kind == "place":  # a quoted title's capitals name no place: “Responses to Combat Organized Crime”
        text = _QUOTED.sub("", text)
    return pattern is None or bool(pattern.search(text))


_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»")

# A participle of place opening the sentence describes its subject: "Located in Riyadh, it ...", "Based in
# Montreal, the Centre ...".
_FRONTED_PLACE = re.compile(r"\s*[A-Z][a-z]+ed\s+(?:in|at)\s+(?:the\s+)?[A-Z][^,.;]{0,60},\s+(?:it|they|the\s|[A-Z])")


def place_of(text: str, names: Sequence[str]) -> bool:
    """Is a place said of one of ``names`` right where it is named ("the Institute X, based in Tokyo,",
    "X (Vancouver, Canada)"), or of the sentence's subject before it is named ("Located in Riyadh, it is ...")?
    How reports give an organisation's or an event's seat, whatever the verb."""
    if _FRONTED_PLACE.match(text):
        return True
    for name in names:
        pattern = rf"(?<![\w-]){re.escape(name)}(?![\w-])[^.;:]{{0,60}}?(?:\b(?:in|at)\s+|\(\s*)(?:the\s+)?[A-Z]"
        if re.search(pattern, text, re.I if name.islower() else 0):
            return True
    return False


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
# A word that names something particular: capitalised (not the first word), an acronym, or a figure.
_SPECIFIC = re.compile(
    r"(?<![\w/])[A-Z][\w.-]*(?:/[\w.-]*\w)+|"  # a document's symbol: "E/CN.15/2020/9", "A/RES/75/1"
    rf"(?<=\s)[A-Z][\w'’-]*|^[A-Z][\w'’]*[A-Z][\w'’-]*|\b\d[\d,.]*(?:{_ORDINAL_SUFFIX})?(?!\w)|\b(?:"
    + _ORDINAL_WORDS
    + rf")\b|{_KOREAN_ORDINAL}|"
    + r"\b\d[\d,.]*(?=[가-힣])(?![년월일])"  # a Korean figure and its counter: "42명", "18개국"; not a date's
)
_YEARISH = re.compile(r"(?:19|20)\d\d")
_MONTH = re.compile(rf"(?:{_MONTHS})", re.I)
_MONTH_IN_TEXT = re.compile(rf"\b(?:{_MONTHS})\b")  # capitalised: "may", "march" are other words
_TIME_SPAN = re.compile(r"\s+(?:half|quarter|semester|trimester|week|day|month|year)s?\b", re.I)
_YEARLIKE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# Capitalised words that are not names: question words, pronouns and English function words.
_NOT_NAMES = frozenset(
    "i what which who whom whose when where why how the a an in on of and or for to is are was were did does do "
    "un".split()
)


def specific_terms(question: str, ignore: Sequence[tuple[int, int]] = ()) -> list[str]:
    """The words of ``question`` that pick out something particular (names, acronyms, figures, ordinals),
    outside the spans in ``ignore`` (the organisations it names, which retrieval already resolves)."""
    question = _CONTEXT.sub("", question)
    ignore = [*ignore, *period_spans(question)]  # "in FY 2018-19": a time, matched by the report's period
    terms = []
    for match in _SPECIFIC.finditer(question):
        start = match.start()
        word = match.group().strip("'’-.,")
        if any(s <= start < e for s, e in ignore) or word.lower() in _NOT_NAMES or _YEARISH.fullmatch(word):
            continue
        if ordinal_value(word) is not None and _TIME_SPAN.match(question, match.end()):
            continue  # "in the second half of 2020": a part of a period, not the second of something
        terms.append(word)
    return list(dict.fromkeys(terms))


def ordinal_value(word: str) -> int | None:
    """The number an ordinal stands for ("16th", "sixteenth", "septième", "14.º", "제16회"), or None."""
    match = _ORDINAL.fullmatch(word)
    if not match:
        return None
    digits = match.group(1) or match.group(3) or match.group(4)
    return int(digits) if digits else _ORDINAL_VALUES[match.group(2).lower()]


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
    return False


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


def found_in(term: str, text: str) -> bool:
    """Is ``term`` in ``text``: as a word, a word of the same stem ("Thai", "Thailand"), an ordinal in either
    spelling ("16th", "sixteenth"), or a word one typing slip away ("Helsinky", "Walenberg")?"""
    value = ordinal_value(term)
    if value is not None:
        return any(ordinal_value(m.group()) == value for m in _ORDINAL.finditer(text))
    words = {w.lower() for w in re.findall(r"[\w'’]+", text)}
    folded = term.lower().split("-")[0]  # "Chinese-language": its head
    if _MONTH.fullmatch(folded):  # "Jan-Mar 2021": January in any spelling ("January–March 2021", "Jan.")
        return any(m.group()[:3].lower() == folded[:3] for m in _MONTH_IN_TEXT.finditer(text))
    if folded in words or re.search(rf"(?<![\w]){re.escape(folded)}(?![\w])", text.lower()):
        return True
    if len(folded) < 4 or folded.isdigit():
        return False
    # A word of the same stem: "Thai" / "Thailand", "Turkish" / "Turkey", "Kenyan" / "Kenya".
    stem = folded[: max(4, len(folded) - 3)]
    if any(w.startswith(stem) for w in words):
        return True
    slips = 1 if len(folded) < 8 else 2
    return any(abs(len(w) - len(folded)) <= slips and _distance(w, folded, slips) <= slips for w in words)


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


def named_bodies(question: str, ignore: Sequence[tuple[int, int]] = ()) -> list[tuple[str, list[str]]]:
    """Bodies the question names ("the Max Planck Institute for the Study of Crime", "Griffith University",
    "the University of Cambridge"), outside ``ignore`` (the organisations it names that the collection knows):
    each as its name and the words that tell it from other bodies: those before its noun ("Max", "Planck"), or
    for a noun alone, those after its "of" ("Cambridge")."""
    question = _CONTEXT.sub("", question)
    bodies = []
    for match in _BODY_OF.finditer(question):
        if any(s < match.end() and match.start() < e for s, e in ignore):
            continue
        if match.start() > 0 and re.search(rf"{_CAPITALISED}\s+$", question[: match.start()]):
            continue  # "Max Planck Institute for ...": named before its noun, below
        own = [w for w in match.group(1).split() if w[0].isupper() and w.lower() not in _NOT_NAMES]
        if own:
            bodies.append((match.group(), own))
    for match in _BODY.finditer(question):
        words = match.group().split()
        while words and words[0].lower() in _NOT_NAMES:  # "What Institute ...": not part of the name
            words.pop(0)
        start = match.end() - len(" ".join(words))
        noun = next((i for i, w in enumerate(words) if re.fullmatch(BODY_NOUNS, w)), 0)
        own = [re.sub(r"['’]s$", "", w) for w in words[:noun]]
        if own and not any(s < match.end() and start < e for s, e in ignore):
            bodies.append((" ".join(words), own))
    return bodies


def names_one(question: str) -> bool:
    """Does the question single out one thing by an ordinal or a count ("the 10th forum", "three areas")?"""
    text = _YEARLIKE.sub("", without_context(question))
    return bool(_ORDINAL.search(text)) or holds_type(text, "number")


BEST = 3  # the best passages whose language tells which language a question is answered in


def written_in(texts: Sequence[str]) -> str:
    """The language most of ``texts`` (the best passages) are written in; "en", the reports' usual language, when
    no other one is most."""
    languages = [detect_language(text) for text in texts]
    other = [language for language in languages if language != "en"]
    return max(sorted(set(other)), key=other.count) if 2 * len(other) > len(languages) else "en"
