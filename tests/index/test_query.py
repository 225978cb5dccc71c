"""What a question asks about: institutes in any form, years, intent, language, acronyms."""

from index.query import analyze_query


def test_institutes_by_acronym_short_name_domain_and_korean_name() -> None:
    assert analyze_query("What did HEUNI do in 2020?").orgs == ("HEUNI",)
    assert analyze_query("and the Basel Institute?").orgs == ("Basel",)
    assert analyze_query("see heuni.fi").orgs == ("HEUNI",)
    assert analyze_query("UNAFEI는 어느 도시에 있나요?").orgs == ("UNAFEI",)
    assert analyze_query("한국형사·법무정책연구원은 2023년에 어떤 활동을 했나요?").orgs == ("KICJ",)
    # French and Spanish names, full or short, with their articles and accents.
    assert analyze_query("Quelles ont été les activités de l'Institut de Bâle sur la gouvernance ?").orgs == ("Basel",)
    assert analyze_query("la réunion du Conseil de l'Institut africain des Nations Unies").orgs == ("UNAFRI",)
    assert analyze_query("¿Qué hizo el instituto de basilea en 2020?").orgs == ("Basel",)
    assert analyze_query("¿Dónde está la Universidad Árabe Naif?").orgs == ("NAUSS",)


def test_years_intent_and_language() -> None:
    info = analyze_query("What did the Thailand Institute of Justice do in 2020?")
    # In English the intent is decided by meaning once passages are found (tests/api/test_answer.py), not here.
    assert info.years == (2020,) and not info.summary and info.language == "en"
    korean = analyze_query("유럽범죄방지통제연구소는 2020년에 무엇을 했나요?")
    assert korean.language == "ko" and korean.years == (2020,) and korean.summary


def test_mined_acronyms_expand_both_ways() -> None:
    acronyms = {"UNODC": "United Nations Office on Drugs and Crime"}
    assert analyze_query("What did UNODC fund?", acronyms).expansion == "United Nations Office on Drugs and Crime"
    assert analyze_query("Work with the United Nations Office on Drugs and Crime", acronyms).expansion == "UNODC"
    assert analyze_query("Nothing to expand", acronyms).expansion == ""


def test_a_long_form_inside_a_longer_one_the_question_spells_out_is_part_of_that_name() -> None:
    # A report mentions both bodies: the question spelling out the EU's institute names it, not the ISS.
    acronyms = {
        "ISS": "Institut d'études de sécurité",
        "IESUE": "Institut d'études de sécurité de l'Union européenne",
    }
    eu = "Combien de personnes l'Institut d'études de sécurité de l'Union européenne a-t-il formées ?"
    expanded = analyze_query(eu, acronyms).expansion.split()
    assert "IESUE" in expanded and "ISS" not in expanded, expanded
    assert analyze_query(eu, acronyms).orgs == ()
    iss = "Combien de personnes l'Institut d'études de sécurité a-t-il formées ?"
    assert analyze_query(iss, acronyms).expansion.split() == ["ISS"]
    assert analyze_query(iss, acronyms).orgs == ("ISS",)


def test_a_korean_question_gets_english_renderings_of_its_domain_words() -> None:
    info = analyze_query("UNAFEI는 2020년에 어떤 세미나를 열었나요?")
    assert info.language == "ko" and "seminar" in info.expansion.split()
    assert analyze_query("What seminar did UNAFEI hold?").expansion == ""  # English is searched as written
    # A glossary word inside an institute's Korean name ("…연수소" holds 연수, training) asks nothing.
    named = analyze_query("아시아극동범죄방지연수소는 어느 도시에 있나요?")
    assert named.orgs == ("UNAFEI",) and "training" not in named.expansion.split()
    # Words it writes in English are its English terms; the institute's name is no term.
    mixed = analyze_query("ICPC의 Urban Safety Lab은 누구와 파트너십으로 만들어진 건가요?")
    assert {"Urban", "Safety", "Lab"} <= set(mixed.expansion.split()) and "ICPC" not in mixed.expansion.split()
    # The field's common words, whatever the question: "주제" (theme), "파트너십" (partnership).
    theme = analyze_query("그 회의 주제는 뭐였어? 누구와 파트너십을 맺었어?").expansion.split()
    assert "theme|topic" in theme and "partnership" in theme
    glossed = analyze_query("캄보디아에서 지역사회 교정(community corrections) 워크숍을 연 연구소는 어디인가요?")
    assert {"community", "corrections"} <= set(glossed.expansion.split())


def test_spanish_and_french_questions_are_told_from_english() -> None:
    from index.query import detect_language

    assert detect_language("¿Dónde tiene su sede el HEUNI?") == "es"
    assert detect_language("Quel institut a lancé un laboratoire sur la sécurité urbaine ?") == "fr"
    assert detect_language("resumen de lo que hizo ILANUD en 2020") == "es"
    assert detect_language("¿Quién es Kittipong Kittayarak?") == "es"  # mostly a name, but "¿" is Spanish's own
    # English stays English, however terse, and names or acronyms alone never leave it.
    for question in ("What did HEUNI do in 2020?", "unafri prison reform uganda", "And UNAFEI?", "Basel LEARN"):
        assert detect_language(question) == "en", question
    assert detect_language("유엔 아시아극동범죄방지연구소는 어디에 있나요?") == "ko"
    assert detect_language("2020 ???") == "en"


def test_a_passage_naming_a_second_asked_institute_is_lifted() -> None:
    from index.hybrid import HybridRetriever
    from index.query import QueryInfo
    from index.types import FusionWeights
    from ingest.types import Chunk

    def chunk(org: str, mentions: tuple[str, ...] = ()) -> Chunk:
        return Chunk(chunk_id=org, doc_id="d", title="t", text="x", start=0, end=1, org=org, mentions=mentions)

    boost = HybridRetriever.__new__(HybridRetriever)
    boost.weights = FusionWeights()
    both = QueryInfo(orgs=("AIC", "TIJ"), years=(), summary=False)
    # "When did the AIC renew its MOU with TIJ?": the AIC's passage naming TIJ over the rest of either section.
    assert boost._boost(chunk("AIC", ("TIJ",)), both) > boost._boost(chunk("AIC"), both)
    assert boost._boost(chunk("AIC", ("TIJ",)), both) > boost._boost(chunk("TIJ", ("TIJ",)), both)
    # One institute asked: a passage naming its own institute gains nothing more.
    one = QueryInfo(orgs=("AIC",), years=(), summary=False)
    assert boost._boost(chunk("AIC", ("AIC",)), one) == boost._boost(chunk("AIC"), one)


def test_a_passage_naming_the_period_asked_is_lifted_like_one_of_a_report_covering_it() -> None:
    from index.hybrid import HybridRetriever
    from index.query import QueryInfo
    from index.types import FusionWeights
    from ingest.types import Chunk

    def chunk(text: str, years: tuple[int, ...]) -> Chunk:
        return Chunk(chunk_id="c", doc_id="d", title="t", text=text, start=0, end=len(text), years=years)

    boost = HybridRetriever.__new__(HybridRetriever)
    boost.weights = FusionWeights()
    asked = QueryInfo(orgs=(), years=(2017, 2018), summary=False)  # "in 2017–18"
    later = chunk("The program recorded 233 homicide incidents in 2017–18.", (2019, 2020))  # the 2019–20 report
    covering = chunk("The program recorded 227 homicide incidents.", (2017, 2018))
    assert boost._boost(later, asked) == boost._boost(covering, asked) > 0
    # Counter-example: naming one year of the two is not naming the period.
    assert boost._boost(chunk("In 2018 the program began.", (2019, 2020)), asked) == 0


def test_a_passage_holding_a_name_the_question_coins_in_capitals_is_lifted() -> None:
    from index.hybrid import HybridRetriever, _coined_names
    from index.query import QueryInfo
    from index.types import FusionWeights
    from ingest.types import Chunk

    question = "How much did the EU's Internal Security Fund give HEUNI's TRACE-LABOUR project, in USD?"
    # Not a body's acronym (it lifts that body's passages already), nor a short word ("EU", "USD").
    assert _coined_names(question, {"HEUNI": "European Institute for Crime Prevention and Control"}) == ["TRACE-LABOUR"]
    assert _coined_names("What did the Institute do in 2020?", {}) == []

    def chunk(text: str) -> Chunk:
        return Chunk(chunk_id="c", doc_id="d", title="t", text=text, start=0, end=len(text))

    boost = HybridRetriever.__new__(HybridRetriever)
    boost.weights = FusionWeights()
    info = QueryInfo(orgs=(), years=(), summary=False)
    named = chunk("The project TRACE-LABOUR (2018–2020) examined the proceeds of labour exploitation.")
    common = chunk("Labour exploitation leaves a trace in the accounts of companies.")  # its words, not its name
    assert boost._boost(named, info, ["TRACE-LABOUR"]) > boost._boost(common, info, ["TRACE-LABOUR"]) == 0
