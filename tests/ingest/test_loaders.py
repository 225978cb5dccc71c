"""Each format in, one clear reason out for each kind of bad file."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from ingest.errors import UnreadableFileError
from ingest.loaders import load_file
from ingest.pipeline import ingest_paths, read_document


def make_pdf(path: Path, pages: list[list[str]], title: str | None = None) -> Path:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    if title:
        pdf.set_title(title)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    pdf.output(str(path))
    return path


def test_pdf_keeps_page_numbers_and_joins_a_sentence_across_pages(tmp_path: Path) -> None:
    path = make_pdf(
        tmp_path / "heuni-2021.pdf",
        [
            [
                "Annual report of the Helsinki institute",
                "C. European Institute for Crime Prevention and Control",
                "8. In 2021, the Institute trained 120 labour inspectors on exploitation in supply chains and",
            ],
            ["published three handbooks for judges.", "9. In 2021, the Institute opened an office in Tallinn."],
        ],
        title="HEUNI annual report 2021",
    )
    doc, chunks = read_document(path)
    assert doc.kind == "pdf" and doc.title == "HEUNI annual report 2021" and doc.year == 2021
    assert "supply chains and published three handbooks for judges." in doc.text
    assert len(doc.page_starts) == 2
    tallinn = next(c for c in chunks if "Tallinn" in c.text)
    assert tallinn.org == "HEUNI"
    assert doc.page_at(doc.text.index("Tallinn")) == 2
    assert doc.page_at(doc.text.index("labour inspectors")) == 1


def test_markdown_headings_become_sections(tmp_path: Path) -> None:
    path = tmp_path / "tij-2022.md"
    path.write_text(
        "# Thailand Institute of Justice: annual report 2022\n\n## Bangkok Rules\n\n"
        "In 2022 the Institute trained 40 prison officers on the *Bangkok Rules*.\n",
        encoding="utf-8",
    )
    doc, chunks = read_document(path)
    assert doc.title == "Thailand Institute of Justice: annual report 2022"
    assert [s.heading for s in doc.sections] == ["Thailand Institute of Justice: annual report 2022", "Bangkok Rules"]
    assert chunks[-1].org == "TIJ" and chunks[-1].section == "Bangkok Rules"
    assert "trained 40 prison officers on the Bangkok Rules." in chunks[-1].text


def test_html_main_text_only(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>ICCLR news 2020</title><script>var x = 'tracking';</script></head><body>"
        "<nav><a href='/'>Home</a> <a href='/about'>About us</a></nav>"
        "<div class='breadcrumb'>Home &gt; News</div>"
        "<main><h1>Restorative justice handbook</h1><p>In 2020 the Centre launched the second edition"
        " of the <em>Handbook on Restorative Justice Programmes</em>.</p><ul><li>Webinar in May</li></ul></main>"
        "<footer>Copyright ICCLR</footer></body></html>",
        encoding="utf-8",
    )
    doc, _ = read_document(path)
    assert doc.title == "ICCLR news 2020"
    assert doc.text == (
        "Restorative justice handbook\n\nIn 2020 the Centre launched the second edition of the "
        "Handbook on Restorative Justice Programmes.\n\nWebinar in May"
    )


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        (
            "cp1252",
            "Le Centre international pour la prévention de la criminalité a organisé un séminaire à "
            "Montréal en 2020. Les participants ont discuté de la sécurité urbaine, des stratégies de "
            "prévention et de l’évaluation des programmes municipaux – « sécurité urbaine ».",
        ),
        (
            "euc-kr",
            "국제범죄방지를 위한 UN·국제협력 및 연구. 한국형사법무정책연구원은 2023년에 국제 협력 사업을 수행하였다.",
        ),
    ],
)
def test_non_utf8_text_is_decoded(tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    doc, _ = read_document(path)
    assert doc.text == text


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\n ", "empty file"),
        ("random.pdf", bytes(range(256)) * 20, "not a readable PDF"),
        ("truncated.pdf", None, "not a readable PDF"),
        ("binary.txt", b"\x00\x01\x02\x03" * 100, "binary content"),
        ("notes.docx", b"PK\x03\x04", "unsupported file type '.docx'"),
    ],
)
def test_bad_files_get_a_one_line_reason(tmp_path: Path, name: str, content: bytes | None, reason: str) -> None:
    path = tmp_path / name
    if content is None:
        whole = make_pdf(tmp_path / "whole.pdf", [["Some text on a page."]]).read_bytes()
        content = whole[: len(whole) // 3]
    path.write_bytes(content)
    with pytest.raises(UnreadableFileError) as caught:
        load_file(path)
    assert reason in caught.value.reason
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


def test_encrypted_pdf_says_so(tmp_path: Path) -> None:
    source = make_pdf(tmp_path / "plain.pdf", [["Confidential budget of the Institute."]])
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password="secret", algorithm="AES-128")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    with pytest.raises(UnreadableFileError, match="encrypted PDF: no password"):
        load_file(path)


def test_scanned_pdf_without_text_layer_needs_ocr(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a "scan": drawing, no text
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(UnreadableFileError, match="no text layer .*needs OCR"):
        load_file(path)


def test_a_folder_with_bad_files_still_ingests_the_good_ones(tmp_path: Path, corpus_copy: Path) -> None:
    (corpus_copy / "empty.txt").write_bytes(b"")
    (corpus_copy / "broken.pdf").write_bytes(b"%PDF-1.7 garbage")
    (corpus_copy / "slides.pptx").write_bytes(b"PK")
    (corpus_copy / "loop").symlink_to(corpus_copy)  # a symlink loop must not trap the walk
    result = ingest_paths([corpus_copy])
    assert sorted(d.title[:20] for d, _ in result.parsed) == ["Activities of the in", "Annual Report on UN・"]
    failed = {Path(p.path).name: p.reason for p in result.failed}
    assert set(failed) == {"empty.txt", "broken.pdf", "slides.pptx"}
    assert failed["empty.txt"] == "empty file"
    assert [Path(p.path).name for p in result.skipped] == ["SOURCES.md"]


def test_a_markdown_title_is_its_first_level_one_heading_not_the_menu_above_it(tmp_path: Path) -> None:
    page = (
        "![Logo](https://example.org/logo.png)\n\n"
        "[Home](https://example.org/) | [About](https://example.org/about/) | [Programs](https://example.org/p/)\n\n"
        "*View this email in your browser: [web version](https://example.org/web)*\n\n"
        "# Centre News — Issue No. 7, Spring 2021\n\n"
        "## Training\n\nThe Centre trained 40 judges in Nairobi in March 2021.\n"
    )
    (tmp_path / "news.md").write_text(page, encoding="utf-8")
    document, _ = read_document(tmp_path / "news.md")
    assert document.title == "Centre News — Issue No. 7, Spring 2021"
    # Without a Markdown heading, a menu bar is still no title.
    title = "Annual overview of prison research in the Nordic countries"
    menu = "Home | About | Programs | Publications"
    (tmp_path / "plain.txt").write_text(f"{menu}\n\n{title}\n\nIt grew.", encoding="utf-8")
    assert read_document(tmp_path / "plain.txt")[0].title == title


def test_a_page_declared_latin_1_is_read_as_windows_1252_as_browsers_do(tmp_path: Path) -> None:
    # Bytes 0x80-0x9F are letters in windows-1252 ("œ", "€") and control codes in Latin-1: a page that declares
    # iso-8859-1 is almost always windows-1252, and the WHATWG Encoding Standard reads it so.
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><title>Projet</title>'
        "</head><body><p>Le Centre international pour la prévention de la criminalité mène un projet à Abidjan. "
        "Le projet est mis en œuvre avec l'Institut d'études de sécurité, pour 150 000 €.</p></body></html>"
    )
    (tmp_path / "page.html").write_bytes(page.encode("cp1252"))
    document, _ = read_document(tmp_path / "page.html")
    assert "mis en œuvre avec" in document.text and "150 000 €" in document.text


def test_a_web_page_s_tables_are_read_row_by_row_and_layout_tables_as_text(tmp_path: Path) -> None:
    # A data table in <table> and one set in columns in <pre>; the page itself laid out by a table.
    page = (
        "<html><body><table><tr><td><p>The Centre trained officers in three countries.</p>"
        "<table border='1'><tr><th>Country</th><th>Officers</th></tr><tr><td>Ghana</td><td>41</td></tr>"
        "<tr><td>Togo</td><td>36</td></tr></table>"
        "<p>The officers by year were as follows:</p>"
        "<pre>\nYear      Officers\n2020            30\n2021            47\n</pre>"
        "</td><td><p>In brief</p></td></tr></table></body></html>"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    document, _ = read_document(tmp_path / "page.html")
    assert "Ghana — Officers: 41." in document.text and "Togo — Officers: 36." in document.text
    assert "2021 — Officers: 47." in document.text
    assert "The Centre trained officers in three countries." in document.text and "In brief" in document.text


def test_a_web_page_s_lists_of_links_are_dropped_whatever_the_site_calls_them(tmp_path: Path) -> None:
    # Related articles, tags and downloads are blocks whose text is mostly their links' text; a sentence with a
    # link in it, and a list item linking one phrase, are the page's own.
    page = (
        "<html><body><main><h1>Workshop on the Bangkok Rules</h1>"
        "<p>The workshop was funded by the Government of Japan (JPY 9.8 million). Details are in the "
        "<a href='/report.pdf'>final report</a> and the <a href='/annex.pdf'>annex</a> of the meeting.</p>"
        "<ul><li>Partners: <a href='/unafei'>UNAFEI</a>, in Tokyo since 1962</li></ul>"
        "<ul class='x1'><li><a href='/t/a'>#BangkokRules</a></li><li><a href='/t/b'>#ASEAN</a></li></ul>"
        "<section><h2>Related articles</h2><ul>"
        "<li><a href='/n/1'><h3>TIJ and KICJ renew cooperation agreement</h3><time>21 March 2022</time></a></li>"
        "<li><a href='/n/2'><h3>Fifth Executive Programme concludes</h3><time>10 December 2021</time></a></li>"
        "</ul></section>"
        "<div>Documents <a href='/d1.pdf'>Diagnostic de Dakar (PDF)</a> <a href='/d2.pdf'>Diagnostic "
        "d'Abidjan (PDF)</a></div></main></body></html>"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    text = read_document(tmp_path / "page.html")[0].text
    assert "funded by the Government of Japan (JPY 9.8 million)" in text
    assert "Details are in the final report and the annex of the meeting." in text
    assert "Partners: UNAFEI, in Tokyo since 1962" in text
    for furniture in ("#BangkokRules", "Related articles", "renew cooperation", "21 March 2022", "Diagnostic"):
        assert furniture not in text


def test_a_web_pages_author_is_read_from_its_metadata_when_its_byline_goes_with_the_furniture(tmp_path: Path) -> None:
    path = tmp_path / "post.html"
    path.write_text(
        "<html><head><title>Mujeres privadas de libertad</title>"
        '<meta name="author" content="https://example.org/autor/sofia">'
        '<script type="application/ld+json">{"@graph": [{"@type": "Article", "author": {"@type": "Person",'
        ' "name": "Sofía Arancibia Lindgren"}}]}</script></head><body>'
        "<header class='entry-header'><h1>Mujeres privadas de libertad</h1>"
        "<span class='byline'>por Sofía Arancibia Lindgren</span></header>"
        "<main><p>Entre enero de 2020 y diciembre de 2022 el programa trabajó con tres países.</p></main>"
        "</body></html>",
        encoding="utf-8",
    )
    doc, _ = read_document(path)
    assert doc.text.split("\n\n")[0] == "Author: Sofía Arancibia Lindgren", doc.text
    assert doc.text.endswith("el programa trabajó con tres países.")
    # A page without an author in its metadata gets no such line; a link is no name.
    path.write_text(
        '<html><head><meta name="author" content="https://example.org/team"></head>'
        "<body><main><p>The Centre held a workshop.</p></main></body></html>",
        encoding="utf-8",
    )
    assert read_document(path)[0].text == "The Centre held a workshop."


def test_markdown_front_matter_is_read_as_fields_not_as_yaml_text(tmp_path: Path) -> None:
    # Static-site generators (Jekyll, Hugo) and Pandoc put a YAML block at the top of a Markdown page. Its fields
    # stay searchable as plain lines ("Authors: ...") without the YAML syntax around them ("---title: ..."
    # became a passage of its own), and its title is the document's when the page has no heading.
    path = tmp_path / "ispac-news.md"
    path.write_text(
        '---\ntitle: "ISPAC news: the 2022 conference"\ndate: 2022-12-15\nreference: ISPAC/NL/2022/4\n'
        "authors:\n  - A. Rossi\n  - B. Bianchi\n---\n\n"
        "In December 2022 ISPAC held its international conference in Courmayeur.\n",
        encoding="utf-8",
    )
    document, _ = read_document(path)
    assert document.title == "ISPAC news: the 2022 conference"
    assert "---" not in document.text and "title:" not in document.text
    assert "Authors: A. Rossi; B. Bianchi" in document.text and "Reference: ISPAC/NL/2022/4" in document.text
    assert "In December 2022 ISPAC held its international conference in Courmayeur." in document.text


@pytest.mark.parametrize(
    "page",
    [
        # A rule, a sentence, a rule: no fields, text as it is.
        "---\nThe Institute was founded in 1981 in Helsinki.\n---\n\nIt trains judges.\n",
        # Not YAML at all: kept as written.
        "---\nbudget: [unclosed\n---\n\nThe Institute was founded in 1981 in Helsinki.\n",
        # A block further down is a rule around text, not front matter.
        "# Report\n\nThe Institute was founded in 1981 in Helsinki.\n\n---\nnote: kept\n---\n",
    ],
)
def test_what_only_looks_like_front_matter_is_kept(tmp_path: Path, page: str) -> None:
    path = tmp_path / "page.md"
    path.write_text(page, encoding="utf-8")
    document, _ = read_document(path)
    assert "The Institute was founded in 1981 in Helsinki." in document.text
    if "note: kept" in page:
        assert "note: kept" in document.text


def test_a_text_file_s_dashes_are_not_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "minutes.txt"
    path.write_text("---\ntitle: Minutes of the 43rd meeting\n---\n\nThe Board met in Milan.\n", encoding="utf-8")
    assert "title: Minutes of the 43rd meeting" in read_document(path)[0].text
