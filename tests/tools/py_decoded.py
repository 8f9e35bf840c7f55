#!/usr/bin/env python3
"""Print what Python's email package decodes, for the decoding differential test.

Reads file paths on stdin; for each message prints lines:
    F <TAB> PATH
    S <TAB> decoded Subject (or \\N when absent)
    P <TAB> SECTION <TAB> sha256 of the transfer-decoded body <TAB> filename (or \\N)
one P line per leaf part, sections numbered like mimetool's walk(). Text is printed with
backslash escapes for tab, newline and backslash. policy.default is used: it decodes RFC 2231
and RFC 2047 the way modern Python does. message_from_bytes, not message_from_binary_file: the
latter reads through a text wrapper that turns CRLF into LF and so changes part bytes.
"""
import email
import email.policy
import hashlib
import sys


def esc(s):
    if s is None:
        return "\\N"
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def is_multipart(m):
    return m.get_content_maintype() != "message" and isinstance(m.get_payload(), list)


def leaves(msg):
    stack = [(msg, "" if is_multipart(msg) else "1")]
    while stack:
        m, path = stack.pop()
        payload = m.get_payload()
        if m.get_content_maintype() == "message" and isinstance(payload, list):
            sub = m.get_content_subtype()
            cte = str(m.get("Content-Transfer-Encoding", "")).strip().lower()
            if sub in ("rfc822", "global", "news") and cte not in ("base64", "quoted-printable") and payload:
                inner = payload[0]
                stack.append((inner, path if is_multipart(inner) else (path + ".1" if path else "1")))
                continue
            yield path, m, True
            continue
        if is_multipart(m):
            for i in range(len(payload), 0, -1):
                stack.append((payload[i - 1], f"{path}.{i}" if path else str(i)))
            continue
        yield path, m, False


def main():
    out = sys.stdout
    for line in sys.stdin:
        path = line.rstrip("\n")
        if not path:
            continue
        out.write(f"F\t{path}\n")
        try:
            with open(path, "rb") as f:
                msg = email.message_from_bytes(f.read(), policy=email.policy.default)
            try:
                subj = msg.get("Subject")
                out.write(f"S\t{esc(None if subj is None else str(subj))}\n")
            except Exception:
                out.write("S\tERROR\n")
            for section, m, opaque in leaves(msg):
                try:
                    if opaque:
                        body = None  # message/* leaves: Python parsed them; no comparable bytes
                    else:
                        body = m.get_payload(decode=True)
                    digest = hashlib.sha256(body).hexdigest() if body is not None else "\\N"
                except Exception:
                    digest = "ERROR"
                try:
                    name = m.get_filename()
                except Exception:
                    name = "ERROR"
                out.write(f"P\t{section}\t{digest}\t{esc(name)}\n")
        except Exception as e:
            out.write(f"E\t{type(e).__name__}\n")
    out.flush()


if __name__ == "__main__":
    sys.setrecursionlimit(10000)
    main()
