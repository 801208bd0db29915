"""100,000 calls must not grow memory: every library buffer is freed."""
import unittest

import kefu
from support import engine, rss_kib

CALLS = 100_000


class MemoryTest(unittest.TestCase):
    def test_no_growth(self):
        bot = engine()
        kb = bot.kb
        seg = kefu.Segmenter()
        calls = [
            lambda: bot.parse("track order 12345678"),
            lambda: bot.classify("hello"),
            lambda: kb.search("is shipping free"),
            lambda: kefu.normalize("ＡＢＣ　１２３ 蘋果"),
            lambda: kefu.sentiment("物流太慢了！"),
            lambda: seg.segment("我想买手机壳"),
            lambda: kefu.mask_pii("手机13812345678"),
            lambda: kefu.sentiment_fast("great"),
            lambda: bot.session().close(),
        ]
        failing = lambda: kefu.normalize(b"\xff")  # noqa: E731  (error path frees too)

        def run(n):
            for i in range(n):
                if i % 97 == 0:
                    with self.assertRaises(kefu.KefuError):
                        failing()
                else:
                    calls[i % len(calls)]()

        warmup = CALLS // 10
        run(warmup)
        before = rss_kib()
        run(CALLS - warmup)
        grown = rss_kib() - before
        seg.close()
        # A leaked result (≥100 bytes) per call would be ≥ 9 MB here.
        self.assertLess(grown, 3 * 1024, f"RSS grew by {grown} KiB over {CALLS} calls")


if __name__ == "__main__":
    unittest.main()
