"""A body's name found in a passage as the passage writes it."""

from __future__ import annotations

from api.coverage import in_order, name_words


def test_name_words_are_stemmed_without_joining_words() -> None:
    assert name_words("the Ministry of Justice") == name_words("Ministries for Justice")


def test_a_name_is_in_order_with_a_word_or_two_between() -> None:
    name = name_words("Ministry of Justice")
    assert in_order(name, name_words("the Ministry of Law and Justice of Kenya"))
    assert in_order(
        name_words("Korean Institute of Criminology"), name_words("Korean Institute of Criminology and Justice")
    )
    # Counter-examples: the same words out of order, or too far apart, are another body.
    assert not in_order(name, name_words("the Justice Ministry"))
    assert not in_order(name, name_words("the Ministry of Foreign Affairs and Trade, and Justice"))
    assert not in_order(
        name_words("Institute for Justice and the Rule of Law"),
        name_words("the Siracusa International Institute for Criminal Justice and Human Rights"),
    )
