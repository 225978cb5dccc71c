"""Spans a sentence may answer with: a count, a sum of money, a date, a day, a place, a name. A cheap,
layout-free check that keeps an extractive answer from quoting a sentence that is on topic but silent on
what was asked ("How much did the Basel Institute spend on LEARN?": a sentence on LEARN without an amount).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from index.korean import has_hangul, places_in
from ingest.periods import MONTH

__all__ = [
    "left_open",
    "MONTHS",
    "count_spans",
    "holds_day",
    "holds_type",
    "names_currency",
    "names_organisation_of",
    "place_of",
]

MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fifteen|twenty|thirty|forty|fifty|"
    r"hundred|hundreds|thousand|thousands|million|dozen|dozens"  # not "first" or "several": no count
)
_ORDINAL_UNITS = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)\b"
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
    r"riyals?|lira|zloty|forint|rubles?|roubles?|hryvnias?|tenge|taka|birr|cedis?|kwacha|"
    # Crowns (Swedish, Norwegian, Danish, Czech) and Latin American currencies as Spanish and Portuguese say them;
    # not "bolivianos" (45 bolivianos are as often 45 Bolivians) nor English "crowns" (12 Crown Prosecutors).
    r"coronas?|coroas?|bol[ií]vares|quetzal(?:es)?|lempiras?|c[oó]rdobas?|guaran[ií]es"
)
# Languages a text may be written in: "in English" says how, not where.
_LANGUAGES = r"English|French|Spanish|Arabic|Chinese|Russian|Portuguese|German|Japanese|Korean|Thai"
_MAGNITUDES = r"millions?|milliards?|billions?|thousands?|mille|mil|millones|mil millones|bn|m"
# Titles written beside a Korean person's name (a closed class, like the offices of api/roles.py); not 연구원,
# which is also an institute's noun.
_KO_TITLES = (
    "교수|박사|원장|소장|연구위원|선임연구위원|부연구위원|위원장|장관|차관|검사|판사|변호사|사무총장|총장|대표|"
    "회장|의장|국장|과장|센터장|부장|실장|관장|이사장|청장|대사"
)
_KO_PARTICLE = "(?:께서|이|가|은|는|의|을|를|와|과|도)?(?![가-힣])"
_SPANS: dict[str, re.Pattern[str]] = {
    # A count: digits that are not a year, a day of a month ("on 30 July") or part of a name ("COVID-19"), or
    # a number word.
    "number": re.compile(
        # Hangul may follow: a Korean counter ("531명", "18개국"), though not a date's ("10월 27일").
        rf"(?<![\w.,-])(?!(?:19|20)\d\d(?!\d))\d[\d,.]*+(?!(?![가-힣])[^\W\d_]|[년월일])(?!\s+(?:{MONTHS})\b)|"
        rf"\b(?:{_NUMBER_WORDS})\b(?!-{_ORDINAL_UNITS})",  # not an ordinal ("the thirty-second session")
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
    "date": re.compile(rf"(?<!\d)(?:19|20)\d\d(?!\d)|\b(?:{MONTHS})\b"),
    # A capitalised name after a preposition of place: "based in Tokyo", "held at the Palais", "in Montreal".
    # French and Spanish too: "à Bamako", "en Limón", "dans la région de Kayes", "desde San José".
    # Or a name its own noun calls a place: "with the City of Montreal", "the Republic of Korea".
    "place": re.compile(
        # (Capitalised too: "In El Salvador, the Institute ...")
        r"(?<![\w'])(?i:in|at|from|to|near|à|au|aux|en|dans|desde|hacia|près de|cerca de)\s+"
        # Not a month ("in December"), a language ("published in English") nor a bare acronym ("published in
        # IJCJ", "to UNODC": bodies; "in the UAE" may be a place).
        rf"(?:(?:the\s+|la\s+|le\s+|les\s+|el\s+|los\s+|las\s+|l['’])|(?![A-Z]{{2,}}\b))(?!(?:{MONTHS}|{_LANGUAGES})\b)"
        r"[A-ZÀ-ÖØ-Þ][\w'’-]+|"
        r"\b(?:City|Town|Province|Municipality|Republic|Kingdom|State|County|Region)\s+of\s+(?:the\s+)?[A-Z][\w'’-]+|"
        # Or a name set beside a noun of place: "the conference venue, the Finlandia Hall,", "the site is Kobe".
        r"\b(?:venue|city|town|country|region|site|location)s?(?:,|\s+(?:is|was|were|are))\s+(?:the\s+)?[A-Z][\w'’-]+|"
        # Or a record's field labelled so: "Place: Fondazione CNPDS, Milan", "Lugar: Asunción".
        r"^(?i:place|venue|location|address|lieu|lugar|sede)\s?:\s*[A-ZÀ-ÖØ-Þ]"
    ),
    # A capitalised multi-word name: a person ("Kittipong Kittayarak") or a body ("Illinois State University").
    "organisation": re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:of|for|and|the|on|de|du|la)?\s*[A-Z][\w'’-]+)+|\b[A-Z]{3,}\b"),
    "name": re.compile(r"[“\"«][^”\"»]{3,}[”\"»]|\b[A-Z][\w'’-]+(?:\s+(?:of|for|and|the|on)?\s*[A-Z][\w'’-]+)+"),
    "agent": re.compile(
        r"\b[A-Z][\w'’-]+(?:\s+(?:of|for|and|the|on|de|du|la)?\s*[A-Z][\w'’-]+)+|\b[A-Z]{3,}\b|"
        # A Korean name (no capitals) by the title after or before it: "최은정 교수가", "원장 윤재현".
        rf"(?<![가-힣])[가-힣]{{2,4}}\s+(?:{_KO_TITLES}){_KO_PARTICLE}|(?<![가-힣])(?:{_KO_TITLES})\s+[가-힣]{{2,4}}(?=[\s,)·]|$)"
    ),
}


# Days of a month, alone or as a range: "27 and 28 February", "2-3 December", "March 3 and 4, 2020".
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DAYS = re.compile(
    rf"(?<![\w.,-]){_DAY}(?:\s*(?:,|and|to|-|–)\s*{_DAY})*\s+(?:of\s+)?(?:{MONTHS})\b|"
    rf"\b(?:{MONTHS})\.?\s+{_DAY}(?:\s*(?:,|and|to|-|–)\s*{_DAY})*(?![\d])",
    re.I,
)
# A paragraph's or item's own number ("24. The Institute ...", "(e) In partnership ...") is no figure.
_NUMBERING = re.compile(r"(?:^|(?<=\u2063))\s*(?:\d{1,3}\.|\([a-z]{1,4}\)|\(\d{1,3}\))\s+")


# A web or mail address's digits are no figure nor date ("www.example.org/uploads/2020/11/report.pdf").
_ADDRESS = re.compile(r"(?:\bhttps?://|\bwww\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


# Spanish and French days ("30 de julio", "le 18 février"), and Korean ones ("27일").
_OTHER_DAYS = re.compile(rf"\b\d{{1,2}}(?:er|º|°)?\s+(?:de\s+)?{MONTH}(?!\w)|\d{{1,2}}\s*일", re.I)


def holds_day(text: str) -> bool:
    """Does ``text`` give a day of a month ("30 July", "July 30", "30 de julio", "10월 27일")?"""
    return bool(_DAYS.search(text) or _OTHER_DAYS.search(text))


_CURRENCY = re.compile(rf"[{_CURRENCY_SIGNS}]|(?-i:\b(?:{_CURRENCY_CODES})\b)|\b(?:{_CURRENCY_NAMES})\b|\bUS\$", re.I)


def names_currency(text: str) -> bool:
    """Does ``text`` name a currency, with or without a figure ("in thousands of United States dollars")?"""
    return bool(_CURRENCY.search(text))


_MAGNITUDE = re.compile(_MAGNITUDES, re.I)


def names_money(word: str) -> bool:
    """Is ``word``, said after a figure, a currency or a magnitude ("dólares", "EUR", "millones")? Then the figure
    is a sum, and counts nothing."""
    return bool(_CURRENCY.fullmatch(word) or _MAGNITUDE.fullmatch(word))


def count_spans(text: str) -> list[tuple[int, int]]:
    """Where each count in ``text`` is: numbers that are not a year, a day of a month, an item's own number
    or part of a name."""
    for pattern in (_NUMBERING, _DAYS, _ADDRESS):  # blanked, not removed: offsets stay those of ``text``
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return [match.span() for match in _SPANS["number"].finditer(text)]


def first_figure(text: str, kind: str) -> int | None:
    """Where the first count or sum of ``text`` begins (``kind`` "number" or "amount"), or None for another kind."""
    if kind == "number":
        return next((start for start, _ in count_spans(text)), None)
    match = _SPANS["amount"].search(text) if kind == "amount" else None
    return match.start() if match else None


def holds_type(text: str, kind: str) -> bool:
    """Does ``text`` contain a span that could answer a question of type ``kind``? ("other": always.)"""
    pattern = _SPANS.get(kind)
    text = _ADDRESS.sub("", _NUMBERING.sub("", text))
    if kind == "number":  # "held on 27 and 28 February", "on March 3": days of a month count nothing
        text = _DAYS.sub("", text)
    if kind == "place":  # a quoted title's capitals name no place: “Responses to Combat Organized Crime”
        text = _QUOTED.sub("", text)
        if has_hangul(text) and places_in(text):  # "부산에서": Korean says where by its grammar (index/korean.py)
            return True
    return pattern is None or bool(pattern.search(text))


_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»")

# A participle of place opening the sentence describes its subject: "Located in Riyadh, it ...", "Based in
# Montreal, the Centre ...".
_FRONTED_PLACE = re.compile(r"\s*[A-Z][a-z]+ed\s+(?:in|at)\s+(?:the\s+)?[A-Z][^,.;]{0,60},\s+(?:it|they|the\s|[A-Z])")


_CAPITALISED = r"[A-Z][\w'’-]+"


def place_of(text: str, names: Sequence[str]) -> bool:
    """Is a place said of one of ``names`` right where it is named ("the Institute X, based in Tokyo,",
    "X (Vancouver, Canada)"), or of the sentence's subject before it is named ("Located in Riyadh, it is ...")?
    How reports give an organisation's or an event's seat, whatever the verb."""
    if _FRONTED_PLACE.match(text):
        return True
    for name in names:
        # "(Vancouver, Canada)", "(Tokyo)": capitalised words alone in the brackets; not "(No. 161)".
        pattern = (
            rf"(?<![\w-]){re.escape(name)}(?![\w-])[^.;:]{{0,60}}?"
            rf"(?:\b(?:in|at)\s+(?:the\s+)?[A-Z]|\(\s*{_CAPITALISED}(?:\s+{_CAPITALISED})*\s*[,)])"
        )
        if re.search(pattern, text, re.I if name.islower() else 0):
            return True
    return False


def names_organisation_of(text: str, noun: str) -> bool:
    """Does ``text`` name an organisation of the kind ``noun`` ("institute": "the European Institute for Crime
    Prevention and Control"; "university": "Illinois State University"), not merely a capitalised body?"""
    stem = noun[:5]
    return any(stem in span.lower() for span in _SPANS["organisation"].findall(text))


# Said of a thing that it is still open: "to be decided", "not yet confirmed", "has yet to be agreed", "pending".
_OPEN = (
    r"(?:(?:is|are|was|were|remains?|still)\s+)?(?:(?:yet\s+)?to\s+be|not\s+yet(?:\s+been)?|has\s+yet\s+to\s+be|"
    r"have\s+yet\s+to\s+be)\s+(?:decided|determined|confirmed|agreed|announced|set|chosen|fixed|known)\b|"
    r"\b(?:undecided|unconfirmed|pending)\b"
)


def left_open(text: str, attribute: str) -> bool:
    """Does ``text`` name ``attribute`` only to say it is still open ("on a theme to be decided at the next
    meeting", "The venue is not yet confirmed")? The attribute's noun and the words saying so within a few words,
    nothing but words between."""
    noun = re.escape(attribute.split()[-1])
    return bool(re.search(rf"\b{noun}s?\b[\w\s]{{0,30}}?\b{_OPEN}", text, re.I))
