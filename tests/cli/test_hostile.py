"""Black-box runs of `mimetool explode`, `tree`, `cat` and `headers` on the committed hostile
messages (testdata/hostile/): every run ends in bounded time and memory with the documented exit
status, and explode never writes outside its output folder, whatever the attachment names say.

The big generated shapes are in test_hostile_big.py, which reuses the helpers here.
"""
import os
import pathlib
import signal
import subprocess
import sys
import tempfile
import threading
import unittest

from cli_support import MIMETOOL, TESTDATA

HOSTILE = pathlib.Path(TESTDATA) / "hostile"
sys.path.insert(0, str(HOSTILE))
import hostile  # noqa: E402  (testdata/hostile/hostile.py)

TIMEOUT = 120                 # seconds per command; real runs take well under 5
MAX_RSS_KB = 1024 * 1024      # 1 GiB per command; the 50 MB header line needs about 220 MB

EXIT_OK, EXIT_USAGE, EXIT_DATA, EXIT_NOINPUT = 0, 64, 65, 66

# Where the traversal names of traversal-*.eml point when taken literally.
ESCAPE_TARGETS = ["/tmp/mimetool-escape", "/tmp/mimetool-absolute", "/tmp/mimetool-unquoted", "/tmp/continued",
                  "/tmp/mimetool-drive.txt"]

BIDI = {chr(c) for c in list(range(0x202A, 0x202F)) + list(range(0x2066, 0x206A))}
DEVICES = {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(1, 10)} | {f"lpt{i}" for i in range(1, 10)}


class Run:
    """One finished command: exit status, output, wall time and the child's own peak RSS."""

    def __init__(self, args, returncode, stdout, stderr, rss_kb):
        self.args, self.returncode, self.stdout, self.stderr, self.rss_kb = args, returncode, stdout, stderr, rss_kb

    @property
    def err(self):
        return self.stderr.decode("utf-8", "replace")


def run_bounded(*args, cwd=None, timeout=TIMEOUT):
    """Runs mimetool with stdout/stderr in files (no pipe can fill up), kills it after TIMEOUT,
    and reads its peak RSS from wait4(), which reports on exactly this child."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([MIMETOOL, *map(str, args)], stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                cwd=cwd)
        timer = threading.Timer(timeout, lambda: proc.send_signal(signal.SIGKILL))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(args, proc.returncode, out.read(), err.read(), usage.ru_maxrss)


def tree_snapshot(root):
    """Every path below root with its type and size, symlinks not followed."""
    snap = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = os.path.join(dirpath, name)
            st = os.lstat(p)
            snap[os.path.relpath(p, root)] = (st.st_mode, st.st_size)
    return snap


def unsafe_reason(name):
    """Why a name written by explode is unsafe, or None."""
    raw = os.fsencode(name)
    if len(raw) > 255:
        return "longer than 255 bytes"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "not valid UTF-8"
    if text in (".", "..") or text.startswith(".") or text.startswith("-"):
        return "dot or dash first"
    if "/" in text or "\\" in text:
        return "path separator"
    if any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in text):
        return "control character"
    if BIDI & set(text):
        return "bidi control"
    if text.split(".")[0].strip().lower() in DEVICES:
        return "Windows device name"
    return None


class HostileCase(unittest.TestCase):
    """Helpers shared with test_hostile_big.py."""

    def setUp(self):
        # The sandbox sits alone in a private folder, so that anything explode writes next to it
        # is seen, and files other programs create meanwhile in the system's temporary folder
        # are not mistaken for it.
        self.enclosure = tempfile.mkdtemp(prefix="mimetool-hostile-")
        self.sandbox = os.path.join(self.enclosure, "sandbox")
        os.mkdir(self.sandbox)
        self.addCleanup(lambda: subprocess.run(["rm", "-rf", self.enclosure], check=False))
        self.escape_before = {t: os.path.lexists(t) for t in ESCAPE_TARGETS}

    def bounded(self, *args, cwd=None, timeout=TIMEOUT):
        r = run_bounded(*args, cwd=cwd or self.sandbox, timeout=timeout)
        self.assertNotEqual(r.returncode, -signal.SIGKILL, f"{args}: still running after {timeout} s")
        self.assertGreaterEqual(r.returncode, 0, f"{args}: killed by signal {-r.returncode}\n{r.err[-2000:]}")
        self.assertLessEqual(r.rss_kb, MAX_RSS_KB, f"{args}: peak RSS {r.rss_kb} KB")
        self.assertNotIn("internal error", r.err.lower(), f"{args}: {r.err[-2000:]}")
        return r

    def explode_contained(self, message, timeout=TIMEOUT):
        """Runs explode into sandbox/work/out; checks nothing appeared elsewhere and every name is
        safe. Returns (run, names written)."""
        work = os.path.join(self.sandbox, "work")
        os.makedirs(work)
        before = tree_snapshot(self.sandbox)
        r = self.bounded("explode", "-o", os.path.join(work, "out"), message, cwd=work, timeout=timeout)
        after = tree_snapshot(self.sandbox)
        created = set(after) - set(before)
        stray = sorted(p for p in created if p != os.path.join("work", "out") and
                       not p.startswith(os.path.join("work", "out") + os.sep))
        self.assertEqual(stray, [], f"explode {message} wrote outside its folder")
        beside = sorted(n for n in os.listdir(self.enclosure) if n != "sandbox")
        self.assertEqual(beside, [], f"explode {message} wrote next to the sandbox")
        for t in ESCAPE_TARGETS:
            if not self.escape_before[t]:
                self.assertFalse(os.path.lexists(t), f"explode {message} created {t}")
        out = os.path.join(work, "out")
        names = []
        for dirpath, dirnames, filenames in os.walk(out):
            for name in dirnames + filenames:
                p = os.path.join(dirpath, name)
                self.assertFalse(os.path.islink(p), f"{p} is a symbolic link")
                self.assertTrue(os.path.realpath(p).startswith(os.path.realpath(out) + os.sep), p)
                self.assertIsNone(unsafe_reason(name), f"{message}: unsafe name {name!r}: {unsafe_reason(name)}")
                names.append(name)
        return r, names

    def all_commands(self, message, status=EXIT_OK):
        """tree, headers and cat of the first part, each with the expected status."""
        for args in (("tree", message), ("tree", "--json", message), ("headers", message),
                     ("headers", "--json", message), ("cat", message, "1"), ("cat", "--text", message, "1"),
                     ("cat", "--raw", message, "1")):
            r = self.bounded(*args)
            if args[:2] == ("cat", "--text") and r.returncode == EXIT_USAGE and "not text" in r.err:
                continue  # --text on an attachment is refused as a usage error, by contract
            self.assertEqual(r.returncode, status, f"{args}: {r.err[-1500:]}")


class HostileSmall(HostileCase):
    def test_every_committed_file_is_handled_by_every_command(self):
        for name in sorted(hostile.SMALL):
            with self.subTest(name=name):
                self.all_commands(str(HOSTILE / name))

    def test_explode_keeps_every_committed_file_inside_the_folder(self):
        for name in sorted(hostile.SMALL):
            with self.subTest(name=name):
                self.setUp()
                r, names = self.explode_contained(str(HOSTILE / name))
                self.assertEqual(r.returncode, EXIT_OK, r.err)
                self.assertTrue(names, f"{name}: nothing written")

    def test_traversal_names_become_plain_names_in_every_encoding(self):
        for name in ("traversal-plain.eml", "traversal-rfc2047.eml", "traversal-rfc2231.eml"):
            with self.subTest(name=name):
                self.setUp()
                r, names = self.explode_contained(str(HOSTILE / name))
                self.assertEqual(r.returncode, EXIT_OK, r.err)
                # The attack names are kept recognisably (separators replaced), not dropped.
                self.assertTrue(any("mimetool-escape" in n for n in names), names)
                self.assertTrue(any("mimetool-absolute" in n for n in names), names)

    def test_dot_only_names_get_generated_names(self):
        r, names = self.explode_contained(str(HOSTILE / "dot-names.eml"))
        self.assertEqual(r.returncode, EXIT_OK, r.err)
        self.assertEqual(len(names), 6, names)

    def test_device_names_are_prefixed(self):
        r, names = self.explode_contained(str(HOSTILE / "device-names.eml"))
        self.assertEqual(r.returncode, EXIT_OK, r.err)
        self.assertIn("_CON", names)
        self.assertIn("_NUL.txt", names)

    def test_bidi_override_cannot_disguise_an_extension(self):
        r, names = self.explode_contained(str(HOSTILE / "control-bidi-names.eml"))
        self.assertEqual(r.returncode, EXIT_OK, r.err)
        self.assertIn("invoicetxt.exe", names)

    def test_png_is_read_as_a_headerless_message_with_a_warning(self):
        r = self.bounded("tree", HOSTILE / "image.png")
        self.assertEqual(r.returncode, EXIT_OK, r.err)
        self.assertIn("missing_header_body_separator", r.err)

    def test_empty_file_is_an_empty_message(self):
        r = self.bounded("headers", HOSTILE / "empty.eml")
        self.assertEqual(r.returncode, EXIT_OK, r.err)
        self.assertEqual(r.stdout.strip(), b"")

    def test_truncated_multipart_warns_and_strict_refuses_it(self):
        r = self.bounded("tree", HOSTILE / "truncated-body.eml")
        self.assertEqual(r.returncode, EXIT_OK, r.err)
        self.assertIn("missing_end_boundary", r.err)
        r = self.bounded("tree", "--strict", HOSTILE / "truncated-body.eml")
        self.assertEqual(r.returncode, EXIT_DATA, r.err)
        self.assertIn("missing_end_boundary", r.err)

    def test_invalid_base64_is_a_warning_not_a_failure(self):
        r = self.bounded("cat", HOSTILE / "invalid-base64.eml", "1")
        self.assertEqual(r.returncode, EXIT_OK, r.err)
        self.assertIn("invalid_base64", r.err)

    def test_directory_as_input_is_refused_by_the_single_message_commands(self):
        for args in (("tree", HOSTILE), ("headers", HOSTILE), ("cat", HOSTILE, "1")):
            with self.subTest(args=args[0]):
                r = self.bounded(*args)
                self.assertEqual(r.returncode, EXIT_NOINPUT, r.err)
                self.assertIn("is a folder, not a message file", r.err)

    def test_explode_of_the_hostile_folder_stays_inside_the_output_folder(self):
        r, names = self.explode_contained(str(HOSTILE))
        self.assertEqual(r.returncode, EXIT_OK, r.err)
        self.assertTrue(names)


if __name__ == "__main__":
    unittest.main()
