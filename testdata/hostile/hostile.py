#!/usr/bin/env python3
"""Hostile test messages for mimetool.

The small ones are committed next to this script (regenerate them with --small); the big ones
(megabytes, or millions of lines) are generated at test time:

    testdata/hostile/hostile.py --small          rewrite the committed *.eml / *.bin files here
    testdata/hostile/hostile.py --big DIR        write the generated shapes into DIR
    import hostile; hostile.BIG["deep-multipart-100000.eml"]()   bytes of one generated shape

The shapes match tests/hostile/shapes.hpp, which the library-level tests and the scaling driver use.
"""
import argparse
import base64
import pathlib
import struct
import zlib

HERE = pathlib.Path(__file__).resolve().parent


def message(fields, body=b"data\r\n"):
    return b"".join(f + b"\r\n" for f in fields) + b"\r\n" + body


def multipart(parts, boundary=b"hostile"):
    out = [b"From: attacker@example.org\r\nSubject: hostile\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: multipart/mixed; boundary=\"" + boundary + b"\"\r\n\r\npreamble\r\n"]
    for fields, body in parts:
        out.append(b"--" + boundary + b"\r\n" + b"".join(f + b"\r\n" for f in fields) + b"\r\n" + body + b"\r\n")
    out.append(b"--" + boundary + b"--\r\n")
    return b"".join(out)


def attachment(disposition, body=b"payload\r\n"):
    return ([b"Content-Type: application/octet-stream", b"Content-Disposition: " + disposition], body)


def b64word(s):
    return b"=?utf-8?B?" + base64.b64encode(s.encode()) + b"?="


def qword(s):
    return b"=?utf-8?Q?" + b"".join(b"=%02X" % c for c in s.encode()) + b"?="


def pct(s):
    return b"".join(b"%%%02X" % c for c in s.encode())


TRAVERSALS = ["../../../../tmp/mimetool-escape", "/tmp/mimetool-absolute", "..\\..\\windows\\win.ini",
              "C:\\mimetool-drive.txt", "sub/dir/name.txt", "..", ".", "..."]


def png_bytes():
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00\xff")) + chunk(b"IEND", b""))


SMALL = {
    # Path traversal and absolute names, plain (quoted and unquoted).
    "traversal-plain.eml": lambda: multipart(
        [attachment(b"attachment; filename=\"" + t.encode().replace(b"\\", b"\\\\") + b"\"") for t in TRAVERSALS]
        + [attachment(b"attachment; filename=/tmp/mimetool-unquoted")]),
    # The same names as RFC 2047 encoded-words (B and Q) inside quoted values, as Outlook writes them.
    "traversal-rfc2047.eml": lambda: multipart(
        [attachment(b"attachment; filename=\"" + b64word(t) + b"\"") for t in TRAVERSALS]
        + [attachment(b"attachment; filename=\"" + qword(t) + b"\"") for t in TRAVERSALS[:2]]
        + [([b"Content-Type: text/plain; name=\"" + b64word("../../name-param") + b"\""], b"x\r\n")]),
    # RFC 2231: %2F separators, %00 truncation tricks, continuations that assemble a traversal.
    "traversal-rfc2231.eml": lambda: multipart(
        [attachment(b"attachment; filename*=utf-8''" + pct(t)) for t in TRAVERSALS]
        + [attachment(b"attachment; filename*=utf-8''safe.txt%00%2F..%2F..%2Fescape"),
           attachment(b"attachment; filename*=utf-8''%00"),
           attachment(b"attachment;\r\n filename*1*=%2F..%2F..%2Ftmp%2Fcontinued;\r\n filename*0*=utf-8''..")]),
    # Names that are only dots, in every encoding.
    "dot-names.eml": lambda: multipart(
        [attachment(d) for d in (b"attachment; filename=.", b"attachment; filename=\"..\"",
                                 b"attachment; filename=\"....\"", b"attachment; filename*=utf-8''%2E%2E",
                                 b"attachment; filename=\"" + b64word("..") + b"\"",
                                 b"attachment; filename=\" . \"")]),
    # Windows device names.
    "device-names.eml": lambda: multipart(
        [attachment(b"attachment; filename=" + d) for d in (b"CON", b"nul", b"NUL.txt", b"COM1", b"lpt9.log",
                                                            b"AUX", b"PRN.tar.gz", b"con .txt")]),
    # Control and bidi characters, Windows-forbidden characters, a leading dash.
    "control-bidi-names.eml": lambda: multipart(
        [attachment(b"attachment; filename*=utf-8''" + pct(n)) for n in
         ("invoice\u202etxt.exe", "line\nbreak.txt", "tab\tand\rcr.txt", "esc\x1b[31mred.txt", "bell\x07.txt",
          "c1\u0085next.txt", "what?.txt", "a<b>c:d|e\"f*.txt", "-rf", "\u2067isolate\u2069.txt")]
        + [attachment(b"attachment; filename=\"raw\x01ctl.txt\"")]),
    # Invalid transfer encodings.
    "invalid-base64.eml": lambda: multipart(
        [([b"Content-Type: application/pdf; name=a.pdf", b"Content-Transfer-Encoding: base64"],
          b"JVBE*Ri0x!!LjQK\r\n====\r\nJVBERi0xLjQK=QUJD\r\n\x00\xff\r\nQ"),
         ([b"Content-Type: text/plain", b"Content-Transfer-Encoding: base64"], b"@@@@ not base64 @@@@")]),
    "invalid-qp.eml": lambda: multipart(
        [([b"Content-Type: text/plain; charset=iso-8859-1", b"Content-Transfer-Encoding: quoted-printable"],
          b"bad =ZZ escape =4 and =\r\n=E9=e9= \r\n\xff raw 8bit =0"),
         ([b"Content-Type: text/plain", b"Content-Transfer-Encoding: quoted-printable"], b"=")]),
    # NUL bytes everywhere.
    "nul-bytes.eml": lambda: b"From: a\x00b@example.org\r\nSubject: nul\x00here\r\nContent-Type: text/plain\x00\r\n"
                             b"\r\nbody\x00with\x00nuls\r\n",
    # CR-only and mixed line endings.
    "cr-only.eml": lambda: b"From: a@example.org\rSubject: classic mac\rContent-Type: multipart/mixed; boundary=c\r"
                           b"\r--c\r\rpart\r--c--\r",
    "mixed-line-endings.eml": lambda: b"From: a@example.org\r\nSubject: mixed\nContent-Type: multipart/mixed; boundary=m\r"
                                      b"\n\n--m\r\nContent-Type: text/plain\n\r\none\r--m\n\ntwo\n\r--m--\n\r",
    # Truncated inside a header, inside a base64 body and inside a boundary line.
    "truncated-header.eml": lambda: b"From: a@example.org\r\nSubject: cut in the midd",
    "truncated-body.eml": lambda: multipart(
        [([b"Content-Type: application/octet-stream; name=cut.bin", b"Content-Transfer-Encoding: base64"],
          b"QUJDREVG")])[:-30],
    "truncated-boundary.eml": lambda: multipart([([b"Content-Type: text/plain"], b"one")])[:-5],
    "empty.eml": lambda: b"",
    # A Content-Transfer-Encoding comment cut off after a backslash (made the process terminate).
    "cte-comment-backslash.eml": lambda: b"Content-Transfer-Encoding: base64 (comment \\\n\nQUJD\n",
    # A PNG image where a message is expected.
    "image.png": png_bytes,
}


def nested_multiparts(n):
    head = [b"From: a@example.org\r\nSubject: deep\r\n"]
    for i in range(n):
        b = b"b%d" % i
        head.append(b"Content-Type: multipart/mixed; boundary=" + b + b"\r\n\r\n--" + b + b"\r\n")
    head.append(b"Content-Type: text/plain\r\n\r\ninnermost\r\n")
    head.extend(b"--b%d--\r\n" % i for i in range(n - 1, -1, -1))
    return b"".join(head)


def nested_messages(n):
    return b"".join(b"Subject: level %d\r\nContent-Type: message/rfc822\r\n\r\n" % i for i in range(n)) + \
        b"Subject: innermost\r\n\r\nbody\r\n"


def many_parts(n):
    return b"Content-Type: multipart/mixed; boundary=sep\r\n\r\n" + \
        b"--sep\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=p.txt\r\n\r\npart\r\n" * n + \
        b"--sep--\r\n"


def long_names():
    n = "n" * 10000
    return multipart([
        attachment(b"attachment; filename=\"" + n.encode() + b".txt\""),
        attachment(b"attachment; filename=\"" + b" ".join(b64word("\u00e9" * 20) for _ in range(500)) + b"\""),
        attachment(b"attachment; filename*=utf-8''" + pct("\u00e9" * 10000) + b".bin"),
        attachment(b"attachment; filename*=utf-8''" + pct("../" * 3000) + b"x"),
    ])


BIG = {
    "deep-multipart-100000.eml": lambda: nested_multiparts(100000),
    "deep-rfc822-10000.eml": lambda: nested_messages(10000),
    "many-parts-100000.eml": lambda: many_parts(100000),
    "long-header-line-50mb.eml": lambda: b"From: a@example.org\r\nSubject: " + b"a" * (50 << 20) + b"\r\n\r\nbody\r\n",
    "million-fields.eml": lambda: b"X-Field: v\r\n" * 1000000 + b"Subject: after a million\r\n\r\nbody\r\n",
    "long-boundary-5000.eml": lambda: multipart([([b"Content-Type: text/plain"], b"one"),
                                                 attachment(b"attachment; filename=two.bin")], b"B" * 5000),
    "encoded-words-10000.eml": lambda: b"From: a@example.org\r\nSubject:" +
        b"".join(b" =?utf-8?B?w6k=?=" if i % 2 else b" =?iso-8859-1?Q?caf=E9?=" for i in range(10000)) +
        b"\r\n\r\nbody\r\n",
    "rfc2231-10000-pieces.eml": lambda: b"Content-Type: application/octet-stream\r\nContent-Disposition: attachment" +
        b"".join(b";\r\n filename*%d*=%s%%C3%%A9" % (i, b"" if i else b"utf-8''") for i in range(9999, -1, -1)) +
        b"\r\n\r\ndata\r\n",
    "long-names.eml": long_names,
}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--small", action="store_true", help="rewrite the committed small files")
    ap.add_argument("--big", type=pathlib.Path, metavar="DIR", help="write the generated shapes into DIR")
    args = ap.parse_args()
    if not args.small and not args.big:
        ap.error("give --small and/or --big DIR")
    if args.small:
        for name, make in SMALL.items():
            (HERE / name).write_bytes(make())
    if args.big:
        args.big.mkdir(parents=True, exist_ok=True)
        for name, make in BIG.items():
            (args.big / name).write_bytes(make())


if __name__ == "__main__":
    main()
