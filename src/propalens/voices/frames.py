"""Reported speech: the reporting frames of a sentence, who speaks in them and what they report.

An indirect quote spans the reported clause of a frame ("X said (that) ...", "..., X said.",
"according to X, ...", "X told reporters ...", "cited X as saying ..."), without the frame where
the frame opens or closes the sentence, and without the final period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from propalens.lang import LanguagePack
from propalens.ranges import Range
from propalens.voices.subjects import (
    Token,
    clause_subject,
    is_participle,
    is_reporting_verb,
    participle_subject,
    phrase_of,
    skip_adverbial,
    strip_connective,
    subject_before,
    subject_ok,
)


@dataclass
class Frame:
    """A reporting frame: the speaker phrase, the reported clause, and where the sentence
    starts (`at`), from which the speaker phrase is looked up."""

    speaker: str | None
    content: Range | None
    at: int = 0


def _content(text: str, tokens: list[Token], lang: LanguagePack) -> Range | None:
    tokens = strip_connective(tokens, lang)
    while tokens and tokens[-1].text in ".,;:!?—–-" and not tokens[-1].quoted:
        tokens = tokens[:-1]
    if len(tokens) < 3:
        return None
    return tokens[0].start, tokens[-1].end


def find_frames(text: str, tokens: list[Token], lang: LanguagePack) -> list[Frame]:
    """Reporting frames of one sentence: who speaks and which words they report."""
    if not tokens:
        return []
    speech = lang.speech
    lowered = [t.lower for t in tokens]
    at = tokens[0].start
    # "according to X, ..." and "..., according to X."
    according = speech.according_to
    for i in range(len(tokens) - len(according) + 1):
        if tuple(lowered[i : i + len(according)]) == according and not tokens[i].quoted:
            j = i + len(according)
            while j < len(tokens) and tokens[j].text not in {",", ".", "—", "–", ";"}:
                j += 1
            speaker = phrase_of(text, tokens[i + len(according) : j])
            before = strip_connective(tokens[:i], lang)
            after = tokens[j + 1 :]
            lead = before[0].lower if before else ""
            side = before if len(before) >= 5 and lead not in speech.subordinate_leads else after
            side = side or before
            if len(before) >= 3 and len([t for t in after if t.text not in ".!?"]) >= 3:
                side = tokens  # "X, according to Y, is Z": an interrupting frame stays inside
            return [Frame(speaker, _content(text, side, lang), at)]
    # "X cited Y as saying ..."
    for i in range(len(tokens) - 3):
        if lowered[i] == "cited" and "saying" in lowered[i + 1 : i + 10]:
            k = lowered.index("saying", i + 1)
            if lowered[k - 1] == "as":
                speaker = phrase_of(text, tokens[i + 1 : k - 1])
                return [Frame(speaker, _frame_tail(text, tokens, k, lang), at)]
    # "..., X said[ tail]." / "..., said X." closing (or interrupting) the sentence.
    commas = [i for i, t in enumerate(tokens) if t.text in {",", "—", "–"} and not t.quoted]
    closing = [i for i in range(len(tokens) - 1) if tokens[i].quoted and not tokens[i + 1].quoted]
    if closing and not any(c > closing[-1] for c in commas):
        segment = [t for t in tokens[closing[-1] + 1 :] if t.text not in ".!?"]
        speaker_tokens = _trailing_frame(segment, lang)
        if speaker_tokens is not None:
            return [
                Frame(
                    phrase_of(text, speaker_tokens),
                    _content(text, tokens[: closing[-1] + 1], lang),
                    at,
                )
            ]
    for n, c in enumerate(commas):
        segment_end = commas[n + 1] if n + 1 < len(commas) else len(tokens)
        segment = [t for t in tokens[c + 1 : segment_end] if t.text not in ".!?"]
        speaker_tokens = _trailing_frame(segment, lang)
        content_end = c
        if (
            speaker_tokens is None
            and segment
            and segment[0].lower in speech.reporting_verbs
            and n >= 1
        ):
            # "..., Lee Merritt, one of the attorneys, told ABC News." (appositive speaker)
            first = commas[n - 2] + 1 if n >= 2 else commas[n - 1] + 1
            content_end = commas[n - 2] if n >= 2 else commas[n - 1]
            after_quote = _after_closing_quote(
                tokens, commas[n - 2] + 1 if n >= 2 else 0, commas[n - 1]
            )
            if n == 1 and after_quote is not None:
                # '"...," the spokesperson, Anna Orlova, told reporters.': the quote reports.
                first = content_end = after_quote
            speaker_tokens = [t for t in tokens[first:c] if not t.quoted] or None
            too_long = (
                len(segment) > 4
                or len(tokens[segment_end:]) > 1
                or any(t.lower == speech.complementizer for t in segment)
            )
            if too_long or speaker_tokens is None or len(speaker_tokens) > 16:
                speaker_tokens = None
        if speaker_tokens is None:
            continue
        if speaker_tokens[0].lower in speech.coordinators and not _adverbial_lead(tokens[:c], lang):
            continue  # "A insisted that B, and he denied C": a coordinated clause, no frame
        if segment_end < len(tokens) - 1 and len(segment) > 6:
            continue  # an interrupting frame is short: "..., Hogrefe said, because ..."
        verb = _verb_after(tokens, speaker_tokens, lang)
        runs_to_end = segment_end >= len(tokens) - 1
        if verb is not None and runs_to_end and _adverbial_lead(tokens[:c], lang):
            # "Asked if ..., Pompeo said he was reserving judgment": the lead is no report.
            tail = _frame_tail(text, tokens, verb, lang)
            named = [t for t in strip_connective(speaker_tokens, lang) if t.lower != "then"]
            named = named or clause_subject(tokens, lang)  # "..., but then claims that ..."
            if tail is not None and named:
                return [Frame(phrase_of(text, named), tail, at)]
        speaker = phrase_of(text, speaker_tokens)
        if segment_end >= len(tokens) - 1:
            return [Frame(speaker, _content(text, tokens[:content_end], lang), at)]
        if _is_apposition(tokens[segment_end + 1 :], lang):
            # "A, said Anna Orlova, the ministry's spokesperson.": the frame closes A.
            return [Frame(speaker, _content(text, tokens[:content_end], lang), at)]
        following = tokens[segment_end + 1]
        if following.quoted:
            # 'When asked, Haig said, "..."': the quote is the report, and the words before
            # the frame are one too only when they do not set the scene.
            scene = _adverbial_lead(tokens[:c], lang)
            return [
                Frame(speaker, None if scene else _content(text, tokens[:content_end], lang), at)
            ]
        if not is_participle(following, lang):
            return [Frame(speaker, _content(text, tokens, lang), at)]
        # "A, X said, stressing that B": the participle tells what the speaker did, so the
        # frame closes the report A; a participle of speech reports B too.
        frames = [Frame(speaker, _content(text, tokens[:content_end], lang), at)]
        if following.lower in speech.reporting_participles:
            frames.append(Frame(speaker, _frame_tail(text, tokens, segment_end + 1, lang), at))
        return frames
    # "X said (that) ..." opening the sentence, or "..., saying that ..." after it.
    for i, token in enumerate(tokens):
        if token.quoted:
            continue
        if token.lower in speech.reporting_verbs:
            subject = subject_before(tokens, i, lang)
        elif token.lower in speech.reporting_participles and i >= 2:
            subject = participle_subject(tokens, i, lang)
        else:
            continue
        content = _frame_tail(text, tokens, i, lang) if subject else None
        if subject and content:
            frame = Frame(phrase_of(text, subject), content, at)
            return [frame, *_coordinated_reports(text, tokens, frame, lang)]
    return []


def _coordinated_reports(
    text: str, tokens: list[Token], frame: Frame, lang: LanguagePack
) -> list[Frame]:
    """The reports of a clause coordinated after `frame`'s report, which ends where it begins:
    "..., but emphasized that B" (the same speaker) or "..., but prosecutors argued B"."""
    assert frame.content is not None
    rest = [t for t in tokens if t.start >= frame.content[1]]
    if len(rest) < 3 or rest[0].text not in {",", ";"}:
        return []
    clause = rest[2:]
    verb = _coordinated_verb(clause, lang)
    if verb is None:
        return []
    if verb == 0:
        tail = _frame_tail(text, clause, 0, lang)
        return [Frame(frame.speaker, tail, frame.at)] if tail else []
    return find_frames(text, clause, lang)


def _coordinated_verb(clause: list[Token], lang: LanguagePack) -> int | None:
    """Index of the reporting verb of a coordinated clause ("[he] denied ...", "[prosecutors]
    argued ...") after its short subject, if it has one."""
    speech = lang.speech
    for k, token in enumerate(clause[: _MAX_COORDINATED_SUBJECT + 1]):
        if token.quoted or token.text in ",;:":
            return None
        if is_reporting_verb(token, lang):
            subject = [
                t
                for t in clause[:k]
                if t.lower not in speech.auxiliaries and not t.lower.endswith("ly")
            ]
            if any(
                t.lower == "to" or (t.text.islower() and t.text.endswith("ed")) for t in subject
            ):
                return None  # "although the Vatican declined to say which": no report
            return k if not subject or subject_ok(subject, lang) else None
    return None


# How many words the subject of a coordinated report holds ("federal prosecutors").
_MAX_COORDINATED_SUBJECT = 4


def _after_closing_quote(tokens: list[Token], start: int, end: int) -> int | None:
    """Index of the first word after the last closing quote mark in `tokens[start:end]`, when
    a few unquoted words follow it there (the speaker's noun before its apposition)."""
    last = next((k for k in range(end - 1, start - 1, -1) if tokens[k].quoted), None)
    if last is None or not 0 < end - last - 1 <= _MAX_APPOSED_WORDS:
        return None
    return last + 1


# How many words the noun before an apposition holds ("the ministry's spokesperson").
_MAX_APPOSED_WORDS = 6


def _is_apposition(rest: list[Token], lang: LanguagePack) -> bool:
    """Whether the words after a frame, to the sentence's end, only say who the speaker is
    ("the ministry's spokesperson", "one of the attorneys"): a person noun and no verb."""
    words = [t.lower for t in rest if t.text not in ".!?"]
    people = lang.people
    return (
        0 < len(words) <= _MAX_APPOSED_WORDS + 2
        and not any(t.quoted or t.text in ",;:" for t in rest)
        and (words[0] in lang.speech.subject_determiners or words[:2] == ["one", "of"])
        and any(w in people.person_nouns or w in people.titles for w in words)
        and not any(_verb_like(w, lang) for w in words[1:])
    )


def _verb_like(word: str, lang: LanguagePack) -> bool:
    """Whether a lowercase word may be a clause's verb or its object pronoun ("had", "left it")."""
    speech = lang.speech
    return (
        word in speech.non_subject
        or word in speech.auxiliaries
        or word in speech.reporting_verbs
        or word in speech.third_person_pronouns
        or word.endswith("ed")
    )


def _verb_after(tokens: list[Token], speaker: list[Token], lang: LanguagePack) -> int | None:
    """Index of the reporting verb right after the speaker tokens, if it follows them."""
    k = tokens.index(speaker[-1]) + 1
    while k < len(tokens) and (
        tokens[k].lower in lang.speech.auxiliaries or tokens[k].lower.endswith("ly")
    ):
        k += 1
    return k if k < len(tokens) and is_reporting_verb(tokens[k], lang) else None


def _adverbial_lead(lead: list[Token], lang: LanguagePack) -> bool:
    """Whether the words before a frame's comma set a scene rather than report something."""
    lead = strip_connective(lead, lang)
    if not lead or any(t.quoted for t in lead):
        return False
    first = lead[0].lower
    speech = lang.speech
    return (
        first in speech.prepositions
        or first in speech.subordinators
        or first in speech.question_leads
        or (first in speech.time_leads and first not in speech.subject_determiners)  # "Later,"
    )


@cache
def _month_names(lang: LanguagePack) -> frozenset[str]:
    """Month names and abbreviations, capitalised as a date prints them."""
    return frozenset(name.capitalize() for name in lang.calendar.months)


_DAY_OR_YEAR = re.compile(r"\d{1,2}(?:st|nd|rd|th)?|\d{4}")


def _is_date_word(token: Token, months: frozenset[str]) -> bool:
    return token.text in months or bool(_DAY_OR_YEAR.fullmatch(token.text))


def _is_time_word(token: Token, lang: LanguagePack) -> bool:
    """Whether `token` says when ("Thursday", "today", "March"), never who."""
    return token.lower in lang.speech.time_leads or _is_date_word(token, _month_names(lang))


def _skip_date(rest: list[Token], k: int, lang: LanguagePack) -> int:
    """Skip a date ("April 10, 2018", "10 April 2018", "Monday, April 9") starting at `k`."""
    months = _month_names(lang)
    while k < len(rest):
        if _is_date_word(rest[k], months):
            k += 1
        elif (
            rest[k].text == ","
            and k > 0
            and k + 1 < len(rest)
            and (_is_date_word(rest[k - 1], months) or rest[k - 1].lower in lang.speech.time_leads)
            and _is_date_word(rest[k + 1], months)
        ):
            k += 1  # the comma inside a date is no clause boundary
        else:
            break
    return k


def _skip_time_phrases(rest: list[Token], k: int, lang: LanguagePack) -> int:
    """Skip "on Sunday", "on April 10, 2018", "in a statement", "at a news conference" after
    a reporting verb."""
    while k < len(rest) and rest[k].lower in lang.speech.time_leads:
        k = _skip_date(rest, k + 1, lang)
        if k < len(rest) and rest[k].lower in lang.speech.venue_determiners:
            k += 1
            while (
                k < len(rest)
                and rest[k].text[:1].islower()
                and rest[k].lower != lang.speech.complementizer
            ):
                k += 1
                if rest[k - 1].lower in lang.speech.venue_nouns:
                    break
    return k


def _trailing_frame(segment: list[Token], lang: LanguagePack) -> list[Token] | None:
    """Speaker tokens when `segment` reads "X said[ tail]" or "said X[ tail]"."""
    if not segment or len(segment) > 14 or any(t.quoted for t in segment):
        return None
    speech = lang.speech
    words = [t.lower for t in segment]
    if words[0] in speech.invertible and len(segment) > 1:
        end = next(
            (k for k, w in enumerate(words[1:], 1) if w in speech.inverted_speaker_ends), None
        )
        speaker = segment[1:end]
        first = speaker[0] if speaker else None
        if first is None or len(speaker) > 8 or _is_time_word(first, lang):
            return None  # "..., said Thursday.": a time, and the speaker stands before the verb
        if not (first.text[:1].isupper() or first.lower in speech.inverted_speaker_openers):
            return None
        return speaker if subject_ok(speaker, lang) else None
    if words[0] in speech.reporting_verbs:
        return None
    for k, word in enumerate(words):
        if word in speech.reporting_verbs and k > 0:
            subject = segment[:k]
            while subject and (
                subject[-1].lower in speech.auxiliaries or subject[-1].lower.endswith("ly")
            ):
                subject = subject[:-1]
            if not strip_connective(subject, lang):
                return None  # '... "A" and later said B': the sentence's subject speaks
            if subject[0].lower in speech.subordinators:
                return None  # "..., though he said that B": a report of its own
            if subject and subject[0].lower in speech.prepositions:
                subject = skip_adverbial(subject, lang)
            lead = subject[0] if subject else None
            plausible = lead is not None and (
                lead.text[:1].isupper()
                or lead.lower in speech.noun_phrase_openers | speech.person_pronouns
                or (
                    len(subject) <= 3
                    and not any(
                        t.lower in speech.prepositions or t.lower.endswith("ed") for t in subject
                    )
                )
            )
            if (
                plausible
                and len(subject) <= 10
                and subject_ok(subject, lang)
                and len(words) - k <= 9
            ):
                return subject
            return None
    return None


def _frame_tail(text: str, tokens: list[Token], verb: int, lang: LanguagePack) -> Range | None:
    """The reported clause after the reporting verb at `verb`."""
    speech = lang.speech
    rest = tokens[verb + 1 :]
    first_quoted = next((k for k, t in enumerate(rest) if t.quoted), None)
    if first_quoted is not None and first_quoted > 0 and rest[first_quoted - 1].text in {",", ":"}:
        return None  # 'X said, "..."': the quote itself is the report
    colon = next((k for k, t in enumerate(rest[:12]) if t.text == ":"), None)
    if colon is not None:
        return _content(text, rest[colon + 1 :], lang)
    after_time = _skip_time_phrases(rest, 0, lang)
    that = speech.complementizer
    if 0 < after_time < len(rest) and rest[after_time].lower == that:
        return _reported_clause(text, rest[after_time + 1 :], lang)  # "said on April 10, 2018 that"
    words = [t.lower for t in rest]
    if tokens[verb].lower not in speech.that_optional and that not in words[:12]:
        # "Trump announced he would end the exercises": a pronoun opens the clause.
        opens_with_pronoun = (
            after_time < len(rest) and rest[after_time].lower in speech.subject_pronouns
        )
        if opens_with_pronoun and tokens[verb].lower in speech.pronoun_clause_verbs:
            return _reported_clause(text, rest[after_time:], lang)
        return None
    window = words[:12]
    if that in window:
        cut = window.index(that)
        # "said they uncovered that text": a clause has begun, and "that" is a determiner.
        begun = any(
            speech.contraction.sub("", w) in speech.subject_pronouns or w.endswith("ed")
            for w in window[:cut]
        )
        if not begun and ("," not in window[:cut] or cut < 4):
            return _reported_clause(text, rest[cut + 1 :], lang)
    k = 0
    if tokens[verb].lower in speech.listener_verbs:
        listener = rest[0].lower if len(rest) > 2 else speech.complementizer
        if listener in speech.subject_determiners and listener != speech.complementizer:
            k = 2  # "told the paper the source was known": the paper is who was told
        while (
            k < len(rest)
            and k < 6
            and (rest[k].text[:1].isupper() or rest[k].lower in speech.listeners)
        ):
            k += 1
    k = _skip_time_phrases(rest, k, lang)
    if k < len(rest) and rest[k].text in {",", ":"}:
        k += 1
    return _reported_clause(text, rest[k:], lang)


def _reported_clause(text: str, tokens: list[Token], lang: LanguagePack) -> Range | None:
    """The reported clause in `tokens`, up to a coordinated clause with its own subject and
    reporting verb ("that its footage was genuine, and he denied ..."): that is the author
    narrating again, not the speaker's words."""
    for m in range(len(tokens) - 2):
        if tokens[m].quoted or tokens[m].text not in {",", ";"}:
            continue
        joiner = tokens[m + 1].lower
        if joiner not in lang.speech.coordinators | lang.speech.subordinators:
            continue
        if _coordinated_verb(tokens[m + 2 :], lang) is not None:
            return _content(text, tokens[:m], lang)
    return _content(text, tokens, lang)
