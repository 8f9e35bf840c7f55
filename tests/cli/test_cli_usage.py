"""Options, help, version, exit statuses and error lines of mimetool."""
import os
import re
import shlex
import subprocess
import unittest

from cli_support import SOURCE_DIR, CliTestCase, message_path, run, stderr_lines

SIMPLE = message_path("real-world", "gmail-web-mixed-alternative-pdf.eml")
COMMANDS = ("explode", "tree", "cat", "headers", "build")


class Usage(CliTestCase):
    def test_version_prints_project_version(self):
        proc = run("--version")
        self.assertOk(proc)
        self.assertRegex(proc.stdout.decode(), r"^mimetool \d+\.\d+\.\d+\n$")

    def test_help_lists_every_subcommand_on_stdout(self):
        proc = run("--help")
        self.assertOk(proc)
        listed = re.findall(r"^  ([a-z]+)   ", proc.stdout.decode(), re.M)
        self.assertEqual(listed, list(COMMANDS))

    def test_subcommand_help_shows_usage_and_examples(self):
        for command in COMMANDS:
            with self.subTest(command=command):
                proc = run(command, "--help")
                self.assertOk(proc)
                text = proc.stdout.decode()
                self.assertIn(f"usage: mimetool {command}", text)
                self.assertIn("examples:", text)
                self.assertIn(f"\n  mimetool {command} ", text.split("examples:")[1])

    def test_help_command_shows_the_help_of_build(self):
        proc = run("help", "build")
        self.assertOk(proc)
        self.assertEqual(proc.stdout, run("build", "--help").stdout)

    def test_unknown_command_error_lists_build(self):
        self.assertIn("build", stderr_lines(run("compose"))[0])

    def test_build_unknown_option_is_a_usage_error_with_one_line(self):
        proc = run("build", "--bogus")
        self.assertEqual(proc.returncode, 64)
        lines = stderr_lines(proc)
        self.assertEqual(len(lines), 1)
        self.assertRegex(lines[0], r"^mimetool: build: .*bogus")

    def test_no_arguments_is_a_usage_error(self):
        proc = run()
        self.assertEqual(proc.returncode, 64)
        self.assertIn("usage:", proc.stderr.decode())

    def test_unknown_command_is_a_usage_error_with_one_line(self):
        proc = run("explodify", SIMPLE)
        self.assertEqual(proc.returncode, 64)
        lines = stderr_lines(proc)
        self.assertEqual(len(lines), 1)
        self.assertRegex(lines[0], r"^mimetool: unknown command 'explodify'")

    def test_unknown_option_is_a_usage_error(self):
        proc = run("explode", "--bogus", SIMPLE, cwd=self.tmp)
        self.assertEqual(proc.returncode, 64)
        self.assertRegex(stderr_lines(proc)[0], r"^mimetool: explode: .*bogus")
        self.assertEqual(os.listdir(self.tmp), [])

    def test_non_numeric_jobs_is_a_usage_error(self):
        proc = run("explode", "--jobs", "many", SIMPLE, cwd=self.tmp)
        self.assertEqual(proc.returncode, 64)

    def test_zero_jobs_is_a_usage_error(self):
        proc = run("explode", "--jobs", "0", SIMPLE, cwd=self.tmp)
        self.assertEqual(proc.returncode, 64)

    def test_standard_input_twice_is_a_usage_error(self):
        self.assertEqual(run("explode", "-o", self.tmp + "/out", "-", "-", stdin=b"").returncode, 64)

    def test_missing_input_argument_is_a_usage_error(self):
        for command in ("explode", "tree", "headers"):
            with self.subTest(command=command):
                self.assertEqual(run(command).returncode, 64)

    def test_cat_without_path_is_a_usage_error(self):
        self.assertEqual(run("cat", SIMPLE).returncode, 64)

    def test_cat_text_and_raw_together_is_a_usage_error(self):
        self.assertEqual(run("cat", "--text", "--raw", SIMPLE, "1").returncode, 64)

    def test_extra_positional_argument_is_a_usage_error(self):
        self.assertEqual(run("tree", SIMPLE, SIMPLE).returncode, 64)

    def test_missing_file_exits_66_with_one_error_line(self):
        missing = os.path.join(self.tmp, "nope.eml")
        for command in (["tree"], ["headers"], ["cat", "--raw"], ["explode", "-o", self.tmp + "/out"]):
            with self.subTest(command=command[0]):
                args = command + [missing] + ([""] if command[0] == "cat" else [])
                proc = run(*args)
                self.assertEqual(proc.returncode, 66)
                self.assertEqual(stderr_lines(proc), [f"mimetool: {missing}: No such file or directory"])

    def test_directory_where_a_file_is_needed_exits_66(self):
        proc = run("tree", self.tmp)
        self.assertEqual(proc.returncode, 66)
        self.assertEqual(stderr_lines(proc), [f"mimetool: {self.tmp}: is a folder, not a message file"])

    def test_unreadable_file_exits_66(self):
        path = self.write_file("secret.eml", "Subject: x\r\n\r\nbody\r\n")
        self.open_up()
        os.chmod(path, 0)
        proc = run("tree", path, unprivileged=True)
        self.assertEqual(proc.returncode, 66)
        self.assertEqual(stderr_lines(proc), [f"mimetool: {path}: Permission denied"])

    def test_unknown_section_path_is_a_usage_error_listing_paths(self):
        proc = run("cat", SIMPLE, "9.9")
        self.assertEqual(proc.returncode, 64)
        line = stderr_lines(proc)[0]
        self.assertIn('has no part "9.9"', line)
        self.assertIn("1.1, 1.2, 2", line)

    def test_strict_on_malformed_message_exits_65_naming_the_defect(self):
        path = message_path("malformed", "missing-close-boundary.eml")
        for command in ("tree", "headers"):
            with self.subTest(command=command):
                proc = run(command, "--strict", path)
                self.assertEqual(proc.returncode, 65)
                self.assertEqual(proc.stdout, b"")
                self.assertRegex(stderr_lines(proc)[0], r"^mimetool: .*missing-close-boundary.eml: critical defect")

    def test_malformed_message_without_strict_exits_0_with_warning_lines(self):
        path = message_path("malformed", "missing-close-boundary.eml")
        proc = run("tree", path)
        self.assertOk(proc)
        lines = stderr_lines(proc)
        self.assertTrue(lines)
        pattern = re.compile(r"^mimetool: warning: " + re.escape(path) + r" @\d+: [a-z0-9_]+(: .*)? \(part [^)]*\)$")
        for line in lines:
            self.assertRegex(line, pattern)

    def test_png_given_as_message_is_parsed_leniently(self):
        png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
        path = self.write_file("image.png", png)
        proc = run("tree", path)
        self.assertOk(proc)
        self.assertIn(b"text/plain", proc.stdout)

    def test_empty_file_is_parsed_leniently(self):
        path = self.write_file("empty.eml", b"")
        proc = run("explode", "-o", os.path.join(self.tmp, "out"), path)
        self.assertOk(proc)
        self.assertEqual(self.list_files(os.path.join(self.tmp, "out")), ["part-1.txt"])


class Documentation(CliTestCase):
    """The man page and the bash completion know every option the binary accepts."""

    def options_of(self, command):
        """The long options listed in `COMMAND --help`: the names that start a line of the option table
        ("  --json", "  -o [ --output ] arg"), not options mentioned inside a description."""
        text = run(command, "--help").stdout.decode().split("examples:")[0]
        options = set(re.findall(r"^  (?:-[a-zA-Z] \[ )?(--[a-z0-9][a-z0-9-]*)", text, re.M))
        self.assertIn("--help", options, command)
        return options

    def test_options_of_build_are_the_ones_its_help_lists(self):
        # Guards options_of itself: a description mentioning "--json" must not count as an option.
        options = self.options_of("build")
        for option in ("--output", "--from", "--to", "--text", "--html", "--attach", "--inline", "--spec",
                       "--from-manifest", "--manifest", "--seed", "--lf", "--allow-8bit"):
            self.assertIn(option, options)
        self.assertNotIn("--json", options)

    def test_man_page_documents_every_command_and_option(self):
        with open(os.path.join(SOURCE_DIR, "cli", "mimetool.1"), encoding="utf-8") as f:
            page = f.read().replace("\\-", "-")
        synopsis = page.split(".SH SYNOPSIS")[1].split(".SH ")[0]
        commands = page.split(".SH COMMANDS")[1].split(".SH ")[0]
        examples = page.split(".SH EXAMPLES")[1].split(".SH ")[0]
        for command in COMMANDS:
            self.assertIn(f".B mimetool {command}", synopsis)
            self.assertIn(f".B {command}\n", commands)
            self.assertIn(f"mimetool {command} ", examples)
            for option in self.options_of(command):
                with self.subTest(command=command, option=option):
                    self.assertIn(option, page)
        for status in ("64", "65", "66", "73", "74"):
            self.assertIn(f".B {status}", page)

    def test_bash_completion_offers_every_option(self):
        with open(os.path.join(SOURCE_DIR, "cli", "completion", "mimetool.bash"), encoding="utf-8") as f:
            script = f.read()
        self.assertEqual(re.search(r'local commands="([^"]*)"', script).group(1).split(), list(COMMANDS))
        for command in COMMANDS:
            line = re.search(rf"^\s*{command}\) options=\"([^\"]*)\"", script, re.M)
            self.assertIsNotNone(line, command)
            self.assertEqual(set(line.group(1).split()) - {"--help"}, self.options_of(command) - {"--help"})

    def test_bash_completion_completes_build_values(self):
        # Runs the completion function in bash (without the bash-completion package, so the
        # compgen fallbacks are used) inside a folder holding one file and one folder.
        os.mkdir(os.path.join(self.tmp, "folder"))
        self.write_file("body.txt", "x")
        script = os.path.join(SOURCE_DIR, "cli", "completion", "mimetool.bash")

        def complete(*words):
            code = (f"source {shlex.quote(script)}; COMP_WORDS=({' '.join(shlex.quote(w) for w in words)}); "
                    f"COMP_CWORD={len(words) - 1}; _mimetool; printf '%s\\n' \"${{COMPREPLY[@]}}\"")
            proc = subprocess.run(["bash", "--norc", "--noprofile", "-c", code], cwd=self.tmp, capture_output=True,
                                  text=True, timeout=30)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            return sorted(l for l in proc.stdout.splitlines() if l)

        self.assertEqual(complete("mimetool", "bu"), ["build"])
        for option in ("--text", "--html", "--attach", "--inline", "--spec", "-o", "--manifest"):
            with self.subTest(option=option):
                self.assertEqual(complete("mimetool", "build", option, ""), ["body.txt", "folder"])
        self.assertEqual(complete("mimetool", "build", "--from-manifest", ""), ["folder"])
        self.assertIn("gb2312", complete("mimetool", "build", "--charset", "gb"))
        self.assertEqual(complete("mimetool", "build", "--subject", ""), [])
        self.assertEqual(complete("mimetool", "build", "--allow"), ["--allow-8bit"])


if __name__ == "__main__":
    unittest.main()
