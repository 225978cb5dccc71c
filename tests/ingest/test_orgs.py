"""Organisations, precisely: a network institute's name inside another body's name is not the institute."""

from __future__ import annotations

import pytest

from ingest.orgs import find_orgs


@pytest.mark.parametrize(
    "text",
    [
        "the Basel Convention secretariat",
        "the Basel Committee on Banking Supervision",
        "the European Institute for Gender Equality",
        "the Australian Institute of Family Studies",
        "the Australian Institute of Health and Welfare",
        "the EU Institute for Security Studies",
        "the European Union Institute for Security Studies",
        "Basel-Stadt and Basel-Landschaft",  # a city's name joined to more name is not the Basel Institute
        "the RE-JUST and TRACE-LABOUR projects",
        # An institute's Spanish or French name going on into another body's: "of the European Union".
        "el Instituto de Estudios de Seguridad de la Unión Europea (IESUE)",
        "l'Institut d'études de sécurité de l'Union européenne",
        "el Instituto Europeo de la Igualdad de Género",
    ],
)
def test_another_bodys_name_is_not_a_network_institute(text: str) -> None:
    assert find_orgs(text) == []


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("the Basel Institute on Governance", ["Basel"]),
        ("What did Basel do in 2020?", ["Basel"]),
        ("based in Basel, Switzerland", ["Basel"]),
        ("the Australian Institute of Criminology", ["AIC"]),
        ("the European Institute for Crime Prevention and Control", ["HEUNI"]),
        ("L. Institute for Security Studies", ["ISS"]),  # a section letter is no qualifier
        ("In 2020, the Institute for Security Studies", ["ISS"]),
        ("UNAFEI of Japan", ["UNAFEI"]),  # an acronym goes on as it likes
        ("HEUNI Director Markku Jokisipilä", ["HEUNI"]),
        ("Which European institute of the UN network", ["HEUNI"]),  # "of the UN" says whose, not which
        # Acronyms joined by a hyphen, as users type them: each names its body.
        ("when does the kicj-tij joint project finish?", ["KICJ", "TIJ"]),
        ("the KICJ-TIJ workshop", ["KICJ", "TIJ"]),
        ("an UNAFEI-organised seminar", ["UNAFEI"]),
        # A Spanish or French name followed by what is not more of a name.
        ("L'Institut d'études de sécurité (ISS) est une organisation africaine", ["ISS"]),
        ("el Instituto de Estudios de Seguridad de Pretoria", ["ISS"]),
        ("El Instituto Raoul Wallenberg de Derechos Humanos y Derecho Humanitario (RWI), con sede en Lund", ["RWI"]),
        ("el Instituto Latinoamericano de las Naciones Unidas para la Prevención del Delito", ["ILANUD"]),
    ],
)
def test_the_institutes_are_still_found(text: str, keys: list[str]) -> None:
    assert find_orgs(text) == keys


_CENTRE_REPORT = (
    "The Centre's main project in 2020 was a study of prisons. The Centre is hosted by Aarhus University. "
    "The board of the Centre met four times; the Institute of Criminology in Oslo took part once."
)


def test_a_publisher_outside_the_table_is_named_by_its_title_page() -> None:
    from ingest.orgs import publisher

    front = ["Nordic Centre for Prison Studies", "Prisons in a year of closed doors", "Annual Report 2020"]
    assert publisher(front, _CENTRE_REPORT) == "Nordic Centre for Prison Studies"
    assert publisher(["The Nordic Centre for Prison Studies (NCPS)"], _CENTRE_REPORT) == (
        "Nordic Centre for Prison Studies (NCPS)"
    )


def test_a_body_heading_a_report_it_did_not_write_is_no_publisher() -> None:
    from ingest.orgs import publisher

    # A UN document is tabled in the Economic and Social Council and speaks of "the Institute" throughout.
    un = "The Institute trained 40 judges. The Institute met in Vienna. The Council took note."
    assert publisher(["Economic and Social Council", "Distr.: General"], un) is None
    # A title that is no body's name, and a sentence naming one, are not a publisher either.
    assert publisher(["Prisons in a year of closed doors"], _CENTRE_REPORT) is None
    assert publisher(["The Centre studied prisons in Denmark."], _CENTRE_REPORT) is None


def test_a_question_names_a_publisher_in_full_or_by_its_short_name() -> None:
    from ingest.orgs import publishers_named

    names = ["Nordic Centre for Prison Studies"]
    assert publishers_named("What did the Nordic Centre for Prison Studies publish?", names) == names
    assert publishers_named("who chaired the nordic centre's board in 2020?", names) == names
    assert publishers_named("What did the Centre publish?", names) == []  # the noun alone names no one
    assert publishers_named("Nordic prisons during the pandemic", names) == []


def test_a_korean_spelling_near_an_institute_s_name_names_it() -> None:
    from ingest.orgs import org_mentions

    # "연구소" for the table's "연수소"; "쎈터" for "센터"; spaces anywhere.
    assert [key for _, _, key in org_mentions("아시아극동범죄방지연구소가 네팔에서 한 연구는?")] == ["UNAFEI"]
    assert [key for _, _, key in org_mentions("국제형법개혁형사정책쎈터는 어디에 있어?")] == ["ICCLR"]
    assert [key for _, _, key in org_mentions("호주 범죄학 연구원은")] == ["AIC"]
    # A kind of institute, shorter than any one name, names none; an exact name still wins.
    assert org_mentions("범죄방지연구소는 무엇인가요?") == []
    assert [key for _, _, key in org_mentions("유럽범죄방지연구소와 아프리카범죄방지연구소")] == ["HEUNI", "UNAFRI"]


def test_org_mentions_are_remembered_but_each_caller_gets_its_own_list() -> None:
    """The answer layer asks the same passages again and again, so mentions are memoised; a caller that edits
    the list it got (a follow-up rewrites a question's mentions) must not change what the next caller gets."""
    from ingest.orgs import org_mentions

    text = "HEUNI and the Basel Institute met UNAFEI in Tokyo."
    first = org_mentions(text)
    first.append((0, 0, "ICCLR"))
    first.reverse()
    assert [key for _, _, key in org_mentions(text)] == ["HEUNI", "Basel", "UNAFEI"]
