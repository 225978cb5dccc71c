"""Headings of a PDF from its type, whatever their wording; a contents page and a long running header, as pypdf
gives them, are no text of the report."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from ingest.pipeline import read_document

_BODY = (
    "The Institute completed a study of {topic} in four states, based on interviews with 412 officers. "
    "Its findings were presented to the ministers in Hobart."
)


def _annual_report(path: Path) -> Path:
    """An annual report as institutes lay them out: a title page in large type, a contents page whose page
    numbers pypdf puts on lines of their own, unnumbered headings in larger bold type, a long running footer."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 28)
    pdf.multi_cell(0, 14, "Evidence for a safer nation", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=16)
    pdf.multi_cell(0, 10, "Annual Report 2018-19", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, "Contents", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    for entry, page in [("Research", "3"), ("Partnerships", "4"), ("Our people", "5")]:
        pdf.cell(150, 7, entry)
        pdf.cell(0, 7, page, new_x="LMARGIN", new_y="NEXT")
    topics = {"Research": "drug markets", "Partnerships": "online fraud", "Our people": "staff wellbeing"}
    for number, (heading, topic) in enumerate(topics.items(), start=3):
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        pdf.cell(
            0, 6, f"Australian Institute of Criminology Annual Report 2018-19 | {number}", new_x="LMARGIN", new_y="NEXT"
        )
        pdf.set_font("Helvetica", "B", 16)
        pdf.cell(0, 10, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        for _ in range(3):
            pdf.multi_cell(0, 5, _BODY.format(topic=topic), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_unnumbered_headings_are_found_by_their_type(tmp_path: Path) -> None:
    doc, chunks = read_document(_annual_report(tmp_path / "aic-2018-19.pdf"))
    assert [s.heading for s in doc.sections][-3:] == ["Research", "Partnerships", "Our people"]
    research = next(c for c in chunks if "drug markets" in c.text)
    assert research.section == "Research" and not research.text.startswith("Research")
    assert doc.period is not None and doc.period.label == "2018–19"  # the dash a label is written with


def test_a_contents_page_and_a_long_running_footer_are_dropped(tmp_path: Path) -> None:
    doc, _ = read_document(_annual_report(tmp_path / "aic-2018-19.pdf"))
    assert "Annual Report 2018-19 |" not in doc.text
    assert "Research 3" not in doc.text and "Our people 5" not in doc.text
    # The title page stays, line by line: it names the report.
    assert doc.text.startswith("Evidence for a safer nation\n\nAnnual Report 2018-19")


def _report_with_a_footnote(path: Path) -> Path:
    """A UN-style page: a footnote number in small type after a sentence, the footnote at the foot of the page
    in small type, and a sentence that runs on over the page break below it."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for _ in range(3):
        pdf.multi_cell(0, 5, _BODY.format(topic="court diversion"), new_x="LMARGIN", new_y="NEXT")
    pdf.write(5, "The Government provides premises in Turin free of charge, valued at EUR 410,000 a year.")
    pdf.set_font("Helvetica", size=7)
    pdf.write(4, "4")
    pdf.set_font("Helvetica", size=10)
    pdf.write(5, " The general purpose fund stood at USD 1.2 million at 30 June 2022,")
    pdf.set_y(-30)
    pdf.set_font("Helvetica", size=7)
    pdf.write(4, "4")
    pdf.set_font("Helvetica", size=8)
    pdf.write(4, " The premises are located in the United Nations Campus, Turin.")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, "compared with USD 1.9 million at the end of 2020.", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 5, _BODY.format(topic="online fraud"), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_a_footnote_in_small_type_goes_after_its_paragraph(tmp_path: Path) -> None:
    # Once "a year.4 The general ..." and the footnote in the middle of the sentence the page break cut.
    doc, _ = read_document(_report_with_a_footnote(tmp_path / "unicri-board.pdf"))
    paragraphs = doc.text.split("\n\n")
    fund = next(p for p in paragraphs if "general purpose fund" in p)
    assert "EUR 410,000 a year. The general purpose fund" in fund
    assert fund.endswith("at 30 June 2022, compared with USD 1.9 million at the end of 2020.")
    note = paragraphs.index("Note: The premises are located in the United Nations Campus, Turin.")
    assert note > paragraphs.index(fund)
    assert "412 officers" in doc.text  # figures in body type stay as they are


def test_a_contents_entry_worded_as_a_heading_on_its_page_is_no_heading(tmp_path: Path) -> None:
    # Short reports put the contents and the first heading on one page: "Introduction" in the contents (body
    # type) is not the heading "Introduction" (larger bold type) below it, though their words are the same.
    pdf = FPDF()
    pdf.add_page()  # a title page: its type is no heading's
    pdf.set_font("Helvetica", "B", 28)
    pdf.cell(0, 14, "Annual Report 2020", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, "Contents", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    for entry, page in [("Introduction", "2"), ("Research", "2")]:  # its page number on a line of its own
        pdf.cell(0, 7, entry, new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 7, page, align="R", new_x="LMARGIN", new_y="NEXT")
    for heading, topic in [("Introduction", "the year"), ("Research", "drug markets")]:
        pdf.set_font("Helvetica", "B", 16)
        pdf.cell(0, 10, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        for _ in range(3):
            pdf.multi_cell(0, 5, _BODY.format(topic=topic), new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "report.pdf"
    pdf.output(str(path))
    doc, chunks = read_document(path)
    assert [s.heading for s in doc.sections] == ["Introduction", "Research"]
    introduction = next(c for c in chunks if "the year" in c.text)
    assert introduction.section == "Introduction" and "Research 2" not in doc.text


def _report_with_a_table(path: Path) -> Path:
    """A finances page whose table sets each cell as a text object of its own, as report software does: pypdf
    gives every cell a line of its own ("Total" / "8,900,000" / "8,200,000")."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, "Finances", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, "The Centre's income in 2020 was DKK 8.9 million, against DKK 8.2 million in 2019.")
    pdf.ln(4)
    rows = [("Income", "2020 (DKK)", "2019 (DKK)"), ("Research grants", "3,400,000", "2,950,000")]
    for label, first, second in rows + [("Total", "8,900,000", "8,200,000")]:
        pdf.cell(80, 6, label)
        pdf.cell(40, 6, first, align="R")
        pdf.cell(40, 6, second, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.multi_cell(0, 5, "Expenses were as follows.")
    pdf.ln(4)  # headings nearly as wide as their columns, each a text object of its own
    pdf.set_font("Helvetica", "B", 8)
    for label, first, second in [("Item", "2019-20 (AUD '000)", "2018-19 (AUD '000)"), ("Suppliers", "2,519", "2,431")]:
        pdf.cell(40, 6, label)
        pdf.cell(28, 6, first)
        pdf.cell(28, 6, second, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=8)
    pdf.ln(4)
    pdf.multi_cell(0, 5, "The accounts were audited by the\nNational Audit Office.")
    pdf.output(str(path))
    return path


def test_a_tables_cells_are_read_as_one_row_with_its_column_headings(tmp_path: Path) -> None:
    doc, _ = read_document(_report_with_a_table(tmp_path / "centre-2020.pdf"))
    assert "Total — 2020 (DKK): 8,900,000; 2019 (DKK): 8,200,000." in doc.text
    assert "Research grants — 2020 (DKK): 3,400,000; 2019 (DKK): 2,950,000." in doc.text
    assert "Suppliers — 2019-20 (AUD '000): 2,519; 2018-19 (AUD '000): 2,431." in doc.text
    # Counter-example: lines of prose, one below the other, stay lines of prose.
    assert "audited by the National Audit Office." in doc.text
    assert "   " not in doc.text
