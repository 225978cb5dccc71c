"""The sentences a fact answer quotes, and the sentence after one that completes it (api/passages.py)."""

from api.passages import PAIR, Passages, Unit
from ingest.types import Chunk

WORKSHOP = "On 30 July, the Institute held an online workshop on the role of victims in transitional justice."
DIALOGUE = "The dialogue was attended by the United Nations Special Rapporteur on truth and justice."


def _unit(text: str) -> Unit:
    chunk = Chunk(chunk_id="c", doc_id="d", title="t", text=text, start=0, end=len(text), org="ILANUD")
    return Unit(WORKSHOP, chunk, 1.0)


def _words(*asked: str):
    return lambda sentence, following: any(w in following and w not in sentence for w in asked)


def test_a_following_sentence_on_a_new_noun_is_a_new_topic() -> None:
    unit = _unit(f"{WORKSHOP} {DIALOGUE}")
    assert Passages.with_continuation(unit).text == WORKSHOP
    assert Passages.with_continuation(unit, _words("Kenya")).text == WORKSHOP


def test_it_completes_the_sentence_when_it_holds_what_the_question_asks() -> None:
    unit = _unit(f"{WORKSHOP} {DIALOGUE}")
    assert Passages.with_continuation(unit, _words("attended")).text == f"{WORKSHOP}{PAIR}{DIALOGUE}"


def test_a_sentence_that_does_not_refer_back_is_never_added() -> None:
    unit = _unit(f"{WORKSHOP} In October, a congress on sexual diversity was attended by 200 people.")
    assert Passages.with_continuation(unit, _words("attended")).text == WORKSHOP


def test_the_sentences_own_noun_refers_back_before_a_comma() -> None:
    following = 'The workshop, on the theme "Victims first", gathered judges from five countries.'
    assert Passages.with_continuation(_unit(f"{WORKSHOP} {following}")).text == f"{WORKSHOP}{PAIR}{following}"
