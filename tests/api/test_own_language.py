"""A question asked in the language of the report it is answered from reads that report's names as it reads
English ones: a count answers only where the place or body the question names is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.answer import Assistant
from index.build import update_index
from index.store import load_index

_STUDIES = "\n\n".join(
    f"En 2021, l'Institut a publié l'étude n° {i} sur la criminalité organisée en Afrique de l'Ouest, présentée "
    "lors d'un séminaire régional à Abuja devant des chercheurs et des praticiens."
    for i in range(1, 9)
)
REPORT = f"""# Institut d'études de sécurité : rapport annuel 2021

## Publications

{_STUDIES}

## Activités au Sahel

En 2021, le bureau de Dakar a formé 96 magistrats et officiers de police judiciaire du Burkina Faso, du Mali et du
Niger au traitement judiciaire des affaires de terrorisme.

En 2022, le bureau de Dakar ouvrira une antenne à Bamako et lancera un programme de recherche sur les flux
financiers illicites.
"""


@pytest.mark.model
def test_a_count_is_not_taken_from_a_place_the_question_does_not_name(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    from index.embed import E5Embedder

    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "iss-rapport-annuel-2021.md").write_text(REPORT, encoding="utf-8")
    update_index(tmp_path / "index", [tmp_path / "reports"], real_embedder, multilingual=E5Embedder())
    assistant = Assistant(load_index(tmp_path / "index", lambda _: real_embedder, real_embedder.name, E5Embedder))
    # Dakar's office trained the 96; Bamako is named only for what comes in 2022.
    elsewhere = assistant.ask("Combien de personnes l'ISS a-t-il formées à Bamako en 2021 ?")
    assert elsewhere.abstained and "96" in elsewhere.answer, elsewhere.answer  # refused, saying what it found
    named = assistant.ask("Combien de personnes l'ISS a-t-il formées en 2021 ?")
    assert not named.abstained and "96 magistrats" in named.answer, named.answer
