#pragma once
// Internal door into Message/Entity for the parser and the writer: the public classes expose
// read-only views; only these functions build or rewire a tree.

#include <string>
#include <string_view>

#include "mimetool/message.hpp"

namespace mimetool {

struct detail_access {
  static Message make_message(const Source& s) {
    Message m;
    m.source_ = s;
    m.entities_.reserve(8);  // most messages have a handful of entities: one allocation
    return m;
  }
  static Diagnostics& diagnostics(Message& m) { return m.diagnostics_; }
  static Entity* new_entity(Message& m, Entity* parent, std::size_t offset) {
    Entity* e = m.new_entity();
    e->parent_ = parent;
    e->offset_ = offset;
    e->depth_ = parent ? parent->depth_ + 1 : 0;
    if (parent) parent->children_.push_back(e);
    else m.root_ = e;
    return e;
  }
  static std::vector<HeaderField>& headers(Entity& e) { return e.headers_; }
  static void add_field(std::vector<HeaderField>& fields, std::string_view raw, std::string_view name,
                        std::string_view raw_value, std::size_t offset) {
    HeaderField f;
    f.raw_ = raw;
    f.name_ = name;
    f.raw_value_ = raw_value;
    f.offset_ = offset;
    fields.push_back(std::move(f));
  }
  // Extends the last field over a continuation line ending at `next` (exclusive).
  static void extend_field(HeaderField& f, const char* base, std::size_t next) {
    const char* begin = f.raw_.data();
    f.raw_ = std::string_view(begin, static_cast<std::size_t>(base + next - begin));
    std::size_t end = next;
    if (end > 0 && base[end - 1] == '\n') --end;
    if (end > 0 && base[end - 1] == '\r') --end;
    const char* vb = f.raw_value_.data();
    f.raw_value_ = std::string_view(vb, static_cast<std::size_t>(base + end - vb));
  }
  static void add_field_owned(HeaderField& f, std::shared_ptr<const std::string> text, std::size_t name_len) {
    const std::string_view t = *text;
    f.owned_ = std::move(text);
    f.raw_ = t;
    f.name_ = t.substr(0, name_len);
    const std::size_t eol = t.ends_with("\r\n") ? 2 : 1;
    f.raw_value_ = t.substr(name_len + 1, t.size() - name_len - 1 - eol);
    f.offset_ = 0;
  }
  static void set_separator(Entity& e, std::string_view s) { e.separator_ = s; }
  static void set_header_end(Entity& e, const char* base, std::size_t begin, std::size_t body_begin) {
    const std::size_t sep = e.separator_.empty() ? 0 : e.separator_.size();
    e.raw_headers_ = std::string_view(base + begin, body_begin - begin - sep);
    if (e.separator_.empty()) e.separator_ = std::string_view(base + body_begin, 0);
  }
  static void set_media_type(Entity& e, std::string t) { e.media_type_ = std::move(t); }
  static void set_multipart(Entity& e, std::string boundary) {
    e.kind_ = EntityKind::multipart;
    e.boundary_ = std::move(boundary);
    // Most multiparts hold two to four parts: one allocation each instead of three doublings.
    e.children_.reserve(4);
    e.delimiters_.reserve(4);
  }
  static void set_kind(Entity& e, EntityKind k) { e.kind_ = k; }
  static void set_preamble(Entity& e, std::string_view s) { e.preamble_ = s; }
  static void add_delimiter(Entity& e, std::string_view s) { e.delimiters_.push_back(s); }
  static void set_multipart_tail(Entity& e, std::string_view close, std::string_view epilogue) {
    e.close_ = close;
    e.epilogue_ = epilogue;
  }
  static void set_epilogue(Entity& e, std::string_view s) { e.epilogue_ = s; }
  static void set_end(Entity& e, const char* base, std::size_t begin, std::size_t body_begin, std::size_t end) {
    e.raw_ = std::string_view(base + begin, end - begin);
    e.body_ = std::string_view(base + body_begin, end - body_begin);
    if (e.kind_ == EntityKind::leaf) {  // a multipart demoted at its end: no children remain
      e.children_.clear();
      e.delimiters_.clear();
      e.preamble_ = {};
      e.boundary_.clear();
    }
  }
  static std::string section_path(const Entity& e);
  // The line ending new bytes of an edited entity use: the one its header block uses (CRLF when
  // it has none), so an LF-only message stays LF-only after editing.
  static std::string_view line_ending(const Entity& e) {
    const std::string_view h = e.raw_headers();
    const auto nl = h.find('\n');
    if (nl != std::string_view::npos && (nl == 0 || h[nl - 1] != '\r')) return "\n";
    return "\r\n";
  }
  // Serialization internals.
  static std::string_view separator(const Entity& e) { return e.separator_; }
  static const std::vector<std::string_view>& delimiters(const Entity& e) { return e.delimiters_; }
  static std::string_view close(const Entity& e) { return e.close_; }
  static std::string_view body(const Entity& e) {
    return e.owned_body_ ? std::string_view(*e.owned_body_) : e.body_;
  }
  static bool headers_modified(const Entity& e) { return e.headers_modified_; }
};

}  // namespace mimetool
