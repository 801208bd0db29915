"""The text pipeline: normalization, segmentation, subword models, built-in
entities and PII masking. Every function here is thread-safe."""
from __future__ import annotations

from ctypes import byref, c_void_p
from typing import Any, Iterable, Union

from ._errors import check
from ._handle import Handle
from ._lib import lib
from ._util import Options, Text, call_json, options, text_bytes


def _text_call(fn: Any, text: Text, opts: Options, extra: dict) -> dict:
    b = text_bytes(text)
    return call_json(fn, b, len(b), options(opts, extra))


def normalize(text: Text, options: Options = None, **kw: Any) -> dict:
    """Normalizes text for matching (NFKC, width, case, Traditional →
    Simplified, whitespace). Returns {"text", "spans": [[s, e, bs, be], ...]}
    mapping each normalized code point to the original text. Keyword
    arguments are options (nfkc=False, case_fold=False, ...)."""
    return _text_call(lib.kefu_normalize, text, options, kw)


def entities(text: Text, options: Options = None, **kw: Any) -> list[dict]:
    """Built-in entities in text, typed and resolved (dates against
    reference_time="2026-11-23T10:00:00+08:00"; types=[...] to select).
    Returns the list of {"entity", "value", "text", "start", "end", ...}."""
    return _text_call(lib.kefu_entities, text, options, kw)["entities"]


def mask_pii(text: Text, options: Options = None, **kw: Any) -> dict:
    """Masks phone numbers, ID cards, bank cards and e-mail local parts.
    Returns {"text": masked text, "masked": [{"type", "start", "end"}]}."""
    return _text_call(lib.kefu_mask_pii, text, options, kw)


class Segmenter(Handle):
    """A word segmenter (ICU word break, user words always win). Immutable:
    one segmenter may be used by many threads at once."""

    _kind = "segmenter"

    def __init__(self, user_words: Iterable[str] | None = None,
                 options: Options = None, **kw: Any) -> None:
        """user_words are kept whole; other options as kefu_segmenter_new
        (normalize={...} or False, keep_punctuation=True, max_text_bytes)."""
        if user_words is not None:
            kw["user_words"] = list(user_words)
        out = c_void_p()
        check(lib.kefu_segmenter_new(_opts(options, kw), byref(out)))
        super().__init__(out.value, lib.kefu_segmenter_free)

    def segment(self, text: Text) -> list[dict]:
        """Tokens {"text", "norm", "type", "start", "end", "byte_start",
        "byte_end"} of text."""
        b = text_bytes(text)
        return self._json(lib.kefu_segment, b, len(b))["tokens"]


def segment(text: Text, user_words: Iterable[str] | None = None) -> list[dict]:
    """Segments text with a one-off Segmenter (keep one for repeated use)."""
    with Segmenter(user_words) as s:
        return s.segment(text)


class SubwordModel(Handle):
    """A SentencePiece subword model in memory. Immutable and thread-safe."""

    _kind = "subword model"

    def __init__(self, ptr: int) -> None:
        super().__init__(ptr, lib.kefu_subword_free)

    @classmethod
    def train(cls, sentences: Union[Text, Iterable[str]], options: Options = None,
              **kw: Any) -> "SubwordModel":
        """Trains from sentences (one per line, or an iterable of strings);
        options vocab_size, character_coverage, model_type, max_input_bytes."""
        if not isinstance(sentences, (str, bytes)):
            sentences = "\n".join(sentences)
        b = text_bytes(sentences)
        out = c_void_p()
        check(lib.kefu_subword_train(b, len(b), _opts(options, kw), byref(out)))
        return cls(out.value)

    @classmethod
    def load(cls, model: bytes) -> "SubwordModel":
        """Loads a model from its serialized bytes (see to_bytes)."""
        out = c_void_p()
        check(lib.kefu_subword_load(model, len(model), byref(out)))
        return cls(out.value)

    def to_bytes(self) -> bytes:
        """The serialized SentencePiece model."""
        return self._sized(lib.kefu_subword_bytes)

    def encode(self, text: Text) -> dict:
        """{"pieces": [{"piece", "id", "start", "end", ...}], "vocab_size"}."""
        b = text_bytes(text)
        return self._json(lib.kefu_subword_encode, b, len(b))


def _opts(opts: Options, kw: dict) -> bytes | None:
    return options(opts, kw)


__all__ = ["normalize", "entities", "mask_pii", "Segmenter", "segment", "SubwordModel"]
