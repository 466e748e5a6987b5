"""English boilerplate: the whole lines of a scraped English page that are not article body.

Each rule is one named, anchored pattern that must match a whole (whitespace-trimmed) line, and a
length cap, because boilerplate lines are short and a long line that happens to start like one
("By contrast, the minister...") is almost always prose.  Rules are grouped by the `Removed.kind`
they report; the first rule that matches a line wins, in the order of `LINE_RULES`.

Named groups carry metadata out of the line: `byline`, `author` (the author a republisher
credits, "Authored by X via Y", who outranks its own house byline), `date`, `outlet`,
`original` (the outlet a republished article first appeared in), `original_by` (its author),
`original_date` (the date it first appeared), `credit` (an author named in a credit line,
"Reporting by X; Editing by Y"), `holder` (a copyright holder)
and `own_outlet` (an outlet that a line names as the page's own wherever it stands: "Jane Doe
is a reporter for Breitbart News").

Lines reach the rules as cleaning reads them: where Markdown link syntax was blanked to spaces,
`By [RT](#)` arrives as `By  RT    ` (trimmed to `By  RT`), so every pattern takes a run of
spaces wherever it takes one, and cleaning collapses the spaces inside the values it keeps.
"""

from __future__ import annotations

import re

from propalens.lang.en.calendar import DATE, WEEKDAYS
from propalens.lang.en.people import FEMALE_NAMES, MALE_NAMES, NAME_PARTICLES
from propalens.lang.pack import LineRule
from propalens.schema import RemovedKind

_UPPER = "A-ZÀ-ÖØ-Þ"
_PARTICLE = "(?:" + "|".join(NAME_PARTICLES) + ")"
# "On" and "At" after a name open its date ("By Jane Doe On 3/12/19").
_NAME = rf"[{_UPPER}][\w'’.-]*(?:\s+(?:(?!(?:On|At)\s)[{_UPPER}][\w'’.-]*|{_PARTICLE}\b)){{0,4}}"
# Several authors join with "and"/"&"; a comma instead introduces the outlet ("By X, Reuters").
_NAMES = rf"{_NAME}(?:(?:\s+and\s+|\s*&\s*){_NAME})*"
# An outlet or a date after a byline: a capitalised phrase of a few words, never prose.
_BYLINE_REST = rf"(?:{DATE}|[{_UPPER}@\d][^\s]*(?:\s+[^\s]+){{0,6}})"
# "By", "Written by": what opens a byline, never an outlet's name.
_BY = r"(?:(?i:written|posted|reported|authored|submitted)\s+)?(?:By|by|BY)\b:?"
# What a byline may print after the names instead of an outlet: "By Jane Doe, Staff Writer".
_ROLE = (
    r"(?:[\w'’.-]+\s+){0,3}(?i:staff writer|senior writer|writer|correspondent|reporter|editor"
    r"|contributor|columnist|analyst|journalist|producer)s?"
)
# A person's name alone, as a page prints its author under the headline ("Jane Doe"): two or
# three capitalised words, none a word a headline is made of ("On Border Funding"), opening
# with a given name rather than a family name's particle ("Von Hans Meier" is German for "By").
_NOT_NAME = (
    r"(?:The|A|An|On|In|At|Of|For|To|And|Or|Is|Are|Was|Over|After|As|By|With|From|Into|Why|How"
    r"|What|Who|When|New|More|Not|No|Support|Share|Follow)\b"
)
_GIVEN_NAMES = "|".join(sorted(FEMALE_NAMES | MALE_NAMES))
_PARTICLE_OPENING = "(?:" + "|".join(particle.capitalize() for particle in NAME_PARTICLES) + r")\b"
_PERSON = (
    rf"(?!{_NOT_NAME}|{_PARTICLE_OPENING})[{_UPPER}][a-z'’.-]+"
    rf"(?:\s+(?!{_NOT_NAME})[{_UPPER}][\w'’.-]*){{1,2}}?"
)
_TITLE_WORDS = rf"[{_UPPER}][\w&'’.-]*(?:\s+(?:[{_UPPER}&][\w&'’.-]*|of|the|for|and|on)){{0,5}}"
# A year or a range of years ("2016-2018"), as copyright lines print them.
_YEARS = r"(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?"
_TIME = r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*\(?[A-Z]{2,4}\)?)?"
# The time after a dateline's date: "May 12, 2018 10:20", "12 May 2018 at 10.20 GMT",
# "03/12/2018 - 10:20".
_AT_TIME = rf"(?:\s*[,|/–—-]?\s*(?:at\s+)?{_TIME})?"
# What follows a dateline about its update: "(updated 16:56 GMT 22.05.2018)",
# "[Updated: Sun Jul 15, 2018 09:16PM ]", "/ Updated an hour ago"
# What a byline prints after its date: "1,234 Comments", "5 min read".
_COUNTS = (
    r"(?:\s*[|•·]?\s*(?:[\d,]+\s+(?i:comments?|views|shares)|\d{1,3}\s+(?i:min)\S*\s+(?i:read)))*"
)
_UPDATED = r"(?i:updated|last updated|last modified|modified|edited)(?:\s+(?i:time|on|at|date))?"
_UPDATE_NOTE = (
    r"(?:\s*(?:[\[(](?i:updated)\b[^\])]{0,60}[\])]|/\s*(?i:updated)\b.{0,40})"
    # "Tue 12 Mar 2019 09.15 GMT Last modified on Tue 12 Mar 2019 11.20 GMT"
    rf"|\s*[|•·]?\s*{_UPDATED}\s*:?\s.{{0,60}})?"
)
# "Sunday", and "Sun" or "Tues." as datelines abbreviate them.
_WEEKDAY = (
    "(?i:"
    + "|".join(
        sorted(
            {*WEEKDAYS, *(day[:3] for day in WEEKDAYS), "tues", "thur", "thurs"},
            key=len,
            reverse=True,
        )
    )
    + r")\.?"
)
_AGENCY = (
    r"(?:AFP|Getty(?: Images)?|Reuters|REUTERS|AP(?: Photo)?|EPA|Sputnik|RIA Novosti|TASS|Xinhua"
    r"|Shutterstock|Anadolu(?: Agency)?|Bloomberg|Wikimedia(?: Commons)?|Flickr|iStock|Alamy"
    r"|PA(?: Images| Wire)?|UPI|dpa|SIPA|Pixabay|Unsplash)"
)
_OPINIONS = r"(?i:statements|views|opinions)"
_NETWORK = (
    r"Facebook|Twitter|Telegram|Gab|Minds|YouTube|Instagram|VK|Parler|Rumble|BitChute|Bitchute"
    r"|Truth Social"
)
_SLASH_PART = r"[^/\s.!?][^/\n.!?]{0,40}"
# A web address as a credit line prints it: "www.globalresearch.ca", "https://www.rt.com/news/1".
_WEB_ADDRESS = r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?"
# An outlet named in a credit line: a capitalised name ("the Jerusalem Post", "WND.com") or an
# address, so that prose starting like a credit ("First published in 1998, the book...") stays.
_OUTLET = rf"(?:(?:the|The)\s+)?(?:{_TITLE_WORDS}|{_WEB_ADDRESS})"
# What a republication notice may print after the outlet: when it appeared, and that it is used
# with leave ("Originally published at X on March 1, 2019", "Republished from X with permission").
# ... and that it is republished under a licence or as part of a project ("Republished from X
# under a Creative Commons license", "first published by X and is reprinted with permission").
_ORIGINAL_TAIL = (
    rf"(?:(?:\s*,)?\s+(?i:on|in)\s+(?P<original_date>{DATE}))?"
    r"(?:(?:\s*,)?\s+(?i:with\s+(?:the\s+)?(?:kind\s+)?permission))?"
    r"(?:(?:\s*,)?\s+(?i:under\s+an?\s+creative\s+commons|and\s+(?:is|was|has\s+been)\s+"
    r"(?:re-?printed|re-?published|re-?posted|shared|used))\b.{0,120}?)?\s*\.?"
)
# Where a notice says the article came from: an outlet, or its author, who is none ("Reprinted
# with permission from the author.").
_ORIGINAL = r"(?:(?i:the\s+)?(?i:authors?)\b|(?P<original>.+?))"


def _rule(
    name: str,
    kind: RemovedKind,
    pattern: str,
    max_len: int = 300,
    date_rank: int | None = None,
    outlet_rank: int | None = None,
    after: tuple[str, ...] = (),
    before: tuple[str, ...] = (),
    head_only: bool = False,
) -> LineRule:
    return LineRule(
        name, kind, re.compile(pattern), max_len, date_rank, outlet_rank, after, before, head_only
    )


# A menu item: one to three words, the first capitalised, without a sentence's punctuation
# ("World News", "Op-ed", "Russia and FSU").
_MENU_ITEM = rf"[{_UPPER}][\w&'’-]*(?:[ /][\w&'’-]+){{0,2}}"
MENU_ITEM = re.compile(_MENU_ITEM)

# A wire story's dateline, opening its first paragraph: "BERLIN (Reuters) - ...", "TAOS, N.M.
# (AP) — ...".  The parenthesis names the outlet that wrote the story.
WIRE_DATELINE = re.compile(
    rf"[{_UPPER}][{_UPPER}.'’ -]{{1,40}}(?:,\s*[{_UPPER}][\w.'’ -]{{1,30}})?\s*"
    r"\((?P<outlet>[A-Z][\w.&'’ -]{1,30}?)\)\s*[-–—]"
)

HEADER_RULES = (
    _rule(
        "header_page_controls",
        "header",
        r"(?i:skip to (?:main )?content|skip to navigation|toggle navigation|main menu|menu"
        r"|search|close|sign in|log in|subscribe|newsletter)",
        max_len=30,
    ),
    # A breadcrumb: "Home / Middle East", "Home › World › Europe"
    _rule(
        "header_breadcrumb",
        "header",
        r"(?i:home)\s*[/›»>]\s*[^/›»>\n]{1,40}(?:[/›»>][^/›»>\n]{1,40}){0,3}",
        max_len=120,
    ),
    _rule(
        "header_label",
        "header",
        r"(?:Region|Theme|Themes|In-[Dd]epth Report|Topic|Topics|Tags|Trends|Filed [Uu]nder"
        r"|Category|Categories|Section)\s*:\s*\S.*",
        max_len=200,
    ),
    # A label before a list without a colon: "Keywords pension, coalition, Bundestag"; a
    # sentence ends in a full stop ("Topics of the talks included trade, energy and oil.").
    _rule(
        "header_label_list",
        "header",
        r"(?:Keywords|Related [Ss]ubjects|Related [Tt]opics|Tags|Topics)\s+[^,.!?:]{1,30}"
        r"(?:,\s*[^,.!?]{1,30})+",
        max_len=200,
    ),
    # A label on a line of its own, over the list it heads: "Topics", then "Air pollution".
    _rule(
        "header_label_heading",
        "header",
        r"(?:Topics|Tags|Categories|Filed [Uu]nder|Related [Tt]opics|Keywords)\s*:?",
        max_len=30,
    ),
    _rule(
        "header_label_item",
        "header",
        _MENU_ITEM,
        max_len=40,
        after=("header_label_heading", "header_label_item"),
    ),
    # A reader's tools: "Save articles to read later and create your own reading list.",
    # "Font Size:", "Reuse this content"
    _rule(
        "header_reader_tools",
        "header",
        r"(?i:save (?:this )?articles? (?:to read later|for later)|add to (?:your )?reading list"
        r"|font size|text size|reuse this content|listen to (?:this )?article)\b.{0,80}",
        max_len=120,
    ),
    # A place alone in capitals in the head, the dateline the body no longer opens with:
    # "ANKARA", "WASHINGTON, D.C."
    _rule(
        "header_place",
        "dateline",
        rf"[{_UPPER}][{_UPPER}.'’ -]{{2,30}}(?:,\s*[{_UPPER}][\w.'’ -]{{1,30}})?",
        max_len=40,
        head_only=True,
    ),
)

DATELINE_RULES = (
    # "Published time: 12 May, 2018 10:20", "Updated: 2018-05-12", "Posted on May 12, 2018",
    # and with the outlet's name before it: "RT | Published time: 9 Oct, 2017 10:21"
    _rule(
        "dateline_published",
        "dateline",
        rf"(?:(?!{_BY}\s)(?P<outlet>{_TITLE_WORDS})\s*[|•–—-]\s*)?"
        rf"(?i:published|posted|first published|originally published|issued|date|dated)"
        rf"(?:\s+(?i:time|on|at|date))?\s*:?\s*(?:{_TIME},?\s+)?"
        # "by X" names the author, or the outlet that published it ("by The Guardian"): which
        # one, the page may not say, so an outlet there is no byline and names nothing.
        rf"(?P<date>(?:{_WEEKDAY},?\s+)?{DATE})"
        rf"(?:\s+(?i:by)\s+(?:The\s+{_TITLE_WORDS}|(?P<byline>{_NAMES})))?"
        r"(?:\W.{0,80})?",
        max_len=160,
        date_rank=0,
        outlet_rank=0,
    ),
    # "Updated: March 14, 2019 | Published: March 12, 2019": the published date is the page's.
    _rule(
        "dateline_updated_published",
        "dateline",
        rf"{_UPDATED}\s*:?\s*(?:{_TIME},?\s+)?(?:{_WEEKDAY},?\s+)?{DATE}{_AT_TIME}"
        rf"\s*[|•·,;/–—-]?\s*(?i:published|posted|first published)(?:\s+(?i:on|at))?\s*:?\s*"
        rf"(?:{_TIME},?\s+)?(?P<date>(?:{_WEEKDAY},?\s+)?{DATE}){_AT_TIME}",
        max_len=160,
        date_rank=0,
    ),
    _rule(
        "dateline_updated",
        "dateline",
        rf"{_UPDATED}\s*:?\s*(?:{_TIME},?\s+)?(?P<date>(?:{_WEEKDAY},?\s+)?{DATE})"
        rf"(?:\W.{{0,80}})?",
        max_len=160,
        date_rank=2,
    ),
    # Fields in a row: "Source: Xinhua| 2019-03-12 14:05:33|Editor: huaxia"
    _rule(
        "dateline_fields",
        "dateline",
        rf"(?i:source)\s*:\s*(?P<outlet>[^|]{{1,40}}?)\s*\|\s*(?P<date>{DATE})(?:[ T]{_TIME})?"
        r"(?:\s*\|\s*[^|]{1,60}){0,3}",
        max_len=160,
        date_rank=0,
        outlet_rank=0,
    ),
    # Before the outlet's dateline, which would read "Monday, May 12, 2018" as outlet "Monday".
    _rule(
        "dateline_bare_date",
        "dateline",
        # The weekday belongs to the date: it tells "Wed, 02/07/2018" is February 7.
        rf"(?:{_TIME}\s+)?(?P<date>(?:{_WEEKDAY},?\s+)?{DATE}){_AT_TIME}{_UPDATE_NOTE}"
        # "March 3, 2019 | By Jane Doe", "Mar 3, 2019 · 5 min read"
        rf"(?:\s*[|•·–—-]\s*(?:{_BY}\s+(?P<byline>{_NAMES})|\d{{1,3}}\s+(?i:min)\S*\s+(?i:read)))?",
        max_len=120,
        date_rank=1,
    ),
    # "Global Research, May 12, 2018": the outlet prints its own name beside the date.  A
    # republisher prints the original's line under its own ("RT 2 March 2019"); cleaning tells
    # the two apart by their order.
    _rule(
        "dateline_outlet",
        "dateline",
        rf"(?!{_BY}\s)(?P<outlet>{_TITLE_WORDS})(?:\s*[,|–—•-])?\s+(?P<date>{DATE})"
        rf"{_AT_TIME}",
        max_len=120,
        date_rank=0,
        outlet_rank=0,
    ),
)

BYLINE_RULES = (
    # "By John Smith", "by Jane Doe | RT", "By John Smith, Reuters", "By A and B - May 12, 2018"
    _rule(
        "byline_by",
        "byline",
        rf"{_BY}\s+(?P<byline>{_NAMES})"
        # A trailing colon means the line introduces a quoted article: "By X, Star Tribune:".
        # A date may follow the names after spaces alone, where it was a link ("By X [May 12,
        # 2018](#)").
        rf"(?:\s*[|,/–—•-]\s*(?:{_ROLE}|(?P<rest>{_BYLINE_REST}))"
        rf"|\s+(?:(?i:on)\s+)?(?P<date>{DATE}){_AT_TIME}{_COUNTS})?(?<!:)",
        max_len=160,
        date_rank=0,
        outlet_rank=1,
    ),
    # ZeroHedge's "Authored by Tyler Durden via The Duran,": the author and where it first ran.
    _rule(
        "byline_via",
        "byline",
        rf"{_BY}\s+(?P<author>{_NAMES})(?:\s*,\s*[^,]{{1,60}}?)?\s+(?i:via)\s+"
        # dpa writes its name in lower case.
        rf"(?P<original>{_OUTLET}|[a-z]{{2,5}})\s*[,.:…]*",
        max_len=200,
    ),
    # Wire copy: "(Reporting by Jane Doe in Moscow; Editing by John Smith)"
    _rule(
        "byline_credits",
        "byline",
        rf"\(?(?:(?i:with)\s+(?:(?i:additional)\s+)?)?(?i:reporting|writing)\s+(?i:by)\s+"
        rf"(?P<credit>{_NAMES})"
        rf"(?:\s+(?i:in)\s+{_TITLE_WORDS})?"
        r"(?:\s*[;,]\s*(?i:additional reporting|reporting|writing|editing)\s+(?i:by)\b"
        r"[^;()]{1,120})*"
        r"\)?\.?",
        max_len=300,
    ),
    # An author's sign-off closing the article ("— Alvise Armellini"), and the outlet printed
    # under it ("dpa", "Los Angeles Times"): a republisher keeps the original's.  A dash glued
    # to one name ("–Fox News", "–JFK") credits a quoted passage instead.  The same line also
    # attributes an epigraph ("— Catherine Booth"), so it names no byline.
    _rule(
        "byline_signoff",
        "byline",
        rf"[—–]\s+(?=[{_UPPER}][\w'’.-]*\s+[{_UPPER}]){_NAMES}",
        max_len=100,
    ),
    _rule(
        "byline_signoff_outlet",
        "byline",
        rf"(?P<original>{_OUTLET}|[a-z]{{2,5}})",
        max_len=60,
        after=("byline_signoff",),
    ),
    # The author's name in the head, a role or a date beside it: "Jane Doe Environment
    # correspondent", "Jane Doe | 12.03.2019".
    _rule(
        "byline_name",
        "byline",
        rf"(?P<byline>{_PERSON})(?:\s*,?\s+{_ROLE}"
        rf"|\s*[|•·]\s*(?P<date>(?:{_WEEKDAY},?\s+)?{DATE}){_AT_TIME})",
        max_len=80,
        date_rank=1,
        head_only=True,
    ),
    # A name alone in the head, where a given name opens it ("Jane Doe"), or over the dateline
    # ("Alex Christoforou", then "March 12, 2019"); "World News" over "Business" is a menu.
    _rule(
        "byline_given_name",
        "byline",
        rf"(?P<byline>(?=(?i:{_GIVEN_NAMES})\s){_PERSON})",
        max_len=60,
        head_only=True,
    ),
    _rule(
        "byline_name_over_dateline",
        "byline",
        rf"(?P<byline>{_PERSON})",
        max_len=60,
        before=("dateline_bare_date", "dateline_published", "dateline_outlet"),
        head_only=True,
    ),
    _rule(
        "byline_role",
        "byline",
        _ROLE,
        max_len=40,
        after=("byline_given_name", "byline_name_over_dateline"),
        head_only=True,
    ),
    # The outlet's name alone in the head, under the author or the date: "The Duran"
    _rule(
        "byline_outlet_name",
        "byline",
        rf"(?P<own_outlet>The\s+[{_UPPER}][\w'’-]+(?:\s+[{_UPPER}][\w'’-]+)?)",
        max_len=40,
        outlet_rank=1,
        after=(
            "dateline_bare_date",
            "dateline_published",
            "byline_by",
            "byline_given_name",
            "byline_name_over_dateline",
        ),
        head_only=True,
    ),
    # A desk's byline: "MEE staff", "Staff and agencies", "News Desk"
    _rule(
        "byline_desk",
        "byline",
        rf"(?:{_TITLE_WORDS}\s+)?(?i:staff|staff and agencies|agencies|news desk|web desk)",
        max_len=60,
        head_only=True,
    ),
    # "Special to Consortium News"
    _rule(
        "byline_special_to",
        "byline",
        rf"(?i:special to)\s+(?P<own_outlet>{_OUTLET})\s*\.?",
        max_len=80,
        outlet_rank=1,
    ),
    _rule(
        "byline_label",
        "byline",
        rf"(?i:author|authors|articles by|written by|reporter)\s*:?\s*(?P<byline>{_NAMES})",
        max_len=120,
    ),
)

DISCLAIMER_RULES = (
    _rule(
        "disclaimer_original_source",
        "disclaimer",
        r"The original source of this (?i:article|report|story|piece) is\s+(?P<original>.+?)\s*\.?",
        max_len=300,
    ),
    _rule("disclaimer_notice", "disclaimer", r"(?i:disclaimer)\s*:.*", max_len=1500),
    # "This article originally appeared on X", "This report was originally published by A at B"
    _rule(
        "disclaimer_this_originally",
        "disclaimer",
        r"(?:(?i:this|the above)|(?i:the original version of this))\s+"
        r"(?i:article|report|story|piece|post|essay|column|op-ed|interview"
        r"|commentary|analysis)\s+(?i:was\s+|is\s+|has been\s+|had\s+)?"
        r"(?:(?i:originally|first)\s+)?"
        r"(?i:appeared|published|posted|ran)\s+"
        r"(?:(?i:by)\s+(?P<original_by>.+?)\s+(?i:at|on|in)\s+|(?i:on|at|in|by|with)\s+)?"
        rf"(?P<original>.+?){_ORIGINAL_TAIL}",
        max_len=300,
    ),
    # "This article was produced by Globetrotter, a project of the Independent Media Institute."
    _rule(
        "disclaimer_produced_by",
        "disclaimer",
        r"(?i:this)\s+(?i:article|report|story|piece)\s+(?i:was|is)\s+(?i:produced|written)\s+"
        rf"(?i:by|for)\s+(?P<original>{_OUTLET})(?:,\s.{{0,120}})?\.?",
        max_len=200,
    ),
    # "Read the original article at X."
    _rule(
        "disclaimer_read_original",
        "disclaimer",
        r"(?i:read the original (?:article|story|report|piece|post))\s+(?i:at|on|in)\s+"
        rf"(?P<original>{_OUTLET})\s*[.:]?",
        max_len=150,
    ),
    # "This article is from Consortium News."
    _rule(
        "disclaimer_this_from",
        "disclaimer",
        r"(?i:this)\s+(?i:article|report|story|piece|post)\s+(?i:is|was|comes)\s+(?i:from)\s+"
        rf"(?P<original>{_OUTLET}){_ORIGINAL_TAIL}",
        max_len=200,
    ),
    # "Via Zerohedge…": a credit that may be the republished article's or only that of a passage
    # it quotes, so it names no original.
    _rule("disclaimer_via", "disclaimer", rf"(?i:via)\s*:?\s+{_OUTLET}\s*[,.:…]*", max_len=80),
    # "(Originally published at X)", "Originally appeared on X.", "First published by X on ..."
    _rule(
        "disclaimer_originally",
        "disclaimer",
        r"\(?(?:(?i:article|story|post|piece)\s+(?:(?i:was)\s+)?)?"
        r"(?i:originally|first)\s+(?i:published|appeared|posted|ran)\s+"
        rf"(?:(?i:on|at|in|by)\s+)?(?P<original>{_OUTLET}){_ORIGINAL_TAIL}\)?\.?",
        max_len=200,
    ),
    # "Article posted with permission from X", "Reprinted with permission from X."
    _rule(
        "disclaimer_permission",
        "disclaimer",
        r"(?:(?i:this\s+)?(?i:article|story|post)\s+(?i:is\s+|was\s+)?)?"
        r"(?i:posted|reprinted|republished|published|used|shared|reproduced)\s+"
        r"(?i:with|by)\s+(?i:(?:the\s+)?(?:kind\s+)?permission)\s+(?i:from|of)\s+"
        rf"{_ORIGINAL}{_ORIGINAL_TAIL}",
        max_len=200,
    ),
    # "Reprinted from WND.com.", "Republished from RT with permission"
    _rule(
        "disclaimer_reprinted_from",
        "disclaimer",
        r"(?:(?i:this|the)\s+(?i:article|story|piece|post)\s+(?i:is|was|has been)\s+)?"
        r"(?i:reprinted|re-?published|cross-?posted|reposted)\s+(?i:from)\s+"
        rf"{_ORIGINAL}{_ORIGINAL_TAIL}",
        max_len=200,
    ),
    # "Source: Al Jazeera and news agencies": the page's own story, drawing on the wires.
    _rule(
        "disclaimer_source_own",
        "disclaimer",
        rf"(?i:source)\s*:\s*(?P<own_outlet>{_OUTLET})\s+(?i:and|with)\s+"
        r"(?i:news agencies|agencies|wires|wire services)\s*\.?",
        max_len=120,
        outlet_rank=2,
    ),
    # "Source: X" -- only an outlet's name or address, so that "Source: officials said..." stays.
    _rule(
        "disclaimer_source",
        "disclaimer",
        rf"(?i:source|sources|source\(s\)|original source)\s*:\s*(?P<original>{_OUTLET})\s*\.?",
        max_len=120,
    ),
    # RT's op-ed notice: "The statements, views and opinions expressed in this column are solely
    # those of the author and do not necessarily represent those of RT."
    _rule(
        "disclaimer_views_expressed",
        "disclaimer",
        rf"(?:The\s+)?(?:{_OPINIONS}(?:,\s*|\s+and\s+)){{0,2}}{_OPINIONS}\s+expressed\s+"
        # "... do not necessarily represent those of RT."
        rf"(?i:in this|herein|here)\b(?:.*\s(?i:those of)\s+(?P<own_outlet>{_OUTLET})\s*\.?|.*)",
        max_len=600,
        outlet_rank=3,
    ),
    # "The views of individual contributors do not necessarily represent those of X.", "The
    # views expressed are solely those of the author and may or may not reflect those of X."
    _rule(
        "disclaimer_views_not_reflected",
        "disclaimer",
        rf"(?:The\s+)?(?:{_OPINIONS}(?:,\s*|\s+and\s+)){{0,2}}{_OPINIONS}\s+(?:expressed|of)\b"
        r".{0,150}?\s(?i:(?:do|does|may)(?: or may)? not|don['’]t)\s+(?i:necessarily\s+)?"
        r"(?i:reflect|represent)\s+(?i:those|the views|the opinions|the position)\s+(?i:of)\s+"
        rf"(?:the\s+)?(?P<own_outlet>{_OUTLET})\s*\.?",
        max_len=400,
        outlet_rank=3,
    ),
    # The fair-use notice of sites that republish: "www.globalresearch.ca contains copyrighted
    # material the use of which has not always been specifically authorized by the copyright
    # owner...", "FAIR USE NOTICE: ...", "In accordance with Title 17 U.S.C. Section 107, ..."
    _rule(
        "disclaimer_fair_use",
        "disclaimer",
        rf"(?:{_WEB_ADDRESS}|(?i:this (?:site|website|blog|page)))\s+(?i:contains|may contain)\s+"
        r"(?i:copyrighted material)\b.*"
        r"|(?i:fair use notice|fair use)\s*:.*"
        r"|(?i:in accordance with title 17 u\.?\s?s\.?\s?c\.?)\b.*",
        max_len=2000,
    ),
)

COPYRIGHT_RULES = (
    # The word alone is prose ("Copyright law..."); a symbol or a year must follow it.
    _rule(
        "copyright_word",
        "copyright",
        rf"(?i:copyright)\s*(?:(?:©|\([cC]\))\s*(?:{_YEARS}[,.]?\s*)?|{_YEARS}[,.]?\s*)"
        r"(?P<holder>.*)",
        outlet_rank=2,
    ),
    # "© 2018 The Outlet"; a © without a year is a photo credit, see CAPTION_RULES.
    _rule(
        "copyright_symbol_year",
        "copyright",
        rf"(?:©|\([cC]\))\s*(?:(?i:copyright)\s*)?{_YEARS}[,.]?\s*(?P<holder>.*)",
        outlet_rank=2,
    ),
    # "© Autonomous Nonprofit Organization “TV-Novosti”, 2005–2017. All rights reserved."
    _rule(
        "copyright_holder_year",
        "copyright",
        rf"(?:©|\([cC]\)|(?i:copyright))\s*(?P<holder>[^©\d\s][^©\n]{{0,80}}?)[,\s]+{_YEARS}\.?"
        r"(?:\s*(?i:all rights reserved)\.?)?",
        outlet_rank=2,
    ),
    _rule("copyright_rights_reserved", "copyright", r".{0,150}(?i:all rights reserved)\.?"),
    # The Associated Press: "This material may not be published, broadcast, rewritten or
    # redistributed."
    _rule(
        "copyright_not_redistributed",
        "copyright",
        r"(?:.{0,150}\s)?(?i:this material may not be published, broadcast, rewritten,? or "
        r"redistributed)\b.{0,150}",
    ),
)

CAPTION_RULES = (
    # "© Sputnik / Alexei Nikolsky", "© AFP Karadima was only punished by the Vatican"
    _rule("caption_copyright_credit", "photo_caption", r"©\s*(?!(?:19|20)\d\d)\S.*", max_len=400),
    # "Sergey Lavrov speaks in Moscow. © Sputnik / Alexei Nikolsky"
    _rule("caption_trailing_credit", "photo_caption", r".{1,300}?\s©\s*[^\s©\d].{0,80}"),
    # "This file photo shows the site of the incident. (Photo by AFP)"
    _rule(
        "caption_parenthesised_credit",
        "photo_caption",
        r".{1,300}?\s\((?i:photo|image|picture|photograph|file photo)\s+"
        r"(?i:by|via|credit|courtesy of)\s*:?\s*[^()]{1,60}\)\.?",
        max_len=400,
    ),
    _rule(
        "caption_label",
        "photo_caption",
        r"(?i:photo|photos|image|images|picture|photograph|photo credit|image credit"
        r"|image source|credit|credits|pictured|caption|file photo|featured image|top image"
        r"|header image)\s*:\s*\S.*",
        max_len=400,
    ),
    # "Image copyright PA", "Image caption A fallen tree blocked a road"
    _rule(
        "caption_label_bare",
        "photo_caption",
        r"(?i:image copyright|image caption|image source|photo credit|picture credit)\s+\S.*",
        max_len=300,
    ),
    _rule(
        "caption_photo_by",
        "photo_caption",
        r"\(?(?i:photo|image|picture|photograph)\s+(?i:by|via|courtesy of|courtesy)\s*:?\s+"
        r"[^()]{1,100}\)?"
        # Global Research's credit: "Featured image is from RT"
        r"|(?i:featured image|top image|header image)\s+(?i:is\s+|was\s+)?(?i:from|by|via)\s+"
        r".{1,140}",
        max_len=160,
    ),
    # "Reuters / John Doe", "RICARDO ARDUENGO/AFP/Getty Images", "[Leah Millis/ Reuters]"
    _rule(
        "caption_agency_credit",
        "photo_caption",
        rf"[\[(]?(?=[^\r\n]*\b{_AGENCY}\b){_SLASH_PART}(?:/\s*{_SLASH_PART}){{1,3}}[\])]?",
        max_len=120,
    ),
)

READ_MORE_RULES = (
    # "READ MORE: ...", "Related", "LISTEN MORE:", "See also: ..."
    _rule(
        "read_more_label",
        "read_more",
        r"(?i:read more|listen more|watch more|see more|read also|also read|also see|see also"
        r"|related|related articles?|related stories|related posts|related coverage"
        r"|related content|related reading|more on this(?: story| topic)?|more from|recommended"
        r"|you may also like|read next|more:)\s*(?:[:»›>|–—►▶→-].*|[.…]*)"
        # "Read more at The Guardian"
        rf"|(?i:read more|read the rest|continue reading)\s+(?i:at|on)\s+{_OUTLET}\s*[.…]*",
    ),
    _rule(
        "read_more_whole_article",
        "read_more",
        r"(?i:read the (?:whole|full|rest of the|entire|original|complete) "
        r"(?:article|story|report|piece|post|interview))\b.{0,100}",
        max_len=150,
    ),
    _rule(
        "read_more_continue",
        "read_more",
        r"(?i:continue reading|keep reading)\b.{0,100}",
        max_len=150,
    ),
)

FOOTER_RULES = (
    _rule(
        "footer_membership",
        "footer",
        r"(?i:become an? (?:member|patron|supporter|subscriber|sustaining member))\b"
        rf"(?:\s+(?i:of)\s+(?P<own_outlet>{_OUTLET})\s*[.!]?|.*)",
        outlet_rank=3,
    ),
    _rule(
        "footer_comment",
        "footer",
        rf"(?i:comment on)\s+(?P<own_outlet>{_OUTLET})\s+(?i:articles)\s+(?i:on our)\b.{{0,60}}"
        r"|(?i:comment on\b.{0,80}\b(?:facebook|twitter)\b.*"
        r"|leave a (?:comment|reply)|comments? (?:are|is) closed|join the discussion|view comments"
        r"|you must be logged in to post a comment"
        r"|show comments)\b.{0,60}",
        outlet_rank=3,
    ),
    _rule(
        "footer_support",
        "footer",
        r"(?i:support (?:us|our work|independent (?:media|journalism)|global research"
        r"|this (?:site|website|blog))|please support|donate (?:now|today|to us)"
        r"|(?:please )?consider (?:making a donation|donating|a donation))\b.*"
        # "SUPPORT OFFGUARDIAN", "Donate securely with PayPal"
        r"|(?i:support)\s+[\w.'’-]+(?:\s+[\w.'’-]+)?\s*[!.]?"
        r"|(?i:donate)(?:\s+(?i:now|today|securely|here|online)\b.{0,60})?\s*[!.]?"
        # "If you enjoy our content, please help us make our fund-raising goal."
        r"|(?i:if you (?:enjoy|enjoyed|like|liked|value|appreciate|appreciated|found|support))\b"
        r".{0,200}?\b(?i:donat\w*|fund-?rais\w*|support us|help us|subscrib\w*|patreon|paypal)\b.*"
        r"|(?i:(?:for )?(?:other )?ways to (?:donate|support us|give))\b.*",
    ),
    _rule(
        "footer_follow",
        "footer",
        r"(?i:(?:visit and |please )?(?:follow|like|find) us (?:on|at))\b.*"
        # "You can follow Jim Hale on Twitter here."
        rf"|(?i:you can|please|be sure to)\s+(?i:follow|like|find)\s+.{{1,60}}?\s(?i:on|at)\s+"
        rf"(?:{_NETWORK})\b.{{0,80}}",
        max_len=200,
    ),
    _rule(
        "footer_subscribe",
        "footer",
        r"(?i:subscribe (?:to our|now|today|for free)|sign up (?:for|to) (?:our|the|receive)"
        r"|get (?:our|the) (?:free )?newsletter|click here to (?:subscribe|sign up|donate))\b.*",
        max_len=200,
    ),
    _rule(
        "footer_share",
        "footer",
        r"(?i:share this (?:article|story|post|page)|click the share button|spread the word"
        r"|(?:click to )?share (?:on|via) "
        r"(?:facebook|twitter|telegram|whatsapp|reddit|linkedin|email)"
        r"|you can share this (?:story|article) on social media"
        r"|like this story\?\s*share it with a friend"
        r"|think your friends would be interested\?\s*share this story)\b.*"
        r"|(?i:share(?: this)?)\s*[:!]?",
        max_len=200,
    ),
    # "Follow RT on Telegram", "Follow Global Research on Twitter at @CRG_CRM"
    _rule(
        "footer_follow_outlet",
        "footer",
        rf"(?i:follow)\s+(?P<own_outlet>{_OUTLET})\s+(?i:on)\s+(?:{_NETWORK})\b.{{0,80}}",
        max_len=160,
        outlet_rank=3,
    ),
    # "Associated Press writer Jane Doe in Moscow contributed to this report."
    _rule(
        "footer_contributed",
        "footer",
        r".{0,150}\s(?i:contributed to this (?:report|story|article))\.?",
        max_len=200,
    ),
    # What a page prints between paragraphs, copied with them.
    _rule(
        "footer_advertisement",
        "footer",
        r"(?:(?i:take our poll)\s*[-–—]\s*)?"
        r"(?i:advertisements?|sponsored(?: content)?|story continues below(?: advertisement)?"
        r"|scroll to continue(?: reading| with content)?|continue reading below)\s*[.:]?",
        max_len=60,
    ),
    # A row of share buttons copied as text: "Facebook Twitter Email", "Share | Tweet | Print"
    _rule(
        "footer_share_buttons",
        "footer",
        rf"(?:(?:{_NETWORK}|Share|Tweet|Email|E-mail|Print|WhatsApp|Reddit|LinkedIn|Pinterest"
        r"|Flipboard|Comments|Google\+|Copy link|Get short URL|Print this article"
        r"|Email this article"
        r"|Print Friendly, PDF & Email)\s*[|·•,]?\s*)+",
        max_len=200,
    ),
    # Global Research: "Note to readers: please click the share buttons ...", and its print
    # view's "Url of this article: https://www.globalresearch.ca/..."
    _rule(
        "footer_note_to_readers",
        "footer",
        r"(?i:note to readers)\s*:.*|(?i:url of this article)\s*:\s*\S+",
        max_len=600,
    ),
    # A paywall's appeal: "Support our journalism ...", "Already a subscriber?"
    _rule(
        "footer_paywall",
        "footer",
        r"(?i:support our journalism|please consider subscribing|get full access to"
        r"|already a subscriber|your support makes our work possible)\b.{0,160}",
        max_len=200,
    ),
    # Reuters: "3 Min Read", "All quotes delayed a minimum of 15 minutes."
    _rule(
        "footer_reading_time",
        "footer",
        r"\d{1,3}\s+(?i:min(?:ute)?s?)\s+(?i:read)|(?i:all quotes delayed a minimum of)\b.{0,80}",
        max_len=120,
    ),
    # An author's note closing the article: "Jane Doe is a reporter for Breitbart News.",
    # "Kington is a special correspondent."
    _rule(
        "footer_author_note",
        "footer",
        rf"{_NAMES}\s+(?i:is|was)\s+an?\s+{_ROLE}"
        rf"(?:\s+(?i:for|at|with)\s+(?P<own_outlet>{_OUTLET}))?"
        # "... based in Vienna. She has written for several newspapers."
        rf"(?:\s+(?i:based|living)\s+in\s+{_TITLE_WORDS})?"
        r"(?:\s*\.\s+(?:He|She|They|His|Her|Their)\s[^.]{1,160})*\s*\.?",
        max_len=400,
        outlet_rank=2,
    ),
    # "Republish our stories! MintPress News is licensed under a Creative Commons ... License."
    _rule(
        "footer_licence",
        "footer",
        r"(?:(?i:republish our stories)\s*!?\s*)?"
        rf"(?:(?:(?P<own_outlet>{_OUTLET})|(?i:our work|our content|this (?:article|work|story)))"
        r"\s+(?i:is|are)\s+)?"
        r"(?i:licensed under (?:a |the )?creative commons)\b.*",
        max_len=400,
        outlet_rank=2,
    ),
    # What a site says of itself: "Press TV’s website can also be accessed at the following
    # alternate addresses:", "X website contains only a portion of the news stories offered to
    # subscribers"
    _rule(
        "footer_about_site",
        "footer",
        rf"(?P<own_outlet>{_OUTLET})(?<!['’]s)(?:['’]s)?\s+(?i:website|site)\s+"
        r"(?i:can also be accessed at|contains only|is available at)\b.*",
        max_len=600,
        outlet_rank=2,
    ),
    # "All content created by the X, an independent newswire, is available without charge ..."
    _rule(
        "footer_syndication",
        "footer",
        rf"(?i:all content (?:created|produced|published) by)\s+(?:the\s+)?"
        rf"(?P<own_outlet>{_OUTLET})\b.*",
        max_len=600,
        outlet_rank=2,
    ),
    # The furniture of a reader poll that some sites put inside their articles: form labels
    # ("Email *"), the validation note, the terms ("Completing this poll grants you access to
    # Freedom Outpost updates free of charge."), and the question printed twice.
    _rule(
        "footer_poll",
        "footer",
        r"(?:Email|Name|Phone|Comments?|Website)\s*\*"
        r"|(?:\w+\s+)?(?i:this field is for validation purposes and should be left unchanged)\.?"
        r"|(?i:completing this poll (?:grants you access to|entitles you to))\b.{1,80}"
        r"|(?i:you may opt out at any ?time)\.?"
        r"|(?i:you also agree to this site['’]s privacy policy and terms of use)\.?"
        r"|(?P<question>[^?\n]{10,200}\?)\s*(?P=question)",
        max_len=420,
    ),
    # "For media inquiries: publications@globalresearch.ca"
    _rule(
        "footer_media_inquiries",
        "footer",
        r"(?i:for\s+)?(?i:media|press)\s+(?i:inquiries|enquiries|contacts?)\s*:.*",
        max_len=200,
    ),
    _rule(
        "footer_social_link",
        "footer",
        rf"(?:{_NETWORK}|Website|Email|E-mail)\s*:\s*(?:https?://\S+|@\w+|\S+@\S+)",
        max_len=200,
    ),
    _rule(
        "footer_trust_principles",
        "footer",
        r"Our Standards:\s*The Thomson (?P<own_outlet>Reuters) Trust Principles\.?",
        outlet_rank=2,
    ),
    # Links to the outlet's own pages: "Send us your feedback.", "Submit Correction"
    _rule(
        "footer_page_links",
        "footer",
        r"(?i:send us your feedback|submit (?:a )?correction|suggest a correction"
        r"|request (?:a )?reprint(?: & licensing)?|view editorial guidelines"
        r"|report an? (?:error|typo))\s*[.!]?",
        max_len=60,
    ),
    # "Enditem", "(END)", "-30-": the mark of a wire story's end.
    _rule("footer_end_mark", "footer", r"(?i:enditem|end item)|\(?END\)?|-30-", max_len=12),
    # "CLICK HERE TO GET THE APP", "Click here to read more"
    _rule("footer_click_here", "footer", r"(?i:click here)\b.{0,100}", max_len=120),
    # LewRockwell.com closes with "The Best of <Author>".
    _rule(
        "footer_best_of",
        "footer",
        rf"The Best of [{_UPPER}][\w.'’-]*(?:\s+[{_UPPER}][\w.'’-]*){{0,3}}",
        max_len=80,
    ),
)

# What a copyright line prints around the holder's name: "© 2018 The Outlet. All rights reserved."
HOLDER_NOISE = re.compile(r"(?i:all rights reserved)|(?:19|20)\d\d|©|\([cC]\)|(?i:^by\s+)")

# Generic, so tried last: a row of share buttons is a footer first.
MENU_RULES = (
    # A menu on one line: "Home | World | Politics | Business", "News · Opinion · Video", and
    # a section's place in it: "News|Politics"
    _rule("header_menu_row", "header", rf"{_MENU_ITEM}(?:\s*[|·•]\s*{_MENU_ITEM})+", max_len=200),
)

# Order matters only where two rules could claim one line: a dateline before a byline ("By May
# 12, 2018" is no name), disclaimers before "Source:"-like headers, captions after copyright.
LINE_RULES: tuple[LineRule, ...] = (
    *HEADER_RULES,
    *DATELINE_RULES,
    *BYLINE_RULES,
    *DISCLAIMER_RULES,
    *COPYRIGHT_RULES,
    *CAPTION_RULES,
    *READ_MORE_RULES,
    *FOOTER_RULES,
    *MENU_RULES,
)
