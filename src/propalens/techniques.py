"""The 14 technique classes of the PTC corpus (SemEval-2020 Task 11), with one-line definitions.

The names are the corpus labels verbatim, because the SemEval scorers and every PTC label
file use them; the definitions follow Da San Martino et al. (EMNLP 2019) and are what the
terminal and HTML views show next to a highlight.
"""

from __future__ import annotations

from typing import Final

DEFINITIONS: Final[dict[str, str]] = {
    "Loaded_Language": (
        "Words or phrases with strong emotional implications, meant to sway the reader."
    ),
    "Name_Calling,Labeling": (
        "Labelling the target as something the audience fears, hates or loves."
    ),
    "Repetition": "Repeating the same message over and over so that the audience accepts it.",
    "Doubt": "Questioning the credibility of someone or something.",
    "Exaggeration,Minimisation": (
        "Representing something as much larger or smaller than it really is."
    ),
    "Appeal_to_fear-prejudice": "Building support for an idea by stoking anxiety or prejudice.",
    "Flag-Waving": "Playing on strong national or group feeling to justify an idea or action.",
    "Causal_Oversimplification": "Assuming a single cause or reason when there are several.",
    "Appeal_to_Authority": "Claiming that something is true because an authority says so.",
    "Slogans": "A brief, striking phrase that may include labelling and stereotyping.",
    "Black-and-White_Fallacy": "Presenting two alternatives as the only possibilities.",
    "Thought-terminating_Cliches": (
        "Words or phrases that discourage critical thought and discussion."
    ),
    "Whataboutism,Straw_Men,Red_Herring": (
        "Deflecting criticism by charging hypocrisy, refuting a distorted version of the "
        "opponent's position, or introducing an irrelevant topic."
    ),
    "Bandwagon,Reductio_ad_hitlerum": (
        "Urging the audience to join because everyone else does, or rejecting an idea "
        "because a hated group holds it."
    ),
}

TECHNIQUES: Final[tuple[str, ...]] = tuple(DEFINITIONS)
