// Message-ID, Content-ID, References and In-Reply-To (RFC 5322 §3.6.4, RFC 2045 §7).
//
// One scan serves both entry points: it collects bracketed ids, and bare words as a fallback.
// The grammar says `"<" id-left "@" id-right ">"`, but real mail also has ids without brackets
// (`Content-ID: part1@x`), folded ids with whitespace inside the brackets, a missing ">", and
// obs-in-reply-to phrases (`In-Reply-To: Your message of "Mon, 1 Jan" <id@x>`).

#include <string>
#include <vector>

#include "fields/lexer.hpp"
#include "mimetool/fields.hpp"

namespace mimetool {
namespace {

using detail::is_fws;
using detail::Lexer;

struct IdScan {
  std::vector<std::string> bracketed;
  std::vector<std::string> bare_with_at;
  std::string first_bare;
};

// At "<": reads up to ">" and returns the id without whitespace (GMime and Python both drop the
// FWS a folding writer put inside). Without a ">", the id ends at the first whitespace or at the
// next "<", so that `<a@b <c@d>` still yields both ids.
std::string read_bracketed(Lexer& lx) {
  const std::size_t open = lx.pos();
  lx.advance();
  std::string id;
  std::size_t cut_at_space = std::string::npos;
  bool quoted = false;
  while (!lx.at_end()) {
    const char c = lx.peek();
    if (!quoted && c == '>') {
      lx.advance();
      return id;
    }
    if (!quoted && c == '<') break;
    lx.advance();
    if (c == '"') quoted = !quoted;  // `<"a b"@x>`: keep the quoted local part verbatim
    if (is_fws(c) && !quoted) {
      if (cut_at_space == std::string::npos && !id.empty()) cut_at_space = id.size();
      continue;
    }
    if (c == '\r' || c == '\n') continue;
    id.push_back(c);
  }
  lx.diag().report("missing_closing_angle_bracket", open, "message id without \">\"");
  if (cut_at_space != std::string::npos) id.resize(cut_at_space);
  return id;
}

IdScan scan_ids(std::string_view body, detail::DiagSink& sink) {
  IdScan scan;
  Lexer lx(body, sink);
  for (;;) {
    lx.skip_cfws();
    if (lx.at_end()) break;
    const char c = lx.peek();
    if (c == '<') {
      const std::size_t open = lx.pos();
      std::string id = read_bracketed(lx);
      if (id.empty()) sink.report("empty_msg_id", open, "\"<>\" holds no id");
      else scan.bracketed.push_back(std::move(id));
      continue;
    }
    if (c == '"') {  // phrase of obs-in-reply-to, or junk
      (void)lx.read_quoted_string();
      continue;
    }
    // A bare word: everything up to whitespace, a comment, a quote or the next "<".
    const std::size_t start = lx.pos();
    lx.advance();
    while (!lx.at_end() && !is_fws(lx.peek()) && lx.peek() != '(' && lx.peek() != '<' && lx.peek() != '"')
      lx.advance();
    std::string_view word = body.substr(start, lx.pos() - start);
    while (!word.empty() && (word.back() == '>' || word.back() == ',')) word.remove_suffix(1);
    if (word.empty()) continue;
    if (scan.first_bare.empty()) scan.first_bare = std::string(word);
    if (word.find('@') != std::string_view::npos && word.front() != '@')
      scan.bare_with_at.emplace_back(word);
  }
  return scan;
}

}  // namespace

std::optional<std::string> parse_msg_id(std::string_view body, Diagnostics* diags) {
  detail::DiagSink sink(diags);
  IdScan scan = scan_ids(body, sink);
  if (!scan.bracketed.empty()) {
    if (scan.bracketed.size() > 1) sink.report("multiple_msg_ids", 0, "several ids; the first is used");
    return std::move(scan.bracketed.front());
  }
  // No brackets at all: prefer a word that looks like id-left@id-right, then any word
  // (Content-ID: part1 from some webmailers).
  if (!scan.bare_with_at.empty()) {
    sink.report("missing_angle_brackets", 0, "message id without \"<\" and \">\"");
    return std::move(scan.bare_with_at.front());
  }
  if (!scan.first_bare.empty()) {
    sink.report("missing_angle_brackets", 0, "message id without \"<\" and \">\"");
    return std::move(scan.first_bare);
  }
  sink.report("missing_msg_id", 0, "no message id found");
  return std::nullopt;
}

std::vector<std::string> parse_msg_id_list(std::string_view body, Diagnostics* diags) {
  detail::DiagSink sink(diags);
  IdScan scan = scan_ids(body, sink);
  if (!scan.bracketed.empty()) return std::move(scan.bracketed);
  // Only when nothing is bracketed do bare words count: otherwise `From joe@x <id@y>` phrases
  // would contribute bogus ids.
  if (!scan.bare_with_at.empty())
    sink.report("missing_angle_brackets", 0, "message ids without \"<\" and \">\"");
  return std::move(scan.bare_with_at);
}

}  // namespace mimetool
