"""The institutes of the UN crime prevention and criminal justice programme network (PNI).

A curated table: official name, acronym, former and short names, city and web domain. Ingestion uses
it to give every section its organisation; retrieval uses it to recognise an institute however a
question names it ("HEUNI", "the European Institute", "heuni.fi").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from .korean_names import KOREAN_ALIASES, near_korean_names


@dataclass(frozen=True)
class Org:
    key: str  # canonical short name, used as the ``org`` field everywhere
    name: str
    aliases: tuple[str, ...]  # acronyms, former names, short names, spellings seen in reports
    city: str
    domains: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.key, self.name, *self.aliases, *self.domains)


ORGS: tuple[Org, ...] = (
    Org(
        "UNICRI",
        "United Nations Interregional Crime and Justice Research Institute",
        ("UNICRI", "Interregional Crime and Justice Research Institute"),
        "Turin",
        ("unicri.org", "unicri.it"),
    ),
    Org(
        "UNAFEI",
        "United Nations Asia and Far East Institute for the Prevention of Crime and the Treatment of Offenders",
        (
            "UNAFEI",
            "Asia and Far East Institute for the Prevention of Crime and the Treatment of Offenders",
            "Asia and Far East Institute",
        ),
        "Tokyo",
        ("unafei.or.jp",),
    ),
    Org(
        "ILANUD",
        "United Nations Latin American Institute for the Prevention of Crime and the Treatment of Offenders",
        (
            "ILANUD",
            "Latin American Institute for the Prevention of Crime and the Treatment of Offenders",
            "Latin American Institute",
        ),
        "San José",
        ("ilanud.or.cr",),
    ),
    Org(
        "HEUNI",
        "European Institute for Crime Prevention and Control, affiliated with the United Nations",
        ("HEUNI", "European Institute for Crime Prevention and Control", "European Institute", "Helsinki Institute"),
        "Helsinki",
        ("heuni.fi", "heuni.education"),
    ),
    Org(
        "UNAFRI",
        "United Nations African Institute for the Prevention of Crime and the Treatment of Offenders",
        ("UNAFRI", "African Institute for the Prevention of Crime and the Treatment of Offenders", "African Institute"),
        "Kampala",
        ("unafri.or.ug",),
    ),
    Org(
        "ICCLR",
        "International Centre for Criminal Law Reform and Criminal Justice Policy",
        ("ICCLR", "International Centre for Criminal Law Reform"),
        "Vancouver",
        ("icclr.org",),
    ),
    Org("AIC", "Australian Institute of Criminology", ("AIC", "Australian Institute"), "Canberra", ("aic.gov.au",)),
    Org(
        "Siracusa",
        "Siracusa International Institute for Criminal Justice and Human Rights",
        (
            "Siracusa International Institute",
            "Siracusa Institute",
            "Siracusa",
            "SII",
            "ISISC",
            "International Institute of Higher Studies in Criminal Sciences",
        ),
        "Siracusa",
        ("siracusainstitute.org",),
    ),
    Org(
        "NAUSS",
        "Naif Arab University for Security Sciences",
        ("NAUSS", "Naif Arab University", "Naif University"),
        "Riyadh",
        ("nauss.edu.sa",),
    ),
    Org(
        "NIJ",
        "National Institute of Justice",
        ("NIJ", "National Institute of Justice of the Department of Justice"),
        "Washington, D.C.",
        ("nij.gov", "nij.ojp.gov"),
    ),
    Org(
        "RWI",
        "Raoul Wallenberg Institute of Human Rights and Humanitarian Law",
        ("RWI", "Raoul Wallenberg Institute", "Wallenberg Institute"),
        "Lund",
        ("rwi.lu.se",),
    ),
    Org(
        "ICPC",
        "International Centre for the Prevention of Crime",
        ("ICPC", "CIPC", "International Centre for the Prevention of Crime"),
        "Montreal",
        ("cipc-icpc.org",),
    ),
    Org(
        "ISS",
        "Institute for Security Studies",
        ("ISS", "Institute for Security Studies"),
        "Pretoria",
        ("issafrica.org", "enactafrica.org"),
    ),
    Org(
        "KICJ",
        "Korea Institute of Criminology and Justice",
        (
            "KICJ",
            "KIC",
            "Korean Institute of Criminology",
            "Korea Institute of Criminology",
            "Korean Institute of Criminology and Justice",
            "Korea Institute of Criminology and Legal Policy",
            "Korea Criminology and Justice Policy Institute",
            "Korea Criminology and Legal Policy Institute",
        ),
        "Seoul",
        ("kicj.re.kr", "kic.re.kr"),
    ),
    Org(
        "Basel",
        "Basel Institute on Governance",
        ("Basel Institute", "Basel Institute on Governance", "International Centre for Asset Recovery", "ICAR"),
        "Basel",
        ("baselgovernance.org",),
    ),
    Org(
        "CCLS",
        "College for Criminal Law Science of Beijing Normal University",
        ("CCLS", "College for Criminal Law Science", "College of Criminal Law Science"),
        "Beijing",
        (),
    ),
    Org(
        "TIJ",
        "Thailand Institute of Justice",
        ("TIJ", "Thailand Institute of Justice"),
        "Bangkok",
        ("tijthailand.org",),
    ),
    Org(
        "ISPAC",
        "International Scientific and Professional Advisory Council",
        ("ISPAC", "International Scientific and Professional Advisory Council"),
        "Milan",
        ("ispac-italy.org",),
    ),
)

# French and Spanish names (the UN's working languages beside English), full and in the short forms the
# English table also holds, for questions asked in those languages.
ROMANCE_ALIASES: dict[str, tuple[str, ...]] = {
    "UNICRI": (
        "Institut interrégional de recherche des Nations Unies sur la criminalité et la justice",
        "Instituto Interregional de las Naciones Unidas para Investigaciones sobre la Delincuencia y la Justicia",
    ),
    "UNAFEI": (
        "Institut des Nations Unies pour l'Asie et l'Extrême-Orient pour la prévention du crime et le traitement "
        "des délinquants",
        "Institut pour l'Asie et l'Extrême-Orient",
        "Instituto de Asia y el Lejano Oriente para la Prevención del Delito y el Tratamiento del Delincuente",
        "Instituto de Asia y el Lejano Oriente",
    ),
    "ILANUD": (
        "Instituto Latinoamericano de las Naciones Unidas para la Prevención del Delito y el Tratamiento del "
        "Delincuente",
        "Instituto Latinoamericano",
        "Institut latino-américain des Nations Unies pour la prévention du crime et le traitement des délinquants",
        "Institut latino-américain",
    ),
    "HEUNI": (
        "Institut européen pour la prévention du crime et la lutte contre la délinquance",
        "Institut européen",
        "Institut d'Helsinki",
        "Instituto Europeo para la Prevención del Delito y la Lucha contra la Delincuencia",
        "Instituto Europeo",
        "Instituto de Helsinki",
    ),
    "UNAFRI": (
        "Institut africain des Nations Unies pour la prévention du crime et le traitement des délinquants",
        "Institut africain",
        "Instituto Africano de las Naciones Unidas para la Prevención del Delito y el Tratamiento del Delincuente",
        "Instituto Africano",
    ),
    "ICCLR": (
        "Centre international pour la réforme du droit criminel et la politique en matière de justice pénale",
        "Centre international pour la réforme du droit criminel",
        "Centro Internacional para la Reforma del Derecho Penal y la Política de Justicia Penal",
        "Centro Internacional para la Reforma del Derecho Penal",
    ),
    "AIC": ("Institut australien de criminologie", "Instituto Australiano de Criminología"),
    "Siracusa": (
        "Institut international de Syracuse pour la justice pénale et les droits de l'homme",
        "Institut de Syracuse",
        "Instituto Internacional de Siracusa para la Justicia Penal y los Derechos Humanos",
        "Instituto de Siracusa",
    ),
    "NAUSS": (
        "Université arabe Naif des sciences de sécurité",
        "Université arabe Naif",
        "Universidad Árabe Naif de Ciencias de Seguridad",
        "Universidad Árabe Naif",
    ),
    "NIJ": ("Institut national de la justice", "Instituto Nacional de Justicia"),
    "RWI": (
        "Institut Raoul Wallenberg des droits de l'homme et du droit humanitaire",
        "Institut Raoul Wallenberg",
        "Instituto Raoul Wallenberg de Derechos Humanos y Derecho Humanitario",
        "Instituto Raoul Wallenberg",
    ),
    "ICPC": (
        "Centre international pour la prévention de la criminalité",
        "Centro Internacional para la Prevención de la Criminalidad",
    ),
    "ISS": ("Institut d'études de sécurité", "Instituto de Estudios de Seguridad"),
    "KICJ": (
        "Institut coréen de criminologie et de justice",
        "Institut coréen de criminologie",
        "Instituto Coreano de Criminología y Justicia",
        "Instituto Coreano de Criminología",
    ),
    "Basel": (
        "Institut de Bâle sur la gouvernance",
        "Institut de Bâle",
        "Instituto de Basilea sobre la Gobernanza",
        "Instituto de Basilea",
    ),
    "CCLS": (
        "Collège des sciences du droit pénal de l'Université normale de Pékin",
        "Colegio de Ciencias del Derecho Penal de la Universidad Normal de Beijing",
    ),
    "TIJ": ("Institut thaïlandais de la justice", "Instituto de Justicia de Tailandia"),
    "ISPAC": (
        "Conseil consultatif scientifique et professionnel international",
        "Consejo Consultivo Científico y Profesional Internacional",
    ),
}

BY_KEY: dict[str, Org] = {org.key: org for org in ORGS}
_HANGUL = re.compile(r"[가-힣]")


_LATIN = "a-z0-9\u00c0-\u024f"


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().lower()


@cache
def _alias_patterns() -> tuple[tuple[re.Pattern[str], str, int, str], ...]:
    """(pattern, org key, alias length, needle), longest alias first so the most specific name wins. The needle
    is text every match of the pattern holds as it is (the alias's first word; a Korean alias's first letter):
    a passage without it is not searched with that pattern, which skips most of them."""
    rows: list[tuple[re.Pattern[str], str, int, str]] = []
    for org in ORGS:
        for alias in set(org.names) | set(ROMANCE_ALIASES.get(org.key, ())):
            folded = _fold(alias)
            # Boundaries against Latin letters and digits only: "UNAFEI는" (a Korean particle) still names UNAFEI.
            pattern = re.compile(rf"(?<![{_LATIN}-])" + re.escape(folded).replace(r"\ ", r"\s+") + rf"(?![{_LATIN}-])")
            rows.append((pattern, org.key, len(folded), folded.split(" ")[0]))
        for alias in KOREAN_ALIASES.get(org.key, ()):
            # Korean attaches particles ("연구소는") and spaces names freely: no word boundaries here.
            compact = re.sub(r"\s+", "", alias)
            pattern = re.compile(r"\s*".join(re.escape(ch) for ch in compact))
            rows.append((pattern, org.key, len(compact), compact[0]))
    rows.sort(key=lambda row: -row[2])
    return tuple(rows)


def find_orgs(text: str) -> list[str]:
    """Keys of the organisations named in ``text``, in order of first mention, without overlaps.

    >>> find_orgs("What did HEUNI and the Basel Institute do?")
    ['HEUNI', 'Basel']
    """
    return list(dict.fromkeys(key for _, _, key in org_mentions(text)))


def org_mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of every organisation name in ``text``, in order, without overlaps; offsets
    index ``text`` itself, so a caller can replace a mention ("And UNAFEI?" after a question on HEUNI)."""
    return list(_mentions(text))


# Memoised: an answer asks which institutes the same passages name for every question that weighs them, and a
# passage takes every alias pattern in turn (about half a millisecond).
@lru_cache(maxsize=8192)
def _mentions(text: str) -> tuple[tuple[int, int, str], ...]:
    folded = _folded(text)
    taken: list[tuple[int, int, str]] = []
    for pattern, key, _, needle in _alias_patterns():
        if needle not in folded:
            continue
        for match in pattern.finditer(folded):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end, _ in taken) or _part_of_another_name(
                text, start, end, key
            ):
                continue
            taken.append((start, end, key))
    taken += _joined_acronyms(text, taken)
    if _HANGUL.search(text):  # "아시아극동범죄방지연구소" for the table's "...연수소": a Korean spelling of a name
        taken += near_korean_names(text, taken)
    return tuple(sorted(taken))


def _folded(text: str) -> str:
    """``text`` lower-cased with straight apostrophes, at the same offsets (a few characters change length in
    lower(): those stay as they are)."""
    folded = text.replace("’", "'").lower()
    if len(folded) != len(text):
        folded = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text.replace("’", "'"))
    return folded


def speaks_of_namesake(text: str, key: str) -> bool:
    """Does ``text`` speak of another body named after institute ``key`` and not of the institute? "The Basel
    Convention secretariat is located in Geneva and the Basel Committee ... in Basel" does (its city is no mention
    of it); "The Institute worked with the Basel Committee" refers to the institute itself."""
    if not _names_namesake(text, key):
        return False
    org = BY_KEY.get(key)
    if org is None:
        return True
    if any(k == key and text[start:end] != org.city for start, end, k in org_mentions(text)):
        return False
    noun = _HAS_BODY_NOUN.search(org.name)
    return noun is None or not any(m.group(1) == noun.group() for m in _SELF_REFERENCE.finditer(text))


def _names_namesake(text: str, key: str) -> bool:
    """Does ``text`` write a name of institute ``key`` as part of another body's name ("the Basel Committee",
    "the Basel Convention secretariat" for the Basel Institute; "the EU Institute for Security Studies" for the
    ISS)? A name going on without a body's noun is the institute's own work ("the Basel AML Index", "Basel Open
    Intelligence")."""
    folded = _folded(text)
    return any(
        _part_of_another_name(text, start, end, key) and _HAS_BODY_NOUN.search(_going_on(text, start, end))
        for pattern in _patterns_of(key)
        for start, end in (match.span() for match in pattern.finditer(folded))
    )


@cache
def _patterns_of(key: str) -> tuple[re.Pattern[str], ...]:
    """The alias patterns of institute ``key`` alone: asked of every sentence of its section at question time."""
    return tuple(pattern for pattern, alias_key, _, _ in _alias_patterns() if alias_key == key)


_NEXT_WORDS = re.compile(r"(?:\s+[\w'’-]+){1,3}")


def _going_on(text: str, start: int, end: int) -> str:
    """The name at ``text[start:end]`` with the words it goes on with ("Basel" -> "Basel Committee on Banking")."""
    more = _NEXT_WORDS.match(text, end)
    return text[start : more.end() if more else end]


# Words joined by hyphens: "KICJ-TIJ", "UNAFEI-organised", "Basel-Stadt".
_HYPHENATED = re.compile(rf"(?<![{_LATIN}-])[{_LATIN}]+(?:-[{_LATIN}]+)+(?![{_LATIN}-])", re.I)


@cache
def _acronyms() -> dict[str, str]:
    """Folded acronym -> key: the names the table writes in capitals ("KICJ", "UNAFEI")."""
    return {name.lower(): org.key for org in ORGS for name in org.names if name.isupper()}


def _joined_acronyms(text: str, taken: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The acronyms of hyphen-joined words, which the alias patterns leave alone (a hyphen goes on a name:
    "Basel-Stadt"). An acronym there names its body when written in capitals ("an UNAFEI-organised course") or
    joined to another body's acronym, in any case ("the kicj-tij project")."""
    acronyms, found = _acronyms(), []
    for match in _HYPHENATED.finditer(text):
        if any(match.start() < t_end and t_start < match.end() for t_start, t_end, _ in taken):
            continue
        words = [
            (match.start() + w.start(), match.start() + w.end(), w.group())
            for w in re.finditer(r"[^-]+", match.group())
        ]
        keyed = [(s, e, w) for s, e, w in words if w.lower() in acronyms]
        for s, e, word in keyed:
            if word.isupper() or len(keyed) > 1:
                found.append((s, e, acronyms[word.lower()]))
    return found


# Head words of a body's name: "Institute for Security Studies" after a qualifier is another institute.
_GENERIC_HEAD = re.compile(r"(?:institute|centre|center|college|council|academy|university)\b", re.I)
# "... for Gender Equality", "... of Family Studies": the name goes on; "... of the UN network" says whose it is.
_NAME_GOES_ON = re.compile(r"\s+(?:for|of|on)\s+(?:the\s+)?[A-Z][a-z]")
_CAPITALISED_NEXT = re.compile(r"\s+[A-Z][a-z]")
# The same in Spanish and French, with an article: "... de la Unión Europea", "... de l'Union européenne". Without
# one it is the institute's own name going on ("Instituto Raoul Wallenberg de Derechos Humanos") or a place.
_ROMANCE_NAME_GOES_ON = re.compile(r"\s+(?:de\s+la|del|de\s+l['’]|du)\s*[A-ZÀ-Ý][a-zà-ÿ]")
# A qualifier: a capitalised word, not "The" and not a list letter ("L. Institute for Security Studies").
_CAPITALISED_BEFORE = re.compile(r"(?<![.!?:]\s)\b(?!The\b)[A-Z][\w-]*[A-Za-z]\s+$")


def _part_of_another_name(text: str, start: int, end: int, key: str) -> bool:
    """Is the alias at ``text[start:end]`` only part of another body's longer name? A short name that the name
    goes on from ("European Institute for Gender Equality", "Australian Institute of Family Studies"), a one-word
    name such as a city's followed by more name ("Basel Convention", "Basel Committee"), or a generic name with a
    qualifier before it ("EU Institute for Security Studies"). The institute's own full name is tried first, as
    longer names are tried before shorter ones; an acronym goes on as it likes ("UNAFEI of Japan")."""
    alias = text[start:end]
    org = BY_KEY.get(key)
    full = org is not None and " ".join(alias.split()).lower() == org.name.lower()
    after = text[end:]
    if " " in alias and not full and _NAME_GOES_ON.match(after):
        return True
    if " " in alias and _ROMANCE_NAME_GOES_ON.match(after) and _fold(alias) in _romance_names(key):
        return True
    if " " not in alias and not alias.isupper() and alias[:1].isupper() and _CAPITALISED_NEXT.match(after):
        return True
    return bool(_GENERIC_HEAD.match(alias) and _CAPITALISED_BEFORE.search(text[:start]))


@cache
def _romance_names(key: str) -> frozenset[str]:
    return frozenset(_fold(alias) for alias in ROMANCE_ALIASES.get(key, ()))


# What a body is called by (a closed class, like months): "the Max Planck Institute", "Griffith University".
BODY_NOUNS = (
    "Institute|Institution|University|College|Centre|Center|Academy|School|Foundation|Council|Commission|"
    "Committee|Office|Ministry|Department|Agency|Association|Society|Organi[sz]ation|Bureau|Court|Tribunal|"
    "Network|Service|Board|Fund|Programme|Authority|Secretariat"
)
# The same nouns in French and Spanish, as a report's title page names its publisher.
_BODY_NOUNS_ABROAD = (
    "Institut|Instituto|Centro|Conseil|Consejo|Comité|Comisión|Académie|Academia|Fondation|Fundación|"
    "Université|Universidad|Oficina|Ministère|Ministerio|Agence|Agencia|Observatoire|Observatorio"
)
_NAME_WORD = r"(?:[A-ZÀ-Ý][\w'’.-]*|of|for|on|and|the|in|de|du|des|la|le|les|del|para|y|et|d['’]\w+|l['’]\w+)"
_PUBLISHER = re.compile(
    rf"(?:The\s+)?[A-ZÀ-Ý][\w'’.-]*(?:\s+{_NAME_WORD}){{1,11}}(?:\s+\([A-Z]{{2,8}}\))?",
)
_HAS_BODY_NOUN = re.compile(rf"\b(?:{BODY_NOUNS}|{_BODY_NOUNS_ABROAD})\b", re.I)


_SELF_REFERENCE = re.compile(
    rf"\b(?:[Tt]he|[Ll]['’]|[Ll]e|[Ll]a|[Ee]l)\s?({BODY_NOUNS}|{_BODY_NOUNS_ABROAD})\b(?!\s+(?:of|for|on|de|du|des|del)\b)"
)


def publisher(front: list[str], text: str) -> str | None:
    """The body a report's title page names on a line of its own ("Nordic Centre for Prison Studies"), for a
    publisher the curated table does not hold: its reports then have an organisation, as the network's do.
    The report must speak of itself as that body: its noun is the one ``text`` refers back to most ("the
    Centre's main project"). A UN document's "Economic and Social Council" heads a report that speaks of
    "the Institute" a hundred times: the Council is where it was tabled, not who wrote it."""
    references = Counter(m.group(1).lower() for m in _SELF_REFERENCE.finditer(text))
    for block in front:
        block = " ".join(block.split())
        # Or the body heads a title of its own ("Centre for Prison Research: Annual Report 2020").
        for name in dict.fromkeys([block, _TITLE_SEPARATOR.split(block)[0].strip()]):
            noun = _HAS_BODY_NOUN.search(name)
            if noun and _PUBLISHER.fullmatch(name) and references:
                most = references.most_common(1)[0][1]
                if references[noun.group().lower()] == most:
                    return re.sub(r"^The\s+", "", name)
    return None


_TITLE_SEPARATOR = re.compile(r":\s|\s[–—|-]\s")  # "<body>: <title>", "<body> – <title>", "<body> | <title>"


def publishers_named(text: str, publishers: Sequence[str]) -> list[str]:
    """Which of ``publishers`` (bodies outside the curated table) ``text`` names: by the whole name, or by
    its words up to the body's noun ("the Nordic Centre" for the Nordic Centre for Prison Studies)."""
    folded = _fold(text)
    named = []
    for name in publishers:
        words = name.split()
        noun = next((i for i, w in enumerate(words) if _HAS_BODY_NOUN.fullmatch(w)), len(words) - 1)
        short = " ".join(words[: noun + 1]) if noun >= 1 else name
        if any(re.search(rf"(?<![{_LATIN}]){re.escape(_fold(form))}(?![{_LATIN}])", folded) for form in (name, short)):
            named.append(name)
    return named


def org_display(key: str | None) -> str | None:
    """ "HEUNI (European Institute for Crime Prevention and Control, ...)" for answers and listings."""
    if key is None:
        return None
    org = BY_KEY.get(key)
    return f"{key} ({org.name})" if org else key


MIN_FUZZY = 5  # names shorter than this ("AIC", "ISS", "TIJ") are never matched with a slip: too many look-alikes


def fuzzy_orgs(text: str) -> list[str]:
    """Organisations named in ``text`` with a typing slip ("UNAFIE", "Austrailian Institute of Criminology",
    "Insitute for Security Studies"): a run of words at one edit (a transposition counts one) from a Latin
    name of at least MIN_FUZZY letters (of several words, or an acronym), or two edits from one of 12 letters or
    more. A slip that is as close to two organisations names neither."""
    words = re.findall(rf"[{_LATIN}'-]+", _fold(text))
    found: dict[str, int] = {}  # key -> position of the first match
    windows: dict[int, list[str]] = {}  # word count -> the runs of that many words
    for alias, key, size, budget in _fuzzy_names():
        if key in found:
            continue
        if size not in windows:
            windows[size] = [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]
        letters = set(alias)
        for i, window in enumerate(windows[size]):
            # Cheap bounds first: an edit changes the length by at most one and the set of letters by at most two.
            if window == alias or abs(len(window) - len(alias)) > budget or len(letters ^ set(window)) > 2 * budget:
                continue
            if _edits(window, alias, budget) <= budget:
                found[key] = i
                break
    by_position = sorted(found, key=lambda key: found[key])
    positions = [found[key] for key in by_position]
    return [key for key in by_position if positions.count(found[key]) == 1]


@cache
def _fuzzy_names() -> tuple[tuple[str, str, int, int], ...]:
    """(folded name, org key, words, edits allowed) of every name a slip may be matched against."""
    rows = []
    for org in ORGS:
        for name in {org.key, org.name, *org.aliases}:
            alias = _fold(name)
            size = len(alias.split())
            # One word only when it is an acronym: "Basel" is one slip from "based".
            if len(alias) < MIN_FUZZY or not alias.isascii() or (size == 1 and not name.isupper()):
                continue
            rows.append((alias, org.key, size, 1 if len(alias) < 12 else 2))
    return tuple(rows)


def _edits(a: str, b: str, cap: int) -> int:
    """Optimal-string-alignment distance of ``a`` and ``b`` (a transposition is one edit), early exit past ``cap``."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > cap:
            return cap + 1
        previous2, previous = previous, current
    return previous[-1]
