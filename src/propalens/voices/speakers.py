"""Who speaks: speaker phrases turned into names, and pronouns and role nouns resolved.

An attribution frame gives a phrase ("Westerville Police Chief Joe Morbitzer", "he", "the
sheriff", "the Foreign Ministry's spokesperson, Maria Zakharova").  `SpeakerResolver` turns it
into the name that `Quote.speaker` carries: titles stripped, a bare surname expanded to the full
name the article used before, a pronoun or role noun mapped to the latest compatible named
speaker.  Organisations and unnamed sources keep their own noun ("police", "Justice Department").
"""

from __future__ import annotations

import difflib
import itertools
import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from functools import cache

from propalens.lang import LanguagePack
from propalens.lines import LINE
from propalens.ranges import RangeSet
from propalens.settings import ARTICLE_REACH_CHARS
from propalens.voices.timeline import Timeline, position_of


@dataclass(frozen=True)
class _Patterns:
    """The patterns of names that a language's name words make."""

    name_token: re.Pattern[str]
    """A word that may be part of a name: capitalised, an initial, or a name particle."""
    mention: re.Pattern[str]
    """A run of capitalised words that may name a person ("Sen. Lindsey Graham Jr.")."""
    plural_mention: re.Pattern[str]
    clause_lead: re.Pattern[str]
    """A word that opens a clause inside a speaker phrase, which ends the phrase."""
    role_mention: re.Pattern[str]
    """A role noun in the article's own words ("The pope has stuck by Barros")."""
    abbreviation: re.Pattern[str]
    """An initial or an abbreviated title, whose full stop ends no sentence ("Mr.", "J.")."""


@cache
def _patterns(lang: LanguagePack) -> _Patterns:
    people = lang.people
    prefixes = "|".join(map(re.escape, people.surname_prefixes))
    abbreviated = "|".join(map(re.escape, people.abbreviated_titles))
    suffixes = "|".join(
        re.escape(suffix) + ("" if suffix.endswith(".") else r"\b")
        for suffix in people.written_suffixes
    )
    return _Patterns(
        name_token=re.compile(
            rf"(?:[A-Z][a-z]?\.|(?:[A-Z]|{prefixes})[\w'’\-]*[a-z\d][\w'’\-]*|[A-Z]{{2,}}|"
            + "|".join(people.name_particles)
            + r")$"
        ),
        mention=re.compile(
            rf"(?:(?:[A-Z][\w'’\-]*|[A-Z]\.|{abbreviated})[ ]+)"
            r"{0,7}[A-Z][\w'’\-]*[a-z][\w'’\-]*"
            rf"(?:,? (?:{suffixes}))?"
        ),
        clause_lead=re.compile(r"\b(?:" + "|".join(sorted(people.clause_leads)) + r")\b"),
        abbreviation=re.compile(
            r"(?:\b[A-Z]|\b(?:"
            + "|".join(re.escape(title[:-1]) for title in people.abbreviated_titles)
            + r"))$"
        ),
        role_mention=re.compile(
            r"\b[Tt]he[ ]+((?:[a-z][\w'’\-]*[ ]+){0,2}(?:"
            + "|".join(sorted(people.person_roles, key=len, reverse=True))
            + r"))\b"
        ),
        plural_mention=re.compile(
            r"\b(" + "|".join(people.plural_mentions) + r")\b", re.IGNORECASE
        ),
    )


def _tokens(phrase: str) -> list[str]:
    return re.findall(r"[\w'’.\-]+|,", phrase)


def _is_name_token(token: str, lang: LanguagePack) -> bool:
    return (
        bool(_patterns(lang).name_token.match(token))
        and token.lower() not in lang.people.determiners
    )


def _clean(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase).strip(" ,;:-—–\"'“”‘’")


@dataclass
class _Person:
    name: str
    gender: str | None
    roles: set[str] = field(default_factory=set)
    described: set[str] = field(default_factory=set)
    """Roles the article wrote in lower case before the name ("lawyer Marc Victor"): "the
    lawyer" after it is this person, but before it the article had not named them yet."""
    titled: bool = False
    spoke: bool = False


@dataclass
class ParsedSpeaker:
    """A speaker phrase split into the name it carries and what it says about the speaker."""

    name: str | None
    roles: set[str]
    gender: str | None
    is_person: bool
    noun: str | None


def _role_words(words: list[str], lang: LanguagePack) -> set[str]:
    lowered = [w.lower().strip(".") for w in words]
    roles = {
        lang.people.role_synonyms.get(w, w)
        for w in lowered
        if w in lang.people.titles or w in lang.people.role_synonyms
    }
    for first, second in itertools.pairwise(lowered):
        if first in lang.people.titles and second in lang.people.titles:
            roles.add(f"{first} {second}")
    return roles - lang.people.title_modifiers


def _gender(words: list[str], name: str | None, lang: LanguagePack) -> str | None:
    lowered = {w.lower().strip(".") for w in words}
    if lowered & lang.people.female_titles:
        return "f"
    if lowered & lang.people.male_titles:
        return "m"
    if name:
        first = name.split()[0].lower()
        if first in lang.people.female_names:
            return "f"
        if first in lang.people.male_names:
            return "m"
    return None


def _is_title_word(word: str, lang: LanguagePack) -> bool:
    lowered = word.lower().strip(".")
    return lowered in lang.people.titles or lowered in lang.people.portfolios


def _name_run(words: list[str], lang: LanguagePack) -> list[str]:
    """The person name inside a run of capitalised words: what follows the last title word."""
    if "and" in words:
        cut = words.index("and")
        left, right = _name_run(words[:cut], lang), _name_run(words[cut + 1 :], lang)
        if all(_is_title_word(w, lang) for w in left):
            left = []  # "Foreign Affairs and Trade Péter Szijjártó": one title, one name
        return [*left, "and", *right] if left and right else left or right
    last_title = -1
    for index, word in enumerate(words):
        if _is_title_word(word, lang) and index < len(words) - 1:
            last_title = index
    run = words[last_title + 1 :]
    while run and run[0].lower() in lang.people.name_particles:
        run = run[1:]
    return run


def parse_speaker(phrase: str, lang: LanguagePack) -> ParsedSpeaker:
    """Name, roles and gender in a speaker phrase, before any resolution."""
    phrase = _clean(phrase)
    phrase = _patterns(lang).clause_lead.split(phrase)[0] or phrase
    pieces = re.split(r",|:|\(|\)| -- | — | – |—|–", phrase)
    parts = [_clean(p) for p in pieces if _clean(p)]
    people: list[ParsedSpeaker] = []
    nouns: list[ParsedSpeaker] = []
    for part in parts or [phrase]:
        parsed = _parse_part(part, lang)
        (people if parsed.is_person and parsed.name else nouns).append(parsed)
    if people:
        parsed = max(people, key=lambda p: len((p.name or "").split()))
        # Keep the roles mentioned in the other parts ("the Foreign Ministry's spokesperson").
        parsed.roles |= {r for part in parts for r in _role_words(_tokens(part), lang)}
        if parsed.gender is None:
            parsed.gender = _gender([w for part in parts for w in _tokens(part)], parsed.name, lang)
        return parsed
    nouns = [n for n in nouns if n.noun]
    return nouns[-1] if nouns else ParsedSpeaker(None, set(), None, False, None)


def _parse_part(part: str, lang: LanguagePack) -> ParsedSpeaker:
    words = [w for w in _tokens(part) if w != ","]
    while words and (
        words[0].lower() in lang.people.determiners or words[0].lower() in lang.people.not_names
    ):
        if (
            words[0][:1].isupper()
            and words[0].lower() not in lang.people.determiners | lang.people.not_names
        ):
            break
        words = words[1:]
    while words and (
        words[-1].lower() in lang.people.trailing_junk or words[-1].lower().endswith("ly")
    ):
        words = words[:-1]
    if not words:
        return ParsedSpeaker(None, set(), None, False, None)
    roles = _role_words(words, lang)
    runs = _runs(words, lang)
    candidates: list[tuple[int, int, str]] = []
    for index, (run, ends_part) in enumerate(runs):
        linked = any(w in lang.people.name_links - {"and"} for w in run)
        if linked and any(_is_org_word(w, lang) for w in run):
            continue  # "Attorney's Office for the Southern District of Ohio": no person
        name_words = _name_run(run, lang)
        while name_words and name_words[0].lower().strip(".") in lang.people.not_names:
            name_words = name_words[1:]
        if not name_words or any(
            w.lower().strip(".'’s") in lang.people.org_words for w in name_words
        ):
            continue
        if name_words[-1].endswith(("'s", "’s")):
            continue
        stripped = [w.rstrip(".") if len(w) > 2 else w for w in name_words]
        if all(w.lower().strip(".") in lang.people.titles for w in stripped):
            continue
        if stripped[-1].lower().strip(".") in lang.people.titles:
            continue  # "the Russian FM": a role, not a name
        # A single capitalised word before a lowercase noun modifies it ("Harvard law
        # professor", "Clayton County police"); it is not the speaker's name.
        if not ends_part and (len(stripped) == 1 or _modifies_noun(words, run, lang)):
            continue
        if len(stripped) == 1 and stripped[0].isupper() and len(stripped[0]) > 1:
            continue  # "WASHINGTON", "FBI": a dateline or an acronym, not a person
        candidates.append((len(stripped), index, " ".join(stripped)))
    if candidates:
        name = max(candidates)[2]
        return ParsedSpeaker(name, roles, _gender(words, name, lang), True, None)
    noun = _noun_phrase(words, lang)
    return ParsedSpeaker(None, roles, _gender(words, None, lang), False, noun)


def _modifies_noun(words: list[str], run: list[str], lang: LanguagePack) -> bool:
    """Whether the word after `run` is a lowercase noun it modifies ("Clayton County police")."""
    for index in range(len(words) - len(run) + 1):
        if words[index : index + len(run)] == run:
            after = index + len(run)
            if after < len(words):
                nxt = words[after]
                return nxt[:1].islower() and nxt not in lang.people.prepositions_of_names
    return False


def _runs(words: list[str], lang: LanguagePack) -> list[tuple[list[str], bool]]:
    """Runs of capitalised tokens (joined over "and" between two names), and whether each one
    ends the phrase or is followed by a lowercase word.

    An organisation's name is one run however many "of", "for" and "the" it holds
    ("Organisation for the Prohibition of Chemical Weapons"): its last words are no person.
    """
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for index, word in enumerate(words):
        joins = (
            word == "and"
            and start is not None
            and index + 1 < len(words)
            and _is_name_token(words[index + 1], lang)
        )
        if _is_name_token(word, lang) or joins:
            start = index if start is None else start
        elif start is not None:
            spans.append((start, index))
            start = None
    if start is not None:
        spans.append((start, len(words)))
    merged: list[tuple[int, int]] = []
    for span in spans:
        if merged:
            first, last = merged[-1]
            links = words[last : span[0]]
            whole = words[first : span[1]]
            if all(w.lower() in lang.people.name_links for w in links) and any(
                _is_org_word(w, lang) for w in whole
            ):
                merged[-1] = (first, span[1])
                continue
        merged.append(span)
    return [(words[a:b], b == len(words)) for a, b in merged]


def _is_org_word(word: str, lang: LanguagePack) -> bool:
    return word.lower().strip(".").removesuffix("'s").removesuffix("’s") in lang.people.org_words


def _head_noun(noun: str, lang: LanguagePack) -> str:
    """The head of a noun phrase: its last word before a post-modifier ("spokesman" in
    "spokesman for the opposition group")."""
    words = noun.lower().split()
    cut = next(
        (k for k, w in enumerate(words) if w in lang.people.postmodifier_leads and k), len(words)
    )
    return words[cut - 1]


def _postmodifies(kept: list[str], lead: str, after: list[str], lang: LanguagePack) -> bool:
    """Whether `lead` ("of", "for", "at") and the words `after` it belong to the noun phrase
    `kept`: they go on a name ("Department of Justice") or say whose a person noun is; a
    whole name ("Justice Department") has ended, and "for the Southern District" is where."""
    following = after[1:] if after and after[0].lower() in lang.people.determiners else after
    if not following:
        return False
    if following[0][:1].isupper():
        named = len(kept) >= 2 and kept[-1][:1].isupper() and _is_org_word(kept[-1], lang)
        return lead.lower() == "of" or not named
    return kept[-1].lower() in lang.people.person_nouns


def _noun_phrase(words: list[str], lang: LanguagePack) -> str | None:
    """Head noun phrase of a non-person speaker: "city of Westerville", "Justice Department"."""
    while words and (
        words[0].lower().rstrip(".") in lang.people.not_names
        or words[0].lower().endswith("ly")
        or words[0].lower().rstrip(".") in lang.calendar.months
        or words[0].isdigit()  # "the Nov. 29 report"
    ):
        words = words[1:]
    kept: list[str] = []
    for index, word in enumerate(words):
        lowered = word.lower()
        if lowered == "familiar" and kept and words[index + 1 : index + 2] == ["with"]:
            kept.extend(words[index:])  # "a source familiar with the report" says who it is
            break
        if (
            lowered in lang.people.postmodifier_leads
            and kept
            and _postmodifies(kept, word, words[index + 1 :], lang)
        ):
            kept.append(word)
            continue
        if kept and (lowered in lang.people.noun_phrase_ends or lowered in lang.people.pronouns):
            break  # "the document he and Kim signed": a pronoun opens a relative clause
        if (
            lowered == "of"
            and index + 1 < len(words)
            and words[index + 1].lower() in lang.people.determiners
        ):
            break
        if kept and word[:1].islower() and lowered.endswith("ed"):
            break
        kept.append(word)
    noun = " ".join(kept).strip(" .")
    return noun or None


_SENTENCE_STOP = re.compile(r"[.!?](?:\s|$)")
# How long a surname must be to be matched against the known ones despite a misspelling, how
# alike the two must be (difflib's ratio), and how many known ones are compared.
_MIN_MISSPELT = 6
_SPELLING = 0.9
_MAX_COMPARED = 50
# The lowercase word right before a mention.
_WORD_BEFORE = re.compile(r"\b([a-z]+) $")
# The first word of a sentence, after spaces and opening marks.
_OPENING_WORD = re.compile(r"[\s\"“‘'(]*(\w+)")
# How far after a sentence's start its opening word may be.
_OPENING_REACH = 4


def _opens_clause(line: str, position: int) -> bool:
    """Whether `position` opens its line or follows a full stop, dash or colon."""
    while position > 0 and line[position - 1].isspace():
        position -= 1
    return position == 0 or line[position - 1] in ".—:"


class SpeakerResolver:
    """Resolves speaker phrases, remembering who the article has named and where.

    `register_names` records every full name mentioned outside quotes; `resolve(phrase, at)`
    maps a pronoun to the latest compatible person mentioned before offset `at`, a role noun
    ("the sheriff") to the person who carries that role, and a bare surname to the full name.
    A pronoun or a role looks for its person within `ARTICLE_REACH_CHARS` (the whole of any
    real article), so that a long input costs what its length does.
    """

    def __init__(self, lang: LanguagePack) -> None:
        self._lang = lang
        self._people: dict[str, _Person] = {}
        # The people by the last and the first word of their names, in the order they came.
        self._by_surname: dict[str, list[str]] = {}
        self._by_given_name: dict[str, list[str]] = {}
        self._surnames_by_start: dict[str, list[str]] = {}  # for names spelt two ways
        self._last_words: set[str] = set()  # what a family is called: "the Badgers"
        self._mentions = Timeline()
        # The mentions that open a clause, and where the sentences start: the subject of a
        # sentence is who a "he" after it most likely takes up.
        self._subjects = Timeline()
        self._sentence_starts: list[int] = []
        # Sentences that open with "he" or "she": a "he said" later in one is that "he".
        self._pronoun_openings: dict[int, str] = {}
        # Speakers that are no person and no group ("the lawsuit"), which an "it" takes up.
        self._things = Timeline()
        self._groups = Timeline()
        # Groups the article has named: "Tanya and Jason Badger", "the Badgers".
        self._named_groups = Timeline()
        # Plural nouns that a "they" later in their sentence may take up ("The authorities'
        # view changed when they said ..."), with where that sentence ends: in text order, and
        # each sentence ends no earlier than the one before it does.
        self._plural_mentions: list[tuple[int, int, str]] = []

    def register_names(self, text: str, start: int, end: int, skip: RangeSet) -> None:
        """Learn the names mentioned in `text[start:end]` outside the `skip` spans."""
        lang = self._lang
        patterns = _patterns(lang)
        roles: list[tuple[int, str]] = []
        for line in LINE.finditer(text, start, end):
            line_text = line.group()
            stops = [
                stop.start()
                for stop in _SENTENCE_STOP.finditer(line_text)
                if not patterns.abbreviation.search(
                    line_text, max(0, stop.start() - 4), stop.start()
                )
            ]
            for sentence_start in [0, *(stop + 1 for stop in stops)]:
                insort(self._sentence_starts, line.start() + sentence_start)
                opening = _OPENING_WORD.match(line_text, sentence_start)
                word = opening.group(1).lower() if opening else ""
                if opening and lang.people.pronouns.get(word) in {"m", "f"}:
                    self._pronoun_openings[line.start() + opening.start(1)] = word
            words = line_text.split()
            capitalised = sum(w[:1].isupper() for w in words)
            title_case = len(words) > 3 and capitalised > 0.7 * len(words)
            if title_case and line_text[-1:] not in '.!?"”':
                continue  # a headline in title case: every word looks like a name
            for match in patterns.mention.finditer(line_text):
                at = line.start() + match.start()
                if at not in skip:
                    # "conspiracy theorist Jake Morphonios": a lowercase role before the name.
                    role = _WORD_BEFORE.search(line_text, max(0, match.start() - 30), match.start())
                    lead = role.group(1) if role and role.group(1) in lang.people.titles else ""
                    subject = _opens_clause(
                        line_text, match.start() - len(lead) - 1 if lead else match.start()
                    )
                    self._learn(match.group(), at, subject=subject, described=lead)
            for match in patterns.plural_mention.finditer(line_text):
                at = line.start() + match.start()
                following = bisect_left(stops, match.end())
                stop = stops[following] if following < len(stops) else len(line_text)
                if at not in skip:
                    insort(self._plural_mentions, (at, line.start() + stop, match.group(1).lower()))
            for match in _NAMED_GROUP.finditer(line_text):
                at = line.start() + match.start()
                if at not in skip:
                    self._learn_group(match, at)
            for match in patterns.role_mention.finditer(line_text):
                at = line.start() + match.start()
                if at not in skip and _opens_clause(line_text, match.start()):
                    roles.append((at, match.group(1)))
        self._learn_role_subjects(roles)

    def _learn_role_subjects(self, roles: list[tuple[int, str]]) -> None:
        """ "The pope has stuck by Barros": the role's holder is the sentence's subject, once
        every name is known (the holder may be named only later)."""
        held = {role for person in self._people.values() for role in person.roles}
        for at, phrase in roles:
            parsed = parse_speaker(phrase, self._lang)
            holder = self._resolve_role(parsed, at) if held else None
            if holder is not None:
                self._mentions.add(at, holder)
                self._subjects.add(at, holder)

    def _learn_group(self, match: re.Match[str], at: int) -> None:
        lang = self._lang
        family = match.group("family")
        if family is not None:
            # "the Badgers" after "Tanya Badger": the family as a group.
            named = self._last_words
            if family[:-1] in named or family[:-2] in named:
                self._named_groups.add(at, f"the {family}")
            return
        run = _name_run(match.group("pair").split(), lang)
        paired = "and" in run and run.index("and") not in {0, len(run) - 1}
        names = [w.lower().strip(".") for w in run if w != "and"]
        if paired and not any(
            w in lang.people.org_words or w in lang.people.not_names for w in names
        ):
            self._named_groups.add(at, " ".join(run))

    def _learn(self, phrase: str, at: int, subject: bool = False, described: str = "") -> None:
        lang = self._lang
        # A possessive ends a name: "North Korea's Kim Jong Un" holds two, and "Pope Francis'
        # commission" names Pope Francis.
        segments: list[list[str]] = [[]]
        for word in phrase.split():
            if word.endswith(("'s", "’s")):
                segments[-1].append(word[:-2])
                segments.append([])
            elif word.endswith(("s'", "s’")):
                segments[-1].append(word[:-1])
                segments.append([])
            else:
                segments[-1].append(word)
        for index, words in enumerate(segments):
            subject = subject and index == 0  # "Russia's Sergey Lavrov": Russia opens it
            run = _name_run(words, lang)
            while run and run[0].lower().strip(".") in lang.people.not_names:
                run = run[1:]
            titled = (
                len(run) < len(words)
                and words[len(words) - len(run) - 1].lower().strip(".") in lang.people.person_titles
            )
            if not run or any(
                w.lower().strip(".") in lang.people.org_words | lang.people.not_names for w in run
            ):
                continue
            if len(run) < 2 and not titled:
                # A bare surname opening a sentence brings a known person back to mind: "Orban
                # has taken a tough stance. [...] he said" is Orban.
                known = self._expand(run[0], at) if len(run) == 1 and subject else run[0]
                if known in self._people and known != run[0]:
                    self._mentions.add(at, known)
                    self._subjects.add(at, known)
                continue
            name = " ".join(run)
            person = self._remember(name, _gender(words, name, lang), _role_words(words, lang), at)
            if described and index == 0:
                person.described |= _role_words([described], lang)
            titled = titled or (bool(described) and index == 0)
            person.titled = person.titled or titled or len(run) < len(words)
            person.spoke = person.spoke or (subject and len(run) >= 2)
            if subject:
                self._subjects.add(at, name)

    def _remember(self, name: str, gender: str | None, roles: set[str], at: int) -> _Person:
        person = self._people.get(name)
        if person is None:
            person = self._people[name] = _Person(name, gender, set(roles))
            self._index(name)
        else:
            person.roles |= roles
            person.gender = person.gender or gender
        self._mentions.add(at, name)
        return person

    def _index(self, name: str) -> None:
        if " and " in name:
            return
        self._last_words.add(name.split()[-1])
        parts = name.split()
        if parts and parts[-1].lower() in self._lang.people.name_suffixes:
            parts = parts[:-1]  # "Edward E. Curtis IV" is "Curtis"
        if len(parts) < 2:
            return
        if parts[-1] not in self._by_surname:
            self._surnames_by_start.setdefault(parts[-1][:2], []).append(parts[-1])
        self._by_surname.setdefault(parts[-1], []).append(name)
        if parts[0] != parts[-1]:
            self._by_given_name.setdefault(parts[0], []).append(name)

    def _misspelt(self, name: str) -> str:
        """The known surname that `name` misspells ("Morphonious" for "Morphonios"), or "".
        Only surnames with the same first two letters are compared, so the cost stays small."""
        if len(name) < _MIN_MISSPELT or name in self._by_surname:
            return ""
        known = self._surnames_by_start.get(name[:2], [])
        close = difflib.get_close_matches(name, known[-_MAX_COMPARED:], n=1, cutoff=_SPELLING)
        if not close or name in {f"{close[0]}s", f"{close[0]}es"}:
            return ""  # "the Badgers" are Tanya Badger's family
        return close[0]

    def _expand(self, name: str, at: int | None = None) -> str:
        """A bare surname (or given name) becomes the full name used for that person; of two
        people with that name ("Fard Muhammad", "Askia Muhammad"), the one mentioned last."""
        if " " in name:
            return name
        surnames = self._by_surname.get(name, []) or self._by_surname.get(self._misspelt(name), [])
        matches = surnames or self._by_given_name.get(name, [])
        # "Donald Trump" and "Donald J. Trump" are one person: the first name used stays.
        people = {(m.split()[0], m.split()[-1]) for m in surnames}
        if len(people) > 1 and at is not None:
            for recent in self._mentions.back(at):
                if recent in matches:
                    return recent
        return matches[0] if matches else name

    def resolve(self, phrase: str | None, at: int = 0) -> str | None:
        """The name `Quote.speaker` carries for the speaker phrase found at offset `at`."""
        lang = self._lang
        if phrase is None:
            return None
        cleaned = _clean(phrase)
        words = cleaned.split()
        # "a spokesman", "an official": the article brings in someone new, not a known holder.
        indefinite = bool(words) and words[0].lower() in lang.people.indefinite_articles
        while len(words) > 1 and (
            words[0].lower() in lang.people.not_names | lang.people.determiners
        ):
            if words[0].lower() in lang.people.pronouns:
                break
            words = words[1:]
        cleaned = re.sub(r"['’](?:d|s|ll|ve)$", "", " ".join(words))
        lowered = cleaned.lower()
        if lowered in lang.people.pronouns:
            return self._resolve_pronoun(lowered, at)
        parsed = parse_speaker(cleaned, lang)
        if parsed.is_person and parsed.name:
            name = self._expand(parsed.name, at)
            self._remember(name, parsed.gender, parsed.roles, at).spoke = True
            self._subjects.add(at, name)
            if " and " in name:
                self._groups.add(at, name)
                self._named_groups.add(at, name)
            return name
        group = None if indefinite else self._resolve_group(parsed, at)
        if group is not None:
            self._groups.add(at, group)
            return group
        role_target = None if indefinite else self._resolve_role(parsed, at)
        if role_target is not None:
            self._mentions.add(at, role_target)
            return role_target
        noun = parsed.noun
        if noun is not None:
            head = _head_noun(noun, lang)
            if head in lang.people.plural_heads or (head.endswith("s") and not head.endswith("ss")):
                self._groups.add(at, noun)
            else:
                self._things.add(at, noun)
        return noun

    def _resolve_group(self, parsed: ParsedSpeaker, at: int) -> str | None:
        """ "the couple", "the Democratic leaders": the group the article named last."""
        lang = self._lang
        if parsed.noun is None:
            return None
        head = _head_noun(parsed.noun, lang)
        if head not in lang.people.group_nouns:
            return None
        latest = self._named_groups.latest(at)
        return latest[1] if latest else None

    def _resolve_pronoun(self, pronoun: str, at: int) -> str | None:
        lang = self._lang
        gender = lang.people.pronouns[pronoun]
        if gender in {"m", "f"}:
            at = self._sentence_pronoun(pronoun, at)
            for position, name in self._mentions.entries_back(at):
                if self._takes_up(name, gender):
                    # "Paul told CNN he would block Pompeo. [...] he said": the subject of
                    # the sentence that names the person is the likelier one.
                    return self._sentence_subject(position, gender) or name
            # No one presented as a person: the latest name that may be one will do.
            names = self._mentions.back(at)
            return next((n for n in names if self._takes_up(n, gender, plausible_only=False)), None)
        thing = self._things.latest(at)
        if gender == "o" and thing is not None and thing[0] >= at - ARTICLE_REACH_CHARS:
            return thing[1]  # "CNN's suit says ... It also says ...": the suit
        candidates = [self._groups.latest(at)]
        if pronoun == "they":
            # Only the latest plural mention can be in a sentence still open at `at`.
            index = bisect_right(self._plural_mentions, at, key=position_of)
            if index and self._plural_mentions[index - 1][1] >= at:
                position, _, noun = self._plural_mentions[index - 1]
                candidates.append((position, noun))
        groups = [candidate for candidate in candidates if candidate is not None]
        if groups:
            return max(groups)[1]
        if pronoun == "they" and thing is not None and thing[0] >= at - ARTICLE_REACH_CHARS:
            return thing[1]  # "The ministry said ... They added": an organisation speaks
        return next(self._mentions.back(at), None)

    def _takes_up(self, name: str, gender: str, plausible_only: bool = True) -> bool:
        """Whether "he" or "she" (`gender`) may take up the person called `name`: only people
        the article has presented as people (speakers, titled names, known given names; not
        "First Amendment" or "New Mexico"), of that gender or of none known."""
        person = self._people.get(name)
        if person is None or " and " in name:
            return False
        plausible = person.spoke or person.titled or person.gender is not None
        return (plausible or not plausible_only) and person.gender in {gender, None}

    def _sentence_pronoun(self, pronoun: str, at: int) -> int:
        """Where to resolve `pronoun` at `at` from: the sentence's opening word when that is
        the same pronoun ("He reaffirmed that he admired X, though he said ..." is one man)."""
        index = bisect_right(self._sentence_starts, at)
        if not index:
            return at
        start = self._sentence_starts[index - 1]
        for position in range(start, min(at, start + _OPENING_REACH)):
            if self._pronoun_openings.get(position) == pronoun:
                return position
        return at

    def _sentence_subject(self, position: int, gender: str) -> str | None:
        """The person of `gender` whose mention opens the sentence holding `position`."""
        index = bisect_right(self._sentence_starts, position)
        sentence_start = self._sentence_starts[index - 1] if index else 0
        for _, name in self._subjects.entries_back(position, floor=sentence_start):
            if self._takes_up(name, gender, plausible_only=False):
                return name
        return None

    def _resolve_role(self, parsed: ParsedSpeaker, at: int) -> str | None:
        lang = self._lang
        if parsed.noun is None:
            return None
        noun_words = parsed.noun.lower().replace("’", "'").split()
        if not noun_words or len(noun_words) > 4:
            return None
        head = lang.people.role_synonyms.get(noun_words[-1], noun_words[-1])
        bigram = " ".join(noun_words[-2:]) if len(noun_words) >= 2 else ""
        if bigram in lang.people.bigram_roles:
            wanted = {bigram}
        elif head in lang.people.bigram_roles:
            wanted = {head}  # "the IG": the inspector general
        elif head in lang.people.person_roles or noun_words[-1] in lang.people.person_roles:
            wanted = {head}
        else:
            return None
        back = ((name, True) for name in self._mentions.back(at))
        ahead = ((name, False) for name in self._mentions.ahead(at))
        for name, before in itertools.chain(back, ahead):
            person = self._people.get(name)
            if person is None:
                continue
            held = person.roles | person.described if before else person.roles
            if wanted <= {lang.people.role_synonyms.get(r, r) for r in held}:
                return name
        return None


# Runs of spaces count as one: markup set aside leaves them ("*Tanya* and Jason Badger").
_NAME_WORDS = r"(?:[A-Z][\w'’\-]*\.?|[A-Z]\.)(?:[ ]+(?:[A-Z][\w'’\-]*\.?|[A-Z]\.)){0,4}"
_NAMED_GROUP = re.compile(
    rf"(?P<pair>{_NAME_WORDS}[ ]*,?[ ]+and[ ]+{_NAME_WORDS})|\b[Tt]he[ ]+(?P<family>[A-Z][a-z]+s)\b"
)
