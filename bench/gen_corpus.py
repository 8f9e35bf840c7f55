#!/usr/bin/env python3
"""Generate the mimetool benchmark corpus: deterministic, realistic MIME mail.

usage: gen_corpus.py OUTDIR [--scale F] [--seed N] [--force]

Writes, under OUTDIR (all CRLF line endings, base64 at 76 columns):
  big/attachments.eml   (a) one ~100 MB message: text, html and three base64 attachments
  small/NNNNN.eml       (b) 20,000 messages of 2-60 KB: plain, multipart/alternative, mixed with
                            attachments, related with inline images, quoted-printable bodies, RFC 2047
                            subjects (GB2312 / ISO-2022-JP / UTF-8, B and Q words), RFC 2231
                            filenames, forwarded message/rfc822
  small.mbox            (b) the same messages as one mbox (mboxrd quoting)
  qp/text.eml           (c) one message with a 50 MB quoted-printable text body
  headers/NNNN.eml      (d) 5,000 header-heavy messages (~200 fields, many folded)
  CORPUS.txt            what was generated (scale, seed, counts, bytes); present only when complete

--scale F multiplies every count and size (0.01 gives a corpus of a few MB for quick runs). The
same arguments always give the same bytes. Re-running with the same arguments on a complete corpus
does nothing; --force regenerates.
"""

import argparse
import base64
import binascii
import hashlib
import os
import random
import re
import shutil
import sys
import urllib.parse

CRLF = "\r\n"

# --------------------------------------------------------------------------------------------
# Vocabulary

WORDS = (
    "the of and to in is that for it as was with be by on not he this are or his from at which "
    "but have an they you were her she there been one all we their has would when if so no will "
    "more about can what up other into out time could them only some these two may first then "
    "do any like my now over such our man me even most made after also did many before must "
    "through years where much your way well down should because each just those people how too "
    "little state good very make world still own see men work long get here between both life "
    "being under never day same another know while last might us great old year off come since "
    "against go came right used take three meeting project report budget quarter review draft "
    "schedule invoice contract deadline customer release update team please attached regards "
    "thanks tomorrow agenda minutes proposal server database migration deployment feedback "
    "question answer summary figures revenue forecast approval signature shipment delivery "
    "travel booking conference presentation slides spreadsheet document version change request"
).split()

LATIN_EXTRA = ["café", "naïve", "résumé", "Müller", "Straße", "São Paulo", "Zürich", "“quoted”",
               "– dash", "€100", "déjà vu", "Ångström", "smørrebrød", "jalapeño", "façade"]

FIRST = ["Alice", "Bob", "Carol", "David", "Eve", "Frank", "Grace", "Heidi", "Ivan", "Judy",
         "Mallory", "Niaj", "Olivia", "Peggy", "Rupert", "Sybil", "Trent", "Victor", "Walter",
         "Yuki", "Zhang", "Li", "Hiroshi", "Sakura", "Wei", "Mei", "Jürgen", "Zoë", "Renée", "Søren"]
LAST = ["Smith", "Jones", "Brown", "Taylor", "Wilson", "Evans", "Thomas", "Roberts", "Walker",
        "Wright", "Tanaka", "Suzuki", "Wang", "Chen", "Liu", "Müller", "Schmidt", "Dubois",
        "García", "Rossi", "Novák", "Kowalski", "Nakamura", "Zhou", "Huang"]
DOMAINS = ["example.com", "example.org", "example.net", "mail.example.com", "corp.example.co.jp",
           "example.cn", "lists.example.org", "example.de", "example.fr", "example.io"]

SUBJECTS_EN = ["Quarterly report", "Meeting tomorrow", "Re: budget draft", "Fwd: contract",
               "Invoice #{n}", "Project update {n}", "Lunch?", "Release notes v{n}", "Re: Re: schedule",
               "Your order {n} has shipped", "Minutes of the review", "Travel booking confirmation"]
SUBJECTS_ZH = ["会议通知", "关于下周的项目计划", "请查收附件", "季度报告初稿", "回复：预算审批",
               "转发：合同草案", "本周工作总结", "服务器迁移安排"]
SUBJECTS_JA = ["お疲れ様です", "会議の議事録", "添付ファイルをご確認ください", "来週の打ち合わせについて",
               "見積書の送付", "出張の予定", "プロジェクト進捗報告"]
SUBJECTS_UTF8 = ["Grüße aus Zürich", "Café meeting – résumé", "Отчёт за квартал", "Ωmega release",
                 "日本語と English の件名", "Προσφορά {n}", "Ünïcödé test {n}", "😀 party on Friday"]

ATTACHMENT_KINDS = [
    ("application/pdf", "pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
    ("image/png", "png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    ("image/jpeg", "jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"),
    ("application/zip", "zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00"),
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", b"PK\x03\x04\x14\x00\x06\x00"),
    ("application/octet-stream", "bin", b"\x7fELF\x02\x01\x01\x00"),
]
ATTACHMENT_NAMES = ["report", "invoice", "photo", "scan", "budget", "slides", "minutes", "contract"]
ATTACHMENT_NAMES_INTL = ["报告", "請求書", "Übersicht", "résumé", "議事録", "预算表", "Präsentation"]


class Gen:
    """All randomness flows through one seeded Random, so the output is a function of the seed."""

    def __init__(self, seed):
        self.r = random.Random(seed)
        self.boundary_no = 0
        self.msgid_no = 0
        # A pool of wrapped paragraphs, sliced later: far faster than drawing every word.
        self.paragraphs = [self._paragraph() for _ in range(3000)]
        self.para_lens = [len(p) for p in self.paragraphs]

    # --- small pieces ------------------------------------------------------------------------
    def _paragraph(self):
        r = self.r
        words = []
        for _ in range(r.randint(20, 120)):
            w = r.choice(WORDS)
            if r.random() < 0.03:
                w = r.choice(LATIN_EXTRA)
            words.append(w)
        words[0] = words[0].capitalize()
        text = " ".join(words) + "."
        return text

    def text(self, size, wrap=72, quote_prefix=None):
        """About `size` characters of prose, lines wrapped at `wrap` (0: one line per paragraph)."""
        r = self.r
        out, n = [], 0
        i = r.randrange(len(self.paragraphs))
        while n < size:
            p = self.paragraphs[i % len(self.paragraphs)]
            i += 1
            lines = wrap_text(p, wrap) if wrap else [p]
            if quote_prefix:
                lines = [quote_prefix + ln for ln in lines]
            out.extend(lines)
            out.append("")
            n += len(p) + 2
        return CRLF.join(out)

    def person(self):
        r = self.r
        first, last = r.choice(FIRST), r.choice(LAST)
        addr = f"{ascii_fold(first).lower()}.{ascii_fold(last).lower()}@{r.choice(DOMAINS)}"
        return first, last, addr

    def mailbox(self, allow_encoded=True):
        first, last, addr = self.person()
        name = f"{first} {last}"
        if not is_ascii(name):
            if not allow_encoded:
                name = ascii_fold(name)
            else:
                name = encoded_words(name, "UTF-8", self.r.choice("BQ"))
                return f"{name} <{addr}>"
        return f'"{name}" <{addr}>' if self.r.random() < 0.3 else f"{name} <{addr}>"

    def boundary(self):
        self.boundary_no += 1
        style = self.r.randrange(4)
        tok = "%032x" % self.r.getrandbits(128)
        if style == 0:
            return f"----=_Part_{self.boundary_no}_{tok[:10]}.{tok[10:23]}"
        if style == 1:
            return f"000000000000{tok[:16]}"
        if style == 2:
            return f"_{self.boundary_no:03d}_{tok[:24]}_"
        return f"=-{tok[:22]}=="

    def message_id(self):
        self.msgid_no += 1
        return f"<{self.msgid_no}.{self.r.getrandbits(48):012x}@{self.r.choice(DOMAINS)}>"

    def date(self):
        r = self.r
        day = r.randint(1, 28)
        mon = r.choice(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])
        dow = r.choice(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
        zone = r.choice(["+0000", "-0700", "+0100", "+0900", "+0800", "-0500"])
        return f"{dow}, {day} {mon} {r.randint(2015, 2024)} {r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d} {zone}"

    def asctime(self):
        """The date format of an mbox "From " line: "Mon Jan  1 00:00:00 2024"."""
        r = self.r
        return (f"{r.choice(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'])} "
                f"{r.choice(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'])} "
                f"{r.randint(1, 28):2d} {r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d} "
                f"{r.randint(2015, 2024)}")

    def subject(self):
        r = self.r
        k = r.random()
        n = r.randint(1, 9999)
        if k < 0.55:
            return r.choice(SUBJECTS_EN).format(n=n)
        if k < 0.70:
            return encoded_words(r.choice(SUBJECTS_ZH), "GB2312", r.choice("BBQ"))
        if k < 0.85:
            return encoded_words(r.choice(SUBJECTS_JA), "ISO-2022-JP", "B")
        s = r.choice(SUBJECTS_UTF8).format(n=n)
        return encoded_words(s, "UTF-8", r.choice("BQ"))

    def attachment_bytes(self, size):
        ctype, ext, magic = self.r.choice(ATTACHMENT_KINDS)
        data = magic + self.r.randbytes(max(0, size - len(magic)))
        return ctype, ext, data

    def filename_params(self, ext):
        """Content-Disposition / Content-Type name parameters, ASCII or RFC 2231 (+ RFC 2047 name=)."""
        r = self.r
        if r.random() < 0.6:
            name = f"{r.choice(ATTACHMENT_NAMES)}_{r.randint(1, 999)}.{ext}"
            return f'; filename="{name}"', f'; name="{name}"'
        name = f"{r.choice(ATTACHMENT_NAMES_INTL)}_{r.randint(1, 99)}.{ext}"
        enc = urllib.parse.quote(name.encode("utf-8"), safe="")
        if len(enc) > 24 and r.random() < 0.7:  # RFC 2231 §3 continuations
            chunks = [enc[i:i + 30] for i in range(0, len(enc), 30)]
            # never split a %XX escape
            fixed, carry = [], ""
            for c in chunks:
                c = carry + c
                cut = c.rfind("%", max(0, len(c) - 2))
                if cut != -1 and cut > len(c) - 3:
                    carry, c = c[cut:], c[:cut]
                else:
                    carry = ""
                fixed.append(c)
            if carry:
                fixed.append(carry)
            parts = []
            for i, c in enumerate(fixed):
                parts.append(f"filename*{i}*=UTF-8''{c}" if i == 0 else f"filename*{i}*={c}")
            disp = ";" + ";".join(f"{CRLF}\t{p}" for p in parts)
        else:
            disp = f";{CRLF}\tfilename*=UTF-8''{enc}"
        return disp, f';{CRLF}\tname="{encoded_words(name, "UTF-8", "B")}"'

    # --- entities ----------------------------------------------------------------------------
    def text_part(self, size, subtype="plain", cte=None):
        r = self.r
        if subtype == "html":
            body = self.html(size)
        else:
            body = self.text(size, wrap=0 if cte == "quoted-printable" else 72)
        if cte is None:
            cte = "quoted-printable" if not is_ascii(body) or r.random() < 0.4 else "7bit"
        charset = "utf-8" if not is_ascii(body) else r.choice(["us-ascii", "utf-8", "UTF-8"])
        raw = body.encode("utf-8")
        if cte == "quoted-printable":
            enc = qp_encode(raw)
        elif cte == "base64":
            enc = b64_lines(raw)
        else:
            if not is_ascii(body):
                cte = "8bit"
            enc = raw.decode("utf-8")
        fmt = '; format=flowed' if subtype == "plain" and r.random() < 0.2 else ""
        hdr = (f'Content-Type: text/{subtype}; charset="{charset}"{fmt}{CRLF}'
               f"Content-Transfer-Encoding: {cte}{CRLF}")
        return hdr + CRLF + enc

    def html(self, size):
        r = self.r
        out, n = ['<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
                  '<style>p{margin:0;font-family:Calibri,sans-serif}</style></head>'
                  '<body><div dir="ltr">'], 0
        i = r.randrange(len(self.paragraphs))
        while n < size:
            p = self.paragraphs[i % len(self.paragraphs)]
            i += 1
            if r.random() < 0.2:
                p = f'<a href="https://www.{r.choice(DOMAINS)}/doc?id={r.randint(1, 10**6)}&amp;lang=en">{p}</a>'
            out.append(f'<p class="MsoNormal" style="color:#1f497d">{p}</p>')
            n += len(p) + 50
        out.append("</div></body></html>")
        # HTML mailers emit long lines; QP breaks them at 76.
        return CRLF.join(out)

    def attachment_part(self, size, inline_cid=None):
        ctype, ext, data = self.attachment_bytes(size)
        if inline_cid:
            ctype, ext = self.r.choice([("image/png", "png"), ("image/jpeg", "jpg"), ("image/gif", "gif")])
            name = f"image{self.r.randint(1, 99):03d}.{ext}"
            return (f'Content-Type: {ctype}; name="{name}"{CRLF}'
                    f"Content-Transfer-Encoding: base64{CRLF}"
                    f"Content-ID: <{inline_cid}>{CRLF}"
                    f'Content-Disposition: inline; filename="{name}"{CRLF}{CRLF}' + b64_lines(data))
        disp, name = self.filename_params(ext)
        return (f"Content-Type: {ctype}{name}{CRLF}"
                f"Content-Transfer-Encoding: base64{CRLF}"
                f"Content-Disposition: attachment{disp}{CRLF}{CRLF}" + b64_lines(data))

    def multipart(self, subtype, parts, extra=""):
        b = self.boundary()
        out = [f'Content-Type: multipart/{subtype};{extra}{CRLF}\tboundary="{b}"{CRLF}{CRLF}']
        first = True
        if self.r.random() < 0.3:
            out.append("This is a multi-part message in MIME format." + CRLF)
            first = False
        for p in parts:
            # RFC 2046 5.1.1: the CRLF before "--boundary" belongs to the delimiter.
            out.append(f"--{b}{CRLF}" if first else f"{CRLF}--{b}{CRLF}")
            out.append(p)
            first = False
        out.append(f"{CRLF}--{b}--{CRLF}")
        return "".join(out)

    def alternative(self, size):
        text = self.text_part(size * 2 // 5, "plain")
        html = self.text_part(size * 3 // 5, "html", cte="quoted-printable")
        return self.multipart("alternative", [text, html])

    def related(self, size, images):
        cids = [f"image{i:03d}.{self.r.getrandbits(32):08x}@{self.r.choice(DOMAINS)}" for i in range(images)]
        text_budget = min(size // 3, 6000)
        img_budget = max(300, (size - text_budget) * 3 // 4 // max(1, images))
        html = self.text_part(text_budget, "html", cte="quoted-printable")
        parts = [html] + [self.attachment_part(self.r.randint(img_budget // 2, img_budget), inline_cid=c) for c in cids]
        return self.multipart("related", parts, extra=' type="text/html";')

    def headers(self, subject=None, extra=()):
        to = ", ".join(self.mailbox() for _ in range(self.r.randint(1, 3)))
        h = [f"Return-Path: <{self.person()[2]}>",
             f"Received: from mx{self.r.randint(1, 9)}.{self.r.choice(DOMAINS)} (mx.{self.r.choice(DOMAINS)} "
             f"[192.0.2.{self.r.randint(1, 254)}]){CRLF}\tby mail.example.com with ESMTPS id {self.r.getrandbits(40):010x}{CRLF}"
             f"\tfor <{self.person()[2]}>; {self.date()}",
             f"From: {self.mailbox()}",
             f"To: {to}",
             f"Subject: {subject if subject is not None else self.subject()}",
             f"Date: {self.date()}",
             f"Message-ID: {self.message_id()}",
             "MIME-Version: 1.0"]
        if self.r.random() < 0.3:
            h.append(f"Cc: {self.mailbox()}")
        if self.r.random() < 0.3:
            h.append(f"In-Reply-To: {self.message_id()}")
        if self.r.random() < 0.4:
            h.append(f"X-Mailer: {self.r.choice(['Microsoft Outlook 16.0', 'Apple Mail (2.3696)', 'Thunderbird 115.3', 'Roundcube Webmail/1.6'])}")
        h.extend(extra)
        return CRLF.join(h) + CRLF

    # --- corpus (b): one small message -------------------------------------------------------
    def small_message(self, target):
        r = self.r
        kind = r.random()
        if kind < 0.22:  # plain text
            cte = r.choice([None, "quoted-printable", "base64"]) if r.random() < 0.5 else None
            return self.headers() + self.text_part(target - 900, "plain", cte=cte)
        if kind < 0.50:  # multipart/alternative
            return self.headers() + self.alternative(max(500, target - 1200))
        if kind < 0.72:  # mixed: alternative + small attachments
            n = r.choice([1, 1, 1, 2, 3])
            body_size = min(max(400, target // 4), 8000)
            att = max(200, (target - body_size - 1500) * 3 // 4 // n)
            parts = [self.alternative(body_size)] + [self.attachment_part(r.randint(att // 2, att)) for _ in range(n)]
            return self.headers() + self.multipart("mixed", parts)
        if kind < 0.86:  # alternative(text, related(html, inline images)), sometimes inside mixed
            images = r.choice([1, 1, 2, 3])
            inner = self.multipart("alternative", [self.text_part(min(target // 5, 4000), "plain"),
                                                   self.related(max(1200, target - 2500), images)])
            if r.random() < 0.4:
                inner = self.multipart("mixed", [inner, self.attachment_part(r.randint(200, 4000))])
            return self.headers() + inner
        # forwarded: mixed(text, message/rfc822(inner message))
        inner_target = max(1200, target * 2 // 3)
        inner = self.small_message_inner(inner_target)
        fwd = self.text_part(max(200, target - inner_target - 1500), "plain")
        part = (f"Content-Type: message/rfc822{CRLF}"
                f'Content-Disposition: attachment; filename="forwarded.eml"{CRLF}{CRLF}' + inner)
        return self.headers(subject="Fwd: " + self.subject()) + self.multipart("mixed", [fwd, part])

    def small_message_inner(self, target):
        r = self.r
        if r.random() < 0.5:
            return self.headers() + self.alternative(max(400, target - 1000))
        n = 1
        parts = [self.text_part(min(target // 3, 3000), "plain"),
                 self.attachment_part(max(200, (target - 2500) * 3 // 4 // n))]
        return self.headers() + self.multipart("mixed", parts)

    # --- corpus (a): one big message ---------------------------------------------------------
    def big_message(self, total):
        raw = total * 57 // 78  # base64 grows 57 bytes to 76 chars + CRLF
        sizes = [raw * 55 // 100, raw * 30 // 100, raw * 15 // 100]
        text = self.text_part(20000, "plain", cte="quoted-printable")
        html = self.text_part(40000, "html", cte="quoted-printable")
        parts = [self.multipart("alternative", [text, html])]
        for s in sizes:
            parts.append(self.attachment_part(max(100, s - 60000 // 3)))
        return self.headers(subject="Big attachments") + self.multipart("mixed", parts)

    # --- corpus (c): one big quoted-printable text body --------------------------------------
    def qp_message(self, total):
        r = self.r
        chunks, n = [], 0
        raw_target = total * 10 // 11  # QP adds soft breaks and escapes
        while n < raw_target:
            t = self.text(r.randint(2000, 20000), wrap=0 if r.random() < 0.6 else 72)
            if r.random() < 0.3:  # a table with '=' signs and tabs
                t += CRLF + CRLF.join(f"col{i}\t= {r.randint(0, 10**6)}\t=\t{r.random():.6f} " for i in range(20))
            chunks.append(t)
            n += len(t)
        body = (CRLF + CRLF).join(chunks).encode("utf-8")
        return (self.headers(subject="Log export") +
                f'Content-Type: text/plain; charset="utf-8"{CRLF}'
                f"Content-Transfer-Encoding: quoted-printable{CRLF}{CRLF}" + qp_encode(body))

    # --- corpus (d): header-heavy message ----------------------------------------------------
    def header_heavy(self):
        r = self.r
        h = []
        hops = r.randint(12, 25)
        for _ in range(hops):
            h.append(f"Received: from {r.choice(['mail', 'smtp', 'relay', 'mx'])}{r.randint(1, 99)}."
                     f"{r.choice(DOMAINS)} ({r.choice(['localhost', 'unknown'])} [203.0.113.{r.randint(1, 254)}]){CRLF}"
                     f"\tby {r.choice(['mx', 'smtp-in'])}{r.randint(1, 99)}.{r.choice(DOMAINS)} (Postfix) with ESMTPS id "
                     f"{r.getrandbits(44):011X}{CRLF}\tfor <{self.person()[2]}>; {self.date()}")
        for i in range(r.randint(2, 4)):
            sig = base64.b64encode(r.randbytes(256)).decode()
            bh = base64.b64encode(r.randbytes(32)).decode()
            h.append(f"ARC-Seal: i={i + 1}; a=rsa-sha256; t={r.randint(10**9, 2 * 10**9)}; cv=pass;{CRLF}"
                     f"\td={r.choice(DOMAINS)}; s=arc-20160816;{CRLF}\tb=" + fold_token(sig, 70))
            h.append(f"ARC-Message-Signature: i={i + 1}; a=rsa-sha256; c=relaxed/relaxed; d={r.choice(DOMAINS)};{CRLF}"
                     f"\ts=arc-20160816;{CRLF}\th=to:subject:message-id:date:from:mime-version:dkim-signature;{CRLF}"
                     f"\tbh={bh};{CRLF}\tb=" + fold_token(sig[::-1], 70))
            h.append(f"ARC-Authentication-Results: i={i + 1}; mx.{r.choice(DOMAINS)};{CRLF}"
                     f"\tdkim=pass header.i=@{r.choice(DOMAINS)} header.s=s1 header.b={sig[:8]};{CRLF}"
                     f"\tspf=pass (domain designates 192.0.2.{r.randint(1, 254)} as permitted sender){CRLF}"
                     f"\tsmtp.mailfrom={self.person()[2]};{CRLF}\tdmarc=pass (p=REJECT sp=REJECT dis=NONE)")
        sig = base64.b64encode(r.randbytes(256)).decode()
        h.append(f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;{CRLF}\td={r.choice(DOMAINS)}; s=selector1;{CRLF}"
                 f"\th=From:Date:Subject:Message-ID:Content-Type:MIME-Version;{CRLF}"
                 f"\tbh={base64.b64encode(r.randbytes(32)).decode()};{CRLF}\tb=" + fold_token(sig, 70))
        h.append(f"Authentication-Results: mx.{r.choice(DOMAINS)};{CRLF}\tdkim=pass;{CRLF}\tspf=pass;{CRLF}\tdmarc=pass")
        h.append(f"From: {self.mailbox()}")
        to = ("," + CRLF + " ").join(self.mailbox() for _ in range(r.randint(5, 25)))
        h.append(f"To: {to}")
        cc = ("," + CRLF + " ").join(self.mailbox() for _ in range(r.randint(3, 15)))
        h.append(f"Cc: {cc}")
        h.append(f"Subject: {self.subject()}")
        h.append(f"Date: {self.date()}")
        h.append(f"Message-ID: {self.message_id()}")
        refs = (CRLF + " ").join(self.message_id() for _ in range(r.randint(3, 20)))
        h.append(f"References: {refs}")
        h.append(f"In-Reply-To: {self.message_id()}")
        h.append(f"Thread-Topic: {self.subject()}")
        h.append(f"Thread-Index: {base64.b64encode(r.randbytes(r.choice([22, 27, 32]))).decode()}")
        for name in ["List-Id", "List-Unsubscribe", "List-Archive", "List-Post", "List-Help", "List-Subscribe"]:
            h.append(f"{name}: <https://lists.example.org/{name.lower()}/{r.randint(1, 999)}>,{CRLF} <mailto:{name.lower()}@lists.example.org>")
        h.append("MIME-Version: 1.0")
        # X- fields (Exchange, spam filters): fill up to ~200 fields, a third of them folded.
        while len(h) < r.randint(185, 215):
            key = r.choice(["X-MS-Exchange-Organization-", "X-MS-Exchange-CrossTenant-", "X-Forefront-Antispam-",
                            "X-Microsoft-Antispam-", "X-Spam-", "X-Proofpoint-", "X-Google-", "X-Custom-"])
            name = key + r.choice(["SCL", "AuthSource", "Id", "Network-Message-Id", "OriginalArrivalTime",
                                   "Report", "Status", "Score", "Flag", "Level", "Checker-Version", "Mailbox-Delivery",
                                   "MessageData", "Virus-Version", "SMTP-Source", "DKIM-Signature"]) + str(r.randint(0, 9))
            if r.random() < 0.35:
                vals = [f"{r.choice(WORDS)}:{r.randint(0, 99999)};" for _ in range(r.randint(4, 16))]
                h.append(f"{name}: " + fold_words(" ".join(vals), 76 - len(name)))
            else:
                h.append(f"{name}: {r.choice(WORDS)}={r.getrandbits(64):x}; {r.choice(WORDS)}")
        body = self.text_part(r.randint(300, 3000), "plain")
        return CRLF.join(h) + CRLF + body


# --------------------------------------------------------------------------------------------
# Encoders

def is_ascii(s):
    return all(ord(c) < 128 for c in s)


def ascii_fold(s):
    table = str.maketrans("äöüéèêëàáâçîïíôóûùúñøåÄÖÜÉ", "aoueeeeaaaciiioouuunoaAOUE")
    return s.translate(table).encode("ascii", "ignore").decode() or "user"


def wrap_text(p, width):
    lines, cur = [], ""
    for w in p.split(" "):
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    if cur:
        lines.append(cur)
    return lines


def fold_words(s, first_width):
    out, cur, width = [], "", first_width
    for w in s.split(" "):
        if cur and len(cur) + 1 + len(w) > width:
            out.append(cur)
            cur, width = w, 76
        else:
            cur = f"{cur} {w}" if cur else w
    out.append(cur)
    return (CRLF + "\t").join(out)


def fold_token(tok, width):
    return (CRLF + "\t").join(tok[i:i + width] for i in range(0, len(tok), width))


def b64_lines(data):
    """Base64 at 76 characters per line, CRLF, final line ending included."""
    return base64.encodebytes(data).decode("ascii").replace("\n", CRLF)


def qp_encode(data):
    """Quoted-printable (RFC 2045 §6.7): CRLF hard breaks, '=' soft breaks, lines <= 76."""
    # b2a_qp keeps CRLF line breaks when the input uses them and wraps at 76 with "=\r\n".
    out = binascii.b2a_qp(data, quotetabs=False, istext=True, header=False).decode("ascii")
    if not out.endswith(CRLF):
        out += CRLF
    return out


Q_SAFE = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/")


def q_encode(b):
    return "".join(chr(c) if c in Q_SAFE else ("_" if c == 32 else f"={c:02X}") for c in b)


def encoded_words(text, charset, enc):
    """RFC 2047 encoded-words of at most 75 characters, folded onto continuation lines."""
    codec = {"UTF-8": "utf-8", "GB2312": "gb2312", "ISO-2022-JP": "iso2022_jp"}[charset]
    words, chunk = [], ""
    prefix = f"=?{charset}?{enc}?"

    def render(s):
        b = s.encode(codec)
        return prefix + (base64.b64encode(b).decode() if enc == "B" else q_encode(b)) + "?="

    for ch in text:
        if chunk and len(render(chunk + ch)) > 75:
            words.append(render(chunk))
            chunk = ch
        else:
            chunk += ch
    if chunk:
        words.append(render(chunk))
    return (CRLF + " ").join(words)


FROM_LINE = re.compile(rb"^(>*From )", re.M)


def mboxrd_quote(msg):
    return FROM_LINE.sub(rb">\1", msg)


# --------------------------------------------------------------------------------------------
# Driver

def write(path, text):
    data = text.encode("utf-8") if isinstance(text, str) else text
    with open(path, "wb") as f:
        f.write(data)
    return len(data)


def log_uniform(r, lo, hi):
    import math
    return int(math.exp(r.uniform(math.log(lo), math.log(hi))))


def generate(out, scale, seed):
    os.makedirs(out, exist_ok=True)
    for sub in ("big", "small", "qp", "headers"):
        shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
        os.makedirs(os.path.join(out, sub))
    g = Gen(seed)
    stats = {}

    n_small = max(1, round(20000 * scale))
    total = 0
    mbox_path = os.path.join(out, "small.mbox")
    with open(mbox_path, "wb") as mbox:
        for i in range(n_small):
            msg = g.small_message(log_uniform(g.r, 2048, 60 * 1024)).encode("utf-8")
            total += write(os.path.join(out, "small", f"{i:05d}.eml"), msg)
            mbox.write(f"From {g.person()[2]} {g.asctime()}{CRLF}".encode())
            mbox.write(mboxrd_quote(msg))
            mbox.write(CRLF.encode())
            if (i + 1) % 2000 == 0:
                print(f"gen_corpus: small {i + 1}/{n_small}", file=sys.stderr)
    stats["small"] = (n_small, total)
    stats["small.mbox"] = (1, os.path.getsize(mbox_path))

    n_hdr = max(1, round(5000 * scale))
    total = 0
    for i in range(n_hdr):
        total += write(os.path.join(out, "headers", f"{i:04d}.eml"), g.header_heavy())
    stats["headers"] = (n_hdr, total)
    print("gen_corpus: headers done", file=sys.stderr)

    size = write(os.path.join(out, "big", "attachments.eml"), g.big_message(max(200_000, int(100e6 * scale))))
    stats["big"] = (1, size)
    print("gen_corpus: big done", file=sys.stderr)

    size = write(os.path.join(out, "qp", "text.eml"), g.qp_message(max(100_000, int(50e6 * scale))))
    stats["qp"] = (1, size)
    return stats


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 usage="gen_corpus.py OUTDIR [--scale F] [--seed N] [--force]")
    ap.add_argument("outdir")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every count and size (default 1.0)")
    ap.add_argument("--seed", type=int, default=20240601, help="random seed (default 20240601)")
    ap.add_argument("--force", action="store_true", help="regenerate even when OUTDIR is complete")
    a = ap.parse_args()
    if not (0 < a.scale <= 10):
        ap.error("--scale must be in (0, 10]")
    stamp = os.path.join(a.outdir, "CORPUS.txt")
    with open(os.path.abspath(__file__), "rb") as f:  # a changed generator invalidates the corpus
        digest = hashlib.sha256(f.read()).hexdigest()[:16]
    want = f"generator={digest} scale={a.scale:g} seed={a.seed}\n"
    if not a.force and os.path.exists(stamp):
        with open(stamp) as f:
            if f.readline() == want:
                print(f"gen_corpus: {a.outdir} is up to date ({want.strip()})", file=sys.stderr)
                return 0
    if os.path.exists(stamp):
        os.remove(stamp)  # incomplete until the new stamp is written
    stats = generate(a.outdir, a.scale, a.seed)
    with open(stamp, "w") as f:
        f.write(want)
        for k, (n, b) in stats.items():
            f.write(f"{k}\tfiles={n}\tbytes={b}\n")
    with open(stamp) as f:
        sys.stderr.write(f.read())
    return 0


if __name__ == "__main__":
    sys.exit(main())
