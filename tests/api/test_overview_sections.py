"""An overview of a report with themed sections says what each theme held before it says more of any one: a
single-institute annual report's "Year at a glance" of a dozen dated lines must not crowd out its training,
research and publications."""

from __future__ import annotations

from pathlib import Path

from api.answer import Assistant
from index.build import update_index
from index.store import load_index
from tests.fakes import HashEmbedder

MONTHS = "January February March April May June July August September October November December".split()

THEMES = {
    "Training": "The Institute trained 60 labour inspectors from Estonia and Latvia in three courses.",
    "Research": "A survey of 1,200 migrant workers in Finland found that one in five had been underpaid.",
    "Partnerships": "The Institute signed an agreement with the Police University College of Finland.",
    "Publications": "The Institute published 14 reports, among them a handbook for employers.",
}

REPORT = (
    "# HEUNI Annual Report 2021\n\nEuropean Institute for Crime Prevention and Control\n\n"
    + "".join(f"## {heading}\n\n{text}\n\n" for heading, text in THEMES.items())
    + "## The year at a glance\n\n"
    + "".join(
        f"{month} 2021. Meeting number {n + 1} of the Institute's staff in Helsinki.\n\n"
        for n, month in enumerate(MONTHS)
    )
)


def test_every_theme_of_a_report_has_its_line_before_any_theme_has_two(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "heuni-annual-report-2021.md").write_text(REPORT, encoding="utf-8")
    embedder = HashEmbedder("all-MiniLM-L6-v2", dimension=384)
    update_index(tmp_path / "index", [tmp_path / "reports"], embedder)
    assistant = Assistant(load_index(tmp_path / "index", lambda _: embedder, embedder.name))
    answer = assistant.ask("What did HEUNI do in 2021?").answer
    lines = answer.splitlines()[1:]
    assert 5 <= len(lines) <= 10, answer  # a dozen dated lines and four themes: more than an overview holds
    for heading, text in THEMES.items():
        assert any(text[:40] in line for line in lines), (heading, answer)
    assert any("2021. Meeting number" in line for line in lines), answer  # the glance has its line too
