"""Counts: a number answers "how many X" only when it counts X (or something that means the same)."""

from __future__ import annotations

import pytest

from api.counts import _counted_words, asked_count, asked_in, count_pattern, counts_asked, part_asked, partitive


def test_what_how_many_asks_about() -> None:
    assert asked_count("How many Cambodian ministry officers attended the workshop?") == [
        "cambodian",
        "ministry",
        "officers",
    ]
    assert asked_count("how many staff does it employ?") == ["staff"]
    assert asked_count("What did the Institute publish?") == []
    # The phrase ends at its verb ("joined", "took"), not at the question mark; a first word in -ed is its own.
    assert asked_count("How many people joined that one?") == ["people"]
    assert asked_count("How many people took part?") == ["people"]
    assert asked_count("How many trained officers were there?") == ["trained", "officers"]
    # However long the question goes on after the verb; what qualifies the noun is kept.
    assert asked_count("How many people came to the second KICJ–TIJ workshop in Bangkok last year?") == ["people"]
    assert asked_count("How many prosecutors from Kenya attended the course in Nairobi in 2021?") == [
        "prosecutors",
        "from",
        "kenya",
    ]
    assert asked_count("in which months? (kicj newsletter 2023 how many issues)") == []  # the context is not asked
    assert asked_count("How many countries sent delegations to the Seoul workshop on women offenders?") == ["countries"]


def test_how_many_of_a_group_asks_for_the_part_said_of_it() -> None:
    question = "How many of the participants in the online sessions in 2021 were women?"
    assert asked_count(question) == ["women"] and partitive(question)
    # A participle or a place is no part: the group itself is counted.
    assert asked_count("How many of its staff are based in Vienna?") == ["staff"]
    assert not partitive("How many of its staff are based in Vienna?")
    assert asked_count("How many of the participants were from Kenya?") == ["participants"]


def test_how_many_of_a_group_that_did_something_asks_for_those_that_did() -> None:
    # The part is said by a verb and what follows it, not by a noun of its own.
    question = "How many of the 64 prison officers at the September 2022 Chiang Mai workshop came from Viet Nam?"
    assert part_asked(question) == ["viet", "nam"]
    assert part_asked("How many of the participants were from Kenya?") == ["kenya"]
    assert part_asked("How many of the 30 trainees completed the advanced course?") == [
        "completed",
        "advanced",
        "course",
    ]
    # A group whose first word looks like a verb ("trained") still has its verb after it.
    assert part_asked("How many of the trained officers went back to Nairobi?") == ["back", "nairobi"]
    # A part named by its own noun is ``partitive``'s; a plain "how many" has no part.
    assert part_asked("How many of the participants were women?") == []
    assert part_asked("How many participants came from Viet Nam?") == []


@pytest.mark.model
def test_the_count_of_a_group_does_not_answer_for_a_part_of_it(real_embedder) -> None:  # type: ignore[no-untyped-def]
    texts = ["The Centre trained 1,120 participants in 23 countries.", "Of the participants, 640 were women."]
    assert counts_asked(texts, ["women"], real_embedder, exact=True) == [False, True]
    assert counts_asked(texts[:1], ["women"], real_embedder) == [True]  # close in meaning, when not a part
    # The part named before its number: "Women made up 41 of the 64 participants".
    assert counts_asked(["Women made up 41 of the 64 participants."], ["women"], real_embedder, exact=True) == [True]
    assert counts_asked(["Staff trained 41 of the 64 participants."], ["women"], real_embedder, exact=True) == [False]
    # A table row's label names what its figure counts, in other words than the question's as well.
    assert counts_asked(["Kenya — Participants: 41."], ["people"], real_embedder) == [True]
    assert counts_asked(["Kenya — Volumes published: 41."], ["people"], real_embedder) == [False]


def test_how_many_in_korean_spanish_and_french() -> None:
    # A Korean counter says what is counted; "몇 번째" asks which one, not how many.
    assert asked_count("2023년 국제 세미나에는 몇 명이 참가했나요?") == ["people"]
    assert asked_count("전문가회의는 총 몇 차례 개최되었나요?") == ["times"]
    assert asked_count("몇 번째 국제포럼이었나요?") == []
    # Spanish and French name the counted noun right after the asking word; people at large are rendered.
    assert asked_count("¿Cuántos participantes asistieron al taller?") == ["participantes"]
    assert asked_count("Combien de personnes l'Institut a-t-il formées ?") == ["people"]
    assert asked_in("Combien de personnes l'Institut a-t-il formées ?", "fr") == "en"
    assert asked_count("Combien d'employés travaillent à l'Institut ?") == ["employés"]
    assert asked_in("Combien d'employés travaillent à l'Institut ?", "fr") == "fr"


def test_the_words_a_number_counts() -> None:
    assert _counted_words("the conference featured 320 participants from governments") == (
        ["participants"],
        ["featured"],
    )
    assert "person" in _counted_words("the advice of a nine-person advisory committee")[0]
    assert _counted_words("visited a total of five times, and met") == (["times"], ["visited"])
    # "and" before another figure starts another phrase; before a noun alone it joins the phrase.
    assert _counted_words("attended by 31 participants and cost EUR 40,000.")[0] == ["participants"]
    assert _counted_words("It trained 31 judges and 12 prosecutors.")[0] == ["judges", "prosecutors"]
    assert _counted_words("It trained 31 judges and prosecutors.")[0] == ["prosecutors"]
    # A label before a colon names what a table's figure counts ("Perth — Detainees interviewed: 418").
    after, _ = _counted_words("Perth — Detainees interviewed: 418; Positive (%): 63.")
    assert {"interviewed", "detainees"} <= set(after)  # judged as the words after a number are
    # A label's every word, prepositions and other languages too: its head noun may come first.
    assert "participants" in _counted_words("Kenya — Participants by country in online training: 118.")[0]
    assert "participants" in _counted_words("Mali — Répartition des participants aux formations par pays : 236.")[0]
    # The head of the phrase is what is counted, not a word before it, and not what a verb after it says.
    assert _counted_words("surveyed 2,318 prison staff.")[0] == ["staff"]
    assert _counted_words("by the five Nordic prison services in response")[0] == ["services"]
    assert _counted_words("the lives of the 11,400 people held in Nordic prisons")[0] == ["people"]
    assert _counted_words("A survey of 15,000 women gathered information on")[0] == ["women"]
    assert _counted_words("within three months every prison closed")[0] == ["months"]
    # A phrase cut at the word limit may not have reached its head: its words all stand. One that ends within
    # it, at its text's end or at "of", has its head last.
    cut = _counted_words("23 senior criminal justice sector officials")[0]
    assert cut == ["senior", "criminal", "justice", "sector"]
    assert _counted_words("23 senior criminal justice officials")[0] == ["officials"]
    assert _counted_words("experts in the five major transnational crime fields of drugs, money")[0] == ["fields"]
    assert _counted_words("two of the experts")[0] == ["experts"]
    # Days, years and an item's own number count nothing.
    assert _counted_words("(b) On 2 and 3 December 2020, the Institute met.") == ([], [])
    # A Korean figure's counter names what it counts, in English; a date's counter is no count.
    counted = (["people", "people", "countries"], [])
    assert _counted_words("발표자 42명을 포함하여 총 531명이 참여하였다. 18개국") == counted
    assert _counted_words("2021년 10월 27일부터 29일까지") == ([], [])
    # French and Spanish put the noun first: "2 400 ménages à Abidjan" counts households, not Abidjan.
    assert _counted_words("une enquête auprès de 2 400 ménages à Abidjan", head_first=True)[0] == ["ménages"] * 2


@pytest.mark.model
def test_a_count_of_something_else_does_not_answer(real_embedder) -> None:  # type: ignore[no-untyped-def]
    texts = [
        "With a focus on South-East Asia, the conference featured 320 participants from governments.",
        "The journal has published a total of 8 volumes since its launch in 2019.",
        "The Institute held three international open forums.",
        "The website recorded 198,666 views.",
        "Delegations visited a total of five times.",
    ]
    assert counts_asked(texts, ["people"], real_embedder) == [True, False, False, False, False]
    assert counts_asked(texts[-1:], ["visits"], real_embedder) == [True]  # "visited ... five times": same stem


@pytest.mark.model
def test_a_noun_asked_in_another_language_is_judged_on_texts_in_that_language(real_embedder) -> None:  # type: ignore[no-untyped-def]
    texts = [
        "Une enquête de victimisation auprès de 2 400 ménages à Abidjan a été menée.",
        "Le site a enregistré 198 666 vues entre juillet et décembre.",
        "The website recorded 198,666 views between July and December.",  # English: "ménages" cannot judge it
    ]
    assert counts_asked(texts, ["ménages"], real_embedder, "fr") == [True, False, True]
    korean = "회의에는 발표자 42명을 포함하여 총 531명이 참여하였다."
    assert counts_asked([korean, "It was held a total of six times."], ["people"], real_embedder) == [True, False]


@pytest.mark.model
def test_an_english_noun_does_not_judge_the_words_of_a_french_or_spanish_text(real_embedder) -> None:  # type: ignore[no-untyped-def]
    # The English model rates "households" / "ménages" 0.29: it cannot say the French text counts something else.
    texts = [
        "Une enquête de victimisation auprès de 2 400 ménages à Abidjan et de 1 800 ménages à Dakar.",
        "En 2021 participaron 186 jueces, fiscales y defensores públicos.",
        # A sum counts nothing, in any language.
        "El presupuesto estimado asciende a 95 millones de colones (aproximadamente 148.000 dólares).",
    ]
    assert counts_asked(texts, ["households"], real_embedder) == [True, True, False]
    # A part of a group is counted by its own word only: across languages no word is that word.
    assert counts_asked(texts[:1], ["women"], real_embedder, exact=True) == [False]
    # The same text in English is still judged.
    assert counts_asked(["The Institute published 8 volumes."], ["households"], real_embedder) == [False]


def test_how_many_finds_its_noun_before_a_figure_in_a_table_row() -> None:
    pattern = count_pattern("How many participants from Kenya were in the online training?")
    assert pattern is not None
    assert pattern.search("kenya — participants by country in online training: 118.")
    assert not pattern.search("kenya — practitioners trained: 45.")


@pytest.mark.model
def test_a_row_labelled_by_year_alone_is_not_refused_as_counting_something_else(real_embedder) -> None:  # type: ignore[no-untyped-def]
    # What "Lithuania — 2018: 71; 2019: 118." counts is in its table's caption: the row cannot say.
    rows = ["Lithuania — 2018: 71; 2019: 118.", "Perth — Sites visited: 4; Detainees interviewed: 418."]
    assert counts_asked(rows, ["professionals"], real_embedder) == [True, False]


@pytest.mark.model
def test_a_count_of_places_or_of_time_answers_only_for_places_or_time(real_embedder) -> None:  # type: ignore[no-untyped-def]
    # "countries" / "people" 0.39 by word meaning, but a count of countries counts no people, nor one of years.
    alumni = "The Youth Forum was supported by the Institute's alumni in twelve countries."
    assert counts_asked([alumni], ["young", "people"], real_embedder) == [False]
    assert counts_asked([alumni], ["countries"], real_embedder) == [True]
    assert counts_asked([alumni], ["nations"], real_embedder) == [True]  # another word of the same class
    assert counts_asked(["The study took three years."], ["training", "events"], real_embedder) == [False]
    assert counts_asked(["The Institute trained 40 young people."], ["young", "people"], real_embedder) == [True]


@pytest.mark.model
def test_what_qualifies_the_asked_noun_does_not_make_it_a_unit(real_embedder) -> None:  # type: ignore[no-untyped-def]
    # "participants from Asian countries" asks for participants: delegates count them, as without the qualifier.
    delegates = "The meeting brought together 58 delegates."
    asked = ["participants", "from", "asian", "countries"]
    assert counts_asked([delegates], asked, real_embedder) == counts_asked([delegates], ["participants"], real_embedder)


@pytest.mark.model
def test_how_often_counts_what_its_verb_says(real_embedder) -> None:  # type: ignore[no-untyped-def]
    # "downloaded 41,300 times" counts downloads, not training events, however close "times" / "events" (0.41).
    downloads = "Publications were downloaded 41,300 times from the Institute's website."
    assert counts_asked([downloads], ["training", "events"], real_embedder) == [False]
    # The verb is the one before "times", not a word before another figure ("against" / "events" 0.32).
    against = "Publications were downloaded 41,300 times in the two years, against 26,800 in 2016–2017."
    assert counts_asked([against], ["training", "events"], real_embedder) == [False]
    assert counts_asked([downloads], ["times"], real_embedder) == [True]
    assert counts_asked([downloads], ["downloads"], real_embedder) == [True]
    assert counts_asked(["The Board met four times in 2021."], ["meetings"], real_embedder) == [True]
