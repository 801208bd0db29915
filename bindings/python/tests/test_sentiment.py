"""Sentiment per message and per conversation."""
import unittest

import kefu


class SentimentTest(unittest.TestCase):
    def test_message(self):
        r = kefu.sentiment("东西不错，但是物流太慢了！")
        self.assertIn(r["label"], ("negative", "neutral", "positive"))
        self.assertTrue(r["cues"])
        self.assertEqual(kefu.sentiment("I love it, great service")["label"], "positive")
        fast = kefu.sentiment_fast("I love it, great service")
        self.assertEqual(fast["label"], "positive")
        self.assertEqual(set(fast["emotions"]), set(kefu.EMOTIONS))
        self.assertAlmostEqual(fast["score"], kefu.sentiment("I love it, great service")["score"],
                               places=4)
        self.assertTrue(kefu.sentiment_fast("我要投诉你们，马上转人工")["escalation"])

    def test_track(self):
        state = None
        for text in ["物流太慢了", "还没到，太差了", "气死我了，垃圾服务"]:
            r = kefu.sentiment_track(text, state)
            state = r["state"]
        self.assertEqual(r["turns"], 3)
        self.assertLess(r["running"], 0)
        with self.assertRaises(kefu.KefuError) as cm:
            kefu.sentiment_track("hi", {"forged": True})
        self.assertEqual(cm.exception.name, "KEFU_ERR_INVALID_DATA")

    def test_custom_model(self):
        with kefu.SentimentModel("glorp\t2.5\t-\n") as m:
            self.assertEqual(m.score("glorp")["label"], "positive")
            self.assertEqual(m.fast("glorp")["label"], "positive")
            self.assertEqual(m.track("glorp")["turns"], 1)
        with kefu.SentimentModel("glorp\t2\t-\n", replace_defaults=True) as m:
            self.assertEqual(m.score("I love it")["label"], "neutral")
        with self.assertRaises(kefu.KefuError) as cm:
            kefu.SentimentModel("no tabs here\n")
        self.assertEqual(cm.exception.name, "KEFU_ERR_INVALID_DATA")


if __name__ == "__main__":
    unittest.main()
