"""mimetool explode over many messages: several inputs, folders, Maildir, mbox, --jobs."""
import json
import os
import unittest

from cli_support import CliTestCase, b64_part, message_path, mime_message, run, stderr_lines


def simple(subject, body="hello\r\n"):
    return f"From: a@example.org\r\nSubject: {subject}\r\nContent-Type: text/plain\r\n\r\n{body}".encode()


class Many(CliTestCase):
    def explode_json(self, *args, expect=0):
        out = os.path.join(self.tmp, "out")
        proc = run("explode", "--json", "-o", out, *args)
        self.assertEqual(proc.returncode, expect, proc.stderr.decode("utf-8", "replace"))
        manifests = [json.loads(line) for line in proc.stdout.decode().splitlines()]
        for m in manifests:
            self.assertValidManifest(m, with_files=True)
        return out, manifests, proc

    def read(self, *parts):
        with open(os.path.join(*parts), "rb") as f:
            return f.read()

    def test_several_inputs_get_one_subfolder_each_and_json_lines(self):
        a = self.write_file("in/alpha.eml", simple("a"))
        b = self.write_file("in/beta.eml", simple("b"))
        out, manifests, _ = self.explode_json(a, b)
        self.assertEqual([m["source"] for m in manifests], [a, b])
        self.assertEqual(self.list_files(out), ["alpha/part-1.txt", "beta/part-1.txt"])
        self.assertEqual(manifests[1]["parts"][0]["file"], "beta/part-1.txt")

    def test_inputs_with_the_same_name_get_numbered_subfolders(self):
        a = self.write_file("x/msg.eml", simple("a"))
        b = self.write_file("y/msg.eml", simple("b"))
        out, manifests, _ = self.explode_json(a, b)
        self.assertEqual(sorted(os.listdir(out)), ["msg", "msg (2)"])

    def test_folder_input_takes_every_regular_file_sorted(self):
        self.write_file("box/2.eml", simple("two"))
        self.write_file("box/1.eml", simple("one"))
        self.write_file("box/sub/3.eml", simple("three"))
        self.write_file("box/.hidden", simple("hidden"))
        out, manifests, _ = self.explode_json(os.path.join(self.tmp, "box"))
        self.assertEqual([m["headers"]["subject"] for m in manifests], ["one", "two", "three"])

    def test_maildir_contributes_cur_and_new_only(self):
        self.write_file("md/cur/1600000000.M1P1.host:2,S", simple("seen"))
        self.write_file("md/new/1600000001.M2P2.host", simple("new"))
        self.write_file("md/tmp/1600000002.M3P3.host", simple("in delivery"))
        self.write_file("md/dovecot-uidlist", b"3 V1 N4\n")
        out, manifests, _ = self.explode_json(os.path.join(self.tmp, "md"))
        self.assertEqual([m["headers"]["subject"] for m in manifests], ["seen", "new"])
        self.assertEqual(sorted(os.listdir(out)), ["1600000000.M1P1", "1600000001.M2P2"])

    def test_mbox_is_split_into_numbered_subfolders(self):
        mbox = (b"From a@example.org Mon Jan  1 00:00:00 2024\n" + simple("one").replace(b"\r\n", b"\n") + b"\n"
                b"From b@example.org Mon Jan  1 00:00:01 2024\n" + simple("two").replace(b"\r\n", b"\n") + b"\n")
        path = self.write_file("box.mbox", mbox)
        out, manifests, _ = self.explode_json("--mbox", path)
        self.assertEqual([m["source"] for m in manifests], [f"{path}#1", f"{path}#2"])
        self.assertEqual([m["headers"]["subject"] for m in manifests], ["one", "two"])
        self.assertEqual(self.list_files(out), ["0001/part-1.txt", "0002/part-1.txt"])
        self.assertEqual(self.read(out, "0001", "part-1.txt"), b"hello\n")  # separator line not included

    def test_mbox_from_quoting_is_undone(self):
        body = "first line\n>From the start\n>>From twice quoted\nFrom inside a paragraph\n"
        mbox = (b"From a@example.org Mon Jan  1 00:00:00 2024\nSubject: q\n\n" + body.encode() + b"\n")
        path = self.write_file("q.mbox", mbox)
        out, manifests, _ = self.explode_json("--mbox", path)
        self.assertEqual(len(manifests), 1)  # a From line without a blank line before it does not split
        self.assertEqual(self.read(out, "0001", "part-1.txt"),
                         b"first line\nFrom the start\n>From twice quoted\nFrom inside a paragraph\n")

    def test_broken_message_is_reported_and_the_others_still_explode(self):
        good1 = self.write_file("in/a.eml", simple("a"))
        missing = os.path.join(self.tmp, "in", "gone.eml")
        bad = message_path("malformed", "missing-close-boundary.eml")
        good2 = self.write_file("in/z.eml", simple("z"))
        out, manifests, proc = self.explode_json("--strict", good1, bad, good2, expect=65)
        self.assertEqual([m["source"] for m in manifests], [good1, good2])
        self.assertTrue(any(l.startswith(f"mimetool: {bad}: critical defect") for l in stderr_lines(proc)))
        self.assertEqual(sorted(os.listdir(out)), ["a", "z"])
        # A missing input is found before anything is written: exit 66.
        proc = run("explode", "-o", os.path.join(self.tmp, "out2"), good1, missing)
        self.assertEqual(proc.returncode, 66)

    def test_exit_status_is_that_of_the_first_failure(self):
        bad = message_path("malformed", "missing-close-boundary.eml")
        good = self.write_file("in/a.eml", simple("a"))
        blocked = self.write_file("out/b", b"not a folder")  # the subfolder for b.eml is a file
        b = self.write_file("in/b.eml", simple("b"))
        out = os.path.dirname(blocked)
        proc = run("explode", "--strict", "-o", out, good, b, bad)
        self.assertEqual(proc.returncode, 73)

    def test_jobs_2_gives_the_same_output_as_jobs_1(self):
        folder = os.path.join(self.tmp, "box")
        for i in range(12):
            parts = [b64_part(f'"f{i % 3}.bin"', bytes([i]) * (i + 1)), b64_part('"same.txt"', b"x%d" % i)]
            self.write_file(f"box/m{i:02}.eml", mime_message(parts))
        results = []
        for jobs in ("1", "2"):
            out = os.path.join(self.tmp, "out" + jobs)
            proc = run("explode", "--json", "--jobs", jobs, "-o", out, folder)
            self.assertOk(proc)
            files = {f: self.read(out, f) for f in self.list_files(out)}
            results.append((proc.stdout, files))
        self.assertEqual(results[0][0], results[1][0])
        self.assertEqual(results[0][1], results[1][1])
        self.assertEqual(len(results[0][0].splitlines()), 12)

    def test_no_progress_output_when_stderr_is_not_a_terminal(self):
        folder = os.path.join(self.tmp, "box")
        for i in range(3):
            self.write_file(f"box/m{i}.eml", simple(str(i)))
        proc = run("explode", "-o", os.path.join(self.tmp, "out"), folder)
        self.assertOk(proc)
        self.assertEqual(proc.stderr, b"")


if __name__ == "__main__":
    unittest.main()
