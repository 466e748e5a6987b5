"""English names and the words around them: titles, role nouns, name particles, given names,
organisation words, and the small words that open or close a speaker phrase."""

from __future__ import annotations

from propalens.lang.en.calendar import MONTH_NAMES, WEEKDAYS
from propalens.lang.pack import People, wordset

# Role nouns that news writes before a name ("conspiracy theorist Jake Morphonios") and
# alone for that person later ("the theorist said").
NEWS_ROLES = wordset(
    """
    author activist journalist writer commentator lawmaker prosecutor cleric preacher priest
    pastor billionaire businessman businesswoman host anchor columnist blogger theorist
    candidate nominee chancellor premier envoy diplomat commander ruler dictator emir ayatollah
    sheikh patriarch photojournalist scholar historian economist strategist adviser advisor aide
    leader officer
    """
)
TITLES = NEWS_ROLES | wordset(
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
# Title words that qualify a role without being one ("former president").
TITLE_MODIFIERS = wordset("former")
# What a minister is minister of ("Minister of Foreign Affairs and Trade Péter Szijjártó"):
# words of a title, never of the name after it.
PORTFOLIOS = wordset(
    """
    affairs trade interior finance economy economic health education defense defence commerce
    energy security labor labour agriculture culture transport transportation environment
    development treasury immigration homeland veterans
    """
)
NAME_SUFFIXES = wordset(
    """
    jr jr. sr sr. ii iii iv
    """
)
# As names print them; "Jr." before "Jr", so that a mention keeps its full stop.
WRITTEN_SUFFIXES = ("Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV")
# Abbreviated titles that open a mentioned name ("Sen. Lindsey Graham").
ABBREVIATED_TITLES = ("Mr.", "Mrs.", "Ms.", "Dr.", "Sen.", "Rep.", "Gov.", "Gen.", "Lt.", "St.")
# Prefixes of a capitalised surname ("O'Brien", "McCain", "D'Souza").
SURNAME_PREFIXES = ("O'", "O’", "Mc", "Mac", "D'")
FEMALE_TITLES = wordset(
    """
    mrs ms miss lady queen princess sister spokeswoman congresswoman chairwoman councilwoman
    """
)
MALE_TITLES = wordset(
    """
    mr sir lord king prince pope cardinal archbishop bishop father abbot imam rabbi spokesman
    congressman chairman councilman brother nuncio
    """
)
# Common female given names: enough to tell "she" from "he" for most speakers.
FEMALE_NAMES = wordset(
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
# Common male given names, for the same purpose: "he" takes up "Peter Saunders".
MALE_NAMES = wordset(
    """
    john james robert michael william david richard joseph thomas charles christopher daniel
    matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
    ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
    scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
    tyler aaron jose adam nathan henry douglas zachary peter kyle walter ethan jeremy harold
    keith christian roger noah gerald carl terry sean austin arthur lawrence jesse dylan bryan
    joe jordan billy bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene
    vincent russell elijah louis bobby philip johnny barack bernie mitch mike jim bill tom
    chuck ted rand lindsey rudy rex jeff boris vladimir sergey sergei dmitry dmitri alexei
    alexey nikolai ivan igor viktor yuri mikhail andrei emmanuel angelo francis benedict
    hassan ali mohammed muhammad ahmed omar abdul recep bashar xi kim moon shinzo justin
    narendra benjamin emmanuel jair nicolas hugo fidel raul geert nigel jeremy tommy colm
    """
)
# Nouns that name an organisation or a document rather than a person.
ORG_WORDS = wordset(
    """
    district department ministry police office agency government administration committee
    commission court council party union news times post journal network report statement
    ministry's embassy bureau house senate congress parliament army military university
    institute foundation association league campaign group website site company corporation inc
    organization organisation service services press tv radio reuters ap afp cnn bbc fbi cia doj
    nsa authorities officials prosecutors lawyers attorneys family families couple warrant
    affidavit document letter message alert email tweet suit lawsuit wire church diocese
    archdiocese mosque kremlin pentagon cabinet board school hospital bank fund county city
    """
)
PLURAL_HEADS = wordset(
    """
    authorities officials police prosecutors lawyers attorneys family families couple
    investigators witnesses critics democrats republicans members leaders organizers organisers
    residents activists protesters experts analysts scholars officers sources reports senators
    staffers
    """
)
ROLE_SYNONYMS = {
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
NOT_NAMES = wordset(
    """
    the a an but and in on at after before during for with from since as by when while if then
    so yet also however meanwhile later last this that these those his her their its our we he
    she they it i even despite under over following according asked speaking specifically now
    here there why what who how where caught breaking watch update exclusive one two three four
    five six seven eight nine ten many some several both all most other another each every no not
    democratic republican conservative liberal instead indeed finally moreover furthermore still
    """
) | frozenset((*WEEKDAYS, *MONTH_NAMES))
PERSON_ROLES = NEWS_ROLES | wordset(
    """
    sheriff minister secretary spokesperson spokesman spokeswoman president pope pontiff lawyer
    attorney judge senator governor cardinal archbishop bishop chief commissioner mayor
    professor congressman congresswoman fm ambassador chancellor premier king queen prince
    nuncio chairman chairwoman director inspector
    """
)
BIGRAM_ROLES = frozenset(
    {
        "attorney general", "foreign minister", "prime minister", "press secretary",
        "defense secretary", "defence secretary", "police chief", "deputy secretary",
        "special counsel", "foreign ministry", "inspector general",
    }
)  # fmt: skip
# Titles that, right before a single capitalised word, make it a person's name ("Pope Francis").
PERSON_TITLES = wordset(
    """
    president pope cardinal archbishop bishop sen senator rep representative gov governor judge
    mr mrs ms dr prof professor sheriff chief minister secretary king queen prince sister father
    rev reverend ambassador mayor commissioner general attorney
    """
)
DETERMINERS = wordset(
    """
    the a an and but his her their its our this that these those
    """
)
INDEFINITE_ARTICLES = wordset("a an")
# Words that open a clause inside a speaker phrase ("officials who spoke", "a report by").
CLAUSE_LEADS = wordset("who which whose that by")
PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "o", "we": "p", "i": None}
# Lowercase particles inside names ("Mohammed bin Salman", "Ursula von der Leyen", "Juan de
# la Cruz y Pérez"): in bylines and in speaker phrases alike.
NAME_PARTICLES = (
    "de", "van", "von", "der", "den", "al", "el", "bin", "ibn", "la", "le", "del", "da", "di",
    "du", "dos", "y",
)  # fmt: skip
TRAILING_JUNK = wordset(
    """
    is was were are has have had now further also then later still again not
    """
)
PREPOSITIONS_OF_NAMES = wordset(
    """
    of and from in at on for with who which whose that
    """
)
# Lowercase words inside an organisation's name.
NAME_LINKS = wordset(
    """
    of for the on and
    """
)
POSTMODIFIER_LEADS = wordset(
    """
    of for at
    """
)
# Nouns for people that a post-modifier keeps apart from others ("lawyers for the White House",
# "officials at the State Department", "a spokesman for the opposition group").
PERSON_NOUNS = (
    PERSON_ROLES
    | PLURAL_HEADS
    | wordset(
        """
        official spokesperson lawyers attorneys member members victim victims source
        representative representatives supporters survivors friend friends relatives head
        """
    )
)
# Nouns that take up a group the article named before ("the couple", "the two leaders").
GROUP_NOUNS = wordset(
    """
    couple pair duo trio leaders men women brothers sisters parents spouses siblings
    """
)
# Words after which a speaker's noun phrase has ended ("the report released by ...").
NOUN_PHRASE_ENDS = wordset(
    """
    who which that released by from in with on at for filed made posted published issued
    representing
    """
)
# Plural nouns that a later "they" may take up ("The authorities' view changed when they said").
PLURAL_MENTIONS = ("authorities", "officials", "police", "prosecutors", "investigators", "officers")

PEOPLE = People(
    titles=TITLES,
    title_modifiers=TITLE_MODIFIERS,
    portfolios=PORTFOLIOS,
    name_suffixes=NAME_SUFFIXES,
    written_suffixes=WRITTEN_SUFFIXES,
    abbreviated_titles=ABBREVIATED_TITLES,
    surname_prefixes=SURNAME_PREFIXES,
    female_titles=FEMALE_TITLES,
    male_titles=MALE_TITLES,
    female_names=FEMALE_NAMES,
    male_names=MALE_NAMES,
    org_words=ORG_WORDS,
    plural_heads=PLURAL_HEADS,
    role_synonyms=ROLE_SYNONYMS,
    not_names=NOT_NAMES,
    person_roles=PERSON_ROLES,
    bigram_roles=BIGRAM_ROLES,
    person_titles=PERSON_TITLES,
    determiners=DETERMINERS,
    indefinite_articles=INDEFINITE_ARTICLES,
    clause_leads=CLAUSE_LEADS,
    pronouns=PRONOUNS,
    name_particles=NAME_PARTICLES,
    trailing_junk=TRAILING_JUNK,
    prepositions_of_names=PREPOSITIONS_OF_NAMES,
    name_links=NAME_LINKS,
    postmodifier_leads=POSTMODIFIER_LEADS,
    person_nouns=PERSON_NOUNS,
    group_nouns=GROUP_NOUNS,
    noun_phrase_ends=NOUN_PHRASE_ENDS,
    plural_mentions=PLURAL_MENTIONS,
)
