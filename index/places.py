"""Countries and world regions a question names in Korean, Spanish or French, in English: the reports' language.

"짐바브웨 반부패위원회와 양해각서를 체결한 연구소는?" shares no word with "a memorandum of understanding with the
Zimbabwe Anti-Corruption Commission"; the multilingual embedder blurs one country among many. Rendering the
names gives BM25 and the answer's word coverage the word the passage uses. The names are CLDR's (Babel), for
every country and region, not a list written for our questions.
"""

from __future__ import annotations

import re
from functools import cache

from .glossary import korean_stem

__all__ = ["DEMONYMS", "english_place_names", "english_places", "places_named"]

# English adjectives of nationality and the country (or region) each names: "a Finnish institute" is one in
# Finland. A closed class of the language, like month names; irregular forms are why it is a table.
DEMONYMS: dict[str, str] = {
    word: country
    for country, words in {
        "Afghanistan": "Afghan",
        "Africa": "African",
        "Albania": "Albanian",
        "Algeria": "Algerian",
        "America": "American",
        "Argentina": "Argentine Argentinian",
        "Armenia": "Armenian",
        "Asia": "Asian",
        "Australia": "Australian",
        "Austria": "Austrian",
        "Bangladesh": "Bangladeshi",
        "Belgium": "Belgian",
        "Bolivia": "Bolivian",
        "Brazil": "Brazilian",
        "Britain": "British",
        "Bulgaria": "Bulgarian",
        "Cambodia": "Cambodian",
        "Cameroon": "Cameroonian",
        "Canada": "Canadian",
        "Chile": "Chilean",
        "China": "Chinese",
        "Colombia": "Colombian",
        "Croatia": "Croatian",
        "Cuba": "Cuban",
        "Czechia": "Czech",
        "Denmark": "Danish Dane",
        "Ecuador": "Ecuadorian",
        "Egypt": "Egyptian",
        "England": "English",
        "Estonia": "Estonian",
        "Ethiopia": "Ethiopian",
        "Europe": "European",
        "Fiji": "Fijian",
        "Finland": "Finnish Finn",
        "France": "French",
        "Germany": "German",
        "Ghana": "Ghanaian",
        "Greece": "Greek",
        "Guatemala": "Guatemalan",
        "Honduras": "Honduran",
        "Hungary": "Hungarian",
        "Iceland": "Icelandic",
        "India": "Indian",
        "Indonesia": "Indonesian",
        "Iran": "Iranian",
        "Iraq": "Iraqi",
        "Ireland": "Irish",
        "Israel": "Israeli",
        "Italy": "Italian",
        "Japan": "Japanese",
        "Jordan": "Jordanian",
        "Kazakhstan": "Kazakh",
        "Kenya": "Kenyan",
        "Korea": "Korean",
        "Kyrgyzstan": "Kyrgyz",
        "Latvia": "Latvian",
        "Lebanon": "Lebanese",
        "Lithuania": "Lithuanian",
        "Malaysia": "Malaysian",
        "Mali": "Malian",
        "Mexico": "Mexican",
        "Mongolia": "Mongolian",
        "Morocco": "Moroccan",
        "Nepal": "Nepalese Nepali",
        "Netherlands": "Dutch",
        "New Zealand": "Zealander",
        "Nigeria": "Nigerian",
        "Norway": "Norwegian",
        "Pakistan": "Pakistani",
        "Panama": "Panamanian",
        "Peru": "Peruvian",
        "Philippines": "Filipino Philippine",
        "Poland": "Polish",
        "Portugal": "Portuguese",
        "Romania": "Romanian",
        "Russia": "Russian",
        "Saudi Arabia": "Saudi",
        "Scotland": "Scottish",
        "Senegal": "Senegalese",
        "Serbia": "Serbian",
        "Singapore": "Singaporean",
        "Slovakia": "Slovak",
        "Slovenia": "Slovenian",
        "Spain": "Spanish",
        "Sri Lanka": "Lankan",
        "Sweden": "Swedish Swede",
        "Switzerland": "Swiss",
        "Tanzania": "Tanzanian",
        "Thailand": "Thai",
        "Tunisia": "Tunisian",
        "Turkey": "Turkish",
        "Uganda": "Ugandan",
        "Ukraine": "Ukrainian",
        "Uzbekistan": "Uzbek",
        "Venezuela": "Venezuelan",
        "Viet Nam": "Vietnamese",
        "Zambia": "Zambian",
        "Zimbabwe": "Zimbabwean",
    }.items()
    for word in words.split()
}
_SKIPPED = frozenset({"001", "ZZ"})  # "the world" and "unknown region" name no place a passage is about
_WORD = re.compile(r"[가-힣]+")


def english_places(question: str, language: str) -> str:
    """English names of the countries and regions ``question`` (in ``language``: ko, es or fr) names, space-joined;
    "" for other languages."""
    return " ".join(places_named(question, language))


def places_named(text: str, language: str, capitalised: bool = False) -> list[str]:
    """The English names of the countries and regions ``text`` (in ``language``: ko, es or fr) names where its
    language spells them otherwise ("Mauritanie": Mauritania), in order, once each; [] for other languages.
    ``capitalised``: in Spanish and French, only names written with a capital, as a name is: "la réunion du
    Conseil" is a meeting, not Réunion."""
    names = _names(language)
    if not names:
        return []
    if language == "ko":
        # A name is a whole word, particles aside: "태국의" is Thailand, "인도적" (humanitarian) is not India.
        words = [korean_stem(w) for w in _WORD.findall(text)]
        spans = words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]  # "라틴 아메리카"
        found = [names[w] for w in spans if w in names]
    else:
        matches = _pattern(language).finditer(text)
        found = [names[m.group().lower()] for m in matches if not capitalised or m.group()[0].isupper()]
    return list(dict.fromkeys(found))


@cache
def english_place_names() -> frozenset[str]:
    """Every country and region by its English name ("United Arab Emirates"): no person's name."""
    from babel import Locale

    return frozenset(Locale("en").territories.values())


@cache
def _names(language: str) -> dict[str, str]:
    """Localised name (lower-cased) -> English name, for every territory CLDR names in ``language``."""
    if language not in ("ko", "es", "fr"):
        return {}
    from babel import Locale

    english = Locale("en").territories
    local = Locale(language).territories
    return {
        name.lower(): english[code]
        for code, name in local.items()
        if code in english and code not in _SKIPPED and name.lower() != english[code].lower()
    }


@cache
def _pattern(language: str) -> re.Pattern[str]:
    names = sorted(_names(language), key=len, reverse=True)  # "Corea del Sur" before "Corea"
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)", re.I)
