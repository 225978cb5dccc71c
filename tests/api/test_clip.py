"""Clipping a long quoted sentence to the clauses that answer (api/clip.py)."""

from api.clip import ELLIPSIS, clauses, clip

LONG = (
    "Officials from relevant overseas organizations, including the Thai Senate Legislation and Judiciary and "
    "Police Committee, Kenya's KOICA-NCRC training group, Uzbekistan's Ministry of Internal Affairs delegation, "
    "and Director Taro Morinaga of the United Nations Asia and Far East Institute (UNAFEI), visited a total of "
    "five times, and international cooperation conferences were held at Griffith University in Australia."
)


def _has(*words: str):
    return lambda text: float(sum(w in text for w in words))


def test_a_sentence_within_the_budget_is_quoted_whole() -> None:
    assert clip(LONG, _has("visited"), len(LONG)) == LONG


def test_the_run_holding_the_asked_words_is_kept_and_cuts_are_marked() -> None:
    clipped = clip(LONG, _has("Morinaga", "visited"), 200)
    assert len(clipped) <= 200 + 2 * len(ELLIPSIS + " ")
    assert "Director Taro Morinaga" in clipped and "visited a total of five times" in clipped
    assert clipped.startswith(ELLIPSIS) and clipped.endswith(ELLIPSIS)
    assert "Griffith" not in clipped


def test_with_nothing_to_go_by_the_sentence_start_is_kept() -> None:
    clipped = clip(LONG, lambda text: 0.0, 150)
    assert clipped.startswith("Officials from relevant overseas organizations")
    assert clipped.endswith(ELLIPSIS)


def test_commas_inside_brackets_and_quotes_do_not_split() -> None:
    sentence = 'The theme was "Tasks in criminal policy, amid the pandemic", held (in Seoul, Korea), on 4 September.'
    parts = [sentence[s:e] for s, e in clauses(sentence)]
    assert parts == [
        'The theme was "Tasks in criminal policy, amid the pandemic",',
        "held (in Seoul, Korea),",
        "on 4 September.",
    ]


def test_one_clause_longer_than_the_budget_is_cut_at_a_word() -> None:
    sentence = "word " * 60
    clipped = clip(sentence.strip(), lambda text: 1.0, 50)
    assert clipped.endswith(ELLIPSIS) and not clipped.startswith(ELLIPSIS)
    assert all(part == "word" for part in clipped.removesuffix(ELLIPSIS).split())
