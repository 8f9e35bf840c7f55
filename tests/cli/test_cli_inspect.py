"""mimetool tree, cat and headers."""
import email
import email.policy
import json
import os
import unittest

from cli_support import CliTestCase, b64_part, message_path, mime_message, run, stderr_lines

MIXED = message_path("real-world", "gmail-web-mixed-alternative-pdf.eml")
FORWARD = message_path("real-world", "thunderbird78-forward-as-attachment.eml")
JAPANESE = message_path("real-world", "becky-iso-2022-jp.eml")


class Tree(CliTestCase):
    def test_tree_shows_paths_types_and_box_drawing_without_colour_when_piped(self):
        proc = run("tree", MIXED, cwd=self.tmp)
        self.assertOk(proc)
        lines = proc.stdout.decode().splitlines()
        self.assertEqual(lines[0], "multipart/mixed")
        self.assertTrue(lines[1].startswith("├── 1 multipart/alternative"))
        self.assertTrue(lines[2].startswith("│   ├── 1.1 text/plain; charset=utf-8 quoted-printable"))
        self.assertRegex(lines[-1], r'^└── 2 application/pdf "[^"]+\.pdf" base64 \d+ bytes$')
        self.assertNotIn(b"\x1b[", proc.stdout)
        self.assertEqual(os.listdir(self.tmp), [])  # tree writes nothing

    def run_on_terminal(self, *args, env=None):
        """Runs mimetool with stdout on a pseudo-terminal; returns (status, bytes written)."""
        import pty
        import subprocess
        from cli_support import MIMETOOL
        master, slave = pty.openpty()
        full_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
        full_env["TERM"] = "xterm"
        full_env.update(env or {})
        proc = subprocess.Popen([MIMETOOL, *args], stdout=slave, stderr=subprocess.DEVNULL, env=full_env)
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        os.close(master)
        return proc.wait(), b"".join(chunks)

    def test_tree_is_coloured_on_a_terminal(self):
        status, out = self.run_on_terminal("tree", MIXED)
        self.assertEqual(status, 0)
        self.assertIn(b"\x1b[", out)

    def test_no_color_environment_variable_turns_colour_off(self):
        status, out = self.run_on_terminal("tree", MIXED, env={"NO_COLOR": "1"})
        self.assertEqual(status, 0)
        self.assertIn(b"application/pdf", out)
        self.assertNotIn(b"\x1b[", out)

    def test_no_color_option_turns_colour_off(self):
        status, out = self.run_on_terminal("tree", "--no-color", MIXED)
        self.assertEqual(status, 0)
        self.assertIn(b"application/pdf", out)
        self.assertNotIn(b"\x1b[", out)

    def test_tree_json_is_the_manifest_without_file_keys(self):
        proc = run("tree", "--json", FORWARD)
        self.assertOk(proc)
        manifest = json.loads(proc.stdout)
        self.assertValidManifest(manifest, with_files=False)
        self.assertEqual([p["path"] for p in manifest["parts"]], ["", "1", "2", "2.1", "2.2"])

    def test_tree_json_sizes_match_explode(self):
        tree = json.loads(run("tree", "--json", MIXED).stdout)
        out = os.path.join(self.tmp, "out")
        exploded = json.loads(run("explode", "--json", "-o", out, MIXED).stdout)
        for t, e in zip(tree["parts"], exploded["parts"]):
            e.pop("file", None)
            self.assertEqual(t, e)

    def test_rfc2049_paths_follow_imap_numbering(self):
        proc = run("tree", "--json", message_path("rfc", "rfc2049-appendix-a-complex-multipart.eml"))
        paths = [p["path"] for p in json.loads(proc.stdout)["parts"]]
        self.assertEqual(paths, ["", "1", "2", "3", "3.1", "3.2", "4", "5", "5.1"])


class Cat(CliTestCase):
    def test_cat_prints_decoded_attachment_bytes(self):
        with open(MIXED, "rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.compat32)
        proc = run("cat", MIXED, "2")
        self.assertOk(proc)
        self.assertEqual(proc.stdout, msg.get_payload(1).get_payload(decode=True))

    def test_cat_text_converts_charset_to_utf8(self):
        proc = run("cat", "--text", JAPANESE, "1")
        self.assertOk(proc)
        self.assertIn("議事録", proc.stdout.decode("utf-8"))

    def test_cat_without_text_keeps_charset_bytes(self):
        proc = run("cat", JAPANESE, "1")
        self.assertIn(b"\x1b$B", proc.stdout)  # ISO-2022-JP escape sequences untouched

    def test_cat_text_on_non_text_part_is_a_usage_error(self):
        proc = run("cat", "--text", MIXED, "2")
        self.assertEqual(proc.returncode, 64)
        self.assertIn("not text", stderr_lines(proc)[0])

    def test_cat_raw_of_empty_path_equals_input(self):
        with open(FORWARD, "rb") as f:
            data = f.read()
        proc = run("cat", "--raw", FORWARD, "")
        self.assertOk(proc)
        self.assertEqual(proc.stdout, data)

    def test_cat_raw_of_a_part_is_its_header_and_encoded_body(self):
        proc = run("cat", "--raw", MIXED, "2")
        self.assertOk(proc)
        with open(MIXED, "rb") as f:
            data = f.read()
        self.assertIn(proc.stdout, data)
        self.assertTrue(proc.stdout.lower().startswith(b"content-type: application/pdf"))

    def test_cat_reads_standard_input(self):
        data = mime_message([b64_part('"a.bin"', b"\x00\x01binary")])
        proc = run("cat", "-", "1", stdin=data)
        self.assertOk(proc)
        self.assertEqual(proc.stdout, b"\x00\x01binary")

    def test_write_error_on_stdout_exits_74(self):
        import subprocess
        from cli_support import MIMETOOL
        with open("/dev/full", "wb") as full:
            proc = subprocess.run([MIMETOOL, "cat", MIXED, "2"], stdout=full, stderr=subprocess.PIPE)
        self.assertEqual(proc.returncode, 74)
        self.assertEqual(len(stderr_lines(proc)), 1)
        self.assertRegex(stderr_lines(proc)[0], r"^mimetool: stdout: No space left on device$")

    def test_cat_part_inside_forwarded_message(self):
        proc = run("cat", FORWARD, "2.2")
        self.assertOk(proc)
        self.assertTrue(proc.stdout.startswith(b"%PDF"))


class Headers(CliTestCase):
    def test_headers_are_decoded_in_order_one_per_line(self):
        proc = run("headers", JAPANESE)
        self.assertOk(proc)
        lines = proc.stdout.decode("utf-8").splitlines()
        self.assertEqual(lines[0], "Date: Mon, 12 Oct 2015 15:30:12 +0900")
        self.assertIn("Subject: 会議の議事録のお知らせ", lines)
        self.assertIn("From: 山田 太郎 <yamada.taro@example.jp>", lines)

    def test_headers_json_is_a_list_of_name_value_objects(self):
        proc = run("headers", "--json", JAPANESE)
        self.assertOk(proc)
        fields = json.loads(proc.stdout)
        self.assertEqual(fields[3], {"name": "Subject", "value": "会議の議事録のお知らせ"})
        self.assertTrue(all(set(f) == {"name", "value"} for f in fields))

    def test_folded_header_is_unfolded(self):
        path = self.write_file("m.eml", b"Subject: one\r\n two\r\n\tthree\r\n\r\nbody\r\n")
        self.assertEqual(run("headers", path).stdout, b"Subject: one two\tthree\n")

    def test_control_characters_in_decoded_values_are_neutralised(self):
        path = self.write_file("m.eml", b"Subject: =?utf-8?q?a=1B[31mred=0Anext?=\r\n\r\nbody\r\n")
        out = run("headers", path).stdout.decode("utf-8")
        self.assertNotIn("\x1b", out)
        self.assertEqual(out.count("\n"), 1)


if __name__ == "__main__":
    unittest.main()
