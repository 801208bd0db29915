"""Session: one conversation with an engine's bot."""
from __future__ import annotations

import json
import threading
from ctypes import byref, c_void_p
from typing import Any, Mapping, Union

from ._errors import check
from ._handle import Handle
from ._lib import lib
from ._util import Options, Text, json_bytes, options, text_bytes
from .engine import Engine

State = Union[Mapping[str, Any], str, bytes, None]


class Session(Handle):
    """One conversation: the forms in progress, what was said, the sentiment
    trend. kefu.h allows one thread at a time per session; calls here are
    serialized by a lock, so sharing one is safe (different sessions run in
    parallel). Closing the engine closes its sessions."""

    _kind = "session"

    def __init__(self, engine: Engine, state: State = None) -> None:
        """Starts fresh, or restores `state` (Session.save() output)."""
        self._turn_lock = threading.Lock()
        s = json_bytes(state) if state is not None else None
        out = c_void_p()
        h = engine._acquire()
        try:
            check(lib.kefu_session_new(h, s, len(s or b""), byref(out)))
            super().__init__(out.value, lib.kefu_session_free)
            engine._sessions.add(self)
        finally:
            engine._release()
        self.engine = engine  # keeps the engine alive while the session is

    @classmethod
    def restore(cls, engine: Engine, state: State) -> "Session":
        """A session continued from saved state, possibly in another process."""
        return cls(engine, state)

    def turn(self, text: Text, context: Options = None, **kw: Any) -> dict:
        """One customer message in, the bot's move out: {"turn", "action",
        "reply", "intent", "form", "slots", "missing", "kb", "fulfill",
        "fallback", "cancelled", "sentiment", "handoff", "closed"}. Context:
        reference_time, utc_offset_minutes, channel, customer_id, data."""
        b = text_bytes(text)
        with self._turn_lock:
            return json.loads(self._bytes(lib.kefu_session_turn, b, len(b),
                                          options(context, kw)))

    def save(self) -> str:
        """The state as JSON text, to restore with Session.restore."""
        with self._turn_lock:
            return self._bytes(lib.kefu_session_save).decode()


__all__ = ["Session", "State"]
