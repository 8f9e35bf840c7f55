"""How mimetool explode creates its files: write errors leave nothing under the final name, and
clashes are numbered alike in a folder the run creates and in one that already existed."""
import os
import resource
import signal
import subprocess
import unittest

from cli_support import MIMETOOL, CliTestCase, b64_part, mime_message, run, stderr_lines

SMALL = b"small part\r\n"
BIG = bytes(range(256)) * 800  # 200 KiB, over the file size limit below
LIMIT = 64 * 1024


def run_with_file_size_limit(*args):
    """Runs mimetool with RLIMIT_FSIZE at LIMIT bytes and SIGXFSZ ignored, so that a write past
    the limit fails with EFBIG instead of killing the process."""
    def preexec():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    return subprocess.run([MIMETOOL, *args], capture_output=True, env=env, timeout=120, preexec_fn=preexec)


def run_killed_by_file_size_limit(*args):
    """Runs mimetool with RLIMIT_FSIZE at LIMIT bytes and SIGXFSZ at its default action: a write
    past the limit ends the process by that signal (and no core file is written)."""
    def preexec():
        signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
        resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return subprocess.run([MIMETOOL, *args], capture_output=True, timeout=120, preexec_fn=preexec)


class OutputFiles(CliTestCase):
    def message_small_then_big(self):
        return self.write_file("m.eml", mime_message([b64_part('"first.txt"', SMALL), b64_part('"big.bin"', BIG)]))

    def assert_write_error_leaves_no_partial_file(self, out):
        proc = run_with_file_size_limit("explode", "-o", out, self.message_small_then_big())
        self.assertEqual(proc.returncode, 74, proc.stderr.decode("utf-8", "replace"))
        self.assertEqual(stderr_lines(proc), [f"mimetool: {os.path.join(out, 'big.bin')}: write error: File too large"])
        # The part written before the error stays; nothing of the failed one does, under any name.
        self.assertEqual(sorted(os.listdir(out)), ["first.txt"])
        with open(os.path.join(out, "first.txt"), "rb") as f:
            self.assertEqual(f.read(), SMALL)

    def test_write_error_in_a_new_folder_leaves_no_partial_file(self):
        self.assert_write_error_leaves_no_partial_file(os.path.join(self.tmp, "new"))

    def test_write_error_in_an_existing_folder_leaves_no_partial_file(self):
        out = os.path.join(self.tmp, "existing")
        os.mkdir(out)
        self.assert_write_error_leaves_no_partial_file(out)

    def test_write_error_in_a_new_subfolder_leaves_no_partial_file(self):
        msg = self.message_small_then_big()
        other = self.write_file("other.eml", mime_message([b64_part('"ok.txt"', SMALL)]))
        out = os.path.join(self.tmp, "many")
        proc = run_with_file_size_limit("explode", "-o", out, msg, other)
        self.assertEqual(proc.returncode, 74, proc.stderr.decode("utf-8", "replace"))
        self.assertEqual(stderr_lines(proc), [f"mimetool: {os.path.join(out, 'm', 'big.bin')}: write error: File too large"])
        self.assertEqual(self.list_files(out), ["m/first.txt", "other/ok.txt"])

    def test_a_signal_while_writing_into_a_new_folder_removes_the_file_in_progress(self):
        out = os.path.join(self.tmp, "new")
        proc = run_killed_by_file_size_limit("explode", "-o", out, self.message_small_then_big())
        self.assertEqual(proc.returncode, -signal.SIGXFSZ, proc.stderr.decode("utf-8", "replace"))
        # The process ended by its signal, as it would have without cleaning up, and only the
        # complete file is left.
        self.assertEqual(sorted(os.listdir(out)), ["first.txt"])

    def test_a_signal_while_writing_into_new_subfolders_removes_the_file_in_progress(self):
        msgs = [self.write_file(f"m{i}.eml", mime_message([b64_part('"first.txt"', SMALL)])) for i in range(3)]
        msgs.append(self.message_small_then_big())
        out = os.path.join(self.tmp, "many")
        proc = run_killed_by_file_size_limit("explode", "--jobs", "2", "-o", out, *msgs)
        self.assertEqual(proc.returncode, -signal.SIGXFSZ, proc.stderr.decode("utf-8", "replace"))
        files = self.list_files(out)
        self.assertNotIn("m/big.bin", files)
        self.assertIn("m/first.txt", files)

    def clash_names(self, out):
        # "a (2).txt" taken by the second part: the third "a.txt" must skip it.
        parts = [b64_part('"a.txt"', b"1"), b64_part('"a (2).txt"', b"2"), b64_part('"a.txt"', b"3"),
                 b64_part('"a.txt"', b"4")]
        proc = run("explode", "-o", out, self.write_file("clash.eml", mime_message(parts)))
        self.assertOk(proc)
        found = {}
        for name in os.listdir(out):
            with open(os.path.join(out, name), "rb") as f:
                found[name] = f.read()
        return found

    def test_clashes_in_a_new_folder_get_the_next_free_variant(self):
        self.assertEqual(self.clash_names(os.path.join(self.tmp, "new")),
                         {"a.txt": b"1", "a (2).txt": b"2", "a (3).txt": b"3", "a (4).txt": b"4"})

    def test_clashes_in_an_existing_folder_skip_files_already_there(self):
        out = os.path.join(self.tmp, "existing")
        os.mkdir(out)
        with open(os.path.join(out, "a (3).txt"), "wb") as f:
            f.write(b"mine")
        self.assertEqual(self.clash_names(out),
                         {"a.txt": b"1", "a (2).txt": b"2", "a (3).txt": b"mine", "a (4).txt": b"3", "a (5).txt": b"4"})

    def test_new_subfolders_hold_the_same_files_as_existing_ones(self):
        inputs = [self.write_file(f"in/m{i}.eml", mime_message([b64_part('"x.bin"', b"%d" % i), b64_part('"x.bin"', b"again")]))
                  for i in range(3)]
        fresh = os.path.join(self.tmp, "fresh")
        again = os.path.join(self.tmp, "again")
        os.makedirs(os.path.join(again, "m1"))
        self.assertOk(run("explode", "-o", fresh, *inputs))
        self.assertOk(run("explode", "-o", again, *inputs))
        expected = [f"m{i}/{n}" for i in range(3) for n in ("x (2).bin", "x.bin")]
        self.assertEqual(self.list_files(fresh), expected)
        self.assertEqual(self.list_files(again), expected)


if __name__ == "__main__":
    unittest.main()
