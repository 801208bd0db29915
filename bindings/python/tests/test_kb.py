"""KnowledgeBase in memory and on disk."""
import os
import tempfile
import unittest

import kefu

ENTRIES = [
    {"id": "invoice", "question": "can I get an invoice", "answer": "Yes.",
     "category": "billing", "tags": ["tax"]},
    {"id": "refund-time", "question": "how long does a refund take",
     "similar": ["when do I get my money back"], "answer": "3 days."},
    {"id": "hours", "question": "when are you open", "answer": "9 to 5."},
]


class KnowledgeBaseTest(unittest.TestCase):
    def test_memory_crud_search(self):
        with kefu.KnowledgeBase() as kb:
            for e in ENTRIES:
                kb.upsert(e)
            self.assertEqual(len(kb), 3)
            self.assertIn("invoice", kb)
            self.assertNotIn("nope", kb)
            self.assertEqual(kb.get("hours")["answer"], "9 to 5.")
            r = kb.search("when will my money come back", top_k=2)
            self.assertEqual(r["results"][0]["id"], "refund-time")
            self.assertLessEqual(len(r["results"]), 2)
            only = kb.search("invoice", category="billing")["results"]
            self.assertEqual([x["id"] for x in only], ["invoice"])
            kb.upsert({**ENTRIES[2], "enabled": False})
            self.assertEqual(kb.stats()["enabled"], 2)
            kb.delete("hours")
            self.assertIsNone(kb.get("hours"))
            with self.assertRaises(ValueError):
                kb.get("hours\0x")  # C would see a shorter id
            with self.assertRaises(kefu.KefuError) as cm:
                kb.delete("hours")
            self.assertEqual(cm.exception.name, "KEFU_ERR_NOT_FOUND")
            with self.assertRaises(kefu.KefuError) as cm:
                kb.upsert({"question": "no id"})
            self.assertEqual(cm.exception.name, "KEFU_ERR_INVALID_DATA")

    def test_import_export_synonyms(self):
        with kefu.KnowledgeBase() as kb:
            self.assertEqual(kb.import_jsonl(ENTRIES)["imported"], 3)
            text = kb.export_jsonl()
            self.assertEqual(len(text.splitlines()), 3)
            self.assertEqual([e["id"] for e in kb.entries()], sorted(e["id"] for e in ENTRIES))
            kb.set_synonyms([["invoice", "receipt"]])
            self.assertEqual(kb.stats()["synonym_groups"], 1)
            kb.compact()
        with kefu.KnowledgeBase(synonyms=[["refund", "money back"]]) as kb:
            kb.import_jsonl(text)
            self.assertEqual(kb.export_jsonl(), text)
            bad = text + '{"id": 5}\n'
            with self.assertRaises(kefu.KefuError) as cm:
                kb.import_jsonl(bad)
            self.assertEqual(cm.exception.name, "KEFU_ERR_INVALID_DATA")
            self.assertEqual(cm.exception.report["errors"][0]["line"], 4)
            report = kb.import_jsonl(bad, on_error="skip")
            self.assertEqual((report["imported"], len(report["errors"])), (3, 1))

    def test_directory_store_persists(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "faq.kb")
            with kefu.KnowledgeBase(path) as kb:
                kb.import_jsonl(ENTRIES)
                kb.delete("hours")
                self.assertEqual(kb.stats()["store"]["dir"], path)
            with kefu.KnowledgeBase(path) as kb:
                self.assertEqual(sorted(e["id"] for e in kb.entries()), ["invoice", "refund-time"])
                kb.compact()


if __name__ == "__main__":
    unittest.main()
