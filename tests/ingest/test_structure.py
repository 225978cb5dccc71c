"""Structure detection on the real corpus: title, date, period, one section per institute."""

from collections import Counter

import pytest

from ingest.pipeline import read_document
from tests.conftest import CORPUS

UN = CORPUS / "un-pni-institutes-activities-2020.txt"
KICJ = CORPUS / "kicj-un-international-cooperation-2023.txt"

INSTITUTE_SECTIONS = {
    "UNICRI": "II. Activities of the United Nations Interregional Crime and Justice Research Institute",
    "UNAFEI": "A. Asia and Far East Institute for the Prevention of Crime and the Treatment of Offenders",
    "ILANUD": "B. Latin American Institute for the Prevention of Crime and the Treatment of Offenders",
    "HEUNI": "C. European Institute for Crime Prevention and Control, affiliated with the United Nations",
    "UNAFRI": "D. United Nations African Institute for the Prevention of Crime and the Treatment of Offenders",
    "ICCLR": "E. International Centre for Criminal Law Reform and Criminal Justice Policy",
    "AIC": "F. Australian Institute of Criminology",
    "Siracusa": "G. Siracusa International Institute for Criminal Justice and Human Rights",
    "NAUSS": "H. Naif Arab University for Security Sciences",
    "NIJ": "I. National Institute of Justice of the Department of Justice of the United States of America",
    "RWI": "J. Raoul Wallenberg Institute of Human Rights and Humanitarian Law",
    "ICPC": "K. International Centre for the Prevention of Crime",
    "ISS": "L. Institute for Security Studies",
    "KICJ": "M. Korean Institute of Criminology",
    "Basel": "N. Basel Institute on Governance",
    "CCLS": "O. College for Criminal Law Science",
    "TIJ": "P. Thailand Institute of Justice",
    "ISPAC": "IV. Activities of the International Scientific and Professional Advisory Council",
}


@pytest.fixture(scope="module")
def un():  # type: ignore[no-untyped-def]
    return read_document(UN)


@pytest.fixture(scope="module")
def kicj():  # type: ignore[no-untyped-def]
    return read_document(KICJ)


def test_un_report_title_date_and_period(un) -> None:  # type: ignore[no-untyped-def]
    doc, _ = un
    assert doc.title == (
        "Activities of the institutes of the United Nations crime prevention and criminal justice programme network"
    )
    assert doc.date == "5 March 2021"
    assert doc.year == 2020  # activities in 2020, published 2021


def test_every_institute_has_its_own_section(un) -> None:  # type: ignore[no-untyped-def]
    doc, _ = un
    by_org = {s.org: s.heading for s in doc.sections if s.org}
    assert by_org == INSTITUTE_SECTIONS


def test_every_chunk_of_an_institute_section_knows_its_organisation(un) -> None:  # type: ignore[no-untyped-def]
    doc, chunks = un
    heuni = [c for c in chunks if c.org == "HEUNI"]
    assert {c.section for c in heuni} == {INSTITUTE_SECTIONS["HEUNI"]}
    assert any("FLOW project" in c.text for c in heuni)
    assert all(c.year == 2020 for c in chunks)
    counts = Counter(c.org for c in chunks)
    assert set(counts) - {None} == set(INSTITUTE_SECTIONS)
    assert all(doc.text[c.start : c.end] == c.text for c in chunks)


def test_paragraph_numbers_are_kept_as_locators(un) -> None:  # type: ignore[no-untyped-def]
    _, chunks = un
    flow = next(c for c in chunks if "(the FLOW project)" in c.text)
    assert flow.paragraph is not None and flow.paragraph.startswith("10")
    assert "(a)" in flow.paragraph


def test_kicj_page_title_date_period_and_publisher(kicj) -> None:  # type: ignore[no-untyped-def]
    doc, chunks = kicj
    assert doc.title == "Annual Report on UN・International Cooperation and Research for Crime Prevention (XIX)"
    assert doc.date == "December 31, 2023"
    assert doc.year == 2023
    assert {c.org for c in chunks} == {"KICJ"}
    assert "바로가기" not in doc.text and "Hit266" not in doc.text and "Download" not in doc.text
    assert [s.heading for s in doc.sections][:2] == [
        "1. Strengthening the UN and UNPNI cooperation network",
        "2. Building and strengthening international cooperation networks",
    ]


def test_chunks_never_cross_a_section_boundary(un, kicj) -> None:  # type: ignore[no-untyped-def]
    for doc, chunks in (un, kicj):
        starts = sorted(s.start for s in doc.sections)
        for chunk in chunks:
            assert not any(chunk.start < start < chunk.end for start in starts), chunk.text[:80]
            assert len(chunk.text) <= 900


def test_acronyms_defined_in_the_reports_are_mined(un, kicj) -> None:  # type: ignore[no-untyped-def]
    un_acronyms, kicj_acronyms = dict(un[0].acronyms), dict(kicj[0].acronyms)
    assert un_acronyms["UNODC"] == "United Nations Office on Drugs and Crime"
    assert un_acronyms["ASEAN"] == "Association of Southeast Asian Nations"
    assert kicj_acronyms["GI-TOC"] == "Global Initiative on Transnational Organized Crime"
    assert "HEUNI" not in kicj_acronyms  # "European Institute ... (HEUNI)" does not spell HEUNI: not guessed


def test_a_press_releases_header_lines_do_not_hide_the_period_its_first_paragraph_states() -> None:
    from ingest.structure import detect_structure

    header = "\n\n".join(
        [
            "COMMUNIQUÉ DE PRESSE",
            "Pour diffusion immédiate",
            "Émetteur ......... Institut international de Syracuse",
            "Lieu et date ..... Syracuse (Italie), le 14 mars 2023",
            "Référence ........ CP/2023/07",
            "Contact presse ... Chiara Lombardo, chargée de communication",
            "Tél. : +39 0931 41 45 15",
            "Pièces jointes ... Fiche de synthèse du programme (2 pages)",
            "==========",
            "Justice pour mineurs au Maghreb : le programme a formé 1 340 professionnels en deux ans",
        ]
    )
    body = (
        "Le programme « Enfance et justice au Maghreb », mis en œuvre du 1er janvier 2021 au 31 décembre 2022, a "
        "réduit de près d'un quart le recours à la détention provisoire des mineurs en 2022."
    )
    period = detect_structure(f"{header}\n\n{body}\n\n" + "En 2022, le programme a formé des juges. " * 3).period
    assert period is not None and (period.first, period.last) == (2021, 2022)
