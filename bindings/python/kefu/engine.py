"""Engine: everything trained from one bot definition, immutable once built.
One engine may be used by any number of threads at once."""
from __future__ import annotations

import os
import weakref
from ctypes import byref, c_int, c_size_t, c_void_p
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Union

from ._errors import check
from ._handle import Handle
from ._lib import IntentScore, lib
from ._util import Options, Text, cstr, json_bytes, options, text_bytes
from .kb import EngineKnowledgeBase

if TYPE_CHECKING:
    from .session import Session, State

Bot = Union[Mapping[str, Any], str, bytes]
Lines = Union[str, bytes, Iterable[Mapping[str, Any]], None]
PathLike = Union[str, os.PathLike]


def _jsonl(lines: Lines) -> bytes | None:
    if lines is None or isinstance(lines, (str, bytes)):
        return None if lines is None else text_bytes(lines)
    return b"".join(json_bytes(e) + b"\n" for e in lines)


class Engine(Handle):
    """A trained bot. Build one with Engine.train (a bot definition),
    Engine.train_jsonl (intent data), Engine.open (a model file) or
    Engine.from_bytes; use it as a context manager or close() it."""

    _kind = "engine"

    def __init__(self, ptr: int) -> None:
        """Internal: wraps a kefu_engine*. Use the class methods instead."""
        super().__init__(ptr, lib.kefu_engine_close)
        self._sessions: weakref.WeakSet = weakref.WeakSet()

    @classmethod
    def train(cls, bot: Bot, options: Options = None, **kw: Any) -> "Engine":
        """Trains from a bot definition (a dict, or its JSON text). Options:
        epochs, learning_rate, seed, threshold, ... (see kefu.h)."""
        b = json_bytes(bot)
        out = c_void_p()
        check(lib.kefu_engine_train(b, len(b), _opts(options, kw), byref(out)))
        return cls(out.value)

    @classmethod
    def train_jsonl(cls, train: Lines, dev: Lines = None, options: Options = None,
                    **kw: Any) -> "Engine":
        """Trains the intent classifier from JSONL {"text", "intent"} lines
        (text, or an iterable of dicts); `dev` calibrates when given."""
        t, d = _jsonl(train) or b"", _jsonl(dev)
        out = c_void_p()
        check(lib.kefu_engine_train_jsonl(t, len(t), d, len(d or b""), _opts(options, kw),
                                          byref(out)))
        return cls(out.value)

    @classmethod
    def open(cls, path: PathLike) -> "Engine":
        """Loads a model file written by save()."""
        out = c_void_p()
        check(lib.kefu_engine_open(cstr(os.fsencode(path)), None, byref(out)))
        return cls(out.value)

    @classmethod
    def from_bytes(cls, data: bytes) -> "Engine":
        """Loads a model file's bytes held in memory (see to_bytes)."""
        out = c_void_p()
        check(lib.kefu_engine_open_memory(data, len(data), None, byref(out)))
        return cls(out.value)

    def save(self, path: PathLike) -> None:
        """Writes the model file atomically."""
        self._call(lib.kefu_engine_save, cstr(os.fsencode(path)))

    def to_bytes(self) -> bytes:
        """The model file's bytes."""
        return self._sized(lib.kefu_engine_serialize)

    def info(self) -> dict:
        """{"name", "language", "intents", "out_of_scope_class",
        "out_of_scope_threshold", "temperature", "features", "warnings"}."""
        return self._json(lib.kefu_engine_info)

    def parse(self, text: Text, options: Options = None, **kw: Any) -> dict:
        """Understands one message: {"text", "intent", "out_of_scope",
        "ambiguous", "intents", "slots", "entities", "sentiment"}. Options:
        top_k, reference_time, utc_offset_minutes, mask_pii."""
        b = text_bytes(text)
        return self._json(lib.kefu_parse, b, len(b), _opts(options, kw))

    def parse_json(self, text: Text, options: Options = None, **kw: Any) -> str:
        """parse() as the JSON text kefu wrote, not decoded: for a server that
        forwards the result, it skips building Python objects."""
        b = text_bytes(text)
        return self._bytes(lib.kefu_parse, b, len(b), _opts(options, kw)).decode()

    def classify(self, text: Text, k: int = 5) -> dict:
        """Hot-path intent classification: {"intents": [{"name",
        "confidence"}, ...] best first, "out_of_scope": bool}."""
        b = text_bytes(text)
        scores = (IntentScore * max(k, 1))()
        count, oos = c_size_t(), c_int()
        h = self._acquire()
        try:
            check(lib.kefu_classify(h, b, len(b), scores, k, byref(count), byref(oos)))
            intents = [{"name": s.intent.decode(), "confidence": s.probability}
                       for s in scores[:count.value]]  # names live in the engine
        finally:
            self._release()
        return {"intents": intents, "out_of_scope": bool(oos.value)}

    @property
    def kb(self) -> EngineKnowledgeBase:
        """The bot's own knowledge base (its "faq"), read-only. It keeps the
        engine alive; the engine does not keep it (no reference cycle)."""
        return EngineKnowledgeBase(self)

    def session(self, state: "State" = None) -> "Session":
        """A new conversation, or one restored from Session.save() output."""
        from .session import Session
        return Session(self, state)

    def _before_free(self) -> None:
        for s in list(self._sessions):  # kefu.h: the engine outlives its sessions
            s.close()


def _opts(opts: Options, kw: dict) -> bytes | None:
    return options(opts, kw)


__all__ = ["Engine"]
