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
