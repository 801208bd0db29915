"""Customer profiles (skipped with a libkefu that predates them)."""
import unittest

import kefu

try:
    kefu.Profiles().close()
    MISSING = None
except kefu.KefuError as e:
    MISSING = e.message


@unittest.skipIf(MISSING, MISSING)
class ProfilesTest(unittest.TestCase):
    def test_record_link_get(self):
        with kefu.Profiles() as p:
            r = p.record({"customer": {"phone": "13812345678"}, "type": "purchase",
                          "time": "2026-11-20T10:00:00+08:00", "attributes": {"amount": 199}})
            self.assertIn("customer", r)
            p.record({"customer": {"member_id": "M1"}, "type": "page_view",
                      "time": "2026-11-21T10:00:00+08:00", "attributes": {"page": "pricing"}})
            self.assertIsInstance(p.link("phone:13812345678", "member_id:M1"), dict)
            prof = p.get("member_id:M1", as_of="2026-11-22T00:00:00+08:00")
            self.assertIn("events", prof)
            self.assertIsNone(p.get("phone:10000000000"))
            self.assertIsInstance(p.with_tag("no-such-tag", limit=5), list)
            with self.assertRaises(kefu.KefuError):
                p.record("{not json")
        with self.assertRaises(kefu.KefuError) as cm:
            p.get("member_id:M1")
        self.assertEqual(cm.exception.name, "KEFU_ERR_STATE")


if __name__ == "__main__":
    unittest.main()
