"""Sentiment per message and per conversation. SentimentModel is immutable;
every function here is thread-safe."""
from __future__ import annotations

from ctypes import byref, c_void_p, sizeof
from typing import Any, Mapping, Optional, Union

from ._errors import check
from ._handle import Handle
from ._lib import SentimentScore, lib
from ._util import Options, Text, call_json, json_bytes, options, text_bytes

EMOTIONS = ("anger", "anxiety", "sadness", "disgust", "joy", "surprise", "trust")
_LABELS = {-1: "negative", 0: "neutral", 1: "positive"}
State = Union[Mapping[str, Any], str, bytes, None]


class SentimentModel(Handle):
    """Sentiment lexicons: kefu's defaults extended (or, with
    replace_defaults=True, replaced) by the caller's lexicon TSV
    (term<TAB>weight<TAB>kind lines)."""

    _kind = "sentiment model"

    def __init__(self, lexicon_tsv: Optional[Text] = None, options: Options = None,
                 **kw: Any) -> None:
        lex = text_bytes(lexicon_tsv) if lexicon_tsv is not None else None
        out = c_void_p()
        check(lib.kefu_sentiment_model_new(lex, len(lex or b""), _opts(options, kw),
                                           byref(out)))
        super().__init__(out.value, lib.kefu_sentiment_model_free)

    def score(self, text: Text, options: Options = None, **kw: Any) -> dict:
        """{"score", "label", "confidence", "emotions", "escalation", "cues"}."""
        h = self._acquire()
        try:
            return _score(h, text, _opts(options, kw))
        finally:
            self._release()

    def track(self, text: Text, state: State = None, options: Options = None,
              **kw: Any) -> dict:
        """Folds one more customer message into a conversation's running
        sentiment; pass the previous result's "state" back as `state`."""
        h = self._acquire()
        try:
            return _track(h, text, state, _opts(options, kw))
        finally:
            self._release()

    def fast(self, text: Text) -> dict:
        """The hot-path scorer (no JSON in C): score, label, confidence,
        emotions, escalation; no cues."""
        h = self._acquire()
        try:
            return _fast(h, text)
        finally:
            self._release()


def _opts(opts: Options, kw: dict) -> bytes | None:
    return options(opts, kw)


def _score(h: Optional[int], text: Text, opts: bytes | None) -> dict:
    b = text_bytes(text)
    return call_json(lib.kefu_sentiment, h, b, len(b), opts)


def _track(h: Optional[int], text: Text, state: State, opts: bytes | None) -> dict:
    s = json_bytes(state) if state is not None else None
    b = text_bytes(text)
    return call_json(lib.kefu_sentiment_track, h, s, len(s or b""), b, len(b), opts)


def _fast(h: Optional[int], text: Text) -> dict:
    b = text_bytes(text)
    r = SentimentScore(struct_size=sizeof(SentimentScore))
    check(lib.kefu_sentiment_fast(h, b, len(b), byref(r)))
    return {"score": r.score, "label": _LABELS[r.label], "confidence": r.confidence,
            "emotions": dict(zip(EMOTIONS, r.emotions)), "escalation": bool(r.escalation)}


def sentiment(text: Text, options: Options = None, **kw: Any) -> dict:
    """Scores one message with the default lexicons (see SentimentModel.score)."""
    return _score(None, text, _opts(options, kw))


def sentiment_track(text: Text, state: State = None, options: Options = None,
                    **kw: Any) -> dict:
    """Conversation-level sentiment with the default lexicons (see
    SentimentModel.track)."""
    return _track(None, text, state, _opts(options, kw))


def sentiment_fast(text: Text) -> dict:
    """Hot-path sentiment with the default lexicons (see SentimentModel.fast)."""
    return _fast(None, text)


__all__ = ["SentimentModel", "sentiment", "sentiment_track", "sentiment_fast", "EMOTIONS"]
