"""Countries and regions named in Korean, Spanish or French, rendered in English (CLDR's names)."""

from __future__ import annotations

import pytest

from index.places import english_places
from index.query import analyze_query


@pytest.mark.parametrize(
    ("question", "language", "english"),
    [
        ("짐바브웨 반부패위원회와 양해각서를 체결한 연구소는?", "ko", "Zimbabwe"),
        ("태국의 교도소에서 열린 교육", "ko", "Thailand"),  # a particle after the name
        ("인도네시아에서 열린 워크숍", "ko", "Indonesia"),  # not India, which it begins with
        ("라틴 아메리카 지역의 연구소", "ko", "Latin America"),  # a name of two words
        ("¿Qué hizo el instituto en Zimbabue y en Japón?", "es", "Zimbabwe Japan"),
        ("Qu'a-t-il fait en Thaïlande et aux États-Unis ?", "fr", "Thailand United States"),
        # Words that begin like a name are not it: "인도적" (humanitarian), "이란" after a noun ("is called").
        ("인도적 지원 프로그램이란 무엇인가요?", "ko", ""),
        ("¿Cuántos participantes hubo en Kenya?", "es", ""),  # spelled as in English: nothing to render
        ("What did UNAFEI do in Japan?", "en", ""),
    ],
)
def test_places_a_question_names_in_the_reports_spelling(question: str, language: str, english: str) -> None:
    assert english_places(question, language) == english


def test_a_korean_question_searches_the_country_as_the_reports_spell_it() -> None:
    assert "Zimbabwe" in analyze_query("짐바브웨에서 교정 공무원을 교육한 연구소는 어디인가요?").expansion
