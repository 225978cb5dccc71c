"""A follow-up in English on a page in French or Spanish is answered, like one on an English page, by the sentence
holding its own words ("what did it adopt?": "Elle a adopté la Déclaration ..."), not again by the sentence the
previous question was about (api/follow_ups.py): the question's words are compared where they can match, a
cognate or a name, in any language."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.test_table_figures import _assistant_over

# Invented for this test: an institute's communiqué in French.
PAGE = """# Programme régional de justice pour mineurs au Maghreb : communiqué de clôture

Rabat, le 20 avril 2023 – L'Institut international de Syracuse pour la justice pénale et les droits de l'homme
a présenté le bilan de son programme régional
de justice pour mineurs, mené en 2021 et 2022 avec les ministères de la Justice du Maroc et de la Tunisie.

Le programme a formé 310 juges, procureurs et éducateurs aux mesures alternatives à la détention des mineurs.

La conférence de clôture du programme s'est tenue à Rabat les 14 et 15 mars 2023, en présence de 120 participants.
Elle a adopté la « Déclaration de Rabat sur la justice adaptée aux enfants », qui sera présentée à la Commission
pour la prévention du crime et la justice pénale en mai 2023.
"""

HISTORY = [
    {
        "role": "user",
        "content": "When was the closing conference of the Siracusa Institute's juvenile justice programme?",
    },
    {"role": "assistant", "content": "It was held in Rabat on 14 and 15 March 2023."},
]


@pytest.mark.model
def test_an_english_follow_up_on_a_french_page_is_answered_by_its_own_words(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant_over(tmp_path, real_embedder, {"siracusa-communique-mineurs-2023-fr.md": PAGE}, True)
    answer = assistant.ask("what did it adopt?", HISTORY)
    assert not answer.abstained and "Déclaration de Rabat" in answer.answer, answer.answer
