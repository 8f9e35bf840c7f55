"""mimetool explode on one message: files, names, bytes, manifests, statuses."""
import base64
import email
import email.policy
import glob
import hashlib
import json
import os
import unittest

from cli_support import CliTestCase, TESTDATA, b64_part, message_path, mime_message, run, stderr_lines

# Samples whose structure Python's email reads differently from RFC 5322.
PYTHON_READS_DIFFERENTLY = {
    # A folded header line holding only whitespace (RFC 5322 §4.2 obs-FWS): Python ends the header
    # block there and reads the rest of the header as body.
    "rfc5322-a.6.3-obsolete-white-space.eml",
}

PAYLOAD = b"%PDF-1.4\n\x00\x01\x02\xff binary payload\r\n"


def python_parts(msg):
    """(IMAP path, part) for every entity of a Python email message, in the manifest's order."""
    out = []

    def join(path, n):
        return f"{path}.{n}" if path else str(n)

    def visit(part, path):
        if part.get_content_maintype() == "message" and part.get_content_type() not in ("message/rfc822", "message/global"):
            out.append((path, None))  # message/partial, delivery-status…: Python reads a structure into them
            return
        if part.get_content_type() in ("message/rfc822", "message/global") and part.is_multipart():
            out.append((path, part))
            inner = part.get_payload(0)
            if inner.is_multipart():
                for i, sub in enumerate(inner.get_payload(), 1):
                    visit(sub, join(path, i))
            else:
                visit(inner, join(path, 1))
        elif part.is_multipart():
            out.append((path, part))
            for i, sub in enumerate(part.get_payload(), 1):
                visit(sub, join(path, i))
        else:
            out.append((path, part))

    visit(msg, "" if msg.is_multipart() else "1")
    return out


class Explode(CliTestCase):
    def explode(self, *inputs, extra=(), expect=0):
        out = os.path.join(self.tmp, "out")
        proc = run("explode", "--json", "-o", out, *extra, *inputs)
        self.assertEqual(proc.returncode, expect, proc.stderr.decode("utf-8", "replace"))
        manifest = json.loads(proc.stdout) if expect == 0 else None
        if manifest is not None:
            self.assertValidManifest(manifest, with_files=True)
        return out, manifest

    def read(self, folder, rel):
        with open(os.path.join(folder, rel), "rb") as f:
            return f.read()

    # --- bytes --------------------------------------------------------------------------

    def test_every_leaf_is_byte_identical_to_python_email_decoding(self):
        samples = sorted(glob.glob(os.path.join(TESTDATA, "messages", "*", "*.eml")))
        self.assertTrue(samples, "testdata/messages is empty")
        compared = 0
        for path in samples:
            if "malformed" in path or os.path.basename(path) in PYTHON_READS_DIFFERENTLY:
                continue  # defective bodies: the two decoders may recover differently
            with self.subTest(sample=os.path.relpath(path, TESTDATA)):
                out, manifest = self.explode(path)
                with open(path, "rb") as f:
                    msg = email.message_from_binary_file(f, policy=email.policy.compat32)
                by_path = {p["path"]: p for p in manifest["parts"]}
                for ppath, part in python_parts(msg):
                    if part is None or part.is_multipart():
                        continue
                    self.assertIn(ppath, by_path)
                    entry = by_path[ppath]
                    expected = part.get_payload(decode=True)
                    got = self.read(out, entry["file"])
                    if (part["Content-Transfer-Encoding"] or "").strip().lower() not in ("base64", "x-uuencode"):
                        # Python's parser turns CRLF into LF in bodies it keeps as text.
                        got = got.replace(b"\r\n", b"\n")
                        self.assertEqual(entry["size"], len(self.read(out, entry["file"])))
                        self.assertEqual(got, expected, f"part {ppath}")
                        compared += 1
                        continue
                    self.assertEqual(got, expected, f"part {ppath}")
                    self.assertEqual(entry["size"], len(got))
                    self.assertEqual(entry["sha256"], hashlib.sha256(got).hexdigest())
                    compared += 1
                for name in os.listdir(out):
                    os.remove(os.path.join(out, name))
        self.assertGreater(compared, 20)

    def test_base64_attachment_is_written_decoded_under_its_name(self):
        msg = self.write_file("m.eml", mime_message([b64_part('"report.pdf"', PAYLOAD, "application/pdf")]))
        out, manifest = self.explode(msg)
        self.assertEqual(self.read(out, "report.pdf"), PAYLOAD)
        self.assertEqual(manifest["parts"][1]["file"], "report.pdf")
        self.assertEqual(manifest["parts"][1]["filename"], "report.pdf")

    def test_text_part_keeps_its_charset_bytes(self):
        latin1 = "Grüße aus Köln\r\n".encode("iso-8859-1")
        part = (["Content-Type: text/plain; charset=iso-8859-1", "Content-Transfer-Encoding: 8bit"], latin1)
        out, manifest = self.explode(self.write_file("m.eml", mime_message([part])))
        self.assertEqual(self.read(out, "part-1.txt"), latin1)
        self.assertEqual(manifest["parts"][1]["charset"], "iso-8859-1")

    def test_parts_without_filename_are_named_by_path_and_media_type(self):
        parts = [(["Content-Type: text/plain"], "plain"), (["Content-Type: text/html"], "<p>x</p>"),
                 (["Content-Type: application/x-unheard-of"], "??")]
        out, _ = self.explode(self.write_file("m.eml", mime_message(parts)))
        self.assertEqual(self.list_files(out), ["part-1.txt", "part-2.html", "part-3.bin"])

    def test_single_part_message_body_is_part_1(self):
        msg = self.write_file("m.eml", "Subject: hi\r\nContent-Type: text/plain\r\n\r\nhello\r\n")
        out, manifest = self.explode(msg)
        self.assertEqual([p["path"] for p in manifest["parts"]], ["1"])
        self.assertEqual(self.read(out, "part-1.txt"), b"hello\r\n")

    def test_rfc2231_filename_is_decoded(self):
        part = b64_part("x; filename*=utf-8''%E6%8A%A5%E5%91%8A.pdf", PAYLOAD)
        out, manifest = self.explode(self.write_file("m.eml", mime_message([part])))
        self.assertEqual(self.list_files(out), ["报告.pdf"])
        self.assertEqual(manifest["parts"][1]["filename"], "报告.pdf")

    def test_manifest_records_headers_and_no_temporary_files_remain(self):
        msg = self.write_file("m.eml", mime_message([b64_part('"a.bin"', PAYLOAD)]))
        out, manifest = self.explode(msg)
        self.assertEqual(manifest["source"], msg)
        self.assertEqual(manifest["headers"]["subject"], "test")
        self.assertEqual(manifest["headers"]["from"], [{"name": "Ann", "address": "ann@example.org"}])
        self.assertEqual(manifest["headers"]["to"], [{"name": None, "address": "bob@example.org"}])
        self.assertEqual(manifest["headers"]["date"], "2020-09-01T10:00:00+02:00")
        self.assertEqual(manifest["headers"]["message_id"], "t1@example.org")
        self.assertEqual([f for f in os.listdir(out) if f.startswith(".mimetool")], [])

    # --- hostile names --------------------------------------------------------------------

    def hostile(self, filename_param):
        msg = self.write_file("m.eml", mime_message([b64_part(filename_param, PAYLOAD)]))
        out, manifest = self.explode(msg)
        files = self.list_files(out)
        self.assertEqual(len(files), 1, files)
        self.assertEqual(os.path.dirname(files[0]), "")  # directly inside the output folder
        self.assertEqual(self.read(out, files[0]), PAYLOAD)
        self.assertEqual(manifest["parts"][1]["file"], files[0])
        return files[0]

    def test_traversal_name_stays_inside_output_folder(self):
        name = self.hostile('"../../x"')
        self.assertNotIn("/", name)
        self.assertFalse(name.startswith("."))
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "x")))

    def test_absolute_name_becomes_relative(self):
        self.assertEqual(self.hostile('"/etc/passwd"'), "_etc_passwd")

    def test_windows_drive_path_loses_drive_and_separators(self):
        self.assertEqual(self.hostile(r'"C:\\x"'), "C__x")

    def test_control_characters_are_replaced(self):
        name = self.hostile("=?utf-8?q?a=07b=1Bc=0Ad=7Fe?=")
        self.assertFalse(any(ord(c) < 32 or ord(c) == 127 for c in name), repr(name))

    def test_right_to_left_override_is_removed(self):
        name = self.hostile("=?utf-8?b?" + base64.b64encode("invoice\u202efdp.exe".encode()).decode() + "?=")
        self.assertEqual(name, "invoicefdp.exe")

    def test_leading_dash_is_not_kept(self):
        self.assertEqual(self.hostile('"-rf.txt"'), "_rf.txt")

    def test_windows_device_name_is_prefixed(self):
        self.assertEqual(self.hostile('"con.txt"'), "_con.txt")

    def test_overlong_name_is_cut_to_255_bytes_keeping_extension(self):
        name = self.hostile('"' + "é" * 300 + '.pdf"')
        self.assertLessEqual(len(name.encode()), 255)
        self.assertTrue(name.endswith(".pdf"))
        name.encode("utf-8")  # still valid UTF-8

    def test_invalid_utf8_name_is_repaired(self):
        part = b64_part('"caf\xe9.txt"', PAYLOAD)
        raw = mime_message([part]).replace("caf\xe9".encode("utf-8"), b"caf\xe9")
        out, manifest = self.explode(self.write_file("m.eml", raw))
        (name,) = self.list_files(out)
        self.assertTrue(name.endswith(".txt"))
        self.assertNotIn("\udce9", name)

    def test_thousand_parts_with_one_name_get_numbered_variants(self):
        parts = [b64_part('"report.pdf"', b"%d" % i) for i in range(1000)]
        out, manifest = self.explode(self.write_file("m.eml", mime_message(parts)))
        files = set(self.list_files(out))
        expected = {"report.pdf"} | {f"report ({n}).pdf" for n in range(2, 1001)}
        self.assertEqual(files, expected)
        self.assertEqual(self.read(out, "report (1000).pdf"), b"999")
        self.assertEqual(manifest["parts"][1000]["file"], "report (1000).pdf")

    # --- existing output --------------------------------------------------------------------

    def test_existing_file_is_not_overwritten_without_force(self):
        msg = self.write_file("m.eml", mime_message([b64_part('"report.pdf"', PAYLOAD)]))
        out = self.write_file("out/report.pdf", b"mine")
        out = os.path.dirname(out)
        _, manifest = self.explode(msg)
        self.assertEqual(self.read(out, "report.pdf"), b"mine")
        self.assertEqual(self.read(out, "report (2).pdf"), PAYLOAD)
        self.assertEqual(manifest["parts"][1]["file"], "report (2).pdf")

    def test_force_overwrites_existing_file(self):
        msg = self.write_file("m.eml", mime_message([b64_part('"report.pdf"', PAYLOAD)]))
        out = os.path.dirname(self.write_file("out/report.pdf", b"mine"))
        self.explode(msg, extra=["--force"])
        self.assertEqual(self.list_files(out), ["report.pdf"])
        self.assertEqual(self.read(out, "report.pdf"), PAYLOAD)

    def test_force_still_numbers_clashes_within_one_run(self):
        msg = self.write_file("m.eml", mime_message([b64_part('"a.txt"', b"1"), b64_part('"a.txt"', b"2")]))
        out, _ = self.explode(msg, extra=["--force"])
        self.assertEqual(self.read(out, "a.txt"), b"1")
        self.assertEqual(self.read(out, "a (2).txt"), b"2")

    # --- inputs and outputs ---------------------------------------------------------------

    def test_stdin_input(self):
        data = mime_message([b64_part('"r.bin"', PAYLOAD)])
        out = os.path.join(self.tmp, "out")
        proc = run("explode", "--json", "-o", out, "-", stdin=data)
        self.assertOk(proc)
        self.assertEqual(json.loads(proc.stdout)["source"], "-")
        self.assertEqual(self.read(out, "r.bin"), PAYLOAD)

    def test_default_output_folder_is_input_name_without_extension(self):
        msg = self.write_file("in/invoice.eml", mime_message([b64_part('"r.bin"', PAYLOAD)]))
        work = os.path.join(self.tmp, "work")
        os.mkdir(work)
        proc = run("explode", msg, cwd=work)
        self.assertOk(proc)
        self.assertEqual(proc.stdout, b"")
        self.assertEqual(self.list_files(work), ["invoice/r.bin"])

    def test_output_folder_blocked_by_a_file_exits_73(self):
        msg = self.write_file("m.eml", mime_message([b64_part('"r.bin"', PAYLOAD)]))
        blocker = self.write_file("blocker", b"")
        proc = run("explode", "-o", os.path.join(blocker, "out"), msg)
        self.assertEqual(proc.returncode, 73)
        self.assertEqual(len(stderr_lines(proc)), 1)
        self.assertRegex(stderr_lines(proc)[0], r"^mimetool: .*blocker/out: cannot create the output folder")

    def test_unwritable_output_folder_exits_73(self):
        msg = self.write_file("m.eml", mime_message([b64_part('"r.bin"', PAYLOAD)]))
        out = os.path.join(self.tmp, "ro")
        os.mkdir(out)
        self.open_up()
        os.chmod(out, 0o555)
        proc = run("explode", "-o", out, msg, unprivileged=True)
        self.assertEqual(proc.returncode, 73)
        self.assertEqual(len(stderr_lines(proc)), 1)
        self.assertIn("Permission denied", stderr_lines(proc)[0])
        self.assertEqual(os.listdir(out), [])

    def test_strict_on_malformed_message_exits_65_and_writes_nothing(self):
        out, _ = self.explode(message_path("malformed", "missing-close-boundary.eml"), extra=["--strict"], expect=65)
        self.assertFalse(os.path.exists(out))

    def test_malformed_message_warnings_are_in_manifest_and_on_stderr(self):
        path = message_path("malformed", "missing-close-boundary.eml")
        out = os.path.join(self.tmp, "out")
        proc = run("explode", "--json", "-o", out, path)
        self.assertOk(proc)
        manifest = json.loads(proc.stdout)
        self.assertValidManifest(manifest, with_files=True)
        self.assertTrue(manifest["warnings"])
        lines = stderr_lines(proc)
        self.assertEqual(lines, [f"mimetool: warning: {path} {w}" for w in manifest["warnings"]])

    # --- encapsulated messages and uuencode ---------------------------------------------------

    def test_forwarded_message_is_saved_as_eml_and_its_parts_extracted(self):
        path = message_path("real-world", "thunderbird78-forward-as-attachment.eml")
        out, manifest = self.explode(path)
        by_path = {p["path"]: p for p in manifest["parts"]}
        self.assertEqual(by_path["2"]["content_type"], "message/rfc822")
        eml = self.read(out, by_path["2"]["file"])
        self.assertTrue(by_path["2"]["file"].endswith(".eml"))
        with open(path, "rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.compat32)
        self.assertEqual(email.message_from_bytes(eml)["Subject"], msg.get_payload(1).get_payload(0)["Subject"])
        self.assertIn("2.2", by_path)
        self.assertTrue(self.read(out, by_path["2.2"]["file"]).startswith(b"%PDF"))

    def test_base64_encoded_message_part_is_decoded_and_recursed(self):
        inner = mime_message([b64_part('"inner.bin"', PAYLOAD)], boundary="inner",
                             headers=["From: c@example.org", "Subject: inner"])
        part = (["Content-Type: message/rfc822", "Content-Transfer-Encoding: base64"],
                base64.encodebytes(inner).decode().replace("\n", "\r\n"))
        out, manifest = self.explode(self.write_file("m.eml", mime_message([part])))
        paths = [p["path"] for p in manifest["parts"]]
        self.assertEqual(paths, ["", "1", "1.1"])
        self.assertEqual(self.read(out, manifest["parts"][1]["file"]), inner)
        self.assertTrue(manifest["parts"][1]["file"].endswith(".eml"))
        self.assertEqual(self.read(out, "inner.bin"), PAYLOAD)

    def test_uuencoded_block_in_text_is_extracted(self):
        data = b"hello uuencode\n"
        import binascii
        block = b"begin 644 hello.txt\n" + binascii.b2a_uu(data) + b"`\nend\n"
        msg = self.write_file("m.eml", b"Subject: uu\r\nContent-Type: text/plain\r\n\r\nSee attached.\n\n" + block)
        out, manifest = self.explode(msg)
        self.assertEqual(self.read(out, "hello.txt"), data)
        (uu,) = manifest["parts"][0]["uuencoded"]
        self.assertEqual(uu["filename"], "hello.txt")
        self.assertEqual(uu["file"], "hello.txt")
        self.assertEqual(uu["sha256"], hashlib.sha256(data).hexdigest())
        self.assertTrue(self.read(out, "part-1.txt").endswith(block))  # the text itself is untouched


if __name__ == "__main__":
    unittest.main()
