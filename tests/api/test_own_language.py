"""A question asked in the language of the report it is answered from reads that report's names as it reads
English ones: a count answers only where the place or body the question names is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.test_table_figures import _assistant_over
from tests.conftest import ROOT

_STUDIES = "\n\n".join(
    f"En 2021, l'Institut a publié l'étude n° {i} sur la criminalité organisée en Afrique de l'Ouest, présentée "
    "lors d'un séminaire régional à Abuja devant des chercheurs et des praticiens."
    for i in range(1, 9)
)
REPORT = f"""# Institut d'études de sécurité : rapport annuel 2021

## Publications

{_STUDIES}

## Activités au Sahel

En 2021, le bureau de Dakar a formé 96 magistrats et officiers de police judiciaire du Burkina Faso, du Mali et du
Niger au traitement judiciaire des affaires de terrorisme.

En 2022, le bureau de Dakar ouvrira une antenne à Bamako et lancera un programme de recherche sur les flux
financiers illicites.
"""


@pytest.mark.model
def test_a_count_is_not_taken_from_a_place_the_question_does_not_name(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant_over(tmp_path, real_embedder, {"iss-rapport-annuel-2021.md": REPORT}, multilingual=True)
    # Dakar's office trained the 96; Bamako is named only for what comes in 2022.
    elsewhere = assistant.ask("Combien de personnes l'ISS a-t-il formées à Bamako en 2021 ?")
    assert elsewhere.abstained and "96" in elsewhere.answer, elsewhere.answer  # refused, saying what it found
    named = assistant.ask("Combien de personnes l'ISS a-t-il formées en 2021 ?")
    assert not named.abstained and "96 magistrats" in named.answer, named.answer


# Invented for this test: a Korean institute's page on a course of its own, beside the English reports, whose
# passages on UNAFEI's and others' courses are most of what a Korean question on a course finds.
KOREAN_PAGE = """# 한국형사·법무정책연구원 2022년 국제협력 활동 요약

연구원은 2022년 외국 형사사법 공무원을 위한 온라인 연수 과정을 새로 열었다.

"사이버범죄 수사 기법" 과정은 2022년 8월 8일부터 19일까지 진행되었으며, 캄보디아, 라오스, 네팔의 검사와 경찰관
27명이 수료하였다.

연구원은 같은 해 영문 연구보고서 6권을 발간하였다.
"""


@pytest.mark.model
def test_a_sentence_in_the_questions_language_is_read_for_the_questions_own_words(
    tmp_path: Path,
    real_embedder,  # type: ignore[no-untyped-def]
) -> None:
    """Most passages a Korean question finds here are English (the reports' courses): the question's words are
    read there in their glossary renderings, and in the Korean page's sentences as they are written."""
    reports = {path.name: path.read_text(encoding="utf-8") for path in (ROOT / "corpus").iterdir()}
    reports["kicj-international-cooperation-2022-ko.md"] = KOREAN_PAGE
    assistant = _assistant_over(tmp_path, real_embedder, reports, multilingual=True)
    answer = assistant.ask("'사이버범죄 수사 기법' 온라인 연수 과정을 수료한 외국 검사와 경찰관은 몇 명인가요?")
    assert not answer.abstained and "27명" in answer.answer, answer.answer
