"""Closed handles raise a clear KefuError instead of crashing."""
import threading
import unittest

import kefu
from support import BOT


class ClosedTest(unittest.TestCase):
    def assertClosed(self, call, kind):
        with self.assertRaises(kefu.KefuError) as cm:
            call()
        self.assertEqual(cm.exception.name, "KEFU_ERR_STATE")
        self.assertIn(f"{kind} is closed", cm.exception.message)

    def test_every_handle(self):
        e = kefu.Engine.train(BOT)
        s = e.session()
        kb = kefu.KnowledgeBase()
        seg = kefu.Segmenter()
        sw = kefu.SubwordModel.train(["a b c d e f g h"] * 20, vocab_size=12)
        sm = kefu.SentimentModel()
        for h in (s, kb, seg, sw, sm):
            h.close()
            h.close()  # idempotent
            self.assertTrue(h.closed)
        self.assertClosed(lambda: s.turn("hi"), "session")
        self.assertClosed(s.save, "session")
        self.assertClosed(lambda: kb.search("x"), "knowledge base")
        self.assertClosed(lambda: kb.upsert({"id": "a", "question": "b"}), "knowledge base")
        self.assertClosed(lambda: seg.segment("x"), "segmenter")
        self.assertClosed(lambda: sw.encode("x"), "subword model")
        self.assertClosed(lambda: sm.score("x"), "sentiment model")
        engine_kb = e.kb
        with e:
            pass  # the context manager closes
        self.assertTrue(e.closed)
        self.assertClosed(lambda: e.parse("hi"), "engine")
        self.assertClosed(lambda: e.classify("hi"), "engine")
        self.assertClosed(e.session, "engine")
        self.assertClosed(lambda: engine_kb.search("x"), "engine")
        self.assertIn("closed", repr(e))

    def test_engine_close_closes_its_sessions(self):
        e = kefu.Engine.train(BOT)
        s = e.session()
        s.turn("hi")
        e.close()
        self.assertTrue(s.closed)
        self.assertClosed(lambda: s.turn("hi"), "session")

    def test_close_waits_for_calls_in_flight(self):
        e = kefu.Engine.train(BOT)
        errors, done = [], threading.Event()

        def worker():
            while not done.is_set():
                try:
                    e.parse("where is my parcel 12345678")
                except kefu.KefuError as err:
                    errors.append(err.name)
                    return

        threads = [threading.Thread(target=worker) for _ in range(3)]
        for t in threads:
            t.start()
        e.parse("warm up")
        e.close()  # must not free the engine under a running parse
        done.set()
        for t in threads:
            t.join()
        self.assertTrue(all(n == "KEFU_ERR_STATE" for n in errors))


if __name__ == "__main__":
    unittest.main()
