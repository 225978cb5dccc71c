"""What a question asks about: which institutes, which years, and whether it wants a summary."""

from __future__ import annotations

import re
import threading
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from ingest.orgs import find_orgs, fuzzy_orgs, org_mentions, publishers_named
from ingest.periods import asked_years, bound_years

from .glossary import english_terms
from .places import english_places

__all__ = ["QueryInfo", "analyze_query", "detect_language", "prepare"]

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_LETTER = re.compile(r"[^\W\d_]")
# "2020년에 무엇을 했나요?", "주요 활동은?" — what did X do (in Y), in Korean.
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SUMMARY_KO = re.compile(
    r"(무엇을|뭘|무슨 일을|어떤 (일|활동)을?).{0,12}(했|하였|수행)|활동(은|을|에 대해|내용)|주요 (활동|사업)"
)
_WORDS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class QueryInfo:
    orgs: tuple[str, ...]
    years: tuple[int, ...]
    summary: bool  # "what did X do in Y" read from the words (Korean); other languages decide by meaning later
    language: str = "en"  # ISO 639-1 code of the question's language: "en", "ko", "es", "fr", ...
    expansion: str = ""  # long forms of acronyms the question uses, and acronyms of long forms it spells out
    fiscal_starts: bool = False  # "FY2020" names the fiscal year starting in 2020, as the asked institute's reports do
    bounds: tuple[int, ...] = ()  # years of ``years`` named as the edge of an open period ("known until 2002")


def analyze_query(
    question: str,
    acronyms: Mapping[str, str] | None = None,
    publishers: Sequence[str] = (),
    fiscal_starts: Collection[str] = (),
) -> QueryInfo:
    """Institutes, years, intent and language of ``question``; ``acronyms`` (mined from the indexed
    documents) expand "UNODC" to its long form and a spelled-out long form to its acronym; ``publishers`` are
    the indexed reports' publishers outside the curated table, found by name; ``fiscal_starts``, the
    institutes whose reports name a fiscal year by the year it starts in ("FY2020": April 2020 – March 2021):
    a question on one of them means its fiscal year by its own label."""
    expansion = _expand(question, acronyms or {})
    # A name with a typing slip ("Insitute for Security Studies") counts when no name is spelled right.
    orgs = tuple(dict.fromkeys(find_orgs(question) + find_orgs(expansion))) or tuple(fuzzy_orgs(question))
    orgs += tuple(publishers_named(question, publishers))
    starts = any(org in fiscal_starts for org in orgs)
    years = asked_years(question, starts)
    language = detect_language(question)
    if language == "ko":
        # Not inside a name: "아시아극동범죄방지연수소" (UNAFEI) holds "연수" (training) but asks nothing about it.
        spans = [(start, end) for start, end, _ in org_mentions(question)]
        unnamed = "".join(" " if any(s <= i < e for s, e in spans) else ch for i, ch in enumerate(question))
        # Words written in English in it ("ICPC의 Urban Safety Lab은", "(community corrections)") are its own
        # English terms.
        latin = " ".join(_LATIN_WORD.findall(unnamed))
        expansion = f"{expansion} {english_terms(unnamed)} {latin}".strip()
    # Countries and regions in the reports' spelling ("짐바브웨", "Zimbabue": Zimbabwe), in any language.
    expansion = f"{expansion} {english_places(question, language)}".strip()
    # In English, Spanish, French: by meaning, once passages are found (api/answer.py). Korean is read by its
    # grammar here, as the multilingual model's similarities are too compressed to tell intent there.
    summary = language == "ko" and len(orgs) == 1 and bool(_SUMMARY_KO.search(question))
    bounds = tuple(year for year in bound_years(question) if year in years)
    return QueryInfo(orgs, years, summary, language, expansion, starts, bounds)


def _expand(question: str, acronyms: Mapping[str, str]) -> str:
    lowered = question.lower()
    extra = []
    spelled = {long_form.lower() for long_form in acronyms.values() if long_form.lower() in lowered}
    # A long form inside a longer one the question spells out is part of that name: "l'Institut d'études de
    # sécurité de l'Union européenne" is IESUE, not also the ISS.
    whole = {short for short in spelled if not any(short != other and short in other for other in spelled)}
    for acronym, long_form in acronyms.items():
        if re.search(rf"(?<![A-Za-z0-9]){re.escape(acronym)}(?![A-Za-z0-9])", question):
            extra.append(long_form)
        elif long_form.lower() in whole:
            extra.append(acronym)
    return " ".join(extra)


# Languages a question is told apart from English in. Hangul is recognised by its script; the rest by
# py3langid's bundled model (character n-grams), restricted to languages readers of these reports write in,
# so that a short English question is not taken for one of the model's 97 languages.
_LATIN_SCRIPT = ("en", "es", "fr", "pt", "it", "de", "nl")
MIN_WORDS = 3  # "And UNAFEI?" is too short to tell: fewer words than this stay English
MIN_CONFIDENCE = 0.9  # the identifier's normalised probability needed to leave English


_BUILDING = threading.Lock()  # a server builds it in a thread at load: a question asked meanwhile waits for it


def _identifier() -> LanguageIdentifier:
    with _BUILDING:
        return _built_identifier()


@cache
def _built_identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(_LATIN_SCRIPT))
    return identifier


def prepare() -> None:
    """Build what reading a question builds on first use: the language identifier (0.4 s, mostly decompressing
    its model) and the institutes' name patterns (0.2 s); a server does it as it loads (api/app.py), so that its
    first question is not a second slower than later ones."""
    _identifier()
    find_orgs("")


# Memoised: an answer asks the language of the same passages again and again (the best ones of each question,
# each sentence it weighs), and a passage takes the identifier about a millisecond.
@lru_cache(maxsize=8192)
def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``'s language: "ko" when most letters are Hangul; otherwise the language the
    identifier is confident of (``MIN_CONFIDENCE``), else "en" (the reports' language)."""
    letters = len(_LETTER.findall(text))
    if not letters:
        return "en"
    if len(_HANGUL.findall(text)) / letters >= 0.3:  # its assigned code points are all letters
        return "ko"
    if re.search("[¿¡]", text):
        return "es"  # only Spanish opens a question or an exclamation upside down ("¿Quién es ...?")
    if len(_WORDS.findall(text.lower())) < MIN_WORDS:
        return "en"
    language, probability = _identifier().classify(text)
    return str(language) if probability >= MIN_CONFIDENCE else "en"
