"""Finds libkefu and declares the C signatures of every function in kefu.h.

Search order: $KEFU_LIBRARY (a path), the copy bundled in this package
(kefu/_lib/), then the system loader (ldconfig paths, LD_LIBRARY_PATH).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
from ctypes import POINTER, c_char_p, c_float, c_int, c_size_t, c_uint32, c_void_p
from pathlib import Path

# Handles are opaque pointers; out-strings are c_void_p so that the exact
# pointer the library returned can be handed back to kefu_string_free.
_H = c_void_p
_PH = POINTER(c_void_p)
_PSIZE = POINTER(c_size_t)
_STATUS = c_int


class IntentScore(ctypes.Structure):
    _fields_ = [("intent", c_char_p), ("probability", c_float)]


class SentimentScore(ctypes.Structure):
    _fields_ = [("struct_size", c_uint32), ("score", c_float), ("label", c_int),
                ("confidence", c_float), ("emotions", c_float * 7), ("escalation", c_int)]


# name: (restype, argtypes)
_SIGNATURES = {
    "kefu_version": (c_char_p, []),
    "kefu_version_number": (c_uint32, []),
    "kefu_last_error": (c_char_p, []),
    "kefu_status_name": (c_char_p, [c_int]),
    "kefu_string_free": (None, [c_void_p]),
    "kefu_normalize": (_STATUS, [c_char_p, c_size_t, c_char_p, _PH]),
    "kefu_segmenter_new": (_STATUS, [c_char_p, _PH]),
    "kefu_segmenter_free": (None, [_H]),
    "kefu_segment": (_STATUS, [_H, c_char_p, c_size_t, _PH]),
    "kefu_subword_train": (_STATUS, [c_char_p, c_size_t, c_char_p, _PH]),
    "kefu_subword_load": (_STATUS, [c_char_p, c_size_t, _PH]),
    "kefu_subword_free": (None, [_H]),
    "kefu_subword_bytes": (_STATUS, [_H, _PH, _PSIZE]),
    "kefu_subword_encode": (_STATUS, [_H, c_char_p, c_size_t, _PH]),
    "kefu_engine_train": (_STATUS, [c_char_p, c_size_t, c_char_p, _PH]),
    "kefu_engine_train_jsonl": (_STATUS, [c_char_p, c_size_t, c_char_p, c_size_t,
                                          c_char_p, _PH]),
    "kefu_engine_open": (_STATUS, [c_char_p, c_char_p, _PH]),
    "kefu_engine_open_memory": (_STATUS, [c_char_p, c_size_t, c_char_p, _PH]),
    "kefu_engine_save": (_STATUS, [_H, c_char_p]),
    "kefu_engine_serialize": (_STATUS, [_H, _PH, _PSIZE]),
    "kefu_engine_close": (None, [_H]),
    "kefu_engine_info": (_STATUS, [_H, _PH]),
    "kefu_parse": (_STATUS, [_H, c_char_p, c_size_t, c_char_p, _PH]),
    "kefu_classify": (_STATUS, [_H, c_char_p, c_size_t, POINTER(IntentScore), c_size_t,
                                _PSIZE, POINTER(c_int)]),
    "kefu_entities": (_STATUS, [c_char_p, c_size_t, c_char_p, _PH]),
    "kefu_mask_pii": (_STATUS, [c_char_p, c_size_t, c_char_p, _PH]),
    "kefu_kb_open": (_STATUS, [c_char_p, c_char_p, _PH]),
    "kefu_kb_close": (None, [_H]),
    "kefu_kb_upsert": (_STATUS, [_H, c_char_p, c_size_t]),
    "kefu_kb_delete": (_STATUS, [_H, c_char_p]),
    "kefu_kb_get": (_STATUS, [_H, c_char_p, _PH]),
    "kefu_kb_search": (_STATUS, [_H, c_char_p, c_size_t, c_char_p, _PH]),
    "kefu_kb_import": (_STATUS, [_H, c_char_p, c_size_t, c_char_p, _PH]),
    "kefu_kb_export": (_STATUS, [_H, _PH, _PSIZE]),
    "kefu_kb_set_synonyms": (_STATUS, [_H, c_char_p, c_size_t]),
    "kefu_kb_compact": (_STATUS, [_H]),
    "kefu_kb_stats": (_STATUS, [_H, _PH]),
    "kefu_engine_kb": (c_void_p, [_H]),
    "kefu_sentiment_model_new": (_STATUS, [c_char_p, c_size_t, c_char_p, _PH]),
    "kefu_sentiment_model_free": (None, [_H]),
    "kefu_sentiment": (_STATUS, [_H, c_char_p, c_size_t, c_char_p, _PH]),
    "kefu_sentiment_track": (_STATUS, [_H, c_char_p, c_size_t, c_char_p, c_size_t,
                                       c_char_p, _PH]),
    "kefu_sentiment_fast": (_STATUS, [_H, c_char_p, c_size_t, POINTER(SentimentScore)]),
    "kefu_session_new": (_STATUS, [_H, c_char_p, c_size_t, _PH]),
    "kefu_session_free": (None, [_H]),
    "kefu_session_turn": (_STATUS, [_H, c_char_p, c_size_t, c_char_p, _PH]),
    "kefu_session_save": (_STATUS, [_H, _PH]),
    "kefu_profiles_open": (_STATUS, [c_char_p, c_char_p, _PH]),
    "kefu_profiles_close": (None, [_H]),
    "kefu_profiles_record": (_STATUS, [_H, c_char_p, c_size_t, _PH]),
    "kefu_profiles_link": (_STATUS, [_H, c_char_p, c_char_p, _PH]),
    "kefu_profiles_get": (_STATUS, [_H, c_char_p, c_char_p, _PH]),
    "kefu_profiles_with_tag": (_STATUS, [_H, c_char_p, c_size_t, _PH]),
    "kefu_profiles_record_turn": (_STATUS, [_H, c_char_p, c_char_p, c_size_t, c_char_p, _PH]),
    "kefu_profiles_route": (_STATUS, [_H, c_char_p, c_char_p, c_size_t, _PH]),
}
# Added after 0.1.0's first release candidates: a library without them still
# loads, and only kefu.Profiles reports what is missing.
OPTIONAL = {name for name in _SIGNATURES if name.startswith("kefu_profiles_")}


def _candidates() -> list[str]:
    env = os.environ.get("KEFU_LIBRARY")
    if env:
        return [env]  # an explicit choice is never second-guessed
    found = [str(p) for p in sorted(Path(__file__).with_name("_lib").glob("libkefu.so*"))]
    system = ctypes.util.find_library("kefu")
    return found + ["libkefu.so.0"] + ([system] if system else [])


def _load() -> ctypes.CDLL:
    tried = []
    for name in _candidates():
        try:
            lib = ctypes.CDLL(name)
        except OSError as e:
            tried.append(f"{name}: {e}")
            continue
        for fn, (restype, argtypes) in _SIGNATURES.items():
            try:
                f = getattr(lib, fn)
            except AttributeError:
                if fn in OPTIONAL:
                    continue
                raise ImportError(f"kefu: {name} has no {fn}: the library is older "
                                  "than these bindings") from None
            f.restype, f.argtypes = restype, argtypes
        return lib
    raise ImportError(
        "kefu: cannot load libkefu (set KEFU_LIBRARY to the path of libkefu.so, "
        "install the wheel that bundles it, or install libkefu system-wide). Tried:\n  "
        + "\n  ".join(tried))


lib = _load()
