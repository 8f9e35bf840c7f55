// The C API's decoding functions (include/mimetool/mimetool.h, "decoded content"): decoded header
// values, transfer-decoded bodies, text as UTF-8 and attachment filenames. Each is a thin wrapper
// over the content layer (content.hpp), so C and C++ callers get the same answers.

#include <optional>
#include <string>

#include "capi/capi_internal.hpp"
#include "mimetool/content.hpp"

using namespace mimetool;
using capi::fail;
using capi::guarded;

extern "C" {

MIMETOOL_API mt_status mt_entity_header_value(const mt_entity* entity, const char* name, char** value,
                                              size_t* value_len) {
  return guarded([&] {
    if (!entity || !name || !value) return fail(MT_ERR_INVALID_ARGUMENT, "entity, name or value is NULL");
    const HeaderField* f = entity->entity->header(name);
    if (!f) return fail(MT_ERR_NOT_FOUND, std::string("no header field named ") + name);
    // Raw 8-bit header text is read in the charset the entity declares for its body: mailers that
    // send unencoded header text use the charset of the body they write next to it.
    return capi::give(decoded_value(*f, charset(*entity->entity)), value, value_len);
  });
}

MIMETOOL_API mt_status mt_entity_decoded_body(const mt_entity* entity, char** body, size_t* body_len,
                                              int* invalid) {
  return guarded([&] {
    if (!entity || !body) return fail(MT_ERR_INVALID_ARGUMENT, "entity or body is NULL");
    DecodeReport report;
    const std::string bytes = decoded_body(*entity->entity, &report);
    const mt_status s = capi::give(bytes, body, body_len);
    if (s == MT_OK && invalid) *invalid = report.invalid ? 1 : 0;
    return s;
  });
}

MIMETOOL_API mt_status mt_entity_text(const mt_entity* entity, unsigned flags, char** text, size_t* text_len,
                                      int* lossy) {
  return guarded([&] {
    if (!entity || !text) return fail(MT_ERR_INVALID_ARGUMENT, "entity or text is NULL");
    if (flags & ~static_cast<unsigned>(MT_TEXT_STRICT)) return fail(MT_ERR_INVALID_ARGUMENT, "unknown flags");
    CharsetPolicy policy;
    policy.strict = (flags & MT_TEXT_STRICT) != 0;
    Result<Utf8Text> r = mimetool::text(*entity->entity, policy);
    if (!r) return fail(r.error());
    const mt_status s = capi::give(r->text, text, text_len);
    if (s == MT_OK && lossy) *lossy = r->lossy ? 1 : 0;
    return s;
  });
}

MIMETOOL_API mt_status mt_entity_filename(const mt_entity* entity, char** name, size_t* name_len) {
  return guarded([&] {
    if (!entity || !name) return fail(MT_ERR_INVALID_ARGUMENT, "entity or name is NULL");
    const std::optional<std::string> f = filename(*entity->entity);
    if (!f) return fail(MT_ERR_NOT_FOUND, "the entity names no file");
    return capi::give(*f, name, name_len);
  });
}

}  // extern "C"
