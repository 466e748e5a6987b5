"""English reporting: the verbs that report speech and the words around a reporting frame
("X said on Monday that ...", "..., according to X", "X told reporters ...")."""

from __future__ import annotations

import re

from propalens.lang.en.calendar import WEEKDAYS
from propalens.lang.pack import Speech, wordset

# Inflected reporting verbs; a frame needs one of these next to its speaker.
REPORTING_VERBS = wordset(
    """
    said says say told tells tell added adds insisted insists claimed claims stated states noted
    notes explained explains argued argues warned warns announced announces wrote writes tweeted
    tweets alleged alleges reported reports confirmed confirms acknowledged acknowledges
    admitted admits suggested suggests asserted asserts contended contends maintained maintains
    testified testifies declared declares stressed stresses emphasized emphasised emphasizes
    revealed reveals predicted predicts complained complains conceded concedes continued
    concluded replied replies responded asked recalled recalls agreed agrees denied denies
    indicated indicates cautioned cautions observed observes commented comments reiterated
    reiterates posted repeated repeats
    """
)
# Participles that report speech of the sentence's subject ("..., saying that ...").
REPORTING_PARTICIPLES = wordset(
    """
    saying adding claiming insisting arguing alleging noting warning stating explaining
    declaring admitting suggesting asserting contending maintaining stressing emphasizing
    writing tweeting announcing acknowledging
    """
)
CONTRACTION = re.compile(r"['’](?:s|re|m|d|ll|ve)$")
# A participle after a frame describes its speaker ("..., he said, speaking in Berlin"); these
# words end the same way and are none.
PARTICIPLE_ENDING = "ing"
NOT_PARTICIPLES = wordset(
    """
    during according notwithstanding nothing something anything everything thing things king
    morning evening ring spring string wing sibling darling
    """
)
# Verbs of verbal acts that take a partial quote ("described Acosta as "rude"").
VERBAL_ACTS = wordset(
    """
    described called defended accused denounced praised promised vowed urged lamented dismissed
    criticized criticised blasted echoed characterized referred labeled labelled branded asked
    demanded requested thanked apologized apologised hailed expressed declared slammed mocked
    condemned rejected pledged offered questioned lauded quoted wants wanted decried deplored
    rejected insisted agreed describes calls defends vows urges thanks demands defined defines
    """
)
# Verbs whose reported clause may come without "that" ("police said he ..."); the others
# ("complained", "claims") report a clause only with it.
THAT_OPTIONAL = wordset(
    """
    said says say told tells added adds insisted insists claimed stated wrote tweeted alleged
    argued maintained warned explained noted admitted admits acknowledged confirmed suggested
    predicted insisting saying adding claiming insisting arguing alleging warning
    """
)
# Verbs that take a noun as their object ("announced a plan") but report a clause that opens
# with a pronoun without "that" ("announced he would end the exercises").
PRONOUN_CLAUSE_VERBS = wordset(
    """
    announced announces indicated indicates revealed reveals emphasized emphasised stressed
    stresses conceded concedes recalled recalls agreed agrees denied denies complained complains
    repeated repeats declared declares replied responded reiterated
    """
)
INVERTIBLE = wordset(
    """
    said says added adds asked wrote writes continued tweeted explained insisted noted concluded
    declared stated replied recalled
    """
)
# Verbs of a line that introduces the quote on the next one ("X issued a statement.").
INTRODUCING_VERBS = (
    "issued", "released", "responded", "wrote", "tweeted", "posted", "said", "says", "added",
    "put out", "gave", "spoke",
)  # fmt: skip
# Words right before a capitalised quote that make it a title ("the film "Fire and Fury"").
TITLE_CUE_WORDS = (
    "told", "on", "in", "of", "watch", "movie", "book", "film", "show", "program", "programme",
)  # fmt: skip
AUXILIARIES = wordset(
    """
    has have had also then later previously repeatedly now reportedly once again earlier
    """
)
NON_SUBJECT = wordset(
    """
    is was were are be been being that which who whom whose when if because as while where would
    will could should can may might must not do does did it's there
    """
)
CONNECTIVES = wordset(
    """
    but and however meanwhile still yet so also
    """
)
SUBJECT_PRONOUNS = wordset(
    """
    he she they it we i
    """
)
PERSON_PRONOUNS = wordset("he she they")
THIRD_PERSON_PRONOUNS = PERSON_PRONOUNS | {"it"}
RELATIVE_PRONOUNS = wordset("who which that")
PERSON_RELATIVES = wordset("who")
# "which he said was ...": the relative is what the verb reports.
REPORTED_RELATIVES = wordset("which that who whom what")
COMPLEMENTIZER = "that"
ACCORDING_TO = ("according", "to")
SCARE_QUOTE_CUE = re.compile(r"so[- ]called\s*$")
# Words after a closing quote mark that name its speaker ('"...," Smith said', a sign that
# read "...", '"...," he went on').
ATTRIBUTION_VERBS = REPORTING_VERBS | {"read", "went on"}
COORDINATORS = wordset("and but")
# Lowercase words inside the noun phrase that opens a sentence ("the head of the agency's team").
NOUN_PHRASE_WORDS = wordset("and of 's ’s the a an his her their")
# Words after which a noun phrase goes on, whatever the next word ("the former minister").
NOUN_PHRASE_OPENERS = wordset("the a an his her their its")
# Lowercase words that may open the speaker after an inverted verb ("..., said the minister").
INVERTED_SPEAKER_OPENERS = wordset("the a an his her")
# Words that end the speaker named after a closing quote mark ('"...," Smith said on Monday').
SPEAKER_ENDS = wordset("who on in during")
# Words that end the speaker after an inverted verb ("..., said Smith, who ...", "said Smith on").
INVERTED_SPEAKER_ENDS = wordset("who in on at")
# A determiner before a noun and a participle of speech ("its spokesman saying").
PARTICIPLE_DETERMINERS = wordset("a an the its their")
# Where something was said, after a time lead ("in a statement", "at her news conference").
VENUE_DETERMINERS = wordset("a an the his her their")
VENUE_NOUNS = wordset("statement interview conference briefing post")
# Lowercase words inside the title of a work ("the film "Fire and Fury"").
TITLE_SMALL_WORDS = wordset("of the a and in on")
# Reporting verbs followed by whom they are told to ("told reporters", "asked Smith").
LISTENER_VERBS = wordset("told tells tell asked informed")
QUESTION_LEADS = wordset(
    """
    asked pressed questioned speaking responding asking challenged
    """
)
PREPOSITIONS = wordset(
    """
    in on at after before during for with from since as by under over following despite given
    amid among about to upon within without while when
    """
)
SUBJECT_DETERMINERS = wordset(
    """
    the a an his her their its this that these those
    """
)
SUBORDINATORS = wordset(
    """
    when because after since while although though if once
    """
)
# Clauses that open with these stay subordinate before "according to X" ("As ..., according to").
SUBORDINATE_LEADS = SUBORDINATORS | {"as"}
LISTENERS = wordset(
    """
    reporters journalists investigators agents officials lawmakers senators him her them us me
    's ’s
    """
)
# Words that open a time phrase after a reporting verb ("said on Sunday", "said in a statement").
TIME_LEADS = wordset(
    """
    on in at during last this earlier later today yesterday tonight also previously repeatedly
    recently again then publicly privately briefly separately once
    """
) | frozenset(WEEKDAYS)
# Words of the article's own line that introduces a tweet ("Trump tweeted:"), which the tweet's
# text never runs back over.
TWEET_INTRODUCTIONS = wordset(
    """
    tweeted tweet twitter wrote writes responded posted replied
    """
)
# The article talking about a tweet ("In a damning tweet, X summed it up.").
TWEET_MENTION = re.compile(r"(?i:\btweet|\btwitter\b)")

SPEECH = Speech(
    reporting_verbs=REPORTING_VERBS,
    attribution_verbs=ATTRIBUTION_VERBS,
    complementizer=COMPLEMENTIZER,
    according_to=ACCORDING_TO,
    scare_quote_cue=SCARE_QUOTE_CUE,
    reporting_participles=REPORTING_PARTICIPLES,
    contraction=CONTRACTION,
    participle_ending=PARTICIPLE_ENDING,
    not_participles=NOT_PARTICIPLES,
    verbal_acts=VERBAL_ACTS,
    that_optional=THAT_OPTIONAL,
    pronoun_clause_verbs=PRONOUN_CLAUSE_VERBS,
    invertible=INVERTIBLE,
    listener_verbs=LISTENER_VERBS,
    listeners=LISTENERS,
    introducing_verbs=INTRODUCING_VERBS,
    title_cue_words=TITLE_CUE_WORDS,
    title_small_words=TITLE_SMALL_WORDS,
    auxiliaries=AUXILIARIES,
    non_subject=NON_SUBJECT,
    connectives=CONNECTIVES,
    coordinators=COORDINATORS,
    noun_phrase_words=NOUN_PHRASE_WORDS,
    noun_phrase_openers=NOUN_PHRASE_OPENERS,
    inverted_speaker_openers=INVERTED_SPEAKER_OPENERS,
    speaker_ends=SPEAKER_ENDS,
    inverted_speaker_ends=INVERTED_SPEAKER_ENDS,
    participle_determiners=PARTICIPLE_DETERMINERS,
    venue_determiners=VENUE_DETERMINERS,
    venue_nouns=VENUE_NOUNS,
    subject_pronouns=SUBJECT_PRONOUNS,
    person_pronouns=PERSON_PRONOUNS,
    third_person_pronouns=THIRD_PERSON_PRONOUNS,
    relative_pronouns=RELATIVE_PRONOUNS,
    person_relatives=PERSON_RELATIVES,
    reported_relatives=REPORTED_RELATIVES,
    question_leads=QUESTION_LEADS,
    prepositions=PREPOSITIONS,
    subject_determiners=SUBJECT_DETERMINERS,
    subordinators=SUBORDINATORS,
    subordinate_leads=SUBORDINATE_LEADS,
    time_leads=TIME_LEADS,
    tweet_introductions=TWEET_INTRODUCTIONS,
    tweet_mention=TWEET_MENTION,
)
