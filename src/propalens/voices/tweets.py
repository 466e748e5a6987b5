"""Tweets quoted in an article: the tweet's text before "— Name (@handle) Month D, YYYY".

A tweet is a direct quote of the account's owner.  Its text is grown backwards from the
attribution line over the lines before it, within a tweet's length (each link counted at the
23 characters Twitter gives it), and stops at the article's own line introducing the tweet.
"""

from __future__ import annotations

import re
from functools import cache

from propalens.clean.tweets import TWEET_HANDLE
from propalens.lang import LanguagePack
from propalens.lines import line_ranges
from propalens.voices.direct import DirectQuote
from propalens.voices.subjects import WORD


@cache
def _signature(lang: LanguagePack) -> re.Pattern[str]:
    """The attribution that ends a tweet: "— Name (@handle) Month D, YYYY"."""
    months = "|".join(name.capitalize() for name in lang.calendar.months)  # as printed
    return re.compile(
        rf"(?<!\S)[—–]\s*(?P<name>[^\r\n()—–]{{1,80}}?)\s*{TWEET_HANDLE}\s*"
        rf"(?:(?:{months})\.? \d{{1,2}}, \d{{4}})?[ \t]*$",
        re.MULTILINE,
    )


_URL = re.compile(r"(?:https?://|pic\.twitter\.com/)\S+")
# The most characters the lines of one tweet may hold, each link counted as 23.
_TWEET_BUDGET = 300


def find_tweets(text: str, lo: int, hi: int, lang: LanguagePack) -> list[DirectQuote]:
    """Quoted tweets in `text[lo:hi]`, each with the name its attribution gives as speaker."""
    signatures = _signature(lang)
    lines = [(lo + start, lo + end) for start, end in line_ranges(text[lo:hi])]
    tweets: list[DirectQuote] = []
    for index, (start, end) in enumerate(lines):
        signature = signatures.search(text, start, end)
        if signature is None:
            continue
        body_end = signature.start()
        budget = len(_URL.sub("x" * 23, text[start:body_end]))
        body_start = start
        for previous in range(index - 1, max(-1, index - 9), -1):
            p_start, p_end = lines[previous]
            line = text[p_start:p_end]
            if signatures.search(line) or _ends_attribution(line, lang):
                break
            cost = len(_URL.sub("x" * 23, line))
            if budget + cost > _TWEET_BUDGET and line.strip():
                break
            budget += cost
            if line.strip():
                body_start = p_start
        quote = DirectQuote(body_start, body_end, body_start, body_end, tweet=True).trim(text)
        if quote.end > quote.start:
            quote.speaker = signature.group("name")
            tweets.append(quote)
    return tweets


def _ends_attribution(line: str, lang: LanguagePack) -> bool:
    stripped = line.strip()
    if not stripped or stripped[-1] in '”":':
        return bool(stripped)
    words = {w.lower() for w in WORD.findall(stripped)}
    return bool(words & lang.speech.tweet_introductions)
