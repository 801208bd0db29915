"""Every function kefu.h exports is wrapped by the package."""
import re
import unittest
from pathlib import Path

import kefu
from support import ROOT

PACKAGE = Path(kefu.__file__).parent


class CoverageTest(unittest.TestCase):
    def test_every_header_function_is_used(self):
        header = (ROOT / "include" / "kefu" / "kefu.h").read_text()
        declared = set(re.findall(r"KEFU_API[^;]*?\b(kefu_\w+)\(", header))
        self.assertGreater(len(declared), 40)
        code = "".join(p.read_text() for p in PACKAGE.glob("*.py") if p.name != "_lib.py")
        unused = sorted(f for f in declared if not re.search(rf"lib\.{f}\b", code))
        self.assertEqual(unused, [], "functions of kefu.h without a Python wrapper")


if __name__ == "__main__":
    unittest.main()
