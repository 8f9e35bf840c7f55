// Content-Transfer-Encoding dispatch: the field-body parser, one-shot decode/encode, and the
// streaming TransferDecoder / TransferEncoder built on the chunk functions of each codec.

#include <algorithm>
#include <cstring>

#include "codec/transfer_detail.hpp"
#include "mimetool/codec.hpp"

#include "util/ascii.hpp"

namespace mimetool {
namespace {

inline bool is_wsp(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Skips folding whitespace and RFC 5322 §3.2.2 comments (nested, with quoted-pairs). An unclosed
// comment runs to the end.
std::size_t skip_cfws(std::string_view s, std::size_t i) noexcept {
  while (i < s.size()) {
    if (is_wsp(s[i])) {
      ++i;
    } else if (s[i] == '(') {
      int depth = 0;
      for (; i < s.size(); ++i) {
        if (s[i] == '\\') {
          // A quoted-pair escapes the next character; a backslash that ends the field escapes
          // nothing, and stepping past it would leave i beyond the end.
          if (i + 1 < s.size()) ++i;
        } else if (s[i] == '(') {
          ++depth;
        } else if (s[i] == ')' && --depth == 0) {
          ++i;
          break;
        }
      }
    } else {
      break;
    }
  }
  return i;
}

inline bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

const char* eol_text(LineEnding eol) noexcept { return eol == LineEnding::crlf ? "\r\n" : "\n"; }

void uu_encode_tail(std::string_view tail, std::string& out, LineEnding eol) {
  if (!tail.empty()) detail::uu_encode_line(tail, out, eol);
  detail::uu_encode_line({}, out, eol);
  out += "end";
  out += eol_text(eol);
}

}  // namespace

TransferEncoding parse_transfer_encoding(std::string_view field_body) noexcept {
  std::size_t i = skip_cfws(field_body, 0);
  std::size_t start = i;
  while (i < field_body.size() && !is_wsp(field_body[i]) && field_body[i] != '(') ++i;
  const std::string_view token = field_body.substr(start, i - start);
  if (skip_cfws(field_body, i) != field_body.size()) return TransferEncoding::unknown;
  if (token.empty()) return TransferEncoding::seven_bit;  // RFC 2045 §6.1 default
  if (util::ascii_iequals(token, "7bit")) return TransferEncoding::seven_bit;
  if (util::ascii_iequals(token, "8bit")) return TransferEncoding::eight_bit;
  if (util::ascii_iequals(token, "binary")) return TransferEncoding::binary;
  if (util::ascii_iequals(token, "quoted-printable")) return TransferEncoding::quoted_printable;
  if (util::ascii_iequals(token, "base64")) return TransferEncoding::base64;
  if (util::ascii_iequals(token, "x-uuencode") || util::ascii_iequals(token, "x-uue") || util::ascii_iequals(token, "uuencode") || util::ascii_iequals(token, "x-uu"))
    return TransferEncoding::uuencode;
  return TransferEncoding::unknown;
}

std::string_view to_string(TransferEncoding encoding) noexcept {
  switch (encoding) {
    case TransferEncoding::seven_bit: return "7bit";
    case TransferEncoding::eight_bit: return "8bit";
    case TransferEncoding::binary: return "binary";
    case TransferEncoding::quoted_printable: return "quoted-printable";
    case TransferEncoding::base64: return "base64";
    case TransferEncoding::uuencode: return "x-uuencode";
    case TransferEncoding::unknown: break;
  }
  return "unknown";
}

std::string decode_transfer(std::string_view body, TransferEncoding encoding, DecodeReport* report) {
  switch (encoding) {
    case TransferEncoding::base64: return decode_base64(body, report);
    case TransferEncoding::quoted_printable: return decode_quoted_printable(body, report);
    case TransferEncoding::uuencode: return decode_uuencode(body, report);
    default: return std::string(body);
  }
}

std::string encode_transfer(std::string_view bytes, TransferEncoding encoding, const EncodeOptions& options) {
  switch (encoding) {
    case TransferEncoding::base64: return encode_base64(bytes, options.eol, options.line_length);
    case TransferEncoding::quoted_printable: return encode_quoted_printable(bytes, options);
    case TransferEncoding::uuencode: {
      std::string out;
      const std::size_t whole = bytes.size() / 45 * 45;
      for (std::size_t i = 0; i < whole; i += 45) detail::uu_encode_line(bytes.substr(i, 45), out, options.eol);
      uu_encode_tail(bytes.substr(whole), out, options.eol);
      return out;
    }
    default: return std::string(bytes);
  }
}

// ---------------------------------------------------------------------------------------------
// TransferDecoder

TransferDecoder::TransferDecoder(TransferEncoding encoding) noexcept : encoding_(encoding) {}

void TransferDecoder::reset_state() noexcept {
  report_ = DecodeReport{};
  consumed_ = 0;
  carry_.clear();
  b64_acc_ = 0;
  b64_count_ = 0;
  b64_ended_ = false;
  uu_phase_ = detail::uu_start;
}

void TransferDecoder::feed(std::string_view chunk, std::string& out) {
  if (finished_) {
    report_ = DecodeReport{};
    finished_ = false;
  }
  switch (encoding_) {
    case TransferEncoding::base64: {
      // base64 needs no carry: the state holds the bits of an unfinished quad.
      detail::Base64State st{b64_acc_, b64_count_, b64_ended_};
      detail::base64_decode_chunk(st, chunk, consumed_, out, &report_);
      b64_acc_ = st.acc;
      b64_count_ = st.count;
      b64_ended_ = st.ended;
      consumed_ += chunk.size();
      return;
    }
    case TransferEncoding::quoted_printable: {
      if (!carry_.empty()) {
        // A run of blanks that may still turn out to be trailing whitespace only grows: append
        // without rescanning, so long runs fed byte by byte stay linear.
        if (is_blank(carry_.back()) && std::all_of(chunk.begin(), chunk.end(), is_blank)) {
          carry_.append(chunk);
          return;
        }
        // Resolve the carry together with a few bytes of the chunk, then go on in the chunk itself
        // without copying it.
        const std::size_t held = carry_.size();
        const std::size_t take = std::min<std::size_t>(chunk.size(), 16);
        carry_.append(chunk.substr(0, take));
        std::size_t k = detail::qp_decode_chunk(carry_, false, consumed_, out, &report_);
        if (k < held) {
          // Still undecided inside the old carry (a long blank run): keep everything.
          carry_.append(chunk.substr(take));
          if (take < chunk.size()) {
            const std::size_t k2 = detail::qp_decode_chunk(std::string_view(carry_).substr(k), false,
                                                           consumed_ + k, out, &report_);
            k += k2;
          }
          consumed_ += k;
          carry_.erase(0, k);
          return;
        }
        consumed_ += k;
        chunk.remove_prefix(k - held);
        carry_.clear();
      }
      const std::size_t k = detail::qp_decode_chunk(chunk, false, consumed_, out, &report_);
      consumed_ += k;
      carry_.assign(chunk.substr(k));
      return;
    }
    case TransferEncoding::uuencode: {
      if (!carry_.empty()) {
        // Complete the held-back line first; look for its end only in the new bytes.
        const std::size_t nl = chunk.find('\n');
        if (nl == std::string_view::npos) {
          carry_.append(chunk);
          return;
        }
        carry_.append(chunk.substr(0, nl + 1));
        detail::uu_decode_chunk(uu_phase_, carry_, false, consumed_, out, &report_);
        consumed_ += carry_.size();
        carry_.clear();
        chunk.remove_prefix(nl + 1);
      }
      const std::size_t k = detail::uu_decode_chunk(uu_phase_, chunk, false, consumed_, out, &report_);
      consumed_ += k;
      carry_.assign(chunk.substr(k));
      return;
    }
    default:
      out.append(chunk);
      consumed_ += chunk.size();
      return;
  }
}

void TransferDecoder::finish(std::string& out) {
  switch (encoding_) {
    case TransferEncoding::base64: {
      detail::Base64State st{b64_acc_, b64_count_, b64_ended_};
      detail::base64_decode_finish(st, consumed_, out, &report_);
      break;
    }
    case TransferEncoding::quoted_printable:
      detail::qp_decode_chunk(carry_, true, consumed_, out, &report_);
      break;
    case TransferEncoding::uuencode:
      detail::uu_decode_chunk(uu_phase_, carry_, true, consumed_, out, &report_);
      break;
    default:
      break;
  }
  // Keep the report readable after finish(); the next feed() starts a fresh body.
  const DecodeReport last = report_;
  reset_state();
  report_ = last;
  finished_ = true;
}

// ---------------------------------------------------------------------------------------------
// TransferEncoder

TransferEncoder::TransferEncoder(TransferEncoding encoding, const EncodeOptions& options) noexcept
    : encoding_(encoding), options_(options) {}

void TransferEncoder::feed_bytes(std::string_view data, bool final, std::string& out) {
  switch (encoding_) {
    case TransferEncoding::base64: {
      if (!carry_.empty()) {
        const std::size_t need = std::min(3 - carry_.size(), data.size());
        carry_.append(data.substr(0, need));
        data.remove_prefix(need);
        if (carry_.size() == 3) {
          detail::base64_encode_groups(carry_, out, options_.eol, options_.line_length, column_);
          carry_.clear();
        }
      }
      const std::size_t whole = data.size() / 3 * 3;
      detail::base64_encode_groups(data.substr(0, whole), out, options_.eol, options_.line_length, column_);
      carry_.append(data.substr(whole));
      if (final) {
        detail::base64_encode_tail(carry_, out, options_.eol, options_.line_length, column_);
        carry_.clear();
      }
      return;
    }
    case TransferEncoding::quoted_printable: {
      if (!carry_.empty()) {
        // At most four bytes wait for lookahead; resolve them with a few bytes of the new data.
        const std::size_t held = carry_.size();
        const std::size_t take = std::min<std::size_t>(data.size(), 16);
        carry_.append(data.substr(0, take));
        const bool all = take == data.size();
        const std::size_t k = detail::qp_encode_chunk(carry_, final && all, options_, column_, out);
        if (k < held || all) {
          carry_.erase(0, k);
          return;
        }
        data.remove_prefix(k - held);
        carry_.clear();
      }
      const std::size_t k = detail::qp_encode_chunk(data, final, options_, column_, out);
      carry_.assign(data.substr(k));
      return;
    }
    case TransferEncoding::uuencode: {
      if (!carry_.empty()) {
        const std::size_t need = std::min(45 - carry_.size(), data.size());
        carry_.append(data.substr(0, need));
        data.remove_prefix(need);
        if (carry_.size() == 45) {
          detail::uu_encode_line(carry_, out, options_.eol);
          carry_.clear();
        }
      }
      const std::size_t whole = data.size() / 45 * 45;
      for (std::size_t i = 0; i < whole; i += 45) detail::uu_encode_line(data.substr(i, 45), out, options_.eol);
      carry_.append(data.substr(whole));
      if (final) {
        uu_encode_tail(carry_, out, options_.eol);
        carry_.clear();
      }
      return;
    }
    default:
      out.append(data);
      return;
  }
}

void TransferEncoder::feed(std::string_view chunk, std::string& out) { feed_bytes(chunk, false, out); }

void TransferEncoder::finish(std::string& out) {
  feed_bytes({}, true, out);
  carry_.clear();
  column_ = 0;
}

}  // namespace mimetool
