// The writer for built trees: picks each leaf's transfer encoding from its content, encodes header
// fields, draws boundaries that cannot occur in what they enclose, and lays out the bytes with one
// line ending throughout.

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <ostream>
#include <system_error>
#include <sys/stat.h>
#include <unistd.h>

#include "build/build_internal.hpp"
#include "mimetool/build.hpp"
#include "mimetool/charset.hpp"
#include "mimetool/header_codec.hpp"
#include "mimetool/write_format.hpp"
#include "write/fold_internal.hpp"

namespace mimetool {

using build_detail::invalid_argument;

namespace {

// RFC 5322 §2.1.1 / RFC 2045 §2.7: 998 octets per line, excluding the line ending.
constexpr std::size_t max_line = 998;

struct Stats {
  std::size_t eight_bit = 0;
  std::size_t longest_line = 0;  // octets between line breaks (CRLF, or a bare LF), excluding them
  bool nul = false;
  bool bare_cr = false;  // CR not followed by LF
  bool bare_lf = false;  // LF not preceded by CR
  bool crlf = false;
};

Stats content_stats(std::string_view s) noexcept {
  Stats st;
  std::size_t line = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\n') {
      if (i > 0 && s[i - 1] == '\r') {
        st.crlf = true;
      } else {
        st.bare_lf = true;
      }
      st.longest_line = std::max(st.longest_line, line);
      line = 0;
      continue;
    }
    if (c == '\r') {
      if (i + 1 >= s.size() || s[i + 1] != '\n') {
        st.bare_cr = true;
        ++line;
      }
      continue;
    }
    if (c == 0) st.nul = true;
    if (c >= 0x80) ++st.eight_bit;
    ++line;
  }
  st.longest_line = std::max(st.longest_line, line);
  return st;
}

// Rewrites CRLF and bare LF as `eol` (text in canonical form, RFC 2046 §4.1.1). Bare CRs stay:
// text holding them is sent as base64, which keeps them.
std::string normalize_breaks(std::string_view s, std::string_view eol) {
  std::string out;
  out.reserve(s.size() + s.size() / 32);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') continue;
    if (s[i] == '\n') {
      out += eol;
    } else {
      out += s[i];
    }
  }
  return out;
}

bool fits(TransferEncoding enc, const Stats& st, bool text_body, LineEnding eol) {
  const bool exact_breaks = text_body || (eol == LineEnding::crlf ? !st.bare_cr && !st.bare_lf : !st.bare_cr && !st.crlf);
  switch (enc) {
    case TransferEncoding::seven_bit:
      return st.eight_bit == 0 && !st.nul && !st.bare_cr && st.longest_line <= max_line && exact_breaks;
    case TransferEncoding::eight_bit:
      return !st.nul && !st.bare_cr && st.longest_line <= max_line && exact_breaks;
    case TransferEncoding::binary:
    case TransferEncoding::quoted_printable:
    case TransferEncoding::base64:
      return true;
    case TransferEncoding::uuencode:
    case TransferEncoding::unknown:
      return false;
  }
  return false;
}

TransferEncoding choose(const Stats& st, std::size_t size, bool text_body, bool allow_8bit, LineEnding eol) {
  if (fits(TransferEncoding::seven_bit, st, text_body, eol)) return TransferEncoding::seven_bit;
  if (allow_8bit && text_body && fits(TransferEncoding::eight_bit, st, text_body, eol)) return TransferEncoding::eight_bit;
  // Quoted-printable keeps mostly-ASCII text readable; past a fifth of 8-bit bytes it costs more
  // than base64's fixed third (each 8-bit byte takes three characters).
  if (text_body && !st.nul && !st.bare_cr && st.eight_bit * 5 <= size) return TransferEncoding::quoted_printable;
  return TransferEncoding::base64;
}

bool contains_8bit(std::string_view s) noexcept {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

bool is_printable_ascii(std::string_view s) noexcept {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

}  // namespace

TransferEncoding choose_transfer_encoding(std::string_view bytes, bool text_body, bool allow_8bit,
                                          LineEnding eol) noexcept {
  return choose(content_stats(bytes), bytes.size(), text_body, allow_8bit, eol);
}

struct PartWriter {
  const WriteOptions& opt;
  std::mt19937_64 rng;
  std::string_view eol;

  PartWriter(const WriteOptions& o) : opt(o), rng(build_detail::make_rng(o.seed)), eol(eol_string(o.format.eol)) {}

  static void append_param(std::vector<std::string>& tokens, std::string_view encoded) {
    // encode_parameter() yields "; n=v" or ";\r\n n*0*=…;\r\n n*1*=…": the ';' stays with the
    // token before it and each segment becomes a token the folder may move to its own line.
    std::size_t pos = 0;
    bool first = true;
    while (pos <= encoded.size()) {
      std::size_t nl = encoded.find("\r\n", pos);
      if (nl == std::string_view::npos) nl = encoded.size();
      std::string_view piece = encoded.substr(pos, nl - pos);
      if (first) {
        tokens.back() += ';';
        piece.remove_prefix(std::min<std::size_t>(1, piece.size()));  // the ';'
        first = false;
      }
      if (!piece.empty()) tokens.emplace_back(piece);
      pos = nl + 2;
    }
  }

  // RFC 2047 words inside a quoted `name=` value. RFC 2047 §5 does not allow encoded-words in a
  // quoted-string, but clients older than RFC 2231 support (Outlook 2003, Lotus Notes) read only
  // `name` and decode it this way; Thunderbird and Outlook write it so for them.
  void append_rfc2047_param(std::vector<std::string>& tokens, std::string_view name, std::string_view value) const {
    // Words of at most 36 bytes (60 characters) so that ` name="` + word + `";` stays within
    // the 76 columns of RFC 2047 §2 on its own line.
    std::vector<std::string> words = write_detail::b_encoded_words(value, 36);
    tokens.back() += ';';
    if (words.empty()) words.emplace_back();
    words.front() = " " + std::string(name) + "=\"" + words.front();
    words.back() += '"';
    for (auto& w : words) tokens.push_back(std::move(w));
  }

  Result<void> add_field(std::string& out, const std::string& name, std::vector<std::string> tokens) const {
    auto f = fold_field(name, tokens, opt.format);
    if (!f) return f.error();
    out += *f;
    return {};
  }

  Result<void> user_fields(std::string& out, const Part& p) const {
    for (const auto& h : p.headers_) {
      Result<std::string> f = Error{};
      switch (build_detail::field_kind(h.name)) {
        case build_detail::FieldKind::address: {
          auto list = parse_mailboxes(h.value);
          if (!list) return list.error();
          f = format_address_field(h.name, *list, opt.format);
          break;
        }
        case build_detail::FieldKind::structured:
          f = format_structured_field(h.name, h.value, opt.format);
          break;
        case build_detail::FieldKind::unstructured:
          f = format_unstructured_field(h.name, h.value, opt.format);
          break;
        case build_detail::FieldKind::reserved:
          return invalid_argument("header " + h.name + " is written by mimetool itself");
      }
      if (!f) return f.error();
      out += *f;
    }
    return {};
  }

  Result<void> mime_fields(std::string& out, const Part& p, const std::string& boundary, bool text_utf8_guess) const {
    std::vector<std::string> ct{p.type_ + "/" + p.subtype_};
    if (!boundary.empty()) append_param(ct, encode_parameter("boundary", boundary, opt.format.fold_column));
    bool has_name = false;
    for (const auto& [n, v] : p.params_) {
      if (n == "name") {
        has_name = true;
        if (!is_printable_ascii(v)) {
          append_rfc2047_param(ct, n, v);
          continue;
        }
      }
      append_param(ct, encode_parameter(n, v, opt.format.fold_column));
    }
    // A text/* leaf given as bytes: label UTF-8 content so readers do not take it for ASCII.
    if (text_utf8_guess && p.param("charset").empty()) append_param(ct, encode_parameter("charset", "utf-8"));
    if (!has_name && !p.filename_.empty()) {
      if (is_printable_ascii(p.filename_)) append_param(ct, encode_parameter("name", p.filename_, opt.format.fold_column));
      else append_rfc2047_param(ct, "name", p.filename_);
    }
    if (auto r = add_field(out, "Content-Type", std::move(ct)); !r) return r;
    if (!p.disposition_.empty() || !p.filename_.empty()) {
      std::vector<std::string> cd{p.disposition_.empty() ? std::string("attachment") : p.disposition_};
      // RFC 2183 + RFC 2231: the filename, with charset and continuations when needed.
      if (!p.filename_.empty()) append_param(cd, encode_parameter("filename", p.filename_, opt.format.fold_column));
      if (auto r = add_field(out, "Content-Disposition", std::move(cd)); !r) return r;
    }
    if (!p.content_id_.empty()) {
      auto f = format_structured_field("Content-ID", "<" + p.content_id_ + ">", opt.format);
      if (!f) return f.error();
      out += *f;
    }
    return {};
  }

  Result<std::string> leaf_body(const Part& p, TransferEncoding& enc) const {
    const Stats st = content_stats(p.body_);
    enc = p.forced_encoding_ ? *p.forced_encoding_
                             : choose(st, p.body_.size(), p.text_body_, opt.allow_8bit, opt.format.eol);
    if (!fits(enc, st, p.text_body_, opt.format.eol))
      return invalid_argument("Content-Transfer-Encoding " + std::string(to_string(enc)) + " cannot carry the content of a " +
                              p.type_ + "/" + p.subtype_ + " part");
    switch (enc) {
      case TransferEncoding::seven_bit:
      case TransferEncoding::eight_bit:
      case TransferEncoding::binary:
        return p.text_body_ ? normalize_breaks(p.body_, eol) : p.body_;
      case TransferEncoding::quoted_printable: {
        EncodeOptions eo;
        eo.eol = opt.format.eol;
        eo.binary = !p.text_body_;
        return encode_quoted_printable(p.body_, eo);
      }
      case TransferEncoding::base64:
        // RFC 2045 §6.8: text is put in canonical form (CRLF line breaks) before base64.
        return encode_base64(p.text_body_ ? normalize_breaks(p.body_, "\r\n") : p.body_, opt.format.eol, 76);
      case TransferEncoding::uuencode:
      case TransferEncoding::unknown:
        break;
    }
    return invalid_argument("unsupported transfer encoding");
  }

  // RFC 2046 §5.1.1: the boundary must not appear in the encapsulated parts. Ours start with
  // "=_", which neither base64 nor quoted-printable output can contain, and are checked anyway
  // against every enclosed byte (and regenerated on a hit).
  Result<std::string> boundary_for(const std::vector<std::string>& parts) {
    for (int attempt = 0; attempt < 64; ++attempt) {
      std::string b = "=_" + build_detail::random_token(rng, 28);
      const bool clash = std::any_of(parts.begin(), parts.end(), [&](const std::string& s) { return s.find(b) != std::string::npos; }) ||
                         opt.preamble.find(b) != std::string::npos;
      if (!clash) return b;
    }
    return invalid_argument("no boundary could be found that does not occur in the content");
  }

  Result<std::string> entity(const Part& p, bool top) {
    std::string head;
    if (auto r = user_fields(head, p); !r) return r.error();
    if (top) head += "MIME-Version: 1.0" + std::string(eol);
    std::string body;
    TransferEncoding enc = TransferEncoding::seven_bit;
    bool write_cte = true;
    std::string boundary;
    switch (p.kind_) {
      case Part::Kind::leaf: {
        auto b = leaf_body(p, enc);
        if (!b) return b.error();
        body = std::move(*b);
        break;
      }
      case Part::Kind::multipart: {
        if (p.children_.empty()) return invalid_argument("multipart/" + p.subtype_ + " has no body parts");
        std::vector<std::string> parts;
        parts.reserve(p.children_.size());
        for (const Part& c : p.children_) {
          auto s = entity(c, false);
          if (!s) return s.error();
          parts.push_back(std::move(*s));
        }
        auto b = boundary_for(parts);
        if (!b) return b.error();
        boundary = std::move(*b);
        if (top && !opt.preamble.empty()) {
          body += normalize_breaks(opt.preamble, eol);
          body += eol;
        }
        // RFC 2046 §5.1.1: the CRLF before "--boundary" belongs to the delimiter.
        for (std::size_t i = 0; i < parts.size(); ++i) {
          if (i > 0) body += eol;
          body += "--" + boundary;
          body += eol;
          body += parts[i];
        }
        body += eol;
        body += "--" + boundary + "--";
        body += eol;
        // RFC 2045 §6.4: a multipart is 7bit unless a body part carries 8-bit data.
        enc = contains_8bit(body) ? TransferEncoding::eight_bit : TransferEncoding::seven_bit;
        write_cte = enc != TransferEncoding::seven_bit;
        break;
      }
      case Part::Kind::message: {
        if (p.raw_message_) {
          // An existing message is text: its lines are rewritten with our line ending.
          std::string msg = normalize_breaks(p.body_, eol);
          const Stats st = content_stats(msg);
          const bool seven = fits(TransferEncoding::seven_bit, st, true, opt.format.eol);
          const bool eight = opt.allow_8bit && fits(TransferEncoding::eight_bit, st, true, opt.format.eol);
          enc = p.forced_encoding_ ? *p.forced_encoding_
                                   : (seven ? TransferEncoding::seven_bit
                                            : eight ? TransferEncoding::eight_bit : TransferEncoding::base64);
          if (!fits(enc, st, true, opt.format.eol))
            return invalid_argument("Content-Transfer-Encoding " + std::string(to_string(enc)) +
                                    " cannot carry the attached message");
          body = enc == TransferEncoding::base64 ? encode_base64(normalize_breaks(p.body_, "\r\n"), opt.format.eol, 76)
                                                 : std::move(msg);
        } else {
          if (p.children_.size() != 1) return invalid_argument("message/rfc822 part without a message");
          auto s = entity(p.children_.front(), true);
          if (!s) return s.error();
          body = std::move(*s);
          // RFC 2046 §5.2.1: message/rfc822 may only be 7bit, 8bit or binary.
          enc = contains_8bit(body) ? TransferEncoding::eight_bit : TransferEncoding::seven_bit;
          if (p.forced_encoding_ && *p.forced_encoding_ != TransferEncoding::seven_bit &&
              *p.forced_encoding_ != TransferEncoding::eight_bit && *p.forced_encoding_ != TransferEncoding::binary)
            return invalid_argument("message/rfc822 can only be 7bit, 8bit or binary (RFC 2046 §5.2.1)");
          if (p.forced_encoding_ && !(enc == TransferEncoding::eight_bit && *p.forced_encoding_ == TransferEncoding::seven_bit))
            enc = *p.forced_encoding_;
        }
        write_cte = enc != TransferEncoding::seven_bit;
        break;
      }
    }
    const bool utf8_guess = p.kind_ == Part::Kind::leaf && p.type_ == "text" && contains_8bit(p.body_) &&
                            is_valid_utf8(p.body_);
    if (auto r = mime_fields(head, p, boundary, utf8_guess); !r) return r.error();
    if (write_cte) head += "Content-Transfer-Encoding: " + std::string(to_string(enc)) + std::string(eol);
    head += eol;
    head += body;
    return head;
  }
};

Result<std::string> to_string(const Part& root, const WriteOptions& options) {
  PartWriter w(options);
  return w.entity(root, true);
}

Result<void> write(const Part& root, std::ostream& out, const WriteOptions& options) {
  auto s = to_string(root, options);
  if (!s) return s.error();
  out.write(s->data(), static_cast<std::streamsize>(s->size()));
  out.flush();
  if (!out) return Error{ErrorCode::io, "error writing the message", std::nullopt};
  return {};
}

Result<void> write_file(const Part& root, const std::filesystem::path& path, const WriteOptions& options) {
  // Serialize first: an invalid tree leaves no file behind.
  auto s = to_string(root, options);
  if (!s) return s.error();
  std::filesystem::path dir = path.parent_path();
  if (dir.empty()) dir = ".";
  std::string tmpl = (dir / ("." + path.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) return Error{ErrorCode::cant_create, "cannot create '" + path.string() + "': " + std::generic_category().message(errno), std::nullopt};
  // mkstemp() creates the file private (0600); a message is an ordinary document.
  ::fchmod(fd, 0644);
  const char* p = s->data();
  std::size_t left = s->size();
  bool ok = true;
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      ok = false;
      break;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) ok = false;
  if (!ok) {
    std::remove(tmpl.c_str());
    return Error{ErrorCode::io, "error writing '" + path.string() + "'", std::nullopt};
  }
  std::error_code ec;
  std::filesystem::rename(tmpl, path, ec);
  if (ec) {
    std::remove(tmpl.c_str());
    return Error{ErrorCode::cant_create, "cannot create '" + path.string() + "': " + ec.message(), std::nullopt};
  }
  return {};
}

}  // namespace mimetool
