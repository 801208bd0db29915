"""Shared fixtures: a small bot trained once per test process, and paths."""
from __future__ import annotations

import functools
import os
from pathlib import Path

ROOT = Path(os.environ.get("KEFU_SOURCE_DIR", Path(__file__).resolve().parents[3]))

BOT = {
    "kefu": 1, "name": "mini-en", "language": "en",
    "out_of_scope": ["what is the weather", "tell me a joke", "who won the game"],
    "entities": {"order_id": {"pattern": "[0-9]{8}"}},
    "intents": [
        {"name": "track", "title": "tracking a parcel",
         "slots": [{"name": "order_id", "entity": "order_id", "required": True,
                    "prompt": ["Your order number?"]}],
         "action": "track_parcel",
         "examples": ["where is my parcel", "track order [12345678](order_id)",
                      "where's my package", "has my order shipped", "tracking please"]},
        {"name": "greet", "responses": {"reply": ["Hello!"]},
         "examples": ["hi", "hello", "hey there", "good morning"]},
    ],
    "faq": [
        {"id": "shipping-fee", "question": "how much is shipping",
         "similar": ["do you charge for delivery"], "answer": "Shipping is free."},
        {"id": "returns", "question": "can I return an item", "answer": "Within 7 days."},
    ],
}


@functools.lru_cache(maxsize=None)
def engine():
    """One engine shared by the tests of a process (engines are immutable).
    kefu is imported here so that the venv test runs without it."""
    import kefu
    return kefu.Engine.train(BOT)


def rss_kib() -> int:
    """Resident set size of this process in KiB (Linux)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
