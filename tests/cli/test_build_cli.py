"""`mimetool build` contract: exit statuses, one-line errors, no partial output, --spec and
--from-manifest.

Environment (set by ctest): MIMETOOL, MIMETOOL_TESTDATA_DIR.
"""
import email
import email.policy
import json
import os
import subprocess
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get("MIMETOOL_SOURCE_DIR", os.path.normpath(os.path.join(HERE, "..", "..")))
TESTDATA = os.environ.get("MIMETOOL_TESTDATA_DIR", os.path.join(SOURCE_DIR, "testdata"))
MIMETOOL = os.environ.get("MIMETOOL", os.path.join(SOURCE_DIR, "build", "cli", "mimetool"))
FILES = os.path.join(TESTDATA, "build", "files")


def run(*args, cwd=None, stdin=None):
    return subprocess.run([MIMETOOL, *args], capture_output=True, cwd=cwd, input=stdin, timeout=60)


BASE = ["build", "--from", "Ann <ann@example.org>", "--to", "bob@example.org", "--subject", "x",
        "--date", "Tue, 01 Oct 2024 10:00:00 +0200", "--message-id", "t@example.org", "--seed", "1"]


class BuildErrors(unittest.TestCase):
    def expect_failure(self, extra, status, needle):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "out.eml")
            proc = run(*BASE, *extra, "-o", out)
            self.assertEqual(proc.returncode, status, proc.stderr)
            lines = proc.stderr.decode("utf-8").splitlines()
            self.assertEqual(len(lines), 1, lines)
            self.assertTrue(lines[0].startswith("mimetool: build: "), lines[0])
            self.assertIn(needle, lines[0])
            self.assertEqual(os.listdir(tmp), [], "no output (and no temporary file) after an error")
            self.assertEqual(proc.stdout, b"")

    def test_missing_text_file_is_66(self):
        self.expect_failure(["--text", "/nonexistent/body.txt"], 66, "/nonexistent/body.txt")

    def test_missing_attachment_is_66(self):
        self.expect_failure(["--attach", "/nonexistent/a.pdf;type=application/pdf"], 66, "/nonexistent/a.pdf")

    def test_unknown_charset_is_64(self):
        self.expect_failure(["--charset", "x-no-such-charset", "--text", os.path.join(FILES, "hello.txt")], 64,
                            "x-no-such-charset")

    def test_malformed_address_is_64(self):
        self.expect_failure(["--cc", "not an address"], 64, "not an address")

    def test_header_with_newline_is_64(self):
        self.expect_failure(["--header", "X-Test: a\nBcc: victim@example.org"], 64, "X-Test")

    def test_header_without_colon_is_64(self):
        self.expect_failure(["--header", "NoColonHere"], 64, "--header")

    def test_unknown_option_is_64(self):
        self.expect_failure(["--no-such-option"], 64, "no-such-option")

    def test_text_not_in_charset_is_65(self):
        self.expect_failure(["--charset", "iso-8859-1", "--text", os.path.join(FILES, "zh.txt")], 65, "iso-8859-1")

    def test_malformed_date_is_64(self):
        self.expect_failure(["--date", "the day after tomorrow"], 64, "date")

    def test_inline_without_cid_is_64(self):
        self.expect_failure(["--inline", os.path.join(FILES, "logo.png")], 64, "cid")

    def test_malformed_spec_is_65(self):
        with tempfile.TemporaryDirectory() as tmp:
            spec = os.path.join(tmp, "s.json")
            with open(spec, "w") as f:
                f.write("{not json")
            proc = run("build", "--spec", spec)
            self.assertEqual(proc.returncode, 65)
            self.assertIn(b"not valid JSON", proc.stderr)

    def test_unwritable_output_is_73_and_leaves_nothing(self):
        proc = run(*BASE, "-o", "/nonexistent-dir/out.eml")
        self.assertEqual(proc.returncode, 73, proc.stderr)
        self.assertTrue(proc.stderr.startswith(b"mimetool: build: "))

    def test_failed_build_keeps_an_existing_output_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "out.eml")
            with open(out, "wb") as f:
                f.write(b"previous")
            proc = run(*BASE, "--attach", "/nonexistent/x", "-o", out)
            self.assertEqual(proc.returncode, 66)
            with open(out, "rb") as f:
                self.assertEqual(f.read(), b"previous")


class BuildInputs(unittest.TestCase):
    def test_text_from_standard_input(self):
        proc = run(*BASE, "--text", "-", stdin="Привет\n".encode())
        self.assertEqual(proc.returncode, 0, proc.stderr)
        msg = email.message_from_bytes(proc.stdout, policy=email.policy.default)
        self.assertEqual(msg.get_content().replace("\r\n", "\n"), "Привет\n")

    def test_attach_type_and_name_override(self):
        proc = run(*BASE, "--attach", os.path.join(FILES, "report.pdf") + ";type=application/x-custom;name=Отчёт.pdf")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        msg = email.message_from_bytes(proc.stdout, policy=email.policy.default)
        att = next(msg.iter_attachments())
        self.assertEqual(att.get_content_type(), "application/x-custom")
        self.assertEqual(att.get_filename(), "Отчёт.pdf")

    def test_attachment_type_is_guessed_from_the_extension(self):
        proc = run(*BASE, "--attach", os.path.join(FILES, "report.pdf"), "--attach", os.path.join(FILES, "logo.png"))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        msg = email.message_from_bytes(proc.stdout, policy=email.policy.default)
        self.assertEqual([a.get_content_type() for a in msg.iter_attachments()], ["application/pdf", "image/png"])

    def test_seed_makes_output_reproducible(self):
        args = [*BASE, "--text", os.path.join(FILES, "hello.txt"), "--attach", os.path.join(FILES, "report.pdf")]
        self.assertEqual(run(*args).stdout, run(*args).stdout)

    def test_spec_builds_nested_tree(self):
        spec = os.path.join(TESTDATA, "build", "spec-nested.json")
        proc = run("build", "--spec", spec)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        msg = email.message_from_bytes(proc.stdout, policy=email.policy.strict)
        types = [p.get_content_type() for p in msg.walk()]
        self.assertEqual(types[:5], ["multipart/mixed", "multipart/alternative", "text/plain", "text/html",
                                     "application/json"])
        self.assertIn("message/rfc822", types)
        inner = [p for p in msg.walk() if p.get_content_type() == "message/rfc822"][0].get_payload(0)
        self.assertEqual(str(inner["Subject"]), "Вложенное письмо")

    def test_manifest_round_trip_rebuilds_the_same_tree_and_bytes(self):
        with tempfile.TemporaryDirectory() as tmp:
            original = os.path.join(tmp, "orig.eml")
            proc = run(*BASE, "--text", os.path.join(FILES, "zh.txt"), "--html", os.path.join(FILES, "hello.html"),
                       "--inline", os.path.join(FILES, "logo.png") + ";cid=logo@example.org",
                       "--attach", os.path.join(FILES, "report.pdf") + ";name=季度报告.pdf", "-o", original)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            out = os.path.join(tmp, "exploded")
            ex = run("explode", "--json", "-o", out, original)
            self.assertEqual(ex.returncode, 0, ex.stderr)
            with open(os.path.join(tmp, "manifest.json"), "wb") as f:
                f.write(ex.stdout)
            rebuilt = run("build", "--from-manifest", out, "--manifest", os.path.join(tmp, "manifest.json"),
                          "--seed", "1")
            self.assertEqual(rebuilt.returncode, 0, rebuilt.stderr)
            a = email.message_from_bytes(open(original, "rb").read(), policy=email.policy.default)
            b = email.message_from_bytes(rebuilt.stdout, policy=email.policy.default)
            self.assertEqual([p.get_content_type() for p in a.walk()], [p.get_content_type() for p in b.walk()])
            self.assertEqual(str(a["Subject"]), str(b["Subject"]))
            self.assertEqual(str(a["From"]), str(b["From"]))
            self.assertEqual(a["Message-ID"], b["Message-ID"])
            for pa, pb in zip(a.walk(), b.walk()):
                if not pa.is_multipart():
                    self.assertEqual(pa.get_payload(decode=True), pb.get_payload(decode=True))
                    self.assertEqual(pa.get_filename(), pb.get_filename())
                    self.assertEqual(pa["Content-ID"], pb["Content-ID"])

    def test_manifest_defaults_to_dir_manifest_json(self):
        with tempfile.TemporaryDirectory() as tmp:
            proc = run("build", "--from-manifest", tmp)
            self.assertEqual(proc.returncode, 66)
            self.assertIn(b"manifest.json", proc.stderr)


if __name__ == "__main__":
    unittest.main()
