"""Typing slips corrected against the collection's words, and only slips."""

from __future__ import annotations

from index.spelling import Speller, dictionary_counts

TEXTS = [
    "With respect to Kenya, the Institute trained prison officers. On 2 November, the ICCLR held a webinar.",
    "The Raoul Wallenberg Institute worked in Kenya with the child protection services.",
]


def _nothing_known(word: str) -> bool:
    return False


def test_a_slip_becomes_the_collections_word_in_the_users_case() -> None:
    speller = Speller(TEXTS, known=_nothing_known)
    assert speller.correct("what did the Raul Walenberg institute do in Kenia") == (
        "what did the Raul Wallenberg institute do in Kenya"
    )
    assert speller.correct("ICLLR online event in novmber") == "ICCLR online event in november"


def test_words_of_the_collection_and_short_words_are_left_as_typed() -> None:
    speller = Speller(TEXTS, known=_nothing_known)
    assert speller.correct("Kenya prison officers") == "Kenya prison officers"
    assert speller.correct("Did ICCLR hold a webnar?") == "Did ICCLR hold a webinar?"
    # Four letters: any edit reaches too many words; a dropped letter, typed in lower case, reaches few.
    assert speller.correct("chld") == "child"
    assert speller.correct("Chld kenz") == "Chld kenz"  # capitalised: a name; "kenz": a letter changed, not dropped


def test_a_real_word_the_reports_never_use_keeps_its_spelling() -> None:
    # "Chile" is one letter from "child", which the collection has; a dictionary knows Chile.
    speller = Speller(TEXTS, known=dictionary_counts("en"))
    assert speller.correct("What did ILANUD do in Chile?") == "What did ILANUD do in Chile?"
    assert speller.correct("Kenia") == "Kenya"


def test_a_slip_that_spells_a_rare_dictionary_word_is_still_corrected() -> None:
    # "directer" is in the dictionary, but only as one of its rarest words (found in word lists, hardly ever
    # written); "director", one edit away and in the collection, is a thousand times as common.
    speller = Speller(["The Board heard the Director on current projects."], known=dictionary_counts("en"))
    assert speller.correct("who is the curent directer") == "who is the current director"
    # A rare word whose neighbour in the collection is not much more common keeps its spelling: "emend" is
    # a word of its own beside "amend", and "Chile" is no rare word at all.
    speller = Speller(["States may amend the rules.", "child protection"], known=dictionary_counts("en"))
    assert speller.correct("did they emend the rules in Chile") == "did they emend the rules in Chile"
    # Nor is a rare form of a collection's word a slip for it ("equivalents" beside "equivalent").
    speller = Speller(["staff in full-time equivalent"], known=dictionary_counts("en"))
    assert speller.correct("in full-time equivalents") == "in full-time equivalents"


def test_two_words_as_near_and_as_common_leave_the_slip_for_the_user() -> None:
    speller = Speller(["the cases", "the cares"], known=_nothing_known)
    assert speller.correct("casse") == "cases"
    assert speller.correct("caxes") == "caxes"  # "cases" or "cares"? neither is chosen


def test_a_language_without_a_dictionary_corrects_nothing() -> None:
    speller = Speller(TEXTS, known=dictionary_counts("xx"))
    assert speller.correct("Kenia") == "Kenia"


def test_the_collection_uses_a_word_or_a_spelling_of_it() -> None:
    speller = Speller(TEXTS, known=_nothing_known)
    assert speller.in_collection("KENYA") and speller.in_collection("Wallenberg's"[:10])
    assert speller.in_collection("Walenberg")  # one edit from the collection's spelling
    assert speller.in_collection("Raoul-Wallenberg") and not speller.in_collection("Raoul-Planck")
    assert not speller.in_collection("Planck") and not speller.in_collection("Max")


def test_an_acronym_the_collection_spells_out_counts_as_its_word() -> None:
    speller = Speller(
        ["Liv Tørres, director at the New York University Center on International Cooperation, was invited."],
        known=_nothing_known,
    )
    assert speller.in_collection("NYU") and speller.in_collection("YU")
    # Only capitals spell an acronym out ("nyu" is no word of it), and only initials in a row do.
    assert not speller.in_collection("nyu") and not speller.in_collection("NYC") and not speller.in_collection("LTD")


def test_common_shorthand_is_read_as_the_word_it_stands_for() -> None:
    speller = Speller(TEXTS, known=dictionary_counts("en"))
    assert speller.correct("how many ppl did the govt dept train last yr") == (
        "how many people did the government department train last year"
    )
    # A shorthand the collection itself uses is its own word ("Info" as a title), and other short words stay.
    assert (
        Speller([*TEXTS, "Info: see page 3."], known=dictionary_counts("en")).correct("info on Kenya")
        == "info on Kenya"
    )
    assert speller.correct("who did the ICCLR meet") == "who did the ICCLR meet"
