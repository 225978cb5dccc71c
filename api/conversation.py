"""Follow-up questions made standalone before retrieval, without an LLM.

"What did the Basel Institute do in 2020?" then "What is its new programme called?": the second question
alone names no institute; it is searched as "What is its new programme called? (Basel, 2020)". These
follow-ups are resolved:

- a reference back (it, its, they, there, the institute, 그곳 ...): the institute of the most recent turn
  that named one, with that turn's year; but "it", "there" after a question on a thing ("the workshop UNAFEI
  held in Cambodia", "What was the Second ASEAN Conference?") is that thing: the previous question, appended;
- "that year", "the same year", "then": the most recent year named;
- a person's body ("his institute", "the institute he directs", "su centro"): the one body the answer before
  named, or the one its office is in ("the Director of UNAFEI; he visited KICJ");
- a reference back to anything else the previous question was about (he, she, that meeting, the webinar,
  there ...): the previous question, appended, so that its person, event or project is searched along; after
  a who-question, with the people its answer named ("when did she start? (Who runs UNICRI; Carla Vettori)");
- a new subject for the previous question ("And UNAFEI?", "What about KICJ in 2023?", "그럼 UNAFEI는?"):
  the previous question with its institute and year swapped.

Earlier user turns are resolved in order first, so a chain of follow-ups keeps its referent. An assistant
turn lends its institute only when it names exactly one, or one as a person's office (an answer listing
partners is no referent).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from index.lexical import stem_terms, without_accents
from index.query import QueryInfo
from ingest.orgs import org_mentions
from ingest.sentences import split_sentences

from .roles import office_body, people_in
from .terms import ASKING_WORDS
from .understanding import answer_type

__all__ = ["about_previous", "standalone_question"]

# Words that point back to an institute named before, in English and Korean.
_REFERS_BACK = re.compile(
    r"\b(?:it|its|they|their|them|there|the institute|the centre|the center|the organi[sz]ation)\b|"
    # "this"/"that" only as determiners: "the programme that ..." is no reference back.
    r"\b(?:this|that|these|those)\s+(?:institute|centre|center|organi[sz]ation|body|programmes?|programs?|"
    r"projects?|initiatives?|conferences?|seminars?|reports?|ones?)\b|"
    r"그곳|거기|그 기관|이 기관|그들|그 연구소|이 연구소",
    re.I,
)
# Words that point back to anything the previous question was about: a person, an event, a project.
_REFERS_TO_SUBJECT = re.compile(
    r"\b(?:he|she|him|her|his|hers|else|another)\b|"
    # "any other institute", "which other countries": other than the one the conversation is about
    r"\b(?:any|which|what|the|an|no)\s+other\b|\b(?:otros?|otras?|autres?)\b|"
    # "the first one", "the November one": the thing named before
    r"\b(?:first|last|next|previous|other|same|latest|new|old)\s+ones?\b|\b(?:the|that|this)\s+(?:\w+\s+)?ones?\b|"
    # "that" as a determiner only after a verb or preposition: "the programme that trains" is a relative clause.
    r"(?:\b(?:this|these|those|the same)|\b(?:is|was|are|were|did|does|at|in|of|for|about|from|to|with|on|by|during)"
    r"\s+that)\s+"
    r"(?!year\b|time\b|institute\b|centre\b|center\b|organi[sz]ation\b|body\b)[a-z]+|"
    # Spanish and French pronouns and demonstratives (closed classes): "esos talleres", "ces ateliers"
    r"\b(?:él|ella|ellos|ellas|ese|esa|esos|esas|este|esta|estos|estas|aquel|aquella|aquellos|aquellas|allí|ahí|"
    r"il|elle|ils|elles|celui|celle|ceux|celles|cet|cette|ces|là|ça|cela)\b|"
    r"그는|그녀|그 사람|그 회의|그 행사|그 프로젝트|그것",
    re.I,
)
# A person's body: "which city is his institute in?" asks about the institute the last answer named for him.
_BODY_NOUNS = r"(?:institute|centre|center|organi[sz]ation|university|agency|office)"
_PERSONS_BODY = re.compile(
    rf"\b(?:his|her|their)\s+(?:own\s+)?{_BODY_NOUNS}\b|"
    # "the institute he directs", "the centre that she works for"
    rf"\bthe\s+{_BODY_NOUNS}\s+(?:that\s+|which\s+)?(?:he|she|they)\b|"
    r"\b(?:su|sa|son|leur)\s+(?:instituto|institut|centro|centre|organización|organisation|organismo)\b",
    re.I,
)
# Words that point back to a year named before.
_REFERS_TO_YEAR = re.compile(r"\b(?:that year|the same year|then|that time)\b|그해|그 해|같은 해|그때", re.I)
# "And UNAFEI?", "What about KICJ in 2023?", "How about in 2023?", "Same for ICCLR", "그럼 UNAFEI는?"
_NEW_SUBJECT = re.compile(
    r"^\s*(?:and\s+(?:what|how)\s+about|what\s+about|how\s+about|and\s+for|same\s+for|and|그럼|그러면|그렇다면)"
    r"\s+(?P<rest>.+?)\s*[?？.!]*\s*$",
    re.I,
)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_QUESTION_WORDS = frozenset("how mani much what which who whom whose when where why".split()) | ASKING_WORDS
# Spanish and French function words (closed classes), which an English stop list keeps: "¿Con qué organización
# la organizó?" says two things of its own, not four. Without accents, as the question words are.
_FUNCTION_WORDS = frozenset(
    stem_terms(
        without_accents(
            "el la los las lo le les un una unos unas del al de a en con por para sobre entre y o u que se su sus es "
            "son fue fueron era ha han hay esto eso ese esa este esta une des du à au aux dans avec par pour sur et "
            "ou ce ça cela ceci sa son ses est sont été était ont eu il elle ils elles on"
        )
    )
)
# "And how many ...?", "¿Y cuánto ...?", "Et combien ...?", "그리고 ...": a question opening with "and" goes on
# about what the conversation is about, however many words of its own it has.
_GOES_ON = re.compile(r"^\W*(?:(?:and|y|e|et)[\s,]+|그리고)", re.I)
_OPENING = "¿¡\"'“‘« "
# "she", "his": a person, whom the answer before named.
_PERSON_POINTER = re.compile(r"\b(?:he|she|him|her|his|hers|él|ella|il|elle|lui)\b|그는|그녀", re.I)
_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|hers|él|ella|il|elle|lui)\b", re.I)
# After these "her" is an object ("ask her about it", "according to her"), before a noun a possessive ("her role").
_NOT_POSSESSED = frozenset("to at in on about for from with by and or but as than after before during since of".split())
THING_WORDS = 2  # content words besides institutes and years: a question about a thing ("the workshop in Dili")
# "the webinar", "the project": a definite noun the previous question used points back to what it was about.
_DEFINITE = re.compile(r"\bthe\s+(?!(?:year|time|institute|centre|center|organi[sz]ation|body)\b)([a-z]+)", re.I)
_POINTS_AT_THING = re.compile(r"\b(?:it|there|they|them)\b", re.I)  # not "its": a programme is an institute's
ELLIPSIS_WORDS = 3  # content words at most in an ellipsis ("how many people took part"); a question has more
GIST_CHARS = 300  # an answer's opening: the event or person it is about, not the whole list it may go on to
_CITATION_MARK = re.compile(r"\s*\[\d+\]")
_TOLD_YEAR = re.compile(r"\s*(?<!\w)(?:(?:in|since|of|from|during|until|by)\s+)?(?:19|20)\d{2}\b", re.I)
_YES_NO = re.compile(r"^\s*(?:yes|no|sí|si|oui|non|네|아니요)\b[.,!—–-]*\s*", re.I)
_NAME = re.compile(r"\b[A-Z][\w-]*|[^\x00-\u024f\s]")  # a capitalised word; any letter of a script without case
# What may remain of a "new subject" follow-up once its institutes and years are taken out.
_FILLER = re.compile(r"\b(?:the|in|for|of|at|during|year|about|then)\b|년|에는|에|은|는|의|[\s,.?？!]", re.I)


@dataclass(frozen=True)
class _Turn:
    question: str  # as resolved
    orgs: tuple[str, ...]
    years: tuple[int, ...]


def standalone_question(
    question: str, history: Sequence[dict[str, str]] | None, analyze: Callable[[str], QueryInfo]
) -> str:
    """``question`` with what it refers back to made explicit; unchanged when it needs nothing."""
    if not history:
        return question
    earlier = _turns(history, analyze)
    last = history[-1]
    answer = str(last.get("content", "")) if last.get("role") == "assistant" else ""
    return _resolve(question, earlier, analyze, people_in(answer) if answer else [], _gist(answer))


def about_previous(
    question: str, history: Sequence[dict[str, str]] | None, analyze: Callable[[str], QueryInfo]
) -> str | None:
    """``question`` asked about what the conversation is about: with the previous question (as resolved) and what
    its answer said carried along, as "how many took part?" is; None when no question came before. For a
    question the reports do not answer on its own ("when is the full report coming out?" after a survey). None
    too for a question of its own: one naming a year is bound to it ("What did HEUNI do in 2017?": the reports
    not covering 2017 is the answer), one naming another institute than the previous question is a new subject."""
    previous = next((t for t in reversed(_turns(history or [], analyze)) if t.question), None)
    info = analyze(question)
    if previous is None or info.years or (info.orgs and previous.orgs and not set(info.orgs) & set(previous.orgs)):
        return None
    last = (history or [{}])[-1]
    gist = _gist(str(last.get("content", ""))) if last.get("role") == "assistant" else ""
    return f"{question} ({'; '.join([previous.question.rstrip(' ?？'), *filter(None, [gist])])})"


def _turns(history: Sequence[dict[str, str]], analyze: Callable[[str], QueryInfo]) -> list[_Turn]:
    """The conversation's turns, each user question resolved against the turns before it."""
    earlier: list[_Turn] = []
    for turn in history:
        content = str(turn.get("content", ""))
        if turn.get("role") == "user":
            resolved = _resolve(content, earlier, analyze)
            info = analyze(resolved)
            earlier.append(_Turn(resolved, info.orgs, info.years))
        elif turn.get("role") == "assistant":
            orgs = analyze(content).orgs
            # "He is the Director of UNAFEI; he visited KICJ": the body of the person's office.
            held = office_body(content, [(start, key) for start, _, key in org_mentions(content)])
            orgs = (held,) if len(orgs) > 1 and held else orgs
            if len(orgs) == 1:  # lends its institute (with the year asked about), never a question to repeat
                asked = earlier[-1].years if earlier else ()
                earlier.append(_Turn("", orgs, asked))
    return earlier


def _resolve(
    question: str,
    earlier: list[_Turn],
    analyze: Callable[[str], QueryInfo],
    people: Sequence[str] = (),
    answer: str = "",
) -> str:
    if not earlier:
        return question
    info = analyze(question)
    swapped = _new_subject(question, info, earlier)
    if swapped:
        return swapped
    add: list[str] = []
    previous = next((t for t in reversed(earlier) if t.question), None)
    referent = next((t for t in reversed(earlier) if t.orgs), None)
    # "How many people took part?": no name, no year, no pointer back: an ellipsis of the previous subject.
    # ("¿Qué día fue?": the capital after "¿" begins the question too.)
    elliptic = (
        not info.years
        and not _NAME.search(question.lstrip(_OPENING)[1:])
        and not _REFERS_BACK.search(question)
        and len(_own_words(question)) <= ELLIPSIS_WORDS
    )
    goes_on = not info.years and bool(_GOES_ON.match(question))
    person_or_event = _REFERS_TO_SUBJECT.search(question) or elliptic or goes_on or _names_again(question, previous)
    # "When was KICJ's 10th forum?" then "was it held in person?": "it" is the forum, not the institute that
    # owns it. A previous question about a thing of an institute lends that thing, the institute with it.
    owned = previous is not None and any(
        previous.question[end : end + 2] in ("'s", "’s") for _, end, _ in org_mentions(previous.question)
    )
    refers_back = bool(_REFERS_BACK.search(question))
    # "What was the Second ASEAN Conference?" (answered "organised by TIJ") then "How many people attended it?":
    # "it" is the thing the question asked about, not the institute its answer named. Unless the question
    # asked for a body ("Which institute trained ...?"): then the body answered is the subject.
    lent_by_answer = (
        previous is not None
        and referent is not None
        and not referent.question
        and not previous.orgs
        and answer_type(previous.question) not in ("organisation", "agent")
    )
    answered = earlier[-1] if not earlier[-1].question else None  # the last turn, when it was an answer
    if not info.orgs and answered and _PERSONS_BODY.search(question):
        # The answer named one body for the person (turns naming more lend none): it is the subject now.
        return f"{question} ({answered.orgs[0]})"
    # "Tell me about the workshop UNAFEI held in Cambodia" then "how many attended it?": the workshop.
    # ("its programme" is still the institute's.)
    on_a_thing = (
        previous is not None
        and bool(previous.orgs)
        and bool(_POINTS_AT_THING.search(question))
        and _about_a_thing(previous.question)
    )
    the_thing = refers_back and (referent is None or owned or lent_by_answer or on_a_thing)
    if len(people) == 1 and _PRONOUN.search(question):
        # "how many women are in prison according to him?" after an answer naming one person: the question is
        # about that person, whose name the passage must then hold ("In Thailand alone, there are more than
        # 31,000 women behind bars," he said), not only the event the context names.
        question = _naming(question, people[0])
        people = []
    if info.orgs and people and _PERSON_POINTER.search(question):
        # "What is his role at UNAFEI?": the question names its institute, not the person; the answer did.
        return f"{question} ({'; '.join(people)})"
    if previous and not info.orgs and (person_or_event or the_thing):
        # "what topics did he cover?" after "Who spoke at KIC's first colloquium?": the earlier question
        # holds the person, event or project; searched together, they find the passage about both. "When did
        # she start?" after "Who runs UNICRI?": the person the answer named is searched along.
        named = people if _PERSON_POINTER.search(question) and answer_type(previous.question) == "agent" else []
        # "Roughly how many joined that one?" after an answer about "the first one, on 30 September": the
        # answer names the event (or person) the question did not; searched along, it tells the two apart.
        said = [answer] if answer else []
        named = [name for name in named if name not in answer]
        return f"{question} ({'; '.join([previous.question.rstrip(' ?？'), *said, *named])})"
    if not info.orgs and referent and _REFERS_BACK.search(question):
        add += referent.orgs
        if not info.years:
            add += [str(y) for y in referent.years]
    if not info.years and _REFERS_TO_YEAR.search(question) and not any(a.isdigit() for a in add):
        year_turn = next((t for t in reversed(earlier) if t.years), None)
        if year_turn:
            add += [str(y) for y in year_turn.years]
    return f"{question} ({', '.join(add)})" if add else question


def _naming(question: str, person: str) -> str:
    """``question`` with its pronouns for a person (he, his, her, él, elle ...) replaced by ``person``."""

    def named(match: re.Match[str]) -> str:
        word = match.group().lower()
        following = re.match(r"\s*([^\W\d_]+)", question[match.end() :])
        object_ = following is None or following.group(1).lower() in _NOT_POSSESSED
        return f"{person}'s" if word in ("his", "hers") or (word == "her" and not object_) else person

    return _PRONOUN.sub(named, question)


def _own_words(question: str) -> list[str]:
    """The question's stemmed words, less question and function words in any of its languages ("cuánto" as
    "cuanto")."""
    return [t for t in stem_terms(without_accents(question)) if t not in _QUESTION_WORDS and t not in _FUNCTION_WORDS]


def _gist(answer: str) -> str:
    """What an answer said, as context for a follow-up: its first sentences up to GIST_CHARS, without citation
    marks, a bare "Yes."/"No.", brackets (the context is itself carried in brackets) or years; "" when it
    names nothing."""
    text = _CITATION_MARK.sub("", answer)
    text = _YES_NO.sub("", text).replace("(", ",").replace(")", ",")
    # Its years are what it told, not the period asked about: "held since 2014" asks nothing of 2014.
    text = _TOLD_YEAR.sub("", text)
    gist = ""
    for sentence in split_sentences(" ".join(text.split())):
        if gist and len(gist) + len(sentence) > GIST_CHARS:
            break
        gist = f"{gist} {sentence}".strip()
    # A bare placeholder or a one-word reply ("Yes.", "(answer)") names nothing the question did not.
    return gist[:GIST_CHARS] if len(stem_terms(gist, stopwords="en_plus")) >= THING_WORDS else ""


def _about_a_thing(question: str) -> bool:
    """Does ``question`` speak of something besides its institutes and years ("the community corrections
    workshop UNAFEI held in Cambodia"), not of the institute alone ("Where is UNAFEI based?", "What did
    HEUNI do in 2020?")?"""
    spans = [(start, end) for start, end, _ in org_mentions(question)]
    rest = "".join(ch for i, ch in enumerate(question) if not any(s <= i < e for s, e in spans))
    content = [t for t in stem_terms(rest, stopwords="en_plus") if not t.isdigit() and t not in _QUESTION_WORDS]
    return len(content) >= THING_WORDS


def _names_again(question: str, previous: _Turn | None) -> bool:
    """Does ``question`` name with "the" a thing the previous question named ("the webinar" after "What was
    UNAFEI's alumni webinar about?")?"""
    if previous is None:
        return False
    before = set(stem_terms(previous.question))
    return any(set(stem_terms(match.group(1))) & before for match in _DEFINITE.finditer(question))


def _new_subject(question: str, info: QueryInfo, earlier: list[_Turn]) -> str | None:
    """ "And UNAFEI?" after "In which city is HEUNI based?" -> "In which city is UNAFEI based?"."""
    match = _NEW_SUBJECT.match(question)
    previous = next((t for t in reversed(earlier) if t.question), None)
    if not match or previous is None or not (info.orgs or info.years):
        return None
    rest = match.group("rest")
    spans = [(s, e) for s, e, _ in org_mentions(rest)] + [m.span() for m in _YEAR.finditer(rest)]
    leftover = "".join(ch for i, ch in enumerate(rest) if not any(s <= i < e for s, e in spans))
    if _FILLER.sub("", leftover):  # "And what did UNAFEI publish?" is a question of its own
        return None
    text = previous.question
    if info.orgs:
        mentions = org_mentions(text)
        if mentions:
            # The first mention takes the new institute(s); any later ones of the old go.
            start, end, _ = mentions[0]
            rest_of = text[end:]
            for s, e, _ in reversed(org_mentions(rest_of)):
                rest_of = rest_of[:s] + "it" + rest_of[e:]
            text = text[:start] + " and ".join(info.orgs) + rest_of
        else:
            text = f"{text} ({', '.join(info.orgs)})"
    if info.years:
        new_year = str(info.years[0])
        text, count = _YEAR.subn(new_year, text)
        if not count:
            text = f"{text} ({new_year})"
    return text
