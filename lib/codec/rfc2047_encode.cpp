// RFC 2047 encoding for the message writer.
//
// The text is split at whitespace into words. Words that can appear literally stay as they are;
// each maximal run of words that cannot becomes encoded-words, the whitespace inside the run
// encoded with them (§6.2 drops whitespace between adjacent encoded-words, so it must travel
// inside). A run is converted to the target charset as a whole to choose Q or B by length, then
// cut into words at character boundaries, each word converted on its own so that stateful charsets
// (ISO-2022-JP) start and end every word in ASCII as §5 requires of self-contained words.

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "charset/charset_internal.hpp"
#include "mimetool/charset.hpp"
#include "mimetool/codec.hpp"
#include "mimetool/header_codec.hpp"

namespace mimetool {
namespace {

constexpr std::size_t kMaxWord = 75;  // RFC 2047 §2
constexpr std::size_t kMaxLine = 76;  // RFC 2047 §2: lines holding encoded-words

bool is_atext(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool needs_encoding(std::string_view word, Rfc2047Mode mode) {
  if (word.find("=?") != std::string_view::npos) return true;  // would be read as an encoded-word
  for (unsigned char c : word) {
    if (c < 0x21 || c > 0x7E) return true;
    // RFC 5322 §3.2.5 phrase = 1*word; '.' is allowed by obs-phrase and universally accepted.
    if (mode == Rfc2047Mode::phrase && !is_atext(c) && c != '.') return true;
  }
  return false;
}

// RFC 2047 §5(3): in a phrase only letters, digits and "!*+-/" may stand for themselves ("=" and
// "_" are the escape and the space). §5(1) (unstructured) allows any printable except "=?_".
bool q_literal(unsigned char c, Rfc2047Mode mode) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  if (mode == Rfc2047Mode::phrase) return c == '!' || c == '*' || c == '+' || c == '-' || c == '/';
  return c > 0x20 && c < 0x7F && c != '=' && c != '?' && c != '_';
}

std::size_t q_length(std::string_view bytes, Rfc2047Mode mode) {
  std::size_t n = 0;
  for (unsigned char c : bytes) n += (c == ' ' || q_literal(c, mode)) ? 1 : 3;
  return n;
}

std::size_t b_length(std::size_t bytes) { return (bytes + 2) / 3 * 4; }

std::string q_encode(std::string_view bytes, Rfc2047Mode mode) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() * 3);
  for (unsigned char c : bytes) {
    if (c == ' ') {
      out.push_back('_');
    } else if (q_literal(c, mode)) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('=');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

struct Token {
  std::string ws;    // whitespace before the word
  std::string word;  // the word (may be empty for trailing whitespace)
};

std::vector<Token> split_words(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    Token t;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) t.ws.push_back(s[i++]);
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') t.word.push_back(s[i++]);
    out.push_back(std::move(t));
  }
  return out;
}

// Places tokens on lines. In folding mode it tracks the column and breaks before whitespace; in
// word-list mode it records tokens.
class Writer {
 public:
  Writer(bool fold, std::size_t first_line_used) : fold_(fold), col_(first_line_used), has_content_(first_line_used > 0) {}

  void plain(const std::string& ws, const std::string& word) {
    if (!fold_) {
      tokens_.push_back(ws + word);
      return;
    }
    if (has_content_ && !ws.empty() && col_ + ws.size() + word.size() > kMaxLine) new_line();
    out_ += ws;
    out_ += word;
    col_ += ws.size() + word.size();
    has_content_ = has_content_ || !word.empty();
  }

  // Longest encoded-word that fits after `ws` on the current line; folds first when fewer than
  // `min_len` characters would fit. `ws` becomes " " when a fold needs whitespace that is not there.
  std::size_t word_budget(std::string& ws, std::size_t min_len) {
    if (!fold_) return kMaxWord;
    const std::size_t used = col_ + ws.size();
    const std::size_t room = used >= kMaxLine ? 0 : kMaxLine - used;
    if (room < min_len && has_content_) {
      new_line();
      if (ws.empty()) ws = " ";
      return std::min(kMaxWord, kMaxLine - ws.size());
    }
    return std::min(kMaxWord, room);
  }

  void encoded(const std::string& ws, const std::string& word) {
    if (!fold_) {
      tokens_.push_back(ws + word);
      return;
    }
    out_ += ws;
    out_ += word;
    col_ += ws.size() + word.size();
    has_content_ = true;
  }

  std::string take_text() { return std::move(out_); }
  std::vector<std::string> take_tokens() { return std::move(tokens_); }

 private:
  void new_line() {
    out_ += "\r\n";
    col_ = 0;
    has_content_ = false;
  }

  bool fold_;
  std::size_t col_;
  bool has_content_;
  std::string out_;
  std::vector<std::string> tokens_;
};

// Byte length of the UTF-8 character at s[i] (input is valid UTF-8 here).
std::size_t char_length(std::string_view s, std::size_t i) {
  const std::size_t n = detail::utf8_sequence_length(s, i);
  return n ? n : 1;
}

// Encodes `run` as encoded-words in `label` (non-empty), or in UTF-8 when `label` is empty.
// Returns false, with `w` possibly changed, when a piece of the run does not convert exactly: a
// word is converted on its own, and a character can convert on its own differently than inside
// the whole run (the run as a whole was checked by the caller).
bool encode_words(std::string_view run, std::string ws, std::string label, Rfc2047Mode mode, Writer& w) {
  const bool utf8 = label.empty();
  if (utf8) label = "utf-8";
  auto bytes_of = [&](std::string_view chunk) -> std::optional<std::string> {
    if (utf8) return std::string(chunk);
    auto r = from_utf8(chunk, label, true);
    if (!r) return std::nullopt;
    return std::move(*r);
  };
  const auto whole = bytes_of(run);
  if (!whole) return false;
  const bool use_q = q_length(*whole, mode) <= b_length(whole->size());
  const std::size_t overhead = label.size() + 7;  // "=?" label "?Q?" ... "?="

  auto encoded_length = [&](std::string_view bytes) {
    return overhead + (use_q ? q_length(bytes, mode) : b_length(bytes.size()));
  };

  std::size_t pos = 0;
  bool first = true;
  while (pos < run.size()) {
    std::string sep = first ? ws : std::string(" ");
    // Room for at least one character: one ISO-2022-JP kanji with its two escape sequences is 8
    // bytes, 24 characters as phrase-mode Q; anything less starts a new line.
    const std::size_t budget = w.word_budget(sep, overhead + 24);
    std::size_t end = pos + char_length(run, pos);
    auto bytes = bytes_of(run.substr(pos, end - pos));
    if (!bytes) return false;
    // Greedy extension, one character at a time. For UTF-8 the byte count is additive; other
    // charsets are reconverted per candidate (words are short, so this stays O(75) per character).
    while (end < run.size()) {
      const std::size_t next = end + char_length(run, end);
      auto candidate = utf8 ? std::optional<std::string>(*bytes + std::string(run.substr(end, next - end)))
                            : bytes_of(run.substr(pos, next - pos));
      if (!candidate || encoded_length(*candidate) > budget) break;
      bytes = std::move(candidate);
      end = next;
    }
    std::string word = "=?" + label + (use_q ? "?Q?" : "?B?");
    word += use_q ? q_encode(*bytes, mode) : encode_base64(*bytes, LineEnding::lf, 0);
    word += "?=";
    w.encoded(sep, word);
    pos = end;
    first = false;
  }
  return true;
}

void encode_run(std::string_view run, std::string ws, std::string_view charset_label, Rfc2047Mode mode, Writer& w) {
  // The label written into the words: the caller's, tidied; UTF-8 when the charset cannot carry
  // this run exactly (or is unknown, or absurdly long for a 75-character word).
  std::string label = detail::normalize_label(charset_label);
  const bool utf8 = label.empty() || label.size() > 40 || detail::lookup_charset_for_encoding(label) == nullptr ||
                    detail::lookup_charset_for_encoding(label)->icu_name.empty();
  if (!utf8) {
    Writer saved = w;
    if (encode_words(run, ws, label, mode, w)) return;
    w = std::move(saved);
  }
  encode_words(run, std::move(ws), {}, mode, w);
}

void encode_all(std::string_view utf8, std::string_view charset, Rfc2047Mode mode, Writer& w) {
  std::string repaired;
  if (!is_valid_utf8(utf8)) {
    repaired = detail::repair_utf8(utf8);
    utf8 = repaired;
  }
  const auto tokens = split_words(utf8);
  for (std::size_t i = 0; i < tokens.size();) {
    if (tokens[i].word.empty() || !needs_encoding(tokens[i].word, mode)) {
      w.plain(tokens[i].ws, tokens[i].word);
      ++i;
      continue;
    }
    std::string run = tokens[i].word;
    std::size_t j = i + 1;
    while (j < tokens.size() && !tokens[j].word.empty() && needs_encoding(tokens[j].word, mode)) {
      run += tokens[j].ws;
      run += tokens[j].word;
      ++j;
    }
    encode_run(run, tokens[i].ws, charset, mode, w);
    i = j;
  }
}

}  // namespace

std::string encode_rfc2047(std::string_view utf8, std::string_view charset, Rfc2047Mode mode,
                           std::size_t first_line_used) {
  Writer w(true, first_line_used);
  encode_all(utf8, charset, mode, w);
  return w.take_text();
}

std::vector<std::string> encode_rfc2047_words(std::string_view utf8, std::string_view charset, Rfc2047Mode mode) {
  Writer w(false, 0);
  encode_all(utf8, charset, mode, w);
  return w.take_tokens();
}

}  // namespace mimetool
