"""Cleaning what real extractions contain."""

from ingest.clean import clean_pages


def test_non_breaking_and_zero_width_spaces_become_plain_spaces() -> None:
    text = clean_pages(["\u00a0\u00a0Since joining\u00a0the network,\u200b the Institute grew."]).text
    assert text == "Since joining the network, the Institute grew."


def test_footnote_marker_removed_and_note_follows_the_citing_paragraph() -> None:
    pages = [
        "8. The Institute took a leap forward in online training.²\n\n"
        "9. It launched a strategy.\n\n"
        "² Resources are available at www.heuni.fi.\n\n"
        "10. It ran projects."
    ]
    text = clean_pages(pages).text
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == "8. The Institute took a leap forward in online training."
    assert paragraphs[1] == "Note: Resources are available at www.heuni.fi."
    assert "²" not in text and "2 Resources" not in text
    assert paragraphs[2:] == ["9. It launched a strategy.", "10. It ran projects."]


def test_sentence_broken_by_page_break_and_footnote_is_joined() -> None:
    pages = [
        "(b) In conjunction with the project, the Institute initiated a survey\n\n"
        "² The open access online resources are available at www.heuni.fi.\n\n"
        "for research on the use of video testimony;\n\n"
        "(c) The KORSI project released a report."
    ]
    paragraphs = clean_pages(pages).text.split("\n\n")
    assert "the Institute initiated a survey for research on the use of video testimony;" in paragraphs[0]
    assert paragraphs[-1] == "(c) The KORSI project released a report."


def test_pdf_pages_keep_their_offsets_when_a_sentence_spans_them() -> None:
    cleaned = clean_pages(
        ["1. A workshop was held in Dili, during which", "33 officers discussed offenders."], reflow=True
    )
    assert cleaned.text == "1. A workshop was held in Dili, during which 33 officers discussed offenders."
    assert cleaned.page_starts == (0, cleaned.text.index("33 officers"))


def test_link_residue_emphasis_and_tags_are_removed() -> None:
    text = clean_pages(
        [
            "General Assembly resolution [46/152](#) and report ([E/CN.15/2020/8](#)).\n\n"
            "Available at <https://icclr.org/publications>.\n\n"
            "the *UNAFEI Newsletter* (No. 161) and **bold** text\n\n"
            "<i>Page</i> marker"
        ]
    ).text
    assert "resolution 46/152 and report (E/CN.15/2020/8)." in text
    assert "Available at https://icclr.org/publications." in text
    assert "the UNAFEI Newsletter (No. 161) and bold text" in text
    assert "<i>" not in text and "Page marker" in text


def test_table_of_contents_is_dropped() -> None:
    text = clean_pages(
        [
            "Contents\n\n\t<i>Page</i>\nI. Introduction\t3\nII. Activities of UNICRI\t3\n\n"
            "I. Introduction\n\n1. The Commission facilitates the work of the institutes."
        ]
    ).text
    assert text == "I. Introduction\n\n1. The Commission facilitates the work of the institutes."


def test_a_table_of_contents_whose_columns_are_headed_contents_and_page_is_dropped() -> None:
    # A PDF's contents set as a table (ingest/pdf_layout.py joins its cells): "Contents   Page" heads it.
    page = "Contents   Page\nForeword by the Director   3\nFinances   6\n\nForeword by the Director\n\nIt was busy."
    assert clean_pages([page]).text == "Foreword by the Director\n\nIt was busy."
    # Counter-example: a table whose first column is headed otherwise is a table of figures.
    figures = "Country   Trained\nKenya   45\nPeru   212\n\nThat is 257 in all."
    assert "Kenya — Trained: 45." in clean_pages([figures]).text


def test_web_navigation_is_dropped_and_labels_unglued() -> None:
    text = clean_pages(
        [
            "주 메뉴 바로가기 본문으로 바로가기\n\nKICJ Research Reports\n\n"
            "Annual Report (ⅩⅨ) 사진\nAnnual Report (ⅩⅨ)\n"
            "  • LanguageKorean\n  • Date December 31, 2023\n  • Hit266\n\n"
            "  • pdf 첨부파일 23-B-03.pdf (13.42MB / Download:98) Download"
        ],
        web=None,  # a page saved as text: recognised by its furniture
    ).text
    assert text.split("\n\n") == [
        "KICJ Research Reports",
        "Annual Report (XIX)",
        "Language: Korean",
        "Date: December 31, 2023",
    ]


def test_running_headers_and_footers_are_removed_from_pdf_pages() -> None:
    topics = ["training of judges", "prison reform", "asset recovery", "cybercrime research"]
    pages = [
        f"E/CN.15/2021/6\n\n{n}. In 2020 the Institute worked on {topic}.\n\n"
        f"It published a study on {topic} in several languages.\n\nV.21-01234 {n}/18"
        for n, topic in enumerate(topics, start=1)
    ]
    cleaned = clean_pages(pages, reflow=True)
    # The header stays once, atop the first page: the document's symbol, said nowhere else.
    assert cleaned.text.startswith("E/CN.15/2021/6\n") and cleaned.text.count("E/CN.15/2021/6") == 1
    assert "V.21" not in cleaned.text
    assert "1. In 2020 the Institute worked on training of judges." in cleaned.text
    assert len(cleaned.page_starts) == 4
    assert cleaned.text[cleaned.page_starts[2] :].startswith("3. In 2020 the Institute worked on asset recovery.")


def test_a_long_running_footer_is_known_by_its_page_number_alone() -> None:
    footer = "Annual Report on UN·International Cooperation and Research for Crime Prevention (XIX) | Korea Institute"
    topics = ["judges", "prisons", "assets", "cybercrime", "victims"]
    pages = [
        f"It trained staff on {t}.\nIt wrote on {t}.\nIt met on {t}.\n\n{footer} | {n}" for n, t in enumerate(topics)
    ]
    text = clean_pages(pages, reflow=True).text
    assert footer not in text and "It met on victims." in text
    # Counter-example: long lines at a page's edge that differ by a number inside them stay (shorter ones are a
    # header's: "V.21-01234 3/18").
    held = "the Institute held meetings with partners in cities across the region and with its ministries."
    closing = [f"It trained staff on {t}.\n\nIn {2015 + n} {held}" for n, t in enumerate(topics)]
    assert all(f"In {2015 + n} the Institute" in clean_pages(closing, reflow=True).text for n in range(5))


def test_markdown_headings_are_recorded_without_hashes() -> None:
    cleaned = clean_pages(["# Annual report 2022\n\n## Training\n\nWe trained 40 judges."], markdown=True)
    assert cleaned.text == "Annual report 2022\n\nTraining\n\nWe trained 40 judges."
    assert cleaned.headings == ((0, 1), (20, 2))


# Counter-examples: text that looks like furniture or a pattern the cleaner removes, and must survive.


def test_words_that_start_like_a_label_are_not_unglued() -> None:
    text = clean_pages(["Dates of the sessions were fixed.\n\nAuthorship of the study is shared."], web=True).text
    assert text == "Dates of the sessions were fixed.\n\nAuthorship of the study is shared."


def test_a_table_of_figures_is_not_a_table_of_contents() -> None:
    pages = ["Participants by country:\n\nKenya      45\nUganda      30\nTanzania      12\n\nThat is 87 in all."]
    assert clean_pages(pages).text.split("\n\n") == [
        "Participants by country:",
        "Kenya — Participants by country: 45.",
        "Uganda — Participants by country: 30.",
        "Tanzania — Participants by country: 12.",
        "That is 87 in all.",
    ]


def test_a_table_of_contents_with_dot_leaders_needs_no_label() -> None:
    pages = ["Introduction ........ 3\nTraining of judges ........ 5\n\nIntroduction\n\nThe year began online."]
    assert clean_pages(pages).text == "Introduction\n\nThe year began online."


def test_a_unit_exponent_is_not_a_footnote_marker() -> None:
    pages = ["The centre has 500 m² of classrooms and a 2 km³ reservoir.³\n\n³ Built in 2019."]
    text = clean_pages(pages).text
    assert text == "The centre has 500 m² of classrooms and a 2 km³ reservoir.\n\nNote: Built in 2019."


def test_web_furniture_rules_stay_off_reports() -> None:
    report = "Hit 12\n\nHome\n\nThe 조회수 of the portal rose."
    assert clean_pages([report], reflow=True).text == "Hit 12\n\nHome\n\nThe 조회수 of the portal rose."
    # One kind of furniture alone does not make a text a saved web page: a report may say "Home" on a line.
    assert clean_pages(["Home\n\nThe Institute moved home."], web=None).text == "Home\n\nThe Institute moved home."


def test_equal_paragraphs_around_page_breaks_do_not_crash_the_joining() -> None:
    # Found by hypothesis: equal blocks made the joiner look up the wrong one ("_Block(...) is not in list").
    assert clean_pages(["-\n1", "-\n1", "b"]).text == "- 1\n\n- 1 b"


_WRAPPED = """RAPPORT ANNUEL 2021
Période couverte : 1er janvier - 31 décembre 2021

1. PRESENTATION

L'Institut d'études de sécurité (ISS) est une organisation africaine à but non
lucratif dont le siège est à Pretoria (Afrique du Sud) et qui dispose de bureaux
à Addis-Abeba, Dakar et Nairobi. Il fait partie du réseau des instituts du
Programme des Nations Unies pour la prévention du crime.

L'étude sur l'orpaillage, fondée sur 146 entretiens menés dans les régions de
Kédougou (Sénégal) et de Kayes (Mali), estime que les sites emploient plus de
50 000 personnes. Les dates des missions de terrain ont été fixées selon la
saison des pluies. Le budget était financé par l'Union européenne, les Pays-
Bas et la Norvège, pour l'exercice 2021 (1er mars 2021 - 28 février
2022) et au-delà, au titre de la crimi-
nalité organisée.

3.1 Criminalité organisée au Sahel

Répartition des participants par pays :
Sénégal                                412
Mali                                   236
------------------------------------------------------------------------------
Contact : Bureau de Dakar, Route de Ngor, Immeuble Atryum, 4e étage, Dakar.
"""


def test_a_hard_wrapped_text_file_is_read_as_paragraphs() -> None:
    # Wrapped at a fixed width, with blank lines between paragraphs (e-mail, pdftotext output, typewritten
    # reports): a full line runs on; titles, short lines, table rows and rules stay lines of their own.
    paragraphs = clean_pages([_WRAPPED], reflow=None).text.split("\n\n")
    assert paragraphs == [
        "RAPPORT ANNUEL 2021",
        "Période couverte : 1er janvier - 31 décembre 2021",
        "1. PRESENTATION",
        "L'Institut d'études de sécurité (ISS) est une organisation africaine à but non lucratif dont le siège est "
        "à Pretoria (Afrique du Sud) et qui dispose de bureaux à Addis-Abeba, Dakar et Nairobi. Il fait partie du "
        "réseau des instituts du Programme des Nations Unies pour la prévention du crime.",
        "L'étude sur l'orpaillage, fondée sur 146 entretiens menés dans les régions de Kédougou (Sénégal) et de "
        "Kayes (Mali), estime que les sites emploient plus de 50 000 personnes. Les dates des missions de terrain "
        "ont été fixées selon la saison des pluies. Le budget était financé par l'Union européenne, les Pays-Bas et "
        "la Norvège, pour l'exercice 2021 (1er mars 2021 - 28 février 2022) et au-delà, au titre de la "
        "criminalité organisée.",
        "3.1 Criminalité organisée au Sahel",
        "Répartition des participants par pays :",
        "Sénégal — Répartition des participants par pays: 412.",
        "Mali — Répartition des participants par pays: 236.",
        "------------------------------------------------------------------------------",
        "Contact : Bureau de Dakar, Route de Ngor, Immeuble Atryum, 4e étage, Dakar.",
    ]


def test_a_text_with_a_line_per_paragraph_is_not_unwrapped() -> None:
    # Long lines, each a paragraph, and short ones under them: nothing here was wrapped by a width.
    lines = [f"{n}. In 2020 the Institute held the seminar number {n} on a theme of its work, " * 3 for n in (1, 2)]
    text = "\n".join([lines[0], "Held online.", lines[1], "Held in Tokyo.", "", "Annex", "Contents of the annex"] * 3)
    assert clean_pages([text], reflow=None).text == clean_pages([text]).text


def test_a_year_closing_a_bracket_or_a_spanish_o_is_no_list_marker() -> None:
    # "2019) and" once lost its year as if "2019)" were a list marker like "1)"; "o las" its "o".
    pages = ["Workshops were held in Vilnius (May\n2019) and Stockholm.\n\nJueces, fiscales\no las defensorías."]
    assert clean_pages(pages, reflow=True).text == (
        "Workshops were held in Vilnius (May 2019) and Stockholm.\n\nJueces, fiscales o las defensorías."
    )
    assert clean_pages(["Items:\n1) Training\no Research"]).text == "Items:\n\nTraining\n\nResearch"


def test_a_rule_of_dashes_does_not_run_on_into_the_next_line() -> None:
    text = clean_pages(["The year ended.\n-----\nContact: Dakar."]).text
    assert text == "The year ended.\n\n-----\n\nContact: Dakar."
    assert clean_pages(["The crimi-\nnalité organisée"]).text == "The criminalité organisée"


def test_a_table_is_read_row_by_row_with_its_column_headings() -> None:
    # As pypdf extracts a table set in columns: once a paragraph of figures glued to the prose after it.
    page = (
        "Before the suspension, 1,904 detainees were interviewed:\n"
        "  Site                 Detainees interviewed     Positive (%)\n"
        "  Perth                                  418               63\n"
        "  Sydney (Bankstown)                     247               41\n"
        "The Institute also evaluated the Court Link program."
    )
    assert clean_pages([page], reflow=True).text.split("\n\n") == [
        "Before the suspension, 1,904 detainees were interviewed:",
        "Site | Detainees interviewed | Positive (%)",
        "Perth — Detainees interviewed: 418; Positive (%): 63.",
        "Sydney (Bankstown) — Detainees interviewed: 247; Positive (%): 41.",
        "The Institute also evaluated the Court Link program.",
    ]
    markdown = (
        "| Activity | 2021 | 2022 (Jan.-June) |\n|---|---|---|\n| Webinars | 6 | 1,460 |\n| Training | 14 | 1,120 |"
    )
    assert clean_pages([markdown], markdown=True).text.split("\n\n") == [
        "Activity | 2021 | 2022 (Jan.-June)",
        "Webinars — 2021: 6; 2022 (Jan.-June): 1,460.",
        "Training — 2021: 14; 2022 (Jan.-June): 1,120.",
    ]


def test_rows_without_column_headings_or_figures_keep_their_words() -> None:
    figures = "Canada          412\nKenya           118"  # no heading row: each row stays as it is
    assert clean_pages([figures]).text == "Canada 412\n\nKenya 118"
    glossary = "UNAFEI     Asia and Far East Institute\nHEUNI      European Institute"  # no figures: not a table
    assert clean_pages([glossary]).text == "UNAFEI Asia and Far East Institute\n\nHEUNI European Institute"
    prose = "The Institute trained   45 judges in 2020, online."  # one line with a wide gap is no table
    assert clean_pages([prose]).text == "The Institute trained 45 judges in 2020, online."


def test_rows_without_column_headings_are_read_with_the_lead_in_that_introduces_them() -> None:
    page = "Participants by country in online training:\n\nCanada          412\nKenya           118"
    assert clean_pages([page]).text.split("\n\n") == [
        "Participants by country in online training:",
        "Canada — Participants by country in online training: 412.",
        "Kenya — Participants by country in online training: 118.",
    ]
    # Counter-examples: a sentence above the rows does not introduce them, and words are no figures.
    assert clean_pages(["The Centre trained many.\n\nCanada     412"]).text.endswith("\n\nCanada 412")
    names = "Directors:\n\nUNAFEI     Taro Morinaga\nHEUNI      Markku Heiskanen"
    assert clean_pages([names]).text.split("\n\n")[1:] == ["UNAFEI Taro Morinaga", "HEUNI Markku Heiskanen"]


def test_a_pdf_line_ending_in_a_semicolon_or_bracket_runs_on_into_a_lower_case_line() -> None:
    page = (
        "(a) The Institute revised its research priorities, with a focus on violence against women and children;\n"
        "transnational serious and organized crime; and illicit drugs;\n"
        "(b) The Institute partnered with the International Criminal Police Organization (INTERPOL)\n"
        "and the Global Initiative against Transnational Organized Crime;\n"
        "The Enact project is funded by the European Union."
    )
    assert clean_pages([page], reflow=True).text.split("\n\n") == [
        "(a) The Institute revised its research priorities, with a focus on violence against women and children; "
        "transnational serious and organized crime; and illicit drugs;",
        "(b) The Institute partnered with the International Criminal Police Organization (INTERPOL) "
        "and the Global Initiative against Transnational Organized Crime;",
        # Counter-example: after ";" a capital starts a paragraph of its own, as an item does.
        "The Enact project is funded by the European Union.",
    ]


def test_a_short_pdf_line_before_a_capital_ends_its_paragraph() -> None:
    full = "The Institute for Security Studies is an independent non-profit African organization that works"
    page = "\n".join(
        [
            "Original: English",
            "Commission on Crime Prevention",
            full,
            "across the continent and",  # short, but a lower-case line runs on
            "enhances human security. Headquartered in Pretoria, the Institute has offices in Dakar",
            "Kenya      45",  # a table row stays a line of its own, left to the table reader
            "Uganda      12",
            full,
            full,
        ]
    )
    paragraphs = clean_pages([page], reflow=True).text.split("\n\n")
    assert paragraphs[:2] == ["Original: English", "Commission on Crime Prevention"]
    assert paragraphs[2] == f"{full} across the continent and enhances human security. Headquartered in Pretoria, " + (
        "the Institute has offices in Dakar"
    )


def test_a_numbered_paragraph_run_on_in_a_pdf_line_starts_its_own() -> None:
    page = (
        "2. The Secretary-General seeks to ensure that the resources of the institutes are used. Member States are\n"
        "invited to explore cooperative projects with the institutes. 3. The present report was prepared by the\n"
        "European Institute. It contains the contributions received by 11 February 2021. 4. In 2020, the network\n"
        "held two meetings. Section 7. Other figures after a full stop stay: the mandate of 2013. 9. The end."
    )
    paragraphs = clean_pages([page], reflow=True).text.split("\n\n")
    assert [p[:8] for p in paragraphs] == ["2. The S", "3. The p", "4. In 20"]
    # Counter-example: "7." and "9." are not the paragraph after 4: they stay in the sentence they are in.
    assert paragraphs[-1].endswith("Section 7. Other figures after a full stop stay: the mandate of 2013. 9. The end.")


def test_in_a_numbered_pdf_only_a_number_starts_a_paragraph() -> None:
    items = "\n".join(f"({letter}) The Institute held event {n} in Vienna;" for n, letter in enumerate("defghijkl"))
    pages = [
        "12. In 2020, the College carried out the following activities:\n"
        "(a) The Ninth International Forum was held in Beijing;\n"
        "(b) The launch of the modules was held at Beijing Normal University.\n"
        "Officials from UNODC and about 100 professors took part;\n"
        "(c) On 19 November 2020, the launch was held at the University.",
        f"About 100 students took part online;\n{items}",
    ]
    paragraphs = clean_pages(pages, reflow=True).text.split("\n\n")
    assert paragraphs[2] == (
        "(b) The launch of the modules was held at Beijing Normal University. "
        "Officials from UNODC and about 100 professors took part;"
    )
    assert paragraphs[3].startswith("(c) On 19 November 2020")
    assert paragraphs[3].endswith("About 100 students took part online;")  # across the page break
    # Counter-example: where paragraphs are not numbered, a number does not decide (see the next test).
    plain = ["The Institute held a forum.\n" + "Officials from UNODC and the host ministry took part in it.\n" * 5]
    assert clean_pages(plain, reflow=True).text.split("\n\n")[0] == "The Institute held a forum."


def test_a_full_pdf_line_runs_on_after_a_full_stop_and_a_short_one_ends_its_paragraph() -> None:
    line = "The Institute held its annual forum in Seoul with partners."  # 59 characters: a full line here
    page = "\n".join(
        [
            line,
            "It was the first face-to-face forum since the pandemic ended.",  # the wrap fell after "partners."
            "Officials took part.",  # short: the author ended the paragraph
            line,
            line,
            "(b) An item starts its own paragraph, full line before it or not.",
        ]
    )
    assert clean_pages([page], reflow=True).text.split("\n\n") == [
        f"{line} It was the first face-to-face forum since the pandemic ended. Officials took part.",
        f"{line} {line}",
        "(b) An item starts its own paragraph, full line before it or not.",
    ]


def test_a_word_broken_at_its_own_hyphen_keeps_it() -> None:
    page = (
        "The 10th International Forum was the first face-to-\n"
        "face meeting since COVID-19. The Institute is an independent non-\n"
        "profit organi-\n"
        "zation, a non-profit body, and its crimi-\n"
        "nal justice work is known."
    )
    text = clean_pages([page], reflow=True).text
    assert "first face-to-face meeting" in text and "independent non-profit organization" in text
    # Counter-examples: a break the line made is undone.
    assert "a non-profit body" in text and "criminal justice work" in text


def test_a_markdown_table_with_empty_column_headings_is_read_as_fields() -> None:
    # Markdown needs a heading row; a table of fields leaves it empty. Each row is a field and its value.
    markdown = "| | |\n|---|---|\n| **Date** | Friday, 25 November 2022 |\n| **Place** | Milan, Italy, and online |"
    assert clean_pages([markdown], markdown=True).text.split("\n\n") == [
        "Date: Friday, 25 November 2022",
        "Place: Milan, Italy, and online",
    ]
    # Counter-examples: rows under headings, and text set in columns, keep their reading.
    headed = "| Field | Value |\n|---|---|\n| Date | Friday |\n| Place | Milan |"
    assert clean_pages([headed], markdown=True).text.split("\n\n") == ["Field Value", "Date Friday", "Place Milan"]
    glossary = "UNAFEI     Asia and Far East Institute\nHEUNI      European Institute"
    assert clean_pages([glossary]).text == "UNAFEI Asia and Far East Institute\n\nHEUNI European Institute"


def test_a_markdown_table_of_words_in_three_columns_or_more_is_read_with_its_headings() -> None:
    # Minutes' action points: run together, the rows were one paragraph of words with no column to tell them by.
    markdown = (
        "| No. | Action | Responsible | Deadline |\n|---|---|---|---|\n"
        "| 1 | Send the programme to the Board | Secretariat | 2 December 2022 |\n"
        "| 2 | Launch the new website | Secretariat | 31 January 2023 |"
    )
    assert clean_pages([markdown], markdown=True).text.split("\n\n") == [
        "No. | Action | Responsible | Deadline",
        "1 — Action: Send the programme to the Board; Responsible: Secretariat; Deadline: 2 December 2022.",
        "2 — Action: Launch the new website; Responsible: Secretariat; Deadline: 31 January 2023.",
    ]
    # Counter-examples: words set in columns by spaces are no sure table, and two columns read as label and value.
    glossary = "UNAFEI     Asia and Far East Institute     Tokyo\nHEUNI      European Institute     Helsinki"
    assert " — " not in clean_pages([glossary]).text
    headed = "| Field | Value |\n|---|---|\n| Date | Friday |\n| Place | Milan |"
    assert clean_pages([headed], markdown=True).text.split("\n\n") == ["Field Value", "Date Friday", "Place Milan"]
