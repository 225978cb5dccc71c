"""An English question whose answer only a report in another language holds is answered from that report, even
when English passages on nearby things (the same institute, another programme) are what the English model finds."""

from __future__ import annotations

import shutil

import pytest

from api.answer import Assistant
from index.build import update_index
from index.store import load_index
from tests.conftest import ROOT

# Invented for this test: a programme the English reports never mention, of an institute they do (RWI trained
# correctional officers in East Africa in 2020), in Spanish only.
BLOG = """# Justicia juvenil en Centroamérica: balance del programa regional del Instituto Raoul Wallenberg

Publicado el 14 de marzo de 2023

Entre 2020 y 2022, el Instituto Raoul Wallenberg de Derechos Humanos y Derecho Humanitario (RWI) acompañó a los
sistemas de justicia juvenil de Guatemala, Honduras y El Salvador en la aplicación de las Reglas de Beijing.

El programa contó con un financiamiento de 9,8 millones de coronas suecas de la Agencia Sueca de Cooperación
Internacional para el Desarrollo (Asdi).

Durante los tres años se capacitó a 430 jueces, fiscales y defensores públicos en medidas alternativas a la
privación de libertad para adolescentes.

La reunión regional de cierre se celebró en Tegucigalpa los días 8 y 9 de noviembre de 2022, con la presencia de
las autoridades penitenciarias de los tres países.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> Assistant:  # type: ignore[no-untyped-def]
    from index.embed import E5Embedder

    root = tmp_path_factory.mktemp("across")
    shutil.copytree(ROOT / "corpus", root / "reports")
    (root / "reports" / "rwi-blog-justicia-juvenil-centroamerica-2023.md").write_text(BLOG, encoding="utf-8")
    update_index(root / "index", [root / "reports"], real_embedder, multilingual=E5Embedder())
    return Assistant(load_index(root / "index", lambda _: real_embedder, real_embedder.name, E5Embedder))


@pytest.mark.model
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "How much funding did the Swedish development agency provide for the Raoul Wallenberg Institute's "
            "juvenile justice programme in Central America?",
            "9,8 millones",
        ),
        (
            "Where was the closing regional meeting of RWI's juvenile justice programme in Central America held?",
            "Tegucigalpa",
        ),
        ("How many judges, prosecutors and public defenders did the RWI train in Central America?", "430"),
    ],
)
def test_an_english_question_is_answered_from_the_spanish_report_that_holds_the_answer(
    assistant: Assistant, question: str, expected: str
) -> None:
    answer = assistant.ask(question)
    assert not answer.abstained and expected in answer.answer, answer.answer
    assert answer.citations[0].title.startswith("Justicia juvenil")


@pytest.mark.model
def test_an_english_question_on_the_english_reports_stays_with_them(assistant: Assistant) -> None:
    # The same institute's training in another region is in the English report: that is the answer.
    answer = assistant.ask("Which countries' correctional officers did the Raoul Wallenberg Institute train in 2020?")
    assert not answer.abstained and "Rwanda" in answer.answer, answer.answer
    assert all(not c.title.startswith("Justicia juvenil") for c in answer.citations)


def test_reports_in_another_language_are_told_from_their_body() -> None:
    from api.names import reports_in_other_languages

    english = (ROOT / "corpus" / "un-pni-institutes-activities-2020.txt").read_text(encoding="utf-8")
    # An English page of a Korean site: its menu is in Korean, its body in English.
    menu = "주 메뉴 바로가기 본문으로 바로가기 로그인 회원가입 사이트맵\n\n" + english[:5000]
    assert not reports_in_other_languages([english, menu])
    assert reports_in_other_languages([english, BLOG])
    korean = "한국형사·법무정책연구원은 2023년 6월 태국법무연구원과 공동으로 국제 워크숍을 개최하였다. " * 20
    assert reports_in_other_languages([korean])
    assert not reports_in_other_languages([])


# Invented for this test: a Korean institute's news page, in Korean only.
SEMINAR = """# 소년사법 국제 세미나 개최

한국형사·법무정책연구원은 2022년 11월 8일 유엔아시아극동범죄방지연수소(UNAFEI)와 공동으로 부산에서 '소년사법과
회복적 사법' 국제 세미나를 개최하였다.

세미나에는 아시아 9개국의 판사, 검사, 보호관찰관 등 80명이 참가하였다.
"""


@pytest.fixture(scope="module")
def korean(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> Assistant:  # type: ignore[no-untyped-def]
    from index.embed import E5Embedder

    root = tmp_path_factory.mktemp("korean")
    (root / "reports").mkdir()
    (root / "reports" / "kicj-news-seminar-2022-ko.md").write_text(SEMINAR, encoding="utf-8")
    update_index(root / "index", [root / "reports"], real_embedder, multilingual=E5Embedder())
    return Assistant(load_index(root / "index", lambda _: real_embedder, real_embedder.name, E5Embedder))


@pytest.mark.model
@pytest.mark.parametrize(
    "question",
    [
        "Where was KICJ's juvenile justice seminar with UNAFEI held?",
        "KICJ의 소년사법 국제 세미나는 어디에서 열렸나요?",
        "¿Dónde se celebró el seminario internacional de justicia juvenil del KICJ?",
    ],
)
def test_where_is_answered_by_a_place_a_korean_page_names(korean: Assistant, question: str) -> None:
    answer = korean.ask(question)
    assert not answer.abstained and "부산에서" in answer.answer, answer.answer
