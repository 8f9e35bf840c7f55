"""Independent validation of `mimetool build` with Python's email package.

Builds many random messages (Chinese, Japanese and Russian subjects and names; binary and text
attachments; every shape; several charsets; CRLF and LF) and reads them back with
email.policy.default, and with email.policy.strict for the parse itself: structure, attachment
bytes, decoded subject, names and filenames, and decoded text must all agree with the input.
Every line must be at most 998 octets, base64 lines exactly 76 characters (the last shorter),
and header lines at most 78 characters where they can be folded.

Environment (set by ctest): MIMETOOL, MIMETOOL_TESTDATA_DIR.
"""
import email
import email.policy
import os
import random
import re
import subprocess
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get("MIMETOOL_SOURCE_DIR", os.path.normpath(os.path.join(HERE, "..", "..")))
MIMETOOL = os.environ.get("MIMETOOL", os.path.join(SOURCE_DIR, "build", "cli", "mimetool"))

NAMES = ["张三", "李小龙", "山田太郎", "鈴木花子", "Анна Иванова", "Пётр Чайковский", "Ann Smith",
         "O'Brien, Pat", "Zoë Ünal", "José Ñúñez"]
SUBJECTS = ["2024年第三季度报告（请查收）", "第３四半期報告書の送付について", "Отчёт за третий квартал — окончательная версия",
            "Quarterly report", "Re: Fwd: 会议纪要 / протокол / 議事録 " * 3, "Grüße aus Köln", "=?not an encoded word?=",
            "a" * 120]
FILENAMES = ["report.pdf", "财务报告（最终版）.xlsx", "見積書 2024.pdf", "Отчёт за квартал.docx", "data.bin",
             "very long file name " * 6 + ".txt", "comma, \"quoted\" (1).csv", "image.png"]
TEXTS = ["您好，\n请查收附件。\n此致\n张三\n", "山田様\n\n四半期報告書を添付いたします。\n", "Здравствуйте!\nОтчёт во вложении.\n",
         "Hello,\nplain ASCII text.\n", "Viele Grüße aus dem schönen Köln am Rhein, bis bald!\n",
         "long line " * 150 + "\n", "From the start\n.\nend\n"]
# Charsets each text can be written in, besides utf-8.
CHARSETS = {0: ["gb2312", "gbk", "gb18030"], 1: ["iso-2022-jp", "shift_jis", "euc-jp"], 2: ["koi8-r", "windows-1251"],
            3: ["us-ascii", "iso-8859-1"], 4: ["iso-8859-1", "windows-1252"], 5: ["us-ascii"], 6: ["us-ascii"]}


def build(args, cwd):
    return subprocess.run([MIMETOOL, "build", *args], capture_output=True, cwd=cwd, timeout=60)


def mailbox(rng, i):
    return f"{rng.choice(NAMES)} <user{i}@example.{rng.choice(['cn', 'jp', 'ru', 'org'])}>"


def split_name(mb):
    name, addr = mb.rsplit(" <", 1)
    return name, addr[:-1]


class Scenario:
    """One random message: the options given and what must come back."""

    def __init__(self, rng, tmp, index):
        self.lf = rng.random() < 0.25
        self.text_index = rng.randrange(len(TEXTS)) if rng.random() < 0.85 else None
        self.charset = "utf-8"
        if self.text_index is not None and rng.random() < 0.5:
            self.charset = rng.choice(CHARSETS[self.text_index])
        self.html = rng.random() < 0.5
        self.from_ = mailbox(rng, 0)
        self.to = [mailbox(rng, i) for i in range(1, rng.randint(2, 6))]
        self.subject = rng.choice(SUBJECTS)
        self.inline = []
        self.attachments = []
        self.args = ["--from", self.from_, "--subject", self.subject, "--seed", str(rng.randrange(1 << 62))]
        for t in self.to:
            self.args += ["--to", t]
        if self.lf:
            self.args.append("--lf")
        if self.charset != "utf-8":
            self.args += ["--charset", self.charset]
        if self.text_index is not None:
            path = os.path.join(tmp, f"text{index}.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(TEXTS[self.text_index])
            self.args += ["--text", path]
        if self.html:
            # The HTML shares the text's charset, so it is made from the same text.
            source = TEXTS[self.text_index] if self.text_index is not None else rng.choice(TEXTS)
            self.html_text = "<p>" + source.replace("\n", "<br>\n") + "</p>\n"
            path = os.path.join(tmp, f"html{index}.html")
            with open(path, "w", encoding="utf-8") as f:
                f.write(self.html_text)
            self.args += ["--html", path]
            for k in range(rng.randint(0, 2)):
                data = bytes(rng.randrange(256) for _ in range(rng.randint(10, 400)))
                path = os.path.join(tmp, f"inline{index}-{k}.png")
                with open(path, "wb") as f:
                    f.write(data)
                cid = f"img{k}.{index}@example.org"
                self.inline.append((cid, data))
                self.args += ["--inline", f"{path};cid={cid};type=image/png"]
        for k in range(rng.choice([0, 0, 1, 2, 3])):
            kind = rng.random()
            if kind < 0.5:
                data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 5000)))
            elif kind < 0.8:
                data = rng.choice(TEXTS).encode("utf-8") * rng.randint(1, 5)
            else:
                data = b"a,b\r\nc,d\r\n"
            name = rng.choice(FILENAMES)
            path = os.path.join(tmp, f"att{index}-{k}.bin")
            with open(path, "wb") as f:
                f.write(data)
            self.attachments.append((name, data))
            self.args += ["--attach", f"{path};name={name}"]


def decoded_text(part):
    # RFC 2046 §4.1.1: text travels in canonical form; compare with LF line breaks.
    return part.get_content().replace("\r\n", "\n")


class BuildAgainstPythonEmail(unittest.TestCase):
    maxDiff = None

    def check_lines(self, raw, lf):
        sep = b"\n" if lf else b"\r\n"
        if not lf:
            self.assertNotIn(b"\n", raw.replace(b"\r\n", b""), "bare LF in CRLF output")
        else:
            self.assertNotIn(b"\r", raw)
        lines = raw.split(sep)
        in_header = True
        in_base64 = False
        b64_lines = []
        for line in lines:
            self.assertLessEqual(len(line), 998)
            if in_header:
                if line == b"":
                    in_header = False
                    continue
                # Folding is possible unless a line holds a single unbreakable word.
                if len(line) > 78:
                    body = line.split(b":", 1)[1] if not line[:1].isspace() else line
                    self.assertNotIn(b" ", body.strip(), line)
                if line.lower().startswith(b"content-transfer-encoding: base64"):
                    in_base64 = True
                continue
            if line.startswith(b"--=_"):
                if b64_lines:
                    for l in b64_lines[:-1]:
                        self.assertEqual(len(l), 76, l)
                    self.assertLessEqual(len(b64_lines[-1]), 76)
                b64_lines = []
                in_base64 = False
                in_header = not line.endswith(b"--")
                continue
            if in_base64 and line:
                b64_lines.append(line)

    def test_random_messages_read_back_with_python_email(self):
        rng = random.Random(20241001)
        with tempfile.TemporaryDirectory() as tmp:
            for index in range(120):
                sc = Scenario(rng, tmp, index)
                with self.subTest(index=index, args=sc.args):
                    proc = build(sc.args, tmp)
                    self.assertEqual(proc.returncode, 0, proc.stderr.decode("utf-8", "replace"))
                    raw = proc.stdout
                    self.check_lines(raw, sc.lf)
                    # The strict policy raises on any defect Python finds while parsing.
                    email.message_from_bytes(raw, policy=email.policy.strict)
                    msg = email.message_from_bytes(raw, policy=email.policy.default)
                    self.assertEqual(msg.defects, [])
                    self.assertEqual(str(msg["Subject"]), sc.subject)
                    self.assertEqual(msg["MIME-Version"], "1.0")
                    name, addr = split_name(sc.from_)
                    self.assertEqual(msg["From"].addresses[0].display_name, name)
                    self.assertEqual(msg["From"].addresses[0].addr_spec, addr)
                    got_to = [(a.display_name, a.addr_spec) for a in msg["To"].addresses]
                    self.assertEqual(got_to, [split_name(t) for t in sc.to])
                    self.check_structure(msg, sc)

    def check_structure(self, msg, sc):
        for part in msg.walk():
            self.assertEqual(part.defects, [], part.get_content_type())
            if part is not msg:
                self.assertIsNone(part["MIME-Version"])
        has_body = sc.text_index is not None or sc.html
        expected_top = "text/plain"
        if sc.attachments:
            expected_top = "multipart/mixed"
        elif sc.text_index is not None and sc.html:
            expected_top = "multipart/alternative"
        elif sc.html and sc.inline:
            expected_top = "multipart/related"
        elif sc.html:
            expected_top = "text/html"
        self.assertEqual(msg.get_content_type(), expected_top)
        if sc.text_index is not None:
            plain = msg.get_body(preferencelist=("plain",))
            self.assertIsNotNone(plain)
            self.assertEqual(plain.get_content_charset(), sc.charset.lower())
            self.assertEqual(decoded_text(plain), TEXTS[sc.text_index])
        if sc.html:
            html = msg.get_body(preferencelist=("html",))
            self.assertIsNotNone(html)
            self.assertEqual(decoded_text(html), sc.html_text)
            for cid, data in sc.inline:
                found = [p for p in msg.walk() if p["Content-ID"] == f"<{cid}>"]
                self.assertEqual(len(found), 1)
                self.assertEqual(found[0].get_content_disposition(), "inline")
                self.assertEqual(found[0].get_payload(decode=True), data)
                self.assertEqual(found[0].get_content_type(), "image/png")
        attachments = list(msg.iter_attachments()) if msg.is_multipart() else []
        attachments = [a for a in attachments if a.get_content_disposition() == "attachment"]
        self.assertEqual(len(attachments), len(sc.attachments))
        for got, (name, data) in zip(attachments, sc.attachments):
            self.assertEqual(got.get_filename(), name)
            self.assertEqual(got.get_payload(decode=True), data)
        if not has_body and not sc.attachments:
            self.assertEqual(msg.get_content(), "")

    def test_bcc_never_reaches_the_message(self):
        with tempfile.TemporaryDirectory() as tmp:
            proc = build(["--from", "a@example.org", "--to", "b@example.org", "--bcc", "Hidden <hidden@example.org>",
                          "--subject", "x"], tmp)
            self.assertEqual(proc.returncode, 0)
            self.assertNotIn(b"hidden@example.org", proc.stdout)
            msg = email.message_from_bytes(proc.stdout, policy=email.policy.default)
            self.assertIsNone(msg["Bcc"])

    def test_old_client_name_parameter_decodes_to_the_filename(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "x.bin")
            with open(path, "wb") as f:
                f.write(b"\x00\x01")
            name = "财务报告（最终版）非常长的文件名称用于测试.xlsx"
            proc = build(["--from", "a@example.org", "--attach", f"{path};name={name}"], tmp)
            self.assertEqual(proc.returncode, 0)
            msg = email.message_from_bytes(proc.stdout, policy=email.policy.default)
            att = next(msg.iter_attachments())
            # Python reads RFC 2047 words inside the quoted name= value the way old clients do.
            self.assertEqual(str(email.header.make_header(email.header.decode_header(
                att.get_param("name", header="Content-Type")))), name)


if __name__ == "__main__":
    unittest.main()
