"""Embedded tweets: the attribution line and the tweet text that belongs to it.

A scraped embed shows the tweet's text on one or more lines, then `pic.twitter.com/...` and an
attribution `— Name (@handle) Month D, YYYY`, sometimes with the `(@handle) date` tail pushed onto
a line of its own.  Nothing marks where the tweet text starts, so it is grown backwards from the
attribution within the tweet length limit, stopping at a blank line, at other non-body text, and at
the article's own line introducing the tweet ("Social media erupted…", "He wrote:").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from propalens.lang import LanguagePack

# Tweets hold at most 280 characters (140 before November 2017).
MAX_TWEET_CHARS = 280
MAX_TWEET_LINES = 6

# Handles hold at most 15 characters.
TWEET_HANDLE = r"\(@\w{1,15}\)"
_DASH = r"(?:—|–|-|&mdash;)"
TWEET_PICTURE = re.compile(r"\bpic\.twitter\.com/\w+")
_TWEET_URL = re.compile(r"(?:https?://t\.co/|pic\.twitter\.com/)\w+")
# The article's own words leading into an embed, which stay body.
_TWEET_LIKE = re.compile(
    r"(?:^|\s)[#@]\w|https?://t\.co/|[\U0001F300-\U0001FAFF\u2600-\u27BF]|^[A-Z][A-Z ]{2,}:"
)
_INTRODUCTION = re.compile(r"(?::|…|\.\.\.)$")


@dataclass(frozen=True)
class _Attributions:
    """A language's attribution lines: the whole "Text — Name (@handle) date", and its tail."""

    whole: re.Pattern[str]
    tail: re.Pattern[str]
    mention: re.Pattern[str]
    """The article talking about a tweet ("In a damning tweet, X summed it up."); what follows
    may be more of the article's own words, so such a line bounds an embed without delimiting it."""

    def is_anchor(self, line: str) -> bool:
        """An attribution, or a line with a tweet's picture link; a line holding more than a
        tweet's text is the article's own (an article given on one line)."""
        return (
            bool(
                self.whole.fullmatch(line)
                or self.tail.fullmatch(line)
                or TWEET_PICTURE.search(line)
            )
            and self.own_text_length(line) <= MAX_TWEET_CHARS
        )

    def own_text_length(self, line: str) -> int:
        attribution = self.whole.fullmatch(line)
        text = attribution["text"] if attribution else line
        return len(_TWEET_URL.sub("", text).strip())


@cache
def _attributions(lang: LanguagePack) -> _Attributions:
    date = lang.calendar.date
    return _Attributions(
        whole=re.compile(rf"(?P<text>.*?){_DASH}\s*[^()\n]{{0,80}}?\s*{TWEET_HANDLE}\s*{date}"),
        tail=re.compile(rf"{TWEET_HANDLE}\s*{date}"),
        mention=lang.speech.tweet_mention,
    )


def find_embeds(
    lines: Sequence[str], claimed: Sequence[bool], lang: LanguagePack
) -> list[tuple[int, int]]:
    """Tweet embeds as (first, last) indices into `lines`, inclusive, in order.

    `lines` are whitespace-trimmed lines (empty for blank ones); `claimed[i]` is true for lines
    already known not to be tweet text (the title), which an embed never swallows.  Dates in
    attributions are read as `lang` writes them.
    """
    attributions = _attributions(lang)
    anchors = [not claimed[i] and attributions.is_anchor(line) for i, line in enumerate(lines)]
    blocks: list[tuple[int, int]] = []
    previous_end = -1
    index = 0
    while index < len(lines):
        if not anchors[index]:
            index += 1
            continue
        first = last = index
        # An anchor line with no attribution of its own (text and pic.twitter.com) runs on into
        # the attribution lines after it, across blank lines.
        while not attributions.whole.fullmatch(lines[last]):
            following = _next_non_blank(lines, last)
            if following is None or not anchors[following]:
                break
            last = following
        if attributions.tail.fullmatch(lines[first]) and _can_absorb(
            first - 1, previous_end, lines, claimed
        ):
            first -= 1  # the "Text — Name" half of an attribution broken across two lines
        used = sum(attributions.own_text_length(lines[i]) for i in range(first, last + 1))
        first = _grow_backwards(first, used, previous_end, lines, claimed, attributions.mention)
        blocks.append((first, last))
        previous_end = last
        index = last + 1
    return blocks


def _next_non_blank(lines: Sequence[str], index: int) -> int | None:
    return next((i for i in range(index + 1, len(lines)) if lines[i]), None)


def _can_absorb(
    index: int, previous_end: int, lines: Sequence[str], claimed: Sequence[bool]
) -> bool:
    return index > previous_end and bool(lines[index]) and not claimed[index]


def _grow_backwards(
    first: int,
    used: int,
    previous_end: int,
    lines: Sequence[str],
    claimed: Sequence[bool],
    mention: re.Pattern[str],
) -> int:
    """The first line of the tweet text ending just before line `first`.

    Lines back to a delimiter (a blank line, another embed, other non-body text, an introducing
    line) are the tweet when they fit in one tweet.  Where no delimiter is in reach, as in PTC
    files that put every sentence of a paragraph on its own line, only lines that read like a
    tweet (hashtags, mentions, t.co links, emoji) are taken, so that the article's own sentences
    before the embed stay body.
    """
    index = first - 1
    # An attribution standing alone may be separated from its text by a blank line.
    if used == 0:
        while index > previous_end and not lines[index]:
            index -= 1
    delimited_first = first
    while _can_absorb(index, previous_end, lines, claimed):
        line = lines[index]
        if _INTRODUCTION.search(line):
            break
        used += len(line)
        if mention.search(line):
            return _grow_over_tweet_like_lines(first, previous_end, lines, claimed, mention)
        if used > MAX_TWEET_CHARS or first - index > MAX_TWEET_LINES:
            return _grow_over_tweet_like_lines(first, previous_end, lines, claimed, mention)
        delimited_first = index
        index -= 1
    # Between two embeds the article often comments on the first before quoting the second;
    # the end of an embed is no paragraph break.
    if index == previous_end and index >= 0 and lines[index]:
        return _grow_over_tweet_like_lines(first, previous_end, lines, claimed, mention)
    return delimited_first


def _grow_over_tweet_like_lines(
    first: int,
    previous_end: int,
    lines: Sequence[str],
    claimed: Sequence[bool],
    mention: re.Pattern[str],
) -> int:
    index = first - 1
    used = 0
    while (
        _can_absorb(index, previous_end, lines, claimed)
        and _TWEET_LIKE.search(lines[index])
        and not _INTRODUCTION.search(lines[index])
        and not mention.search(lines[index])
        and used + len(lines[index]) <= MAX_TWEET_CHARS
    ):
        used += len(lines[index])
        first = index
        index -= 1
    return first
