/* GMime 3 throughput driver, the counterpart of bench/mimetool_driver.cpp (same command line,
 * same output line). Used only by bench/compare.sh for benchmarking, never part of the build:
 *
 *   cc -O2 -o gmime_driver bench/gmime_driver.c $(pkg-config --cflags --libs gmime-3.0)
 *   gmime_driver structure|decode|utf8 [--repeat N] PATH...
 *
 * Every file is read into memory first. Each message is then parsed from a memory stream over
 * those bytes (nothing copied: the stream does not own the array, and the parser keeps part
 * contents as substreams of it). structure: parse only. decode: also write every leaf's content
 * through its transfer decoder into a null stream. utf8: as decode, with text parts also passed
 * through a charset filter to UTF-8. */

#include <dirent.h>
#include <gmime/gmime.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

typedef struct {
  GPtrArray *arrays; /* GByteArray per message */
  double bytes;
} Corpus;

typedef struct {
  size_t messages, entities, leaves, decoded;
} Tally;

enum mode { MODE_STRUCTURE, MODE_DECODE, MODE_UTF8 };

static int usage(void) {
  fputs("usage: gmime_driver structure|decode|utf8 [--repeat N] PATH...\n"
        "  Reads every PATH (a message file, or a folder of them) into memory, then times\n"
        "  parsing it with GMime (structure), also decoding every leaf (decode), and also\n"
        "  converting text parts to UTF-8 (utf8).\n",
        stderr);
  return 64;
}

static int load_file(const char *path, Corpus *c) {
  gchar *data = NULL;
  gsize len = 0;
  GError *err = NULL;
  if (!g_file_get_contents(path, &data, &len, &err)) {
    fprintf(stderr, "gmime_driver: %s\n", err->message);
    g_error_free(err);
    return -1;
  }
  g_ptr_array_add(c->arrays, g_byte_array_new_take((guint8 *)data, len));
  c->bytes += (double)len;
  return 0;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A file, or the regular files directly inside a folder, in name order (as mimetool_driver). */
static int load_path(const char *path, Corpus *c) {
  struct stat st;
  if (stat(path, &st) != 0) {
    fprintf(stderr, "gmime_driver: %s: no such file or directory\n", path);
    return -1;
  }
  if (!S_ISDIR(st.st_mode)) return load_file(path, c);
  DIR *d = opendir(path);
  if (!d) return -1;
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    char *full = g_build_filename(path, e->d_name, NULL);
    if (stat(full, &st) == 0 && S_ISREG(st.st_mode))
      g_ptr_array_add(names, full);
    else
      g_free(full);
  }
  closedir(d);
  qsort(names->pdata, names->len, sizeof(char *), cmp_str);
  int rc = 0;
  for (guint i = 0; i < names->len && rc == 0; i++) rc = load_file(names->pdata[i], c);
  g_ptr_array_free(names, TRUE);
  return rc;
}

static void decode_leaf(GMimePart *part, enum mode mode, GMimeStream *null, Tally *t) {
  GMimeDataWrapper *content = g_mime_part_get_content(part);
  if (!content) return;
  GMimeContentType *ct = g_mime_object_get_content_type((GMimeObject *)part);
  if (mode == MODE_UTF8 && ct && g_mime_content_type_is_type(ct, "text", "*")) {
    const char *charset = g_mime_content_type_get_parameter(ct, "charset");
    GMimeStream *filtered = g_mime_stream_filter_new(null);
    GMimeFilter *filter = g_mime_filter_charset_new(charset ? charset : "us-ascii", "utf-8");
    if (filter) {
      g_mime_stream_filter_add((GMimeStreamFilter *)filtered, filter);
      g_object_unref(filter);
    }
    gint64 before = g_mime_stream_tell(null);
    g_mime_data_wrapper_write_to_stream(content, filtered);
    g_mime_stream_flush(filtered);
    t->decoded += (size_t)(g_mime_stream_tell(null) - before);
    g_object_unref(filtered);
    return;
  }
  ssize_t n = g_mime_data_wrapper_write_to_stream(content, null);
  if (n > 0) t->decoded += (size_t)n;
}

/* Depth-first over multiparts and encapsulated messages (g_mime_message_foreach does not
 * descend into message/rfc822 parts, mimetool's tree does). */
static void walk(GMimeObject *obj, enum mode mode, GMimeStream *null, Tally *t) {
  if (!obj) return;
  t->entities++;
  if (GMIME_IS_MULTIPART(obj)) {
    GMimeMultipart *mp = (GMimeMultipart *)obj;
    int n = g_mime_multipart_get_count(mp);
    for (int i = 0; i < n; i++) walk(g_mime_multipart_get_part(mp, i), mode, null, t);
  } else if (GMIME_IS_MESSAGE_PART(obj)) {
    GMimeMessage *inner = g_mime_message_part_get_message((GMimeMessagePart *)obj);
    if (inner) walk(g_mime_message_get_mime_part(inner), mode, null, t);
  } else if (GMIME_IS_PART(obj)) {
    t->leaves++;
    if (mode != MODE_STRUCTURE) decode_leaf((GMimePart *)obj, mode, null, t);
  }
}

static void run_one(GByteArray *bytes, enum mode mode, GMimeStream *null, Tally *t) {
  GMimeStream *stream = g_mime_stream_mem_new_with_byte_array(bytes);
  g_mime_stream_mem_set_owner((GMimeStreamMem *)stream, FALSE);
  GMimeParser *parser = g_mime_parser_new_with_stream(stream);
  GMimeMessage *msg = g_mime_parser_construct_message(parser, NULL);
  t->messages++;
  if (msg) {
    walk(g_mime_message_get_mime_part(msg), mode, null, t);
    g_object_unref(msg);
  }
  g_object_unref(parser);
  g_object_unref(stream);
}

static double now(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 3) return usage();
  enum mode mode;
  if (strcmp(argv[1], "structure") == 0)
    mode = MODE_STRUCTURE;
  else if (strcmp(argv[1], "decode") == 0)
    mode = MODE_DECODE;
  else if (strcmp(argv[1], "utf8") == 0)
    mode = MODE_UTF8;
  else
    return usage();

  g_mime_init();
  Corpus c = {g_ptr_array_new(), 0};
  long repeat = 1;
  for (int i = 2; i < argc; i++) {
    if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) {
      repeat = strtol(argv[++i], NULL, 10);
      if (repeat < 1) return usage();
      continue;
    }
    if (load_path(argv[i], &c) != 0) return 66;
  }
  if (c.arrays->len == 0) return usage();

  GMimeStream *null = g_mime_stream_null_new();
  Tally t = {0, 0, 0, 0};
  double cpu0 = now(CLOCK_PROCESS_CPUTIME_ID), t0 = now(CLOCK_MONOTONIC);
  for (long r = 0; r < repeat; r++)
    for (guint i = 0; i < c.arrays->len; i++) run_one(c.arrays->pdata[i], mode, null, &t);
  double wall = now(CLOCK_MONOTONIC) - t0, cpu = now(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
  double bytes = c.bytes * (double)repeat;
  printf("tool=gmime mode=%s files=%u bytes=%.0f entities=%zu leaves=%zu decoded=%zu "
         "seconds=%.6f cpu_seconds=%.6f MBps=%.1f\n",
         argv[1], c.arrays->len, bytes, t.entities / (size_t)repeat, t.leaves / (size_t)repeat,
         t.decoded / (size_t)repeat, wall, cpu, bytes / 1e6 / wall);
  g_object_unref(null);
  return 0;
}
