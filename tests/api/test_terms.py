"""A question's words as evidence (api/terms.py), in every language users ask in."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

from api.terms import QuestionTerms, words


class _Lexicon:
    chunks = 10

    @staticmethod
    def frequency(stems: tuple[str, ...]) -> int:
        return 0


def _weights(question: str) -> set[str]:
    return set(QuestionTerms(cast(Any, SimpleNamespace(lexicon=_Lexicon()))).weights(question, ()))


def test_a_korean_word_is_one_word_whatever_particle_it_ends_in() -> None:
    assert words("국제학술회의는") == words("국제학술회의를") == words("국제학술회의")
    assert words("전문가가") == words("전문가")  # "가" ends the noun (expert) and is its particle
    assert words("연구원은") == ["연구원"]


def test_asking_words_are_no_evidence_in_any_language() -> None:
    assert _weights("제21회 국제학술회의는 언제 열렸나요?") == set(words("제21회 국제학술회의는 열렸나요"))
    assert not _weights("¿Dónde y cuándo se celebró?") & set(words("dónde cuándo"))
    assert not _weights("Quand et où le forum a-t-il eu lieu ?") & set(words("quand où"))
    assert _weights("When was the forum held?") == set(words("forum held"))


def test_alternative_renderings_of_one_word_are_one_term() -> None:
    # The glossary renders "참석" as "attended|participants": a passage with either has the question's word.
    terms = QuestionTerms(cast(Any, SimpleNamespace(lexicon=_Lexicon())))
    weights = terms.weights("workshop attended|participants", ())
    assert len(weights) == 2
    assert terms.coverage(weights, "the participants of the workshop") == 1.0
    assert terms.coverage(weights, "attended the workshop") == 1.0
    assert terms.coverage(weights, "the workshop") == 0.5


def test_words_are_not_folded_by_a_list_of_synonyms() -> None:
    # "gender-based violence" says nothing of where an institute is based, nor of its headquarters.
    assert set(words("gender-based violence")).isdisjoint(words("headquartered"))


def test_a_word_is_the_same_word_with_or_without_its_accents() -> None:
    # Users type "capacitacion" for "capacitación"; an English question's "adopt" is the French page's "adopté".
    assert words("¿Cuántos jueces recibieron la capacitación?") == words("Cuantos jueces recibieron la capacitacion?")
    assert words("La conférence a adopté la Déclaration de Tunis") == words(
        "La conference a adopte la Declaration de Tunis"
    )
    assert set(words("adopté")) == set(words("adopt"))
    # Other scripts are read as they are: Hangul is not taken apart.
    assert words("한국형사정책연구원은") == ["한국형사정책연구원"]
    assert words("Hólmsheiði Prison") == words("Holmsheiði prison")  # ð is a letter, not an accent


def test_the_kind_of_period_asked_is_no_topic() -> None:
    # "in its 2021/22 financial year" picks a time: the sentence saying what the financial year is answers nothing.
    asked = _weights("How many people did UNAFRI train in its 2021/22 financial year?")
    assert not asked & set(words("financial year")) and set(words("people train 2021")) <= asked
    assert set(words("financial year")) <= _weights("When does UNAFRI's financial year start?")


def test_a_korean_request_is_no_evidence_only_what_it_asks_for() -> None:
    # "…을 정리해 줘" (sum up … for me), "…알려주세요" (tell me …): the verb of asking, before a form of 주다 (to do
    # for someone), is how the question asks, as "tell me" is; what it asks about stays.
    assert _weights("서울 권고문에 담긴 주요 권고 내용을 정리해 줘") == set(
        words("서울 권고문에 담긴 주요 권고 내용을")
    )
    assert _weights("KICJ 국제포럼 메인 주제 알려줘") == set(words("KICJ 국제포럼 메인 주제"))
    assert _weights("활동을 요약해 주세요.") == _weights("활동을 간단히 설명해 주시겠어요?") - set(words("간단히"))
    assert _weights("성과 좀 정리해 줄래?") == set(words("성과 좀"))
    # Not a request: 주다 as the verb the question asks about ("gave", "donated") keeps its object.
    assert set(words("기부금")) <= _weights("TIJ에 기부금을 준 기관은 어디인가요?")
