"""`LanguagePack` and the shapes of a language's data: word sets, dates, names, speech, lines.

A pack is plain data.  The steps that read it (`clean`, `voices`) build their patterns from the
pack they are given, once per pack; a pack compares and hashes by identity for that reason, so
that a pack made with `dataclasses.replace` is a language of its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from propalens.schema import RemovedKind


def wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`: how the packs write their word lists."""
    return frozenset(text.split())


@dataclass(frozen=True)
class LineRule:
    """A whole-line pattern for one kind of non-body text.

    `date_rank` orders the dates found by different rules when choosing `published` (lower wins;
    None means the rule's date is not a publication date).  `outlet_rank` does the same for
    `outlet`.  A rule with `after` applies only to the line right after (blank lines aside) one
    that a rule of those names matched: the outlet printed under an author's sign-off is
    boilerplate there, and body anywhere else.  A rule with `before` applies only to the line
    right before one that a rule of those names matches: a name over a dateline is its byline.
    A `head_only` rule applies only in the page's head, between the headline and the first body
    line: a name alone there is the byline, and a line of its own anywhere else.
    """

    name: str
    kind: RemovedKind
    pattern: re.Pattern[str]
    max_len: int = 300
    date_rank: int | None = None
    outlet_rank: int | None = None
    after: tuple[str, ...] = ()
    before: tuple[str, ...] = ()
    head_only: bool = False

    def match(self, line: str) -> re.Match[str] | None:
        """The match on a trimmed line, or None; lines over `max_len` never match."""
        if len(line) > self.max_len:
            return None
        return self.pattern.fullmatch(line)


@dataclass(frozen=True, eq=False)
class Calendar:
    """How the language writes dates."""

    months: Mapping[str, int]
    """Month names and abbreviations, lower case, with the month's number."""
    weekdays: tuple[str, ...]
    """Weekday names, lower case."""
    date: str
    """A regex fragment (no groups) matching any date that `clean.dates.parse_date` reads."""
    named_dates: tuple[re.Pattern[str], ...]
    """Dates with a month name, each with the groups `month`, `day` and `year`."""
    iso_date: re.Pattern[str]
    """2018-05-12 (or 2018/05/12), with the groups `year`, `month` and `day`."""
    numeric_date: re.Pattern[str]
    """12/05/2018 or 12.05.2018, with the groups `first`, `separator`, `second` and `year`."""


@dataclass(frozen=True, eq=False)
class People:
    """The words of names and of the titles, roles and groups around them."""

    titles: frozenset[str]
    """Words of a title before a name ("president", "sen", "u.s.")."""
    title_modifiers: frozenset[str]
    """Title words that qualify a role without being one ("former")."""
    portfolios: frozenset[str]
    """What a minister is minister of: words of a title, never of the name after it."""
    name_suffixes: frozenset[str]
    """"jr", "iii": lower case, ending a name."""
    written_suffixes: tuple[str, ...]
    """The same as names print them ("Jr.", "III"), longest-reading first."""
    abbreviated_titles: tuple[str, ...]
    """Abbreviated titles that open a mentioned name ("Mr.", "Sen.")."""
    surname_prefixes: tuple[str, ...]
    """Prefixes of a capitalised surname ("O'", "Mc")."""
    female_titles: frozenset[str]
    male_titles: frozenset[str]
    female_names: frozenset[str]
    """Common female given names: enough to tell "she" from "he" for most speakers."""
    male_names: frozenset[str]
    """Common male given names: a name that "he" may take up."""
    org_words: frozenset[str]
    """Nouns that name an organisation or a document rather than a person."""
    plural_heads: frozenset[str]
    """Plural nouns for people ("officials"): a speaker that is a group."""
    role_synonyms: Mapping[str, str]
    """A role word and the role it names ("pm" is "prime minister")."""
    not_names: frozenset[str]
    """Capitalised words that never start or make a person's name."""
    person_roles: frozenset[str]
    """Role nouns that name one person ("the sheriff")."""
    bigram_roles: frozenset[str]
    """Two-word roles ("attorney general")."""
    person_titles: frozenset[str]
    """Titles that, right before one capitalised word, make it a name ("Pope Francis")."""
    determiners: frozenset[str]
    """Words that open a speaker phrase without being part of a name."""
    clause_leads: frozenset[str]
    """Words that open a clause inside a speaker phrase, which ends the phrase ("who")."""
    indefinite_articles: frozenset[str]
    """"a", "an": a speaker the article brings in anew, not one it named before."""
    pronouns: Mapping[str, str | None]
    """Subject pronouns and who they take up: "m", "f", "p" (people), "o" (a thing) or None."""
    name_particles: tuple[str, ...]
    """Lowercase particles inside names ("bin", "von der")."""
    trailing_junk: frozenset[str]
    """Words after a speaker phrase that are not part of it ("is", "also")."""
    prepositions_of_names: frozenset[str]
    """Lowercase words after a capitalised one that keep it from modifying a noun."""
    name_links: frozenset[str]
    """Lowercase words inside an organisation's name ("of", "for")."""
    postmodifier_leads: frozenset[str]
    """Words that open a post-modifier ("a spokesman for the group")."""
    person_nouns: frozenset[str]
    """Nouns for people that a post-modifier keeps apart from others."""
    group_nouns: frozenset[str]
    """Nouns that take up a group the article named before ("the couple")."""
    noun_phrase_ends: frozenset[str]
    """Words after which a speaker's noun phrase has ended ("released by")."""
    plural_mentions: tuple[str, ...]
    """Plural nouns that a later "they" may take up."""


@dataclass(frozen=True, eq=False)
class Speech:
    """The words of reporting: verbs that report speech and the words around a frame."""

    reporting_verbs: frozenset[str]
    """Inflected reporting verbs; a frame needs one of these next to its speaker."""
    attribution_verbs: frozenset[str]
    """Words (one or more) after a closing quote mark and its speaker ('"...," Smith said')."""
    complementizer: str
    """The word that opens a reported clause ("said that ...")."""
    according_to: tuple[str, ...]
    """The words before the source of a report in "according to X"."""
    scare_quote_cue: re.Pattern[str]
    """Searched in the lowercase words before a quote mark: the author keeps their distance
    ("the so-called "experts""), and nobody is quoted."""
    reporting_participles: frozenset[str]
    """Participles reporting the speech of the sentence's subject ("..., saying that")."""
    contraction: re.Pattern[str]
    """A contracted verb at a word's end ("he's", "they’re"), removed to leave the pronoun."""
    participle_ending: str
    """How a present participle ends ("speaking"): after a frame, it describes the speaker."""
    not_participles: frozenset[str]
    """Words with that ending that are no participle of the speaker ("during", "morning")."""
    verbal_acts: frozenset[str]
    """Verbs of verbal acts that take a partial quote ("described X as "rude"")."""
    that_optional: frozenset[str]
    """Reporting verbs whose reported clause may come without "that"."""
    pronoun_clause_verbs: frozenset[str]
    """Reporting verbs whose clause may come without "that" when a pronoun opens it
    ("announced he would ..."), where a noun after them is their object ("announced a plan")."""
    invertible: frozenset[str]
    """Reporting verbs that may come before their speaker ("..., said Smith.")."""
    listener_verbs: frozenset[str]
    """Reporting verbs followed by whom they are told to ("told reporters")."""
    listeners: frozenset[str]
    """Words naming whom something is told to."""
    introducing_verbs: tuple[str, ...]
    """Verbs of a line that introduces the quote on the next one ("X issued a statement.")."""
    title_cue_words: tuple[str, ...]
    """Words right before a capitalised quote that make it a title ("the film")."""
    title_small_words: frozenset[str]
    """Lowercase words inside the title of a work ("Fire and Fury")."""
    auxiliaries: frozenset[str]
    """Words between a speaker and the reporting verb ("has", "also")."""
    non_subject: frozenset[str]
    """Words that a speaker phrase never holds (verbs of a clause, relatives)."""
    connectives: frozenset[str]
    """Words that open a clause without being part of it ("but", "meanwhile")."""
    coordinators: frozenset[str]
    """Words that join two clauses ("and", "but"): after a comma, a clause of its own."""
    noun_phrase_words: frozenset[str]
    """Lowercase words inside the noun phrase that opens a sentence ("the head of the team")."""
    noun_phrase_openers: frozenset[str]
    """Words after which a noun phrase goes on, whatever the next word ("the former minister")."""
    inverted_speaker_openers: frozenset[str]
    """Lowercase words that may open the speaker after an inverted verb ("said the minister")."""
    speaker_ends: frozenset[str]
    """Words that end the speaker named after a closing quote mark ("Smith said on ...")."""
    inverted_speaker_ends: frozenset[str]
    """Words that end the speaker after an inverted verb ("said Smith, who ...")."""
    participle_determiners: frozenset[str]
    """Determiners before a noun that speaks with a participle ("its spokesman saying")."""
    venue_determiners: frozenset[str]
    """Determiners after a time lead that open where something was said ("in a statement")."""
    venue_nouns: frozenset[str]
    """Nouns that end such a phrase ("statement", "interview")."""
    subject_pronouns: frozenset[str]
    """Pronouns that open a clause of their own."""
    person_pronouns: frozenset[str]
    """Pronouns for a person or people: a speaker on their own ("he said")."""
    third_person_pronouns: frozenset[str]
    """Pronouns for a person, people or a thing: the subject of a sentence on their own."""
    relative_pronouns: frozenset[str]
    """Relative pronouns that open a clause about the noun before them ("officials who")."""
    person_relatives: frozenset[str]
    """Relative pronouns that take up a person ("a woman who")."""
    reported_relatives: frozenset[str]
    """Relative words that are themselves what a verb reports ("which he said was ...")."""
    question_leads: frozenset[str]
    """Words opening a scene of questioning ("Asked if ...,")."""
    prepositions: frozenset[str]
    subject_determiners: frozenset[str]
    """Words that open a noun phrase a speaker may be."""
    subordinators: frozenset[str]
    subordinate_leads: frozenset[str]
    """Words that keep a clause before "according to X" subordinate ("As ...")."""
    time_leads: frozenset[str]
    """Words that open a time phrase after a reporting verb ("said on Sunday")."""
    tweet_introductions: frozenset[str]
    """Words of the article's own line introducing a tweet ("Trump tweeted:")."""
    tweet_mention: re.Pattern[str]
    """The article talking about a tweet ("In a damning tweet, ..."), searched in a line."""


@dataclass(frozen=True, eq=False)
class LanguagePack:
    """A language as the pipeline's steps see it: its sentence model, and the words and rules
    that cleaning and quote finding read."""

    code: str
    """The ISO 639-1 code: "en"."""
    name: str
    """The language's English name: "English"."""
    punkt_model: str
    """The Punkt sentence model that splits its text (a name `punkt.tokenizer_for` knows)."""
    calendar: Calendar
    people: People
    speech: Speech
    line_rules: tuple[LineRule, ...]
    """The whole-line rules of boilerplate, tried in order; the first that matches wins."""
    holder_noise: re.Pattern[str]
    """What a copyright line prints around the holder's name ("All rights reserved", a year),
    removed to leave the name."""
    menu_item: re.Pattern[str]
    """An item of a site's navigation menu ("World News"), matched against a whole line."""
    wire_dateline: re.Pattern[str]
    """A wire story's dateline at the start of its first paragraph, with the group `outlet`:
    "BERLIN (Reuters) - ..."."""
