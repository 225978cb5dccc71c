"""A body's name found in a passage as the passage writes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.coverage import in_order, name_words, writes_another, writes_body


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


def test_a_refusal_sums_up_a_collection_too_large_to_name_report_by_report(tmp_path: Path) -> None:
    from api.coverage import Coverage, _year_ranges
    from eval.synthetic import write_collection
    from index.store import load_index
    from tests.fakes import HashEmbedder

    assert _year_ranges([2008, 2009, 2010, 2012, 2014, 2015]) == "2008–2010, 2012 and 2014–2015"
    assert _year_ranges([2020]) == "2020"
    write_collection(tmp_path / "many", 30 * 100, multilingual=False, say=lambda _: None)
    embedder = HashEmbedder("all-MiniLM-L6-v2", dimension=384)
    store = load_index(tmp_path / "many", lambda _: embedder, embedder.name)
    assert Coverage(store).line() == "They cover 30 reports, 2008–2009."


def test_a_body_is_written_with_the_words_that_set_it_apart_beside_its_noun() -> None:
    iss = (
        "In 2019, the Institute for Security Studies, with offices in Pretoria, Addis Ababa, Dakar and Nairobi, "
        "produced 212 publications. With the support of the European Union, the Institute conducted research."
    )
    # "European Union" is in the passage, but not beside the noun phrase: another body's name.
    assert not writes_body("EU Institute for Security Studies", iss)
    assert writes_another("EU Institute for Security Studies", iss)
    euiss = "The Institute should not be confused with the European Union Institute for Security Studies."
    assert writes_body("EU Institute for Security Studies", euiss) and not writes_another(
        "EU Institute for Security Studies", euiss
    )
    # Set apart after the phrase, as names are written too; a passage without the phrase is no other body.
    assert writes_body(
        "Finnish Ministry of Justice", "Core funding from the Ministry of Justice of Finland was EUR 760,000."
    )
    assert writes_body("US Department of Justice", "the research arm of the Department of Justice of the United States")
    assert not writes_another("EU Institute for Security Studies", "The EU funded the project.")


def test_a_sentence_names_a_body_by_its_own_words_and_its_noun_before_any_figure() -> None:
    from api.evidence import names_bodies
    from api.passages import PAIR, Unit
    from ingest.types import Chunk

    def unit(text: str) -> Unit:
        return Unit(text, Chunk(chunk_id="c", doc_id="d", title="t", text=text, start=0, end=len(text)), 1.0)

    committee = [("Basel Committee on Banking Supervision", ["Basel"])]
    course = "With the Basel Institute on Governance, the Centre trained 64 investigators."
    assert not names_bodies(unit(course), committee)  # "Basel", but an institute: no committee
    aside = "Not to be confused with the Basel Committee on Banking Supervision."
    assert names_bodies(unit(aside), committee)
    # The figure's sentence is the first of the pair: a body named only after it is not what it counts.
    assert not names_bodies(unit(f"{course}{PAIR}{aside}"), committee)
    assert names_bodies(unit(f"{aside}{PAIR}{course}"), committee)


def test_a_body_is_named_by_its_own_word_beside_its_noun_not_by_both_somewhere() -> None:
    from api.evidence import names_bodies
    from api.passages import Unit
    from ingest.types import Chunk

    def unit(text: str) -> Unit:
        return Unit(text, Chunk(chunk_id="c", doc_id="d", title="t", text=text, start=0, end=len(text)), 1.0)

    network = [("European Crime Prevention Network", ["European", "Crime", "Prevention"])]
    scattered = (
        "I thank our partners in the European Union and in the United Nations crime prevention and criminal "
        "justice programme network."
    )
    assert not names_bodies(unit(scattered), network)
    assert names_bodies(unit("The European Crime Prevention Network met in Lisbon."), network)
    assert names_bodies(unit("The Crime Prevention Network of the EU met in Lisbon."), network)
    # Its short form, an own word beside the noun, names it; the noun phrase without the word before it is another
    # body's (another_body: "the Institute for Security Studies" is not the EU's).
    committee = [("Basel Committee on Banking Supervision", ["Basel", "Banking", "Supervision"])]
    assert names_bodies(unit("The Basel Committee published its standards."), committee)
    assert not names_bodies(unit("Banking supervision is a task of the committee of governors."), committee)


@pytest.mark.model
def test_a_year_that_bounds_an_open_period_is_no_uncovered_year(assistant) -> None:  # type: ignore[no-untyped-def]
    # "known until 2002": the reports may tell a name held until then; only a year asked is refused as uncovered.
    assert assistant.coverage.refusal(assistant.analyze("What was UNICRI called until 2002?")) is None
    assert (
        assistant.coverage.refusal(assistant.analyze("Sous quel nom l'UNICRI était-il connu jusqu'en 2002 ?")) is None
    )
    assert assistant.coverage.pairing(assistant.analyze("What was UNICRI called before 2002?")) is None
    # Counter-example: the year asked.
    assert assistant.coverage.refusal(assistant.analyze("What did UNICRI do in 2002?")) is not None
