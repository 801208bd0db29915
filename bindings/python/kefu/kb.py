"""A knowledge base of FAQ entries: stored in a directory (durable, crash
safe) or in memory. Internally synchronized: any number of threads may search
while others change it."""
from __future__ import annotations

import json
import os
from ctypes import byref, c_void_p
from typing import Any, Iterable, Mapping, Optional, Union

from ._errors import ERR_NOT_FOUND, ERR_STATE, OK, KefuError, check
from ._handle import Handle
from ._lib import lib
from ._util import Options, Text, cstr, error, json_bytes, options, take, text_bytes

Entry = Union[Mapping[str, Any], str, bytes]
Lines = Union[str, bytes, Iterable[Mapping[str, Any]]]


def _jsonl(lines: Lines) -> bytes:
    if isinstance(lines, (str, bytes)):
        return text_bytes(lines)
    return b"".join(json_bytes(e) + b"\n" for e in lines)


class KnowledgeBase(Handle):
    """FAQ entries {"id", "question", "similar", "answer", "category", "tags",
    "enabled"} found by any of their questions.

    KnowledgeBase("faq.kb") opens (or creates) a store in that directory;
    KnowledgeBase() is in memory. Options: max_entry_bytes, max_questions,
    synonyms=[["退款", "退钱"], ...]."""

    _kind = "knowledge base"

    def __init__(self, path: Union[str, os.PathLike, None] = None, options: Options = None,
                 **kw: Any) -> None:
        d = cstr(os.fsencode(path)) if path is not None else None
        out = c_void_p()
        check(lib.kefu_kb_open(d, _opts(options, kw), byref(out)))
        super().__init__(out.value, lib.kefu_kb_close)

    def upsert(self, entry: Entry) -> None:
        """Adds the entry, or replaces the one with the same id."""
        b = json_bytes(entry)
        self._call(lib.kefu_kb_upsert, b, len(b))

    def delete(self, id: str) -> None:
        """Removes the entry; KefuError (KEFU_ERR_NOT_FOUND) when absent."""
        self._call(lib.kefu_kb_delete, cstr(id))

    def get(self, id: str) -> Optional[dict]:
        """The entry with this id (all fields), or None when there is none."""
        try:
            return self._json(lib.kefu_kb_get, cstr(id))
        except KefuError as e:
            if e.status == ERR_NOT_FOUND:
                return None
            raise

    def search(self, query: Text, options: Options = None, **kw: Any) -> dict:
        """{"query", "answered", "results": [{"id", "question",
        "matched_question", "answer", "category", "tags", "score",
        "confidence"}]} best first. Options: top_k, category, tags."""
        b = text_bytes(query)
        return self._json(lib.kefu_kb_search, b, len(b), _opts(options, kw))

    def import_jsonl(self, lines: Lines, on_error: Optional[str] = None) -> dict:
        """Upserts JSONL entries (text, or an iterable of dicts) in one durable
        step. on_error="skip" imports the good lines. Returns {"imported",
        "errors"}; with "abort" (default) a bad line raises KefuError whose
        .report holds the same report."""
        b = _jsonl(lines)
        opts = options(None, {"on_error": on_error} if on_error else None)
        h = self._acquire()
        try:
            out = c_void_p()
            status = lib.kefu_kb_import(h, b, len(b), opts, byref(out))
            err = error(status) if status != OK else None
            report = json.loads(take(out) or b"null")
        finally:
            self._release()
        if err is not None:
            err.report = report
            raise err
        return report

    def export_jsonl(self) -> str:
        """Every entry as JSONL ordered by id; re-imports as the same KB."""
        return self._sized(lib.kefu_kb_export).decode()

    def entries(self) -> list[dict]:
        """Every entry, ordered by id."""
        return [json.loads(line) for line in self.export_jsonl().splitlines() if line]

    def set_synonyms(self, groups: Iterable[Iterable[str]]) -> None:
        """Replaces the synonym groups, e.g. [["退款", "退钱", "refund"]]."""
        b = json_bytes([list(g) for g in groups])
        self._call(lib.kefu_kb_set_synonyms, b, len(b))

    def compact(self) -> None:
        """Folds the log into a new snapshot now (a no-op in memory)."""
        self._call(lib.kefu_kb_compact)

    def stats(self) -> dict:
        """{"entries", "enabled", "questions", "synonym_groups", "threshold",
        "store": {...} | None}."""
        return self._json(lib.kefu_kb_stats)

    def __len__(self) -> int:
        return int(self.stats()["entries"])

    def __contains__(self, id: object) -> bool:
        return isinstance(id, str) and self.get(id) is not None


class EngineKnowledgeBase(KnowledgeBase):
    """An engine's own knowledge base (the bot's "faq"): read-only, valid
    while the engine is open."""

    _kind = "engine knowledge base"

    def __init__(self, engine: Any) -> None:  # noqa: super().__init__ not called on purpose
        Handle.__init__(self, None, lambda ptr: None)
        self._engine = engine

    @property
    def closed(self) -> bool:
        return self._engine.closed

    def _acquire(self) -> int:
        return lib.kefu_engine_kb(self._engine._acquire())

    def _release(self) -> None:
        self._engine._release()

    def close(self) -> None:
        """Nothing to free: the engine owns this knowledge base."""

    def _read_only(self, *args: Any, **kw: Any) -> None:
        raise KefuError(ERR_STATE, "KEFU_ERR_STATE: the engine's knowledge base is read-only",
                        "KEFU_ERR_STATE")

    upsert = delete = import_jsonl = set_synonyms = compact = _read_only  # type: ignore


def _opts(opts: Options, kw: dict) -> bytes | None:
    return options(opts, kw)


__all__ = ["KnowledgeBase", "EngineKnowledgeBase"]
