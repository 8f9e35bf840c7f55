// RFC 2047 encoded-word decoding, lenient in the ways deployed clients are.
//
// Grammar (RFC 2047 §2): encoded-word = "=?" charset "?" encoding "?" encoded-text "?=", with an
// optional RFC 2231 §5 language suffix "*lang" on the charset. The decoder is one left-to-right pass
// producing three kinds of token (text, whitespace, encoded-word), followed by assembly:
//  - §6.2: linear whitespace between two encoded-words is not displayed;
//  - adjacent words in one charset are joined as bytes before conversion, because mailers split
//    multibyte characters across words (seen from Outlook for GB2312 and from old Japanese mailers
//    for ISO-2022-JP; Thunderbird and GMime join them too);
//  - raw 8-bit text is converted once the field's encoded-word charset is known, to hint detection.
// Leniencies, each one matching Thunderbird/GMime behaviour: words glued to surrounding text or
// to each other, words inside quoted strings (phrase mode), a missing "?=" (the word ends at the
// next whitespace, the next "=?" or the end of the field), whitespace inside Q text, invalid base64
// (the valid characters are decoded). Anything else that looks like a word is kept as written.
//
// Linear time: the searches for "?=", "=?", whitespace and '"' each resume from the previous hit
// (positions only grow), so 10,000 unterminated "=?x?q?" starts cost one pass over the input.

#include <algorithm>
#include <string>
#include <vector>

#include "charset/charset_internal.hpp"
#include "codec/header_codec_internal.hpp"
#include "mimetool/charset.hpp"
#include "mimetool/codec.hpp"
#include "mimetool/header_codec.hpp"

namespace mimetool::detail {

void add_diagnostic_once(Diagnostics* diags, std::string_view code, std::size_t offset, std::string detail) {
  if (!diags) return;
  for (const auto& d : *diags)
    if (d.code == code) return;
  diags->push_back(Diagnostic{std::string(code), Severity::warning, offset, {}, std::move(detail)});
}

std::string raw_header_bytes_to_utf8(std::string_view bytes, std::string_view fallback_charset, std::string_view hint) {
  if (is_valid_utf8(bytes)) return std::string(bytes);
  CharsetPolicy policy;
  policy.fallback = std::string(fallback_charset);
  policy.hint = std::string(hint);
  // An empty label means "undeclared": fallback, else detection (see to_utf8()).
  auto r = to_utf8(bytes, {}, policy);
  return r ? std::move(r->text) : repair_utf8(bytes);
}

}  // namespace mimetool::detail

namespace mimetool {
namespace {

bool is_wsp(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Finds the first occurrence at or after `from`, remembering the last answer: valid because every
// caller asks with a non-decreasing `from`.
class ForwardFinder {
 public:
  ForwardFinder(std::string_view s, std::string_view needle) : s_(s), needle_(needle) {}
  std::size_t next(std::size_t from) {
    if (pos_ == std::string_view::npos) return pos_;
    if (searched_ && pos_ >= from) return pos_;
    pos_ = s_.find(needle_, from);
    searched_ = true;
    return pos_;
  }

 private:
  std::string_view s_;
  std::string_view needle_;
  std::size_t pos_ = 0;
  bool searched_ = false;
};

class CharFinder {
 public:
  CharFinder(std::string_view s, bool (*pred)(char)) : s_(s), pred_(pred) {}
  std::size_t next(std::size_t from) {
    if (searched_ && (pos_ == std::string_view::npos || pos_ >= from)) return pos_;
    searched_ = true;
    for (std::size_t i = from; i < s_.size(); ++i)
      if (pred_(s_[i])) return pos_ = i;
    return pos_ = std::string_view::npos;
  }

 private:
  std::string_view s_;
  bool (*pred_)(char);
  std::size_t pos_ = 0;
  bool searched_ = false;
};

struct Word {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string_view charset;  // without the language suffix
  char encoding = 'Q';
  std::string_view text;
  bool terminated = true;
};

constexpr std::size_t kMaxCharsetLength = 64;

class Decoder {
 public:
  Decoder(std::string_view s, Rfc2047Mode mode, Diagnostics* diags, std::string_view fallback)
      : s_(s), mode_(mode), diags_(diags), fallback_(fallback), end_marks_(s, "?="), starts_(s, "=?"),
        spaces_(s, [](char c) { return is_wsp(c); }), quotes_(s, [](char c) { return c == '"'; }) {}

  std::string run() {
    std::size_t i = 0;
    bool in_quote = false;
    while (i < s_.size()) {
      const char c = s_[i];
      if (c == '\r' || c == '\n') {  // RFC 5322 §2.2.3 unfolding: drop CR and LF, keep the WSP
        whitespace(std::string_view());
        ++i;
      } else if (c == ' ' || c == '\t') {
        whitespace(s_.substr(i, 1));
        ++i;
      } else if (mode_ == Rfc2047Mode::phrase && c == '"') {
        // RFC 5322 §3.2.4: quotes delimit, they are not part of the phrase's value. Quotes neither
        // separate nor join encoded-words.
        in_quote = !in_quote;
        ++i;
      } else if (mode_ == Rfc2047Mode::phrase && in_quote && c == '\\' && i + 1 < s_.size()) {
        text(s_.substr(i + 1, 1), i);
        i += 2;
      } else if (c == '=' && i + 1 < s_.size() && s_[i + 1] == '?') {
        Word w;
        if (parse_word(i, w)) {
          word(w);
          i = w.end;
        } else {
          text(s_.substr(i, 1), i);
          ++i;
        }
      } else {
        text(s_.substr(i, 1), i);
        ++i;
      }
    }
    flush_run();
    flush_text();
    return assemble();
  }

 private:
  struct Segment {
    bool raw;  // raw header bytes (maybe 8-bit), converted in assemble()
    std::string bytes;
  };

  bool parse_word(std::size_t i, Word& w) {
    std::size_t j = i + 2;
    while (j < s_.size() && s_[j] != '?' && !is_wsp(s_[j]) && s_[j] != '"' && j - i - 2 <= kMaxCharsetLength) ++j;
    if (j == i + 2 || j + 2 >= s_.size() || s_[j] != '?' || s_[j + 2] != '?') return false;
    const char enc = s_[j + 1];
    if (enc != 'Q' && enc != 'q' && enc != 'B' && enc != 'b') return false;
    w.begin = i;
    w.charset = s_.substr(i + 2, j - i - 2);
    if (auto star = w.charset.find('*'); star != std::string_view::npos) w.charset = w.charset.substr(0, star);
    w.encoding = static_cast<char>(enc & ~0x20);
    const std::size_t text_begin = j + 3;
    const std::size_t term = end_marks_.next(text_begin);
    std::size_t stop = spaces_.next(text_begin);
    if (mode_ == Rfc2047Mode::phrase) stop = std::min(stop, quotes_.next(text_begin));
    const std::size_t next_start = starts_.next(text_begin);
    // A "?=" is this word's end unless another word starts before it (an "=?" entirely before the
    // "?=": in B text "QQ==?=" the "=?" overlaps the terminator and does not count) or, in phrase
    // mode, a quote closes first. Whitespace inside the text is accepted: Q words with raw spaces
    // come from several webmailers, and Thunderbird and GMime decode them.
    const bool other_word_first = next_start != std::string_view::npos && next_start + 2 <= term;
    const bool quote_first = mode_ == Rfc2047Mode::phrase && quotes_.next(text_begin) < term;
    if (term != std::string_view::npos && !other_word_first && !quote_first) {
      w.text = s_.substr(text_begin, term - text_begin);
      w.end = term + 2;
      return true;
    }
    // Missing "?=": the word ends at the next whitespace, quote, word start or end of field.
    std::size_t end = std::min({stop, next_start, s_.size()});
    if (end <= text_begin) return false;
    w.text = s_.substr(text_begin, end - text_begin);
    w.end = end;
    w.terminated = false;
    return true;
  }

  // Decodes the word's text; false when it cannot be read (the caller keeps the word as
  // written). Stray characters in a B word are skipped, but when what remains is no whole
  // number of bytes (a lone sextet: "=?utf-8?B?!!notbase64!!?="), the word was never base64,
  // and it is shown verbatim as Python's email does rather than as the garbage bytes left.
  bool decode_payload(const Word& w, std::string& bytes) {
    if (w.encoding == 'B') {
      DecodeReport report;
      bytes = decode_base64(w.text, &report);
      if (report.invalid) {
        std::size_t sextets = 0;
        for (const char c : w.text) {
          const bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
          sextets += alpha ? 1 : 0;
        }
        if (sextets % 4 == 1) {
          detail::add_diagnostic_once(diags_, "invalid_base64", w.begin, "encoded-word is not base64; kept as written");
          return false;
        }
        detail::add_diagnostic_once(diags_, "invalid_base64", w.begin, "invalid base64 in encoded-word");
      }
      return true;
    }
    // RFC 2047 §4.2: "_" is 0x20, "=XX" is a byte; anything else stands for itself. A "=" not
    // followed by two hex digits is kept literally; folding inside the text is removed.
    bytes.reserve(w.text.size());
    bool bad = false;
    for (std::size_t k = 0; k < w.text.size(); ++k) {
      const char c = w.text[k];
      if (c == '_') {
        bytes.push_back(' ');
      } else if (c == '=' && k + 2 < w.text.size() && hex_value(w.text[k + 1]) >= 0 &&
                 hex_value(w.text[k + 2]) >= 0) {
        bytes.push_back(static_cast<char>(hex_value(w.text[k + 1]) * 16 + hex_value(w.text[k + 2])));
        k += 2;
      } else if (c == '\r' || c == '\n') {
        continue;
      } else {
        if (c == '=') bad = true;
        bytes.push_back(c);
      }
    }
    if (bad) detail::add_diagnostic_once(diags_, "invalid_quoted_printable", w.begin, "stray '=' in Q encoded-word");
    return true;
  }

  void word(const Word& w) {
    std::string bytes;
    if (!decode_payload(w, bytes)) {
      text(s_.substr(w.begin, w.end - w.begin), w.begin);
      return;
    }
    const auto* info = detail::lookup_charset(w.charset);
    if (!info) {
      // An unknown label ("=?NONE?B?VEVTVA==?=", "=?x-unknown?Q?...?=") over bytes that are
      // valid UTF-8 (ASCII included) is read as UTF-8, as Python's email and Thunderbird do;
      // other bytes cannot be read safely, so the word is kept as written.
      if (is_valid_utf8(bytes)) {
        detail::add_diagnostic_once(diags_, "unknown_charset", w.begin,
                                    "encoded-word charset \"" + std::string(w.charset) + "\" unknown; read as UTF-8");
        info = detail::lookup_charset("utf-8");
      } else {
        detail::add_diagnostic_once(diags_, "unknown_charset", w.begin,
                                    "encoded-word charset \"" + std::string(w.charset) + "\" unknown; kept as written");
        text(s_.substr(w.begin, w.end - w.begin), w.begin);
        return;
      }
    }
    if (!w.terminated)
      detail::add_diagnostic_once(diags_, "unterminated_encoded_word", w.begin, "encoded-word without \"?=\"");
    if (!first_charset_) first_charset_ = info;
    if (last_was_word_ && run_charset_ == info) {
      pending_ws_.clear();  // §6.2, and joined as bytes below
    } else if (last_was_word_) {
      pending_ws_.clear();
      flush_run();
    } else {
      flush_text();
    }
    if (!run_charset_) {
      run_charset_ = info;
      run_begin_ = w.begin;
    }
    run_bytes_ += bytes;
    last_was_word_ = true;
  }

  void whitespace(std::string_view ws) { pending_ws_.append(ws); }

  void text(std::string_view t, std::size_t) {
    flush_run();
    text_.append(pending_ws_);
    pending_ws_.clear();
    text_.append(t);
    last_was_word_ = false;
  }

  void flush_text() {
    text_.append(pending_ws_);
    pending_ws_.clear();
    if (!text_.empty()) segments_.push_back({true, std::move(text_)});
    text_.clear();
  }

  void flush_run() {
    if (!run_charset_) return;
    auto r = to_utf8(run_bytes_, run_charset_->name);
    if (r->lossy)
      detail::add_diagnostic_once(diags_, "invalid_encoded_word_charset_data", run_begin_,
                                  "bytes invalid in " + std::string(run_charset_->name) + " replaced with U+FFFD");
    segments_.push_back({false, std::move(r->text)});
    run_bytes_.clear();
    run_charset_ = nullptr;
  }

  std::string assemble() {
    std::string raw8;
    for (const auto& seg : segments_)
      if (seg.raw && !detail::is_ascii(seg.bytes)) raw8 += seg.bytes;
    // Raw text is converted as one piece: per-segment detection on a few bytes each would be noise.
    const bool convert = !raw8.empty() && !is_valid_utf8(raw8);
    std::string charset;
    if (!raw8.empty()) {
      detail::add_diagnostic_once(diags_, "unencoded_8bit_header", 0, "8-bit bytes outside encoded-words");
      if (convert) {
        charset = fallback_.empty() || !is_known_charset(fallback_)
                      ? detect_charset(raw8, first_charset_ ? first_charset_->name : std::string_view())
                      : canonical_charset(fallback_);
      }
    }
    std::string out;
    for (auto& seg : segments_) {
      if (seg.raw && convert && !detail::is_ascii(seg.bytes)) {
        auto r = to_utf8(seg.bytes, charset);
        out += r->text;
      } else {
        out += seg.bytes;
      }
    }
    return out;
  }

  std::string_view s_;
  Rfc2047Mode mode_;
  Diagnostics* diags_;
  std::string_view fallback_;
  ForwardFinder end_marks_;
  ForwardFinder starts_;
  CharFinder spaces_;
  CharFinder quotes_;

  std::vector<Segment> segments_;
  std::string text_;
  std::string pending_ws_;
  bool last_was_word_ = false;
  const detail::CharsetInfo* run_charset_ = nullptr;
  const detail::CharsetInfo* first_charset_ = nullptr;
  std::size_t run_begin_ = 0;
  std::string run_bytes_;
};

}  // namespace

std::string decode_rfc2047(std::string_view field_body, Rfc2047Mode mode, Diagnostics* diagnostics,
                           std::string_view fallback_charset) {
  return Decoder(field_body, mode, diagnostics, fallback_charset).run();
}

}  // namespace mimetool
