#!/usr/bin/env python3
"""Builds seed corpora for the fuzz targets.

    fuzz/seeds.py --committed           rewrite the small committed seeds in fuzz/corpus/<target>/
    fuzz/seeds.py --out DIR [--corpus C] write working corpora DIR/<target>/ for a fuzzing run:
                                        the committed seeds, plus inputs derived from testdata/
                                        (messages, codecs, header tables) and, when given, the
                                        shared message corpus C (never copied into the repository)

Seed files are named by the SHA-1 of their content, as libFuzzer names the inputs it keeps.
Each target's input layout is documented in its fuzz_<target>.cpp; the framing bytes written here
follow it.
"""
import argparse
import email
import email.policy
import hashlib
import json
import pathlib
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
TESTDATA = ROOT / "testdata"
TARGETS = ["parse_roundtrip", "transfer_codecs", "rfc2047", "rfc2231_params", "address_date", "charset", "safe_name"]


def put(folder: pathlib.Path, data: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def codec_frame(data: bytes, flags=0, line_length=76, chunks=(7, 64, 1)) -> bytes:
    # fuzz_transfer_codecs: flags, line length, chunk count - 1, chunk sizes - 1, then the data.
    return bytes([flags, line_length, len(chunks) - 1] + [c - 1 for c in chunks]) + data


def rfc2047_frame(data: bytes, flags=0, first_line=9) -> bytes:
    return bytes([flags, first_line]) + data


CHARSET_LABELS = ["utf-8", "us-ascii", "iso-8859-1", "windows-1252", "iso-8859-2", "iso-8859-5", "iso-8859-7",
                  "iso-8859-15", "koi8-r", "koi8-u", "windows-1251", "windows-1256", "gb18030", "gbk",
                  "gb2312", "big5", "euc-jp", "shift_jis", "iso-2022-jp", "euc-kr", "ks_c_5601-1987",
                  "utf-16", "utf-16le", "utf-16be", "utf-7", "tis-620", "iso-2022-kr", "cp850",
                  "x-unknown", "", "macintosh", "hz-gb-2312"]


def charset_frame(data: bytes, label: str) -> bytes:
    if label in CHARSET_LABELS:
        return bytes([CHARSET_LABELS.index(label)]) + data
    raw = label.encode()[:31]
    return bytes([0x80 | len(raw)]) + raw + data


# Small hand-written seeds: each reaches a branch the testdata files do not.
COMMITTED = {
    "parse_roundtrip": [
        b"",
        b"\r\n",
        b"Subject: x\r\n\r\nbody",
        b"From sender@example.org Mon Jan  1 00:00:00 2024\nSubject: mbox\n\nbody\n",
        b"Content-Type: multipart/mixed; boundary=b\n\n--b\n\na\n--b\n\nb\n--b--\n",
        b"Content-Type: multipart/mixed; boundary=\"\"\n\n--\nX: y\n\none\n----\n",
        b"Content-Type: multipart/mixed; boundary=a\n\n--a\nContent-Type: multipart/mixed; boundary=ab\n\n--ab\n\nx\n--a--\n",
        b"Content-Type: message/rfc822\n\nContent-Type: message/rfc822\n\nSubject: in\n\nx",
        b"Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\nU3ViamVjdDogaGkKCmJvZHkK\n",
        b"Content-Type: text/plain; charset=koi8-r\nContent-Transfer-Encoding: quoted-printable\n\n=F0=D2=C9=D7=C5=D4 =\n",
        b"Content-Type: application/octet-stream; name*0*=utf-8''%2E%2E; name*1=%2Fetc\n"
        b"Content-Disposition: attachment; filename=\"=?utf-8?B?Li4vLi4vZXRjL3Bhc3N3ZA==?=\"\n"
        b"Content-Transfer-Encoding: x-uuencode\n\nbegin 644 a\n#86)C\n`\nend\n",
        b" continuation first\r\nno colon here\r\nbody",
        b"Content-Type: multipart/alternative; boundary=q\r\r--q\r\rx\r--q--\r",
        b"From: =?utf-8?q?J=C3=B6rg?= <j@example.org>, \"Doe, J\" <d@x>, group: a@b, c@d;\n\n",
    ],
    "rfc2231_params": [
        b"text/plain; charset=us-ascii",
        b"application/x-stuff; title*0*=us-ascii'en'This%20is%20even%20more%20; title*1*=%2A%2A%2Afun%2A%2A%2A%20; title*2=\"isn't it!\"",
        b"attachment; filename*=utf-8''%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        b"attachment; filename*=utf-8''a%00b",
        b"attachment; filename*1=b; filename*0=a; filename*3=d",
        b"multipart/mixed; boundary=a=b; (comment) charset=\"x\\\"y\"",
        b"attachment; filename=\"=?GB2312?B?1tDOxC50eHQ=?=\"",
        b"inline; filename=\xd6\xd0\xce\xc4.txt",
        b";;;=;*=;a*0*='';",
    ],
    "address_date": [
        b"Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>",
        b"A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;",
        b"\"Doe, John\" <john@example.org>, Doe, Jane <jane@example.org>",
        b"<@route1,@route2:user@host>, <>, undisclosed-recipients:;",
        b"Fri, 21 Nov 1997 09:55:06 -0600",
        b"Thu,\r\n      13\r\n        Feb\r\n          1969\r\n      23:32\r\n               -0330 (Newfoundland Time)",
        b"21 Nov 97 09:55:06 GMT",
        b"Wed Sep  1 13:05:00 2004",
        b"2004-09-01T13:05:00Z",
        b"31 Dec 9999 23:59:60 +2359",
        b"<1234@local.machine.example> <5678.21-Nov-1997@example.com>",
        b"id@host (comment) <a@b",
    ],
}


def committed_seeds():
    seeds = {t: list(COMMITTED.get(t, [])) for t in TARGETS}
    for data, flags in [(b"", 0), (b"hello world\r\nline two \r\n", 0), (b"\x00\xff\r\n\n\r" * 5, 1),
                        (b"From x\n.\n", 2), (b"x" * 200, 3)]:
        seeds["transfer_codecs"].append(codec_frame(data, flags))
    seeds["transfer_codecs"].append(codec_frame(b"QUJD\r\nR*E=\n=\n", 0, 0, (1,)))
    seeds["transfer_codecs"].append(codec_frame(b"a=3D=\r\nb=ZZ=4 \t\r\nc=", 0, 10, (2, 3)))
    seeds["transfer_codecs"].append(codec_frame(b"begin 644 f\n#86)C\nM\n`\nend\n", 0, 76, (5,)))
    for data, flags in [(b"=?iso-8859-1?q?caf=E9?= au lait", 0), (b"=?utf-8?b?5pel?= =?utf-8?b?5pys?=", 0),
                        (b"\"=?utf-8?q?J=C3=B6rg?=\" <j@x>", 1), (b"=?utf-8*en?Q?a_b?==?x-unknown?q?y?=", 0),
                        (b"=?iso-2022-jp?B?GyRCRnxLXDhsGyhC?=", 0), (b"raw \xe4\xbd\xa0\xe5\xa5\xbd and \xc0\xc1", 0),
                        (b"Gr\xc3\xbc\xc3\x9fe aus K\xc3\xb6ln " * 4, 4)]:
        seeds["rfc2047"].append(rfc2047_frame(data, flags))
    for data, label in [(b"caf\xe9", "iso-8859-1"), (b"\x1b$BF|K\\\x1b(B", "iso-2022-jp"),
                        (b"\xff\xfeh\x00i\x00", "utf-16"), (b"+AGEAYgBj-", "utf-7"), (b"\xd0\xd2\xc9", "koi8-r"),
                        (b"\xef\xbb\xbfbom", "utf-8"), (b"\xc3\x28", "utf-8"), (b"abc", "\"ISO-8859-1\""),
                        (b"\x82\xa0", "x-sjis")]:
        seeds["charset"].append(charset_frame(data, label))
    # fuzz_safe_name: one byte for the tight length budget, then the name.
    for name in ["../../etc/passwd", "/etc/passwd", "..\\..\\boot.ini", "C:\\x.exe", ".", "..", "...", " .. ",
                 "CON", "nul.txt", "LPT9.log", "-rf", ".hidden", "invoice\u202etxt.exe", "\u2067x\u2069.pdf",
                 "a\x00b", "tab\tcr\r", "\x85c1", "what?<>:|\"*.txt", "\u00e9" * 200 + ".pdf", "n" * 300,
                 "report.tar.gz", "trailing dots...", "\ufeffbom", "\ud800".encode("utf-8", "surrogatepass").decode("latin-1")]:
        seeds["safe_name"].append(bytes([len(name) % 64]) + name.encode("utf-8", "surrogateescape"))
    seeds["safe_name"].append(b"\x10" + b"\xe6\x97\xa5" * 40 + b".txt")
    seeds["safe_name"].append(b"\x03" + b"\xc3\x28\xff\xfe.txt")
    return seeds


def derived_seeds(corpus: pathlib.Path | None):
    seeds = {t: [] for t in TARGETS}
    messages = sorted((TESTDATA / "messages").rglob("*.eml")) + sorted((TESTDATA / "hostile").rglob("*.eml"))
    if corpus and corpus.is_dir():
        for line in (corpus / "index.tsv").read_text().splitlines()[1:]:
            path, _peer, role, size = line.split("\t")[:4]
            if "message" in role and int(size) <= 64 * 1024:
                messages.append(corpus / path)
    for m in messages:
        data = m.read_bytes()
        seeds["parse_roundtrip"].append(data)
        msg = email.message_from_bytes(data, policy=email.policy.compat32)
        for part in msg.walk():
            for name, value in part.items():
                raw = value.encode("utf-8", "surrogateescape") if isinstance(value, str) else b""
                lname = name.lower()
                if lname in ("content-type", "content-disposition"):
                    seeds["rfc2231_params"].append(raw)
                elif lname in ("from", "to", "cc", "date", "message-id", "references", "in-reply-to", "sender"):
                    seeds["address_date"].append(raw)
                elif lname == "subject":
                    seeds["rfc2047"].append(rfc2047_frame(raw))
    for f in sorted((TESTDATA / "codecs").iterdir()):
        if f.suffix in (".b64", ".qp"):
            seeds["transfer_codecs"].append(codec_frame(f.read_bytes()[:8192]))
    for f in sorted((TESTDATA / "charsets").glob("*.txt")):
        label = f.name.split(".")[-2]
        seeds["charset"].append(charset_frame(f.read_bytes()[:4096], label))
    table = json.loads((TESTDATA / "headers" / "rfc2047.json").read_text())
    for case in table["cases"]:
        seeds["rfc2047"].append(rfc2047_frame(case["input"].encode("utf-8", "surrogateescape")))
    return seeds


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--committed", action="store_true")
    ap.add_argument("--out", type=pathlib.Path)
    ap.add_argument("--corpus", type=pathlib.Path)
    args = ap.parse_args()
    if args.committed:
        for target, items in committed_seeds().items():
            for data in items:
                put(ROOT / "fuzz" / "corpus" / target, data)
    if args.out:
        for target in TARGETS:
            dest = args.out / target
            dest.mkdir(parents=True, exist_ok=True)
            for src in (ROOT / "fuzz" / "corpus" / target, TESTDATA / "fuzz" / target):
                if src.is_dir():
                    for f in src.iterdir():
                        shutil.copy(f, dest / f.name)
        for target, items in derived_seeds(args.corpus).items():
            for data in items:
                put(args.out / target, data)
    if not args.committed and not args.out:
        ap.error("nothing to do: give --committed and/or --out DIR")


if __name__ == "__main__":
    main()
