// Part: the owned tree a message is built from. Validation happens here, when the caller sets a
// value, so that errors name the caller's input; encoding waits for the writer.

#include <algorithm>
#include <fstream>
#include <istream>
#include <iterator>
#include <sstream>

#include "build/build_internal.hpp"
#include "mimetool/build.hpp"
#include "mimetool/charset.hpp"
#include "mimetool/write_format.hpp"

namespace mimetool {

namespace build_detail {

bool is_mime_token(std::string_view s) noexcept {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return c > 0x20 && c < 0x7f && std::string_view("()<>@,;:\\\"/[]?=").find(c) == std::string_view::npos;
  });
}

FieldKind field_kind(std::string_view name) noexcept {
  // RFC 5322 §3.6.2, §3.6.3, §3.6.6 address fields, plus the common non-standard ones.
  static constexpr std::string_view address[] = {
      "from", "sender", "reply-to", "to", "cc", "bcc", "resent-from", "resent-sender", "resent-to",
      "resent-cc", "resent-bcc", "disposition-notification-to", "mail-followup-to", "mail-reply-to"};
  // Fields whose grammar is not free text: RFC 2047 encoded-words are not allowed in them
  // (RFC 2047 §5), so they are written as given, folded at existing whitespace only.
  static constexpr std::string_view structured[] = {
      "message-id", "in-reply-to", "references", "resent-message-id", "date", "resent-date",
      "received", "return-path", "content-location", "content-md5", "list-unsubscribe",
      "list-unsubscribe-post", "list-post", "list-help", "list-archive", "list-subscribe",
      "list-owner", "dkim-signature", "authentication-results", "arc-seal",
      "arc-message-signature", "arc-authentication-results", "auto-submitted", "precedence"};
  static constexpr std::string_view reserved[] = {"mime-version", "content-type", "content-transfer-encoding",
                                                  "content-disposition", "content-id"};
  for (auto n : reserved)
    if (iequals(name, n)) return FieldKind::reserved;
  for (auto n : address)
    if (iequals(name, n)) return FieldKind::address;
  for (auto n : structured)
    if (iequals(name, n)) return FieldKind::structured;
  return FieldKind::unstructured;
}

std::string random_token(std::mt19937_64& rng, std::size_t n) {
  static constexpr std::string_view alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::string out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out += alphabet[rng() % alphabet.size()];
  return out;
}

std::mt19937_64 make_rng(const std::optional<std::uint64_t>& seed) {
  if (seed) return std::mt19937_64(*seed);
  std::random_device rd;
  std::seed_seq seq{rd(), rd(), rd(), rd()};
  return std::mt19937_64(seq);
}

bool is_valid_msg_id(std::string_view id, bool need_at) noexcept {
  if (id.empty()) return false;
  for (char c : id)
    if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '\\' || c == '"') return false;
  if (!need_at) return true;
  const auto at = id.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < id.size() && id.find('@', at + 1) == std::string_view::npos;
}

}  // namespace build_detail

using build_detail::invalid_argument;

namespace {

struct TypePair {
  std::string type, subtype;
};

Result<TypePair> split_media_type(std::string_view s) {
  const auto slash = s.find('/');
  if (slash == std::string_view::npos || !build_detail::is_mime_token(s.substr(0, slash)) ||
      !build_detail::is_mime_token(s.substr(slash + 1)))
    return invalid_argument("malformed media type '" + std::string(s) + "' (expected type/subtype)");
  return TypePair{build_detail::ascii_lower(s.substr(0, slash)), build_detail::ascii_lower(s.substr(slash + 1))};
}

bool has_line_break(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

}  // namespace

Part::Part() = default;

Result<Part> Part::text(std::string_view utf8, std::string_view charset, std::string_view subtype) {
  if (!build_detail::is_mime_token(subtype)) return invalid_argument("malformed text subtype '" + std::string(subtype) + "'");
  if (!is_known_charset(charset)) {
    return Error{ErrorCode::unknown_charset, "unknown charset '" + std::string(charset) + "'", std::nullopt};
  }
  // Strict: a character the charset cannot hold is an error, never a silent '?'.
  auto bytes = from_utf8(utf8, charset, true);
  if (!bytes) {
    Error e = bytes.error();
    if (e.code == ErrorCode::invalid_sequence && e.offset)
      e.message = "the text cannot be written in " + std::string(charset) + " (character at byte " +
                  std::to_string(*e.offset) + ")";
    return e;
  }
  Part p;
  p.type_ = "text";
  p.subtype_ = build_detail::ascii_lower(subtype);
  p.params_.emplace_back("charset", build_detail::ascii_lower(charset));
  p.body_ = std::move(*bytes);
  p.text_body_ = true;
  return p;
}

Result<Part> Part::html(std::string_view utf8, std::string_view charset) { return text(utf8, charset, "html"); }

Result<Part> Part::data(std::string bytes, std::string_view media_type) {
  auto t = split_media_type(media_type);
  if (!t) return t.error();
  if (t->type == "multipart" || t->type == "message")
    return invalid_argument("a leaf cannot be " + t->type + "/" + t->subtype + "; use Part::multipart or Part::message");
  Part p;
  p.type_ = std::move(t->type);
  p.subtype_ = std::move(t->subtype);
  p.body_ = std::move(bytes);
  return p;
}

Result<Part> Part::attachment(std::string bytes, std::string_view filename, std::string_view media_type) {
  const std::string type = media_type.empty() ? guess_media_type(filename, bytes) : std::string(media_type);
  auto p = data(std::move(bytes), type);
  if (!p) return p;
  if (auto r = p->set_disposition("attachment", filename); !r) return r.error();
  return p;
}

Result<Part> Part::attachment_from_file(const std::filesystem::path& path, std::string_view media_type,
                                        std::string_view filename) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    return Error{ErrorCode::no_input, "cannot open '" + path.string() + "': no such file", std::nullopt};
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{ErrorCode::no_input, "cannot open '" + path.string() + "'", std::nullopt};
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Error{ErrorCode::io, "error reading '" + path.string() + "'", std::nullopt};
  const std::string name = filename.empty() ? path.filename().string() : std::string(filename);
  return attachment(std::move(bytes), name, media_type);
}

Result<Part> Part::attachment_from_stream(std::istream& in, std::string_view filename, std::string_view media_type) {
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return Error{ErrorCode::io, "error reading the attachment stream", std::nullopt};
  return attachment(std::move(buf).str(), filename, media_type);
}

Result<Part> Part::inline_data(std::string bytes, std::string_view content_id, std::string_view media_type,
                               std::string_view filename) {
  const std::string type = media_type.empty() ? guess_media_type(filename, bytes) : std::string(media_type);
  auto p = data(std::move(bytes), type);
  if (!p) return p;
  if (auto r = p->set_content_id(content_id); !r) return r.error();
  if (auto r = p->set_disposition("inline", filename); !r) return r.error();
  return p;
}

Result<Part> Part::multipart(std::string_view subtype, std::vector<Part> parts) {
  if (!build_detail::is_mime_token(subtype))
    return invalid_argument("malformed multipart subtype '" + std::string(subtype) + "'");
  Part p;
  p.kind_ = Kind::multipart;
  p.type_ = "multipart";
  p.subtype_ = build_detail::ascii_lower(subtype);
  p.children_ = std::move(parts);
  return p;
}

Part Part::message(Part message_root) {
  Part p;
  p.kind_ = Kind::message;
  p.type_ = "message";
  p.subtype_ = "rfc822";
  p.children_.push_back(std::move(message_root));
  return p;
}

Part Part::message_bytes(std::string raw_message) {
  Part p;
  p.kind_ = Kind::message;
  p.type_ = "message";
  p.subtype_ = "rfc822";
  p.body_ = std::move(raw_message);
  p.raw_message_ = true;
  return p;
}

Result<void> Part::set_media_type(std::string_view type_subtype) {
  auto t = split_media_type(type_subtype);
  if (!t) return t.error();
  const bool container = t->type == "multipart" || t->type == "message";
  if ((kind_ == Kind::leaf) == container || (kind_ == Kind::multipart && t->type != "multipart") ||
      (kind_ == Kind::message && t->type != "message"))
    return invalid_argument("media type " + std::string(type_subtype) + " does not fit this part's kind");
  type_ = std::move(t->type);
  subtype_ = std::move(t->subtype);
  return {};
}

Result<void> Part::add_part(Part part) {
  if (kind_ != Kind::multipart) return invalid_argument("only a multipart holds body parts");
  children_.push_back(std::move(part));
  return {};
}

Result<void> Part::set_param(std::string_view name, std::string_view utf8_value) {
  if (!build_detail::is_mime_token(name)) return invalid_argument("malformed parameter name '" + std::string(name) + "'");
  if (build_detail::iequals(name, "boundary")) return invalid_argument("the boundary is chosen by the writer");
  if (has_line_break(utf8_value)) return invalid_argument("parameter " + std::string(name) + " contains a line break");
  const std::string lname = build_detail::ascii_lower(name);
  for (auto& [n, v] : params_) {
    if (n == lname) {
      v = utf8_value;
      return {};
    }
  }
  params_.emplace_back(lname, std::string(utf8_value));
  return {};
}

std::string Part::param(std::string_view name) const {
  for (const auto& [n, v] : params_)
    if (build_detail::iequals(n, name)) return v;
  return {};
}

Result<void> Part::set_disposition(std::string_view type, std::string_view filename_utf8) {
  if (!build_detail::is_mime_token(type)) return invalid_argument("malformed disposition type '" + std::string(type) + "'");
  if (has_line_break(filename_utf8)) return invalid_argument("filename contains a line break");
  disposition_ = build_detail::ascii_lower(type);
  filename_ = filename_utf8;
  return {};
}

Result<void> Part::set_content_id(std::string_view id) {
  if (id.size() >= 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
  if (!build_detail::is_valid_msg_id(id, false)) return invalid_argument("malformed Content-ID '" + std::string(id) + "'");
  content_id_ = id;
  return {};
}

namespace {

Result<void> check_field(std::string_view name, std::string_view value) {
  if (!is_valid_field_name(name)) return invalid_argument("invalid header field name '" + std::string(name) + "'");
  if (has_line_break(value)) return invalid_argument("header " + std::string(name) + " contains a line break");
  switch (build_detail::field_kind(name)) {
    case build_detail::FieldKind::reserved:
      return invalid_argument("header " + std::string(name) + " is written by mimetool itself");
    case build_detail::FieldKind::address: {
      auto m = parse_mailboxes(value);
      if (!m) return m.error();
      return {};
    }
    case build_detail::FieldKind::structured:
      for (char c : value)
        if (static_cast<unsigned char>(c) >= 0x80 || (c < 0x20 && c != '\t'))
          return invalid_argument("header " + std::string(name) + " must be ASCII");
      return {};
    case build_detail::FieldKind::unstructured:
      return {};
  }
  return {};
}

}  // namespace

Result<void> Part::set_header(std::string_view name, std::string_view utf8_value) {
  if (auto r = check_field(name, utf8_value); !r) return r;
  auto it = std::find_if(headers_.begin(), headers_.end(), [&](const HeaderSpec& h) { return build_detail::iequals(h.name, name); });
  if (it == headers_.end()) {
    headers_.push_back({std::string(name), std::string(utf8_value)});
    return {};
  }
  it->value = utf8_value;
  headers_.erase(std::remove_if(std::next(it), headers_.end(),
                                [&](const HeaderSpec& h) { return build_detail::iequals(h.name, name); }),
                 headers_.end());
  return {};
}

Result<void> Part::add_header(std::string_view name, std::string_view utf8_value) {
  if (auto r = check_field(name, utf8_value); !r) return r;
  headers_.push_back({std::string(name), std::string(utf8_value)});
  return {};
}

std::size_t Part::remove_header(std::string_view name) {
  return std::erase_if(headers_, [&](const HeaderSpec& h) { return build_detail::iequals(h.name, name); });
}

const std::string* Part::header(std::string_view name) const noexcept {
  for (const auto& h : headers_)
    if (build_detail::iequals(h.name, name)) return &h.value;
  return nullptr;
}

}  // namespace mimetool
