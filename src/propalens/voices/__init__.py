"""Quotations and speakers: which words an article reports from someone else, and whose.

`find_quotes` finds direct quotes, tweet embeds and indirect speech with their speakers;
`assign_voices` marks each technique span as the outlet's own voice or a quoted one;
`voice_shares` says how much of an article's technique use is in each voice.
"""

from propalens.voices.assign import assign_voices, voice_shares
from propalens.voices.quotes import find_quotes

__all__ = ["assign_voices", "find_quotes", "voice_shares"]
