"""Customer profiles: events per customer, identities merged across phone,
member id, account..., and tags derived by rules. Internally synchronized."""
from __future__ import annotations

from ctypes import byref, c_void_p
from typing import Any, Mapping, Optional, Union

from ._errors import ERR_NOT_FOUND, ERR_UNSUPPORTED, KefuError, check
from ._handle import Handle
from ._lib import lib
from ._util import Options, cstr, json_bytes, options

Event = Union[Mapping[str, Any], str, bytes]


class Profiles(Handle):
    """A profile store, in memory or durable in directory `dir`. Options:
    rules=[...] replacing the default tag set, routing={...} replacing the
    default routes."""

    _kind = "profile store"

    def __init__(self, dir: Optional[str] = None, options: Options = None, **kw: Any) -> None:
        if not hasattr(lib, "kefu_profiles_open"):
            raise KefuError(ERR_UNSUPPORTED, "KEFU_ERR_UNSUPPORTED: this libkefu has no profiles",
                            "KEFU_ERR_UNSUPPORTED")
        out = c_void_p()
        check(lib.kefu_profiles_open(cstr(dir) if dir is not None else None, _opts(options, kw), byref(out)))
        super().__init__(out.value, lib.kefu_profiles_close)

    def record(self, event: Event) -> dict:
        """Records one event {"customer": {...}, "type", "time", "channel",
        "attributes"}; returns {"customer", "seq", "merged", "tags"}."""
        b = json_bytes(event)
        return self._json(lib.kefu_profiles_record, b, len(b))

    def link(self, a: str, b: str) -> dict:
        """States that two identifiers ("phone:138…", "member_id:M1") are one
        person."""
        return self._json(lib.kefu_profiles_link, cstr(a), cstr(b))

    def get(self, identifier: str, options: Options = None, **kw: Any) -> Optional[dict]:
        """The profile behind an identifier (tags as of as_of=...), or None
        for an identifier never seen."""
        try:
            return self._json(lib.kefu_profiles_get, cstr(identifier), _opts(options, kw))
        except KefuError as e:
            if e.status == ERR_NOT_FOUND:
                return None
            raise

    def record_turn(self, customer: Mapping[str, str], turn: Event, context: Options = None, **kw: Any) -> list:
        """Records a Session.turn result as the customer's events (a turn,
        and a handoff when it handed off). context: time=..., channel=..."""
        b = json_bytes(turn)
        return self._json(lib.kefu_profiles_record_turn, json_bytes(customer), b, len(b), _opts(context, kw))

    def route(self, identifier: Optional[str], turn: Event) -> dict:
        """Where a contact should go: {"route", "queue", "channel", "priority",
        "urgent", "reasons", "tags"} from the turn and the customer's tags."""
        b = json_bytes(turn)
        return self._json(lib.kefu_profiles_route, cstr(identifier) if identifier else None, b, len(b))

    def with_tag(self, tag: str, limit: int = 100) -> list:
        """Customers carrying `tag`: [{"customer", "identifiers"}]."""
        return self._json(lib.kefu_profiles_with_tag, cstr(tag), limit)


def _opts(opts: Options, kw: dict) -> bytes | None:
    return options(opts, kw)


__all__ = ["Profiles"]
