"""What kind of answer a question wants, read from its grammar.

"How much did the Basel Institute spend on LEARN?" wants an amount; "which city" a place; "몇 명" a count.
The answer type comes from the interrogative and the noun it governs ("which city", "what year", "cuántos",
"combien", "몇 명"), in the languages the readers write in, never from the words of particular questions.
Whether a sentence holds a span of that type is spans.py's; the names and figures a question gives, names.py's.
"""

from __future__ import annotations

import re
from typing import Literal

from index.places import DEMONYMS
from ingest.orgs import org_mentions

__all__ = [
    "AnswerType",
    "DIRECT_TYPES",
    "answer_type",
    "asks_day",
    "asks_many",
    "asks_particular",
    "asked_attribute",
    "context_of",
    "nationality_asked",
    "sums_asked",
    "sum_names",
    "organisation_noun",
    "holds_ratio",
    "ratio_asked",
    "type_words",
    "without_context",
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
_MONEY_NOUNS = (
    r"budget|cost|costs|price|amount|spend|spending|expenditures?|income|revenues?|salary|fee|fees|presupuesto|"
    r"gastos|ingresos|co[uû]t|montant|d[ée]penses|recettes"
)
# Between "what" and a noun, these make "what did the Institute do" a question about the institute, not for one.
_AUXILIARIES = r"(?:did|does|do|has|have|had|is|are|was|were|will|can|could|would|should|hizo|ha|fue|a|est)\b"
_DATE_NOUNS = r"years?|dates?|months?|days?|a[ñn]os?|fechas?|ann[ée]es?|mois"

# A sum asked for by the question's grammar, whatever else it names.
_SUM_ASKED = re.compile(
    rf"\bhow much(?=\s+(?:{_AUXILIARIES}|in\b|(?:[\w-]+\s+){{0,2}}(?:money|funding|funds|{_MONEY_NOUNS})\b)"
    r"|\s*[?？]|$)|"
    # "How big is the scholarship fund", "how large a grant": the size of a sum (a fund named alone is not).
    rf"\bhow (?:big|large|small)\s+(?:(?:is|was|are|were)\s+)?(?:[\w'’-]+\s+){{0,3}}?"
    rf"(?:grants?|funds?|funding|contributions?|donations?|endowments?|{_MONEY_NOUNS})\b|"
    r"\bcu[aá]nto dinero\b|얼마|"
    # "¿Cuánto costó ...?", "Combien a coûté ...?": what something cost, in the verb. "¿Cuánto aportó/recibió
    # /se invirtió ...?": "cuánto" before a verb in the past is "how much" before an auxiliary (not "¿Cuánto
    # duró?", a time).
    r"\bcu[aá]nto\s+(?:cost[oóa]|costaron|cuesta|cuestan|gast[oóa])\b|\bcombien\s+(?:a\s+)?co[uû]t|"
    r"\bcu[aá]nto\s+(?:se\s+|le\s+|les\s+|ha\s+|han\s+)?(?!dur)[^\W\d_]+(?:ó|aron|ieron|ado|ido)\b",
    re.I,
)

_RULES: tuple[tuple[AnswerType, re.Pattern[str]], ...] = (
    # "얼마" (how much) said of a measure or a number asks a figure: "면적은 얼마", "이용자 수는 얼마나".
    ("number", re.compile(r"(?:면적|넓이|크기|길이|거리|무게|높이|수)(?:은|는|이|가)?\s*얼마")),
    # "What percentage of the budget came from the EU?": a ratio, given as a figure ("67,8 %"), though of a sum.
    (
        "number",
        re.compile(
            r"\b(?:what|which)\s+(?:percentage|proportion|share|per\s?cent)\b|"
            r"\bqu[eé]\s+(?:porcentaje|proporci[oó]n)\b|\bquel(?:le)?\s+(?:pourcentage|proportion|part)\b",
            re.I,
        ),
    ),
    # "How much did X spend", "how much (EU) money": an amount; "how much freedom do victims have": a degree, no sum.
    # Or a word of money alone ("What was the annual budget?"), unless a question word of another kind opens the
    # question (answer_type).
    ("amount", re.compile(rf"{_SUM_ASKED.pattern}|\b(?:{_MONEY_NOUNS})\b|예산|비용", re.I)),
    (
        "number",
        re.compile(
            r"\bhow many\b|\bnumber of\b|\bcu[aá]nt[oa]s\b|\bcombien\b|\bnombre de\b|"
            # "What's the updated figure?", "what was the total for Kenya?": the figure asked by its noun.
            rf"\bwhat(?:'s|’s|\s+(?:{_AUXILIARIES}))\s+the\s+(?:[\w-]+\s+)?(?:figure|total|number)\b|"
            r"몇\s*(?:명|번(?!\s*째)|개|회(?!\s*째)|차례|건|곳|권|편)|"  # "몇 번째" asks which one (an ordinal)
            # "졸업생 수", "참가자 수는?": a noun's number, ending the question (not "할 수 있나요", can do).
            r"(?<=[가-힣])\s+수(?:는|가|를|은)?\s*(?:[?？.!]|$)",
            re.I,
        ),
    ),
    (
        "date",
        re.compile(
            # "which day", "on which exact day", "in what calendar year": an adjective may come between; "what
            # were the dates of ...": the date noun after "is the".
            rf"\bwhen\b|\bsince when\b|"
            rf"\b(?:what|which) (?:(?:is|was|are|were) the )?(?:(?!{_AUXILIARIES})[a-z]+ )?(?:{_DATE_NOUNS})\b|"
            r"\bcu[aá]ndo\b|"
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


def nationality_asked(question: str) -> str | None:
    """The nationality that sets apart the organisation asked for ("Which *Finnish* institute ...?", "which
    *Canadian* centre"), or None."""
    match = _ORG_NOUN.search(without_context(question))
    if match is None:
        return None
    words = match.group()[: match.start("noun") - match.start()].split()[1:]  # between "which" and the noun
    return next((word for word in words if word.capitalize() in DEMONYMS), None)


def type_words(question: str) -> list[str]:
    """The words that name the kind of place or date asked for ("which *city*", "in what *year*"): they
    describe the span, and places and dates are written without them ("based in Helsinki" answers "Which
    city is HEUNI in?"). Not organisations: their names carry their noun ("Illinois State University")."""
    return [match.group("noun") for match in _TYPE_NOUN.finditer(without_context(question))]


_CONTEXT = re.compile(r"\s*\((?:[^()]|\([^()]*\))*\)\s*$")  # one level of nesting: "(Who wrote ... (XIX))"


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
# In Korean: a plural noun after "어떤/무슨/어느" ("어떤 행사들을"), or a count of things ("어떤 세 분야", "5대 분야").
_MANY_KO = re.compile(
    r"(?:어떤|무슨|어느)\s*(?:[가-힣]+들|(?:두|세|네|다섯|여섯|일곱|여덟|아홉|열|\d+)\s*(?:가지|개)?\s*[가-힣]+)|"
    r"\d+\s*대\s+[가-힣]+"
)


def asks_many(question: str) -> bool:
    """Does the question ask for several things: a plural head noun after its question word ("which months
    did", "what activities", but not "which firearms protocol did"), or a count ("which two institutes")?"""
    question = without_context(question)
    if _COUNTED.search(question) or _MANY_KO.search(question):
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
            if kind == "amount" and not _SUM_ASKED.search(question) and (asked := _opening_kind(question)):
                return asked  # "Who paid the costs?", "When was the budget approved?": money is the topic
            return kind
    return "other"


# What may come before a question's question word: "¿", a preposition ("With whom", "In which country").
_OPENING = re.compile(
    r"\s*[¿¡]?\s*(?:(?:with|by|from|to|for|in|on|at|con|por|de|en|para|avec|par|pour|dans|à)\s+)?", re.I
)
_KO_QUESTION_WORD = re.compile(r"누가|누구|언제|어디|어느")  # a question word wherever it stands, never a relative


def _opening_kind(question: str) -> AnswerType | None:
    """The kind a question word of another kind than a sum asks for, when it opens the question ("Who", "When",
    "Which organisation", "¿Quién") or is a Korean question word: "qui" or "who" further on may be a relative
    pronoun ("le montant qui a été versé")."""
    opening = _OPENING.match(question)
    end = opening.end() if opening else 0
    for kind, pattern in _RULES:
        if kind in ("date", "organisation", "place", "agent"):
            match = pattern.search(question)
            if match and (match.start() <= end or _KO_QUESTION_WORD.match(match.group())):
                return kind
    return None


# A day asked for, not a month or a year: "on what date", "which exact day", "qué día", "quel jour", "며칠".
_ASKS_DAY = re.compile(
    r"\b(?:what|which)\s+(?:exact\s+)?(?:day|date)\b|\b(?:qu[eé]|cu[aá]l)\s+(?:d[ií]a|fecha)\b|"
    r"\bquel(?:le)?\s+(?:jour|date)\b|며칠|몇\s*일",
    re.I,
)


# Korean nouns of money: a noun stands inside a compound or before a particle ("총예산은"), so no word bounds.
_KO_MONEY_NOUNS = "예산|비용|지출|수입|수익|급여|수수료|금액"
_SUM_NOUN = re.compile(rf"\b(?:{_MONEY_NOUNS})\b|{_KO_MONEY_NOUNS}", re.I)
# A sum by its name in each language the reports and questions are in (a closed class, like the nouns): a budget
# is "presupuesto" on a Spanish page and "예산" in a Korean question.
_SUM_NAMES: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "budget presupuesto 예산",
        "cost costs coste costo costos coût coûts 비용",
        "expenditure expenditures spending spend gastos dépenses 지출",
        "income ingresos recettes revenus 수입",
        "revenue revenues ingresos recettes 수익",
        "salary salario salaire 급여",
        "fee fees honorarios frais 수수료",
        "price precio prix",
        "amount monto importe montant 금액",
    )
)


def sums_asked(question: str) -> list[str]:
    """The nouns of money ``question`` names, which say which sum it asks for ("total expenditure": not the
    income, nor a grant)."""
    return [match.group().lower() for match in _SUM_NOUN.finditer(without_context(question))]


def sum_names(noun: str) -> frozenset[str]:
    """``noun`` (a noun of money sums_asked gives) and its names in the other languages: "presupuesto" for
    "budget", "budget" for "예산"."""
    return frozenset().union(*(group for group in _SUM_NAMES if noun in group)) or frozenset({noun})


# "What percentage / proportion / share of ...", "what compliance rate", "quel taux", "몇 퍼센트": a ratio is asked,
# and a figure with its percent gives one ("67,8 %", "66.7 per cent", a "(%)" column's cell); "what did she
# share" asks for none.
_RATIO = re.compile(
    r"\b(?:percentage|proportion|per\s?cent|percent|porcentaje|proporci[oó]n|tasa|pourcentage|taux)\b|%|비율|퍼센트|"
    r"\b(?:what|which)\s+(?:(?:is|was|are|were)\s+the\s+)?(?:[\w-]+\s+)?(?:share|rate)\b|\bquelle\s+part\b",
    re.I,
)
_PERCENT = re.compile(
    r"\d\s?[%％]|\d\s*(?:per\s?cent\b|percent\b|por\s+ciento\b|pour\s+cent\b|퍼센트|프로)|"
    r"(?:[%％]|\bper\s?cent)\)?:\s*\d",  # a table's row as text: "Positive for methamphetamine (%): 57"
    re.I,
)


def ratio_asked(question: str) -> bool:
    return bool(_RATIO.search(question))


def holds_ratio(text: str) -> bool:
    return bool(_PERCENT.search(text))


def asks_day(question: str) -> bool:
    """Does the question ask on which day something happened (a month or a year does not answer it)?"""
    return bool(_ASKS_DAY.search(without_context(question)))


# "Which protocol did ...", "What training video ...": a question word before a noun asks for particular
# things; before an auxiliary ("What did", "What were", "What has") it may ask for everything.
_WH_DETERMINER = re.compile(
    # After a preposition too: "With which university ...?", "¿Entre qué países ...?", "Dans quelle ville ...?".
    r"^\s*(?:[¿¡]?\s*(?:in|with|for|from|at|on|to|by|between|among|entre|con|en|de|para|por|sobre|dans|avec|pour|"
    r"par|chez|à)\s+)?(?:which|what|qu[eé]|cu[aá]l(?:es)?|quel(?:le)?s?)\s+"
    r"(?!(?:did|does|do|has|have|had|is|are|was|were|will|would|can|could|should|hizo|ha|han|fue|fueron|son|es|"
    r"a|ont|est|sont|était|étaient|ont-ils|a-t-il)\b)[^\W\d_]",
    re.I,
)


def asks_particular(question: str) -> bool:
    """Does the question ask for a particular thing by its kind ("Which protocol ...?", "What handbook ...?")?"""
    return bool(_WH_DETERMINER.match(question))


# "What is the *impact factor* of the journal?", "What was the *annual value* of the premises?": the attribute
# asked of a thing the question names. Lowercase words only: a capitalised one starts the thing's own name
# ("What is the Mechanism for Combating Illicit Trade ...").
_ATTRIBUTE = re.compile(
    r"^\s*(?i:what|which)\s+(?i:is|was|are|were)\s+(?i:the|its|their|his|her)\s+"
    r"(?P<attribute>(?:[a-z][a-z'’-]*\s+){0,2}[a-z][a-z'’-]*)\s+(?:of|for)\b"
)


def asked_attribute(question: str) -> str:
    """The attribute a "what is the <attribute> of <thing>" question asks ("" for any other question): a
    sentence about the thing that never names the attribute does not give it."""
    match = _ATTRIBUTE.match(without_context(question))
    return match.group("attribute") if match else ""
