// The C API's message builder (include/mimetool/mimetool.h, "composing messages"): an mt_builder
// handle around a MessageBuilder plus the WriteOptions the C setters control.
//
// The C++ builder records the first error and keeps it until build(), which suits chained calls.
// C callers check each call instead, and expect a failed call to leave the builder usable, so every
// setter here validates its input first (on a scratch builder, or by making the Part) and only
// then applies it: the handle's MessageBuilder never holds an error, and write fails only for what
// is wrong with the message as a whole (no From).

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "capi/capi_internal.hpp"
#include "mimetool/build.hpp"
#include "mimetool/charset.hpp"

struct mt_builder {
  mimetool::MessageBuilder builder;
  mimetool::WriteOptions options;
  // MessageBuilder::recipients() returns a fresh vector; the C API lends out its strings, so a
  // copy lives here and is refreshed by every call that can change it.
  std::vector<std::string> recipients;
};

using namespace mimetool;
using capi::fail;
using capi::guarded;
using capi::ok;

namespace {

// Every text argument must be UTF-8 (mimetool.h conventions). The C++ layer would replace invalid
// sequences with U+FFFD; a C caller passing Latin-1 by mistake is better told than silently
// corrected.
mt_status check_utf8(const char* s, const char* what) {
  if (!is_valid_utf8(s)) return fail(MT_ERR_INVALID_SEQUENCE, std::string(what) + " is not valid UTF-8");
  return MT_OK;
}

// Runs `setter` on a scratch builder first: the C++ setters validate before they change anything,
// so an error there means the real builder must not see the call.
template <class Setter>
mt_status apply(mt_builder* b, const char* value, const char* what, Setter setter) {
  if (!b || !value) return fail(MT_ERR_INVALID_ARGUMENT, std::string("builder or ") + what + " is NULL");
  if (mt_status s = check_utf8(value, what); s != MT_OK) return s;
  MessageBuilder probe;
  setter(probe, value);
  if (probe.error()) return fail(*probe.error());
  setter(b->builder, value);
  b->recipients = b->builder.recipients();
  return ok();
}

std::string_view opt(const char* s) { return s ? std::string_view(s) : std::string_view(); }

mt_status body_text(mt_builder* b, const char* utf8, const char* charset, bool html) {
  if (!b || !utf8) return fail(MT_ERR_INVALID_ARGUMENT, "builder or text is NULL");
  if (mt_status s = check_utf8(utf8, html ? "the HTML" : "the text"); s != MT_OK) return s;
  const std::string_view cs = charset ? std::string_view(charset) : std::string_view("utf-8");
  // Part::text is what MessageBuilder::text calls; its errors (unknown charset, a character the
  // charset cannot hold) are the only ones the setter can meet.
  auto part = html ? Part::html(utf8, cs) : Part::text(utf8, cs);
  if (!part) return fail(part.error());
  if (html) b->builder.html(utf8, cs);
  else b->builder.text(utf8, cs);
  return ok();
}

std::string bytes_of(const void* data, std::size_t size) {
  return size ? std::string(static_cast<const char*>(data), size) : std::string();
}

}  // namespace

extern "C" {

MIMETOOL_API mt_status mt_builder_new(mt_builder** out) {
  return guarded([&] {
    if (!out) return fail(MT_ERR_INVALID_ARGUMENT, "out is NULL");
    *out = new mt_builder();
    return ok();
  });
}

MIMETOOL_API void mt_builder_free(mt_builder* builder) { delete builder; }

MIMETOOL_API mt_status mt_builder_set_from(mt_builder* builder, const char* mailbox) {
  return guarded([&] {
    return apply(builder, mailbox, "From", [](MessageBuilder& b, const char* v) { b.from(v); });
  });
}

MIMETOOL_API mt_status mt_builder_add_to(mt_builder* builder, const char* list) {
  return guarded([&] { return apply(builder, list, "To", [](MessageBuilder& b, const char* v) { b.to(v); }); });
}

MIMETOOL_API mt_status mt_builder_add_cc(mt_builder* builder, const char* list) {
  return guarded([&] { return apply(builder, list, "Cc", [](MessageBuilder& b, const char* v) { b.cc(v); }); });
}

MIMETOOL_API mt_status mt_builder_add_bcc(mt_builder* builder, const char* list) {
  return guarded([&] { return apply(builder, list, "Bcc", [](MessageBuilder& b, const char* v) { b.bcc(v); }); });
}

MIMETOOL_API mt_status mt_builder_add_reply_to(mt_builder* builder, const char* list) {
  return guarded([&] {
    return apply(builder, list, "Reply-To", [](MessageBuilder& b, const char* v) { b.reply_to(v); });
  });
}

MIMETOOL_API mt_status mt_builder_set_subject(mt_builder* builder, const char* subject) {
  return guarded([&] {
    return apply(builder, subject, "Subject", [](MessageBuilder& b, const char* v) { b.subject(v); });
  });
}

MIMETOOL_API mt_status mt_builder_set_date(mt_builder* builder, const char* date) {
  return guarded([&] { return apply(builder, date, "Date", [](MessageBuilder& b, const char* v) { b.date(v); }); });
}

MIMETOOL_API mt_status mt_builder_set_message_id(mt_builder* builder, const char* message_id) {
  return guarded([&] {
    return apply(builder, message_id, "Message-ID", [](MessageBuilder& b, const char* v) { b.message_id(v); });
  });
}

MIMETOOL_API mt_status mt_builder_add_header(mt_builder* builder, const char* name, const char* value) {
  return guarded([&] {
    if (!name) return fail(MT_ERR_INVALID_ARGUMENT, "field name is NULL");
    if (mt_status s = check_utf8(name, "the field name"); s != MT_OK) return s;
    return apply(builder, value, "the field value", [name](MessageBuilder& b, const char* v) { b.header(name, v); });
  });
}

MIMETOOL_API mt_status mt_builder_set_text(mt_builder* builder, const char* utf8, const char* charset) {
  return guarded([&] { return body_text(builder, utf8, charset, false); });
}

MIMETOOL_API mt_status mt_builder_set_html(mt_builder* builder, const char* utf8, const char* charset) {
  return guarded([&] { return body_text(builder, utf8, charset, true); });
}

MIMETOOL_API mt_status mt_builder_attach_memory(mt_builder* builder, const void* data, size_t size,
                                                const char* filename, const char* media_type) {
  return guarded([&] {
    if (!builder) return fail(MT_ERR_INVALID_ARGUMENT, "builder is NULL");
    if (!data && size) return fail(MT_ERR_INVALID_ARGUMENT, "data is NULL but size is not 0");
    if (filename)
      if (mt_status s = check_utf8(filename, "the filename"); s != MT_OK) return s;
    auto part = Part::attachment(bytes_of(data, size), opt(filename), opt(media_type));
    if (!part) return fail(part.error());
    builder->builder.attach(std::move(*part));
    return ok();
  });
}

MIMETOOL_API mt_status mt_builder_attach_file(mt_builder* builder, const char* path, const char* media_type,
                                              const char* filename) {
  return guarded([&] {
    if (!builder || !path) return fail(MT_ERR_INVALID_ARGUMENT, "builder or path is NULL");
    if (filename)
      if (mt_status s = check_utf8(filename, "the filename"); s != MT_OK) return s;
    auto part = Part::attachment_from_file(path, opt(media_type), opt(filename));
    if (!part) return fail(part.error());
    builder->builder.attach(std::move(*part));
    return ok();
  });
}

MIMETOOL_API mt_status mt_builder_inline_memory(mt_builder* builder, const void* data, size_t size,
                                                const char* content_id, const char* media_type,
                                                const char* filename) {
  return guarded([&] {
    if (!builder || !content_id) return fail(MT_ERR_INVALID_ARGUMENT, "builder or content_id is NULL");
    if (!data && size) return fail(MT_ERR_INVALID_ARGUMENT, "data is NULL but size is not 0");
    if (filename)
      if (mt_status s = check_utf8(filename, "the filename"); s != MT_OK) return s;
    auto part = Part::inline_data(bytes_of(data, size), content_id, opt(media_type), opt(filename));
    if (!part) return fail(part.error());
    builder->builder.add_inline(std::move(*part));
    return ok();
  });
}

MIMETOOL_API mt_status mt_builder_set_seed(mt_builder* builder, uint64_t seed) {
  if (!builder) return fail(MT_ERR_INVALID_ARGUMENT, "builder is NULL");
  builder->builder.seed(seed);
  return ok();
}

MIMETOOL_API mt_status mt_builder_set_line_ending(mt_builder* builder, mt_line_ending line_ending) {
  if (!builder) return fail(MT_ERR_INVALID_ARGUMENT, "builder is NULL");
  switch (line_ending) {
    case MT_LINE_ENDING_CRLF: builder->options.format.eol = LineEnding::crlf; return ok();
    case MT_LINE_ENDING_LF: builder->options.format.eol = LineEnding::lf; return ok();
  }
  return fail(MT_ERR_INVALID_ARGUMENT, "unknown line ending");
}

MIMETOOL_API mt_status mt_builder_set_allow_8bit(mt_builder* builder, int allow) {
  if (!builder) return fail(MT_ERR_INVALID_ARGUMENT, "builder is NULL");
  builder->options.allow_8bit = allow != 0;
  return ok();
}

MIMETOOL_API mt_status mt_builder_set_header_charset(mt_builder* builder, const char* charset) {
  return guarded([&] {
    if (!builder || !charset) return fail(MT_ERR_INVALID_ARGUMENT, "builder or charset is NULL");
    if (!is_known_charset(charset)) return fail(MT_ERR_UNKNOWN_CHARSET, std::string("unknown charset: ") + charset);
    builder->options.format.header_charset = canonical_charset(charset);
    return ok();
  });
}

MIMETOOL_API size_t mt_builder_recipient_count(const mt_builder* builder) {
  return builder ? builder->recipients.size() : 0;
}

MIMETOOL_API const char* mt_builder_recipient(const mt_builder* builder, size_t index) {
  return builder && index < builder->recipients.size() ? builder->recipients[index].c_str() : nullptr;
}

MIMETOOL_API mt_status mt_builder_write(const mt_builder* builder, char** out, size_t* out_len) {
  return guarded([&] {
    if (!builder || !out) return fail(MT_ERR_INVALID_ARGUMENT, "builder or out is NULL");
    auto bytes = builder->builder.to_string(builder->options);
    if (!bytes) return fail(bytes.error());
    return capi::give(*bytes, out, out_len);
  });
}

MIMETOOL_API mt_status mt_builder_build(const mt_builder* builder, mt_message** out) {
  return guarded([&] {
    if (!builder || !out) return fail(MT_ERR_INVALID_ARGUMENT, "builder or out is NULL");
    auto bytes = builder->builder.to_string(builder->options);
    if (!bytes) return fail(bytes.error());
    return mt_parse_memory(bytes->data(), bytes->size(), nullptr, out);
  });
}

MIMETOOL_API mt_status mt_builder_write_file(const mt_builder* builder, const char* path) {
  return guarded([&] {
    if (!builder || !path) return fail(MT_ERR_INVALID_ARGUMENT, "builder or path is NULL");
    auto r = builder->builder.write_file(path, builder->options);
    if (!r) return fail(r.error());
    return ok();
  });
}

}  // extern "C"
