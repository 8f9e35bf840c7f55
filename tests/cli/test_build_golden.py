"""Golden tests of `mimetool build`: every testdata/build/CASE.args (one argument per line, run in
testdata/build) must print exactly CASE.expected.eml, and the same bytes again with -o.

MIMETOOL_UPDATE_GOLDEN=1 rewrites the .expected.eml files (review the diff like code).
Environment (set by ctest): MIMETOOL, MIMETOOL_TESTDATA_DIR.
"""
import glob
import os
import subprocess
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get("MIMETOOL_SOURCE_DIR", os.path.normpath(os.path.join(HERE, "..", "..")))
TESTDATA = os.environ.get("MIMETOOL_TESTDATA_DIR", os.path.join(SOURCE_DIR, "testdata"))
MIMETOOL = os.environ.get("MIMETOOL", os.path.join(SOURCE_DIR, "build", "cli", "mimetool"))
BUILD_DIR = os.path.join(TESTDATA, "build")
UPDATE = os.environ.get("MIMETOOL_UPDATE_GOLDEN") == "1"


def case_args(path):
    with open(path, encoding="utf-8") as f:
        return [line for line in f.read().split("\n") if line != ""]


def build(args, cwd=BUILD_DIR):
    return subprocess.run([MIMETOOL, "build", *args], capture_output=True, cwd=cwd, timeout=60)


class BuildGolden(unittest.TestCase):
    def cases(self):
        found = sorted(glob.glob(os.path.join(BUILD_DIR, "*.args")))
        self.assertGreaterEqual(len(found), 10, "testdata/build holds too few golden cases")
        return found

    def test_every_case_matches_its_golden_message(self):
        for path in self.cases():
            name = os.path.basename(path)[:-5]
            with self.subTest(case=name):
                proc = build(case_args(path))
                self.assertEqual(proc.returncode, 0, proc.stderr.decode("utf-8", "replace"))
                self.assertEqual(proc.stderr, b"")
                expected_path = os.path.join(BUILD_DIR, name + ".expected.eml")
                if UPDATE:
                    with open(expected_path, "wb") as f:
                        f.write(proc.stdout)
                with open(expected_path, "rb") as f:
                    expected = f.read()
                if proc.stdout != expected:
                    actual = os.path.join(tempfile.gettempdir(), name + ".actual.eml")
                    with open(actual, "wb") as f:
                        f.write(proc.stdout)
                    self.fail(f"{name}: output differs from {expected_path}; actual written to {actual}")

    def test_output_file_holds_the_same_bytes_as_stdout(self):
        with tempfile.TemporaryDirectory() as tmp:
            for path in self.cases():
                name = os.path.basename(path)[:-5]
                with self.subTest(case=name):
                    out = os.path.join(tmp, name + ".eml")
                    proc = build(case_args(path) + ["-o", out])
                    self.assertEqual(proc.returncode, 0, proc.stderr.decode("utf-8", "replace"))
                    self.assertEqual(proc.stdout, b"")
                    with open(out, "rb") as f, open(os.path.join(BUILD_DIR, name + ".expected.eml"), "rb") as g:
                        self.assertEqual(f.read(), g.read())
                    self.assertEqual(sorted(os.listdir(tmp)), sorted(os.listdir(tmp)))  # no temp files left
            leftovers = [f for f in os.listdir(tmp) if f.startswith(".")]
            self.assertEqual(leftovers, [])

    def test_goldens_keep_the_line_rules(self):
        for path in self.cases():
            name = os.path.basename(path)[:-5]
            with open(os.path.join(BUILD_DIR, name + ".expected.eml"), "rb") as f:
                data = f.read()
            lf = "--lf" in case_args(path)
            with self.subTest(case=name):
                if lf:
                    self.assertNotIn(b"\r", data)
                    lines = data.split(b"\n")
                else:
                    self.assertNotIn(b"\n", data.replace(b"\r\n", b""))
                    lines = data.split(b"\r\n")
                for line in lines:
                    self.assertLessEqual(len(line), 998)
                    self.assertTrue(all(b < 0x80 for b in line), line)


if __name__ == "__main__":
    unittest.main()
