from hypothesis import given
from hypothesis import strategies as st

from propalens.segment import split_sentences, tokenize


def texts(text: str, ranges: list[tuple[int, int]]) -> list[str]:
    return [text[start:end] for start, end in ranges]


def test_abbreviations_do_not_end_sentences() -> None:
    text = "The U.S. envoy met Dr. Smith in Geneva. He left on Monday."
    assert texts(text, split_sentences(text)) == [
        "The U.S. envoy met Dr. Smith in Geneva.",
        "He left on Monday.",
    ]


def test_a_quote_spanning_two_sentences_keeps_its_closing_mark() -> None:
    text = 'He said: "We will win. They will lose." Then he left.'
    assert texts(text, split_sentences(text)) == [
        'He said: "We will win.',
        'They will lose."',
        "Then he left.",
    ]


def test_line_breaks_end_sentences_so_a_title_never_runs_into_the_body() -> None:
    text = "Plague could return\n\nThe WHO chief warned on Wednesday"
    assert texts(text, split_sentences(text)) == [
        "Plague could return",
        "The WHO chief warned on Wednesday",
    ]


def test_sentences_are_only_looked_for_inside_the_given_ranges() -> None:
    text = "Body one. READ MORE: elsewhere. Body two."
    assert texts(text, split_sentences(text, [(0, 9), (32, 41)])) == ["Body one.", "Body two."]


def test_tokens_keep_dotted_abbreviations_and_inner_apostrophes() -> None:
    text = "Russia's U.S.-born anti-war envoy!"
    assert texts(text, tokenize(text)) == [
        "Russia's",
        "U.S.",
        "-",
        "born",
        "anti-war",
        "envoy",
        "!",
    ]


@given(st.text())
def test_sentences_are_trimmed_ordered_and_inside_the_text(text: str) -> None:
    previous_end = 0
    for start, end in split_sentences(text):
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end
