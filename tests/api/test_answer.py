"""Answers over the real corpus with the real bundled model."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.model

HEUNI_SECTION = "C. European Institute for Crime Prevention and Control, affiliated with the United Nations"


def _markers(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\[(\d+)\]", text)}


def test_what_did_heuni_do_in_2020_cites_only_its_section(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask("what did HEUNI do in 2020")
    assert not answer.abstained
    assert {c.section for c in answer.citations} == {HEUNI_SECTION}
    assert {c.org for c in answer.citations} == {"HEUNI"} and {c.year for c in answer.citations} == {2020}
    for project in ("FLOW", "RE-JUST", "KORSI"):
        assert project in answer.answer
    lines = answer.answer.splitlines()
    assert all(re.search(r"\[\d+\]$", line) for line in lines[1:]), "every activity carries a citation"


def test_citations_are_numbered_in_order_and_all_referred_to(assistant) -> None:  # type: ignore[no-untyped-def]
    for question in (
        "What did the Thailand Institute of Justice do in 2020?",
        "Which institute launched the Urban Safety Lab?",
    ):
        answer = assistant.ask(question)
        assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
        assert _markers(answer.answer) == {c.n for c in answer.citations}


def test_a_fact_is_answered_from_the_right_passage(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask("How many women took part in the Australian Institute of Criminology survey?")
    assert "15,000 women" in answer.answer
    assert answer.citations[0].org == "AIC" and "15,000 women" in answer.citations[0].text


def test_a_year_the_reports_do_not_cover_is_refused(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask("What did HEUNI do in 2017?")
    assert answer.abstained and not answer.citations
    assert "2017" in answer.answer and "2020" in answer.answer and "2023" in answer.answer


def test_a_question_outside_the_reports_is_refused(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask("What is the recipe for a chocolate cake?")
    assert answer.abstained and not answer.citations
    assert "do not answer" in answer.answer


def test_the_korean_institute_is_found_by_its_old_and_new_names(assistant) -> None:  # type: ignore[no-untyped-def]
    for question in (
        "What did KICJ do in 2023?",
        "What did the Korea Institute of Criminology and Justice do in 2023?",
    ):
        answer = assistant.ask(question)
        assert not answer.abstained and {c.year for c in answer.citations} == {2023}
        assert {c.org for c in answer.citations} == {"KICJ"}


def test_a_korean_question_is_answered_from_the_english_passage(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask("바젤 거버넌스 연구소가 환경 훼손에 대응하려고 만든 새 프로그램의 이름은 무엇인가요?")
    assert not answer.abstained
    assert "Green Corruption" in answer.answer and answer.citations[0].org == "Basel"


@pytest.mark.parametrize(
    ("question", "expected", "org"),
    [
        # No institute named, and the cross-language similarity alone is below the bar; the sentence holds the
        # question's words in English ("compliance", "forum", "attended|participants").
        ("기업 컴플라이언스 포럼에는 몇 명이 참석했나요?", "Nearly 100", "CCLS"),
        ("부패 방지 위원회와 양해각서를 맺은 곳은 어디야?", "memorandum of understanding", "RWI"),
    ],
)
def test_a_korean_question_whose_translated_words_a_sentence_holds_is_answered(  # type: ignore[no-untyped-def]
    assistant, question: str, expected: str, org: str
) -> None:
    answer = assistant.ask(question)
    assert not answer.abstained and expected in answer.answer
    assert org in {c.org for c in answer.citations}


def test_a_korean_question_outside_the_reports_is_refused(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask("김치찌개는 어떻게 만드나요?")
    assert answer.abstained and not answer.citations


def test_a_compound_question_is_answered_part_by_part(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask("What did HEUNI do in 2020, and how did it work with KICJ in 2023?")
    assert not answer.abstained
    assert "FLOW" in answer.answer  # the 2020 part, from HEUNI's section
    assert "six times in collaboration with the European Institute" in answer.answer  # the 2023 part
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    assert {2020, 2023} <= {c.year for c in answer.citations}


@pytest.mark.parametrize(
    "question",
    [
        "How many staff work at the Australian Institute of Criminology?",  # no count of staff anywhere
        "What did UNICRI publish about artificial intelligence in 2023?",  # UNICRI appears only in 2020
        "What is the annual budget of the Thailand Institute of Justice?",  # never stated
    ],
)
def test_questions_about_covered_institutes_that_the_reports_do_not_answer_are_refused(assistant, question) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask(question)
    assert answer.abstained
    # A refusal cites nothing, unless it says what is not given and quotes the closest passage.
    assert not answer.citations or answer.answer.startswith("The indexed reports do not give")


def test_the_answer_names_who_acted_when_the_passage_says_the_institute(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask("Which institute trained corrections officers from the Manila City Jail?")
    assert not answer.abstained and "Manila City Jail" in answer.answer
    header = answer.answer.splitlines()[0]
    assert header.startswith("UNAFEI (") and header.endswith(":")  # the passage itself says "the Institute"


def test_an_amount_the_reports_do_not_give_is_refused_with_what_they_say(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask("How much did the Basel Institute spend on its LEARN platform?")
    assert answer.abstained and answer.answer.startswith("The indexed reports do not give that amount.")
    assert "LEARN" in answer.answer and answer.citations  # the closest passage, cited


def test_an_attribute_no_sentence_names_is_refused_with_what_they_say(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask("What is the circulation of the International Journal of Criminal Justice?")
    assert answer.abstained and answer.answer.startswith("The indexed reports do not give the circulation.")
    assert "International Journal of Criminal Justice" in answer.answer and answer.citations
    # An attribute the answering sentence names is answered.
    answer = assistant.ask("What was the theme of the 2023 KICJ International Forum?")
    assert not answer.abstained and "Transnational Organized Crime" in answer.answer


def test_a_place_answers_where_only_in_a_paragraph_on_what_the_question_names(assistant) -> None:  # type: ignore[no-untyped-def]
    # The 10th forum's passages give no place; one in a paragraph on the journal is another thing's.
    answer = assistant.ask("Where did the 10th KICJ forum take place?")
    assert answer.abstained and answer.answer.startswith("The indexed reports do not give that place.")
    answer = assistant.ask("Where was the seventh extraordinary meeting of the UNAFRI Governing Board held?")
    assert not answer.abstained and "Addis Ababa" in answer.answer


def test_spanish_and_french_questions_are_answered_in_the_multilingual_space(assistant) -> None:  # type: ignore[no-untyped-def]
    for question in ("¿Dónde tiene su sede el HEUNI?", "Où se trouve le siège de HEUNI ?"):
        answer = assistant.ask(question)
        assert not answer.abstained and "Helsinki" in answer.answer, question


def test_a_direct_question_gets_one_sentence_not_an_activity_list(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask("Where is ICCLR based?")
    assert "Vancouver" in answer.answer and len(answer.citations) == 1 and "\n-" not in answer.answer


def test_an_overview_worded_any_way_gets_the_activity_list(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask("What has HEUNI been up to in 2020?")
    assert not answer.abstained and answer.answer.count("\n- ") >= 4
    assert {c.org for c in answer.citations} == {"HEUNI"}


def test_a_direct_answer_from_a_long_sentence_is_the_clause_that_answers(assistant) -> None:  # type: ignore[no-untyped-def]
    # The report's sentence on the visits is over 600 characters; the answer is one clause of it.
    answer = assistant.ask("How many times did foreign delegations visit KICJ in 2023?")
    assert not answer.abstained
    assert re.search(r"\bfive times\b", answer.answer)
    assert len(answer.answer) <= 700
    assert "…" in answer.answer, "the cut is marked"
    assert "five times" in answer.citations[0].text, "the citation keeps the whole passage"


def test_typing_slips_are_searched_as_the_reports_spell_them(assistant) -> None:  # type: ignore[no-untyped-def]
    slipped = assistant.ask("what did the Raul Walenberg institute do in Kenia")
    spelled = assistant.ask("what did the Raoul Wallenberg institute do in Kenya")
    assert not slipped.abstained and "Kenya" in slipped.query and "Wallenberg" in slipped.query
    assert slipped.answer == spelled.answer


def test_a_keyword_query_on_one_thing_of_an_institute_is_no_overview(assistant) -> None:  # type: ignore[no-untyped-def]
    # Its words are one sentence's words: the conference, not everything the institute did.
    answer = assistant.ask("Korean Institute of Criminology expert conference theme")
    assert not answer.abstained
    assert "Tasks in criminal policy" in answer.answer and "\n- " not in answer.answer


def test_a_body_the_reports_never_mention_is_said_to_be_absent(assistant) -> None:  # type: ignore[no-untyped-def]
    # "Institute", "Study", "Crime", "Security" and "Law" are all over the reports; "Max Planck" is nowhere.
    answer = assistant.ask("What did the Max Planck Institute for the Study of Crime, Security and Law do in 2020?")
    assert answer.abstained and "say nothing about the Max Planck Institute" in answer.answer
    # A body the reports do name is searched as usual, whatever else is spelt differently.
    named = assistant.ask("What city is the East-Lake Institute that RWI ran a disability rights workshop with in?")
    assert not named.abstained and "Wuhan" in named.answer


def test_initials_no_report_uses_are_absent_in_any_language(assistant) -> None:  # type: ignore[no-untyped-def]
    # Initials are not translated: a Spanish question about a body by initials no report uses is refused as
    # absent, not answered with another institute's year.
    answer = assistant.ask("¿Qué actividades realizó el INACIPE dentro de la red en 2020?")
    assert answer.abstained and "say nothing about INACIPE" in answer.answer, answer.answer
    # Beside an institute the reports cover, unknown initials may be the question's spelling of a partner.
    named = assistant.ask("¿Con qué organismo de la ONU colabora el ILANUD en El Salvador?")
    assert "say nothing about" not in named.answer, named.answer


def test_a_body_whose_words_are_all_in_the_reports_but_not_its_name_is_absent(assistant) -> None:  # type: ignore[no-untyped-def]
    # "International", "Institute", "Justice", "Rule" and "Law" are all in the reports, and the Thailand Institute
    # of Justice is close in meaning: answering with TIJ's year would be a confident wrong answer.
    answer = assistant.ask("What did the International Institute for Justice and the Rule of Law do in 2020?")
    assert answer.abstained and "say nothing about the International Institute for Justice" in answer.answer
    # Names the reports write another way are still found: words between, a possessive, initials spelled out.
    for question, expected in (
        ("How many officers from Cambodia's Ministry of Interior and Ministry of Justice attended the workshop?", "71"),
        ("Who from NYU's Center on International Cooperation was invited to KIC's first expert group meeting?", "Liv"),
    ):
        found = assistant.ask(question)
        assert not found.abstained and expected in found.answer, question


def test_where_is_answered_by_the_institutes_seat_not_its_web_address(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask("where is it?", history=[{"role": "user", "content": "What does NAUSS teach?"}])
    assert not answer.abstained and "Riyadh" in answer.answer and "http" not in answer.answer


def test_a_body_the_question_names_must_be_named_by_the_answer(assistant) -> None:  # type: ignore[no-untyped-def]
    # The reports mention Griffith University, and an MOU with Illinois State University: not one with Griffith.
    answer = assistant.ask("When did KICJ sign its MOU with Griffith University?")
    assert answer.abstained and "do not say this of Griffith University" in answer.answer
    # "US" is spelled out in the report ("the Department of Justice of the United States of America").
    named = assistant.ask("Which institute is the research and development arm of the US Department of Justice?")
    assert not named.abstained and "National Institute of Justice" in named.answer


def test_a_follow_up_is_not_denied_the_sentence_it_needs_when_the_told_one_is_unknown(assistant) -> None:  # type: ignore[no-untyped-def]
    # Two sentences name "the International Forum" as fully; which one answered "What is ...?" is unknown, so
    # neither is set aside as told, and the one on the broadcast answers.
    history = [
        {"role": "user", "content": "What is the KICJ International Forum?"},
        {"role": "assistant", "content": "Its largest annual international event, held since 2014."},
    ]
    answer = assistant.ask("How was the 10th one broadcast?", history=history)
    assert not answer.abstained and "YouTube" in answer.answer


def test_a_lead_in_quoted_with_the_sentence_before_it_still_lists_its_items(assistant) -> None:  # type: ignore[no-untyped-def]
    # "Since its inception, ... | The following are highlights of the Institute's activities in 2020:"
    answer = assistant.ask("Which were the highlights of the Korean Institute of Criminology's work in 2020?")
    assert not answer.abstained and "highlights" in answer.answer
    assert "\n- " in answer.answer and "colloquium" in answer.answer and len(answer.citations) >= 3


def test_the_language_most_of_the_best_passages_are_written_in() -> None:
    from api.names import written_in

    spanish = "La iniciativa contó con el apoyo financiero de la Agencia Española de Cooperación Internacional."
    french = "Le Centre international pour la prévention de la criminalité mène depuis septembre 2019 un projet."
    english = "The Institute renewed its memorandum of understanding with the Thailand Institute of Justice."
    assert written_in([spanish, spanish, english]) == "es"
    assert written_in([french, english, french]) == "fr"
    assert written_in([spanish, french, english]) in {"es", "fr"}  # most are not in English
    # Most passages in English: English.
    assert written_in([english, english, spanish]) == "en"
    assert written_in([]) == "en"


def test_a_question_in_its_pages_language_weighs_its_own_words() -> None:
    from api.terms import QuestionTerms
    from index.query import QueryInfo

    class Words(QuestionTerms):
        def weights(self, text: str, orgs: tuple[str, ...]) -> dict[str, float]:
            return dict.fromkeys(text.lower().split(), 1.0)

    terms = Words.__new__(Words)
    info = QueryInfo(orgs=(), years=(), summary=False, language="es", expansion="agency")
    same, _ = terms.asked_by("qué agencia financió", info, passages="es")
    across, _ = terms.asked_by("qué agencia financió", info, passages="en")
    # A Spanish page: the question's words match its words, and English renderings would only dilute them.
    assert "financió" in same and "agency" not in same
    assert "financió" not in across and "agency" in across  # English pages: only the English renderings
