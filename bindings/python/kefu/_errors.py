"""KefuError and the status check every wrapped call goes through."""
from __future__ import annotations

from ._lib import lib


class KefuError(Exception):
    """A kefu call failed.

    Attributes:
        status: the numeric kefu_status (e.g. 2).
        name: its constant name (e.g. "KEFU_ERR_INVALID_UTF8").
        message: kefu_last_error() as given: the status name, what was
            wrong and where ("KEFU_ERR_INVALID_UTF8: invalid UTF-8 at byte
            offset 0").
    """

    def __init__(self, status: int, message: str, name: str | None = None) -> None:
        self.status = status
        self.name = name or lib.kefu_status_name(status).decode()
        self.message = message
        shown = message if message.startswith(self.name) else f"{self.name}: {message}"
        super().__init__(shown)


# Status codes of kefu.h, for comparing with KefuError.status.
OK = 0
ERR_INVALID_ARGUMENT = 1
ERR_INVALID_UTF8 = 2
ERR_TOO_LARGE = 3
ERR_INVALID_OPTIONS = 4
ERR_INVALID_DATA = 5
ERR_IO = 6
ERR_CORRUPT = 7
ERR_UNSUPPORTED = 8
ERR_NOT_FOUND = 9
ERR_OUT_OF_MEMORY = 10
ERR_INTERNAL = 11
ERR_BUSY = 12
ERR_STATE = 13


def check(status: int) -> None:
    """Raises KefuError for a failed status. Must run on the thread that made
    the call: kefu_last_error() is thread-local."""
    if status != OK:
        raise KefuError(status, lib.kefu_last_error().decode("utf-8", "replace"))
