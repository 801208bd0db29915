"""The built wheel installs into a fresh virtual environment, where the
README's Python example runs against the libkefu bundled in the wheel."""
import os
import re
import subprocess
import sys
import tempfile
import unittest

from support import ROOT


def readme_example() -> str:
    text = (ROOT / "README.md").read_text()
    section = text.split("\n## Python\n", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


class WheelVenvTest(unittest.TestCase):
    def test_readme_example_in_fresh_venv(self):
        wheel = os.environ.get("KEFU_WHEEL")
        if not wheel:
            self.skipTest("KEFU_WHEEL is not set (CTest sets it)")
        # Nothing may leak in from the build: the wheel's own copy must load.
        env = {k: v for k, v in os.environ.items()
               if k not in ("KEFU_LIBRARY", "PYTHONPATH", "LD_LIBRARY_PATH")}
        env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"

        def run(*args, cwd=None):
            r = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, f"{args[:3]}:\n{r.stdout}\n{r.stderr}")
            return r.stdout

        with tempfile.TemporaryDirectory() as d:
            run(sys.executable, "-m", "venv", os.path.join(d, "venv"))
            py = os.path.join(d, "venv", "bin", "python")
            run(py, "-m", "pip", "install", "-q", "--no-index", "--no-deps", wheel)
            where = run(py, "-c", "import kefu; print(kefu.library_path())")
            self.assertIn(os.path.join(d, "venv"), where)
            bot = ROOT / "examples" / "bots" / "shop-zh.json"
            run(py, "-c", "import kefu, sys; kefu.Engine.train(open(sys.argv[1], 'rb').read())"
                ".save('shop.kefu')", str(bot), cwd=d)
            intent, reply = run(py, "-c", readme_example(), cwd=d).splitlines()
            self.assertTrue(intent.startswith("{'name': '"), intent)
            self.assertTrue(reply.strip())


if __name__ == "__main__":
    unittest.main()
