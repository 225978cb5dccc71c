"""Answer types from a question's grammar (in the readers' languages), and the spans that can answer them."""

from __future__ import annotations

import pytest

from api.attribution import attributed
from api.spans import count_spans, holds_type, place_of
from api.understanding import answer_type, asked_attribute, asks_particular
from ingest.types import Chunk


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many officers attended the workshop?", "number"),
        ("¿Cuántos policías participaron?", "number"),
        ("Combien de participants ?", "number"),
        ("워크숍에는 몇 명 참석했나요?", "number"),
        ("2020년 석사·박사 졸업생 수", "number"),
        ("세미나 참가자 수는?", "number"),
        # A ratio, though of a sum: a figure ("67,8 %").
        ("What percentage of the Siracusa Institute's budget came from the EU?", "number"),
        ("¿Qué porcentaje del presupuesto aportó la AECID?", "number"),
        ("Quelle part du budget venait de l'Union européenne ?", "number"),
        ("UNAFEI는 무엇을 할 수 있나요?", "other"),
        # A figure asked by its noun ("what's the updated figure", "what was the total"), not a figure of speech.
        ("and what's the updated figure at 2022 prices?", "number"),
        ("What was the total for Kenya?", "number"),
        ("Who was the key figure behind the reform?", "agent"),
        ("How much did the Basel Institute spend on LEARN?", "amount"),
        ("What was the annual budget of TIJ?", "amount"),
        ("How much money did the Institute raise?", "amount"),
        ("how much EU money went into that one?", "amount"),  # words between "how much" and the money
        ("How much public funding did the project get?", "amount"),
        ("What was the total expenditure of the Institute in 2019?", "amount"),
        ("¿Cuáles fueron los ingresos del Instituto?", "amount"),
        ("¿Cuánto costó el seminario?", "amount"),  # what it cost, said by the verb
        ("Combien a coûté la formation ?", "amount"),
        # "cuánto" before a verb in the past is "how much did ...": a sum; "¿Cuánto duró?" asks a time.
        ("¿Cuánto aportó la AECID al ciclo?", "amount"),
        ("¿Cuánto se invirtió en el programa?", "amount"),
        ("¿Cuánto duró el ciclo de capacitación?", "other"),
        ("¿Cuántos jueces participaron?", "number"),
        # "how much" before another noun asks for a degree, not a sum of money.
        ("How much progress did the project make on prison reform?", "other"),
        # "how big/large" asks a sum when what it sizes is money; a fund named is not a sum asked.
        ("How large was the EU grant?", "amount"),
        ("How big is the Institute's endowment fund?", "amount"),
        ("How big a contribution did Japan make?", "amount"),
        ("How big was the conference?", "other"),
        ("Which fund paid for the study?", "other"),
        # A word of money names what the question is about; its question word says what it asks for.
        ("Who did the AIC write its cost of crime estimate with?", "agent"),
        ("Who paid the costs of the seminar?", "agent"),
        ("When was the 2021 budget approved?", "date"),
        ("Where is the budget of the Dakar office decided?", "place"),
        ("Which organisation covered the cost of the course?", "organisation"),
        ("¿Quién pagó los gastos del taller?", "agent"),
        ("누가 비용을 부담했나요?", "agent"),
        ("What was the cost of the seminar?", "amount"),
        ("세미나 비용은 얼마였나요?", "amount"),
        # "얼마" is "how much" of anything: of an area or a number it asks a figure, not a sum.
        ("엄마와 아기 전용 공간의 면적은 얼마인가요?", "number"),
        ("플랫폼 이용자 수는 얼마나 돼?", "number"),
        ("예산은 얼마였어?", "amount"),
        ("When was NAUSS established?", "date"),
        ("In what year did KICJ join the network?", "date"),
        ("¿En qué año se fundó?", "date"),
        ("On which exact day did the webinar take place?", "date"),  # a word between "which" and "day"
        ("In what calendar year did the journal start?", "date"),
        ("What were the dates of the second ASEAN conference?", "date"),  # the date noun after "were the"
        ("What was the theme of the forum in 2020?", "other"),
        ("Which city is UNAFEI in?", "place"),
        ("Where is ICCLR based?", "place"),
        ("¿Dónde tiene su sede el HEUNI?", "place"),
        ("Où se trouve le siège de HEUNI ?", "place"),
        ("UNAFEI 본부는 어느 도시에 있나요?", "place"),
        ("Which institute trained corrections officers from the Manila City Jail?", "organisation"),
        ("What UN agency works with ILANUD in El Salvador?", "organisation"),
        ("Quel institut a lancé un laboratoire ?", "organisation"),
        ("마닐라 교정 공무원들을 교육한 기관은 어디인가요?", "organisation"),
        ("Who is the director of TIJ?", "agent"),
        ("¿Quién dirige el instituto?", "agent"),
        ("What does the Basel Open Intelligence tool do?", "other"),
        ("How did UNAFRI keep working during the pandemic?", "other"),
    ],
)
def test_answer_type_from_grammar(question: str, kind: str) -> None:
    assert answer_type(question) == kind


def test_spans_and_their_look_alikes() -> None:
    assert holds_type("at which 40 corrections officers discussed", "number")
    assert holds_type("visited a total of five times", "number")
    # Counter-examples: a year is not a count, and a digit inside a name is not a number.
    assert not holds_type("The event was held in 2020.", "number")
    assert not holds_type("support 2SLGBTQIA+ persons", "number")
    # Days of a month count nothing, alone or as a range, either way round; a count beside them still counts.
    assert not holds_type("held on 27 and 28 February 2020.", "number")
    assert not holds_type("On 2-3 December and on March 4, the Institute met", "number")
    assert holds_type("On 30 July, 71 officers met", "number")
    assert holds_type("a grant of US$ 2.5 million", "amount") and holds_type("300,000 euros", "amount")
    assert not holds_type("the LEARN platform offers 12 courses", "amount")
    # A web or mail address's digits are no count nor date; a count beside one still counts.
    address = "Available at www.example.org/uploads/2020/11/report-2.pdf or from office12@example.org."
    assert not holds_type(address, "number") and not holds_type(address, "date")
    text = "See https://example.org/a/12 for the 31 participants."
    assert [text[start:end] for start, end in count_spans(text)] == ["31"]
    # An ordinal written out counts nothing ("the thirty-second session"); a number with a hyphen still counts.
    assert not holds_type("at the thirty-second session of the Commission", "number")
    assert holds_type("thirty-two delegates and twenty-one observers", "number")
    assert holds_type("On 2 September, the Institute", "date") and holds_type("established in 1978", "date")
    assert not holds_type("the Institute published a study", "date")
    assert holds_type("the meeting was held in Addis Ababa", "place")
    assert not holds_type("the meeting was held online", "place")
    assert holds_type("anything at all", "other")


def test_a_place_said_of_the_subject() -> None:
    text = "During 2020, the Institute for Crime Prevention, based in Tokyo, carried out the following activities:"
    assert place_of(text, ["Institute for Crime Prevention"])
    assert not place_of(
        "Training held in Bangkok, with the Institute for Crime Prevention.", ["Institute for Crime Prevention"]
    )
    # A participle of place opening the sentence is said of its subject, named or not.
    assert place_of("Located in Riyadh, it is a unique educational institution.", [])
    assert place_of("Based in Montreal, the Centre works with cities.", [])
    assert not place_of("Trained in Kenya, officers returned to their posts.", [])
    assert not place_of("Established in 1978, the University grew.", [])
    # In brackets after the name: a place alone ("(Vancouver, Canada)"), not an issue number ("(No. 161)").
    assert place_of("the Centre for Law Reform (Vancouver, Canada) trained judges", ["Centre for Law Reform"])
    assert not place_of("including the UNAFEI Newsletter (No. 161), the Resource Material Series", ["UNAFEI"])


def _chunk(org: str | None) -> Chunk:
    return Chunk(chunk_id="c", doc_id="d", title="t", text="", start=0, end=0, org=org)


def test_quotes_name_who_acted_once_per_run() -> None:
    text = attributed(
        [
            ("Together with the Institute, 40 officers were trained. [1]", _chunk("UNAFEI")),
            ("The Institute also held a seminar. [1]", _chunk("UNAFEI")),
            ("HEUNI published a handbook. [2]", _chunk("HEUNI")),
            ("The report was prepared in 2020. [3]", _chunk(None)),
        ]
    )
    lines = text.splitlines()
    assert lines[0].startswith("UNAFEI (") and lines[0].endswith(":")
    assert (
        lines[1] == "Together with the Institute, 40 officers were trained. [1] The Institute also held a seminar. [1]"
    )
    # A quote that names its organisation, or that has none, needs no header.
    assert text.count("HEUNI (") == 0 and "UNAFEI (" not in lines[-1]
    # A name running on into another proper name names something else: the actor is still said.
    index = attributed([("The ninth Basel Anti-Money-laundering Index was released. [1]", _chunk("Basel"))])
    assert index.startswith("Basel (")


def test_names_and_figures_of_a_question_must_be_in_the_evidence() -> None:
    from api.names import specific_terms, supported

    question = "What did the Raoul Wallenberg Institute do in Viet Nam in 2020?"
    org = question.index("Raoul"), question.index(" do")
    assert specific_terms(question, [org]) == ["Viet", "Nam"]  # the institute and the year are resolved elsewhere
    assert not supported(["Viet", "Nam"], "The Institute trained judges in Kenya in 2020.")
    # A figure must match exactly, in either spelling of an ordinal; names tolerate stems and slips.
    assert not supported(["16th", "Congress"], "the Fourteenth United Nations Congress")
    assert supported(["14th", "Congress"], "the Fourteenth United Nations Congress")
    assert supported(["Turkish"], "with Özyeğin University in Turkey")
    assert supported(["Helsinky"], "based in Helsinki")
    # Half of the names suffice: a question may say "British" where the report says "United Kingdom".
    assert supported(["British", "Boko", "Haram"], "areas affected by Boko Haram, for the United Kingdom")
    # An ordinal word singles out one occurrence as a figure does; an ordinal part of a period does not.
    eighth = "What was the theme of the eighth International Forum?"
    assert "eighth" in specific_terms(eighth)
    assert not supported(["eighth", "International", "Forum"], "the seventh International Forum on cybercrime")
    assert "second" not in specific_terms("What did ICCLR do in the second half of 2020?")
    # In Korean an ordinal and a count are written onto their words: "제21회" (the 21st), "42명" (42 people).
    korean = "제21회 국제학술회의에는 42명이 참석했나요?"
    assert specific_terms(korean) == ["제21회", "42"]
    assert supported(["제21회"], "the 21st International Conference") and supported(["21st"], "제21회 국제학술회의를")
    assert not supported(["제21회"], "held from 13 to 21 December")
    assert specific_terms("2023년 11월 연례회의에서") == []  # a year, a month: dates, not figures
    # Lower-case keyword questions, and names at the start of a question, are read too.
    assert specific_terms("RE-JUST project approach") == ["RE-JUST"]
    assert specific_terms("Give me a rundown of the work") == []


def test_bodies_a_question_names_and_the_words_that_set_them_apart() -> None:
    from api.names import named_bodies

    assert named_bodies("What did the Max Planck Institute for the Study of Crime, Security and Law do in 2020?") == [
        ("Max Planck Institute for the Study of Crime, Security and Law", ["Max", "Planck"])
    ]
    assert named_bodies("How many officers from Cambodia's Ministry of Interior attended?") == [
        ("Cambodia's Ministry of Interior", ["Cambodia"])
    ]
    # A known institute's span is left to the organisation table; "What Institute" names no body.
    question = "When did the Korean Institute of Criminology sign an MOU with Griffith University?"
    known = question.index("Korean"), question.index(" sign")
    assert named_bodies(question, [known]) == [("Griffith University", ["Griffith"])]
    assert named_bodies("What Institute ran the FLOW project?") == []
    # Networks, services, boards, funds and programmes are bodies too; a lower-case noun names none.
    assert named_bodies("Who chaired the European Crime Prevention Network in 2019?") == [
        ("European Crime Prevention Network", ["European", "Crime", "Prevention"])
    ]
    assert named_bodies("How much did the Norwegian Correctional Service spend?") == [
        ("Norwegian Correctional Service", ["Norwegian", "Correctional"])
    ]
    assert named_bodies("Which institute coordinated the PNI network?") == []
    assert named_bodies("which institute ran the flow project") == []
    # A body named by what it is of: the words after its "of" set it apart.
    assert named_bodies("What did the Institute of Criminology at the University of Cambridge do?") == [
        ("Institute of Criminology", ["Criminology"]),
        ("University of Cambridge", ["Cambridge"]),
    ]
    assert named_bodies("what did the ministry of justice do") == []  # not written as a name


def test_an_acronym_is_found_spelled_out_as_initials() -> None:
    from api.names import initials_in

    assert initials_in("US", "the Department of Justice of the United States of America")
    assert initials_in("UAE", "follow-up measures in the United Arab Emirates in 2026")
    assert not initials_in("UAE", "the United Nations in Vienna")
    assert not initials_in("Max", "the Maximum Security Unit")  # a word, not an acronym
    # Small joining words between capitalised initials are skipped, whichever they are.
    assert initials_in("DUMA", "The Drug Use Monitoring in Australia program was suspended")
    assert initials_in("CCPCJ", "the Commission on Crime Prevention and Criminal Justice")
    assert not initials_in("USA", "the States of America")  # a joining word never opens the spelling
    # A common-noun phrase in lower case, where the small words count as letters.
    assert initials_in("MOU", "renewed its memorandum of understanding with TIJ")
    assert initials_in("MoU", "a memorandum of understanding")
    assert not initials_in("ABC", "about big cats")  # chance initials of short words
    assert initials_in("MOU", "Memorandum of understanding signed")  # opening a sentence
    assert not initials_in("MOU", "the memorandum of Understanding")  # neither capitalised nor in lower case


def test_an_acronym_may_take_more_than_a_letter_of_a_word() -> None:
    from api.names import initials_in

    # "KOICA": KOrea International Cooperation Agency; "UNAFRI": United Nations AFRican Institute.
    assert initials_in("KOICA", "under the Korea International Cooperation Agency programme, with a budget")
    assert initials_in("UNAFRI", "the United Nations African Institute for the Prevention of Crime")
    # Counter-examples: the letters a word gives are its first ones, and a word's own letters spell no acronym.
    assert not initials_in("KOICA", "the Kenya Institute of Criminology Association")
    assert not initials_in("KOICA", "Koica Agency")
    assert not initials_in("UNAFRI", "Unafri Institute")


def test_an_acronym_is_found_in_the_order_of_another_language() -> None:
    from api.names import initials_in

    # French and Spanish put the adjective after the noun: the EU is "l'Union européenne", the UN "las Naciones
    # Unidas", the initials of the same words in the other order.
    assert initials_in("EU", "L'Union européenne a apporté 1 850 000 euros (67,8 % du total)")
    assert initials_in("UN", "el informe de las Naciones Unidas sobre las cárceles de mujeres")
    # Counter-examples: in English the order is the acronym's; two words with the right initials in no order.
    assert not initials_in("EU", "the Upper East Side office of the Institute opened in 2021")
    assert not initials_in("EU", "L'Université a formé 96 magistrats en 2021 et leurs équipes")
    assert not initials_in("EU", "Le rapport de l'Union et de ses partenaires a été publié en 2021")


def test_a_document_symbol_is_one_specific_term() -> None:
    from api.names import specific_terms

    assert specific_terms("What is document E/CN.15/2020/9 about?") == ["E/CN.15/2020/9"]
    assert "A/RES/75/1" in specific_terms("Which resolution, A/RES/75/1 or another, did it cite?")


def test_a_month_is_found_in_any_spelling() -> None:
    from api.names import found_in

    assert found_in("Jan-Mar", "Numbers at a glance (January–March 2021)")
    assert found_in("January", "signed in Jan. 2021") and found_in("Sept", "on 12 September")
    assert not found_in("May", "results may vary") and not found_in("March", "they march on")
    assert not found_in("June", "in July 2021")


def test_a_month_is_found_in_the_languages_reports_are_written_in() -> None:
    from api.names import found_in

    assert found_in("January", "캐나다 국제형법개혁·형사사법정책센터(ICCLR, 1월)")  # a Korean page
    assert found_in("February", "le 3 février 2021") and found_in("September", "el 6 de septiembre")
    assert not found_in("January", "2021년 11월") and not found_in("March", "la mar")


def test_a_country_is_found_by_its_name_in_the_language_of_the_page() -> None:
    from api.names import found_in

    # An English question's country or nationality, on a French or Spanish page (CLDR's names).
    maroc = "Le programme a été mis en œuvre à Casablanca, Fès et Tanger au Maroc."
    assert found_in("Moroccan", maroc) and found_in("Morocco", maroc)
    assert found_in("Spain", "La iniciativa contó con el apoyo de España y de Costa Rica.")
    # Counter-examples: another country, or a city of it, is not the country.
    assert not found_in("Moroccan", "Tunis, Sfax et Sousse en Tunisie") and not found_in("Moroccan", "Casablanca")


def test_several_answers_are_asked_for_by_a_plural() -> None:
    from api.understanding import asks_many

    assert asks_many("In which months did KICJ publish its newsletter?")
    assert asks_many("Which two institutes coordinated the network?")
    assert not asks_many("Which city is HEUNI in?")
    assert not asks_many("What is its address?") and not asks_many("What was the focus?")
    # In Korean: a plural noun or a count of things after the question word.
    assert asks_many("KIC는 2020년에 어떤 행사들을 주최했나요?") and asks_many("NIJ는 어떤 세 분야에 투자하나요?")
    assert asks_many("포럼에서 다룬 5대 분야가 뭐였어?")
    assert not asks_many("UNAFEI는 어느 도시에 있나요?") and not asks_many("어떤 기관이 워크숍을 열었나요?")


def test_organisation_names_with_a_typing_slip() -> None:
    from ingest.orgs import fuzzy_orgs

    assert fuzzy_orgs("UNAFIE resource material series") == ["UNAFEI"]
    assert fuzzy_orgs("Which plan did the Austrailian Institute of Criminology review?") == ["AIC"]
    assert fuzzy_orgs("Who did the Insitute for Security Studies partner with?") == ["ISS"]
    # Counter-examples: a common word one slip from a one-word name, and plain questions, name nobody.
    assert fuzzy_orgs("In which city is it based?") == []
    assert fuzzy_orgs("Which institute trained prison staff?") == []


def test_what_is_not_a_count() -> None:
    # A paragraph's own number, an item letter, a day of a month and an ordinal are no answer to "how many".
    assert not holds_type("24. The Institute is an independent organization.", "number")
    assert not holds_type("(e) The Institute held a seminar.", "number")
    assert not holds_type("On 30 July, the Institute held an online workshop.", "number")
    assert not holds_type("celebrating its 10th anniversary", "number")
    assert holds_type("generating approximately 198,666 views", "number")
    assert not holds_type("the first face-to-face meeting held since COVID-19", "number")  # part of a name
    assert holds_type("a budget of 19 posts", "number")
    # "몇 번째" asks which one (an ordinal); "몇 번" how many times.
    assert answer_type("국제포럼은 몇 번째 포럼이었나요?") == "other"
    assert answer_type("몇 번 방문했나요?") == "number"


def test_a_question_that_singles_out_one_occurrence() -> None:
    from api.names import names_one

    assert names_one("Comment le 10e forum international du KICJ a-t-il été diffusé ?")
    assert names_one("What did the seventh meeting decide?") and names_one("What are the three major areas?")
    assert not names_one("What did HEUNI do in 2020?")


def test_the_words_naming_a_place_or_date_asked_for() -> None:
    from api.understanding import type_words

    assert type_words("Which city is HEUNI in?") == ["city"]
    assert type_words("In what year was the first forum held?") == ["year"]
    assert type_words("¿En qué ciudad está HEUNI?") == ["ciudad"]
    # Counter-examples: organisations are named with their noun ("Illinois State University"); "what did".
    assert type_words("Which universities hosted the meetings?") == []
    assert type_words("What did the city of Montreal create?") == []


def test_ordinals_in_any_of_the_readers_languages_stand_for_their_number() -> None:
    from api.names import found_in, ordinal_value

    assert [ordinal_value(w) for w in ("16th", "sixteenth", "septième", "Séptima", "14.º", "7e")] == [
        16,
        16,
        7,
        7,
        14,
        7,
    ]
    assert ordinal_value("2020") is None and ordinal_value("seven") is None
    # An ordinal of a French or Spanish question is found in the English passage by its number.
    assert found_in("septième", "the seventh extraordinary meeting") and not found_in("sexta", "the seventh meeting")


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("with funding of SEK 4.8 million from Sida", True),
        ("por un monto de 148.000 euros", True),
        ("1,2 million de francs CFA", True),
        ("25 millions de FCFA", True),
        ("총 12억 4,000만 원", True),
        ("a grant of ₹ 40 lakh", True),
        ("THB 2.4 million", True),
        ("un financiamiento de 9,8 millones de coronas suecas", True),
        ("45.000 quetzales", True),
        # Counter-examples: capitals that are a word or an acronym, figures of no currency.
        ("all 44 staff of the Institute", False),
        ("ISS 2021 annual report", False),
        ("2,300 détenus", False),
        ("2021년 연구원", False),
        ("45 bolivianos detenidos en Chile", False),
        ("las coronas de 1953", False),
    ],
)
def test_a_sum_is_a_figure_in_any_currency(text: str, holds: bool) -> None:
    assert holds_type(text, "amount") is holds


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("ouvrir une antenne à Bamako en 2022", True),
        ("los talleres presenciales en Limón y Panamá", True),
        ("based in Helsinki", True),
        ("the judicial branch of the country", False),
        ("in 2020 the Institute", False),
        # At the start of a sentence as well.
        ("In El Salvador, in partnership with UNDP, the Institute is supporting", True),
        ("In December, the Institute", False),
        # A name its own noun calls a place; a month, a language, a bare acronym or a quoted title is none.
        ("created in partnership with the City of Montreal", True),
        ("the Government of the Republic of Korea", True),
        ("conferences held in the UAE", True),
        ("held in December", False),
        ("summaries published in English", False),
        ("papers published in IJCJ", False),
        ("the theme “Responses to Combat Organized Crime”", False),
        # A field of a record whose label is a noun of place: the value is the place.
        ("Place: Fondazione CNPDS, Piazza Castello 3, Milan, Italy, and online", True),
        ("Lugar: Asunción (Paraguay)", True),
        ("Placement: 45 officers", False),
        ("Date: Friday, 25 November 2022", False),
    ],
)
def test_a_place_follows_a_preposition_of_place_in_english_french_or_spanish(text: str, holds: bool) -> None:
    assert holds_type(text, "place") is holds


def test_a_body_name_runs_on_through_and_the() -> None:
    from api.names import named_bodies

    assert named_bodies("What did the International Institute for Justice and the Rule of Law do?") == [
        ("International Institute for Justice and the Rule of Law", ["International"])
    ]


def test_the_kind_of_organisation_asked_for_and_the_sentences_that_name_one() -> None:
    from api.spans import names_organisation_of
    from api.understanding import organisation_noun

    assert organisation_noun("Which institute compiled the report?") == "institute"
    assert organisation_noun("Which network institute is the NIJ working with?") == "institute"
    assert organisation_noun("Which Canadian centre did KIC sign an MOU with?") == "centre"
    assert organisation_noun("¿Qué universidad organizó el taller?") == "universidad"
    # Not a kind whose names say it, and not a noun inside a name the question gives.
    assert organisation_noun("Which organisation does ILANUD work with?") is None
    assert organisation_noun("Which Basel Institute tool runs one-click searches?") is None
    assert organisation_noun("When was HEUNI founded?") is None
    prepared = "The present report has been prepared by the European Institute for Crime Prevention and Control."
    assert names_organisation_of(prepared, "institute")
    assert names_organisation_of("An MOU was signed with Illinois State University.", "university")
    # A capitalised body of another kind does not name an institute.
    assert not names_organisation_of("One of the functions of the Commission on Crime Prevention is ...", "institute")
    assert not names_organisation_of("The institute met in Vienna.", "institute")  # no name


def test_a_day_asked_for_is_a_day_of_a_month_in_any_language() -> None:
    from api.spans import holds_day
    from api.understanding import asks_day

    assert asks_day("On what date did ILANUD hold its workshop?") and asks_day("¿Qué día se celebró?")
    assert asks_day("À quelle date s'est tenue la réunion ?") and asks_day("회의는 며칠에 열렸나요?")
    assert not asks_day("When did ILANUD hold its workshop?") and not asks_day("In what year was it founded?")
    assert holds_day("held on 30 July 2020") and holds_day("on July 30") and holds_day("le 18 février 2020")
    assert holds_day("el 30 de julio") and holds_day("2021년 10월 27일부터")
    assert not holds_day("in January 2020") and not holds_day("in 2020, 18 experts")


def test_initials_in_parentheses_are_specific_in_any_language() -> None:
    from api.names import specific_terms

    assert specific_terms("2023년에 전문가회의(EGM)는 총 몇 차례 개최되었나요?") == ["EGM"]
    assert "Tasks" in specific_terms('What was the "Tasks in criminal policy" conference about?')


def test_a_question_word_after_a_preposition_still_asks_for_a_particular_thing() -> None:
    assert asks_particular("With which university did ILANUD run the workshop?")
    assert asks_particular("¿Con qué universidad organizó el taller?")
    assert asks_particular("Dans quelle ville se trouve le siège ?")
    assert not asks_particular("What did HEUNI do in 2020?")
    assert not asks_particular("¿Qué hizo el ILANUD en 2020?")


def test_the_attribute_asked_of_a_thing() -> None:
    assert asked_attribute("What is the impact factor of the journal?") == "impact factor"
    assert asked_attribute("what was the annual value of the premises") == "annual value"
    # A capitalised word begins the thing's own name, not an attribute of it.
    assert asked_attribute("What is the Mechanism for Combating Illicit Trade finalizing?") == ""
    assert asked_attribute("What did HEUNI do in 2020?") == ""


def test_a_carried_question_with_parentheses_of_its_own_is_context() -> None:
    from api.understanding import context_of, without_context

    question = "when did they publish it? (Who wrote the KICJ annual report (XIX))"
    assert without_context(question) == "when did they publish it?"
    assert context_of(question) == "Who wrote the KICJ annual report (XIX)"
    assert answer_type(question) == "date"  # not "who", the carried question's


def test_a_name_set_beside_a_noun_of_place_is_a_place() -> None:
    assert holds_type("The conference venue, the Finlandia Hall, had six meeting rooms.", "place")
    assert not holds_type("The venue was large and the rooms were bright.", "place")


def test_a_small_number_is_found_in_words_too() -> None:
    from api.names import found_in

    assert found_in("3", "a meeting of three countries") and found_in("5", "the five major fields of crime")
    assert not found_in("3", "33 countries took part") and not found_in("5", "four fields")
    assert found_in("42", "42 participants") and not found_in("42", "forty-two participants")  # as written only


def test_a_nationality_is_found_as_its_country() -> None:
    from api.names import found_in

    assert found_in("Finnish", "with HEUNI in the Finland") and found_in("Japanese", "the Government of Japan")
    assert found_in("Dutch", "the Netherlands police") and not found_in("Malian", "normalisation of data")
    assert not found_in("Finnish", "the Swedish prison service")


def test_the_nationality_of_the_organisation_asked_for() -> None:
    from api.understanding import nationality_asked

    assert nationality_asked("Which Finnish institute held expert group meetings with KICJ?") == "Finnish"
    assert nationality_asked("which japanese university hosted the course?") == "japanese"
    # Not one that qualifies something else, nor an institute's own name.
    assert nationality_asked("Which institute trained Kenyan police officers?") is None
    assert nationality_asked("What did the Korean Institute of Criminology do?") is None


def test_the_sum_asked_is_named_by_its_noun() -> None:
    from api.understanding import sums_asked

    assert sums_asked("What was UNICRI's total expenditure in 2021?") == ["expenditure"]
    assert sums_asked("¿Cuál fue el presupuesto del ILANUD?") == ["presupuesto"]
    assert sums_asked("How much did Japan contribute? (What was the budget)") == []  # the context's is not asked


def test_a_length_of_time_before_the_period_it_measures_is_no_name_to_find() -> None:
    from api.names import specific_terms

    assert specific_terms("What was the expenditure over the 18 months from January 2021 to June 2022?") == []
    assert specific_terms("What did it spend in the two years of 2018–2019?") == []
    # A length of time that is the thing's own stays: "the five-day workshop", "the 18 months ended in 2020".
    assert specific_terms("How many of the 18 months ended in 2020 were spent remotely?") == ["18"]


def test_a_korean_name_is_a_person_by_the_title_beside_it() -> None:
    # Korean names have no capitals: a person is named with a title after or before the name (closed classes).
    assert holds_type("기조강연은 이화여자대학교 법학전문대학원 최은정 교수가 맡았다.", "agent")
    assert holds_type("한국형사·법무정책연구원(KICJ, 원장 윤재현)은 워크숍을 열었다.", "agent")
    assert holds_type("김태윤 박사는 결과를 발표하였다.", "agent")
    # Counter-examples: a title without a name, the end of a longer word, a body's name.
    assert not holds_type("교수들이 참석하였다.", "agent")
    assert not holds_type("법학전문대학원 교수와 학생이 참석하였다.", "agent")
    assert not holds_type("한국형사·법무정책연구원은 워크숍을 열었다.", "agent")


def test_a_country_asked_of_in_any_language_must_be_named_by_the_passage() -> None:
    """A country or region a question names picks out what it asks about in every language, as in English: a
    French question on Mauritania is not answered by a passage on Tunisia and Morocco, whether the passage is
    in French or English; one naming Mauritania in any language speaks of it."""
    from api.names import asked_specifics, supported

    maghreb = (
        "Dans les six juridictions pilotes (Tunis, Sfax et Sousse en Tunisie ; Casablanca, Fès et Tanger au Maroc), "
        "la part des mineurs placés en détention provisoire est passée de 38 % à 24 %."
    )
    asked = {
        "fr": "Quel était le taux de détention provisoire des mineurs en Mauritanie en 2022 ?",
        "es": "¿Cuál era la tasa de detención provisional de menores en Mauritania en 2022?",
        "ko": "2022년 모리타니의 소년 미결구금 비율은 얼마였나요?",
    }
    for language, question in asked.items():
        specifics = asked_specifics(question, language, [maghreb], lambda _: False)
        assert not supported(specifics, maghreb), language
        assert supported(specifics, "In Mauritania, 12 per cent of children prosecuted were held on remand."), language
        assert supported(specifics, "En Mauritanie, 12 % des mineurs poursuivis étaient en détention."), language
    # Other names keep today's rule: a name spelled in the question's language counts where its passages have it.
    assert asked_specifics("¿Qué hizo el Poder Judicial en 2021?", "es", ["The judiciary met."], lambda _: False) == []


def test_a_place_in_korean_is_a_proper_noun_taking_a_particle_of_place() -> None:
    # Korean writes no capitals: a place is a proper noun with "에서" or "에" after it (its grammar, not a list).
    assert holds_type("2023년 6월 13일부터 15일까지 서울에서 국제 워크숍을 개최하였다.", "place")
    assert holds_type("제15차 유엔범죄총회는 2026년 아랍에미리트에서 열린다.", "place")
    assert holds_type("참가자들은 충북 진천에 있는 법무연수원을 방문하였다.", "place")
    # A body is no place, though its name begins with a country's ("한국형사·법무정책연구원에서 발간한").
    assert not holds_type("한국형사·법무정책연구원에서 발간한 보고서이다.", "place")
    assert not holds_type("UNAFEI에서 연수를 받았다.", "place")
    assert not holds_type("김철수 교수에게 감사를 표하였다.", "place")
    assert not holds_type("2023년 6월에 워크숍을 개최하였다.", "place")
