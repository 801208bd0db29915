"""Conversions at the boundary: text and options in, library-owned buffers out."""
from __future__ import annotations

import ctypes
import json
from ctypes import byref, c_size_t, c_void_p
from typing import Any, Mapping, Union

from ._errors import KefuError, OK
from ._lib import lib

Text = Union[str, bytes]
Options = Union[Mapping[str, Any], str, bytes, None]


def text_bytes(text: Text) -> bytes:
    """UTF-8 bytes of text. Lone surrogates pass through so that kefu itself
    reports KEFU_ERR_INVALID_UTF8 with the byte offset."""
    if isinstance(text, bytes):
        return text
    if isinstance(text, str):
        return text.encode("utf-8", "surrogatepass")
    raise TypeError(f"text must be str or bytes, not {type(text).__name__}")


def cstr(value: Text) -> bytes:
    """A NUL-terminated argument (an id; a path after os.fsencode): an
    embedded NUL would silently cut it short in C, so it is refused here."""
    b = text_bytes(value)
    if b"\0" in b:
        raise ValueError("kefu: embedded NUL character in a name or path")
    return b


def json_bytes(value: Any) -> bytes:
    """A JSON document as bytes: str/bytes are taken as JSON text already."""
    if isinstance(value, (str, bytes)):
        return text_bytes(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def options(opts: Options, extra: Mapping[str, Any] | None = None) -> bytes | None:
    """Options JSON for the C call; keyword arguments override `opts` keys."""
    if extra:
        base = dict(json.loads(opts) if isinstance(opts, (str, bytes)) else (opts or {}))
        base.update(extra)
        opts = base
    if opts is None:
        return None
    return json_bytes(opts)


def error(status: int) -> KefuError:
    return KefuError(status, lib.kefu_last_error().decode("utf-8", "replace"))


def take(out: c_void_p, size: int | None = None) -> bytes:
    """Copies a library-owned buffer into Python and frees it."""
    if not out.value:
        return b""
    try:
        return ctypes.string_at(out.value, size) if size is not None else ctypes.string_at(out.value)
    finally:
        lib.kefu_string_free(out)


def call_bytes(fn: Any, *args: Any) -> bytes:
    """Calls fn(*args, &out_json) and returns the result's bytes."""
    out = c_void_p()
    status = fn(*args, byref(out))
    if status != OK:
        err = error(status)  # read the message before any other kefu call
        lib.kefu_string_free(out)
        raise err
    return take(out)


def call_json(fn: Any, *args: Any) -> Any:
    """Calls fn(*args, &out_json) and returns the parsed JSON."""
    return json.loads(call_bytes(fn, *args))


def call_sized(fn: Any, *args: Any) -> bytes:
    """Calls fn(*args, &out_bytes, &out_len) and returns the bytes."""
    out, size = c_void_p(), c_size_t()
    status = fn(*args, byref(out), byref(size))
    if status != OK:
        err = error(status)
        lib.kefu_string_free(out)
        raise err
    return take(out, size.value)
