"""Objects are safe to share between threads as kefu.h documents."""
import unittest
from concurrent.futures import ThreadPoolExecutor

import kefu
from support import engine

TEXTS = ["where is my parcel", "track order 12345678", "hello", "good morning",
         "has my order shipped", "what is the weather", "我的快递到哪了", "tracking please"]


class ThreadsTest(unittest.TestCase):
    def test_parallel_parse_matches_serial(self):
        bot = engine()
        serial = {t: bot.parse(t) for t in TEXTS}
        work = TEXTS * 50
        with ThreadPoolExecutor(max_workers=4) as pool:
            results = list(pool.map(bot.parse, work))
        for text, r in zip(work, results):
            self.assertEqual(r, serial[text])

    def test_kb_searches_while_writing(self):
        with kefu.KnowledgeBase() as kb:
            kb.upsert({"id": "base", "question": "how do I pay", "answer": "card"})

            def write(i):
                kb.upsert({"id": f"e{i}", "question": f"question number {i}", "answer": "a"})

            def read(_):
                return kb.search("how do I pay")["results"][0]["id"]

            with ThreadPoolExecutor(max_workers=4) as pool:
                writes = pool.map(write, range(100))
                reads = list(pool.map(read, range(200)))
                list(writes)
            self.assertEqual(set(reads), {"base"})
            self.assertEqual(len(kb), 101)

    def test_shared_session_is_serialized(self):
        with engine().session() as s:
            with ThreadPoolExecutor(max_workers=4) as pool:
                turns = list(pool.map(lambda _: s.turn("hello")["turn"], range(40)))
            self.assertEqual(sorted(turns), list(range(1, 41)))


if __name__ == "__main__":
    unittest.main()
