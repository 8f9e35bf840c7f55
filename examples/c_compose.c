/* c_compose: composes a message through the C API (mimetool.h, mt_builder): a GB2312 text body,
 * an HTML body showing an inline PNG, and an attachment with a Chinese filename. Writes it to a
 * file, prints the envelope recipients (Bcc included: it is never written into the message), then
 * parses the file back and prints its structure, checking each part against what was given.
 *
 *   c_compose OUT.eml
 *
 * Date, Message-ID and seed are fixed, so the file is the same on every run.
 * Exit status: 0, 64 on bad usage, 65 when the message cannot be built, 73 when OUT cannot be
 * written, 70 when it does not read back as built. */

#include <stdio.h>
#include <string.h>

#include "mimetool/mimetool.h"

/* A valid 1x1 PNG (one transparent pixel). */
static const unsigned char logo_png[] = {
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0B, 0x49, 0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0x60, 0x00, 0x02, 0x00,
    0x00, 0x05, 0x00, 0x01, 0xE9, 0xFA, 0xDC, 0xD8, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44,
    0xAE, 0x42, 0x60, 0x82};

/* Strings are UTF-8; the hex escapes keep this file ASCII. */
static const char text[] = "\xE8\xA7\x81\xE9\x99\x84\xE4\xBB\xB6\xE3\x80\x82\n"; /* 见附件。 */
static const char html[] = "<p>\xE8\xA7\x81\xE9\x99\x84\xE4\xBB\xB6\xE3\x80\x82</p>\n"
                           "<p><img src=\"cid:logo@example.cn\"></p>\n";
static const char report[] = "Q3: 1200\nQ4: 1350\n";
static const char report_name[] = "\xE5\xAD\xA3\xE5\xBA\xA6\xE6\x8A\xA5\xE5\x91\x8A.txt"; /* 季度报告.txt */

static int build(const char* out_path) {
  mt_builder* b = NULL;
  mt_status st;
  size_t i;
  if ((st = mt_builder_new(&b)) != MT_OK) return 70;
  /* Stop at the first call that fails: each one says why in mt_last_error(). */
  if ((st = mt_builder_set_from(b, "\xE5\xBC\xA0\xE4\xB8\x89 <zhang@example.cn>")) != MT_OK || /* 张三 */
      (st = mt_builder_add_to(b, "Bob <bob@example.org>")) != MT_OK ||
      (st = mt_builder_add_bcc(b, "archive@example.cn")) != MT_OK ||
      /* 季度报告 */
      (st = mt_builder_set_subject(b, "\xE5\xAD\xA3\xE5\xBA\xA6\xE6\x8A\xA5\xE5\x91\x8A")) != MT_OK ||
      (st = mt_builder_set_date(b, "Tue, 01 Oct 2024 16:00:00 +0800")) != MT_OK ||
      (st = mt_builder_set_message_id(b, "q3-report@example.cn")) != MT_OK ||
      (st = mt_builder_set_seed(b, 7)) != MT_OK ||
      (st = mt_builder_set_text(b, text, "gb2312")) != MT_OK ||
      (st = mt_builder_set_html(b, html, NULL)) != MT_OK ||
      (st = mt_builder_inline_memory(b, logo_png, sizeof logo_png, "logo@example.cn", "image/png", "logo.png")) !=
          MT_OK ||
      (st = mt_builder_attach_memory(b, report, strlen(report), report_name, "text/plain")) != MT_OK) {
    fprintf(stderr, "c_compose: %s: %s\n", mt_status_string(st), mt_last_error());
    mt_builder_free(b);
    return 65;
  }
  for (i = 0; i < mt_builder_recipient_count(b); ++i) printf("envelope recipient: %s\n", mt_builder_recipient(b, i));
  st = mt_builder_write_file(b, out_path);
  if (st != MT_OK) fprintf(stderr, "c_compose: %s: %s\n", mt_status_string(st), mt_last_error());
  mt_builder_free(b);
  return st == MT_OK ? 0 : st == MT_ERR_INVALID_ARGUMENT ? 65 : 73;
}

/* 1 when the part at `path` decodes to `expected`: as UTF-8 text when `as_text`, else as bytes. */
static int part_is(mt_message* m, const char* path, int as_text, const void* expected, size_t expected_len) {
  const mt_entity* e = mt_message_find(m, path);
  char* got = NULL;
  size_t n = 0;
  int same;
  if (!e) return 0;
  if ((as_text ? mt_entity_text(e, MT_TEXT_STRICT, &got, &n, NULL) : mt_entity_decoded_body(e, &got, &n, NULL)) !=
      MT_OK)
    return 0;
  same = n == expected_len && memcmp(got, expected, n) == 0;
  mt_free(got);
  return same;
}

int main(int argc, char** argv) {
  mt_message* m = NULL;
  size_t i;
  int ok, status;
  char* name = NULL;

  if (argc != 2) {
    fputs("usage: c_compose OUT.eml\n", stderr);
    return 64;
  }
  if ((status = build(argv[1])) != 0) return status;

  if (mt_parse_file(argv[1], NULL, &m) != MT_OK) {
    fprintf(stderr, "c_compose: %s\n", mt_last_error());
    return 70;
  }
  for (i = 0; i < mt_message_entity_count(m); ++i) {
    const mt_entity* e = mt_message_entity_at(m, i);
    const char* path = mt_entity_section_path(e);
    printf("%s %s\n", *path ? path : "(root)", mt_entity_media_type(e));
  }
  /* The text went out in GB2312 and reads back as the same UTF-8 (with CRLF line breaks, the
   * canonical form); the image and the attachment come back byte for byte. */
  ok = mt_message_diagnostic_count(m) == 0 &&
       strcmp(mt_entity_media_type(mt_message_root(m)), "multipart/mixed") == 0 &&
       part_is(m, "1.1", 1, "\xE8\xA7\x81\xE9\x99\x84\xE4\xBB\xB6\xE3\x80\x82\r\n", strlen(text) + 1) &&
       part_is(m, "1.1", 0, "\xBC\xFB\xB8\xBD\xBC\xFE\xA1\xA3\r\n", 10) &&
       part_is(m, "1.2.2", 0, logo_png, sizeof logo_png) && part_is(m, "2", 0, report, strlen(report)) &&
       mt_entity_filename(mt_message_find(m, "2"), &name, NULL) == MT_OK && strcmp(name, report_name) == 0;
  mt_free(name);
  mt_message_free(m);
  printf("read back: %s\n", ok ? "every part as built" : "MISMATCH");
  return ok ? 0 : 70;
}
