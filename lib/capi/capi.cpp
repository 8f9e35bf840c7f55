// The C API (include/mimetool/mimetool.h): parsing, the entity tree, header fields, raw bodies,
// editing and writing. Every function converts C arguments, calls the C++ API, and never lets an
// exception cross into C (guarded()). Handles index the tree once at parse time, so navigation,
// section paths and find() are O(1) instead of a walk per call.

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string>

#include "capi/capi_internal.hpp"
#include "mimetool/version.hpp"

namespace mimetool::capi {

namespace {

thread_local std::string last_error;

}  // namespace

mt_status fail(mt_status status, std::string_view message) noexcept {
  try {
    last_error.assign(message);
  } catch (...) {
    last_error.clear();  // out of memory while reporting: the status still says what happened
  }
  return status;
}

const char* last_error_text() noexcept { return last_error.c_str(); }

mt_status ok() noexcept {
  last_error.clear();
  return MT_OK;
}

mt_status fail(const Error& error) noexcept {
  mt_status s = MT_ERR_INTERNAL;
  switch (error.code) {
    case ErrorCode::invalid_argument: s = MT_ERR_INVALID_ARGUMENT; break;
    case ErrorCode::data: s = MT_ERR_DATA; break;
    case ErrorCode::no_input: s = MT_ERR_NO_INPUT; break;
    case ErrorCode::cant_create: s = MT_ERR_CANT_CREATE; break;
    case ErrorCode::io: s = MT_ERR_IO; break;
    case ErrorCode::unknown_charset: s = MT_ERR_UNKNOWN_CHARSET; break;
    case ErrorCode::invalid_sequence: s = MT_ERR_INVALID_SEQUENCE; break;
    case ErrorCode::limit_exceeded: s = MT_ERR_LIMIT_EXCEEDED; break;
  }
  return fail(s, error.message);
}

mt_status give(std::string_view bytes, char** out, std::size_t* out_len) noexcept {
  auto* p = static_cast<char*>(std::malloc(bytes.size() + 1));
  if (!p) return fail(MT_ERR_NO_MEMORY, "out of memory");
  if (!bytes.empty()) std::memcpy(p, bytes.data(), bytes.size());
  p[bytes.size()] = '\0';
  *out = p;
  if (out_len) *out_len = bytes.size();
  return ok();
}

std::unique_ptr<mt_message> make_message(Message&& message) {
  auto handle = std::make_unique<mt_message>(std::move(message));
  mt_message* m = handle.get();
  std::unordered_map<const Entity*, mt_entity*> of;
  m->entities.reserve(m->message.entity_count());
  m->message.walk([&](const Entity& e, const std::string& path) {
    auto h = std::make_unique<mt_entity>();
    // The handle owns the Message non-const; walk() only hands out const references to it.
    h->entity = const_cast<Entity*>(&e);
    h->owner = m;
    h->path = path;
    of.emplace(&e, h.get());
    m->by_path.emplace(path, h.get());
    m->entities.push_back(std::move(h));
  });
  for (auto& h : m->entities) {
    if (const Entity* p = h->entity->parent()) h->parent = of.at(p);
    for (const Entity* c : h->entity->children()) h->children.push_back(of.at(c));
  }
  if (!m->entities.empty()) m->by_path.insert_or_assign(std::string(), m->entities.front().get());
  return handle;
}

}  // namespace mimetool::capi

using namespace mimetool;
using capi::fail;
using capi::guarded;
using capi::ok;

namespace {

// RFC 5322 §3.6.8: a field name is one or more printable US-ASCII characters except colon.
bool valid_field_name(const char* name) {
  if (!name || !*name) return false;
  for (const char* p = name; *p; ++p) {
    const auto c = static_cast<unsigned char>(*p);
    if (c < 33 || c > 126 || c == ':') return false;
  }
  return true;
}

// A field body may contain line breaks only as folding (RFC 5322 §2.2.3): CRLF or LF followed by
// a space or tab. Anything else would end the field and let the caller's text start a new one.
bool valid_field_body(const char* body) {
  if (!body) return false;
  for (const char* p = body; *p; ++p) {
    if (*p == '\r') {
      if (p[1] != '\n') return false;
      ++p;
    }
    if (*p == '\n' && p[1] != ' ' && p[1] != '\t') return false;
  }
  return true;
}

mt_status check_field(const char* name, const char* body) {
  if (!valid_field_name(name))
    return fail(MT_ERR_INVALID_ARGUMENT, "field name must be printable ASCII without colon or space");
  if (!valid_field_body(body))
    return fail(MT_ERR_INVALID_ARGUMENT, "field body may break lines only to fold (line break + space or tab)");
  return MT_OK;
}

mt_status parse_into(Source source, const mt_parse_options* options, mt_message** out) {
  ParseOptions o;
  if (options) {
    // Read only the fields the caller's struct has: older callers pass a shorter struct.
    const std::size_t n = options->struct_size;
    if (n < sizeof(std::size_t) || n > sizeof(mt_parse_options))
      return fail(MT_ERR_INVALID_ARGUMENT, "mt_parse_options.struct_size is not set: call mt_parse_options_init");
    auto has = [n](std::size_t offset) { return offset + sizeof(std::size_t) <= n; };
    if (has(offsetof(mt_parse_options, max_depth))) o.max_depth = options->max_depth;
    if (has(offsetof(mt_parse_options, max_parts))) o.max_parts = options->max_parts;
    if (has(offsetof(mt_parse_options, max_header_fields))) o.max_header_fields = options->max_header_fields;
    if (has(offsetof(mt_parse_options, max_header_bytes))) o.max_header_bytes = options->max_header_bytes;
    if (has(offsetof(mt_parse_options, max_diagnostics))) o.max_diagnostics = options->max_diagnostics;
  }
  *out = capi::make_message(parse(source, o)).release();
  return ok();
}

bool header_index_ok(const mt_entity* e, std::size_t index) {
  return e && index < e->entity->headers().size();
}

}  // namespace

extern "C" {

MIMETOOL_API const char* mt_version(void) { return MIMETOOL_VERSION_STRING; }

MIMETOOL_API const char* mt_status_string(mt_status status) {
  switch (status) {
    case MT_OK: return "ok";
    case MT_ERR_INVALID_ARGUMENT: return "invalid argument";
    case MT_ERR_DATA: return "unusable data";
    case MT_ERR_NO_INPUT: return "cannot open input";
    case MT_ERR_CANT_CREATE: return "cannot create output";
    case MT_ERR_IO: return "input/output error";
    case MT_ERR_UNKNOWN_CHARSET: return "unknown charset";
    case MT_ERR_INVALID_SEQUENCE: return "invalid byte sequence";
    case MT_ERR_LIMIT_EXCEEDED: return "limit exceeded";
    case MT_ERR_NOT_FOUND: return "not found";
    case MT_ERR_NO_MEMORY: return "out of memory";
    case MT_ERR_INTERNAL: return "internal error";
  }
  return "unknown status";
}

MIMETOOL_API const char* mt_last_error(void) { return capi::last_error_text(); }

MIMETOOL_API void mt_free(void* p) { std::free(p); }

MIMETOOL_API void mt_parse_options_init(mt_parse_options* options) {
  if (!options) return;
  const ParseOptions d;
  options->struct_size = sizeof(mt_parse_options);
  options->max_depth = d.max_depth;
  options->max_parts = d.max_parts;
  options->max_header_fields = d.max_header_fields;
  options->max_header_bytes = d.max_header_bytes;
  options->max_diagnostics = d.max_diagnostics;
}

MIMETOOL_API mt_status mt_parse_memory(const void* data, size_t size, const mt_parse_options* options,
                                       mt_message** out) {
  return guarded([&] {
    if (!out) return fail(MT_ERR_INVALID_ARGUMENT, "out is NULL");
    if (!data && size) return fail(MT_ERR_INVALID_ARGUMENT, "data is NULL but size is not 0");
    std::string bytes;
    if (size) bytes.assign(static_cast<const char*>(data), size);
    return parse_into(Source::from_bytes(std::move(bytes)), options, out);
  });
}

MIMETOOL_API mt_status mt_parse_file(const char* path, const mt_parse_options* options, mt_message** out) {
  return guarded([&] {
    if (!out || !path) return fail(MT_ERR_INVALID_ARGUMENT, "path or out is NULL");
    auto src = Source::from_file(path);
    if (!src) return fail(src.error());
    return parse_into(std::move(*src), options, out);
  });
}

MIMETOOL_API void mt_message_free(mt_message* message) { delete message; }

MIMETOOL_API size_t mt_message_diagnostic_count(const mt_message* message) {
  return message ? message->message.diagnostics().size() : 0;
}

MIMETOOL_API mt_status mt_message_diagnostic(const mt_message* message, size_t index, mt_diagnostic* out) {
  if (!message || !out) return fail(MT_ERR_INVALID_ARGUMENT, "message or out is NULL");
  const auto& all = message->message.diagnostics();
  if (index >= all.size()) return fail(MT_ERR_INVALID_ARGUMENT, "diagnostic index out of range");
  const Diagnostic& d = all[index];
  out->code = d.code.c_str();
  out->severity = d.severity == Severity::critical ? MT_SEVERITY_CRITICAL : MT_SEVERITY_WARNING;
  out->offset = d.offset;
  out->path = d.path.c_str();
  out->detail = d.detail.c_str();
  return ok();
}

MIMETOOL_API mt_entity* mt_message_root(mt_message* message) {
  return message && !message->entities.empty() ? message->entities.front().get() : nullptr;
}

MIMETOOL_API size_t mt_message_entity_count(const mt_message* message) {
  return message ? message->entities.size() : 0;
}

MIMETOOL_API mt_entity* mt_message_entity_at(mt_message* message, size_t index) {
  return message && index < message->entities.size() ? message->entities[index].get() : nullptr;
}

MIMETOOL_API mt_entity* mt_message_find(mt_message* message, const char* section_path) {
  if (!message || !section_path) return nullptr;
  try {
    auto it = message->by_path.find(section_path);
    return it == message->by_path.end() ? nullptr : it->second;
  } catch (...) {  // the key's temporary std::string could not be allocated
    return nullptr;
  }
}

MIMETOOL_API size_t mt_entity_child_count(const mt_entity* entity) { return entity ? entity->children.size() : 0; }

MIMETOOL_API mt_entity* mt_entity_child(mt_entity* entity, size_t index) {
  return entity && index < entity->children.size() ? entity->children[index] : nullptr;
}

MIMETOOL_API mt_entity* mt_entity_parent(mt_entity* entity) { return entity ? entity->parent : nullptr; }

MIMETOOL_API const char* mt_entity_section_path(const mt_entity* entity) { return entity ? entity->path.c_str() : ""; }

MIMETOOL_API const char* mt_entity_media_type(const mt_entity* entity) {
  return entity ? entity->entity->media_type().c_str() : "";
}

MIMETOOL_API int mt_entity_is_multipart(const mt_entity* entity) { return entity && entity->entity->is_multipart(); }

MIMETOOL_API int mt_entity_is_message(const mt_entity* entity) { return entity && entity->entity->is_message(); }

MIMETOOL_API size_t mt_entity_header_count(const mt_entity* entity) {
  return entity ? entity->entity->headers().size() : 0;
}

MIMETOOL_API mt_status mt_entity_header_name(const mt_entity* entity, size_t index, const char** name,
                                             size_t* name_len) {
  if (!name || !name_len) return fail(MT_ERR_INVALID_ARGUMENT, "name or name_len is NULL");
  if (!header_index_ok(entity, index)) return fail(MT_ERR_INVALID_ARGUMENT, "no header field at this index");
  const std::string_view v = entity->entity->headers()[index].name();
  *name = v.data();
  *name_len = v.size();
  return ok();
}

MIMETOOL_API mt_status mt_entity_header_raw_value(const mt_entity* entity, size_t index, const char** value,
                                                  size_t* value_len) {
  if (!value || !value_len) return fail(MT_ERR_INVALID_ARGUMENT, "value or value_len is NULL");
  if (!header_index_ok(entity, index)) return fail(MT_ERR_INVALID_ARGUMENT, "no header field at this index");
  const std::string_view v = entity->entity->headers()[index].raw_value();
  *value = v.data();
  *value_len = v.size();
  return ok();
}

MIMETOOL_API mt_status mt_entity_raw_body(const mt_entity* entity, const char** body, size_t* body_len) {
  return guarded([&] {
    if (!entity || !body || !body_len) return fail(MT_ERR_INVALID_ARGUMENT, "entity, body or body_len is NULL");
    const std::string_view v = entity->entity->raw_body();
    *body = v.data();
    *body_len = v.size();
    return ok();
  });
}

MIMETOOL_API mt_status mt_entity_set_header(mt_entity* entity, const char* name, const char* value) {
  return guarded([&] {
    if (!entity) return fail(MT_ERR_INVALID_ARGUMENT, "entity is NULL");
    if (mt_status s = check_field(name, value); s != MT_OK) return s;
    entity->entity->set_header(name, value);
    return ok();
  });
}

MIMETOOL_API mt_status mt_entity_add_header(mt_entity* entity, const char* name, const char* value) {
  return guarded([&] {
    if (!entity) return fail(MT_ERR_INVALID_ARGUMENT, "entity is NULL");
    if (mt_status s = check_field(name, value); s != MT_OK) return s;
    entity->entity->add_header(name, value);
    return ok();
  });
}

MIMETOOL_API mt_status mt_entity_remove_headers(mt_entity* entity, const char* name, size_t* removed) {
  return guarded([&] {
    if (!entity || !name) return fail(MT_ERR_INVALID_ARGUMENT, "entity or name is NULL");
    const std::size_t n = entity->entity->remove_headers(name);
    if (removed) *removed = n;
    return ok();
  });
}

MIMETOOL_API mt_status mt_message_write(const mt_message* message, char** out, size_t* out_len) {
  return guarded([&] {
    if (!message || !out) return fail(MT_ERR_INVALID_ARGUMENT, "message or out is NULL");
    return capi::give(write(message->message), out, out_len);
  });
}

MIMETOOL_API mt_status mt_entity_write(const mt_entity* entity, char** out, size_t* out_len) {
  return guarded([&] {
    if (!entity || !out) return fail(MT_ERR_INVALID_ARGUMENT, "entity or out is NULL");
    std::string bytes;
    write(*entity->entity, bytes);
    return capi::give(bytes, out, out_len);
  });
}

}  // extern "C"
