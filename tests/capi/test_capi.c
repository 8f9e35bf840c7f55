/* Tests of the C API (mimetool.h), written in C11 so that the header is proven usable from C.
 *
 *   test_capi TESTDATA_DIR CORPUS_DIR
 *
 * Each check prints a line only when it fails; the last line is "N passed, N failed". Exit status
 * is 1 when any check failed. Checks on the shared corpus print "skipped: corpus absent" and do
 * not run when CORPUS_DIR does not exist. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mimetool/mimetool.h"

static int passed, failed;

#define CHECK(cond)                                                        \
  do {                                                                     \
    if (cond) {                                                            \
      ++passed;                                                            \
    } else {                                                               \
      ++failed;                                                            \
      fprintf(stderr, "%s:%d: %s: check failed: %s\n", __FILE__, __LINE__, \
              current_test, #cond);                                        \
    }                                                                      \
  } while (0)

static const char* current_test = "";
static char testdata_dir[1024];
static char corpus_dir[1024];

/* Compares a borrowed (not NUL-terminated) view with a C string. */
static int view_eq(const char* p, size_t n, const char* s) { return n == strlen(s) && memcmp(p, s, n) == 0; }

static int path_join(char* out, size_t cap, const char* dir, const char* rel) {
  int n = snprintf(out, cap, "%s/%s", dir, rel);
  return n > 0 && (size_t)n < cap;
}

static char* read_all(const char* path, size_t* size) {
  FILE* f = fopen(path, "rb");
  char* buf = NULL;
  long n;
  if (!f) return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
    buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) == (size_t)n) {
      *size = (size_t)n;
    } else {
      free(buf);
      buf = NULL;
    }
  }
  fclose(f);
  return buf;
}

static mt_message* parse_testdata(const char* rel) {
  char path[2048];
  mt_message* m = NULL;
  if (!path_join(path, sizeof path, testdata_dir, rel)) return NULL;
  if (mt_parse_file(path, NULL, &m) != MT_OK) {
    fprintf(stderr, "%s: cannot parse %s: %s\n", current_test, path, mt_last_error());
    return NULL;
  }
  return m;
}

/* Returns NULL (after saying so) when the corpus is absent. */
static mt_message* parse_corpus(const char* rel, int* skipped) {
  char path[2048];
  mt_message* m = NULL;
  FILE* probe;
  *skipped = 0;
  if (!path_join(path, sizeof path, corpus_dir, "index.tsv") || !(probe = fopen(path, "rb"))) {
    printf("%s: skipped: corpus absent at %s\n", current_test, corpus_dir);
    *skipped = 1;
    return NULL;
  }
  fclose(probe);
  if (!path_join(path, sizeof path, corpus_dir, rel)) return NULL;
  if (mt_parse_file(path, NULL, &m) != MT_OK) {
    fprintf(stderr, "%s: cannot parse %s: %s\n", current_test, path, mt_last_error());
    return NULL;
  }
  return m;
}

static const char* const thunderbird = "messages/real-world/thunderbird-attachment.eml";

/* ---- parsing and the tree ------------------------------------------------------------------ */

static void tree_of_thunderbird_message_has_three_parts(void) {
  mt_message* m;
  mt_entity* root;
  current_test = "tree_of_thunderbird_message_has_three_parts";
  m = parse_testdata(thunderbird);
  CHECK(m != NULL);
  if (!m) return;
  root = mt_message_root(m);
  CHECK(root != NULL);
  CHECK(strcmp(mt_entity_media_type(root), "multipart/mixed") == 0);
  CHECK(mt_entity_is_multipart(root) == 1);
  CHECK(mt_entity_is_message(root) == 0);
  CHECK(strcmp(mt_entity_section_path(root), "") == 0);
  CHECK(mt_entity_parent(root) == NULL);
  CHECK(mt_entity_child_count(root) == 3);
  CHECK(mt_message_entity_count(m) == 4);
  CHECK(strcmp(mt_entity_media_type(mt_entity_child(root, 0)), "text/plain") == 0);
  CHECK(strcmp(mt_entity_media_type(mt_entity_child(root, 2)), "image/png") == 0);
  CHECK(strcmp(mt_entity_section_path(mt_entity_child(root, 1)), "2") == 0);
  CHECK(mt_entity_parent(mt_entity_child(root, 1)) == root);
  CHECK(mt_entity_child(root, 3) == NULL);
  CHECK(mt_entity_child_count(mt_entity_child(root, 0)) == 0);
  CHECK(mt_message_diagnostic_count(m) == 0);
  mt_message_free(m);
}

static void entity_at_follows_section_path_order(void) {
  mt_message* m;
  current_test = "entity_at_follows_section_path_order";
  m = parse_testdata(thunderbird);
  CHECK(m != NULL);
  if (!m) return;
  CHECK(mt_message_entity_at(m, 0) == mt_message_root(m));
  CHECK(strcmp(mt_entity_section_path(mt_message_entity_at(m, 3)), "3") == 0);
  CHECK(mt_message_entity_at(m, 4) == NULL);
  CHECK(mt_message_find(m, "2") == mt_message_entity_at(m, 2));
  CHECK(mt_message_find(m, "") == mt_message_root(m));
  CHECK(mt_message_find(m, "4") == NULL);
  CHECK(mt_message_find(m, NULL) == NULL);
  mt_message_free(m);
}

static void headers_are_borrowed_views_in_order(void) {
  mt_message* m;
  const mt_entity* root;
  const mt_entity* part;
  const char* p;
  size_t n = 0;
  current_test = "headers_are_borrowed_views_in_order";
  m = parse_testdata(thunderbird);
  CHECK(m != NULL);
  if (!m) return;
  root = mt_message_root(m);
  CHECK(mt_entity_header_count(root) == 9);
  CHECK(mt_entity_header_name(root, 8, &p, &n) == MT_OK && view_eq(p, n, "Subject"));
  CHECK(mt_entity_header_raw_value(root, 8, &p, &n) == MT_OK &&
        view_eq(p, n, " =?UTF-8?Q?Quarterly_report_=E2=80=93_draft?="));
  part = mt_message_find(m, "2");
  /* a folded field keeps its folding in the raw value */
  CHECK(mt_entity_header_raw_value(part, 1, &p, &n) == MT_OK &&
        view_eq(p, n, " attachment;\r\n filename*=UTF-8''R%C3%A9sum%C3%A9%20notes.txt"));
  CHECK(mt_entity_header_name(root, 9, &p, &n) == MT_ERR_INVALID_ARGUMENT);
  CHECK(strlen(mt_last_error()) > 0);
  CHECK(mt_entity_header_name(NULL, 0, &p, &n) == MT_ERR_INVALID_ARGUMENT);
  mt_message_free(m);
}

static void raw_body_is_still_transfer_encoded(void) {
  mt_message* m;
  const char* p;
  size_t n = 0;
  current_test = "raw_body_is_still_transfer_encoded";
  m = parse_testdata(thunderbird);
  CHECK(m != NULL);
  if (!m) return;
  CHECK(mt_entity_raw_body(mt_message_find(m, "2"), &p, &n) == MT_OK);
  CHECK(view_eq(p, n,
                "UsOpc3Vtw6kgbm90ZXMKCi0gcmV2ZW51ZSB1cCA0ICUgb24gUTMKLSBoaXJpbmcgZnJlZXpl\r\n"
                "IGxpZnRlZCBpbiBBcHJpbAo=\r\n"));
  CHECK(mt_last_error()[0] == '\0');
  mt_message_free(m);
}

static void parse_memory_copies_the_input(void) {
  char buf[] = "Subject: hi\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n";
  mt_message* m = NULL;
  const char* p;
  size_t n = 0;
  current_test = "parse_memory_copies_the_input";
  CHECK(mt_parse_memory(buf, sizeof buf - 1, NULL, &m) == MT_OK);
  if (!m) return;
  memset(buf, 'X', sizeof buf - 1); /* the message must not depend on the caller's buffer */
  CHECK(strcmp(mt_entity_media_type(mt_message_root(m)), "text/html") == 0);
  CHECK(strcmp(mt_entity_section_path(mt_message_root(m)), "1") == 0); /* single part: IMAP "1" */
  CHECK(mt_entity_raw_body(mt_message_root(m), &p, &n) == MT_OK && view_eq(p, n, "<p>x</p>\r\n"));
  mt_message_free(m);
}

static void empty_input_gives_a_root_without_fields(void) {
  mt_message* m = NULL;
  current_test = "empty_input_gives_a_root_without_fields";
  CHECK(mt_parse_memory(NULL, 0, NULL, &m) == MT_OK);
  if (!m) return;
  CHECK(mt_message_entity_count(m) == 1);
  CHECK(mt_entity_header_count(mt_message_root(m)) == 0);
  CHECK(strcmp(mt_entity_media_type(mt_message_root(m)), "text/plain") == 0);
  mt_message_free(m);
}

static void missing_file_reports_no_input(void) {
  mt_message* m = NULL;
  current_test = "missing_file_reports_no_input";
  CHECK(mt_parse_file("/nonexistent/mimetool/none.eml", NULL, &m) == MT_ERR_NO_INPUT);
  CHECK(m == NULL);
  CHECK(strlen(mt_last_error()) > 0);
  CHECK(strcmp(mt_status_string(MT_ERR_NO_INPUT), "cannot open input") == 0);
}

static void null_arguments_are_rejected_not_dereferenced(void) {
  mt_message* m = NULL;
  mt_diagnostic d;
  current_test = "null_arguments_are_rejected_not_dereferenced";
  CHECK(mt_parse_memory("x", 1, NULL, NULL) == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_parse_memory(NULL, 3, NULL, &m) == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_parse_file(NULL, NULL, &m) == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_message_diagnostic(NULL, 0, &d) == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_message_root(NULL) == NULL);
  CHECK(mt_message_entity_count(NULL) == 0);
  CHECK(mt_entity_child_count(NULL) == 0);
  CHECK(strcmp(mt_entity_section_path(NULL), "") == 0);
  CHECK(mt_entity_is_multipart(NULL) == 0);
  mt_message_free(NULL);
  mt_free(NULL);
}

static void parse_options_limit_depth_with_a_critical_diagnostic(void) {
  static const char nested[] =
      "Content-Type: multipart/mixed; boundary=a\n\n--a\nContent-Type: multipart/mixed; boundary=b\n\n"
      "--b\nContent-Type: multipart/mixed; boundary=c\n\n--c\n\ndeep\n--c--\n--b--\n--a--\n";
  mt_parse_options o;
  mt_message* m = NULL;
  mt_diagnostic d;
  size_t i;
  int limit_seen = 0;
  current_test = "parse_options_limit_depth_with_a_critical_diagnostic";
  mt_parse_options_init(&o);
  CHECK(o.struct_size == sizeof o);
  CHECK(o.max_depth == 100);
  o.max_depth = 1;
  CHECK(mt_parse_memory(nested, sizeof nested - 1, &o, &m) == MT_OK);
  if (!m) return;
  CHECK(mt_message_diagnostic_count(m) > 0);
  for (i = 0; i < mt_message_diagnostic_count(m); ++i)
    if (mt_message_diagnostic(m, i, &d) == MT_OK && d.severity == MT_SEVERITY_CRITICAL) limit_seen = 1;
  CHECK(limit_seen);
  CHECK(mt_message_entity_count(m) < 4);
  mt_message_free(m);

  o.struct_size = 0; /* not initialised */
  CHECK(mt_parse_memory(nested, sizeof nested - 1, &o, &m) == MT_ERR_INVALID_ARGUMENT);
}

/* ---- editing and writing ------------------------------------------------------------------ */

static void unedited_message_writes_back_byte_for_byte(void) {
  char path[2048];
  char* in;
  char* out = NULL;
  size_t in_len = 0, out_len = 0;
  mt_message* m;
  current_test = "unedited_message_writes_back_byte_for_byte";
  CHECK(path_join(path, sizeof path, testdata_dir, thunderbird));
  in = read_all(path, &in_len);
  CHECK(in != NULL);
  m = parse_testdata(thunderbird);
  CHECK(m != NULL);
  if (!in || !m) {
    free(in);
    mt_message_free(m);
    return;
  }
  CHECK(mt_message_write(m, &out, &out_len) == MT_OK);
  CHECK(out_len == in_len && memcmp(out, in, in_len) == 0);
  CHECK(out[out_len] == '\0');
  mt_free(out);
  free(in);
  mt_message_free(m);
}

static void set_header_replaces_subject_in_written_message(void) {
  mt_message* m;
  char* out = NULL;
  size_t out_len = 0, removed = 99;
  const char* p;
  size_t n = 0;
  current_test = "set_header_replaces_subject_in_written_message";
  m = parse_testdata(thunderbird);
  CHECK(m != NULL);
  if (!m) return;
  CHECK(mt_entity_set_header(mt_message_root(m), "Subject", "Edited") == MT_OK);
  CHECK(mt_entity_header_count(mt_message_root(m)) == 9);
  CHECK(mt_entity_header_name(mt_message_root(m), 8, &p, &n) == MT_OK && view_eq(p, n, "Subject"));
  CHECK(mt_entity_remove_headers(mt_message_root(m), "user-agent", &removed) == MT_OK && removed == 1);
  CHECK(mt_entity_add_header(mt_message_root(m), "X-Folded", "one\r\n two") == MT_OK);
  CHECK(mt_message_write(m, &out, &out_len) == MT_OK);
  if (out) {
    CHECK(strstr(out, "\r\nSubject: Edited\r\n") != NULL);
    CHECK(strstr(out, "User-Agent") == NULL);
    CHECK(strstr(out, "\r\nX-Folded: one\r\n two\r\n") != NULL);
    CHECK(strstr(out, "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGOQz98CRAwQCgAg") != NULL);
  }
  mt_free(out);
  out = NULL;
  CHECK(mt_entity_write(mt_message_find(m, "3"), &out, NULL) == MT_OK);
  CHECK(out != NULL && strncmp(out, "Content-Type: image/png; name=\"chart.png\"\r\n", 43) == 0);
  mt_free(out);
  mt_message_free(m);
}

static void set_header_rejects_field_injection(void) {
  mt_message* m = NULL;
  static const char msg[] = "Subject: a\r\n\r\nbody\r\n";
  current_test = "set_header_rejects_field_injection";
  CHECK(mt_parse_memory(msg, sizeof msg - 1, NULL, &m) == MT_OK);
  if (!m) return;
  CHECK(mt_entity_set_header(mt_message_root(m), "Subject", "x\r\nBcc: victim@example.com") ==
        MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_entity_set_header(mt_message_root(m), "Subject", "x\nBcc: victim@example.com") == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_entity_set_header(mt_message_root(m), "Subject", "x\rBcc: y") == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_entity_set_header(mt_message_root(m), "Subject", "trailing\r\n") == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_entity_set_header(mt_message_root(m), "Bad Name", "x") == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_entity_set_header(mt_message_root(m), "Bad:Name", "x") == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_entity_set_header(mt_message_root(m), "", "x") == MT_ERR_INVALID_ARGUMENT);
  CHECK(strlen(mt_last_error()) > 0);
  CHECK(mt_entity_header_count(mt_message_root(m)) == 1); /* nothing was changed */
  mt_message_free(m);
}

/* ---- decoded content ---------------------------------------------------------------------- */

static void header_value_decodes_encoded_words(void) {
  mt_message* m;
  char* v = NULL;
  size_t n = 0;
  current_test = "header_value_decodes_encoded_words";
  m = parse_testdata(thunderbird);
  CHECK(m != NULL);
  if (!m) return;
  CHECK(mt_entity_header_value(mt_message_root(m), "subject", &v, &n) == MT_OK);
  CHECK(v && strcmp(v, "Quarterly report \xE2\x80\x93 draft") == 0 && n == strlen(v));
  mt_free(v);
  v = NULL;
  CHECK(mt_entity_header_value(mt_message_root(m), "From", &v, NULL) == MT_OK);
  CHECK(v && strcmp(v, "Alice Example <alice@example.org>") == 0);
  mt_free(v);
  v = NULL;
  CHECK(mt_entity_header_value(mt_message_root(m), "Reply-To", &v, &n) == MT_ERR_NOT_FOUND);
  CHECK(v == NULL);
  mt_message_free(m);
}

static void filename_decodes_rfc2231_and_falls_back_to_name(void) {
  mt_message* m;
  char* v = NULL;
  current_test = "filename_decodes_rfc2231_and_falls_back_to_name";
  m = parse_testdata(thunderbird);
  CHECK(m != NULL);
  if (!m) return;
  CHECK(mt_entity_filename(mt_message_find(m, "2"), &v, NULL) == MT_OK);
  CHECK(v && strcmp(v, "R\xC3\xA9sum\xC3\xA9 notes.txt") == 0); /* NFC: precomposed e-acute */
  mt_free(v);
  v = NULL;
  CHECK(mt_entity_filename(mt_message_find(m, "3"), &v, NULL) == MT_OK);
  CHECK(v && strcmp(v, "chart.png") == 0);
  mt_free(v);
  v = NULL;
  CHECK(mt_entity_filename(mt_message_find(m, "1"), &v, NULL) == MT_ERR_NOT_FOUND);
  CHECK(v == NULL);
  mt_message_free(m);
}

static void decoded_body_undoes_base64(void) {
  static const char notes[] = "R\xC3\xA9sum\xC3\xA9 notes\n\n- revenue up 4 % on Q3\n- hiring freeze lifted in April\n";
  mt_message* m;
  char* v = NULL;
  size_t n = 0;
  int invalid = -1;
  current_test = "decoded_body_undoes_base64";
  m = parse_testdata(thunderbird);
  CHECK(m != NULL);
  if (!m) return;
  CHECK(mt_entity_decoded_body(mt_message_find(m, "2"), &v, &n, &invalid) == MT_OK);
  CHECK(v && n == sizeof notes - 1 && memcmp(v, notes, n) == 0);
  CHECK(invalid == 0);
  mt_free(v);
  v = NULL;
  CHECK(mt_entity_decoded_body(mt_message_find(m, "3"), &v, &n, NULL) == MT_OK);
  CHECK(v && n == 73 && memcmp(v, "\x89PNG\r\n\x1a\n", 8) == 0);
  mt_free(v);
  mt_message_free(m);
}

static void decoded_body_reports_invalid_base64(void) {
  static const char msg[] =
      "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\naGVs*bG8=\r\n";
  mt_message* m = NULL;
  char* v = NULL;
  size_t n = 0;
  int invalid = 0;
  current_test = "decoded_body_reports_invalid_base64";
  CHECK(mt_parse_memory(msg, sizeof msg - 1, NULL, &m) == MT_OK);
  if (!m) return;
  CHECK(mt_entity_decoded_body(mt_message_root(m), &v, &n, &invalid) == MT_OK);
  CHECK(v && n == 5 && memcmp(v, "hello", 5) == 0);
  CHECK(invalid == 1);
  mt_free(v);
  mt_message_free(m);
}

static void text_converts_declared_charset_to_utf8(void) {
  /* "Grüße" in ISO-8859-1, quoted-printable; iso-8859-1 is read as windows-1252 */
  static const char msg[] =
      "Content-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
      "Gr=FC=DFe =80\r\n";
  mt_message* m = NULL;
  char* v = NULL;
  size_t n = 0;
  int lossy = -1;
  current_test = "text_converts_declared_charset_to_utf8";
  CHECK(mt_parse_memory(msg, sizeof msg - 1, NULL, &m) == MT_OK);
  if (!m) return;
  CHECK(mt_entity_text(mt_message_root(m), 0, &v, &n, &lossy) == MT_OK);
  CHECK(v && strcmp(v, "Gr\xC3\xBC\xC3\x9F" "e \xE2\x82\xAC\r\n") == 0);
  CHECK(lossy == 0);
  mt_free(v);
  v = NULL;
  CHECK(mt_entity_text(mt_message_root(m), 0x80, &v, &n, NULL) == MT_ERR_INVALID_ARGUMENT);
  mt_message_free(m);
}

static void strict_text_fails_on_unknown_charset(void) {
  static const char msg[] = "Content-Type: text/plain; charset=x-no-such-charset\r\n\r\ncaf\xE9\r\n";
  mt_message* m = NULL;
  char* v = NULL;
  int lossy = 0;
  current_test = "strict_text_fails_on_unknown_charset";
  CHECK(mt_parse_memory(msg, sizeof msg - 1, NULL, &m) == MT_OK);
  if (!m) return;
  CHECK(mt_entity_text(mt_message_root(m), MT_TEXT_STRICT, &v, NULL, NULL) == MT_ERR_UNKNOWN_CHARSET);
  CHECK(v == NULL);
  CHECK(mt_entity_text(mt_message_root(m), 0, &v, NULL, &lossy) == MT_OK); /* lenient: a guess */
  CHECK(lossy == 1);
  mt_free(v);
  mt_message_free(m);
}

static void koi8r_sample_text_and_subject_decode(void) {
  mt_message* m;
  char* v = NULL;
  current_test = "koi8r_sample_text_and_subject_decode";
  m = parse_testdata("messages/real-world/the-bat-koi8-r-8bit.eml");
  CHECK(m != NULL);
  if (!m) return;
  CHECK(mt_entity_header_value(mt_message_root(m), "Subject", &v, NULL) == MT_OK);
  CHECK(v && strcmp(v, "\xD0\x9E\xD1\x82\xD1\x87\xD1\x91\xD1\x82 \xD0\xB7\xD0\xB0 "
                       "\xD1\x84\xD0\xB5\xD0\xB2\xD1\x80\xD0\xB0\xD0\xBB\xD1\x8C") == 0); /* Отчёт за февраль */
  mt_free(v);
  v = NULL;
  CHECK(mt_entity_text(mt_message_root(m), MT_TEXT_STRICT, &v, NULL, NULL) == MT_OK);
  CHECK(v && strncmp(v, "\xD0\x97\xD0\xB4\xD1\x80\xD0\xB0\xD0\xB2\xD1\x81\xD1\x82\xD0\xB2\xD1\x83\xD0\xB9\xD1\x82\xD0\xB5,",
                     21) == 0); /* Здравствуйте, */
  mt_free(v);
  mt_message_free(m);
}

static void gb2312_attachment_name_decodes(void) {
  mt_message* m;
  char* v = NULL;
  current_test = "gb2312_attachment_name_decodes";
  m = parse_testdata("messages/real-world/foxmail7-gb2312-attachment.eml");
  CHECK(m != NULL);
  if (!m) return;
  CHECK(mt_entity_filename(mt_message_find(m, "2"), &v, NULL) == MT_OK);
  CHECK(v && strcmp(v, "\xE6\x8A\xA5\xE4\xBB\xB7\xE5\x8D\x95" "2020-04.zip") == 0); /* 报价单2020-04.zip */
  mt_free(v);
  mt_message_free(m);
}

/* ---- the shared corpus -------------------------------------------------------------------- */

static void rfc2060_sample_has_imap_section_paths(void) {
  int skipped;
  mt_message* m;
  mt_entity* e;
  const char* p;
  size_t n = 0;
  current_test = "rfc2060_sample_has_imap_section_paths";
  /* The RFC 2060 §6.4.5 example: every body says which part specifier it should have. */
  m = parse_corpus("MimeKit/messages/rfc2060.txt", &skipped);
  if (skipped) return;
  CHECK(m != NULL);
  if (!m) return;
  CHECK(mt_message_entity_count(m) == 15);
  e = mt_message_find(m, "3");
  CHECK(e != NULL && mt_entity_is_message(e) && strcmp(mt_entity_media_type(e), "message/rfc822") == 0);
  CHECK(mt_entity_child_count(e) == 1);
  CHECK(strcmp(mt_entity_media_type(mt_entity_child(e, 0)), "multipart/mixed") == 0);
  CHECK(strcmp(mt_entity_section_path(mt_entity_child(e, 0)), "3") == 0);
  e = mt_message_find(m, "4.2.2.2");
  CHECK(e != NULL && strcmp(mt_entity_media_type(e), "text/richtext") == 0);
  CHECK(e && mt_entity_raw_body(e, &p, &n) == MT_OK && view_eq(p, n, "This part specifier should be: 4.2.2.2\n"));
  e = mt_message_find(m, "3.2");
  CHECK(e && mt_entity_raw_body(e, &p, &n) == MT_OK && view_eq(p, n, "This part specifier should be: 3.2\n"));
  mt_message_free(m);
}

static void missing_end_boundary_is_a_critical_diagnostic(void) {
  int skipped;
  mt_message* m;
  mt_diagnostic d;
  current_test = "missing_end_boundary_is_a_critical_diagnostic";
  m = parse_corpus("MimeKit/dkim/multipart-no-end-boundary.msg", &skipped);
  if (skipped) return;
  CHECK(m != NULL);
  if (!m) return;
  CHECK(strcmp(mt_entity_media_type(mt_message_root(m)), "multipart/alternative") == 0);
  CHECK(mt_entity_child_count(mt_message_root(m)) == 2);
  CHECK(mt_message_diagnostic_count(m) == 1);
  CHECK(mt_message_diagnostic(m, 0, &d) == MT_OK);
  CHECK(strcmp(d.code, "missing_end_boundary") == 0);
  CHECK(d.severity == MT_SEVERITY_CRITICAL);
  CHECK(d.offset == 2832); /* the end of the input */
  CHECK(strcmp(d.path, "") == 0);
  CHECK(mt_message_diagnostic(m, 1, &d) == MT_ERR_INVALID_ARGUMENT);
  mt_message_free(m);
}

static void digest_parts_default_to_message_rfc822(void) {
  int skipped;
  mt_message* m;
  mt_entity* e;
  current_test = "digest_parts_default_to_message_rfc822";
  m = parse_corpus("MimeKit/messages/multipart-digest.txt", &skipped);
  if (skipped) return;
  CHECK(m != NULL);
  if (!m) return;
  /* single-part root holding a message: the root is "1", the encapsulated digest "1" too */
  CHECK(strcmp(mt_entity_section_path(mt_message_root(m)), "1") == 0);
  CHECK(mt_message_find(m, "1") == mt_message_root(m));
  e = mt_message_find(m, "1.2");
  CHECK(e != NULL && strcmp(mt_entity_media_type(e), "message/rfc822") == 0);
  CHECK(e && strcmp(mt_entity_media_type(mt_entity_parent(e)), "multipart/digest") == 0);
  CHECK(mt_message_find(m, "1.2.1") != NULL);
  mt_message_free(m);
}

/* ---- composing messages ---------------------------------------------------------------------- */

static const char* const build_date = "Tue, 01 Oct 2024 10:00:00 +0200";

/* A builder with From, To, Subject, Date, Message-ID and a seed set: every later call is the test. */
static mt_builder* new_builder(void) {
  mt_builder* b = NULL;
  CHECK(mt_builder_new(&b) == MT_OK);
  if (!b) return NULL;
  CHECK(mt_builder_set_from(b, "Ann Example <ann@example.org>") == MT_OK);
  CHECK(mt_builder_add_to(b, "Bob <bob@example.net>") == MT_OK);
  CHECK(mt_builder_set_subject(b, "Quarterly report") == MT_OK);
  CHECK(mt_builder_set_date(b, build_date) == MT_OK);
  CHECK(mt_builder_set_message_id(b, "<report-q3@example.org>") == MT_OK);
  CHECK(mt_builder_set_seed(b, 42) == MT_OK);
  return b;
}

/* Writes the builder to memory and parses the bytes back; NULL after a failed check. */
static mt_message* write_and_parse(const mt_builder* b) {
  char* bytes = NULL;
  size_t len = 0;
  mt_message* m = NULL;
  if (mt_builder_write(b, &bytes, &len) != MT_OK) {
    fprintf(stderr, "%s: mt_builder_write: %s\n", current_test, mt_last_error());
    CHECK(!"mt_builder_write succeeds");
    return NULL;
  }
  CHECK(len == strlen(bytes)); /* the builder writes no NUL bytes: binary content is base64 */
  CHECK(mt_parse_memory(bytes, len, NULL, &m) == MT_OK);
  CHECK(m && mt_message_diagnostic_count(m) == 0);
  mt_free(bytes);
  return m;
}

static int text_is(const mt_entity* e, const char* expected) {
  char* t = NULL;
  size_t n = 0;
  int lossy = 1, same;
  if (mt_entity_text(e, MT_TEXT_STRICT, &t, &n, &lossy) != MT_OK) return 0;
  same = n == strlen(expected) && memcmp(t, expected, n) == 0 && !lossy;
  mt_free(t);
  return same;
}

static int header_is(const mt_entity* e, const char* name, const char* expected) {
  char* v = NULL;
  int same;
  if (mt_entity_header_value(e, name, &v, NULL) != MT_OK) return 0;
  same = strcmp(v, expected) == 0;
  mt_free(v);
  return same;
}

static int decoded_is(const mt_entity* e, const void* expected, size_t expected_len) {
  char* body = NULL;
  size_t n = 0;
  int invalid = 1, same;
  if (mt_entity_decoded_body(e, &body, &n, &invalid) != MT_OK) return 0;
  same = n == expected_len && memcmp(body, expected, n) == 0 && !invalid;
  mt_free(body);
  return same;
}

static int filename_is(const mt_entity* e, const char* expected) {
  char* v = NULL;
  int same;
  if (mt_entity_filename(e, &v, NULL) != MT_OK) return 0;
  same = strcmp(v, expected) == 0;
  mt_free(v);
  return same;
}

/* A valid 1x1 PNG (one transparent pixel). */
static const unsigned char tiny_png[] = {
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0B, 0x49, 0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0x60, 0x00, 0x02, 0x00,
    0x00, 0x05, 0x00, 0x01, 0xE9, 0xFA, 0xDC, 0xD8, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44,
    0xAE, 0x42, 0x60, 0x82};

static void builder_build_gives_the_message_a_reader_sees(void) {
  mt_builder* b;
  mt_message* m = NULL;
  char* bytes = NULL;
  char* again = NULL;
  size_t len = 0, again_len = 0;
  current_test = "builder_build_gives_the_message_a_reader_sees";
  b = new_builder();
  if (!b) return;
  CHECK(mt_builder_set_text(b, "Hello Bob,\n", NULL) == MT_OK);
  CHECK(mt_builder_attach_memory(b, tiny_png, sizeof tiny_png, "dot.png", "image/png") == MT_OK);
  CHECK(mt_builder_build(b, &m) == MT_OK);
  CHECK(mt_builder_write(b, &bytes, &len) == MT_OK);
  if (m && bytes) {
    CHECK(strcmp(mt_entity_media_type(mt_message_root(m)), "multipart/mixed") == 0);
    CHECK(mt_message_diagnostic_count(m) == 0);
    CHECK(decoded_is(mt_message_find(m, "2"), tiny_png, sizeof tiny_png));
    CHECK(mt_message_write(m, &again, &again_len) == MT_OK);
    CHECK(again && again_len == len && memcmp(again, bytes, len) == 0); /* the same bytes as write */
  }
  mt_free(again);
  mt_free(bytes);
  mt_message_free(m);
  CHECK(mt_builder_build(b, NULL) == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_builder_build(NULL, &m) == MT_ERR_INVALID_ARGUMENT);
  mt_builder_free(b);
}

static void builder_build_without_from_is_refused(void) {
  mt_builder* b = NULL;
  mt_message* m = NULL;
  current_test = "builder_build_without_from_is_refused";
  CHECK(mt_builder_new(&b) == MT_OK);
  CHECK(mt_builder_set_text(b, "x\n", NULL) == MT_OK);
  CHECK(mt_builder_build(b, &m) == MT_ERR_INVALID_ARGUMENT);
  CHECK(m == NULL);
  mt_builder_free(b);
}

static void builder_allow_8bit_writes_utf8_text_as_8bit(void) {
  mt_builder* b;
  mt_message* m;
  current_test = "builder_allow_8bit_writes_utf8_text_as_8bit";
  b = new_builder();
  if (!b) return;
  CHECK(mt_builder_set_text(b, "Gr\xC3\xBC\xC3\x9F" "e aus K\xC3\xB6ln, wir sehen uns am Montag.\n", NULL) == MT_OK);
  m = write_and_parse(b);
  if (m) CHECK(header_is(mt_message_root(m), "Content-Transfer-Encoding", "quoted-printable"));
  mt_message_free(m);
  CHECK(mt_builder_set_allow_8bit(b, 1) == MT_OK);
  m = write_and_parse(b);
  if (m) {
    CHECK(header_is(mt_message_root(m), "Content-Transfer-Encoding", "8bit"));
    CHECK(text_is(mt_message_root(m), "Gr\xC3\xBC\xC3\x9F" "e aus K\xC3\xB6ln, wir sehen uns am Montag.\r\n"));
  }
  mt_message_free(m);
  CHECK(mt_builder_set_allow_8bit(NULL, 1) == MT_ERR_INVALID_ARGUMENT);
  mt_builder_free(b);
}

static void builder_header_charset_chooses_the_encoded_word_charset(void) {
  mt_builder* b;
  char* bytes = NULL;
  size_t len = 0;
  mt_message* m = NULL;
  char* subject = NULL;
  current_test = "builder_header_charset_chooses_the_encoded_word_charset";
  b = new_builder();
  if (!b) return;
  CHECK(mt_builder_set_subject(b, "\xE4\xBC\x9A\xE8\xAD\xB0\xE3\x81\xAE\xE4\xBA\x88\xE5\xAE\x9A") == MT_OK); /* 会議の予定 */
  CHECK(mt_builder_set_text(b, "x\n", NULL) == MT_OK);
  CHECK(mt_builder_set_header_charset(b, "x-no-such-charset") == MT_ERR_UNKNOWN_CHARSET);
  CHECK(mt_builder_set_header_charset(b, "ISO-2022-JP") == MT_OK);
  CHECK(mt_builder_write(b, &bytes, &len) == MT_OK);
  if (bytes) {
    CHECK(strstr(bytes, "Subject: =?iso-2022-jp?") != NULL || strstr(bytes, "Subject: =?ISO-2022-JP?") != NULL);
    CHECK(mt_parse_memory(bytes, len, NULL, &m) == MT_OK);
    if (m) {
      CHECK(mt_entity_header_value(mt_message_root(m), "Subject", &subject, NULL) == MT_OK);
      CHECK(subject && strcmp(subject, "\xE4\xBC\x9A\xE8\xAD\xB0\xE3\x81\xAE\xE4\xBA\x88\xE5\xAE\x9A") == 0);
    }
  }
  mt_free(subject);
  mt_message_free(m);
  mt_free(bytes);
  CHECK(mt_builder_set_header_charset(b, NULL) == MT_ERR_INVALID_ARGUMENT);
  mt_builder_free(b);
}

static void builder_text_only_gives_single_text_plain_part(void) {
  mt_builder* b;
  mt_message* m;
  mt_entity* root;
  current_test = "builder_text_only_gives_single_text_plain_part";
  b = new_builder();
  if (!b) return;
  CHECK(mt_builder_set_text(b, "Hello Bob,\nsee you.\n", NULL) == MT_OK);
  m = write_and_parse(b);
  mt_builder_free(b);
  if (!m) return;
  root = mt_message_root(m);
  CHECK(mt_message_entity_count(m) == 1);
  CHECK(strcmp(mt_entity_media_type(root), "text/plain") == 0);
  CHECK(text_is(root, "Hello Bob,\r\nsee you.\r\n")); /* LF became the output's CRLF */
  CHECK(header_is(root, "From", "Ann Example <ann@example.org>"));
  CHECK(header_is(root, "To", "Bob <bob@example.net>"));
  CHECK(header_is(root, "Subject", "Quarterly report"));
  CHECK(header_is(root, "Date", build_date));
  CHECK(header_is(root, "Message-ID", "<report-q3@example.org>"));
  CHECK(header_is(root, "MIME-Version", "1.0"));
  mt_message_free(m);
}

static void builder_text_and_html_give_multipart_alternative(void) {
  mt_builder* b;
  mt_message* m;
  mt_entity* root;
  current_test = "builder_text_and_html_give_multipart_alternative";
  b = new_builder();
  if (!b) return;
  CHECK(mt_builder_set_text(b, "Gr\xC3\xBC\xC3\x9F" "e\n", NULL) == MT_OK);        /* Grüße */
  CHECK(mt_builder_set_html(b, "<p>Gr\xC3\xBC\xC3\x9F" "e</p>\n", "utf-8") == MT_OK);
  m = write_and_parse(b);
  mt_builder_free(b);
  if (!m) return;
  root = mt_message_root(m);
  CHECK(strcmp(mt_entity_media_type(root), "multipart/alternative") == 0);
  CHECK(mt_entity_child_count(root) == 2);
  CHECK(strcmp(mt_entity_media_type(mt_message_find(m, "1")), "text/plain") == 0);
  CHECK(strcmp(mt_entity_media_type(mt_message_find(m, "2")), "text/html") == 0);
  CHECK(text_is(mt_message_find(m, "1"), "Gr\xC3\xBC\xC3\x9F" "e\r\n"));
  CHECK(text_is(mt_message_find(m, "2"), "<p>Gr\xC3\xBC\xC3\x9F" "e</p>\r\n"));
  mt_message_free(m);
}

static void builder_html_with_inline_image_gives_related_inside_alternative(void) {
  mt_builder* b;
  mt_message* m;
  const mt_entity* img;
  current_test = "builder_html_with_inline_image_gives_related_inside_alternative";
  b = new_builder();
  if (!b) return;
  CHECK(mt_builder_set_text(b, "Our logo is attached.\n", NULL) == MT_OK);
  CHECK(mt_builder_set_html(b, "<p><img src=\"cid:logo@example.org\"></p>\n", NULL) == MT_OK);
  CHECK(mt_builder_inline_memory(b, tiny_png, sizeof tiny_png, "logo@example.org", "image/png", "logo.png") ==
        MT_OK);
  m = write_and_parse(b);
  mt_builder_free(b);
  if (!m) return;
  CHECK(strcmp(mt_entity_media_type(mt_message_root(m)), "multipart/alternative") == 0);
  CHECK(strcmp(mt_entity_media_type(mt_message_find(m, "1")), "text/plain") == 0);
  CHECK(strcmp(mt_entity_media_type(mt_message_find(m, "2")), "multipart/related") == 0);
  CHECK(strcmp(mt_entity_media_type(mt_message_find(m, "2.1")), "text/html") == 0);
  img = mt_message_find(m, "2.2");
  CHECK(img && strcmp(mt_entity_media_type(img), "image/png") == 0);
  if (img) {
    CHECK(header_is(img, "Content-ID", "<logo@example.org>"));
    CHECK(decoded_is(img, tiny_png, sizeof tiny_png));
    CHECK(filename_is(img, "logo.png"));
  }
  mt_message_free(m);
}

static void builder_attachment_keeps_bytes_and_non_ascii_filename(void) {
  /* Bytes that survive only a byte-exact transfer encoding: NUL, CR, LF, 0xFF. */
  static const unsigned char data[] = {0x25, 0x50, 0x44, 0x46, 0x00, 0x0D, 0x0A, 0xFF, 0x0A, 0x0D, 0x80, 0x7F};
  /* "Überweisung 季度报告.pdf": long enough and non-ASCII, so RFC 2231 continuations are written */
  static const char name[] = "\xC3\x9C" "berweisung \xE5\xAD\xA3\xE5\xBA\xA6\xE6\x8A\xA5\xE5\x91\x8A.pdf";
  mt_builder* b;
  mt_message* m;
  const mt_entity* att;
  current_test = "builder_attachment_keeps_bytes_and_non_ascii_filename";
  b = new_builder();
  if (!b) return;
  CHECK(mt_builder_set_text(b, "See the attachment.\n", NULL) == MT_OK);
  CHECK(mt_builder_attach_memory(b, data, sizeof data, name, "application/pdf") == MT_OK);
  m = write_and_parse(b);
  mt_builder_free(b);
  if (!m) return;
  CHECK(strcmp(mt_entity_media_type(mt_message_root(m)), "multipart/mixed") == 0);
  CHECK(mt_entity_child_count(mt_message_root(m)) == 2);
  CHECK(text_is(mt_message_find(m, "1"), "See the attachment.\r\n"));
  att = mt_message_find(m, "2");
  CHECK(att && strcmp(mt_entity_media_type(att), "application/pdf") == 0);
  if (att) {
    CHECK(decoded_is(att, data, sizeof data));
    CHECK(filename_is(att, name));
  }
  mt_message_free(m);
}

static void builder_every_part_kind_nests_as_mail_clients_do(void) {
  static const char csv[] = "a,b\n1,2\n";
  mt_builder* b;
  mt_message* m;
  current_test = "builder_every_part_kind_nests_as_mail_clients_do";
  b = new_builder();
  if (!b) return;
  CHECK(mt_builder_set_text(b, "text\n", NULL) == MT_OK);
  CHECK(mt_builder_set_html(b, "<img src=\"cid:a@b\">\n", NULL) == MT_OK);
  CHECK(mt_builder_inline_memory(b, tiny_png, sizeof tiny_png, "a@b", NULL, NULL) == MT_OK); /* type guessed */
  CHECK(mt_builder_attach_memory(b, csv, sizeof csv - 1, "t.csv", "text/csv") == MT_OK);
  m = write_and_parse(b);
  mt_builder_free(b);
  if (!m) return;
  CHECK(mt_message_entity_count(m) == 7);
  CHECK(strcmp(mt_entity_media_type(mt_message_root(m)), "multipart/mixed") == 0);
  CHECK(strcmp(mt_entity_media_type(mt_message_find(m, "1")), "multipart/alternative") == 0);
  CHECK(strcmp(mt_entity_media_type(mt_message_find(m, "1.1")), "text/plain") == 0);
  CHECK(strcmp(mt_entity_media_type(mt_message_find(m, "1.2")), "multipart/related") == 0);
  CHECK(strcmp(mt_entity_media_type(mt_message_find(m, "1.2.1")), "text/html") == 0);
  CHECK(strcmp(mt_entity_media_type(mt_message_find(m, "1.2.2")), "image/png") == 0);
  CHECK(strcmp(mt_entity_media_type(mt_message_find(m, "2")), "text/csv") == 0);
  CHECK(decoded_is(mt_message_find(m, "2"), csv, sizeof csv - 1)); /* attachments stay byte-exact: LF kept */
  mt_message_free(m);
}

static void builder_gb2312_text_is_written_in_gb2312(void) {
  mt_builder* b;
  mt_message* m;
  const mt_entity* e;
  char* ct = NULL;
  current_test = "builder_gb2312_text_is_written_in_gb2312";
  b = new_builder();
  if (!b) return;
  /* 见附件。 */
  CHECK(mt_builder_set_text(b, "\xE8\xA7\x81\xE9\x99\x84\xE4\xBB\xB6\xE3\x80\x82\n", "gb2312") == MT_OK);
  m = write_and_parse(b);
  mt_builder_free(b);
  if (!m) return;
  e = mt_message_root(m);
  CHECK(mt_entity_header_value(e, "Content-Type", &ct, NULL) == MT_OK);
  CHECK(ct && strstr(ct, "charset=\"gb2312\"") != NULL);
  mt_free(ct);
  CHECK(decoded_is(e, "\xBC\xFB\xB8\xBD\xBC\xFE\xA1\xA3\r\n", 10)); /* the GB2312 (EUC-CN) bytes */
  CHECK(text_is(e, "\xE8\xA7\x81\xE9\x99\x84\xE4\xBB\xB6\xE3\x80\x82\r\n"));
  mt_message_free(m);
}

static void builder_attach_file_reads_bytes_and_names_part_after_file(void) {
  char path[2048];
  char* expected = NULL;
  size_t expected_len = 0;
  mt_builder* b;
  mt_message* m;
  current_test = "builder_attach_file_reads_bytes_and_names_part_after_file";
  CHECK(path_join(path, sizeof path, testdata_dir, "codecs/logo-gif-lf72-nopad.bin"));
  expected = read_all(path, &expected_len);
  CHECK(expected != NULL && expected_len > 0);
  b = new_builder();
  if (!b || !expected) {
    free(expected);
    mt_builder_free(b);
    return;
  }
  CHECK(mt_builder_attach_file(b, path, NULL, NULL) == MT_OK);
  CHECK(mt_builder_attach_file(b, path, "image/gif", "renamed.gif") == MT_OK);
  m = write_and_parse(b);
  mt_builder_free(b);
  if (m) {
    /* no text: the attachments alone make the multipart/mixed */
    CHECK(strcmp(mt_entity_media_type(mt_message_root(m)), "multipart/mixed") == 0);
    CHECK(mt_entity_child_count(mt_message_root(m)) == 2);
    CHECK(filename_is(mt_message_find(m, "1"), "logo-gif-lf72-nopad.bin"));
    CHECK(decoded_is(mt_message_find(m, "1"), expected, expected_len));
    CHECK(filename_is(mt_message_find(m, "2"), "renamed.gif"));
    CHECK(strcmp(mt_entity_media_type(mt_message_find(m, "2")), "image/gif") == 0);
    CHECK(decoded_is(mt_message_find(m, "2"), expected, expected_len));
    mt_message_free(m);
  }
  free(expected);
}

static void builder_same_seed_gives_identical_bytes_and_lf_has_no_cr(void) {
  mt_builder* b;
  char *first = NULL, *second = NULL, *lf = NULL;
  size_t n1 = 0, n2 = 0, n3 = 0;
  current_test = "builder_same_seed_gives_identical_bytes_and_lf_has_no_cr";
  b = new_builder();
  if (!b) return;
  CHECK(mt_builder_set_text(b, "one\ntwo\n", NULL) == MT_OK);
  CHECK(mt_builder_attach_memory(b, "x", 1, "x.bin", NULL) == MT_OK);
  CHECK(mt_builder_write(b, &first, &n1) == MT_OK);
  CHECK(mt_builder_write(b, &second, &n2) == MT_OK);
  CHECK(first && second && n1 == n2 && memcmp(first, second, n1) == 0);
  CHECK(first && strstr(first, "\r\n\r\n") != NULL);
  CHECK(mt_builder_set_line_ending(b, MT_LINE_ENDING_LF) == MT_OK);
  CHECK(mt_builder_write(b, &lf, &n3) == MT_OK);
  CHECK(lf && strchr(lf, '\r') == NULL && strstr(lf, "\n\n") != NULL);
  CHECK(mt_builder_set_line_ending(b, (mt_line_ending)7) == MT_ERR_INVALID_ARGUMENT);
  mt_free(first);
  mt_free(second);
  mt_free(lf);
  mt_builder_free(b);
}

static void builder_write_file_writes_the_bytes_of_write(void) {
  static const char out_path[] = "capi_builder_output.eml";
  mt_builder* b;
  char* bytes = NULL;
  char* written = NULL;
  size_t n = 0, written_len = 0;
  current_test = "builder_write_file_writes_the_bytes_of_write";
  b = new_builder();
  if (!b) return;
  CHECK(mt_builder_set_text(b, "file\n", NULL) == MT_OK);
  remove(out_path);
  CHECK(mt_builder_write_file(b, out_path) == MT_OK);
  CHECK(mt_builder_write(b, &bytes, &n) == MT_OK);
  written = read_all(out_path, &written_len);
  CHECK(written && bytes && written_len == n && memcmp(written, bytes, n) == 0);
  CHECK(mt_builder_write_file(b, "no-such-folder/x/out.eml") == MT_ERR_CANT_CREATE);
  CHECK(strlen(mt_last_error()) > 0);
  remove(out_path);
  free(written);
  mt_free(bytes);
  mt_builder_free(b);
}

static void builder_bcc_is_an_envelope_recipient_but_never_written(void) {
  mt_builder* b;
  char* bytes = NULL;
  current_test = "builder_bcc_is_an_envelope_recipient_but_never_written";
  b = new_builder();
  if (!b) return;
  CHECK(mt_builder_add_cc(b, "carol@example.net, Dave <dave@example.net>") == MT_OK);
  CHECK(mt_builder_add_bcc(b, "secret@example.com") == MT_OK);
  CHECK(mt_builder_add_reply_to(b, "reports@example.org") == MT_OK);
  CHECK(mt_builder_set_text(b, "x\n", NULL) == MT_OK);
  CHECK(mt_builder_recipient_count(b) == 4);
  CHECK(mt_builder_recipient(b, 0) && strcmp(mt_builder_recipient(b, 0), "bob@example.net") == 0);
  CHECK(mt_builder_recipient(b, 1) && strcmp(mt_builder_recipient(b, 1), "carol@example.net") == 0);
  CHECK(mt_builder_recipient(b, 2) && strcmp(mt_builder_recipient(b, 2), "dave@example.net") == 0);
  CHECK(mt_builder_recipient(b, 3) && strcmp(mt_builder_recipient(b, 3), "secret@example.com") == 0);
  CHECK(mt_builder_recipient(b, 4) == NULL);
  CHECK(mt_builder_write(b, &bytes, NULL) == MT_OK);
  CHECK(bytes && strstr(bytes, "secret") == NULL);
  CHECK(bytes && strstr(bytes, "\r\nCc: carol@example.net, Dave <dave@example.net>\r\n") != NULL);
  CHECK(bytes && strstr(bytes, "\r\nReply-To: reports@example.org\r\n") != NULL);
  mt_free(bytes);
  mt_builder_free(b);
}

static void builder_header_encodes_non_ascii_and_refuses_owned_fields(void) {
  mt_builder* b;
  mt_message* m;
  current_test = "builder_header_encodes_non_ascii_and_refuses_owned_fields";
  b = new_builder();
  if (!b) return;
  CHECK(mt_builder_add_header(b, "X-Note", "caf\xC3\xA9") == MT_OK); /* café */
  CHECK(mt_builder_add_header(b, "Content-Type", "text/html") == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_builder_add_header(b, "Bad Name", "x") == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_builder_add_header(b, "X-Inject", "x\r\nBcc: victim@example.com") == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_builder_set_subject(b, "x\nBcc: victim@example.com") == MT_ERR_INVALID_ARGUMENT);
  m = write_and_parse(b);
  mt_builder_free(b);
  if (!m) return;
  CHECK(header_is(mt_message_root(m), "X-Note", "caf\xC3\xA9"));
  CHECK(header_is(mt_message_root(m), "Subject", "Quarterly report")); /* the refused subject changed nothing */
  CHECK(!header_is(mt_message_root(m), "X-Inject", "x"));
  CHECK(!header_is(mt_message_root(m), "Bcc", "victim@example.com"));
  CHECK(header_is(mt_message_root(m), "Content-Type", "text/plain; charset=\"utf-8\""));
  mt_message_free(m);
}

static void builder_bad_address_is_refused_and_builder_stays_usable(void) {
  mt_builder* b = NULL;
  char* bytes = NULL;
  current_test = "builder_bad_address_is_refused_and_builder_stays_usable";
  CHECK(mt_builder_new(&b) == MT_OK);
  if (!b) return;
  CHECK(mt_builder_set_text(b, "x\n", NULL) == MT_OK);
  CHECK(mt_builder_write(b, &bytes, NULL) == MT_ERR_INVALID_ARGUMENT); /* no From yet */
  CHECK(bytes == NULL);
  CHECK(strstr(mt_last_error(), "From") != NULL);
  CHECK(mt_builder_set_from(b, "not an address") == MT_ERR_INVALID_ARGUMENT);
  CHECK(strlen(mt_last_error()) > 0);
  CHECK(mt_builder_set_from(b, "a@example.org, b@example.org") == MT_ERR_INVALID_ARGUMENT);
  /* a non-ASCII address would need SMTPUTF8 (RFC 6531) */
  CHECK(mt_builder_set_from(b, "J\xC3\xB6rg <j\xC3\xB6rg@example.org>") == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_builder_add_to(b, "bob@") == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_builder_add_cc(b, "carol at example.net") == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_builder_set_date(b, "yesterday") == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_builder_set_message_id(b, "no-at-sign") == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_builder_recipient_count(b) == 0);
  CHECK(mt_builder_set_from(b, "ann@example.org") == MT_OK);
  CHECK(strcmp(mt_last_error(), "") == 0);
  CHECK(mt_builder_set_date(b, build_date) == MT_OK);
  CHECK(mt_builder_write(b, &bytes, NULL) == MT_OK);
  CHECK(bytes && strncmp(bytes, "Date: Tue, 01 Oct 2024 10:00:00 +0200\r\nFrom: ann@example.org\r\n", 61) == 0);
  mt_free(bytes);
  mt_builder_free(b);
}

static void builder_unknown_or_unfit_charset_is_refused_and_text_kept(void) {
  mt_builder* b;
  mt_message* m;
  current_test = "builder_unknown_or_unfit_charset_is_refused_and_text_kept";
  b = new_builder();
  if (!b) return;
  CHECK(mt_builder_set_text(b, "kept\n", NULL) == MT_OK);
  CHECK(mt_builder_set_text(b, "x\n", "no-such-charset") == MT_ERR_UNKNOWN_CHARSET);
  CHECK(strstr(mt_last_error(), "no-such-charset") != NULL);
  CHECK(mt_builder_set_html(b, "x\n", "") == MT_ERR_UNKNOWN_CHARSET);
  /* 한 (Hangul) is not in GB2312 */
  CHECK(mt_builder_set_text(b, "\xED\x95\x9C\n", "gb2312") == MT_ERR_INVALID_SEQUENCE);
  CHECK(mt_builder_set_text(b, "caf\xE9\n", NULL) == MT_ERR_INVALID_SEQUENCE); /* Latin-1, not UTF-8 */
  CHECK(mt_builder_set_subject(b, "caf\xE9") == MT_ERR_INVALID_SEQUENCE);
  m = write_and_parse(b);
  mt_builder_free(b);
  if (!m) return;
  CHECK(text_is(mt_message_root(m), "kept\r\n"));
  mt_message_free(m);
}

static void builder_missing_file_and_bad_parts_are_refused(void) {
  char missing[2048];
  mt_builder* b;
  current_test = "builder_missing_file_and_bad_parts_are_refused";
  CHECK(path_join(missing, sizeof missing, testdata_dir, "no-such-file.pdf"));
  b = new_builder();
  if (!b) return;
  CHECK(mt_builder_attach_file(b, missing, NULL, NULL) == MT_ERR_NO_INPUT);
  CHECK(strstr(mt_last_error(), "no-such-file.pdf") != NULL);
  CHECK(mt_builder_attach_file(b, testdata_dir, NULL, NULL) == MT_ERR_NO_INPUT); /* a folder */
  CHECK(mt_builder_attach_memory(b, "x", 1, "x.bin", "not a type") == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_builder_attach_memory(b, "x", 1, "x.eml", "multipart/mixed") == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_builder_attach_memory(b, "x", 1, "two\r\nlines.txt", NULL) == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_builder_attach_memory(b, NULL, 3, "x.bin", NULL) == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_builder_inline_memory(b, tiny_png, sizeof tiny_png, "l\xC3\xB6go@example.org", "image/png", NULL) ==
        MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_builder_inline_memory(b, tiny_png, sizeof tiny_png, "a b", "image/png", NULL) == MT_ERR_INVALID_ARGUMENT);
  mt_builder_free(b);
}

static void builder_null_arguments_are_rejected(void) {
  mt_builder* b = NULL;
  char* out = NULL;
  current_test = "builder_null_arguments_are_rejected";
  CHECK(mt_builder_new(NULL) == MT_ERR_INVALID_ARGUMENT);
  mt_builder_free(NULL);
  CHECK(mt_builder_set_from(NULL, "a@b.c") == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_builder_set_seed(NULL, 1) == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_builder_write(NULL, &out, NULL) == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_builder_recipient_count(NULL) == 0);
  CHECK(mt_builder_recipient(NULL, 0) == NULL);
  CHECK(mt_builder_new(&b) == MT_OK);
  if (!b) return;
  CHECK(mt_builder_set_from(b, NULL) == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_builder_add_to(b, NULL) == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_builder_set_text(b, NULL, NULL) == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_builder_add_header(b, NULL, "x") == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_builder_add_header(b, "X-A", NULL) == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_builder_attach_file(b, NULL, NULL, NULL) == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_builder_inline_memory(b, "x", 1, NULL, NULL, NULL) == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_builder_write(b, NULL, NULL) == MT_ERR_INVALID_ARGUMENT);
  CHECK(mt_builder_write_file(b, NULL) == MT_ERR_INVALID_ARGUMENT);
  CHECK(out == NULL);
  mt_builder_free(b);
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fputs("usage: test_capi TESTDATA_DIR CORPUS_DIR\n", stderr);
    return 2;
  }
  snprintf(testdata_dir, sizeof testdata_dir, "%s", argv[1]);
  snprintf(corpus_dir, sizeof corpus_dir, "%s", argv[2]);

  current_test = "version_matches_header";
  CHECK(strcmp(mt_version(), MIMETOOL_VERSION_STRING) == 0);

  tree_of_thunderbird_message_has_three_parts();
  entity_at_follows_section_path_order();
  headers_are_borrowed_views_in_order();
  raw_body_is_still_transfer_encoded();
  parse_memory_copies_the_input();
  empty_input_gives_a_root_without_fields();
  missing_file_reports_no_input();
  null_arguments_are_rejected_not_dereferenced();
  parse_options_limit_depth_with_a_critical_diagnostic();
  unedited_message_writes_back_byte_for_byte();
  set_header_replaces_subject_in_written_message();
  set_header_rejects_field_injection();
  header_value_decodes_encoded_words();
  filename_decodes_rfc2231_and_falls_back_to_name();
  decoded_body_undoes_base64();
  decoded_body_reports_invalid_base64();
  text_converts_declared_charset_to_utf8();
  strict_text_fails_on_unknown_charset();
  koi8r_sample_text_and_subject_decode();
  gb2312_attachment_name_decodes();
  rfc2060_sample_has_imap_section_paths();
  missing_end_boundary_is_a_critical_diagnostic();
  digest_parts_default_to_message_rfc822();
  builder_text_only_gives_single_text_plain_part();
  builder_build_gives_the_message_a_reader_sees();
  builder_build_without_from_is_refused();
  builder_allow_8bit_writes_utf8_text_as_8bit();
  builder_header_charset_chooses_the_encoded_word_charset();
  builder_text_and_html_give_multipart_alternative();
  builder_html_with_inline_image_gives_related_inside_alternative();
  builder_attachment_keeps_bytes_and_non_ascii_filename();
  builder_every_part_kind_nests_as_mail_clients_do();
  builder_gb2312_text_is_written_in_gb2312();
  builder_attach_file_reads_bytes_and_names_part_after_file();
  builder_same_seed_gives_identical_bytes_and_lf_has_no_cr();
  builder_write_file_writes_the_bytes_of_write();
  builder_bcc_is_an_envelope_recipient_but_never_written();
  builder_header_encodes_non_ascii_and_refuses_owned_fields();
  builder_bad_address_is_refused_and_builder_stays_usable();
  builder_unknown_or_unfit_charset_is_refused_and_text_kept();
  builder_missing_file_and_bad_parts_are_refused();
  builder_null_arguments_are_rejected();

  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
