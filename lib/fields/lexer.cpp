#include "fields/lexer.hpp"

#include <algorithm>

namespace mimetool::detail {

bool is_atext(char c) noexcept {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0x80) return true;
  if (is_alpha(c) || is_digit(c)) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-':
    case '/': case '=': case '?': case '^': case '_': case '`': case '{': case '|': case '}':
    case '~':
      return true;
    default:
      return false;
  }
}

bool is_tspecial(char c) noexcept {
  switch (c) {
    case '(': case ')': case '<': case '>': case '@': case ',': case ';': case ':': case '\\':
    case '"': case '/': case '[': case ']': case '?': case '=':
      return true;
    default:
      return false;
  }
}

bool is_token_char(char c) noexcept {
  const auto u = static_cast<unsigned char>(c);
  return u > 0x20 && u < 0x7f && !is_tspecial(c);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
}

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_fws(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_fws(s.back())) s.remove_suffix(1);
  return s;
}

std::string collapse_whitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (char c : s) {
    if (is_fws(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

void DiagSink::report(std::string_view code, std::size_t offset, std::string_view detail,
                      Severity severity) {
  if (!out_) return;
  if (std::find(seen_.begin(), seen_.end(), code) != seen_.end()) return;
  seen_.push_back(code);
  out_->push_back(Diagnostic{std::string(code), severity, offset, std::string(), std::string(detail)});
}

bool Lexer::skip_fws() noexcept {
  const std::size_t start = pos_;
  while (pos_ < s_.size() && is_fws(s_[pos_])) ++pos_;
  return pos_ != start;
}

bool Lexer::skip_cfws(std::vector<std::string>* comments) {
  const std::size_t start = pos_;
  for (;;) {
    skip_fws();
    if (peek() != '(') break;
    if (comments) {
      comments->push_back(read_comment());
    } else {
      // Same scan without building the text.
      const std::size_t open = pos_;
      std::size_t depth = 0;
      while (pos_ < s_.size()) {
        const char c = s_[pos_++];
        if (c == '\\') {
          if (pos_ < s_.size()) ++pos_;
        } else if (c == '(') {
          ++depth;
        } else if (c == ')') {
          if (--depth == 0) break;
        }
      }
      if (depth != 0) diag_.report("unterminated_comment", open, "comment not closed before end of field");
    }
  }
  return pos_ != start;
}

std::string Lexer::read_comment() {
  // RFC 5322 §3.2.2: comments nest. A counter instead of recursion keeps hostile input
  // ("((((((...") linear and stack-safe.
  std::string out;
  const std::size_t open = pos_;
  std::size_t depth = 0;
  while (pos_ < s_.size()) {
    const char c = s_[pos_++];
    if (c == '\\') {
      if (pos_ < s_.size() && s_[pos_] != '\r' && s_[pos_] != '\n') out.push_back(s_[pos_++]);
      continue;
    }
    if (c == '(') {
      if (depth++ > 0) out.push_back(c);
      continue;
    }
    if (c == ')') {
      if (--depth == 0) return out;
      out.push_back(c);
      continue;
    }
    if (c == '\r' || c == '\n') continue;  // unfold (RFC 5322 §2.2.3)
    out.push_back(c);
  }
  diag_.report("unterminated_comment", open, "comment not closed before end of field");
  return out;
}

std::string Lexer::read_quoted_string(bool* closed) {
  std::string out;
  if (closed) *closed = false;
  const std::size_t open = pos_;
  ++pos_;  // opening quote
  while (pos_ < s_.size()) {
    const char c = s_[pos_++];
    if (c == '"') {
      if (closed) *closed = true;
      return out;
    }
    if (c == '\\') {
      // quoted-pair (RFC 5322 §3.2.1). A backslash before a line break is dropped and the break
      // unfolded, as obs-qp would otherwise leave a bare CR in the value.
      if (pos_ < s_.size() && s_[pos_] != '\r' && s_[pos_] != '\n') out.push_back(s_[pos_++]);
      continue;
    }
    if (c == '\r' || c == '\n') continue;  // unfold: CRLF removed, the WSP after it kept
    out.push_back(c);
  }
  diag_.report("unterminated_quoted_string", open, "quoted-string not closed before end of field");
  return out;
}

std::string Lexer::read_domain_literal() {
  std::string out;
  const std::size_t open = pos_;
  out.push_back('[');
  ++pos_;
  while (pos_ < s_.size()) {
    const char c = s_[pos_++];
    if (c == ']') {
      out.push_back(']');
      return out;
    }
    if (c == '\\') {
      if (pos_ < s_.size()) out.push_back(s_[pos_++]);
      continue;
    }
    if (is_fws(c)) continue;  // RFC 5322 §3.4.1: FWS inside the brackets is not semantic
    out.push_back(c);
  }
  diag_.report("unterminated_domain_literal", open, "domain-literal not closed before end of field");
  out.push_back(']');
  return out;
}

std::string_view Lexer::read_atom(bool allow_dot) noexcept {
  const std::size_t start = pos_;
  while (pos_ < s_.size() && (is_atext(s_[pos_]) || (allow_dot && s_[pos_] == '.'))) ++pos_;
  return s_.substr(start, pos_ - start);
}

std::string_view Lexer::read_token() noexcept {
  const std::size_t start = pos_;
  while (pos_ < s_.size() && is_token_char(s_[pos_])) ++pos_;
  return s_.substr(start, pos_ - start);
}

void Lexer::skip_until(char stop) noexcept {
  // Quoted-strings and comments are skipped as units so that a ";" inside `"a;b"` does not stop
  // us. Unterminated ones run to the end, like their readers.
  std::size_t depth = 0;
  bool quoted = false;
  while (pos_ < s_.size()) {
    const char c = s_[pos_];
    if (c == '\\' && (quoted || depth > 0)) {
      pos_ += 2;
      continue;
    }
    if (quoted) {
      if (c == '"') quoted = false;
    } else if (depth > 0) {
      if (c == '(') ++depth;
      else if (c == ')') --depth;
    } else if (c == stop) {
      return;
    } else if (c == '"') {
      quoted = true;
    } else if (c == '(') {
      depth = 1;
    }
    ++pos_;
  }
  pos_ = s_.size();
}

}  // namespace mimetool::detail
