"""Questions for the holder of an office ("Who is the director of UNICRI?") and sentences that name one.

Such a question is answered by a sentence naming a person in that office ("Kittipong Kittayarak, Director of
the Thailand Institute of Justice", "Director Taro Morinaga"); a sentence about the institute that names no
holder is on topic but does not answer, and the honest reply is that the reports do not name one.
Offices are a closed class of words, like months: the titles organisations give their officers, in the
languages the readers write in. A title is matched across languages by its first letters ("director",
"directeur"; "presidente", "president").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Sequence

from index.glossary import KO_TITLES
from index.places import english_place_names
from ingest.orgs import BODY_NOUNS, org_mentions

from .terms import words

__all__ = ["office_asked", "office_label", "names_holder", "holders_first", "people_in", "people_named", "office_body"]

_OFFICES = (
    r"director|directora|directeur|directrice|director-general|president|presidente|presidenta|pr[ée]sidente?|head|"
    r"chair|chairperson|chairman|chairwoman|secretary|secretario|secretaria|secr[ée]taire|rapporteur|"
    r"minister|ministro|ministra|ministre|chief|commissioner|coordinator|coordinador|coordinadora|"
    r"coordinat(?:eur|rice)|dean|decano|decana|doyen|rector|rectora|recteur|founder|fundador|fundadora|"
    r"fondat(?:eur|rice)|ceo|executive|authors?|autor(?:es|as?)?|auteurs?|autrices?|editors?|editor(?:es|as?)?|"
    r"[ée]diteurs?"
)
# "Who is/was the (executive) director of ...", "¿Quién es el director de ...?", "Qui est le directeur ...",
# "What is the name of the UN Special Rapporteur who ...": the office right after the question's verb.
_ASKED = re.compile(
    r"\b(?:who\s+(?:is|was|are|were)|qui[eé]n\s+(?:es|era|fue)|qui\s+(?:est|était|etait)|name\s+of)\s+"
    r"(?:the|el|la|le|l'|its|their|su|sa|son)\s+(?:[\w-]+\s+){0,2}(?P<office>" + _OFFICES + r")\b",
    re.I,
)
# "Who chaired the Board?", "Qui dirige l'équipe ?", "¿Quién preside el consejo?": the office asked by its verb,
# answered by "chaired by Jane Doe", "dirigée par Mme Diallo".
_ASKED_BY_VERB = re.compile(
    r"\b(?:who|qui|qui[eé]n)\s+(?:(?:is|was|are|were|est|es)\s+)?(?P<verb>chair(?:s|ed)?|head(?:s|ed)?|"
    r"direct(?:s|ed)?|dirig(?:e|ea|ait|[ée]e?|ida|ido)|presid(?:es|ed|e|ía|ait)|pr[ée]sid(?:e|ait)|"
    r"wrote|authored|edited|escribi[óo]|a\s+[ée]crit|"
    # "¿Quién firma la entrada?", "Who signed the foreword?": a piece of writing is signed by its author; an
    # agreement by its parties (_AGREEMENT), which no credit line names.
    r"firm(?:a|ó|o|aron)|sign(?:s|ed)|(?:a\s+)?sign[ée]|"
    # "Who led the programme?": "said Dr Miriam Odhiambo, who led the programme"; "Who coordinated the course?":
    # "coordinated by Professor Akiko Murai".
    r"led|leads?|coordinat(?:es|ed)|coordin(?:a|ó|aba)|coordonn(?:e|ait|é))\b",
    re.I,
)
_SIGNED = re.compile(r"firm\w*|sign\w*|a\s+sign\w*", re.I)
# What is signed as a pact, not written: a memorandum, an agreement, a convention, a treaty, a contract.
_AGREEMENT = re.compile(
    r"\b(?:mou|memorand\w*|agreements?|acuerdos?|accords?|convenios?|conventions?|convenci[oó]n|treat(?:y|ies)|"
    r"tratados?|trait[ée]s?|contracts?|contratos?|contrats?|protocol\w*|declarations?|declaraci[oó]n|"
    r"d[ée]claration)\b",
    re.I,
)
# "태국사법연구소 소장은 누구인가요?": a Korean title asked for, then "who".
_ASKED_KO = re.compile(
    r"(?P<office>" + "|".join(sorted(KO_TITLES, key=len, reverse=True)) + r")(?:은|는|이|가)?\s*누구"
)
# A person's name: two to four capitalised words, the last not the noun of a body ("... Peacebuilding Institute").
_NAME = (
    r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}"
    r"(?<!Institute)(?<!University)(?<!Centre)(?<!Center)(?<!Office)(?<!Ministry)(?<!Commission)(?<!Council)"
    r"(?<!Committee)(?<!Nations)(?<!Programme)(?<!Department)(?<!Agency)(?<!Court)(?<!Government)(?<!Union)"
)


def office_asked(question: str) -> str | None:
    """The office whose holder ``question`` asks for ("director"), or None."""
    match = _ASKED.search(question)
    if match:
        return match.group("office").lower()
    verb = _ASKED_BY_VERB.search(question)
    if verb and _SIGNED.fullmatch(verb.group("verb")) and _AGREEMENT.search(question[verb.end() :]):
        verb = None  # "Who signed the MOU with KICJ?": its parties, no author
    if verb:  # its stem, which names_holder matches against titles and verbs: "chair", "head", "direc", "dirig"
        return _fold(verb.group("verb").lower())[:5].rstrip("se")  # "heads", "heade(d)": "head"
    korean = _ASKED_KO.search(question)
    return KO_TITLES[korean.group("office")] if korean else None


# An office asked by its verb, as a refusal names it: "the reports do not give the director's name".
_LABELS = (
    {"direc": "director", "dirig": "director", "presi": "president", "led": "leader", "lead": "leader"}
    | {"coord": "coordinator"}
    | dict.fromkeys(
        ("wrot", "autho", "autor", "auteu", "autri", "escri", "a ecr", "firma", "firmo", "sign", "a sig"), "author"
    )
    | dict.fromkeys(("edit", "edito", "edite"), "editor")
)


# Offices asked by a verb that any title of the kind answers: an institute's head is its director, chief or
# president; "dirige" is "directs".
_KIN = {
    "head": ("head", "direc", "chief", "presi"),
    "direc": ("direc", "dirig"),
    "dirig": ("dirig", "direc"),
    # "Who wrote the report?": its authors, however the report credits them ("Authors: ...", "written by ...").
    "wrot": ("autho", "autor", "auteu", "autri", "writt", "wrote"),
    "autho": ("autho", "autor", "auteu", "autri", "writt", "wrote"),
    "escri": ("autor", "autho", "escri", "writt"),
    "led": ("led", "lead", "head"),
    "lead": ("lead", "led", "head"),
    "a ecr": ("auteu", "autri", "autho", "ecrit", "writt"),
    # Signed: by its author, however credited ("Author: ...", "Autora: ...", "signed by ...").
    **dict.fromkeys(
        ("firma", "firmo", "sign", "a sig"), ("autho", "autor", "auteu", "autri", "writt", "signe", "firma")
    ),
}


def office_label(office: str) -> str:
    """``office`` as a word a reply can use ("dirig", asked by "Qui dirige ...?": "director")."""
    return _LABELS.get(office) or _LABELS.get(_fold(office)[:5], office)


def names_holder(text: str, office: str) -> bool:
    """Does ``text`` name a person in ``office`` (or in its counterpart in another language)? The title beside
    the name: "Director Taro Morinaga", "Liv Tørres, director of ...", "the Director, Jane Doe", "Jane Doe
    (Chair)", "chaired by Jane Doe", "the Director of UNICRI, Jane Doe". Titles are written capitalised or not;
    names always are."""
    title = _title(office)
    patterns = (
        rf"{title}\s+{_NAME}",
        rf"{_NAME},\s+(?i:the\s+|a\s+|former\s+|then\s+)?(?:[\w-]+\s+){{0,3}}?{title}",
        rf"{title}[,:]\s+{_NAME}",  # "the Director, Jane Doe", a credit line "Authors: Jisun Choi, ..."
        rf"{_NAME}\s+\((?i:the\s+)?(?:[\w-]+\s+){{0,2}}?{title}",
        # "chaired by", "chaired in 2020 by", "chaired this year by", "dirigée par"
        rf"{title}\s+(?:[a-z0-9][\w-]*\s+){{0,2}}?(?i:by|par|por)\s+(?:the\s+|l[ae]\s+|el\s+)?{_NAME}",
        # The office of a body, then the name: "the Director of UNICRI, Antonia De Meo", "la directora del
        # ILANUD, Dra. Marcela Quesada".
        rf"{title}\s+(?i:of|de|del|du|des|d')\s*[^,.;()]{{1,80}},\s+{_NAME}",
    )
    folded = _fold(text)
    return any(re.search(pattern, folded) for pattern in patterns)


def _title(office: str) -> str:
    """A pattern for the title of ``office`` and its kin, as written beside a name, in any case and language
    ("directeur", "directora", "chairperson"); not "Director-General", another office."""
    stems = _KIN.get(_fold(office)[:5], (_fold(office)[:5],))
    return rf"(?i:\b(?:{'|'.join(map(re.escape, stems))})\w*(?![\w-]))"


_NAME_IN_TEXT = re.compile(rf"\b{_NAME}\b")
_OFFICE_WORD = re.compile(_OFFICES, re.I)
_SENTENCE_END = re.compile(r"(?<=[a-z]{2})(?<!Mrs)(?<!Prof)\.\s")  # "Yes. He"; not "J. Smith", "Dr. Kim", "Mrs. Lee"
_BODY_WORD = re.compile(rf"\b(?:{BODY_NOUNS}|United|Nations|Republic|Government|Ministry|Board|Council)\b")
_DETERMINER = re.compile(r"^(?:The|A|An|This|That|In|On|At|By|For|According|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|Prof\.?)\s+")
# "Director of UNAFEI", "the head of the Thailand Institute of Justice": the body an office is held in.
_OFFICE_OF = re.compile(rf"\b(?i:{_OFFICES})\s+(?i:of|at)\s+(?:the\s+)?")


def holders_first(
    office: str,
    order: list[int],
    texts: Sequence[str],
    near: int,
    pinned: Callable[[int], bool],
    question: str = "",
    signed: Collection[int] = (),
) -> list[int] | None:
    """``order`` (indices into ``texts``) with the sentences naming a holder of ``office`` first: those within the
    first ``near`` and any further down that ``pinned`` keeps; None when there are none. Of those, the holders of
    the office of what ``question`` names come first ("the director of the Riyadh workshop": "Workshop director:
    Dr Huda Al-Shammari" before "Dr Sami Al-Mutairi, Director of the Laboratory"). The ``signed`` sentences
    (a foreword's signatory, for "Who wrote the foreword?") name a holder whatever their title."""
    holders = [i for i in order if (i in signed or names_holder(texts[i], office)) and (i in order[:near] or pinned(i))]
    asked = set(words(question)) - set(words(office_label(office)))
    of_asked = [i for i in holders if asked & _office_of(texts[i], office)]
    holders = of_asked + [i for i in holders if i not in of_asked]
    return holders + [i for i in order if i not in holders] if holders else None


def _office_of(text: str, office: str) -> set[str]:
    """The words that say what an office in ``text`` is of: "Director of the Laboratory", "Workshop director:",
    "directora del programa"."""
    title = _title(office)
    folded = _fold(text)
    said = re.findall(
        rf"{title}\s+(?i:of|de|del|du|des)\s+(?i:the\s+|la\s+|le\s+|el\s+)?((?:[\w-]+\s+){{0,2}}[\w-]+)", folded
    )
    said += re.findall(rf"\b([\w-]+)\s+{title}", folded)
    return set(words(" ".join(said)))


def people_named(text: str, is_body: Callable[[str], bool]) -> list[str]:
    """The people ``text`` names ("Ms. Carla Vettori", "Jisun Choi, Joowon Na"): capitalised words that are no
    body (``is_body``: an institute, a country) and begin with no article ("The Director")."""
    found = [_DETERMINER.sub("", match.group()) for match in _NAME_IN_TEXT.finditer(text)]
    # "Executive Director", "Special Rapporteur": an office is no one's name; "Yes. He" spans a sentence's end.
    people = (
        name
        for name in found
        if " " in name and not _OFFICE_WORD.fullmatch(name.split()[-1]) and not _SENTENCE_END.search(name)
    )
    return list(dict.fromkeys(name for name in people if not is_body(name)))


def people_in(text: str) -> list[str]:
    """The people ``text`` names: no institute, no body, no country ("United Arab Emirates")."""
    return people_named(
        text, lambda name: bool(org_mentions(name) or _BODY_WORD.search(name)) or name in english_place_names()
    )


def office_body(text: str, bodies: Sequence[tuple[int, str]]) -> str | None:
    """Of the ``bodies`` (start, key) a text names, the one an office is held in ("He is the Director of
    UNAFEI; he visited KICJ": UNAFEI), or None."""
    for match in _OFFICE_OF.finditer(text):
        held = [key for start, key in bodies if start == match.end()]
        if held:
            return held[0]
    return None


def _fold(text: str) -> str:
    """Without accents, so that "secrétaire" and "secretary" share their first letters."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
