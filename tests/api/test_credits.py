"""Who wrote a report, and when: its credit and date lines answer, not its title, which only echoes the
question."""

from __future__ import annotations

from pathlib import Path

from api.answer import Assistant
from index.build import update_index
from index.store import IndexStore, load_index
from tests.fakes import HashEmbedder

PAGE = """# HEUNI Publications

Handbook on Victim Support in the Baltic Sea Region

Language: English

Authors: Anna Virtanen, Jonas Petraitis, Mari Tamm

Date: March 1, 2021

## Summary

The handbook reviews how victim support services are organised in Estonia, Latvia and Lithuania. It draws
on interviews with 120 practitioners and recommends minimum standards for referral between police and
support services. The European Institute for Crime Prevention and Control published it in its series.
"""


def _store(tmp_path: Path, name: str, text: str) -> IndexStore:
    """An index of one report, ``text`` in a file called ``name``."""
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / name).write_text(text, encoding="utf-8")
    embedder = HashEmbedder("all-MiniLM-L6-v2", dimension=384)
    update_index(tmp_path / "index", [tmp_path / "reports"], embedder)
    return load_index(tmp_path / "index", lambda _: embedder, embedder.name)


def _assistant(tmp_path: Path, name: str = "heuni-handbook-2021.md", text: str = PAGE) -> Assistant:
    """An assistant over one report (PAGE unless told)."""
    return Assistant(_store(tmp_path, name, text))


def test_the_authors_are_those_the_credit_line_names(tmp_path: Path) -> None:
    assistant = _assistant(tmp_path)
    for question in (
        "Who are the authors of HEUNI's Handbook on Victim Support in the Baltic Sea Region?",
        "who wrote the heuni handbook on victim support in the baltic sea region",
    ):
        answer = assistant.ask(question)
        assert not answer.abstained and "Anna Virtanen" in answer.answer, (question, answer.answer)


def test_a_report_s_own_date_is_its_title_page_s(tmp_path: Path) -> None:
    assistant = _assistant(tmp_path)
    asked = "When was HEUNI's Handbook on Victim Support in the Baltic Sea Region published?"
    answer = assistant.ask(asked)
    assert not answer.abstained and "March 1, 2021" in answer.answer, answer.answer
    # The same, asked of the report the previous question named.
    history = [
        {"role": "user", "content": "Who wrote the Handbook on Victim Support in the Baltic Sea Region?"},
        {"role": "assistant", "content": "Anna Virtanen, Jonas Petraitis and Mari Tamm."},
    ]
    answer = assistant.ask("when did they publish it?", history=history)
    assert not answer.abstained and "March 1, 2021" in answer.answer, answer.answer
    # A question on something the report tells of is not answered by the report's own date.
    other = "When were the practitioners interviewed for the Handbook on Victim Support in the Baltic Sea Region?"
    assert "March 1, 2021" not in assistant.ask(other).answer


BLOG = """# Mujeres privadas de libertad en Bolivia, Ecuador y Paraguay

Author: Sofía Arancibia Lindgren

Entre enero de 2020 y diciembre de 2022, el programa regional del Instituto Raoul Wallenberg trabajó con los sistemas
penitenciarios de Bolivia, Ecuador y Paraguay. El encuentro regional de clausura se celebró en Asunción.

Sofía Arancibia Lindgren es coordinadora del programa para América Latina del RWI en Lund.
"""


def test_whoever_signs_a_piece_of_writing_is_its_author(tmp_path: Path) -> None:
    assistant = _assistant(tmp_path, "blog-mujeres-2022.md", BLOG)
    answer = assistant.ask(
        "¿Quién firma la entrada del blog del Instituto Raoul Wallenberg sobre las mujeres privadas de libertad?"
    )
    assert not answer.abstained and "Author: Sofía Arancibia Lindgren" in answer.answer, answer.answer


REPORT = """# HEUNI Biennial Report 2018-2019

# Foreword by the Director

The two years covered by this report were the busiest in the history of the Institute. It ran eleven externally
funded projects and organised 34 training events for 1,870 professionals.

I thank the Ministry of Justice of Finland and our partners for their support throughout these two years.

Dr Marja Lindqvist

Director, HEUNI

Helsinki, 31 March 2020

# Training

In 2019 the Institute trained 1,020 professionals from eighteen countries on trafficking in human beings, labour
exploitation and victim support, in courses held in Helsinki, Tallinn and Riga.
"""


def test_a_foreword_is_written_by_whoever_signs_it(tmp_path: Path) -> None:
    assistant = _assistant(tmp_path, "heuni-biennial-report-2018-2019.md", REPORT)
    for question in (
        "Who wrote the foreword of HEUNI's biennial report 2018-2019?",
        "Who signed the foreword of the HEUNI biennial report?",
        "Qui a signé l'avant-propos du rapport biennal de HEUNI ?",
    ):
        answer = assistant.ask(question)
        assert not answer.abstained and "Marja Lindqvist" in answer.answer, (question, answer.answer)
    # Who trained professionals is no question for a signatory.
    assert "Marja Lindqvist" not in assistant.ask("Who did HEUNI train in 2019?").answer


def test_the_signature_of_a_section_the_question_names_is_found_however_low_it_ranks(tmp_path: Path) -> None:
    from api.passages import Passages

    store = _store(tmp_path, "heuni-biennial-report-2018-2019.md", REPORT)
    passages, doc_id = Passages(store), store.documents[0].doc_id
    signed = passages.signed_named(doc_id, {"who", "wrote", "foreword"})
    assert len(signed) == 1 and "Dr Marja Lindqvist" in signed[0].text
    assert passages.signed_named(doc_id, {"train", "profession"}) == []  # an unsigned section's heading
