"""Engine, its knowledge base, and sessions."""
import json
import os
import tempfile
import unittest
from pathlib import Path

import kefu
from support import BOT, engine


class EngineTest(unittest.TestCase):
    def test_parse_and_classify(self):
        bot = engine()
        r = bot.parse("track order 12345678")
        self.assertEqual(r["intent"]["name"], "track")
        self.assertEqual(r["entities"][0]["slot"], "order_id")
        self.assertEqual(len(bot.parse("hello", top_k=1)["intents"]), 1)
        c = bot.classify("hello there", k=2)
        self.assertEqual(c["intents"][0]["name"], "greet")
        self.assertLessEqual(len(c["intents"]), 2)
        self.assertIsInstance(c["out_of_scope"], bool)
        raw = bot.parse_json("track order 12345678", top_k=2)
        self.assertIsInstance(raw, str)
        self.assertEqual(json.loads(raw)["intent"], r["intent"])
        self.assertEqual(len(json.loads(raw)["intents"]), 2)
        with self.assertRaises(kefu.KefuError) as cm:
            bot.parse("hi", top_k="many")
        self.assertEqual(cm.exception.name, "KEFU_ERR_INVALID_OPTIONS")

    def test_info(self):
        info = engine().info()
        self.assertEqual(info["name"], "mini-en")
        self.assertEqual(sorted(info["intents"])[:2], ["greet", "track"])

    def test_train_variants(self):
        with kefu.Engine.train(json.dumps(BOT), seed=2) as e:
            self.assertEqual(e.parse("hi")["intent"]["name"], "greet")
        lines = [{"text": t, "intent": i} for i, ts in
                 [("a", ["open the door", "door open please", "open it"]),
                  ("b", ["close the door", "shut it", "close it now"])] for t in ts]
        with kefu.Engine.train_jsonl(lines, epochs=30) as e:
            self.assertEqual(e.classify("please open the door")["intents"][0]["name"], "a")
        text = "".join(json.dumps(x) + "\n" for x in lines)
        with kefu.Engine.train_jsonl(text, dev=text) as e:
            self.assertIn("a", e.info()["intents"])

    def test_bad_bot_names_the_path(self):
        with self.assertRaises(kefu.KefuError) as cm:
            kefu.Engine.train({"kefu": 1, "intents": [{"name": "x", "examples": [3]}]})
        self.assertEqual(cm.exception.name, "KEFU_ERR_INVALID_DATA")
        self.assertIn("$.intents[0].examples[0]", cm.exception.message)

    def test_save_open_bytes(self):
        bot = engine()
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "mini.kefu"
            bot.save(path)
            with kefu.Engine.open(path) as again:
                self.assertEqual(again.parse("hi")["intent"], bot.parse("hi")["intent"])
            with open(path, "wb") as f:
                f.write(b"garbage")
            with self.assertRaises(kefu.KefuError) as cm:
                kefu.Engine.open(path)
            self.assertEqual(cm.exception.name, "KEFU_ERR_CORRUPT")
            with self.assertRaises(kefu.KefuError) as cm:
                kefu.Engine.open(os.path.join(d, "missing.kefu"))  # str paths too
            self.assertEqual(cm.exception.name, "KEFU_ERR_IO")
        data = bot.to_bytes()
        with kefu.Engine.from_bytes(data) as again:
            self.assertEqual(again.info()["intents"], bot.info()["intents"])

    def test_engine_kb_is_read_only(self):
        kb = engine().kb
        r = kb.search("is shipping free?")
        self.assertEqual(r["results"][0]["id"], "shipping-fee")
        self.assertEqual(kb.get("returns")["answer"], "Within 7 days.")
        self.assertIsNone(kb.get("nope"))
        self.assertEqual(kb.stats()["entries"], 2)
        self.assertEqual(len(kb.entries()), 2)
        with self.assertRaises(kefu.KefuError) as cm:
            kb.upsert({"id": "x", "question": "q"})
        self.assertEqual(cm.exception.name, "KEFU_ERR_STATE")


class SessionTest(unittest.TestCase):
    def test_conversation_save_restore(self):
        bot = engine()
        with bot.session() as s:
            r = s.turn("where is my parcel", customer_id="c42")
            self.assertEqual((r["action"], r["form"]["asking"]), ("ask", "order_id"))
            state = s.save()
        with kefu.Session.restore(bot, state) as again:
            r = again.turn("12345678")
            self.assertEqual(r["slots"]["order_id"]["value"], "12345678")
            self.assertEqual(r["turn"], 2)
        with bot.session(json.loads(state)) as from_dict:
            self.assertEqual(from_dict.save(), state)

    def test_damaged_state(self):
        bot = engine()
        with bot.session() as s:
            s.turn("hi")
            state = json.loads(s.save())
        with self.assertRaises(kefu.KefuError) as cm:
            bot.session("{not json")
        self.assertEqual(cm.exception.name, "KEFU_ERR_INVALID_DATA")
        state["turns"] = 99  # an edit the checksum catches
        with self.assertRaises(kefu.KefuError) as cm:
            bot.session(state)
        self.assertEqual(cm.exception.name, "KEFU_ERR_CORRUPT")


if __name__ == "__main__":
    unittest.main()
