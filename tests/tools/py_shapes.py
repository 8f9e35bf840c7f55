#!/usr/bin/env python3
"""Print the MIME tree shape Python's email package sees, for the differential tests.

Reads file paths (one per line) on stdin; for each prints one line:
    PATH <TAB> SHAPE <TAB> RULES
where SHAPE is a space-separated list of `section=type/subtype` in depth-first pre-order, using
the IMAP section numbering of mimetool's walk(): a multipart root is "" (printed as "="), its parts
1, 2, ...; a single-part message's body is 1; a message/rfc822 part P is followed by the parts of
its message (P.1, P.2 ... for a multipart body, P.1 for a single-part one; the inner multipart root
itself is printed with path P). RULES names the normalizations applied to Python's view (see the
"Rule" comments below), comma-separated, for the test to count. Python's compat32 policy is used because it keeps the structure
exactly as parsed (no content manager).
"""
import email
import email.policy
import sys


def is_multipart(m):
    """A multipart with body parts (Python also keeps message/* payloads as lists)."""
    return m.get_content_maintype() != "message" and isinstance(m.get_payload(), list)


def shape(msg, rules):
    out = []
    # explicit stack: (message, path, is_inner_root_of_rfc822)
    stack = [(msg, "" if is_multipart(msg) else "1")]
    while stack:
        m, path = stack.pop()
        # Escape whitespace so one message stays one line (broken fields can fold into the type).
        ctype = m.get_content_type().encode("unicode_escape").decode("ascii").replace(" ", "\\x20")
        out.append(f"{path}={ctype}")
        payload = m.get_payload()
        if m.get_content_maintype() == "message" and isinstance(payload, list) and payload:
            # Rule "message-body-not-a-message": Python parses every message/* body as header
            # blocks (each a text/plain Message). Only rfc822, global (RFC 6532) and news carry
            # an encapsulated message; delivery-status (RFC 3464), disposition-notification
            # (RFC 8098), feedback-report (RFC 5965), partial and external-body (RFC 2046 §5.2)
            # are leaves in mimetool, so their users can extract them as they are.
            if m.get_content_subtype() not in ("rfc822", "global", "news"):
                rules.add("message-body-not-a-message")
                continue
            # Rule "encoded-message": a base64 or quoted-printable message/rfc822 body is parsed
            # by Python as if its encoded text were header fields, which yields garbage parts.
            # mimetool keeps such a part a leaf (diagnostic encoded_message); its decoded bytes
            # are parsed on request (decode, then parse).
            cte = str(m.get("Content-Transfer-Encoding", "")).strip().lower()
            if cte in ("base64", "quoted-printable"):
                rules.add("encoded-message")
                continue
            inner = payload[0]
            if isinstance(inner, email.message.Message):
                stack.append((inner, path if is_multipart(inner) else (path + ".1" if path else "1")))
            continue
        if is_multipart(m):
            for i in range(len(payload), 0, -1):
                child = payload[i - 1]
                if isinstance(child, email.message.Message):
                    stack.append((child, f"{path}.{i}" if path else str(i)))
    return " ".join(out)


def main():
    for line in sys.stdin:
        path = line.rstrip("\n")
        if not path:
            continue
        try:
            with open(path, "rb") as f:
                msg = email.message_from_bytes(f.read(), policy=email.policy.compat32)
            rules = set()
            line = shape(msg, rules)
            print(f"{path}\t{line}\t{','.join(sorted(rules))}", flush=False)
        except Exception as e:  # a crash in Python's parser is reported, not fatal
            print(f"{path}\tERROR:{type(e).__name__}")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.setrecursionlimit(10000)
    main()
