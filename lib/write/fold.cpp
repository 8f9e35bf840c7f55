// Header field formatting for written messages: folding, unstructured text with RFC 2047
// encoded-words, address lists. Everything here produces 7-bit text.

#include <algorithm>

#include "mimetool/fields.hpp"
#include "mimetool/header_codec.hpp"
#include "mimetool/write_format.hpp"
#include "write/fold_internal.hpp"

namespace mimetool {

namespace {

// RFC 5322 §2.1.1: a line must not pass 998 characters, excluding the line ending.
constexpr std::size_t max_line = 998;

Error invalid(std::string message) { return Error{ErrorCode::invalid_argument, std::move(message), std::nullopt}; }

bool is_wsp(char c) noexcept { return c == ' ' || c == '\t'; }

bool has_line_break(std::string_view s) noexcept { return s.find_first_of("\r\n") != std::string_view::npos; }

// RFC 2047 §2 limits lines holding encoded-words to 76 characters; recognise such a token the way
// a decoder would, by an "=?" that a later "?=" closes.
bool holds_encoded_word(std::string_view t) noexcept {
  const auto open = t.find("=?");
  return open != std::string_view::npos && t.find("?=", open + 2) != std::string_view::npos;
}

bool all_wsp(std::string_view t) noexcept {
  return std::all_of(t.begin(), t.end(), [](char c) { return is_wsp(c); });
}

// RFC 5322 §3.2.3 atext.
bool is_atext(char c) noexcept {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0x80 || u <= 0x20 || u == 0x7f) return false;
  return std::string_view("()<>[]:;@\\,.\"").find(c) == std::string_view::npos;
}

bool is_printable_ascii(std::string_view s) noexcept {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

}  // namespace

namespace write_detail {

std::vector<std::string> b_encoded_words(std::string_view utf8, std::size_t max_bytes) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < utf8.size()) {
    std::size_t end = std::min(utf8.size(), i + max_bytes);
    // Never split a UTF-8 sequence: back off over continuation bytes.
    while (end < utf8.size() && end > i + 1 && (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80) --end;
    std::string word = out.empty() ? "=?utf-8?B?" : " =?utf-8?B?";
    word += encode_base64(utf8.substr(i, end - i), LineEnding::lf, 0);
    word += "?=";
    out.push_back(std::move(word));
    i = end;
  }
  return out;
}

}  // namespace write_detail

std::string_view eol_string(LineEnding eol) noexcept { return eol == LineEnding::lf ? "\n" : "\r\n"; }

bool is_valid_field_name(std::string_view name) noexcept {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](char c) { return c > 0x20 && c < 0x7f && c != ':'; });
}

Result<std::string> fold_field(std::string_view name, const std::vector<std::string>& tokens,
                               const FormatOptions& options) {
  if (!is_valid_field_name(name)) return invalid("invalid header field name '" + std::string(name) + "'");
  const std::string_view eol = eol_string(options.eol);
  const std::size_t plain_limit = std::clamp<std::size_t>(options.fold_column, 20, max_line);
  const std::size_t ew_limit = std::min<std::size_t>(plain_limit, 76);

  std::string out(name);
  out += ':';
  const std::size_t prefix = out.size();
  std::size_t col = prefix;
  bool line_has_ew = false;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    std::string_view t = tokens[i];
    if (has_line_break(t)) return invalid("header field " + std::string(name) + " contains a line break");
    std::string spaced;
    if (i == 0 && (t.empty() || !is_wsp(t.front()))) {
      spaced = " " + std::string(t);
      t = spaced;
    }
    if (t.empty()) continue;
    const bool ew = holds_encoded_word(t);
    const std::size_t limit = (ew || line_has_ew) ? ew_limit : plain_limit;
    // Fold before the token's leading whitespace (RFC 5322 §2.2.3) when it would pass the limit.
    // A whitespace-only token is never moved to its own line: that line would read as blank.
    // Folding right after "Name:" is allowed by the grammar, but only worth it when the token
    // then fits.
    const bool foldable = is_wsp(t.front()) && !all_wsp(t);
    if (col + t.size() > limit && foldable && (col > prefix || t.size() <= limit)) {
      out += eol;
      col = 0;
      line_has_ew = false;
    }
    out += t;
    col += t.size();
    line_has_ew = line_has_ew || ew;
    if (col > max_line)
      return invalid("header field " + std::string(name) + " has a word too long for a 998-character line");
  }
  if (tokens.empty()) out += ' ';  // "Name: " with an empty body keeps the usual space
  out += eol;
  return out;
}

Result<std::string> format_unstructured_field(std::string_view name, std::string_view utf8,
                                              const FormatOptions& options) {
  if (has_line_break(utf8)) return invalid("header field " + std::string(name) + " contains a line break");
  // The folded encoder sizes the first encoded-word to the room left after "Name: "; unfold its
  // result and cut it before each run of whitespace, so that our folder (which also knows the
  // line ending and the 78-column limit for plain lines) lays the words out again.
  const std::string folded = encode_rfc2047(utf8, options.header_charset, Rfc2047Mode::unstructured, name.size() + 2);
  std::string unfolded;
  unfolded.reserve(folded.size());
  for (std::size_t i = 0; i < folded.size(); ++i) {
    if (folded[i] == '\r' && i + 1 < folded.size() && folded[i + 1] == '\n') {
      ++i;
      continue;
    }
    unfolded += folded[i];
  }
  std::vector<std::string> tokens;
  for (std::size_t i = 0; i < unfolded.size();) {
    std::size_t j = i;
    while (j < unfolded.size() && is_wsp(unfolded[j])) ++j;
    while (j < unfolded.size() && !is_wsp(unfolded[j])) ++j;
    tokens.push_back(unfolded.substr(i, j - i));
    i = j;
  }
  // A word longer than a line cannot be folded; RFC 2047 lets us cut it into encoded-words
  // instead. The whole field is then written as encoded-words, because whitespace between an
  // encoded-word and a neighbouring one is dropped by decoders (§6.2) and would lose the spaces.
  const std::size_t room = max_line - std::min<std::size_t>(max_line - 100, name.size() + 2);
  const bool too_long = std::any_of(tokens.begin(), tokens.end(), [&](const std::string& t) { return t.size() > room; });
  // 36 bytes give 48 base64 characters: a 60-character word that fits after any short name.
  if (too_long) tokens = write_detail::b_encoded_words(utf8, 36);
  return fold_field(name, tokens, options);
}

Result<std::vector<MailboxSpec>> parse_mailboxes(std::string_view utf8_list) {
  if (has_line_break(utf8_list)) return invalid("address list contains a line break");
  Diagnostics diags;
  const AddressList list = parse_address_list(utf8_list, &diags);
  for (const auto& d : diags)
    if (d.severity == Severity::critical)
      return invalid("malformed address '" + std::string(utf8_list) + "' (" + d.code + ")");
  std::vector<MailboxSpec> out;
  for (const Mailbox& m : list.mailboxes()) {
    if (m.local_part.empty() || m.domain.empty())
      return invalid("malformed address '" + std::string(utf8_list) + "': an address needs local-part@domain");
    MailboxSpec spec;
    spec.address = m.address();
    if (!is_printable_ascii(spec.address) || spec.address.find(' ') != std::string::npos)
      return invalid("address '" + spec.address + "' is not ASCII (it would need SMTPUTF8)");
    spec.display_name = decode_rfc2047(m.display_name, Rfc2047Mode::phrase);
    out.push_back(std::move(spec));
  }
  if (out.empty()) return invalid("no address in '" + std::string(utf8_list) + "'");
  return out;
}

Result<std::string> format_address_field(std::string_view name, const std::vector<MailboxSpec>& mailboxes,
                                         const FormatOptions& options) {
  if (mailboxes.empty()) return invalid("header field " + std::string(name) + " needs at least one address");
  std::vector<std::string> tokens;
  for (std::size_t i = 0; i < mailboxes.size(); ++i) {
    const MailboxSpec& m = mailboxes[i];
    if (has_line_break(m.display_name) || has_line_break(m.address))
      return invalid("address in " + std::string(name) + " contains a line break");
    if (m.address.empty() || !is_printable_ascii(m.address) || m.address.find(' ') != std::string::npos ||
        m.address.find('@') == std::string::npos)
      return invalid("malformed address '" + m.address + "'");
    const std::string sep = tokens.empty() ? "" : " ";
    const std::string_view dn = m.display_name;
    if (dn.empty()) {
      tokens.push_back(sep + m.address);
    } else if (is_printable_ascii(dn) && dn.find("=?") == std::string_view::npos) {
      // RFC 5322 §3.2.5: a phrase of atoms may be written bare; anything else is quoted, with
      // backslash and double quote escaped as quoted-pairs (§3.2.4).
      bool atoms = dn.front() != ' ' && dn.back() != ' ' && dn.find("  ") == std::string_view::npos;
      for (char c : dn) atoms = atoms && (c == ' ' || is_atext(c));
      if (atoms) {
        std::size_t start = 0;
        bool first = true;
        while (start <= dn.size()) {
          std::size_t sp = dn.find(' ', start);
          if (sp == std::string_view::npos) sp = dn.size();
          tokens.push_back((first ? sep : std::string(" ")) + std::string(dn.substr(start, sp - start)));
          first = false;
          start = sp + 1;
        }
      } else {
        std::string q = sep + "\"";
        for (char c : dn) {
          if (c == '"' || c == '\\') q += '\\';
          q += c;
        }
        q += '"';
        tokens.push_back(std::move(q));
      }
    } else {
      // Non-ASCII names: RFC 2047 §5(3) encoded-words as phrase words, never inside quotes.
      std::vector<std::string> words = encode_rfc2047_words(dn, options.header_charset, Rfc2047Mode::phrase);
      for (std::size_t w = 0; w < words.size(); ++w) {
        std::string t = std::move(words[w]);
        if (w == 0) {
          const auto ws = t.find_first_not_of(" \t");
          t = sep + (ws == std::string::npos ? std::string() : t.substr(ws));
        }
        tokens.push_back(std::move(t));
      }
    }
    if (!dn.empty()) tokens.push_back(" <" + m.address + ">");
    if (i + 1 < mailboxes.size()) tokens.back() += ',';
  }
  return fold_field(name, tokens, options);
}

Result<std::string> format_structured_field(std::string_view name, std::string_view ascii,
                                            const FormatOptions& options) {
  if (has_line_break(ascii)) return invalid("header field " + std::string(name) + " contains a line break");
  for (char c : ascii)
    if (static_cast<unsigned char>(c) >= 0x80 || (c < 0x20 && c != '\t'))
      return invalid("header field " + std::string(name) + " must be ASCII text");
  // Split before each run of whitespace, keeping the run with the following word.
  std::vector<std::string> tokens;
  std::size_t i = 0;
  while (i < ascii.size() && is_wsp(ascii[i])) ++i;
  while (i < ascii.size()) {
    std::size_t j = i;
    while (j < ascii.size() && is_wsp(ascii[j])) ++j;
    while (j < ascii.size() && !is_wsp(ascii[j])) ++j;
    tokens.emplace_back(ascii.substr(i, j - i));
    i = j;
  }
  // Trailing whitespace is dropped: it would only make a line end in blanks.
  if (!tokens.empty() && all_wsp(tokens.back())) tokens.pop_back();
  return fold_field(name, tokens, options);
}

std::string field_body(std::string_view field) {
  const auto colon = field.find(':');
  if (colon == std::string_view::npos) return std::string(field);
  std::string_view body = field.substr(colon + 1);
  if (!body.empty() && body.front() == ' ') body.remove_prefix(1);
  if (body.ends_with("\r\n")) body.remove_suffix(2);
  else if (body.ends_with('\n')) body.remove_suffix(1);
  return std::string(body);
}

Result<std::string> format_unstructured_body(std::string_view name, std::string_view utf8,
                                             const FormatOptions& options) {
  auto f = format_unstructured_field(name, utf8, options);
  if (!f) return f.error();
  return field_body(*f);
}

}  // namespace mimetool
