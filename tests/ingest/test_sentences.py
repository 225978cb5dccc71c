"""Where sentences end: abbreviations and initials end none, a full stop before a capital or a figure does."""

from __future__ import annotations

from ingest.sentences import split_sentences


def test_abbreviations_and_initials_end_no_sentence() -> None:
    text = (
        "The Institute issued the Newsletter (No. 161) and the Resource Material Series (Nos. 110 and 111). "
        "Dr. Kim and Prof. Lee met J. Smith of the U.S. Department of Justice, e.g. on St. Patrick's Day."
    )
    assert split_sentences(text) == [
        "The Institute issued the Newsletter (No. 161) and the Resource Material Series (Nos. 110 and 111).",
        "Dr. Kim and Prof. Lee met J. Smith of the U.S. Department of Justice, e.g. on St. Patrick's Day.",
    ]
    # Titles before a name in Spanish and French.
    spanish = (
        "La directora del ILANUD, Dra. Marcela Quesada Villalobos, señaló que el Lic. Pérez y Mme. Diallo asistieron."
    )
    assert split_sentences(spanish) == [spanish]


def test_look_alikes_still_end_sentences() -> None:
    # A word ending in the letters of an abbreviation ("casino", "Mister") is no abbreviation; a year or a
    # figure after a full stop starts a sentence; a paragraph break always ends one.
    text = "They met at the casino. 2020 was hard. The speaker was Mister. Then it rained.\n\nA new paragraph"
    assert split_sentences(text) == [
        "They met at the casino.",
        "2020 was hard.",
        "The speaker was Mister.",
        "Then it rained.",
        "A new paragraph",
    ]


def test_sentences_end_in_the_readers_other_languages() -> None:
    # Korean has no capitals: a sentence ending in Hangul ("행사이다.") ends before the next one, whatever it
    # opens with. French and Spanish sentences open with accented capitals and inverted marks.
    korean = (
        "이번 워크숍은 ‘2023년도 KICJ–TIJ 공동협력사업’(사업기간: 2023년 3월 1일~2024년 2월 29일)의 첫 번째 행사이다. "
        "공동협력사업은 방콕 규칙의 이행을 점검하는 것을 목표로 한다. 「서울 권고문」이 채택되었다."
    )
    assert split_sentences(korean) == [
        "이번 워크숍은 ‘2023년도 KICJ–TIJ 공동협력사업’(사업기간: 2023년 3월 1일~2024년 2월 29일)의 첫 번째 행사이다.",
        "공동협력사업은 방콕 규칙의 이행을 점검하는 것을 목표로 한다.",
        "「서울 권고문」이 채택되었다.",
    ]
    french = "Le programme a pris fin en 2022. À Tunis, 140 personnes ont assisté à la clôture. État des lieux publié."
    assert split_sentences(french) == [
        "Le programme a pris fin en 2022.",
        "À Tunis, 140 personnes ont assisté à la clôture.",
        "État des lieux publié.",
    ]
    spanish = "El ciclo terminó en noviembre. ¿Qué cambió? ¡Mucho! Él lo dijo."
    assert split_sentences(spanish) == ["El ciclo terminó en noviembre.", "¿Qué cambió?", "¡Mucho!", "Él lo dijo."]


def test_a_stop_after_a_latin_abbreviation_in_korean_ends_no_sentence() -> None:
    # Only a Korean sentence's own ending (Hangul before the stop) ends it before Hangul: "U.S. 법무부" and "Dr. 김"
    # are abbreviations inside one.
    text = "연구원은 U.S. 법무부와 협력하였고 Dr. 김 박사가 발표하였다."
    assert split_sentences(text) == [text]


def test_a_sentence_saying_a_list_follows_introduces_one_with_or_without_a_colon() -> None:
    from ingest.sentences import is_lead_in

    assert is_lead_in("10. In 2020, the Institute was involved in the following projects:")
    # "as follows" says what a colon says, in the readers' languages (closed classes of phrasing).
    assert is_lead_in("The main recommendations of the workshop were as follows.")
    assert is_lead_in("권고문의 주요 내용은 다음과 같다.")
    assert is_lead_in("국가별 발표자 수는 아래와 같습니다.")
    assert is_lead_in("Las principales conclusiones fueron las siguientes.")
    assert is_lead_in("Les principales recommandations sont les suivantes.")
    # Counter-examples: a list named but not introduced, a sentence that goes on after the phrase.
    assert not is_lead_in("The Institute followed the recommendations of the Board.")
    assert not is_lead_in("As follows from the report, the Institute trained 40 judges.")
    assert not is_lead_in("결과는 다음과 같은 이유로 발표되지 않았다.")
