/* GMime 3 exploder: the counterpart of `mimetool explode -o OUTDIR PATH...` for the whole-process
 * comparison in bench/compare.sh (GMime ships no command-line extractor). Never part of the build:
 *
 *   cc -O2 -o gmime_explode bench/gmime_explode.c $(pkg-config --cflags --libs gmime-3.0)
 *   gmime_explode OUTDIR PATH...
 *
 * PATH is a message file or a folder of them (its regular files, in name order). Like mimetool
 * with several inputs, every message gets its own subfolder of OUTDIR (the file name without its
 * extension), and every entity that is not a multipart becomes one file there: a leaf's content
 * with its transfer encoding undone (g_mime_data_wrapper_write_to_stream), a message/rfc822
 * part as the encapsulated message written out, whose own parts then follow. Files are named by
 * the part's filename (slashes and leading dots replaced) or "part-N.bin", a numbered variant on
 * a clash, created with O_CREAT|O_EXCL, so no file is ever replaced. Each message file is read
 * into memory with one read() and parsed from a memory stream over those bytes.
 *
 * Prints one line: messages, files written and bytes written, to check that both tools did the
 * same work. Exit status 0, or 66/73/74 on input/creation/write errors. */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <gmime/gmime.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
  size_t messages, files;
  unsigned long long bytes;
} Tally;

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* A file name made safe enough for this benchmark: no '/', no leading '.', not empty. */
static char *safe_name(const char *wanted, int index) {
  if (!wanted || !*wanted) return g_strdup_printf("part-%d.bin", index);
  char *s = g_strdup(wanted);
  for (char *p = s; *p; p++)
    if (*p == '/' || *p == '\\' || (unsigned char)*p < 0x20) *p = '_';
  if (s[0] == '.') s[0] = '_';
  if (strlen(s) > 200) s[200] = '\0';
  return s;
}

/* Creates DIR/NAME, or DIR/NAME-2, -3… when taken; returns the descriptor or -1. */
static int create_unique(const char *dir, const char *name) {
  for (int n = 1; n < 100000; n++) {
    char *path = n == 1 ? g_build_filename(dir, name, NULL) : g_strdup_printf("%s/%s-%d", dir, name, n);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    int err = errno;
    g_free(path);
    if (fd >= 0) return fd;
    if (err != EEXIST) return -1;
  }
  return -1;
}

static int write_entity(GMimeObject *obj, const char *dir, int *index, Tally *t) {
  (*index)++;
  const char *wanted = GMIME_IS_PART(obj) ? g_mime_part_get_filename((GMimePart *)obj) : NULL;
  char *name = safe_name(wanted, *index);
  if (!wanted && GMIME_IS_MESSAGE_PART(obj)) {
    g_free(name);
    name = g_strdup_printf("part-%d.eml", *index);
  }
  int fd = create_unique(dir, name);
  g_free(name);
  if (fd < 0) return 73;
  GMimeStream *out = g_mime_stream_fs_new(fd); /* owns fd: closed on unref */
  gint64 n = 0;
  if (GMIME_IS_PART(obj)) {
    GMimeDataWrapper *content = g_mime_part_get_content((GMimePart *)obj);
    if (content) n = g_mime_data_wrapper_write_to_stream(content, out);
  } else {
    GMimeMessage *inner = g_mime_message_part_get_message((GMimeMessagePart *)obj);
    if (inner) n = g_mime_object_write_to_stream((GMimeObject *)inner, NULL, out);
  }
  /* No g_mime_stream_flush(): on a file stream it calls fsync(), which mimetool does not do. The
   * data wrapper wrote straight to the descriptor; unref closes it. */
  int rc = n < 0 ? 74 : 0;
  g_object_unref(out);
  if (rc == 0) {
    t->files++;
    t->bytes += (unsigned long long)n;
  }
  return rc;
}

/* Depth-first over multiparts and encapsulated messages, as mimetool's manifest order. */
static int walk(GMimeObject *obj, const char *dir, int *index, Tally *t) {
  if (!obj) return 0;
  if (GMIME_IS_MULTIPART(obj)) {
    GMimeMultipart *mp = (GMimeMultipart *)obj;
    int n = g_mime_multipart_get_count(mp);
    for (int i = 0; i < n; i++) {
      int rc = walk(g_mime_multipart_get_part(mp, i), dir, index, t);
      if (rc) return rc;
    }
    return 0;
  }
  int rc = write_entity(obj, dir, index, t);
  if (rc) return rc;
  if (GMIME_IS_MESSAGE_PART(obj)) {
    GMimeMessage *inner = g_mime_message_part_get_message((GMimeMessagePart *)obj);
    if (inner) return walk(g_mime_message_get_mime_part(inner), dir, index, t);
  }
  return 0;
}

static int explode_file(const char *path, const char *outdir, Tally *t) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) {
    fprintf(stderr, "gmime_explode: %s: %s\n", path, strerror(errno));
    return 66;
  }
  GByteArray *bytes = g_byte_array_sized_new((guint)st.st_size);
  g_byte_array_set_size(bytes, (guint)st.st_size);
  size_t got = 0;
  while (got < (size_t)st.st_size) {
    ssize_t n = read(fd, bytes->data + got, (size_t)st.st_size - got);
    if (n <= 0) break;
    got += (size_t)n;
  }
  close(fd);
  g_byte_array_set_size(bytes, (guint)got);

  /* Subfolder: the file name without its extension, numbered when taken. */
  char *base = g_path_get_basename(path);
  char *dot = strrchr(base, '.');
  if (dot && dot != base) *dot = '\0';
  char *dir = g_build_filename(outdir, base, NULL);
  for (int n = 2; mkdir(dir, 0777) != 0; n++) {
    if (errno != EEXIST) {
      fprintf(stderr, "gmime_explode: %s: %s\n", dir, strerror(errno));
      return 73;
    }
    g_free(dir);
    dir = g_strdup_printf("%s/%s (%d)", outdir, base, n);
  }
  g_free(base);

  GMimeStream *stream = g_mime_stream_mem_new_with_byte_array(bytes); /* owns bytes */
  GMimeParser *parser = g_mime_parser_new_with_stream(stream);
  GMimeMessage *msg = g_mime_parser_construct_message(parser, NULL);
  int rc = 0;
  t->messages++;
  if (msg) {
    int index = 0;
    rc = walk(g_mime_message_get_mime_part(msg), dir, &index, t);
    g_object_unref(msg);
  }
  g_object_unref(parser);
  g_object_unref(stream);
  g_free(dir);
  return rc;
}

/* A file, or the regular files directly inside a folder, in name order (as mimetool). */
static int explode_path(const char *path, const char *outdir, Tally *t) {
  struct stat st;
  if (stat(path, &st) != 0) {
    fprintf(stderr, "gmime_explode: %s: %s\n", path, strerror(errno));
    return 66;
  }
  if (!S_ISDIR(st.st_mode)) return explode_file(path, outdir, t);
  DIR *d = opendir(path);
  if (!d) return 66;
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    char *full = g_build_filename(path, e->d_name, NULL);
    if (e->d_type == DT_REG || (e->d_type == DT_UNKNOWN && stat(full, &st) == 0 && S_ISREG(st.st_mode)))
      g_ptr_array_add(names, full);
    else
      g_free(full);
  }
  closedir(d);
  qsort(names->pdata, names->len, sizeof(char *), cmp_str);
  int rc = 0;
  for (guint i = 0; i < names->len && rc == 0; i++) rc = explode_file(names->pdata[i], outdir, t);
  g_ptr_array_free(names, TRUE);
  return rc;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fputs("usage: gmime_explode OUTDIR PATH...\n", stderr);
    return 64;
  }
  const char *outdir = argv[1];
  if (mkdir(outdir, 0777) != 0 && errno != EEXIST) {
    fprintf(stderr, "gmime_explode: %s: %s\n", outdir, strerror(errno));
    return 73;
  }
  g_mime_init();
  Tally t = {0, 0, 0};
  int rc = 0;
  for (int i = 2; i < argc && rc == 0; i++) rc = explode_path(argv[i], outdir, &t);
  printf("tool=gmime_explode messages=%zu files=%zu bytes=%llu\n", t.messages, t.files, t.bytes);
  return rc;
}
