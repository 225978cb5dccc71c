"""Follow-ups: the referent of "it/its/there" comes from the conversation, and the answer says so."""

from __future__ import annotations

import pytest

from api.conversation import standalone_question
from index.query import analyze_query

HISTORY = [
    {"role": "user", "content": "What did the Basel Institute do in 2020?"},
    {"role": "assistant", "content": "Basel (Basel Institute on Governance) in 2020: ..."},
]


def test_a_follow_up_gets_the_institute_and_year_of_the_earlier_turn() -> None:
    standalone = standalone_question("What is its new programme called?", HISTORY, analyze_query)
    assert standalone == "What is its new programme called? (Basel, 2020)"


def test_a_question_that_names_its_institute_or_has_no_history_is_left_alone() -> None:
    assert standalone_question("What did HEUNI do?", HISTORY, analyze_query) == "What did HEUNI do?"
    assert standalone_question("Where is it based?", [], analyze_query) == "Where is it based?"
    assert standalone_question("Which programme did UNICRI run?", HISTORY, analyze_query) == (
        "Which programme did UNICRI run?"
    )


def test_a_follow_up_about_a_person_an_event_or_nothing_named_carries_the_previous_question() -> None:
    history = _exchange(
        "Who gave the talks at the first colloquium series in 2020?",
        "Kittipong Kittayarak, Director of the Thailand Institute of Justice.",
    )
    # The answer is carried along: it names the person (or event) the question did not.
    context = (
        " (Who gave the talks at the first colloquium series in 2020; "
        "Kittipong Kittayarak, Director of the Thailand Institute of Justice.)"
    )
    person = context
    # The one person the answer named stands in for "he": a name the passages must then hold.
    assert standalone_question("what topics did he cover?", history, analyze_query) == (
        "what topics did Kittipong Kittayarak cover?" + person
    )
    assert standalone_question("and when was that meeting?", history, analyze_query).endswith(context)
    # An ellipsis: no name, no year, nothing pointing back, yet nothing of its own to search by.
    assert standalone_question("How many people took part?", history, analyze_query).endswith(context)
    # In Spanish too, and never when the follow-up names its own subject.
    assert (
        standalone_question("¿y qué dijo él?", history, analyze_query) == "¿y qué dijo Kittipong Kittayarak?" + person
    )
    # A follow-up naming its institute carries only the person its "he" points at.
    assert standalone_question("What did he say at HEUNI?", history, analyze_query) == (
        "What did Kittipong Kittayarak say at HEUNI?"
    )
    assert standalone_question("What did HEUNI say?", history, analyze_query) == "What did HEUNI say?"


def test_a_noun_left_out_or_pointed_at_in_spanish_or_french_carries_the_previous_question() -> None:
    history = _exchange("Which webinars did UNAFEI hold for its alumni in 2020?", "Two, in September and November.")
    context = " (Which webinars did UNAFEI hold for its alumni in 2020; Two, in September and November.)"
    assert standalone_question("who spoke at the September one?", history, analyze_query).endswith(context)
    assert standalone_question("¿Cuántas personas asistieron a esos seminarios?", history, analyze_query).endswith(
        context
    )
    assert standalone_question("Qui a parlé lors de ces webinaires ?", history, analyze_query).endswith(context)
    # Nothing but a pointer or a question word and a word or two, after "¿" too, or with "ça".
    for question in ("¿Qué día fue?", "¿Con qué organización la organizó?", "Ça a eu lieu quand exactement ?"):
        assert standalone_question(question, history, analyze_query).endswith(context), question
    # A question of its own, names or not, stands alone.
    for question in ("¿Qué institutos trabajan en la trata de personas?", "Où se trouve le siège de HEUNI ?"):
        assert standalone_question(question, history, analyze_query) == question


def test_a_question_opening_with_and_goes_on_about_the_previous_subject() -> None:
    """A question opening with "And ...?" goes on in any language, however many words of its own it has."""
    history = _exchange("Which webinars did UNAFEI hold for its alumni in 2020?", "Two, in September and November.")
    context = " (Which webinars did UNAFEI hold for its alumni in 2020; Two, in September and November.)"
    for question in (
        "And how many alumni registered for the second webinar in the end?",
        "¿Y cuántos exalumnos se inscribieron finalmente en el segundo seminario?",
        "Et combien d'anciens stagiaires se sont inscrits au second webinaire ?",
        "그리고 두 번째 웨비나에는 동문이 몇 명 등록했어?",
    ):
        assert standalone_question(question, history, analyze_query).endswith(context), question
    # A question naming its own institute after "and" is its own; "and" inside a question is no opening.
    for question in ("And what did HEUNI publish in 2019?", "Which institutes trained judges and prosecutors?"):
        assert standalone_question(question, history, analyze_query) == question


def test_a_question_word_with_its_accent_is_no_word_of_the_question_s_own() -> None:
    """The question "¿Cuánto costó la sala principal?" says two things of its own, as "¿Cuanto ...?" does."""
    # (An answer without a year: the year an answer told is left out of what is searched along.)
    history = _exchange("¿Qué inauguró el SNAI en Quito?", "Un espacio materno-infantil para madres y sus hijos.")
    context = " (¿Qué inauguró el SNAI en Quito; Un espacio materno-infantil para madres y sus hijos.)"
    for question in ("¿Cuánto costó la sala principal?", "¿Cuándo abrió la sala principal?"):
        assert standalone_question(question, history, analyze_query).endswith(context), question


def test_another_one_points_back_at_the_one_named() -> None:
    """The question "Did any other institute send someone?" means other than the one the conversation is about."""
    history = _exchange(
        "Who led the Thai delegation at the Seoul workshop?", "The delegation was led by its Deputy Director."
    )
    context = " (Who led the Thai delegation at the Seoul workshop; The delegation was led by its Deputy Director.)"
    for question in ("Did any other institute from the network send a delegation?", "Which other countries came?"):
        assert standalone_question(question, history, analyze_query).endswith(context), question


@pytest.mark.model
def test_it_after_a_question_about_a_thing_of_an_institute_is_that_thing() -> None:
    forum = [{"role": "user", "content": "When was KICJ's 10th International Forum?"}]
    assert standalone_question("was it held in person?", forum, analyze_query) == (
        "was it held in person? (When was KICJ's 10th International Forum)"
    )
    institute = [{"role": "user", "content": "What did KICJ do in 2023?"}]
    assert standalone_question("was it held in person?", institute, analyze_query) == (
        "was it held in person? (KICJ, 2023)"
    )


def test_the_follow_up_is_answered_and_the_searched_question_reported(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask("What is its new programme on environmental degradation called?", history=HISTORY)
    assert "Green Corruption" in answer.answer and answer.citations[0].org == "Basel"
    assert answer.query.endswith("(Basel, 2020)")


@pytest.mark.model
def test_a_follow_up_is_answered_with_what_the_previous_answer_did_not_say(assistant) -> None:  # type: ignore[no-untyped-def]
    history = [
        {
            "role": "user",
            "content": "Who spoke at the first expert group meeting of the Korean Institute of Criminology?",
        }
    ]
    first = assistant.ask(history[0]["content"])
    assert "Liv Tørres" in first.answer and "access to justice" not in first.answer
    # The sentence naming her was the answer; the topics are in the next one.
    answer = assistant.ask("which subjects came up at that meeting?", history=history)
    assert "access to justice" in answer.answer and not answer.abstained


@pytest.mark.parametrize(
    ("before", "told", "question", "expected"),
    [
        # The previous question's words fill the sentence that answered it; the new question's ("elected
        # chair") are in another.
        (
            "When did the UNAFRI Governing Board hold its extraordinary meeting in 2020?",
            "On 18 February 2020, in Addis Ababa. [1]",
            "who got elected chair at that meeting?",
            "Democratic Republic of the Congo was elected chair",
        ),
        # "... in Dili, during which 33 corrections officers discussed the management of offenders ...": the
        # sentence told before, and more.
        (
            "Who held the workshop in Dili with UNAFEI in February 2020?",
            "The UNODC Regional Office for South-East Asia and the Pacific. [1]",
            "what did the officers discuss there?",
            "violent extremism",
        ),
        # The answer is the second sentence of a pair whose first was told: the clause quoted is the one with
        # the follow-up's own words, not the one full of the previous question's.
        (
            "Where was ILANUD's second trinational conference on migrant smuggling held?",
            "In Costa Rica, in September 2020. [1]",
            "which earlier meeting did it build on?",
            "first binational meeting",
        ),
    ],
)
def test_a_follow_up_is_answered_by_a_sentence_with_its_own_words(  # type: ignore[no-untyped-def]
    assistant, before: str, told: str, question: str, expected: str
) -> None:
    answer = assistant.ask(question, history=_exchange(before, told))
    assert expected in answer.answer and not answer.abstained


def test_a_new_subject_for_the_previous_question_swaps_institute_and_year() -> None:
    history = [{"role": "user", "content": "In which city is HEUNI based?"}]
    assert standalone_question("And UNAFEI?", history, analyze_query) == "In which city is UNAFEI based?"
    history = [{"role": "user", "content": "What did HEUNI do in 2020?"}]
    assert standalone_question("What about KICJ in 2023?", history, analyze_query) == "What did KICJ do in 2023?"
    assert standalone_question("And in 2023?", history, analyze_query) == "What did HEUNI do in 2023?"
    assert standalone_question("그럼 UNAFEI는?", history, analyze_query) == "What did UNAFEI do in 2020?"
    # More than a new subject: a question of its own, left alone.
    assert standalone_question("And what did UNAFEI publish?", history, analyze_query) == (
        "And what did UNAFEI publish?"
    )


def test_that_year_takes_the_last_year_named_even_for_a_named_institute() -> None:
    history = [{"role": "user", "content": "What was the main theme of the 2023 KICJ International Forum?"}]
    assert standalone_question("What did HEUNI do that year?", history, analyze_query) == (
        "What did HEUNI do that year? (2023)"
    )


def test_a_chain_of_follow_ups_keeps_its_referent() -> None:
    history = [
        {"role": "user", "content": "What did the Thailand Institute of Justice do in 2020?"},
        {"role": "assistant", "content": "..."},
        {"role": "user", "content": "Which UN rules did it celebrate?"},
        {"role": "assistant", "content": "The Bangkok Rules [1]"},
    ]
    assert standalone_question("Which prison got its training programme?", history, analyze_query) == (
        "Which prison got its training programme? (TIJ, 2020)"
    )


def test_an_answer_naming_one_institute_lends_it_an_answer_naming_several_does_not() -> None:
    one = _exchange(
        "Which centre opened the Urban Safety Lab in Montreal?",
        "The International Centre for the Prevention of Crime opened it. [1]",
    )
    assert standalone_question("Who designed its model?", one, analyze_query) == "Who designed its model? (ICPC)"
    several = [one[0], {"role": "assistant", "content": "ICPC, with HEUNI and UNAFEI. [1]"}]
    # No institute is lent; "its" then points back to what the previous question was about.
    assert standalone_question("Who designed its model?", several, analyze_query) == (
        "Who designed its model? (Which centre opened the Urban Safety Lab in Montreal; ICPC, with HEUNI and UNAFEI.)"
    )


def test_it_after_a_question_about_a_thing_is_that_thing_not_the_body_its_answer_named() -> None:
    event = _exchange(
        "What was the regional conference on prison reform in Bangkok?",
        "A conference the Thailand Institute of Justice organised in 2020. [1]",
    )
    assert standalone_question("How many people attended it?", event, analyze_query) == (
        "How many people attended it? (What was the regional conference on prison reform in Bangkok; "
        "A conference the Thailand Institute of Justice organised.)"
    )
    # A question asking for a body makes the body answered the subject.
    body = _exchange(
        "Which institute ran the regional conference on prison reform?",
        "The Thailand Institute of Justice. [1]",
    )
    assert standalone_question("Where is it based?", body, analyze_query) == "Where is it based? (TIJ)"


def test_it_after_a_question_on_an_institute_s_event_is_the_event() -> None:
    workshop = _exchange(
        "Tell me about the prison reform workshop UNAFEI held in Manila in 2020.",
        "It was held with the Bureau of Jail Management and Penology. [1]",
    )
    assert standalone_question("how many people attended it?", workshop, analyze_query) == (
        "how many people attended it? (Tell me about the prison reform workshop UNAFEI held in Manila in 2020.; "
        "It was held with the Bureau of Jail Management and Penology.)"
    )
    # A question on the institute alone lends the institute; "its" is still the institute's.
    institute = _exchange("Where is UNAFEI based?", "In Tokyo. [1]")
    assert standalone_question("What did it do in 2020?", institute, analyze_query) == (
        "What did it do in 2020? (UNAFEI)"
    )
    assert standalone_question("What is its training programme called?", workshop, analyze_query) == (
        "What is its training programme called? (UNAFEI, 2020)"
    )


def test_the_thing_the_previous_question_named_is_pointed_at_with_the() -> None:
    webinar = _exchange("What was UNAFEI's alumni webinar about?", "Criminal justice issues. [1]")
    question = "how many practitioners from Nepal joined the webinar?"  # a name: no ellipsis
    assert standalone_question(question, webinar, analyze_query) == (
        f"{question} (What was UNAFEI's alumni webinar about; Criminal justice issues.)"
    )
    # "the" before a word the previous question did not use points at nothing.
    question = "how many practitioners from Nepal joined the seminar?"
    assert standalone_question(question, webinar, analyze_query) == question


def test_the_institute_a_person_directs_is_the_one_the_answer_named() -> None:
    person = _exchange("who is taro morinaga", "The Director of UNAFEI. [1]")
    assert standalone_question("in which city is the institute he directs based?", person, analyze_query) == (
        "in which city is the institute he directs based? (UNAFEI)"
    )
    # An answer naming two bodies lends the one the person's office is in.
    visitor = _exchange("who is taro morinaga", "He is the Director of UNAFEI; he visited KICJ in 2023. [1]")
    assert standalone_question("where is the institute he directs?", visitor, analyze_query) == (
        "where is the institute he directs? (UNAFEI)"
    )


def test_she_after_a_who_question_is_the_person_the_answer_named() -> None:
    who = _exchange(
        "Who heads the Thailand Institute of Justice?",
        "The Director of the Institute is Mr. Kittipong Kittayarak, as the Board of Trustees noted. [1]",
    )
    assert standalone_question("when did he start?", who, analyze_query) == (
        "when did Kittipong Kittayarak start? (Who heads the Thailand Institute of Justice; "
        "The Director of the Institute is Mr. Kittipong Kittayarak, as the Board of Trustees noted.)"
    )
    # The person an answer names further on than its opening is named too.
    long_answer = "The Institute's Board of Trustees met twice in 2020 and approved the work plan. " * 5
    later = _exchange(
        "Who heads the Thailand Institute of Justice?", long_answer + "Its Director is Kittipong Kittayarak."
    )
    assert standalone_question("when did he start?", later, analyze_query).startswith("when did Kittipong Kittayarak")


def test_the_programme_that_is_no_reference_back() -> None:
    question = "What is the name of the programme that trains prison staff?"
    assert standalone_question(question, HISTORY, analyze_query) == question


def test_a_person_s_institute_is_the_one_the_answer_named_for_them() -> None:
    history = _exchange(
        "Which director of an institute visited HEUNI in 2020?",
        "Jan Novak, Director of the Basel Institute on Governance.",
    )
    assert standalone_question("In which city is his institute?", history, analyze_query) == (
        "In which city is his institute? (Basel)"
    )
    # "He" alone is still the person: the question about him is carried along.
    assert standalone_question("What did he talk about?", history, analyze_query).endswith(
        "(Which director of an institute visited HEUNI in 2020; "
        "Jan Novak, Director of the Basel Institute on Governance.)"
    )
    # An answer naming two bodies says nothing of whose institute it is.
    both = [history[0], {"role": "assistant", "content": "The directors of UNAFEI and of TIJ."}]
    assert "(Which director" in standalone_question("In which city is her institute?", both, analyze_query)


def _exchange(question: str, answer: str) -> list[dict[str, str]]:
    """A history of one question and its answer."""
    return [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]


def test_the_answer_names_the_event_the_follow_up_points_at() -> None:
    webinars = _exchange(
        "Did UNAFEI keep in touch with its alumni online in 2020?",
        "Yes. It ran alumni webinars; the first one, on 30 September [1], looked at the treatment of offenders. "
        + "The second, on 19 November, discussed prosecution. " * 8,
    )
    standalone = standalone_question("Roughly how many practitioners joined that one?", webinars, analyze_query)
    # The answer's opening, without "Yes.", its citation marks or the list it goes on to.
    assert "the first one, on 30 September, looked at the treatment of offenders." in standalone
    assert "Yes" not in standalone and "[1]" not in standalone
    assert len(standalone) < len(webinars[1]["content"])
    # Its years are what it told, not a period asked about.
    forum = _exchange("What is the KICJ International Forum?", "Its largest annual event, held since 2014.")
    standalone = standalone_question("How was the 10th one broadcast?", forum, analyze_query)
    assert "2014" not in standalone and analyze_query(standalone).years == ()
    # A placeholder or a bare "Yes." names nothing: the previous question alone is carried.
    for said in ("(answer)", "Yes.", ""):
        placeholder = _exchange("Did UNAFEI hold an alumni webinar in 2020?", said)
        assert standalone_question("How many joined it?", placeholder, analyze_query) == (
            "How many joined it? (Did UNAFEI hold an alumni webinar in 2020)"
        )


def test_a_pronoun_for_the_one_person_the_answer_named_becomes_the_name() -> None:
    opened = _exchange(
        "Who opened the TIJ-UNAFEI workshop in Chiang Mai?",
        "The workshop was opened by Dr Phiraphan Wongsakul, Executive Director of TIJ. [1]",
    )
    asked = [
        ("how many women are in prison according to him?", "according to Phiraphan Wongsakul?"),
        ("What was his role there?", "What was Phiraphan Wongsakul's role there?"),
        ("Did UNAFEI thank her for it?", "Did UNAFEI thank Phiraphan Wongsakul for it?"),
        ("What was her message?", "What was Phiraphan Wongsakul's message?"),
    ]
    for question, named in asked:
        assert named in standalone_question(question, opened, analyze_query), question
    # An office is no one's name, nor is "Yes. He": neither answer names a person, and "he" stays.
    for answer in ("The Executive Director opened it. [1]", "Yes. He opened it on 5 September. [1]"):
        assert "did he say" in standalone_question(
            "what did he say?", _exchange(opened[0]["content"], answer), analyze_query
        )
    # Two people named: which one "he" is, is not known.
    two = _exchange(opened[0]["content"], "Dr Phiraphan Wongsakul and Mr Daisuke Arakawa. [1]")
    assert standalone_question("what did he say?", two, analyze_query).startswith("what did he say?")


@pytest.mark.xfail(
    strict=True,
    reason="open (issue 16): resolving the pronoun was built and measured, then withdrawn: the follow-up it "
    "resolves ('How long had Helen Marchetti worked there?') then finds her passage, but the sentence it was told "
    "('retired in March 2019 after 22 years of service') is dropped as said already, as 'how long' is no answer "
    "type whose span it holds, and a wrong sentence answers where it abstained before",
)
def test_of_the_names_an_answer_gives_the_person_is_the_one_with_a_title() -> None:
    # "Violent Crime", "Criminal Justice": capitalised, but no one's name; "Dr", "Ms" say who is a person.
    retired = _exchange(
        "Who retired from the AIC in March 2019?",
        "Dr Helen Marchetti, the AIC's Research Manager for Violent Crime, retired in March 2019. [1]",
    )
    assert "How long had Helen Marchetti worked there?" in standalone_question(
        "How long had she worked there?", retired, analyze_query
    )
    joined = _exchange(
        "Who joined ICCLR in February 2021?",
        "Ms Nadia Haddad joined as Program Manager for Criminal Justice and Technology. [1]",
    )
    assert "What did Nadia Haddad do before?" in standalone_question("What did she do before?", joined, analyze_query)
    # Two people with titles: which one "she" is, is not known.
    two = _exchange("Who spoke?", "Dr Helen Marchetti and Ms Nadia Haddad, of the Violent Crime program. [1]")
    assert standalone_question("what did she say?", two, analyze_query).startswith("what did she say?")
