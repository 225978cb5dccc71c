"""The corpus's reports as the PDFs a user would download: the gold questions on them are answered as well from
the PDFs as from the texts in corpus/ (issue 16).

The PDFs are rendered here (eval/collection/corpus_source.py, render.py): the UN report in the UN layout
(document symbol as running header, page numbers, footnotes in small type at the foot of their page, one
two-column stretch, paragraphs split by page breaks), the KICJ report in an annual-report layout (a title page,
headings in larger bold type, a long running footer). They are indexed with the same models as the texts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.collection.corpus_source import kicj_report_source, un_report_source
from eval.collection.render import render_source
from eval.gold import GoldItem, load_split
from eval.metrics import answer_correct, words_of

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[2]
UN_REPORT = ROOT / "corpus" / "un-pni-institutes-activities-2020.txt"
KICJ_REPORT = ROOT / "corpus" / "kicj-un-international-cooperation-2023.txt"


def _on_the_reports(item: GoldItem, reports: list[str]) -> bool:
    """An English, standalone question whose gold passages are in the reports, and whose answers the standard
    PDF fonts can set (the PDF spells "Özyeğin" "Özyegin")."""
    settable = all(answer.encode("cp1252", "ignore").decode("cp1252") == answer for answer in item.answers)
    in_report = bool(item.gold) and all(any(words_of(g) in report for report in reports) for g in item.gold)
    return item.answerable and item.lang == "en" and not item.history and settable and in_report


@pytest.fixture(scope="module")
def pdf_assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder):  # type: ignore[no-untyped-def]
    from api.answer import Assistant
    from index.build import update_index
    from index.embed import E5Embedder
    from index.store import load_index

    reports = tmp_path_factory.mktemp("pdf-corpus")
    render_source(un_report_source(UN_REPORT), reports / f"{UN_REPORT.stem}.pdf")
    render_source(kicj_report_source(KICJ_REPORT), reports / f"{KICJ_REPORT.stem}.pdf")
    index_dir = tmp_path_factory.mktemp("pdf-index") / "index"
    update_index(index_dir, [reports], real_embedder, multilingual=E5Embedder())
    return Assistant(load_index(index_dir, lambda _: real_embedder, real_embedder.name, E5Embedder))


def test_the_reports_as_pdfs_answer_the_gold_questions_as_their_texts_do(assistant, pdf_assistant) -> None:  # type: ignore[no-untyped-def]
    reports = [words_of(path.read_text(encoding="utf-8")) for path in (UN_REPORT, KICJ_REPORT)]
    items = [item for split in ("dev", "test") for item in load_split(split) if _on_the_reports(item, reports)]
    assert len(items) >= 550

    def right(assistant, item: GoldItem) -> bool:  # type: ignore[no-untyped-def]
        answer = assistant.ask(item.question)
        return answer_correct(answer.answer, item.answers, item.type, answer.abstained)

    from_text = {item.id for item in items if right(assistant, item)}
    from_pdf = {item.id for item in items if right(pdf_assistant, item)}
    lost, gained = sorted(from_text - from_pdf), sorted(from_pdf - from_text)
    assert len(from_pdf) >= len(from_text), f"answered from the text, not from the PDF: {lost} (gained: {gained})"
