"""kefu — the brain of an intelligent customer-service agent, over libkefu's
C ABI (ctypes). Results are plain dicts parsed from kefu's JSON; failures
raise KefuError carrying the status name and kefu's message.

    import kefu
    with kefu.Engine.open("shop.kefu") as bot:
        print(bot.parse("我的快递到哪了")["intent"])

Thread safety follows kefu.h: engines, segmenters, subword and sentiment
models are immutable and shared freely; knowledge bases are internally
synchronized, and so are profile stores; a session serializes its own calls. close() waits for calls in
flight on other threads, and any call after it raises KefuError
(KEFU_ERR_STATE). The library is found through $KEFU_LIBRARY, the copy
bundled in this package, or the system loader.
"""
from __future__ import annotations

from ._errors import KefuError
from ._lib import lib as _lib
from .engine import Engine
from .kb import EngineKnowledgeBase, KnowledgeBase
from .profiles import Profiles
from .sentiment import EMOTIONS, SentimentModel, sentiment, sentiment_fast, sentiment_track
from .session import Session
from .text import Segmenter, SubwordModel, entities, mask_pii, normalize, segment


def version() -> str:
    """Version of the loaded libkefu, "MAJOR.MINOR.PATCH"."""
    return _lib.kefu_version().decode()


def version_number() -> int:
    """The loaded libkefu's version as MAJOR*10000 + MINOR*100 + PATCH."""
    return int(_lib.kefu_version_number())


def status_name(status: int) -> str:
    """The constant name of a kefu_status, e.g. "KEFU_ERR_INVALID_UTF8"."""
    return _lib.kefu_status_name(status).decode()


def library_path() -> str:
    """Where the loaded libkefu came from."""
    return str(_lib._name)


__version__ = version()  # the bindings ship with, and match, their libkefu
__all__ = [
    "KefuError", "Engine", "Session", "KnowledgeBase", "EngineKnowledgeBase", "Profiles",
    "SentimentModel", "sentiment", "sentiment_track", "sentiment_fast", "EMOTIONS",
    "Segmenter", "SubwordModel", "segment", "normalize", "entities", "mask_pii",
    "version", "version_number", "status_name", "library_path",
]
