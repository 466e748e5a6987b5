"""Who speaks: speaker phrases turned into names, and pronouns and role nouns resolved.

An attribution frame gives a phrase ("Westerville Police Chief Joe Morbitzer", "he", "the
sheriff", "the Foreign Ministry's spokesperson, Maria Zakharova").  `SpeakerResolver` turns it
into the name that `Quote.speaker` carries: titles stripped, a bare surname expanded to the full
name the article used before, a pronoun or role noun mapped to the latest compatible named
speaker.  Organisations and unnamed sources keep their own noun ("police", "Justice Department").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field


def wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`: how the word lists below are written."""
    return frozenset(text.split())


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
    reiterates posted
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

_TITLES = wordset(
    """
    president vice prime minister foreign secretary senator sen rep representative gov governor
    judge justice chief police sheriff attorney general deputy assistant director spokesman
    spokeswoman spokesperson commissioner mayor pope cardinal archbishop bishop father rev
    reverend sister brother dr mr mrs ms miss prof professor sir lord lady king queen prince
    princess speaker leader chairman chairwoman chair officer detective sergeant sgt lt
    lieutenant captain capt col colonel gen major maj admiral adm ambassador counsel special ceo
    founder president-elect congressman congresswoman councilman councilwoman imam rabbi abbot
    auxiliary apostolic nuncio dean editor correspondent reporter analyst fm u.s. us district
    state federal former acting interim house senate press white pm inspector
    """
)
# What a minister is minister of ("Minister of Foreign Affairs and Trade Péter Szijjártó"):
# words of a title, never of the name after it.
_PORTFOLIOS = wordset(
    """
    affairs trade interior finance economy economic health education defense defence commerce
    energy security labor labour agriculture culture transport transportation environment
    development treasury immigration homeland veterans
    """
)
_NAME_SUFFIXES = wordset(
    """
    jr jr. sr sr. ii iii iv
    """
)
_FEMALE_TITLES = wordset(
    """
    mrs ms miss lady queen princess sister spokeswoman congresswoman chairwoman councilwoman
    """
)
_MALE_TITLES = wordset(
    """
    mr sir lord king prince pope cardinal archbishop bishop father abbot imam rabbi spokesman
    congressman chairman councilman brother nuncio
    """
)
# Common female given names: enough to tell "she" from "he" for most speakers.
_FEMALE_NAMES = wordset(
    """
    mary maria marie anne anna ann annie sarah sara nancy hillary hilary theresa teresa
    elizabeth margaret susan karen lisa laura linda patricia jennifer jessica emily emma olivia
    sophia hannah rachel rebecca amy amanda angela andrea barbara betty carol caroline catherine
    katherine kathryn kate katie kathy christine christina claire diana diane donna dorothy
    elena eva evelyn fiona grace helen irene jane janet jean jill joan joanna judith julia julie
    kamala kirsten maxine dianne nikki heather ivanka melania michelle kellyanne gina
    condoleezza madeleine samantha tulsi elizabeth alexandria ilhan rashida nancy lindsey louise
    lucy marianne martha megan melissa monica natalie nicole pamela paula rose ruth sandra
    sharon stephanie sylvia tanya tara tina valerie vanessa victoria virginia wendy yvonne zoe
    allison alison amber ilana svetlana tatiana olga natalia irina yulia marine angela ursula
    federica frederica theresa sheila
    """
)
# Nouns that name an organisation or a document rather than a person.
_ORG_WORDS = wordset(
    """
    district department ministry police office agency government administration committee
    commission court council party union news times post journal network report statement
    ministry's embassy bureau house senate congress parliament army military university
    institute foundation association league campaign group website site company corporation inc
    organization organisation service services press tv radio reuters ap afp cnn bbc fbi cia doj
    nsa authorities officials prosecutors lawyers attorneys family families couple warrant
    affidavit document letter message alert email tweet suit lawsuit wire
    """
)
_PLURAL_HEADS = wordset(
    """
    authorities officials police prosecutors lawyers attorneys family families couple
    investigators witnesses critics democrats republicans members leaders organizers organisers
    residents activists protesters experts analysts scholars officers sources reports senators
    staffers
    """
)
_ROLE_SYNONYMS = {
    "fm": "foreign minister",
    "ig": "inspector general",
    "pm": "prime minister",
    "pontiff": "pope",
    "spokesperson": "spokesperson",
    "spokeswoman": "spokesperson",
    "spokesman": "spokesperson",
    "lawmaker": "congressman",
    "attorney": "lawyer",
    "secretary": "secretary",
}
# Capitalised words that never start or make a person's name.
_NOT_NAMES = wordset(
    """
    the a an but and in on at after before during for with from since as by when while if then
    so yet also however meanwhile later last this that these those his her their its our we he
    she they it i even despite under over following according asked speaking specifically now
    here there why what who how where caught breaking watch update exclusive monday tuesday
    wednesday thursday friday saturday sunday january february march april may june july august
    september october november december one two three four five six seven eight nine ten many
    some several both all most other another each every no not many democratic republican
    conservative liberal instead indeed finally moreover furthermore still
    """
)
_PERSON_ROLES = wordset(
    """
    sheriff minister secretary spokesperson spokesman spokeswoman president pope pontiff lawyer
    attorney judge senator governor cardinal archbishop bishop chief commissioner mayor
    professor congressman congresswoman fm ambassador chancellor premier king queen prince
    nuncio chairman chairwoman director inspector
    """
)
_BIGRAM_ROLES = frozenset(
    {
        "attorney general", "foreign minister", "prime minister", "press secretary",
        "defense secretary", "defence secretary", "police chief", "deputy secretary",
        "special counsel", "foreign ministry", "inspector general",
    }
)  # fmt: skip
# Titles that, right before a single capitalised word, make it a person's name ("Pope Francis").
_PERSON_TITLES = wordset(
    """
    president pope cardinal archbishop bishop sen senator rep representative gov governor judge
    mr mrs ms dr prof professor sheriff chief minister secretary king queen prince sister father
    rev reverend ambassador mayor commissioner general attorney
    """
)
_DETERMINERS = wordset(
    """
    the a an and but his her their its our this that these those
    """
)
_PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "o", "we": "p", "i": None}
# Lowercase particles inside names ("Mohammed bin Salman", "Ursula von der Leyen").
_NAME_PARTICLES = ("bin", "al", "de", "van", "von", "da", "del", "la", "le")
_NAME_TOKEN = re.compile(
    r"(?:[A-Z][a-z]?\.|(?:[A-Z]|O'|O’|Mc|Mac|D')[\w'’\-]*[a-z\d][\w'’\-]*|[A-Z]{2,}|"
    + "|".join(_NAME_PARTICLES)
    + r")$"
)


def _tokens(phrase: str) -> list[str]:
    return re.findall(r"[\w'’.\-]+|,", phrase)


def _is_name_token(token: str) -> bool:
    return bool(_NAME_TOKEN.match(token)) and token.lower() not in _DETERMINERS


def _clean(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase).strip(" ,;:-—–\"'“”‘’")


@dataclass
class _Person:
    name: str
    gender: str | None
    roles: set[str] = field(default_factory=set)
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


def _role_words(words: list[str]) -> set[str]:
    lowered = [w.lower().strip(".") for w in words]
    roles = {_ROLE_SYNONYMS.get(w, w) for w in lowered if w in _TITLES or w in _ROLE_SYNONYMS}
    for first, second in itertools.pairwise(lowered):
        if first in _TITLES and second in _TITLES:
            roles.add(f"{first} {second}")
    roles.discard("former")
    return roles


def _gender(words: list[str], name: str | None) -> str | None:
    lowered = {w.lower().strip(".") for w in words}
    if lowered & _FEMALE_TITLES:
        return "f"
    if lowered & _MALE_TITLES:
        return "m"
    if name:
        first = name.split()[0].lower()
        if first in _FEMALE_NAMES:
            return "f"
    return None


def _is_title_word(word: str) -> bool:
    lowered = word.lower().strip(".")
    return lowered in _TITLES or lowered in _PORTFOLIOS


def _name_run(words: list[str]) -> list[str]:
    """The person name inside a run of capitalised words: what follows the last title word."""
    if "and" in words:
        cut = words.index("and")
        left, right = _name_run(words[:cut]), _name_run(words[cut + 1 :])
        if all(_is_title_word(w) for w in left):
            left = []  # "Foreign Affairs and Trade Péter Szijjártó": one title, one name
        return [*left, "and", *right] if left and right else left or right
    last_title = -1
    for index, word in enumerate(words):
        if _is_title_word(word) and index < len(words) - 1:
            last_title = index
    run = words[last_title + 1 :]
    while run and run[0].lower() in _NAME_PARTICLES:
        run = run[1:]
    return run


def parse_speaker(phrase: str) -> ParsedSpeaker:
    """Name, roles and gender in a speaker phrase, before any resolution."""
    phrase = _clean(phrase)
    phrase = re.split(r"\b(?:who|which|whose|that|by)\b", phrase)[0] or phrase
    pieces = re.split(r",|:|\(|\)| -- | — | – |—|–", phrase)
    parts = [_clean(p) for p in pieces if _clean(p)]
    people: list[ParsedSpeaker] = []
    nouns: list[ParsedSpeaker] = []
    for part in parts or [phrase]:
        parsed = _parse_part(part)
        (people if parsed.is_person and parsed.name else nouns).append(parsed)
    if people:
        parsed = max(people, key=lambda p: len((p.name or "").split()))
        # Keep the roles mentioned in the other parts ("the Foreign Ministry's spokesperson").
        parsed.roles |= {r for part in parts for r in _role_words(_tokens(part))}
        if parsed.gender is None:
            parsed.gender = _gender([w for part in parts for w in _tokens(part)], parsed.name)
        return parsed
    nouns = [n for n in nouns if n.noun]
    return nouns[-1] if nouns else ParsedSpeaker(None, set(), None, False, None)


_TRAILING_JUNK = wordset(
    """
    is was were are has have had now further also then later still again not
    """
)


def _parse_part(part: str) -> ParsedSpeaker:
    words = [w for w in _tokens(part) if w != ","]
    while words and (words[0].lower() in _DETERMINERS or words[0].lower() in _NOT_NAMES):
        if words[0][:1].isupper() and words[0].lower() not in _DETERMINERS | _NOT_NAMES:
            break
        words = words[1:]
    while words and (words[-1].lower() in _TRAILING_JUNK or words[-1].lower().endswith("ly")):
        words = words[:-1]
    if not words:
        return ParsedSpeaker(None, set(), None, False, None)
    roles = _role_words(words)
    runs = _runs(words)
    candidates: list[tuple[int, int, str]] = []
    for index, (run, ends_part) in enumerate(runs):
        linked = any(w in _NAME_LINKS - {"and"} for w in run)
        if linked and any(_is_org_word(w) for w in run):
            continue  # "Attorney's Office for the Southern District of Ohio": no person
        name_words = _name_run(run)
        while name_words and name_words[0].lower().strip(".") in _NOT_NAMES:
            name_words = name_words[1:]
        if not name_words or any(w.lower().strip(".'’s") in _ORG_WORDS for w in name_words):
            continue
        if name_words[-1].endswith(("'s", "’s")):
            continue
        stripped = [w.rstrip(".") if len(w) > 2 else w for w in name_words]
        if all(w.lower().strip(".") in _TITLES for w in stripped):
            continue
        if stripped[-1].lower().strip(".") in _TITLES:
            continue  # "the Russian FM": a role, not a name
        # A single capitalised word before a lowercase noun modifies it ("Harvard law
        # professor", "Clayton County police"); it is not the speaker's name.
        if not ends_part and (len(stripped) == 1 or _modifies_noun(words, run)):
            continue
        if len(stripped) == 1 and stripped[0].isupper() and len(stripped[0]) > 1:
            continue  # "WASHINGTON", "FBI": a dateline or an acronym, not a person
        candidates.append((len(stripped), index, " ".join(stripped)))
    if candidates:
        name = max(candidates)[2]
        return ParsedSpeaker(name, roles, _gender(words, name), True, None)
    noun = _noun_phrase(words)
    return ParsedSpeaker(None, roles, _gender(words, None), False, noun)


def _modifies_noun(words: list[str], run: list[str]) -> bool:
    """Whether the word after `run` is a lowercase noun it modifies ("Clayton County police")."""
    for index in range(len(words) - len(run) + 1):
        if words[index : index + len(run)] == run:
            after = index + len(run)
            if after < len(words):
                nxt = words[after]
                return nxt[:1].islower() and nxt not in _PREPOSITIONS_OF_NAMES
    return False


_PREPOSITIONS_OF_NAMES = wordset(
    """
    of and from in at on for with who which whose that
    """
)


def _runs(words: list[str]) -> list[tuple[list[str], bool]]:
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
            and _is_name_token(words[index + 1])
        )
        if _is_name_token(word) or joins:
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
            if all(w.lower() in _NAME_LINKS for w in links) and any(_is_org_word(w) for w in whole):
                merged[-1] = (first, span[1])
                continue
        merged.append(span)
    return [(words[a:b], b == len(words)) for a, b in merged]


# Lowercase words inside an organisation's name.
_NAME_LINKS = wordset(
    """
    of for the on and
    """
)


def _is_org_word(word: str) -> bool:
    return word.lower().strip(".").removesuffix("'s").removesuffix("’s") in _ORG_WORDS


def _head_noun(noun: str) -> str:
    """The head of a noun phrase: its last word before a post-modifier ("spokesman" in
    "spokesman for the opposition group")."""
    words = noun.lower().split()
    cut = next((k for k, w in enumerate(words) if w in _POSTMODIFIER_LEADS and k), len(words))
    return words[cut - 1]


_POSTMODIFIER_LEADS = wordset(
    """
    of for at
    """
)
# Nouns for people that a post-modifier keeps apart from others ("lawyers for the White House",
# "officials at the State Department", "a spokesman for the opposition group").
_PERSON_NOUNS = (
    _PERSON_ROLES
    | _PLURAL_HEADS
    | wordset(
        """
    official spokesperson lawyers attorneys member members victim victims source representative
    representatives supporters survivors friend friends relatives head
    """
    )
)


def _postmodifies(kept: list[str], after: list[str]) -> bool:
    """Whether "of"/"for"/"at" and the words `after` it belong to the noun phrase `kept`: they
    go on a name ("Department of Justice") or say whose a person noun is."""
    following = after[1:] if after and after[0].lower() in _DETERMINERS else after
    if not following:
        return False
    if following[0][:1].isupper():
        return True
    return kept[-1].lower() in _PERSON_NOUNS


def _noun_phrase(words: list[str]) -> str | None:
    """Head noun phrase of a non-person speaker: "city of Westerville", "Justice Department"."""
    stop = {
        "who", "which", "that", "released", "by", "from", "in", "with", "on", "at", "for",
        "filed", "made", "posted", "published", "issued", "representing",
    }  # fmt: skip
    while words and (words[0].lower() in _NOT_NAMES or words[0].lower().endswith("ly")):
        words = words[1:]
    kept: list[str] = []
    for index, word in enumerate(words):
        lowered = word.lower()
        if lowered == "familiar" and kept and words[index + 1 : index + 2] == ["with"]:
            kept.extend(words[index:])  # "a source familiar with the report" says who it is
            break
        if lowered in _POSTMODIFIER_LEADS and kept and _postmodifies(kept, words[index + 1 :]):
            kept.append(word)
            continue
        if lowered in stop and kept:
            break
        if lowered == "of" and index + 1 < len(words) and words[index + 1].lower() in _DETERMINERS:
            break
        if kept and word[:1].islower() and lowered.endswith("ed"):
            break
        kept.append(word)
    noun = " ".join(kept).strip(" .")
    return noun or None


class SpeakerResolver:
    """Resolves speaker phrases, remembering who the article has named and where.

    `register_names` records every full name mentioned outside quotes; `resolve(phrase, at)`
    maps a pronoun to the latest compatible person mentioned before offset `at`, a role noun
    ("the sheriff") to the person who carries that role, and a bare surname to the full name.
    """

    def __init__(self) -> None:
        self._people: dict[str, _Person] = {}
        self._mentions: list[tuple[int, str]] = []
        self._groups: list[tuple[int, str]] = []
        # Groups the article has named: "Tanya and Jason Badger", "the Badgers".
        self._named_groups: list[tuple[int, str]] = []
        # Plural nouns that a "they" later in their sentence may take up ("The authorities'
        # view changed when they said ..."), with where that sentence ends.
        self._plural_mentions: list[tuple[int, int, str]] = []

    def register_names(self, text: str, start: int, end: int, skip: list[tuple[int, int]]) -> None:
        """Learn the names mentioned in `text[start:end]` outside the `skip` spans."""
        for line in re.finditer(r"[^\n]+", text[start:end]):
            line_text = line.group()
            words = line_text.split()
            capitalised = sum(w[:1].isupper() for w in words)
            title_case = len(words) > 3 and capitalised > 0.7 * len(words)
            if title_case and line_text[-1:] not in '.!?"”':
                continue  # a headline in title case: every word looks like a name
            for match in _MENTION.finditer(line_text):
                at = start + line.start() + match.start()
                if any(a <= at < b for a, b in skip):
                    continue
                opens = line_text[: match.start()].strip() == "" or line_text[
                    : match.start()
                ].rstrip().endswith((".", "—", ":"))
                self._learn(match.group(), at, subject=opens)
            for match in _PLURAL_MENTION.finditer(line_text):
                at = start + line.start() + match.start()
                stop = re.compile(r"[.!?](?:\s|$)").search(line_text, match.end())
                until = start + line.start() + (stop.start() if stop else len(line_text))
                if not any(a <= at < b for a, b in skip):
                    self._plural_mentions.append((at, until, match.group(1).lower()))
            for match in _NAMED_GROUP.finditer(line_text):
                at = start + line.start() + match.start()
                if not any(a <= at < b for a, b in skip):
                    self._learn_group(match, at)

    def _learn_group(self, match: re.Match[str], at: int) -> None:
        family = match.group("family")
        if family is not None:
            # "the Badgers" after "Tanya Badger": the family as a group.
            surnames = {p.split()[-1] for p in self._people if " and " not in p}
            if family[:-1] in surnames or family[:-2] in surnames:
                self._named_groups.append((at, f"the {family}"))
            return
        run = _name_run(match.group("pair").split())
        paired = "and" in run and run.index("and") not in {0, len(run) - 1}
        names = [w.lower().strip(".") for w in run if w != "and"]
        if paired and not any(w in _ORG_WORDS or w in _NOT_NAMES for w in names):
            self._named_groups.append((at, " ".join(run)))

    def _learn(self, phrase: str, at: int, subject: bool = False) -> None:
        # A possessive ends a name: "North Korea's Kim Jong Un" holds two.
        segments: list[list[str]] = [[]]
        for word in phrase.split():
            if word.endswith(("'s", "’s")):
                segments[-1].append(word[:-2])
                segments.append([])
            else:
                segments[-1].append(word)
        for words in segments:
            run = _name_run(words)
            while run and run[0].lower().strip(".") in _NOT_NAMES:
                run = run[1:]
            titled = (
                len(run) < len(words)
                and words[len(words) - len(run) - 1].lower().strip(".") in _PERSON_TITLES
            )
            if not run or any(w.lower().strip(".") in _ORG_WORDS | _NOT_NAMES for w in run):
                continue
            if len(run) < 2 and not titled:
                # A bare surname opening a sentence brings a known person back to mind: "Orban
                # has taken a tough stance. [...] he said" is Orban.
                known = self._expand(run[0], at) if len(run) == 1 and subject else run[0]
                if known in self._people and known != run[0]:
                    self._mentions.append((at, known))
                continue
            name = " ".join(run)
            person = self._remember(name, _gender(words, name), _role_words(words), at)
            person.titled = person.titled or titled or len(run) < len(words)
            person.spoke = person.spoke or (subject and len(run) >= 2)

    def _remember(self, name: str, gender: str | None, roles: set[str], at: int) -> _Person:
        person = self._people.get(name)
        if person is None:
            person = self._people[name] = _Person(name, gender, set(roles))
        else:
            person.roles |= roles
            person.gender = person.gender or gender
        self._mentions.append((at, name))
        return person

    def _expand(self, name: str, at: int | None = None) -> str:
        """A bare surname (or given name) becomes the full name used for that person; of two
        people with that name ("Fard Muhammad", "Askia Muhammad"), the one mentioned last."""
        if " " in name:
            return name
        surnames, given = [], []
        for full in self._people:
            parts = full.split()
            if parts and parts[-1].lower() in _NAME_SUFFIXES:
                parts = parts[:-1]  # "Edward E. Curtis IV" is "Curtis"
            if len(parts) < 2 or " and " in full:
                continue
            if parts[-1] == name:
                surnames.append(full)
            elif parts[0] == name:
                given.append(full)
        matches = surnames or given
        # "Donald Trump" and "Donald J. Trump" are one person: the first name used stays.
        people = {(m.split()[0], m.split()[-1]) for m in surnames}
        if len(people) > 1 and at is not None:
            for recent in self._before(at):
                if recent in matches:
                    return recent
        return matches[0] if matches else name

    def resolve(self, phrase: str | None, at: int = 0) -> str | None:
        """The name `Quote.speaker` carries for the speaker phrase found at offset `at`."""
        if phrase is None:
            return None
        cleaned = _clean(phrase)
        words = cleaned.split()
        # "a spokesman", "an official": the article brings in someone new, not a known holder.
        indefinite = bool(words) and words[0].lower() in {"a", "an"}
        while len(words) > 1 and (words[0].lower() in _NOT_NAMES | _DETERMINERS):
            if words[0].lower() in _PRONOUNS:
                break
            words = words[1:]
        cleaned = re.sub(r"['’](?:d|s|ll|ve)$", "", " ".join(words))
        lowered = cleaned.lower()
        if lowered in _PRONOUNS:
            return self._resolve_pronoun(lowered, at)
        parsed = parse_speaker(cleaned)
        if parsed.is_person and parsed.name:
            name = self._expand(parsed.name, at)
            self._remember(name, parsed.gender, parsed.roles, at).spoke = True
            if " and " in name:
                self._groups.append((at, name))
                self._named_groups.append((at, name))
            return name
        group = None if indefinite else self._resolve_group(parsed, at)
        if group is not None:
            self._groups.append((at, group))
            return group
        role_target = None if indefinite else self._resolve_role(parsed, at)
        if role_target is not None:
            self._mentions.append((at, role_target))
            return role_target
        noun = parsed.noun
        if noun is not None:
            head = _head_noun(noun)
            if head in _PLURAL_HEADS or (head.endswith("s") and not head.endswith("ss")):
                self._groups.append((at, noun))
        return noun

    def _resolve_group(self, parsed: ParsedSpeaker, at: int) -> str | None:
        """ "the couple", "the Democratic leaders": the group the article named last."""
        if parsed.noun is None:
            return None
        head = _head_noun(parsed.noun)
        if head not in _GROUP_NOUNS:
            return None
        earlier = [(position, name) for position, name in self._named_groups if position <= at]
        return max(earlier)[1] if earlier else None

    def _before(self, at: int) -> list[str]:
        """Names mentioned before `at`, latest first."""
        return [name for position, name in sorted(self._mentions, reverse=True) if position <= at]

    def _resolve_pronoun(self, pronoun: str, at: int) -> str | None:
        gender = _PRONOUNS[pronoun]
        if gender in {"m", "f"}:
            for name in self._before(at):
                person = self._people.get(name)
                if person is None or " and " in name:
                    continue
                # Only people the article has presented as people: speakers, titled names,
                # known given names (not "First Amendment" or "New Mexico").
                plausible = person.spoke or person.titled or person.gender is not None
                if plausible and person.gender in {gender, None}:
                    return name
            return None
        candidates = list(self._groups)
        if pronoun == "they":
            candidates += [(a, noun) for a, until, noun in self._plural_mentions if at <= until]
        groups = [name for position, name in sorted(candidates, reverse=True) if position <= at]
        if groups:
            return groups[0]
        before = self._before(at)
        return before[0] if before else None

    def _resolve_role(self, parsed: ParsedSpeaker, at: int) -> str | None:
        if parsed.noun is None:
            return None
        noun_words = parsed.noun.lower().replace("’", "'").split()
        if not noun_words or len(noun_words) > 4:
            return None
        head = _ROLE_SYNONYMS.get(noun_words[-1], noun_words[-1])
        bigram = " ".join(noun_words[-2:]) if len(noun_words) >= 2 else ""
        if bigram in _BIGRAM_ROLES:
            wanted = {bigram}
        elif head in _BIGRAM_ROLES:
            wanted = {head}  # "the IG": the inspector general
        elif head in _PERSON_ROLES or noun_words[-1] in _PERSON_ROLES:
            wanted = {head}
        else:
            return None
        ordered = self._before(at) + [n for _, n in sorted(self._mentions)]
        for name in ordered:
            person = self._people.get(name)
            if person is None:
                continue
            roles = {_ROLE_SYNONYMS.get(r, r) for r in person.roles}
            if wanted <= roles:
                return name
        return None


_PLURAL_MENTION = re.compile(
    r"\b(authorities|officials|police|prosecutors|investigators|officers)\b", re.IGNORECASE
)
_NAME_WORDS = r"(?:[A-Z][\w'’\-]*\.?|[A-Z]\.)(?: (?:[A-Z][\w'’\-]*\.?|[A-Z]\.)){0,4}"
_NAMED_GROUP = re.compile(
    rf"(?P<pair>{_NAME_WORDS},? and {_NAME_WORDS})|\b[Tt]he (?P<family>[A-Z][a-z]+s)\b"
)
# Nouns that take up a group the article named before ("the couple", "the two leaders").
_GROUP_NOUNS = wordset(
    """
    couple pair duo trio leaders men women brothers sisters parents spouses siblings
    """
)
_MENTION = re.compile(
    r"(?:(?:[A-Z][\w'’\-]*|[A-Z]\.|Mr\.|Mrs\.|Ms\.|Dr\.|Sen\.|Rep\.|Gov\.|Gen\.|Lt\.|St\.)[ ]+)"
    r"{0,7}[A-Z][\w'’\-]*[a-z][\w'’\-]*"
    r"(?:,? (?:Jr\.|Sr\.|Jr\b|Sr\b|II\b|III\b|IV\b))?"
)
