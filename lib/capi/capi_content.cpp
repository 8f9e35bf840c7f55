// The C API's decoding functions (include/mimetool/mimetool.h, "decoded content"): decoded header
// values, transfer-decoded bodies, text as UTF-8 and attachment filenames. Each joins the parser's
// raw views to the field parsers (fields.hpp), the transfer codecs (codec.hpp), the header codecs
// (header_codec.hpp) and the charset layer (charset.hpp); nothing is decoded before it is asked for.

#include <optional>
#include <string>

#include "capi/capi_internal.hpp"
#include "mimetool/charset.hpp"
#include "mimetool/codec.hpp"
#include "mimetool/fields.hpp"
#include "mimetool/header_codec.hpp"

using namespace mimetool;
using capi::fail;
using capi::guarded;

namespace {

ContentType content_type_of(const Entity& e) {
  const HeaderField* f = e.header("Content-Type");
  return f ? parse_content_type(f->raw_value()) : ContentType{};
}

// The declared charset of the entity's body, lower-cased ("" when none). Also the best guess for
// raw 8-bit bytes in its header fields and parameters: mailers that send unencoded header text
// use the charset of the body they write next to it.
std::string declared_charset(const Entity& e) {
  std::string cs(content_type_of(e).charset());
  for (char& c : cs)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return cs;
}

// RFC 2045 §6: a body is only transfer-decoded for leaves; a multipart or an encapsulated message
// parsed in place is in an identity encoding by construction, so its raw body is the answer.
std::string decoded_bytes(const Entity& e, DecodeReport* report) {
  if (e.is_multipart() || e.is_message()) return std::string(e.raw_body());
  const HeaderField* cte = e.header("Content-Transfer-Encoding");
  return decode_transfer(e.raw_body(), parse_transfer_encoding(cte ? cte->raw_value() : std::string_view()), report);
}

// RFC 2183 §2.3 filename, else the older Content-Type name parameter (RFC 2046 §4.5.1, still the
// only one Outlook-era mailers set on inline parts).
std::optional<std::string> filename_of(const Entity& e) {
  const std::string charset = declared_charset(e);
  if (const HeaderField* f = e.header("Content-Disposition")) {
    const ContentDisposition cd = parse_content_disposition(f->raw_value());
    if (const Parameter* p = cd.param("filename"); p && !p->value.empty())
      return normalize_nfc(decode_parameter(*p, charset));
  }
  const ContentType ct = content_type_of(e);
  if (const Parameter* p = ct.param("name"); p && !p->value.empty())
    return normalize_nfc(decode_parameter(*p, charset));
  return std::nullopt;
}

}  // namespace

extern "C" {

MIMETOOL_API mt_status mt_entity_header_value(const mt_entity* entity, const char* name, char** value,
                                              size_t* value_len) {
  return guarded([&] {
    if (!entity || !name || !value) return fail(MT_ERR_INVALID_ARGUMENT, "entity, name or value is NULL");
    const HeaderField* f = entity->entity->header(name);
    if (!f) return fail(MT_ERR_NOT_FOUND, std::string("no header field named ") + name);
    const std::string decoded =
        decode_rfc2047(f->value(), Rfc2047Mode::unstructured, nullptr, declared_charset(*entity->entity));
    return capi::give(decoded, value, value_len);
  });
}

MIMETOOL_API mt_status mt_entity_decoded_body(const mt_entity* entity, char** body, size_t* body_len,
                                              int* invalid) {
  return guarded([&] {
    if (!entity || !body) return fail(MT_ERR_INVALID_ARGUMENT, "entity or body is NULL");
    DecodeReport report;
    const std::string bytes = decoded_bytes(*entity->entity, &report);
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
    const std::string bytes = decoded_bytes(*entity->entity, nullptr);
    Result<Utf8Text> r = to_utf8(bytes, declared_charset(*entity->entity), policy);
    if (!r) return fail(r.error());
    const mt_status s = capi::give(r->text, text, text_len);
    if (s == MT_OK && lossy) *lossy = r->lossy ? 1 : 0;
    return s;
  });
}

MIMETOOL_API mt_status mt_entity_filename(const mt_entity* entity, char** name, size_t* name_len) {
  return guarded([&] {
    if (!entity || !name) return fail(MT_ERR_INVALID_ARGUMENT, "entity or name is NULL");
    const std::optional<std::string> f = filename_of(*entity->entity);
    if (!f) return fail(MT_ERR_NOT_FOUND, "the entity names no file");
    return capi::give(*f, name, name_len);
  });
}

}  // extern "C"
