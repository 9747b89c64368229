from typing import Any


class NotFound(Exception):
    """The record does not exist, or the caller may not know that it exists."""


class PermissionDenied(Exception):
    """The caller may see the record but may not do this to it."""


class ValidationFailed(Exception):
    """Input broke a rule; `errors` maps each field path to its messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{field}: {', '.join(messages)}" for field, messages in errors.items()))
        self.errors = errors


class ConcurrentUpdate(Exception):
    """Someone saved the record after the version the caller edited, and the two edits conflict.

    `detail` (a `core.versions.MergeDetail`), when the versions could be compared, holds the version the
    caller started from, the saved one, the caller's edit, their merge and the conflicts to decide.
    """

    def __init__(self, *, expected: int, current: int, detail: Any = None) -> None:
        super().__init__(f"the record is at version {current}, not {expected}: someone saved it first")
        self.expected = expected
        self.current = current
        self.detail = detail
