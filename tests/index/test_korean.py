"""Korean words as their morphemes (index/korean.py): a word's forms, whatever particle or ending they carry,
are read as one, and so are a question's words and a Korean page's."""

from __future__ import annotations

from api.terms import words
from index.korean import content_morphemes


def test_forms_of_one_verb_are_one_word() -> None:
    # 담기다 (to be contained): "담긴" (contained, before a noun), "담겼다" (was contained), "담겨" (being so).
    assert content_morphemes("담긴") == content_morphemes("담겼다") == content_morphemes("담겨")
    assert content_morphemes("열린") == content_morphemes("열렸다")  # 열리다, to be held


def test_particles_and_endings_are_not_words() -> None:
    assert content_morphemes("권고문에는") == content_morphemes("권고문을") == content_morphemes("권고문")
    assert content_morphemes("워크숍에서") == ("워크숍",)
    # The light verb of a verbal noun (포함하다, to include) is how it is said: the noun is what it says.
    assert content_morphemes("포함하도록") == ("포함",)
    # An acronym written with a Korean particle ("KICJ랑", with KICJ) is the acronym.
    assert content_morphemes("KICJ랑") == ("kicj",)


def test_a_question_and_a_korean_sentence_share_their_words_whatever_their_forms() -> None:
    question = set(words("서울 권고문에 담긴 주요 권고 내용은 무엇인가요?"))
    sentence = set(words("권고문에는 판결 전 조사에 자녀 양육 여부를 반드시 포함하도록 하는 내용이 담겼다."))
    assert set(words("담긴 내용")) <= question & sentence
    # Other languages are read as before: stems, no morphemes.
    assert words("The recommendations were adopted") == ["recommend", "adopt"]
