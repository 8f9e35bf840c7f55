#pragma once
// RFC 5322 §3.2 / RFC 2045 §5.1 lexical layer shared by the structured field parsers.
//
// Everything works on a field body that may still be folded: CRLF or bare LF followed by WSP is
// folding whitespace (RFC 5322 §2.2.3), and a bare CR or LF is accepted as whitespace too, because
// callers hand us bodies from files with any line ending. Nothing here recurses: nested comments
// are tracked with a depth counter, so 100,000 "(" cost 100,000 steps and no stack.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "mimetool/diagnostic.hpp"

#include "util/ascii.hpp"

namespace mimetool::detail {

/// RFC 5322 WSP.
constexpr bool is_wsp(char c) noexcept { return c == ' ' || c == '\t'; }
/// Folding whitespace characters: WSP plus the line-ending bytes of a folded body.
constexpr bool is_fws(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr char to_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

/// RFC 5322 §3.2.3 atext, extended with every byte >= 0x80 (RFC 6532 UTF8-non-ascii; raw 8-bit
/// names in legacy charsets are accepted the same way, as GMime and Thunderbird do).
bool is_atext(char c) noexcept;
/// RFC 2045 §5.1 tspecials.
bool is_tspecial(char c) noexcept;
/// RFC 2045 §5.1 token character: printable US-ASCII except SPACE and tspecials.
bool is_token_char(char c) noexcept;

/// ASCII case-insensitive equality.
inline bool iequals(std::string_view a, std::string_view b) noexcept { return util::ascii_iequals(a, b); }
/// ASCII lower-casing copy.
std::string lower(std::string_view s);
/// Trims folding whitespace at both ends.
std::string_view trim(std::string_view s) noexcept;
/// Replaces every run of folding whitespace by one space and trims the ends.
std::string collapse_whitespace(std::string_view s);

/// Collects diagnostics for one field body, at most one per code: a hostile body with 100,000
/// stray characters yields one diagnostic, not 100,000.
class DiagSink {
 public:
  explicit DiagSink(Diagnostics* out) noexcept : out_(out) {}
  /// Records `code` (a string literal) at `offset` unless that code was already recorded.
  void report(std::string_view code, std::size_t offset, std::string_view detail,
              Severity severity = Severity::warning);
  bool enabled() const noexcept { return out_ != nullptr; }

 private:
  Diagnostics* out_;
  std::vector<std::string_view> seen_;
};

/// A cursor over a field body with the RFC 5322 lexical primitives.
class Lexer {
 public:
  Lexer(std::string_view text, DiagSink& diag) noexcept : s_(text), diag_(diag) {}

  std::string_view text() const noexcept { return s_; }
  std::size_t pos() const noexcept { return pos_; }
  void set_pos(std::size_t p) noexcept { pos_ = p < s_.size() ? p : s_.size(); }
  bool at_end() const noexcept { return pos_ >= s_.size(); }
  /// The current byte, or '\0' at the end.
  char peek() const noexcept { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  /// The byte `n` positions ahead, or '\0' past the end.
  char peek_at(std::size_t n) const noexcept { return pos_ + n < s_.size() ? s_[pos_ + n] : '\0'; }
  void advance(std::size_t n = 1) noexcept { set_pos(pos_ + n); }
  DiagSink& diag() noexcept { return diag_; }

  /// Skips folding whitespace; returns true when something was skipped.
  bool skip_fws() noexcept;
  /// Skips CFWS (RFC 5322 §3.2.2): whitespace and comments. When `comments` is given, the text of
  /// each top-level comment is appended to it. Returns true when something was skipped.
  bool skip_cfws(std::vector<std::string>* comments = nullptr);
  /// At "(": consumes one comment including nested ones and returns its text (outer parentheses
  /// removed, inner ones kept, quoted-pairs undone, line breaks removed). An unterminated comment
  /// runs to the end of the body and is reported as `unterminated_comment`.
  std::string read_comment();
  /// At '"': consumes a quoted-string and returns its content with quoted-pairs undone and
  /// folding unfolded (RFC 5322 §3.2.4). A missing closing quote is reported as
  /// `unterminated_quoted_string` and the string runs to the end of the body; `closed` (when
  /// given) tells the caller which case it was.
  std::string read_quoted_string(bool* closed = nullptr);
  /// At "[": consumes a domain-literal and returns it with its brackets (RFC 5322 §3.4.1),
  /// whitespace removed. A missing "]" is reported as `unterminated_domain_literal`.
  std::string read_domain_literal();
  /// Consumes a run of atext (and ".", when `allow_dot`) and returns it; empty when none.
  std::string_view read_atom(bool allow_dot) noexcept;
  /// Consumes an RFC 2045 token and returns it; empty when none.
  std::string_view read_token() noexcept;
  /// Advances to the next `stop` byte outside quoted-strings and comments (or to the end).
  void skip_until(char stop) noexcept;

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
  DiagSink& diag_;
};

}  // namespace mimetool::detail
