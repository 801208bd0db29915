"""Base class of every object that owns a kefu handle.

Calls register themselves as users of the handle, and close() waits until
in-flight calls on other threads have returned before freeing it: kefu.h
forbids freeing a handle another thread still uses, and a Python program
should get an exception, never a crash.
"""
from __future__ import annotations

import threading
from typing import Any, Callable, Optional

from ._errors import ERR_STATE, KefuError, check
from ._util import call_bytes, call_json, call_sized


class Handle:
    _kind = "handle"

    def __init__(self, ptr: Optional[int], free: Callable[[Any], None]) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._users = 0
        self._free = free
        self._ptr = ptr

    @property
    def closed(self) -> bool:
        """True once close() was called."""
        return self._ptr is None

    def _acquire(self) -> int:
        with self._cond:
            if self._ptr is None:
                raise KefuError(ERR_STATE, f"KEFU_ERR_STATE: the {self._kind} is closed",
                                "KEFU_ERR_STATE")
            self._users += 1
            return self._ptr

    def _release(self) -> None:
        with self._cond:
            self._users -= 1
            if self._users == 0:
                self._cond.notify_all()

    def _with(self, how: Callable[..., Any], fn: Any, *args: Any) -> Any:
        """Runs how(fn, handle, *args) while holding a use of the handle."""
        h = self._acquire()
        try:
            return how(fn, h, *args)
        finally:
            self._release()

    def _call(self, fn: Any, *args: Any) -> None:
        self._with(lambda f, *a: check(f(*a)), fn, *args)

    def _json(self, fn: Any, *args: Any) -> Any:
        return self._with(call_json, fn, *args)

    def _bytes(self, fn: Any, *args: Any) -> bytes:
        return self._with(call_bytes, fn, *args)

    def _sized(self, fn: Any, *args: Any) -> bytes:
        return self._with(call_sized, fn, *args)

    def _before_free(self) -> None:
        """Hook: close what depends on this handle (an engine's sessions)."""

    def close(self) -> None:
        """Frees the native object. Idempotent; waits for calls in flight on
        other threads; later calls raise KefuError (KEFU_ERR_STATE)."""
        cond = getattr(self, "_cond", None)
        if cond is None:  # __init__ never ran to the end
            return
        with cond:
            ptr, self._ptr = self._ptr, None
            if ptr is None:
                return
            while self._users:
                cond.wait()
        self._before_free()
        self._free(ptr)

    def __enter__(self):
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown: the library may be gone
            pass

    def __repr__(self) -> str:
        state = "closed" if self.closed else "open"
        return f"<kefu.{type(self).__name__} {state}>"
