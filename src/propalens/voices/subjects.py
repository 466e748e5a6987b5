"""Who a clause is about: the speaker phrase before a reporting verb, and the words of a sentence.

A sentence is read as `Token`s (words and punctuation marks, each knowing whether it lies inside
a quote).  The functions here find the noun phrase that speaks: the subject of "X said", of
"..., saying that ...", or of a sentence that opens with a scene-setting phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from propalens.lang import LanguagePack
from propalens.ranges import RangeSet

WORD = re.compile(r"[\w'’\-.]*\w|[^\w\s]")


@dataclass
class Token:
    """A word or punctuation mark of a sentence, and whether it lies inside a quote."""

    text: str
    start: int
    end: int
    quoted: bool

    @property
    def lower(self) -> str:
        return self.text.lower()


NOTHING_QUOTED = RangeSet()


def tokens_in(text: str, start: int, end: int, quoted: RangeSet = NOTHING_QUOTED) -> list[Token]:
    """The tokens of `text[start:end]`, each marked when it opens inside a `quoted` range."""
    return [
        Token(m.group(), m.start(), m.end(), m.start() in quoted)
        for m in WORD.finditer(text, start, end)
    ]


def is_reporting_verb(token: Token, lang: LanguagePack) -> bool:
    """Whether `token` is a reporting verb of the article's own words (not quoted)."""
    return not token.quoted and token.lower in lang.speech.reporting_verbs


def is_participle(token: Token, lang: LanguagePack) -> bool:
    """Whether `token` is a present participle of the article's own words ("speaking")."""
    speech = lang.speech
    word = token.text
    return (
        not token.quoted
        and word.islower()
        and word.endswith(speech.participle_ending)
        and len(word) > len(speech.participle_ending) + 2
        and word not in speech.not_participles
        and word not in speech.prepositions
    )


def subject_ok(tokens: list[Token], lang: LanguagePack) -> bool:
    """Whether `tokens` can be the speaker of a frame: short, unquoted, no clause of its own."""
    if not tokens or len(tokens) > 14:
        return False
    if any(t.quoted for t in tokens):
        return False
    words = [t.lower for t in tokens]
    if words[0] in lang.speech.relative_pronouns:
        return False
    return not any(w in lang.speech.non_subject for w in words)


def strip_connective(tokens: list[Token], lang: LanguagePack) -> list[Token]:
    """`tokens` without the connectives and punctuation that open them ("But", ", and")."""
    while tokens and (tokens[0].lower in lang.speech.connectives or tokens[0].text in ",;:—–-"):
        tokens = tokens[1:]
    return tokens


def phrase_of(text: str, tokens: list[Token]) -> str | None:
    """The text from the first token to the last; None for no tokens."""
    return text[tokens[0].start : tokens[-1].end] if tokens else None


def _strip_dateline(tokens: list[Token]) -> list[Token]:
    """Drop "VATICAN CITY —" or "Dallas, TX —" that opens a wire story."""
    for k, token in enumerate(tokens[:6]):
        dateline = all(t.text[:1].isupper() or t.text in {",", "."} for t in tokens[:k])
        if token.text in {"—", "–", "--"} and k > 0 and dateline:
            return tokens[k + 1 :]
    return tokens


def skip_adverbial(tokens: list[Token], lang: LanguagePack) -> list[Token]:
    """Drop an opening prepositional phrase ("In December," "After the ruling –")."""
    tokens = strip_connective(_strip_dateline(tokens), lang)
    if tokens and (tokens[0].lower in lang.speech.prepositions or tokens[0].lower.endswith("ly")):
        cut = next((k for k, t in enumerate(tokens) if t.text in {",", "—", "–"}), None)
        if cut is None:
            return []
        tokens = strip_connective(tokens[cut + 1 :], lang)
    return tokens


def clause_subject(tokens: list[Token], lang: LanguagePack) -> list[Token]:
    """The noun phrase that opens a sentence: a name, a pronoun or "the <noun>"."""
    speech = lang.speech
    tokens = skip_adverbial(tokens, lang)
    if not tokens:
        return []
    if tokens[0].lower in speech.third_person_pronouns:
        return tokens[:1]
    subject: list[Token] = []
    for token in tokens:
        if token.quoted:
            break
        if token.text == "." and subject and _abbreviates(subject[-1], lang):
            subject.append(token)  # "Edward E. Curtis IV", "Mr. Farrakhan"
            continue
        word = token.lower
        if (
            token.text[:1].isupper()
            or word in speech.noun_phrase_words
            or (subject and subject[-1].lower in speech.noun_phrase_openers)
        ):
            subject.append(token)
        elif (
            subject
            and subject[0].text[:1].isupper()
            and subject[0].lower not in speech.subject_determiners
        ):
            break  # "Trump took ...": a name ends at the first lowercase word
        elif token.text == "," and subject:
            break
        elif subject and not (
            word in speech.reporting_verbs or word in speech.verbal_acts or word.endswith("ed")
        ):
            subject.append(token)
            if len(subject) > 6:
                return []
        else:
            break
    return subject


def _abbreviates(token: Token, lang: LanguagePack) -> bool:
    """Whether a full stop after `token` marks an initial or an abbreviated title, not a
    sentence's end."""
    return (len(token.text) == 1 and token.text.isupper()) or (
        f"{token.text}." in lang.people.abbreviated_titles
    )


def subject_before(tokens: list[Token], verb: int, lang: LanguagePack) -> list[Token]:
    """Speaker tokens of a reporting verb that follows its subject."""
    speech = lang.speech
    k = verb - 1
    while k >= 0 and (
        tokens[k].lower in speech.auxiliaries or (tokens[k].lower.endswith("ly") and k)
    ):
        k -= 1
    if k < 0:
        return []
    last_quoted = max((m for m in range(k) if tokens[m].quoted), default=None)
    closes_quote = last_quoted is not None and (
        last_quoted + 1 == k or tokens[last_quoted + 1].text in {",", "—", "–"}
    )
    if tokens[k].lower in speech.person_pronouns and not closes_quote:
        # "in which he declared": a pronoun before the verb is its subject; but in "which he
        # said was ..." the relative pronoun is what is reported, and nothing is quoted.
        relative = k >= 1 and tokens[k - 1].lower in speech.reported_relatives
        if relative and not (k >= 2 and tokens[k - 2].lower in speech.prepositions):
            return []
        return [tokens[k]]
    if tokens[k].lower in speech.relative_pronouns:
        # "officials who said ...", "Haig's LinkedIn profile, which says ..."
        return _named_before_apposition(tokens, k, lang) or _antecedent(tokens, k, lang)
    coordinated = tokens[k].lower in speech.coordinators
    if coordinated and k and (tokens[k - 1].text == "," or tokens[k - 1].quoted):
        return clause_subject(tokens, lang)  # '..., and said', 'called it "vile" and said'
    subordinate = max(
        (
            m
            for m in range(k + 1)
            if tokens[m].lower in speech.subordinate_leads and not tokens[m].quoted
        ),
        default=None,
    )
    if subordinate is not None and 0 < k - subordinate <= 4 and not _ends_with_comma(tokens, k):
        return skip_adverbial(tokens[subordinate + 1 : k + 1], lang)
    floor = max(
        (m + 1 for m in range(k + 1) if tokens[m].text == ":" and not tokens[m].quoted), default=0
    )
    last_comma = max((m for m in range(floor, k + 1) if tokens[m].text == ","), default=None)
    if last_comma is not None:
        tail = strip_connective(tokens[last_comma + 1 : k + 1], lang)
        looks_like_np = bool(tail) and (
            tail[0].text[:1].isupper()
            or tail[0].lower in speech.subject_determiners | speech.third_person_pronouns
        )
        if (
            looks_like_np
            and len(tail) <= 6
            and not any(
                t.lower in speech.non_subject
                or t.quoted
                or (t.lower.endswith("ed") and t.text[:1].islower())
                for t in tail
            )
        ):
            return tail
    region = skip_adverbial(tokens[floor : k + 1], lang)
    if (
        not region
        or len(region) > 16
        or any(t.quoted or t.lower in speech.non_subject for t in region)
    ):
        if not _ends_with_comma(tokens, k):
            return []
        # "Benedict XVI, who, a month before being elected, lamented": who speaks.
        comma = next((m for m in range(k - 1, 0, -1) if tokens[m].text == ","), None)
        if comma is not None and comma >= 2 and tokens[comma - 1].lower in speech.person_relatives:
            return _antecedent(tokens, comma - 1, lang)
        # "Kristian Saucier, who served a year in prison, argues that ...": the subject is
        # the noun phrase before the relative clause or apposition that the commas hold.
        return _subject_before_apposition(tokens[:k], lang)
    return region


def _antecedent(tokens: list[Token], relative: int, lang: LanguagePack) -> list[Token]:
    """The noun phrase that the relative pronoun at `relative` takes up ("officials who")."""
    speech = lang.speech
    j = relative - 1 if tokens[relative - 1].text != "," else relative - 2
    phrase: list[Token] = []
    while j >= 0 and len(phrase) < 6:
        token = tokens[j]
        if (
            token.quoted
            or token.lower in speech.prepositions | speech.non_subject
            or token.text in ",.;:—–"
        ):
            break
        phrase.insert(0, token)
        if token.lower in speech.subject_determiners:
            break  # "reached a woman who": the noun phrase opens at its determiner
        j -= 1
    return phrase


def _ends_with_comma(tokens: list[Token], k: int) -> bool:
    """Whether a comma ends `tokens[: k + 1]`, the article's own or the last character inside a
    quote ('the author of "Black Muslim Religion," said')."""
    if tokens[k].text == ",":
        return not tokens[k].quoted
    return tokens[k].quoted and k > 0 and tokens[k - 1].text == ","


def _named_before_apposition(tokens: list[Token], relative: int, lang: LanguagePack) -> list[Token]:
    """ "Yvonne Chireau, a professor of religion at Swarthmore who called ...": the name that
    the apposition holding the relative pronoun at `relative` describes, if there is one."""
    comma = next(
        (m for m in range(relative - 1, -1, -1) if tokens[m].text == "," and not tokens[m].quoted),
        None,
    )
    if comma is None or comma + 1 >= relative or relative - comma > 12:
        return []
    if tokens[comma + 1].lower not in lang.speech.subject_determiners:
        return []
    subject = clause_subject(tokens[:comma], lang)
    named = subject and subject[0].text[:1].isupper()
    return subject if named and tokens.index(subject[-1]) + 1 == comma else []


def _subject_before_apposition(tokens: list[Token], lang: LanguagePack) -> list[Token]:
    """The sentence's subject when a comma follows it right away, else nothing."""
    subject = clause_subject(tokens, lang)
    if not subject or subject[0].lower in lang.speech.third_person_pronouns:
        return []
    after = tokens.index(subject[-1]) + 1
    if after >= len(tokens) or tokens[after].text != "," or after == len(tokens) - 1:
        return []
    return subject


def participle_subject(tokens: list[Token], participle: int, lang: LanguagePack) -> list[Token]:
    """Who speaks in "..., saying that ...": the name just before, else the sentence subject."""
    j = participle - 1
    if tokens[j].text == ",":
        return clause_subject(tokens, lang)
    if tokens[j].text[:1].isupper() and not tokens[j].quoted:
        run = [tokens[j]]
        while j > 0 and tokens[j - 1].text[:1].isupper() and not tokens[j - 1].quoted:
            j -= 1
            run.insert(0, tokens[j])
        return run
    if j >= 1 and tokens[j - 1].lower in lang.speech.participle_determiners:
        return [tokens[j]]
    # "reached a woman who was crying and can be heard saying": the woman speaks.
    who = next(
        (
            m
            for m in range(participle - 1, max(0, participle - _RELATIVE_REACH), -1)
            if tokens[m].lower in lang.speech.person_relatives and not tokens[m].quoted
        ),
        None,
    )
    if who is not None and not any(t.text in ",;:" for t in tokens[who:participle]):
        antecedent = _antecedent(tokens, who, lang)
        if antecedent:
            return antecedent
    return clause_subject(tokens, lang)


# How many words a relative clause holds before its participle of speech.
_RELATIVE_REACH = 10
