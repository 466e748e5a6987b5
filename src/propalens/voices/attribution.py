"""Who speaks a direct quote: the frame after it, the words leading into it, or the line before.

Tried in turn: a frame right after the closing mark ('"...," Morbitzer said'), a short line
after the quote, a headline-style "Name:" before it, the words that lead into it in its sentence
("Batten echoed that saying, "...""), and a line that introduces it ("X issued a statement.").
Titles of films and shows and scare quotes ("the so-called "experts"") quote nobody.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from propalens.lang import LanguagePack
from propalens.lines import LineIndex, count_line_breaks
from propalens.ranges import Range
from propalens.settings import MAX_SENTENCE_CHARS
from propalens.voices.direct import DOUBLE_MARKS, DirectQuote
from propalens.voices.subjects import (
    Token,
    clause_subject,
    participle_subject,
    phrase_of,
    subject_before,
    tokens_in,
)


def direct_speaker_phrase(
    text: str,
    quote: DirectQuote,
    sentence: Range,
    lines: LineIndex,
    after_previous: int,
    lang: LanguagePack,
) -> str | None:
    """The speaker phrase that the words around `quote` give (see the module doc), or None
    when they name nobody.  The words after the quote are read up to a sentence's length, so a
    long line of quotes costs its length."""
    _, line_end = lines.bounds(quote.close_mark)
    after = text[quote.close_mark + 1 : min(line_end, quote.close_mark + 1 + MAX_SENTENCE_CHARS)]
    phrase = _speaker_after(after, lang)
    if phrase is None and _NON_SPACE.search(text, quote.close_mark + 1, line_end) is None:
        following = lines.following(line_end)
        next_line = text[following[0] : following[1]] if following else ""
        if (
            next_line
            and len(next_line.split()) <= 8
            and next_line.strip()[:1] not in DOUBLE_MARKS + "‘'"
        ):
            phrase = _speaker_leading(next_line, lang)
    if phrase:
        return phrase
    open_line_start, _ = lines.bounds(quote.open_mark)
    colon = _HEADLINE_SPEAKER.match(
        text, open_line_start, min(quote.open_mark, open_line_start + MAX_SENTENCE_CHARS)
    )
    if colon:
        return colon.group(1)
    # The words that lead into the quote: first those after any quote before it in the
    # sentence ('"A," Trump said, citing Kim's ability to "B"'), then the whole sentence.
    sentence_start = max(open_line_start, sentence[0])
    starts = dict.fromkeys(
        [max(sentence_start, min(after_previous, quote.open_mark)), sentence_start]
    )
    for before_start in starts:
        if not text[before_start : quote.open_mark].strip():
            continue
        found = _speaker_before(text, before_start, quote.open_mark, lang)
        if found is None and phrase == "":
            subject = clause_subject(tokens_in(text, before_start, quote.open_mark), lang)
            found = phrase_of(text, subject) if subject else None
        if found is not None:
            return found
    return None


_HEADLINE_SPEAKER = re.compile(r"[ \t]*((?:[A-Z][\w.'’\-]*[ \t]*){1,4}):[ \t]")
_NON_SPACE = re.compile(r"\S")


# A speaker noun phrase of up to eight words ("Westerville Police Chief Joe Morbitzer", "he").
_NAME_WORD = r"[A-Z][\w.'’\-]*|[a-z][\w'’\-]*"


_SPEAKER_NP = rf"(?P<sp>(?:{_NAME_WORD})(?:\s+(?:{_NAME_WORD})){{0,7}}?)"


@dataclass(frozen=True)
class _Patterns:
    """The patterns of attribution that a language's reporting verbs make."""

    after: tuple[re.Pattern[str], ...]
    """Frames right after a closing mark, tried in order."""
    speaker_end: re.Pattern[str]
    """Where the speaker named after a closing mark ends: a comma or one of the words."""
    leading: re.Pattern[str]
    """A short line after a quote that names its speaker ("Morbitzer said.")."""
    title_cues: re.Pattern[str]
    introducing: re.Pattern[str]


@cache
def _patterns(lang: LanguagePack) -> _Patterns:
    speech = lang.speech
    verbs = "|".join(sorted(speech.attribution_verbs, key=len, reverse=True))
    after_subject = re.compile(
        rf"^\s*[,.!?…]*\s*{_SPEAKER_NP}\s+(?:\w+ly\s+|also\s+|then\s+)?(?:{verbs})\b"
    )
    after_inverted = re.compile(
        r"^\s*[,.!?…]*\s*(?:" + "|".join(sorted(speech.invertible)) + r")\s+(?P<sp>[^,.;:!?\n]+)"
    )
    after_appositive = re.compile(
        rf"^\s*[,.!?…]*\s*(?P<sp>[A-Z][^,\n]{{1,60}}),[^\n\"“”]{{1,120}}?,\s*(?:{verbs})\b"
    )
    according = " ".join(map(re.escape, speech.according_to))
    after_according = re.compile(rf"^\s*[,.]?\s*{according} (?P<sp>[^,.;\n]+)", re.IGNORECASE)
    return _Patterns(
        after=(after_according, after_inverted, after_subject, after_appositive),
        speaker_end=re.compile(
            ",|" + "|".join(rf"\b{word}\b" for word in sorted(speech.speaker_ends))
        ),
        leading=re.compile(rf"^\s*{_SPEAKER_NP}\s+(?:\w+ly\s+|also\s+|then\s+)?(?:{verbs})\b"),
        title_cues=re.compile(
            r"(?:"
            + "|".join(rf"\b{word}" for word in speech.title_cue_words)
            + r"|’s|'s|s’|s')\s*$",
            re.IGNORECASE,
        ),
        introducing=re.compile(
            r"^(?P<sp>[^\n\"“”]{2,120}?)\s+(?:\w+ly\s+|also\s+)?(?:"
            + "|".join([*speech.introducing_verbs, *sorted(speech.reporting_verbs)])
            + r")\b[^\n\"“”]*[.:]\s*$"
        ),
    )


def _speaker_after(after: str, lang: LanguagePack) -> str | None:
    patterns = _patterns(lang)
    for pattern in patterns.after:
        match = pattern.match(after)
        if match:
            speaker = patterns.speaker_end.split(match.group("sp"))[0]
            speech = lang.speech
            if all(w.lower() in speech.connectives | speech.auxiliaries for w in speaker.split()):
                return ""  # '"A," and added', '"A," and later said': the sentence's subject
            return speaker.strip() or None
    return None


def _speaker_leading(line: str, lang: LanguagePack) -> str | None:
    match = _patterns(lang).leading.match(line)
    return match.group("sp").strip() if match else None


def _speaker_before(text: str, start: int, end: int, lang: LanguagePack) -> str | None:
    """Speaker named in the words that lead into a quote ("Batten echoed that saying, "): the
    frame right before the quote if there is one ("a woman who can be heard saying, "",
    "Benedict XVI, who, a month before, lamented ""), else the sentence's first frame."""
    tokens = tokens_in(text, start, end)
    has_cue = text[start:end].rstrip().endswith(":")
    nearest = len(tokens) - 1
    while nearest > 0 and tokens[nearest].lower in _LEADS_INTO_QUOTE:
        nearest -= 1
    for index in [nearest, *range(len(tokens))]:
        subject = _frame_subject(tokens, index, lang)
        if subject:
            return phrase_of(text, subject)
    if has_cue:
        subject = clause_subject(tokens, lang)
        return phrase_of(text, subject) if subject else None
    return None


# Words between a frame's verb and the quote it frames ('lamented that "', 'saying: "').
_LEADS_INTO_QUOTE = frozenset({",", ":"})


def _frame_subject(tokens: list[Token], index: int, lang: LanguagePack) -> list[Token]:
    """The speaker tokens of the frame whose verb is `tokens[index]`; none if it is no frame."""
    if not 0 <= index < len(tokens):
        return []
    speech = lang.speech
    word = tokens[index].lower
    if word in speech.reporting_participles and index >= 1:
        return participle_subject(tokens, index, lang)
    if word in speech.reporting_verbs or word in speech.verbal_acts or (word == "say" and index):
        if index and tokens[index - 1].lower == "to":
            return clause_subject(tokens, lang)  # "X tweeted, including to say, "...""
        return subject_before(tokens, index, lang)
    return []


def sentence_person(text: str, start: int, end: int, lang: LanguagePack) -> str | None:
    """The subject of the sentence that `text[start:end]` opens, when it is a person: a
    pronoun or a capitalised name ("He then went on to blast ...")."""
    subject = clause_subject(tokens_in(text, start, end), lang)
    if not subject:
        return None
    first = subject[0]
    person = first.lower in lang.speech.person_pronouns or (
        first.text[:1].isupper() and first.lower not in lang.speech.subject_determiners
    )
    return phrase_of(text, subject) if person else None


def continues_previous(
    text: str,
    previous: DirectQuote,
    quote: DirectQuote,
    lines: LineIndex,
    sentence_start: int,
    lang: LanguagePack,
) -> bool:
    """Whether `quote` goes on with the `previous` speaker's words: close after it, opening a
    line of its own, or opening the sentence after the previous quote's frame ('"...," Ramzi
    said. He "just wanted to pray"')."""
    if count_line_breaks(text, previous.close_mark + 1, quote.open_mark) > 2:
        return False
    if previous.speaker is None:
        return False
    gap = text[previous.close_mark + 1 : quote.open_mark].strip(" \r\n\"“”‘’'")
    if lines.at_line_start(quote.open_mark) or len(gap.split()) <= 2:
        return True
    if not previous.close_mark < sentence_start <= quote.open_mark:
        return False
    frame = text[previous.close_mark + 1 : sentence_start].split()
    lead = text[sentence_start : quote.open_mark].split()
    speech = lang.speech
    return (
        len(frame) <= _MAX_FRAME_WORDS
        and any(word.lower().strip(".,") in speech.attribution_verbs for word in frame)
        and len(lead) <= 2
        and all(word.islower() or word.lower() in speech.person_pronouns for word in lead)
    )


# How many words the frame of a quote holds ("Candace Smith repeats several times in a call").
_MAX_FRAME_WORDS = 12


def scare_quoted(text: str, quote: DirectQuote, lo: int, lang: LanguagePack) -> bool:
    """ "the so-called "experts"": the author distances themself; nobody is quoted."""
    before = text[max(lo, quote.open_mark - 12) : quote.open_mark].lower()
    return bool(lang.speech.scare_quote_cue.search(before))


def title_like(text: str, quote: DirectQuote, lo: int, lang: LanguagePack) -> bool:
    """Whether `quote` names a work ("the film "Fire and Fury""): capitalised after a cue."""
    words = text[quote.start : quote.end].split()
    capitalised = all(w[:1].isupper() or w.lower() in lang.speech.title_small_words for w in words)
    return capitalised and bool(
        _patterns(lang).title_cues.search(text[max(lo, quote.open_mark - 12) : quote.open_mark])
    )


def introduced_by_previous_line(
    text: str, quote: DirectQuote, lines: LineIndex, lang: LanguagePack
) -> str | None:
    """Speaker of a quote that opens a line after "X issued a statement." or "X said:"."""
    if not lines.at_line_start(quote.open_mark):
        return None
    previous = lines.preceding(lines.bounds(quote.open_mark)[0])
    if previous is None:
        return None
    match = _patterns(lang).introducing.match(text[previous[0] : previous[1]])
    return match.group("sp") if match else None
