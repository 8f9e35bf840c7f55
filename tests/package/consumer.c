/* A consumer of the installed library through its C API: the same output as consumer.cpp. */

#include <stdio.h>

#include <mimetool/mimetool.h>

int main(int argc, char** argv) {
  mt_message* m = NULL;
  mt_entity* root;
  size_t i, n;
  if (argc != 2) return 64;
  if (mt_parse_file(argv[1], NULL, &m) != MT_OK) {
    fprintf(stderr, "%s\n", mt_last_error());
    return 66;
  }
  root = mt_message_root(m);
  for (i = 0; i < mt_entity_header_count(root); ++i) {
    const char* name;
    const char* value;
    size_t name_len, value_len;
    if (mt_entity_header_name(root, i, &name, &name_len) == MT_OK && name_len == 7 &&
        mt_entity_header_raw_value(root, i, &value, &value_len) == MT_OK) {
      /* the raw value starts after the colon: skip the space as HeaderField::value() trims it */
      while (value_len && (*value == ' ' || *value == '\t')) ++value, --value_len;
      printf("subject: %.*s\n", (int)value_len, value);
    }
  }
  n = mt_message_entity_count(m);
  for (i = 0; i < n; ++i) {
    const mt_entity* e = mt_message_entity_at(m, i);
    const char* path = mt_entity_section_path(e);
    printf("part %s %s\n", *path ? path : "-", mt_entity_media_type(e));
  }
  printf("diagnostics: %lu\n", (unsigned long)mt_message_diagnostic_count(m));
  mt_message_free(m);
  return 0;
}
