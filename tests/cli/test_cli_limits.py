"""The parse-limit options (--max-depth, --max-parts, --max-header-fields, --max-header-bytes)."""
import json
import os
import unittest

from cli_support import CliTestCase, b64_part, mime_message, run, stderr_lines

READING_COMMANDS = (("explode", "-o", "OUT"), ("tree",), ("cat", "INPUT", "1"), ("headers",))


def nested_multipart(depth):
    """multipart/mixed nested `depth` deep around one text/plain leaf."""
    head = b"From: a@example.org\r\nSubject: nested\r\nMIME-Version: 1.0\r\n"
    open_parts, close_parts = b"", b""
    for level in range(depth):
        open_parts += f'Content-Type: multipart/mixed; boundary="b{level}"\r\n\r\n--b{level}\r\n'.encode()
        close_parts = f"\r\n--b{level}--\r\n".encode() + close_parts
    return head + open_parts + b"Content-Type: text/plain\r\n\r\ninnermost\r\n" + close_parts


def deepest(manifest):
    """Components of the longest IMAP section path in a manifest (the root is 0)."""
    return max(p["path"].count(".") + 1 if p["path"] else 0 for p in manifest["parts"])


class Limits(CliTestCase):
    def command(self, base, path, *extra):
        args = []
        for a in base:
            args.append(os.path.join(self.tmp, "out") if a == "OUT" else path if a == "INPUT" else a)
        if base[0] != "cat":
            args.append(path)
        return run(*args, *extra)

    def test_every_reading_command_lists_the_limits_in_its_help(self):
        for base in READING_COMMANDS:
            with self.subTest(command=base[0]):
                text = run(base[0], "--help").stdout.decode()
                for option in ("--max-depth", "--max-parts", "--max-header-fields", "--max-header-bytes"):
                    self.assertIn(option, text)

    def test_bad_values_are_usage_errors_naming_the_option(self):
        path = self.write_file("m.eml", mime_message([(["Content-Type: text/plain"], "hi")]))
        cases = [("--max-parts", "-1"), ("--max-parts", "0"), ("--max-depth", "two"),
                 ("--max-header-fields", "0"), ("--max-header-bytes", "1Q"), ("--max-header-bytes", "0"),
                 ("--max-header-bytes", "99999999999999999999G"), ("--max-depth", "")]
        for base in READING_COMMANDS:
            for option, value in cases:
                with self.subTest(command=base[0], option=option, value=value):
                    proc = self.command(base, path, f"{option}={value}")
                    self.assertEqual(proc.returncode, 64)
                    lines = stderr_lines(proc)
                    self.assertEqual(len(lines), 1, lines)
                    self.assertRegex(lines[0], f"^mimetool: {base[0]}: .*{option}")
                    self.assertFalse(os.path.exists(os.path.join(self.tmp, "out")))

    def test_max_depth_stops_opening_below_the_given_depth(self):
        path = self.write_file("deep.eml", nested_multipart(12))
        default = json.loads(run("tree", "--json", path).stdout)
        self.assertEqual(deepest(default), 12)
        proc = run("tree", "--json", "--max-depth", "3", path)
        self.assertOk(proc)
        limited = json.loads(proc.stdout)
        self.assertEqual(deepest(limited), 3)
        self.assertIn("nesting_too_deep", proc.stderr.decode())

    def test_raising_max_depth_opens_what_the_default_keeps_closed(self):
        path = self.write_file("deep.eml", nested_multipart(150))
        default = run("tree", "--json", path)
        self.assertIn("nesting_too_deep", default.stderr.decode())
        raised = run("tree", "--json", "--max-depth", "200", path)
        self.assertOk(raised)
        self.assertNotIn("nesting_too_deep", raised.stderr.decode())
        self.assertEqual(deepest(json.loads(raised.stdout)), 150)

    def test_max_parts_keeps_the_rest_in_the_last_part_and_loses_no_byte(self):
        parts = [b64_part(f"f{i}.bin", bytes([i]) * 50) for i in range(10)]
        data = mime_message(parts)
        path = self.write_file("many.eml", data)
        out = os.path.join(self.tmp, "out")
        proc = run("explode", "--json", "-o", out, "--max-parts", "4", path)
        self.assertOk(proc)
        self.assertIn("too_many_parts", proc.stderr.decode())
        manifest = json.loads(proc.stdout)
        self.assertEqual(len(manifest["parts"]), 4)
        self.assertEqual(run("cat", "--raw", "--max-parts", "4", path, "").stdout, data)

    def test_max_parts_with_strict_refuses_the_message(self):
        path = self.write_file("many.eml", mime_message([b64_part(f"f{i}.bin", b"x") for i in range(5)]))
        proc = run("tree", "--strict", "--max-parts", "3", path)
        self.assertEqual(proc.returncode, 65)
        self.assertIn("too_many_parts", stderr_lines(proc)[-1])

    def test_max_header_fields_ends_the_header_block(self):
        head = [f"X-Field-{i}: {i}" for i in range(20)] + ["Subject: after the limit"]
        path = self.write_file("fields.eml", "\r\n".join(head) + "\r\n\r\nbody\r\n")
        proc = run("headers", "--json", "--max-header-fields", "5", path)
        self.assertOk(proc)
        self.assertEqual([f["name"] for f in json.loads(proc.stdout)], [f"X-Field-{i}" for i in range(5)])
        self.assertIn("header_limit_exceeded", proc.stderr.decode())

    def test_max_header_bytes_takes_a_suffix(self):
        head = [f"X-Filler-{i}: " + "y" * 100 for i in range(30)] + ["Subject: late"]
        path = self.write_file("bytes.eml", "\r\n".join(head) + "\r\n\r\nbody\r\n")
        proc = run("headers", "--json", "--max-header-bytes", "1K", path)
        self.assertOk(proc)
        names = [f["name"] for f in json.loads(proc.stdout)]
        self.assertLess(len(names), 30)
        self.assertNotIn("Subject", names)
        self.assertEqual(len(json.loads(run("headers", "--json", "--max-header-bytes", "1M", path).stdout)), 31)


if __name__ == "__main__":
    unittest.main()
