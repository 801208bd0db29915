"""Writes the fuzz targets' seed corpora (tests/fuzz/corpus/TARGET/*) from
kefu's own fixtures, through the Python binding. Run after a build:

  KEFU_LIBRARY=build/lib/libkefu.so PYTHONPATH=bindings/python python3 tests/fuzz/make_seeds.py

Seeds are small on purpose: libFuzzer mutates small inputs much faster.
"""
import hashlib
import json
import os
import struct
import sys
import tempfile
from pathlib import Path

import kefu

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests/fuzz/corpus"


def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


def load(path):
    return json.loads((ROOT / path).read_text(encoding="utf-8"))


def mini_bot():
    """The intents of the bundled bot cut down to a few examples each."""
    bot = load("examples/bots/shop-zh.json")
    bot["intents"] = [dict(i, examples=i.get("examples", [])[:4]) for i in bot["intents"][:5]]
    bot["faq"] = bot.get("faq", [])[:3]
    bot.pop("handoff", None)  # it names intents cut here
    return bot


def main():
    conversations = [load("tests/conversations/shop-zh.json"), load("tests/conversations/shop-en.json")]
    said = [t["say"] for c in conversations for conv in c["conversations"] for t in conv["turns"]]
    # text: what customers say, plus entity-heavy and hostile shapes
    for s in said[::3] + ["明天下午三点", "¥350", "两千三百零五块", "tomorrow at 3pm", "13812345678",
                          "11010519491231002X", "6222021234567890123", "a@b.co", "ＡＢＣ１２３",
                          "😡😡😡！！！", "我要投诉12315", "不是不满意", "", " \t\n"]:
        put("text", s)
    put("text", b"\xe6\x88\x91\xff\xfe")  # invalid UTF-8

    # bot: small definitions, valid and not
    put("bot", json.dumps(mini_bot(), ensure_ascii=False))
    put("bot", json.dumps({"kefu": 1, "name": "m", "language": "en",
                           "entities": {"order_id": {"pattern": "[0-9]{8}"},
                                        "color": {"values": {"red": ["crimson"], "blue": []}}},
                           "intents": [{"name": "track", "slots": [{"name": "order_id", "entity": "order_id",
                                        "required": True, "prompt": "Which order?"}],
                                        "examples": ["track [12345678](order_id)", "where is my parcel"]},
                                       {"name": "greet", "responses": {"reply": "Hi"}, "examples": ["hi", "hello"]}],
                           "faq": [{"id": "f", "question": "shipping time", "answer": "2 days"}]}))
    put("bot", '{"kefu": 1, "intents": []}')

    # model: model files of the small bots
    for b in [mini_bot(), {"kefu": 1, "name": "tiny", "intents": [
            {"name": "a", "examples": ["open it", "open the door"]},
            {"name": "b", "examples": ["close it", "shut the door"]}]}]:
        with kefu.Engine.train(b, epochs=2) as e:
            put("model", e.to_bytes())

    # kb: import lines
    faq = load("examples/bots/shop-zh.json")["faq"][:6]
    put("kb", "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in faq))
    put("kb", '{"id": "x", "question": "q", "enabled": false, "tags": ["a"], "category": "c"}\n{"id": 1}\n')

    # session: saved states along a conversation
    with kefu.Engine.train(load("examples/bots/shop-zh.json")) as e:
        s = e.session()
        for msg in ["你好", "我要退货", "202611220001", "不想要了", "是的"]:
            s.turn(msg)
            put("session", json.dumps(s.save(), ensure_ascii=False))

    # profiles: selector byte + event / rules / turn / identifiers
    histories = load("tests/profiles/histories.json")
    for h in histories[:8]:
        put("profiles", b"\0" + json.dumps(h["events"][0], ensure_ascii=False).encode())
    put("profiles", b"\1" + json.dumps({"rules": [
        {"tag": "buyer", "when": {"count": "purchase", "within": "30d", "at_least": 2}, "expires": "7d"},
        {"tag": "seq", "when": {"sequence": ["page_view:product", "page_view:pricing"], "within": "30m"}},
        {"tag": "both", "when": {"all": [{"sum": "purchase", "at_least": 100}, {"not": {"count": "refund", "at_least": 1}}]}}]}).encode())
    put("profiles", b"\2" + json.dumps({"intent": {"name": "refund", "confidence": 0.9},
                                        "sentiment": {"score": -0.8, "escalate": True}, "handoff": None}).encode())
    put("profiles", b"\3phone:13800000000\0account:A")

    # lexicon: a few lines of each default lexicon
    for name in ["zh.tsv", "en.tsv", "vader.tsv"]:
        lines = (ROOT / "src/sentiment/lexicon" / name).read_text(encoding="utf-8").splitlines()
        put("lexicon", b"\0" + ("\n".join(l for l in lines if l and not l.startswith("#"))[:600] + "\n").encode())
    put("lexicon", b"\1glorp\t2.5\t-\n# comment\nzorp\t-1\t-\n")

    # options
    for o in ['{"top_k": 2, "mask_pii": true}', '{"reference_time": "2026-11-23T10:00:00+08:00", "utc_offset_minutes": 480}',
              '{"types": ["phone", "money"]}', '{"max_text_bytes": 10}', '{"category": "售后", "tags": ["a"]}',
              '{"epochs": 3, "seed": 7, "char_ngrams": [2, 4]}', '{"channel": "app", "customer_id": "c1", "data": {"status": "ok"}}',
              '{"decay": 0.5, "anger": 0.2}', '{"nfkc": false, "case_fold": false}', '{"user_words": ["退货政策"]}', "{}", "[]"]:
        put("options", o)

    # store: real store files, as selector + len(SNAPSHOT) + SNAPSHOT + LOG
    with tempfile.TemporaryDirectory() as tmp:
        with kefu.KnowledgeBase(os.path.join(tmp, "kb")) as kb:
            for e in faq[:3]:
                kb.upsert(e)
            kb.delete(faq[0]["id"])
        with kefu.Profiles(os.path.join(tmp, "p")) as p:
            for h in histories[:3]:
                for ev in h["events"]:
                    p.record(ev)
        for selector, sub in [(0, "kb"), (1, "p")]:
            snap = Path(tmp, sub, "SNAPSHOT").read_bytes()
            log = Path(tmp, sub, "LOG").read_bytes()
            put("store", bytes([selector]) + struct.pack("<I", len(snap)) + snap + log)


if __name__ == "__main__":
    sys.exit(main())
