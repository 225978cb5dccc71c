"""The holder of an office: which questions ask for one, and which sentences name one."""

from __future__ import annotations

import pytest

from api.roles import holders_first, names_holder, office_asked


@pytest.mark.parametrize(
    ("question", "office"),
    [
        ("Who is the director of UNICRI?", "director"),
        ("Who was the executive director of the Institute in 2019?", "director"),
        ("What is the name of the UN Special Rapporteur who spoke there?", "rapporteur"),
        ("¿Quién es la presidenta del instituto?", "presidenta"),
        ("Qui est le directeur de HEUNI ?", "directeur"),
        ("태국사법연구소(TIJ) 소장은 누구인가요?", "director"),  # a Korean title, by the reports' English one
        # An office asked by its verb: its stem, matched against titles and verbs ("chaired by", "dirigée par").
        ("Who heads the Thailand Institute of Justice?", "head"),
        ("Who chaired the UNICRI Board of Trustees in 2022?", "chair"),
        ("Qui dirige l'équipe du projet au CIPC ?", "dirig"),
        # A work's authors, by their noun or by the verb, in any language users ask in.
        ("Who are the authors of KICJ's annual report?", "authors"),
        ("who wrote the KICJ 2023 annual report?", "wrot"),
        ("¿Quién escribió el informe?", "escri"),
        ("Qui a écrit le rapport ?", "a ecr"),
        # A piece of writing is signed by its author: a blog post's, a foreword's, an editorial's.
        ("¿Quién firma la entrada del blog del instituto?", "firma"),
        ("Who signed the foreword of the annual report?", "sign"),
        ("Qui signe l'éditorial de la lettre d'information ?", "sign"),
        ("Qui a signé l'avant-propos du rapport ?", "a sig"),
        # Who led or coordinated a piece of work: a person, or a body ("ISS leads Enact").
        ("who led the follow the money east africa programme", "led"),
        ("Who leads the Enact project?", "lead"),
        ("Who coordinated the online training course?", "coord"),
        ("¿Quién coordinó el equipo?", "coord"),
        # Not an office: a guest, a partner, a person named by the question, another verb.
        ("Who was the guest at the first expert group meeting?", None),
        ("Who is the partner of ICPC in Montreal?", None),
        ("Who is Liv Tørres?", None),
        ("소장은 어디에 있나요?", None),  # a title, but no "who"
        ("Who organised the workshop in Chiang Mai?", None),
        # Signing an agreement is no authorship: its parties are asked for.
        ("Who signed the memorandum of understanding with KICJ in 2021?", None),
        ("¿Quién firmó el convenio con el ILANUD?", None),
        ("Qui a signé l'accord de siège ?", None),
    ],
)
def test_the_office_a_question_asks_about(question: str, office: str | None) -> None:
    assert office_asked(question) == office


def test_a_sentence_names_a_holder_when_the_title_stands_beside_a_name() -> None:
    assert names_holder("and Director Taro Morinaga of the Institute visited", "director")
    assert names_holder("talks by Kittipong Kittayarak, Director of the Thailand Institute of Justice.", "director")
    assert names_holder("Liv Tørres, director of the Pathfinders, was invited", "directeur")  # across languages
    assert names_holder("The session was chaired by Jane Doe.", "chair")
    assert names_holder("The Board was chaired by Mr. Jorge Altamirano Ruiz (Mexico) thereafter.", "chair")
    assert names_holder("a board of seven members, chaired in 2020 by Professor Lars Emil Kvist of", "chair")
    assert names_holder("the Council, chaired this year by Ms Gwen Tarrant APM, for their guidance", "chair")
    # An institute's head is its director, chief or president.
    assert names_holder("talks by Kittipong Kittayarak, Director of the Thailand Institute of Justice.", "head")
    assert names_holder("l'équipe du projet, dirigée par Mme Aminata Diallo-Lefebvre, chargée de", "dirig")
    assert names_holder("Jane Doe (Secretary) opened it.", "secrétaire")
    # The office of a body, then the name after a comma.
    assert names_holder("la directora del ILANUD, Dra. Marcela Quesada Villalobos, señaló que", "director")
    assert names_holder("The Director of UNICRI, Antonia Marie De Meo, opened the session.", "director")
    # Led or coordinated by a person, or the person who did.
    assert names_holder("said Dr Miriam Odhiambo, who led the programme for the Basel Institute", "led")
    assert names_holder("The course was coordinated by Professor Akiko Murai, with visiting experts", "coord")
    assert names_holder("un equipo de cinco especialistas coordinado por el Lic. Andrés Jiménez Murillo", "coord")
    assert not names_holder("The Institute led the programme in Kenya and Uganda.", "led")


def test_an_office_asked_by_its_verb_is_named_in_a_reply() -> None:
    from api.roles import office_label

    assert office_label("dirig") == "director" and office_label("director") == "director"
    assert office_label("directeur") == "director"  # the reply is in English
    assert {office_label(o) for o in ("authors", "wrot", "escri", "a ecr", "firma", "sign", "a sig")} == {"author"}
    assert office_label("led") == "leader" and office_label("coord") == "coordinator"


def test_a_credit_line_or_a_byline_names_a_work_s_authors() -> None:
    assert names_holder("Authors: Jisun Choi, Joowon Na, Jeongmin, SONG, Jaeyeon Yun", "authors")
    assert names_holder("Authors: Jisun Choi, Joowon Na", "wrot")  # "who wrote ...?" asks for the same
    assert names_holder("The study was written by Jane Doe and John Roe.", "wrot")
    assert names_holder("Autores: María Pérez y Juan Gómez", "escri")
    assert names_holder("Author: Sofía Arancibia Lindgren", "firma")  # "¿Quién firma la entrada?"
    assert names_holder("Author: Sofía Arancibia Lindgren", "sign")
    # A body that wrote something names no person; a title and no name is no credit.
    assert not names_holder("The Institute wrote a report on Kenya Police reform.", "wrot")
    assert not names_holder("Authorship of the study was shared with the academy.", "authors")


def test_a_title_or_a_name_alone_is_no_holder() -> None:
    # A title with no name, a body's name beside a title, another office, no title at all.
    assert not names_holder("The dialogue was attended by the United Nations Special Rapporteur on truth", "rapporteur")
    assert not names_holder("With the Human Rights and Peacebuilding Institute, the director spoke", "director")
    assert not names_holder("Kittipong Kittayarak, Director of the Thailand Institute of Justice", "president")
    assert not names_holder("The European Institute for Crime Prevention and Control, based in Helsinki", "director")
    assert not names_holder("The director of the programme, which the European Union funds, spoke", "director")
    # A compound office is another office: a Director-General is no director asked for, nor a Secretary-General a
    # secretary; the field labelled with the office names its holder.
    assert not names_holder("Mr Saleh Al-Dossary, Director-General, Saudi Arabia Financial Unit", "director")
    assert not names_holder("Director-General Saleh Al-Dossary opened it.", "director")
    assert names_holder("Workshop director: Dr Huda Al-Shammari, Associate Professor", "director")


def test_a_holder_of_the_office_of_what_is_asked_comes_first() -> None:
    # "the director of the workshop": the field labelled so, before the director of something else named nearer
    # the top ("Director of the Laboratory").
    question = "Who was the director of the Riyadh workshop on financial investigations?"
    texts = [
        "Visit to the forensic sciences laboratory: Dr Sami Al-Mutairi, Director of the Laboratory.",
        "Workshop director: Dr Huda Al-Shammari, Associate Professor",
        "The workshop adopted ten recommendations.",
    ]
    assert holders_first("director", [0, 2, 1], texts, 5, lambda i: False, question) == [1, 0, 2]
    # Counter-example: a director of what the question does not say keeps its place.
    plain = ["Dr Sami Al-Mutairi, Director of the Laboratory.", "Dr Huda Al-Shammari, Director of Studies."]
    assert holders_first("director", [0, 1], plain, 5, lambda i: False, "Who is the director?") == [0, 1]
