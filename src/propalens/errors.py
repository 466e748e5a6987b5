"""Errors raised on bad input.  Each names the input it is about, so a batch can list failures."""

from __future__ import annotations


class InputError(ValueError):
    """An input that cannot be analysed: empty, binary, undecodable, too large, unreachable."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
