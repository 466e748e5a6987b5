"""Why an input gave no analysis.  Each error names the input it is about, so a run can list
its failures and go on."""

from __future__ import annotations


class ArticleError(Exception):
    """One input that gave no analysis, and why: the base of the two kinds below."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class InputError(ArticleError, ValueError):
    """An input that cannot be analysed: empty, binary, undecodable, too large, unreachable."""


class InternalError(ArticleError):
    """An input that propalens failed on for a reason of its own: an unexpected exception (a
    bug) or a worker process that died.  It is listed like an `InputError`, but front ends
    count it apart (exit code 1, not 2), so that a bug is never taken for bad input."""

    @classmethod
    def from_exception(cls, source: str, error: BaseException) -> InternalError:
        return cls(source, f"internal error ({type(error).__name__}: {error})")
