"""Text helpers, basics and errors."""
import unittest

import kefu


class Basics(unittest.TestCase):
    def test_version(self):
        self.assertRegex(kefu.version(), r"^\d+\.\d+\.\d+$")
        major, minor, patch = map(int, kefu.version().split("."))
        self.assertEqual(kefu.version_number(), major * 10000 + minor * 100 + patch)
        self.assertEqual(kefu.__version__, kefu.version())
        self.assertEqual(kefu.status_name(2), "KEFU_ERR_INVALID_UTF8")

    def test_errors_carry_status_name_and_message(self):
        with self.assertRaises(kefu.KefuError) as cm:
            kefu.normalize("x", {"no_such_key": True})
        e = cm.exception
        self.assertEqual((e.status, e.name), (4, "KEFU_ERR_INVALID_OPTIONS"))
        self.assertIn("no_such_key", e.message)
        self.assertTrue(str(e).startswith("KEFU_ERR_INVALID_OPTIONS: "))
        self.assertEqual(str(e).count("KEFU_ERR_INVALID_OPTIONS"), 1)
        with self.assertRaises(kefu.KefuError) as cm:
            kefu.normalize(b"ab\xff")
        self.assertEqual(cm.exception.name, "KEFU_ERR_INVALID_UTF8")
        with self.assertRaises(kefu.KefuError) as cm:
            kefu.normalize("a\udc80")  # a lone surrogate reaches kefu as bad UTF-8
        self.assertEqual(cm.exception.name, "KEFU_ERR_INVALID_UTF8")
        with self.assertRaises(TypeError):
            kefu.normalize(3)


class Text(unittest.TestCase):
    def test_normalize(self):
        r = kefu.normalize("ＡＢＣ　１２３")
        self.assertEqual(r["text"], "abc 123")
        self.assertEqual(len(r["spans"]), 7)
        self.assertEqual(kefu.normalize("ＡＢＣ", case_fold=False)["text"], "ABC")
        self.assertEqual(kefu.normalize("ＡＢＣ", '{"case_fold": false}')["text"], "ABC")

    def test_segment(self):
        words = [t["text"] for t in kefu.segment("我想买iPhone 15 Pro的手机壳",
                                                 user_words=["手机壳", "iPhone 15 Pro"])]
        self.assertIn("手机壳", words)
        self.assertIn("iPhone 15 Pro", words)
        with kefu.Segmenter(keep_punctuation=True) as seg:
            types = [t["type"] for t in seg.segment("hello, world")]
        self.assertIn("punct", types)

    def test_subword(self):
        lines = [f"the parcel number {i} is late again" for i in range(200)]
        with kefu.SubwordModel.train(lines, vocab_size=60) as m:
            pieces = m.encode("the parcel is late")["pieces"]
            self.assertTrue(pieces)
            data = m.to_bytes()
        with kefu.SubwordModel.load(data) as again:
            self.assertEqual(again.encode("the parcel is late")["pieces"], pieces)
        with self.assertRaises(kefu.KefuError):
            kefu.SubwordModel.load(b"not a model")

    def test_entities_and_mask(self):
        found = kefu.entities("明天下午三点前退¥350", reference_time="2026-11-23T10:00:00+08:00")
        kinds = {e["entity"] for e in found}
        self.assertIn("money", kinds)
        money = next(e for e in found if e["entity"] == "money")
        self.assertEqual(money["value"]["amount"], 350)
        m = kefu.mask_pii("手机13812345678")
        self.assertEqual(m["text"], "手机138****5678")
        self.assertEqual(m["masked"][0]["type"], "phone")


if __name__ == "__main__":
    unittest.main()
