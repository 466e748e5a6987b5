"""Line rules and link remnants: which parts of a scraped page are not article body.

The whole-line rules are language data (`LanguagePack.line_rules`); `classify_line` applies them
in order.  Link remnants (parenthesised and bare URLs) look the same in every language and are
found inside lines; Markdown links are markup (`markup.py`), blank by the time these are looked
for.
"""

from __future__ import annotations

import re

from propalens.lang import LanguagePack
from propalens.lang.pack import LineRule


def classify_line(
    line: str,
    lang: LanguagePack,
    after: LineRule | None = None,
    in_head: bool = False,
    before: LineRule | None = None,
) -> tuple[LineRule, re.Match[str]] | None:
    """The first of `lang`'s rules matching the trimmed `line`, with its match; None for body.

    `after` is the rule that matched the line before (blank lines aside), if any: rules that
    apply only after another (`LineRule.after`) are tried only then, rules that apply only before
    another (`LineRule.before`) only where `before`, the rule of the next line, is one, and rules
    of the page's head (`LineRule.head_only`) only where `in_head`.

    The line is matched with each run of whitespace read as one space, so that a pattern
    written for "licensed under a Creative Commons" also reads the line where blanked link
    syntax left "licensed under a  Creative Commons"; cleaning reads a match's values, never
    its positions.
    """
    collapsed = " ".join(line.split())
    for rule in lang.line_rules:
        if rule.after and (after is None or after.name not in rule.after):
            continue
        if rule.head_only and not in_head:
            continue
        if rule.before and (before is None or before.name not in rule.before):
            continue
        match = rule.match(collapsed)
        if match:
            return rule, match
    return None


# Inline link remnants, each an alternative of one pattern so that matches never overlap.
_URL_CHARS = r"[^\s()<>\"“”\[\]]"
PARENTHESISED_URL = rf"(?P<paren_url>\(\s*(?:https?://|www\.){_URL_CHARS}+\s*\))"
BARE_URL = rf"(?P<bare_url>(?:https?://|www\.|pic\.twitter\.com/){_URL_CHARS}+)"
LINK_REMNANT = re.compile(f"{PARENTHESISED_URL}|{BARE_URL}")
# A bare URL stops before punctuation that ends the sentence around it.
URL_TRAILING_PUNCTUATION = ".,;:!?'’)]}…"
