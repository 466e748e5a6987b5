"""Quotations in an article: direct quotes, tweet embeds and indirect speech, with speakers.

Conventions (the same as `tests/data/quotes_gold.README.md`):

* A direct quote spans the words between the quote marks, marks excluded.  Straight, curly and
  single marks count; an apostrophe ("Russia's", "Francis' commission") never opens a quote.  A
  quote may run over several lines; an unclosed quote ends where the next one opens on a new line
  (the usual style for a quote that goes on over several paragraphs).  Quotes nested inside a
  quote are part of it, not quotes of their own.
* A tweet embed (its text followed by "— Name (@handle) Month D, YYYY") is a direct quote of the
  account's owner.
* An indirect quote spans the reported clause of a reporting frame ("X said (that) ...",
  "..., X said.", "according to X, ...", "X told reporters ...", "cited X as saying ..."),
  without the frame where the frame opens or closes the sentence, and without the final period.
* A quote with no frame of its own continues the previous speaker ("He "just wanted to pray"").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from propalens.schema import Quote, QuoteKind
from propalens.voices.speakers import (
    REPORTING_PARTICIPLES,
    REPORTING_VERBS,
    VERBAL_ACTS,
    SpeakerResolver,
    wordset,
)

Range = tuple[int, int]

_DOUBLE = '"“”'
_OPENERS_BEFORE = "([{—–-/:;,…"
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_TWEET_SIGNATURE = re.compile(
    r"(?:^|\s)[—–]\s*(?P<name>[^\n()—–]{1,80}?)\s*\(@\w{1,30}\)\s*"
    rf"(?:(?:{_MONTHS})\.? \d{{1,2}}, \d{{4}})?[ \t]*$",
    re.MULTILINE,
)
_URL = re.compile(r"(?:https?://|pic\.twitter\.com/)\S+")
_TWEET_BUDGET = 300
_WORD = re.compile(r"[\w'’\-.]*\w|[^\w\s]")
_TIME_WORDS = wordset(
    """
    on in at during last this earlier later today yesterday tonight monday tuesday wednesday
    thursday friday saturday sunday morning afternoon evening night week weekend month year
    statement interview news conference a an the also previously repeatedly recently again then
    publicly privately briefly separately once twice
    """
)
_AUXILIARIES = wordset(
    """
    has have had also then later previously repeatedly now reportedly once again earlier
    """
)
_NON_SUBJECT = wordset(
    """
    is was were are be been being that which who whom whose when if because as while where would
    will could should can may might must not do does did it's there
    """
)
_CONNECTIVES = wordset(
    """
    but and however meanwhile still yet so also
    """
)
# Words right before a capitalised quote that make it a title ("the film "Fire and Fury"").
_TITLE_CUE_WORDS = (
    "told", "on", "in", "of", "watch", "movie", "book", "film", "show", "program", "programme",
)  # fmt: skip
_TITLE_CUES = re.compile(
    r"(?:" + "|".join(rf"\b{word}" for word in _TITLE_CUE_WORDS) + r"|’s|'s|s’|s')\s*$",
    re.IGNORECASE,
)


@dataclass
class _Direct:
    start: int
    end: int
    open_mark: int
    close_mark: int
    speaker: str | None = None
    tweet: bool = False


@dataclass
class _Frame:
    speaker: str | None
    content: Range | None
    at: int = 0


def find_quotes(text: str, ranges: Sequence[Range]) -> list[Quote]:
    """Direct and indirect quotes inside `ranges` of `text`, speakers resolved, in text order."""
    resolver = SpeakerResolver()
    found: list[tuple[int, int, str | None, QuoteKind]] = []
    for range_start, range_end in ranges:
        found.extend(
            _quotes_in_range(text, max(0, range_start), min(len(text), range_end), resolver)
        )
    found.sort(key=lambda q: (q[0], -q[1]))
    quotes: list[Quote] = []
    seen: set[tuple[int, int, str]] = set()
    for start, end, speaker, kind in found:
        if (start, end, kind) in seen or end <= start:
            continue
        seen.add((start, end, kind))
        quotes.append(Quote(start=start, end=end, text=text[start:end], speaker=speaker, kind=kind))
    return quotes


# --- direct quotes ---------------------------------------------------------------------------


def _line_bounds(text: str, position: int, lo: int, hi: int) -> Range:
    start = text.rfind("\n", lo, position) + 1 if position > lo else lo
    start = max(start, lo)
    end = text.find("\n", position, hi)
    return start, hi if end < 0 else end


def _double_role(text: str, i: int, lo: int, hi: int) -> str | None:
    char = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    if char == "”":
        return "close" if not prev.isspace() else None
    if char == "“":
        return "open" if not nxt.isspace() else None
    if nxt.isspace() or nxt in ",.;:!?)]”…" or i + 1 >= hi:
        return "close" if not prev.isspace() else None
    if prev.isspace() or prev in _OPENERS_BEFORE or i == lo:
        return "open"
    return "either"


def _at_line_start(text: str, position: int, lo: int) -> bool:
    line_start = text.rfind("\n", lo, position) + 1 if position > lo else lo
    return text[max(line_start, lo) : position].strip() == ""


def _double_quotes(text: str, lo: int, hi: int, masked: list[Range]) -> list[_Direct]:
    quotes: list[_Direct] = []
    open_at: int | None = None
    depth = 0
    for i in range(lo, hi):
        if text[i] not in _DOUBLE or _inside(i, masked):
            continue
        role = _double_role(text, i, lo, hi)
        if role is None:
            continue
        if open_at is None:
            if role in {"open", "either"}:
                open_at, depth = i, 1
            continue
        if role == "close" or (role == "either" and depth == 1):
            depth -= 1
            if depth == 0:
                quotes.append(_Direct(open_at + 1, i, open_at, i))
                open_at = None
            continue
        # An opening mark while a quote is open.
        if "\n" in text[open_at:i]:
            # The open quote was a paragraph left unclosed: it ends with its last line.
            end = text.rfind("\n", open_at, i)
            quotes.append(_Direct(open_at + 1, end, open_at, end))
            open_at, depth = i, 1
        else:
            depth += 1
    if open_at is not None:
        _, line_end = _line_bounds(text, open_at, lo, hi)
        quotes.append(_Direct(open_at + 1, line_end, open_at, line_end))
    return [_trimmed(text, q) for q in quotes if q.end > q.start]


def _trimmed(text: str, quote: _Direct) -> _Direct:
    while quote.end > quote.start and text[quote.end - 1].isspace():
        quote.end -= 1
    while quote.start < quote.end and text[quote.start].isspace():
        quote.start += 1
    return quote


def _single_quotes(text: str, lo: int, hi: int, masked: list[Range]) -> list[_Direct]:
    quotes: list[_Direct] = []
    for line in re.finditer(r"[^\n]+", text[lo:hi]):
        start, end = lo + line.start(), lo + line.end()
        i = start
        while i < end:
            char = text[i]
            prev = text[i - 1] if i > start else " "
            nxt = text[i + 1] if i + 1 < end else " "
            if char in "‘'" and not prev.isalnum() and nxt.isalnum() and not _inside(i, masked):
                close = _single_close(text, i + 1, end)
                if close is not None and not _inside(close, masked):
                    quotes.append(_Direct(i + 1, close, i, close))
                    i = close + 1
                    continue
            i += 1
    return quotes


def _single_close(text: str, start: int, end: int) -> int | None:
    for j in range(start, end):
        if text[j] in "’'" and not text[j - 1].isspace():
            nxt = text[j + 1] if j + 1 < end else " "
            if not nxt.isalnum():
                return j
    return None


def _inside(position: int, spans: Sequence[Range]) -> bool:
    return any(start <= position < end for start, end in spans)


def _tweets(text: str, lo: int, hi: int, resolver: SpeakerResolver) -> list[_Direct]:
    lines = [(m.start() + lo, m.end() + lo) for m in re.finditer(r"[^\n]*", text[lo:hi])]
    lines = [
        line for index, line in enumerate(lines) if index == 0 or line[0] != lines[index - 1][1]
    ]
    tweets: list[_Direct] = []
    for index, (start, end) in enumerate(lines):
        signature = _TWEET_SIGNATURE.search(text, start, end)
        if signature is None:
            continue
        body_end = signature.start()
        budget = len(_URL.sub("x" * 23, text[start:body_end]))
        body_start = start
        for previous in range(index - 1, max(-1, index - 9), -1):
            p_start, p_end = lines[previous]
            line = text[p_start:p_end]
            if _TWEET_SIGNATURE.search(line) or _ends_attribution(line):
                break
            cost = len(_URL.sub("x" * 23, line))
            if budget + cost > _TWEET_BUDGET and line.strip():
                break
            budget += cost
            if line.strip():
                body_start = p_start
        quote = _trimmed(text, _Direct(body_start, body_end, body_start, body_end, tweet=True))
        if quote.end > quote.start:
            quote.speaker = signature.group("name")
            tweets.append(quote)
    return tweets


def _ends_attribution(line: str) -> bool:
    stripped = line.strip()
    if not stripped or stripped[-1] in '”":':
        return bool(stripped)
    words = {w.lower() for w in _WORD.findall(stripped)}
    intro = {"tweeted", "tweet", "twitter", "wrote", "writes", "responded", "posted", "replied"}
    return bool(words & intro)


# --- frames -----------------------------------------------------------------------------------


@dataclass
class _Token:
    text: str
    start: int
    end: int
    quoted: bool

    @property
    def lower(self) -> str:
        return self.text.lower()


def _tokens(text: str, start: int, end: int, quoted: Sequence[Range]) -> list[_Token]:
    return [
        _Token(m.group(), m.start(), m.end(), _inside(m.start(), quoted))
        for m in _WORD.finditer(text, start, end)
    ]


def _is_verb(token: _Token) -> bool:
    return not token.quoted and token.lower in REPORTING_VERBS


def _subject_ok(tokens: list[_Token]) -> bool:
    if not tokens or len(tokens) > 14:
        return False
    if any(t.quoted for t in tokens):
        return False
    words = [t.lower for t in tokens]
    if words[0] in {"who", "which", "that"}:
        return False
    return not any(w in _NON_SUBJECT for w in words)


def _strip_connective(tokens: list[_Token]) -> list[_Token]:
    while tokens and (tokens[0].lower in _CONNECTIVES or tokens[0].text in ",;:—–-"):
        tokens = tokens[1:]
    return tokens


def _phrase(text: str, tokens: list[_Token]) -> str | None:
    return text[tokens[0].start : tokens[-1].end] if tokens else None


def _content(text: str, tokens: list[_Token]) -> Range | None:
    tokens = _strip_connective(tokens)
    while tokens and tokens[-1].text in ".,;:!?—–-" and not tokens[-1].quoted:
        tokens = tokens[:-1]
    if len(tokens) < 3:
        return None
    return tokens[0].start, tokens[-1].end


def _frames(text: str, tokens: list[_Token]) -> list[_Frame]:
    """Reporting frames of one sentence: who speaks and which words they report."""
    if not tokens:
        return []
    lowered = [t.lower for t in tokens]
    at = tokens[0].start
    # "according to X, ..." and "..., according to X."
    for i in range(len(tokens) - 1):
        if lowered[i] == "according" and lowered[i + 1] == "to" and not tokens[i].quoted:
            j = i + 2
            while j < len(tokens) and tokens[j].text not in {",", ".", "—", "–", ";"}:
                j += 1
            speaker = _phrase(text, tokens[i + 2 : j])
            before = _strip_connective(tokens[:i])
            after = tokens[j + 1 :]
            lead = before[0].lower if before else ""
            side = before if len(before) >= 5 and lead not in _SUBORDINATORS | {"as"} else after
            side = side or before
            if len(before) >= 3 and len([t for t in after if t.text not in ".!?"]) >= 3:
                side = tokens  # "X, according to Y, is Z": an interrupting frame stays inside
            return [_Frame(speaker, _content(text, side), at)]
    # "X cited Y as saying ..."
    for i in range(len(tokens) - 3):
        if lowered[i] == "cited" and "saying" in lowered[i + 1 : i + 10]:
            k = lowered.index("saying", i + 1)
            if lowered[k - 1] == "as":
                speaker = _phrase(text, tokens[i + 1 : k - 1])
                return [_Frame(speaker, _frame_tail(text, tokens, k), at)]
    # "..., X said[ tail]." / "..., said X." closing (or interrupting) the sentence.
    commas = [i for i, t in enumerate(tokens) if t.text in {",", "—", "–"} and not t.quoted]
    closing = [i for i in range(len(tokens) - 1) if tokens[i].quoted and not tokens[i + 1].quoted]
    if closing and not any(c > closing[-1] for c in commas):
        segment = [t for t in tokens[closing[-1] + 1 :] if t.text not in ".!?"]
        speaker_tokens = _trailing_frame(segment)
        if speaker_tokens is not None:
            return [
                _Frame(_phrase(text, speaker_tokens), _content(text, tokens[: closing[-1] + 1]), at)
            ]
    for n, c in enumerate(commas):
        segment_end = commas[n + 1] if n + 1 < len(commas) else len(tokens)
        segment = [t for t in tokens[c + 1 : segment_end] if t.text not in ".!?"]
        speaker_tokens = _trailing_frame(segment)
        content_end = c
        if speaker_tokens is None and segment and segment[0].lower in REPORTING_VERBS and n >= 1:
            # "..., Lee Merritt, one of the attorneys, told ABC News." (appositive speaker)
            first = commas[n - 2] + 1 if n >= 2 else commas[n - 1] + 1
            speaker_tokens = [t for t in tokens[first:c] if not t.quoted] or None
            content_end = commas[n - 2] if n >= 2 else commas[n - 1]
            too_long = (
                len(segment) > 4
                or len(tokens[segment_end:]) > 1
                or any(t.lower == "that" for t in segment)
            )
            if too_long or speaker_tokens is None or len(speaker_tokens) > 16:
                speaker_tokens = None
        if speaker_tokens is None:
            continue
        if speaker_tokens[0].lower in {"and", "but"} and not _adverbial_lead(tokens[:c]):
            continue  # "A insisted that B, and he denied C": a coordinated clause, no frame
        if segment_end < len(tokens) - 1 and len(segment) > 6:
            continue  # an interrupting frame is short: "..., Hogrefe said, because ..."
        verb = _verb_after(tokens, speaker_tokens)
        runs_to_end = segment_end >= len(tokens) - 1
        if verb is not None and runs_to_end and _adverbial_lead(tokens[:c]):
            # "Asked if ..., Pompeo said he was reserving judgment": the lead is no report.
            tail = _frame_tail(text, tokens, verb)
            named = [t for t in _strip_connective(speaker_tokens) if t.lower != "then"]
            named = named or _clause_subject(tokens)  # "..., but then claims that ..."
            if tail is not None and named:
                return [_Frame(_phrase(text, named), tail, at)]
        if segment_end >= len(tokens) - 1:
            content = _content(text, tokens[:content_end])
        else:
            content = _content(text, tokens)
        return [_Frame(_phrase(text, speaker_tokens), content, at)]
    # "X said (that) ..." opening the sentence, or "..., saying that ..." after it.
    for i, token in enumerate(tokens):
        if token.quoted:
            continue
        if token.lower in REPORTING_VERBS:
            subject = _subject_before(tokens, i)
            content = _frame_tail(text, tokens, i) if subject else None
            if subject and content:
                return [_Frame(_phrase(text, subject), content, at)]
        if token.lower in REPORTING_PARTICIPLES and i >= 2:
            subject = _participle_subject(tokens, i)
            content = _frame_tail(text, tokens, i) if subject else None
            if subject and content:
                return [_Frame(_phrase(text, subject), content, at)]
    return []


def _verb_after(tokens: list[_Token], speaker: list[_Token]) -> int | None:
    """Index of the reporting verb right after the speaker tokens, if it follows them."""
    k = tokens.index(speaker[-1]) + 1
    while k < len(tokens) and (tokens[k].lower in _AUXILIARIES or tokens[k].lower.endswith("ly")):
        k += 1
    return k if k < len(tokens) and _is_verb(tokens[k]) else None


def _adverbial_lead(lead: list[_Token]) -> bool:
    """Whether the words before a frame's comma set a scene rather than report something."""
    lead = _strip_connective(lead)
    if not lead or any(t.quoted for t in lead):
        return False
    first = lead[0].lower
    return first in _PREPOSITIONS or first in _SUBORDINATORS or first in _QUESTION_LEADS


_SUBJECT_PRONOUNS = wordset(
    """
    he she they it we i
    """
)
_QUESTION_LEADS = wordset(
    """
    asked pressed questioned speaking responding asking challenged
    """
)
_PREPOSITIONS = wordset(
    """
    in on at after before during for with from since as by under over following despite given
    amid among about to upon within without while when
    """
)
# Verbs whose reported clause may come without "that" ("police said he ..."); the others
# ("complained", "claims") report a clause only with it.
_THAT_OPTIONAL = wordset(
    """
    said says say told tells added adds insisted insists claimed stated wrote tweeted alleged
    argued maintained warned explained noted admitted admits acknowledged confirmed suggested
    predicted insisting saying adding claiming insisting arguing alleging warning
    """
)
_DETS = wordset(
    """
    the a an his her their its this that these those
    """
)
_SUBORDINATORS = wordset(
    """
    when because after since while although though if once
    """
)
_INVERTIBLE = wordset(
    """
    said says added adds asked wrote writes continued tweeted explained insisted noted concluded
    declared stated replied recalled
    """
)


def _strip_dateline(tokens: list[_Token]) -> list[_Token]:
    """Drop "VATICAN CITY —" or "Dallas, TX —" that opens a wire story."""
    for k, token in enumerate(tokens[:6]):
        dateline = all(t.text[:1].isupper() or t.text in {",", "."} for t in tokens[:k])
        if token.text in {"—", "–", "--"} and k > 0 and dateline:
            return tokens[k + 1 :]
    return tokens


def _skip_adverbial(tokens: list[_Token]) -> list[_Token]:
    """Drop an opening prepositional phrase ("In December," "After the ruling –")."""
    tokens = _strip_connective(_strip_dateline(tokens))
    if tokens and (tokens[0].lower in _PREPOSITIONS or tokens[0].lower.endswith("ly")):
        cut = next((k for k, t in enumerate(tokens) if t.text in {",", "—", "–"}), None)
        if cut is None:
            return []
        tokens = _strip_connective(tokens[cut + 1 :])
    return tokens


def _clause_subject(tokens: list[_Token]) -> list[_Token]:
    """The noun phrase that opens a sentence: a name, a pronoun or "the <noun>"."""
    tokens = _skip_adverbial(tokens)
    if not tokens:
        return []
    if tokens[0].lower in {"he", "she", "they", "it"}:
        return tokens[:1]
    subject: list[_Token] = []
    for token in tokens:
        if token.quoted:
            break
        word = token.lower
        if (
            token.text[:1].isupper()
            or word in {"and", "of", "'s", "’s", "the", "a", "an", "his", "her", "their"}
            or (subject and subject[-1].lower in {"the", "a", "an", "his", "her", "their", "its"})
        ):
            subject.append(token)
        elif subject and subject[0].text[:1].isupper() and subject[0].lower not in _DETS:
            break  # "Trump took ...": a name ends at the first lowercase word
        elif token.text == "," and subject:
            break
        elif subject and not (
            word in REPORTING_VERBS or word in VERBAL_ACTS or word.endswith("ed")
        ):
            subject.append(token)
            if len(subject) > 6:
                return []
        else:
            break
    return subject


def _subject_before(tokens: list[_Token], verb: int) -> list[_Token]:
    """Speaker tokens of a reporting verb that follows its subject."""
    k = verb - 1
    while k >= 0 and (tokens[k].lower in _AUXILIARIES or (tokens[k].lower.endswith("ly") and k)):
        k -= 1
    if k < 0:
        return []
    last_quoted = max((m for m in range(k) if tokens[m].quoted), default=None)
    closes_quote = last_quoted is not None and (
        last_quoted + 1 == k or tokens[last_quoted + 1].text in {",", "—", "–"}
    )
    if tokens[k].lower in {"he", "she", "they"} and not closes_quote:
        # "in which he declared": a pronoun before the verb is its subject; but in "which he
        # said was ..." the relative pronoun is what is reported, and nothing is quoted.
        relative = k >= 1 and tokens[k - 1].lower in {"which", "that", "who", "whom", "what"}
        if relative and not (k >= 2 and tokens[k - 2].lower in _PREPOSITIONS):
            return []
        return [tokens[k]]
    if tokens[k].lower in {"who", "which", "that"}:
        # "officials who said ...", "Haig's LinkedIn profile, which says ..."
        j = k - 1 if tokens[k - 1].text != "," else k - 2
        phrase: list[_Token] = []
        while j >= 0 and len(phrase) < 6:
            token = tokens[j]
            if (
                token.quoted
                or token.lower in _PREPOSITIONS | _NON_SUBJECT
                or token.text in ",.;:—–"
            ):
                break
            phrase.insert(0, token)
            j -= 1
        return phrase
    if tokens[k].lower == "and" and k and tokens[k - 1].text == ",":
        return _clause_subject(tokens)
    subordinate = max(
        (m for m in range(k + 1) if tokens[m].lower in _SUBORDINATORS and not tokens[m].quoted),
        default=None,
    )
    if subordinate is not None and 0 < k - subordinate <= 4:
        return _skip_adverbial(tokens[subordinate + 1 : k + 1])
    floor = max(
        (m + 1 for m in range(k + 1) if tokens[m].text == ":" and not tokens[m].quoted), default=0
    )
    last_comma = max((m for m in range(floor, k + 1) if tokens[m].text == ","), default=None)
    if last_comma is not None:
        tail = _strip_connective(tokens[last_comma + 1 : k + 1])
        looks_like_np = bool(tail) and (
            tail[0].text[:1].isupper() or tail[0].lower in _DETS | {"he", "she", "they", "it"}
        )
        if (
            looks_like_np
            and len(tail) <= 6
            and not any(
                t.lower in _NON_SUBJECT
                or t.quoted
                or (t.lower.endswith("ed") and t.text[:1].islower())
                for t in tail
            )
        ):
            return tail
    region = _skip_adverbial(tokens[floor : k + 1])
    if not region or len(region) > 16 or any(t.quoted for t in region):
        return []
    if any(t.lower in _NON_SUBJECT for t in region):
        return []
    return region


def _participle_subject(tokens: list[_Token], participle: int) -> list[_Token]:
    """Who speaks in "..., saying that ...": the name just before, else the sentence subject."""
    j = participle - 1
    if tokens[j].text == ",":
        return _clause_subject(tokens)
    if tokens[j].text[:1].isupper() and not tokens[j].quoted:
        run = [tokens[j]]
        while j > 0 and tokens[j - 1].text[:1].isupper() and not tokens[j - 1].quoted:
            j -= 1
            run.insert(0, tokens[j])
        return run
    if j >= 1 and tokens[j - 1].lower in {"a", "an", "the", "its", "their"}:
        return [tokens[j]]
    return _clause_subject(tokens)


_LISTENERS = frozenset(
    [
        "reporters",
        "journalists",
        "investigators",
        "agents",
        "officials",
        "lawmakers",
        "senators",
        "him",
        "her",
        "them",
        "us",
        "me",
        "'s",
        "’s",
    ]
)
_TIME_LEADS = frozenset(
    [
        "on",
        "in",
        "at",
        "during",
        "last",
        "this",
        "earlier",
        "later",
        "today",
        "yesterday",
        "tonight",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "also",
        "previously",
        "repeatedly",
        "recently",
        "again",
        "then",
        "publicly",
        "privately",
        "briefly",
        "separately",
        "once",
    ]
)


_DATE_NAMES = frozenset(_MONTHS.split("|"))
_DAY_OR_YEAR = re.compile(r"\d{1,2}(?:st|nd|rd|th)?|\d{4}")


def _is_date_word(token: _Token) -> bool:
    return token.text in _DATE_NAMES or bool(_DAY_OR_YEAR.fullmatch(token.text))


def _skip_date(rest: list[_Token], k: int) -> int:
    """Skip a date ("April 10, 2018", "10 April 2018", "Monday, April 9") starting at `k`."""
    while k < len(rest):
        if _is_date_word(rest[k]):
            k += 1
        elif (
            rest[k].text == ","
            and k > 0
            and k + 1 < len(rest)
            and (_is_date_word(rest[k - 1]) or rest[k - 1].lower in _TIME_LEADS)
            and _is_date_word(rest[k + 1])
        ):
            k += 1  # the comma inside a date is no clause boundary
        else:
            break
    return k


def _skip_time_phrases(rest: list[_Token], k: int) -> int:
    """Skip "on Sunday", "on April 10, 2018", "in a statement", "at a news conference" after
    a reporting verb."""
    while k < len(rest) and rest[k].lower in _TIME_LEADS:
        k = _skip_date(rest, k + 1)
        if k < len(rest) and rest[k].lower in {"a", "an", "the", "his", "her", "their"}:
            k += 1
            while k < len(rest) and rest[k].text[:1].islower() and rest[k].lower not in {"that"}:
                k += 1
                if rest[k - 1].lower in {
                    "statement",
                    "interview",
                    "conference",
                    "briefing",
                    "post",
                }:
                    break
    return k


def _trailing_frame(segment: list[_Token]) -> list[_Token] | None:
    """Speaker tokens when `segment` reads "X said[ tail]" or "said X[ tail]"."""
    if not segment or len(segment) > 14 or any(t.quoted for t in segment):
        return None
    words = [t.lower for t in segment]
    if words[0] in _INVERTIBLE and len(segment) > 1:
        end = next((k for k, w in enumerate(words[1:], 1) if w in {"who", "in", "on", "at"}), None)
        speaker = segment[1:end]
        first = speaker[0] if speaker else None
        if first is None or len(speaker) > 8:
            return None
        if not (first.text[:1].isupper() or first.lower in {"the", "a", "an", "his", "her"}):
            return None
        return speaker if _subject_ok(speaker) else None
    if words[0] in REPORTING_VERBS:
        return None
    for k, word in enumerate(words):
        if word in REPORTING_VERBS and k > 0:
            subject = segment[:k]
            while subject and (
                subject[-1].lower in _AUXILIARIES or subject[-1].lower.endswith("ly")
            ):
                subject = subject[:-1]
            if subject and subject[0].lower in _PREPOSITIONS:
                subject = _skip_adverbial(subject)
            lead = subject[0] if subject else None
            plausible = lead is not None and (
                lead.text[:1].isupper()
                or lead.lower
                in {"the", "a", "an", "his", "her", "their", "its", "he", "she", "they"}
                or (
                    len(subject) <= 3
                    and not any(t.lower in _PREPOSITIONS or t.lower.endswith("ed") for t in subject)
                )
            )
            if plausible and len(subject) <= 10 and _subject_ok(subject) and len(words) - k <= 9:
                return subject
            return None
    return None


def _frame_tail(text: str, tokens: list[_Token], verb: int) -> Range | None:
    """The reported clause after the reporting verb at `verb`."""
    rest = tokens[verb + 1 :]
    first_quoted = next((k for k, t in enumerate(rest) if t.quoted), None)
    if first_quoted is not None and first_quoted > 0 and rest[first_quoted - 1].text in {",", ":"}:
        return None  # 'X said, "..."': the quote itself is the report
    colon = next((k for k, t in enumerate(rest[:12]) if t.text == ":"), None)
    if colon is not None:
        return _content(text, rest[colon + 1 :])
    after_time = _skip_time_phrases(rest, 0)
    if 0 < after_time < len(rest) and rest[after_time].lower == "that":
        return _reported_clause(text, rest[after_time + 1 :])  # "said on April 10, 2018 that"
    words = [t.lower for t in rest]
    if tokens[verb].lower not in _THAT_OPTIONAL and "that" not in words[:12]:
        return None
    window = words[:12]
    if "that" in window:
        cut = window.index("that")
        # "said they uncovered that text": a clause has begun, and "that" is a determiner.
        begun = any(w in _SUBJECT_PRONOUNS or w.endswith("ed") for w in window[:cut])
        if not begun and ("," not in window[:cut] or cut < 4):
            return _reported_clause(text, rest[cut + 1 :])
    k = 0
    if tokens[verb].lower in {"told", "tells", "tell", "asked", "informed"}:
        while (
            k < len(rest) and k < 6 and (rest[k].text[:1].isupper() or rest[k].lower in _LISTENERS)
        ):
            k += 1
    k = _skip_time_phrases(rest, k)
    if k < len(rest) and rest[k].text in {",", ":"}:
        k += 1
    return _reported_clause(text, rest[k:])


def _reported_clause(text: str, tokens: list[_Token]) -> Range | None:
    """The reported clause in `tokens`, up to a coordinated clause with its own subject and
    reporting verb ("that its footage was genuine, and he denied ..."): that is the author
    narrating again, not the speaker's words."""
    for m in range(len(tokens) - 2):
        if tokens[m].quoted or tokens[m].text not in {",", ";"}:
            continue
        if tokens[m + 1].lower not in {"and", "but"}:
            continue
        if tokens[m + 2].lower not in _SUBJECT_PRONOUNS:
            continue  # "..., but explained that ...": the frame goes on, as one report
        j = m + 3
        while j < len(tokens) and (
            tokens[j].lower in _AUXILIARIES or tokens[j].lower.endswith("ly")
        ):
            j += 1
        if j < len(tokens) and _is_verb(tokens[j]):
            return _content(text, tokens[:m])
    return _content(text, tokens)


# --- putting it together ----------------------------------------------------------------------


def _sentences(text: str, lo: int, hi: int) -> list[Range]:
    from propalens.segment import split_sentences

    return split_sentences(text, [(lo, hi)])


def _quotes_in_range(
    text: str, lo: int, hi: int, resolver: SpeakerResolver
) -> list[tuple[int, int, str | None, QuoteKind]]:
    tweets = _tweets(text, lo, hi, resolver)
    tweet_spans = [(t.start, t.end + 1) for t in tweets]
    doubles = _double_quotes(text, lo, hi, tweet_spans)
    double_spans = [(q.open_mark, q.close_mark + 1) for q in doubles]
    singles = _single_quotes(text, lo, hi, tweet_spans + double_spans)
    directs = sorted(doubles + singles, key=lambda q: q.start)
    quoted = [(q.open_mark, q.close_mark + 1) for q in directs] + tweet_spans
    resolver.register_names(text, lo, hi, quoted)
    sentences = _sentences(text, lo, hi)

    events: list[tuple[int, int, str | None, QuoteKind]] = []
    previous: _Direct | None = None
    pending = sorted(directs + tweets, key=lambda q: q.start)
    by_sentence = {s: _tokens(text, s[0], s[1], quoted) for s in sentences}
    frame_cache: dict[Range, list[_Frame]] = {}
    direct_index = 0
    for sentence in sentences:
        tokens = by_sentence[sentence]
        frames = frame_cache.setdefault(sentence, _frames(text, tokens))
        # Direct quotes whose opening mark lies in this sentence, in order.
        while direct_index < len(pending) and pending[direct_index].open_mark < sentence[1]:
            quote = pending[direct_index]
            direct_index += 1
            if quote.tweet:
                quote.speaker = resolver.resolve(quote.speaker, quote.end)
                previous = quote
                events.append((quote.start, quote.end, quote.speaker, "direct"))
                continue
            if _title_like(text, quote, lo) or _scare_quoted(text, quote, lo):
                continue
            after_previous = previous.close_mark + 1 if previous is not None else lo
            phrase = _direct_speaker_phrase(text, quote, sentence, lo, hi, after_previous)
            source = "frame" if phrase is None else "adjacent"
            if phrase is None:
                phrase = _introduced_by_previous_line(text, quote, lo)
            if phrase is None and previous is not None and _continues(text, previous, quote, lo):
                quote.speaker, source = previous.speaker, "continued"
            elif phrase is None:
                phrase = next((f.speaker for f in frames if f.speaker is not None), None)
                source = "frame" if phrase is not None else "none"
            if phrase is not None:
                quote.speaker = resolver.resolve(phrase, quote.open_mark)
            words = len(text[quote.start : quote.end].split())
            if (source == "none" and words <= 4) or (source == "frame" and words <= 2):
                continue
            previous = quote
            events.append((quote.start, quote.end, quote.speaker, "direct"))
        for frame in frames:
            if frame.content is None or _inside(sentence[0], tweet_spans):
                continue
            start, end = frame.content
            if _mostly_quoted(start, end, directs, text):
                continue
            speaker = resolver.resolve(frame.speaker, _phrase_at(text, frame))
            events.append((start, end, speaker, "indirect"))
    return events


def _phrase_at(text: str, frame: _Frame) -> int:
    """Where the frame's speaker phrase sits: a pronoun looks back from there."""
    if frame.speaker is None:
        return frame.at
    found = re.search(rf"\b{re.escape(frame.speaker)}\b", text[frame.at : frame.at + 2000])
    return frame.at + found.start() if found else frame.at


def _direct_speaker_phrase(
    text: str, quote: _Direct, sentence: Range, lo: int, hi: int, after_previous: int
) -> str | None:
    _, line_end = _line_bounds(text, quote.close_mark, lo, hi)
    after = text[quote.close_mark + 1 : line_end]
    phrase = _speaker_after(after)
    if phrase is None and not after.strip():
        next_start = line_end + 1
        next_end = text.find("\n", next_start, hi)
        next_line = text[next_start : hi if next_end < 0 else next_end]
        if (
            next_line
            and len(next_line.split()) <= 8
            and next_line.strip()[:1] not in _DOUBLE + "‘'"
        ):
            phrase = _speaker_leading(next_line)
    if phrase:
        return phrase
    open_line_start, _ = _line_bounds(text, quote.open_mark, lo, hi)
    colon = _HEADLINE_SPEAKER.match(text, open_line_start, quote.open_mark)
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
        found = _speaker_before(text, before_start, quote.open_mark)
        if found is None and phrase == "":
            subject = _clause_subject(_tokens(text, before_start, quote.open_mark, []))
            found = _phrase(text, subject) if subject else None
        if found is not None:
            return found
    return None


_HEADLINE_SPEAKER = re.compile(r"[ \t]*((?:[A-Z][\w.'’\-]*[ \t]*){1,4}):[ \t]")
# A speaker noun phrase of up to eight words ("Westerville Police Chief Joe Morbitzer", "he").
_NAME_WORD = r"[A-Z][\w.'’\-]*|[a-z][\w'’\-]*"
_SPEAKER_NP = rf"(?P<sp>(?:{_NAME_WORD})(?:\s+(?:{_NAME_WORD})){{0,7}}?)"
_VERBS = "|".join(sorted(REPORTING_VERBS | {"read", "went on"}, key=len, reverse=True))
_AFTER_SUBJECT = re.compile(
    rf"^\s*[,.!?…]*\s*{_SPEAKER_NP}\s+(?:\w+ly\s+|also\s+|then\s+)?(?:{_VERBS})\b"
)
_AFTER_INVERTED = re.compile(
    r"^\s*[,.!?…]*\s*(?:" + "|".join(sorted(_INVERTIBLE)) + r")\s+(?P<sp>[^,.;:!?\n]+)"
)
_AFTER_APPOSITIVE = re.compile(
    rf"^\s*[,.!?…]*\s*(?P<sp>[A-Z][^,\n]{{1,60}}),[^\n\"“”]{{1,120}}?,\s*(?:{_VERBS})\b"
)
_AFTER_ACCORDING = re.compile(r"^\s*[,.]?\s*according to (?P<sp>[^,.;\n]+)", re.IGNORECASE)
_LEADING = re.compile(rf"^\s*{_SPEAKER_NP}\s+(?:\w+ly\s+|also\s+|then\s+)?(?:{_VERBS}|went on)\b")


def _speaker_after(after: str) -> str | None:
    for pattern in (_AFTER_ACCORDING, _AFTER_INVERTED, _AFTER_SUBJECT, _AFTER_APPOSITIVE):
        match = pattern.match(after)
        if match:
            speaker = re.split(r",|\bwho\b|\bon\b|\bin\b|\bduring\b", match.group("sp"))[0]
            if all(word.lower() in _CONNECTIVES for word in speaker.split()):
                return ""  # '"A," and added': the sentence's subject speaks
            return speaker.strip() or None
    return None


def _speaker_leading(line: str) -> str | None:
    match = _LEADING.match(line)
    return match.group("sp").strip() if match else None


def _speaker_before(text: str, start: int, end: int) -> str | None:
    """Speaker named in the words that lead into a quote ("Batten echoed that saying, ")."""
    tokens = _tokens(text, start, end, [])
    has_cue = text[start:end].rstrip().endswith(":")
    for index, token in enumerate(tokens):
        word = token.lower
        if word in REPORTING_PARTICIPLES and index >= 1:
            subject = _participle_subject(tokens, index)
        elif word in REPORTING_VERBS or word in VERBAL_ACTS or (word == "say" and index):
            subject = _subject_before(tokens, index)
            if not subject and index and tokens[index - 1].lower == "to":
                subject = _clause_subject(tokens)
        else:
            continue
        if subject:
            return _phrase(text, subject)
    if has_cue:
        subject = _clause_subject(tokens)
        return _phrase(text, subject) if subject else None
    return None


def _continues(text: str, previous: _Direct, quote: _Direct, lo: int) -> bool:
    between = text[previous.close_mark + 1 : quote.open_mark]
    if between.count("\n") > 2:
        return False
    if previous.speaker is None:
        return False
    gap = between.strip(" \n\"“”‘’'")
    return _at_line_start(text, quote.open_mark, lo) or len(gap.split()) <= 2


def _scare_quoted(text: str, quote: _Direct, lo: int) -> bool:
    """ "the so-called "experts"": the author distances themself; nobody is quoted."""
    before = text[max(lo, quote.open_mark - 12) : quote.open_mark].lower()
    return bool(re.search(r"so[- ]called\s*$", before))


def _title_like(text: str, quote: _Direct, lo: int) -> bool:
    words = text[quote.start : quote.end].split()
    capitalised = all(
        w[:1].isupper() or w.lower() in {"of", "the", "a", "and", "in", "on"} for w in words
    )
    return capitalised and bool(
        _TITLE_CUES.search(text[max(lo, quote.open_mark - 12) : quote.open_mark])
    )


def _mostly_quoted(start: int, end: int, directs: Sequence[_Direct], text: str) -> bool:
    """Whether all but a word or two of a reported clause is a direct quote already."""
    chars = list(text[start:end])
    for quote in directs:
        for position in range(max(start, quote.open_mark), min(end, quote.close_mark + 1)):
            chars[position - start] = " "
    return not re.search(r"\w", "".join(chars))


# Verbs of a line that introduces the quote on the next one ("X issued a statement.").
_INTRODUCING_VERBS = (
    "issued", "released", "responded", "wrote", "tweeted", "posted", "said", "says", "added",
    "put out", "gave", "spoke",
)  # fmt: skip
_INTRODUCING = re.compile(
    r"^(?P<sp>[^\n\"“”]{2,120}?)\s+(?:\w+ly\s+)?(?:"
    + "|".join(_INTRODUCING_VERBS)
    + r")\b[^\n\"“”]*[.:]\s*$"
)


def _introduced_by_previous_line(text: str, quote: _Direct, lo: int) -> str | None:
    """Speaker of a quote that opens a line after "X issued a statement." or "X said:"."""
    if not _at_line_start(text, quote.open_mark, lo):
        return None
    line_start = text.rfind("\n", lo, quote.open_mark)
    if line_start <= lo:
        return None
    previous_start = max(lo, text.rfind("\n", lo, line_start) + 1)
    match = _INTRODUCING.match(text[previous_start:line_start])
    return match.group("sp") if match else None
