/* c_list_structure: the C API version of list_structure. Prints each entity's section path,
 * media type and header field names, then the diagnostics.
 *
 *   c_list_structure MESSAGE.eml
 *
 * Exit status: 0, 64 on bad usage, 66 when the file cannot be opened, 70 on any other failure. */

#include <stdio.h>

#include "mimetool/mimetool.h"

int main(int argc, char** argv) {
  mt_message* msg = NULL;
  mt_status st;
  size_t i, h;

  if (argc != 2) {
    fputs("usage: c_list_structure MESSAGE.eml\n", stderr);
    return 64;
  }
  st = mt_parse_file(argv[1], NULL, &msg);
  if (st != MT_OK) {
    fprintf(stderr, "c_list_structure: %s: %s\n", mt_status_string(st), mt_last_error());
    return st == MT_ERR_NO_INPUT ? 66 : 70;
  }

  for (i = 0; i < mt_message_entity_count(msg); ++i) {
    const mt_entity* e = mt_message_entity_at(msg, i);
    const char* path = mt_entity_section_path(e);
    printf("%s %s:", *path ? path : "(root)", mt_entity_media_type(e));
    for (h = 0; h < mt_entity_header_count(e); ++h) {
      const char* name;
      size_t len;
      if (mt_entity_header_name(e, h, &name, &len) == MT_OK) printf(" %.*s", (int)len, name); /* not NUL-terminated */
    }
    printf("\n");
  }
  for (i = 0; i < mt_message_diagnostic_count(msg); ++i) {
    mt_diagnostic d;
    if (mt_message_diagnostic(msg, i, &d) == MT_OK)
      printf("%s %s at %lu in part '%s'\n", d.severity == MT_SEVERITY_CRITICAL ? "critical" : "warning", d.code,
             (unsigned long)d.offset, d.path);
  }
  mt_message_free(msg);
  return 0;
}
