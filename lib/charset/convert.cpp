// to_utf8 / from_utf8 through ICU converters.
//
// Policy (STYLE.md §4): lenient conversion replaces each invalid sequence with U+FFFD and records
// "lossy"; strict conversion stops at the first one with its byte offset. ICU's stock substitute
// callback writes U+001A (SUB) instead of U+FFFD for single bytes of some single-byte tables, so we
// install our own callback that always writes U+FFFD.

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/uchar.h>
#include <unicode/uset.h>
#include <unicode/utf16.h>

#include <optional>
#include <vector>

#include "charset/charset_internal.hpp"
#include "charset/converter_pool.hpp"
#include "mimetool/charset.hpp"

namespace mimetool {
namespace {

using detail::CharsetInfo;

struct ToUContext {
  bool lossy = false;
};

void U_CALLCONV to_u_replace(const void* context, UConverterToUnicodeArgs* args, const char*, int32_t,
                             UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset / close / clone: nothing to do
  auto* ctx = static_cast<ToUContext*>(const_cast<void*>(context));
  ctx->lossy = true;
  static const UChar kReplacement = 0xFFFD;
  *err = U_ZERO_ERROR;
  ucnv_cbToUWriteUChars(args, &kReplacement, 1, 0, err);
}

// Lenient from_utf8(): an unmappable character becomes '?', converted like the text around it.
void U_CALLCONV from_u_question(const void*, UConverterFromUnicodeArgs* args, const UChar*, int32_t, UChar32,
                                UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset / close / clone: nothing to do
  // Converting '?' calls this callback again where the charset has no '?' (some EBCDIC and
  // ISO-2022 variants): the converter's own substitute is written there instead.
  thread_local bool inside = false;
  *err = U_ZERO_ERROR;
  if (inside) {
    ucnv_cbFromUWriteSub(args, 0, err);
    return;
  }
  static const UChar kQuestion[] = {u'?'};
  const UChar* source = kQuestion;
  inside = true;
  ucnv_cbFromUWriteUChars(args, &source, kQuestion + 1, 0, err);
  inside = false;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// Appends UTF-16 code units as UTF-8. A lead surrogate at the end of a chunk is carried in
// `pending` to the next chunk; an unpaired surrogate becomes U+FFFD.
void append_utf16(std::string& out, const UChar* p, std::size_t n, UChar& pending, bool& lossy) {
  for (std::size_t i = 0; i < n; ++i) {
    const UChar u = p[i];
    if (pending) {
      if (U16_IS_TRAIL(u)) {
        append_utf8(out, static_cast<char32_t>(U16_GET_SUPPLEMENTARY(pending, u)));
        pending = 0;
        continue;
      }
      append_utf8(out, 0xFFFD);
      lossy = true;
      pending = 0;
    }
    if (U16_IS_LEAD(u)) {
      pending = u;
    } else if (U16_IS_TRAIL(u)) {
      append_utf8(out, 0xFFFD);
      lossy = true;
    } else {
      append_utf8(out, u);
    }
  }
}

// RFC 2781 §4.3: "utf-16" text starts with a BOM, else is big-endian. Mail from Windows often
// omits the BOM yet is little-endian, so without a BOM we look at which half of each code unit is
// zero more often (mostly-Latin text) before defaulting to big-endian.
const CharsetInfo& sniff_utf16(std::string_view& bytes) {
  static constexpr CharsetInfo kBe{"UTF-16BE", "UTF-16BE", false};
  static constexpr CharsetInfo kLe{"UTF-16LE", "UTF-16LE", false};
  if (bytes.size() >= 2) {
    const auto b0 = static_cast<unsigned char>(bytes[0]);
    const auto b1 = static_cast<unsigned char>(bytes[1]);
    if (b0 == 0xFE && b1 == 0xFF) {
      bytes.remove_prefix(2);
      return kBe;
    }
    if (b0 == 0xFF && b1 == 0xFE) {
      bytes.remove_prefix(2);
      return kLe;
    }
  }
  std::size_t even_zero = 0, odd_zero = 0;
  for (std::size_t i = 0; i + 1 < bytes.size() && i < 4096; i += 2) {
    even_zero += bytes[i] == 0;
    odd_zero += bytes[i + 1] == 0;
  }
  return odd_zero > even_zero ? kLe : kBe;
}

// Converts with ICU; returns the byte offset of the first invalid sequence in strict mode.
std::optional<std::size_t> icu_to_utf8(const CharsetInfo& info, std::string_view bytes, bool strict,
                                       std::string& out, bool& lossy) {
  detail::ConverterLease lease(info.icu_name);
  UConverter* cnv = lease.get();
  if (!cnv) {
    // The label table only names converters present in ICU's data; reaching this means a damaged
    // ICU installation. Treat the bytes as undecodable rather than inventing text.
    out = detail::repair_utf8(bytes);
    lossy = true;
    return strict ? std::optional<std::size_t>(0) : std::nullopt;
  }
  ToUContext ctx;
  UErrorCode err = U_ZERO_ERROR;
  ucnv_setFallback(cnv, false);  // pooled converters may come back from from_utf8() with it on
  if (strict)
    ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  else
    ucnv_setToUCallBack(cnv, to_u_replace, &ctx, nullptr, nullptr, &err);
  out.reserve(out.size() + bytes.size() + bytes.size() / 2);
  const char* src = bytes.data();
  const char* const src_end = bytes.data() + bytes.size();
  UChar buffer[2048];
  UChar pending = 0;
  for (;;) {
    UChar* target = buffer;
    err = U_ZERO_ERROR;
    ucnv_toUnicode(cnv, &target, buffer + std::size(buffer), &src, src_end, nullptr, true, &err);
    append_utf16(out, buffer, static_cast<std::size_t>(target - buffer), pending, lossy);
    if (err == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(err)) {
      // Strict mode: the source pointer is just past the offending bytes.
      char invalid[32];
      int8_t len = sizeof invalid;
      UErrorCode e2 = U_ZERO_ERROR;
      ucnv_getInvalidChars(cnv, invalid, &len, &e2);
      const auto consumed = static_cast<std::size_t>(src - bytes.data());
      const auto bad = U_SUCCESS(e2) ? static_cast<std::size_t>(len) : 0;
      return consumed >= bad ? consumed - bad : 0;
    }
    break;
  }
  if (pending) {
    append_utf8(out, 0xFFFD);
    lossy = true;
  }
  lossy = lossy || ctx.lossy;
  return std::nullopt;
}

// ICU's ISO-2022 decoders reject an escape sequence that directly follows another one (a guard
// against escape-sequence spoofing) and emit U+FFFD there. Mail is full of them: RFC 2047 words
// each end in ESC ( B, so joining two words gives "ESC ( B ESC $ B", and some writers switch sets
// redundantly at line ends. The first of two adjacent designations has no effect, so drop it.
// ISO 2022 escape: ESC, intermediates 0x20-0x2F, one final byte 0x30-0x7E.
std::string collapse_adjacent_escapes(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  std::size_t i = 0;
  while (i < bytes.size()) {
    if (bytes[i] != '\x1B') {
      out.push_back(bytes[i++]);
      continue;
    }
    std::size_t j = i + 1;
    while (j < bytes.size() && bytes[j] >= 0x20 && bytes[j] <= 0x2F) ++j;
    if (j < bytes.size() && bytes[j] >= 0x30 && bytes[j] <= 0x7E && j + 1 < bytes.size() && bytes[j + 1] == '\x1B' &&
        j > i + 1) {
      i = j + 1;  // superseded by the escape that follows
      continue;
    }
    const std::size_t end = std::min(j + 1, bytes.size());
    out.append(bytes.substr(i, end - i));
    i = end;
  }
  return out;
}

Error invalid_sequence(std::string_view charset, std::size_t offset) {
  return Error{ErrorCode::invalid_sequence,
               "invalid byte sequence for charset " + std::string(charset) + " at offset " + std::to_string(offset),
               offset};
}

std::size_t first_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t len = detail::utf8_sequence_length(s, i);
    if (!len) return i;
    i += len;
  }
  return s.size();
}

// Converts with a resolved charset. Returns an error only in strict mode.
std::optional<Error> convert_known(const CharsetInfo& declared, std::string_view bytes, bool strict,
                                   Utf8Text& out) {
  const CharsetInfo* info = &declared;
  if (info->name == "UTF-16") info = &sniff_utf16(bytes);
  out.charset_used = std::string(info->name);
  if (info->icu_name.empty()) {  // UTF-8
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    if (is_valid_utf8(bytes)) {
      out.text.append(bytes);
      return std::nullopt;
    }
    if (strict) return invalid_sequence(info->name, first_invalid_utf8(bytes));
    out.text += detail::repair_utf8(bytes);
    out.lossy = true;
    return std::nullopt;
  }
  // Stateless ASCII supersets map ASCII bytes to themselves: skip ICU entirely.
  if (info->ascii_compatible && detail::is_ascii(bytes)) {
    out.text.append(bytes);
    return std::nullopt;
  }
  std::string collapsed;
  if (info->icu_name.rfind("ISO_2022", 0) == 0 && bytes.find("\x1B") != std::string_view::npos) {
    collapsed = collapse_adjacent_escapes(bytes);
    bytes = collapsed;  // strict-mode offsets then refer to the collapsed bytes; close enough for a report
  }
  if (auto bad = icu_to_utf8(*info, bytes, strict, out.text, out.lossy)) return invalid_sequence(info->name, *bad);
  return std::nullopt;
}

const CharsetInfo& utf8_info() {
  static const CharsetInfo* info = detail::lookup_charset("utf-8");
  return *info;
}

}  // namespace

Result<Utf8Text> to_utf8(std::string_view bytes, std::string_view charset_label, const CharsetPolicy& policy) {
  Utf8Text out;
  const CharsetInfo* info = detail::lookup_charset(charset_label);
  if (info) {
    if (auto e = convert_known(*info, bytes, policy.strict, out)) return *e;
    return out;
  }
  const bool declared = !detail::normalize_label(charset_label).empty();
  if (declared && policy.strict)
    return Error{ErrorCode::unknown_charset, "unknown charset \"" + std::string(charset_label) + "\"", std::nullopt};
  // Fallback chain (STYLE.md §4): the configured fallback, else UTF-8 when the bytes are valid
  // UTF-8, else detection steered by the message's other charsets.
  const CharsetInfo* fallback = policy.fallback.empty() ? nullptr : detail::lookup_charset(policy.fallback);
  if (!fallback) {
    fallback = is_valid_utf8(bytes) ? &utf8_info() : detail::lookup_charset(detect_charset(bytes, policy.hint));
    if (!fallback) fallback = &utf8_info();
  }
  if (auto e = convert_known(*fallback, bytes, policy.strict, out)) return *e;
  // An unknown declared charset makes any non-ASCII result a guess.
  if (declared && !detail::is_ascii(bytes)) out.lossy = true;
  return out;
}

namespace {

// from_utf8() without the read-back check: the ICU conversion with its converter lease.
Result<std::string> convert_from_utf8(std::string_view utf8, const CharsetInfo* info, bool strict) {
  std::string repaired;
  if (!is_valid_utf8(utf8)) {
    if (strict) return invalid_sequence("UTF-8", first_invalid_utf8(utf8));
    repaired = detail::repair_utf8(utf8);
    utf8 = repaired;
  }
  if (info->icu_name.empty()) return std::string(utf8);
  if (info->ascii_compatible && detail::is_ascii(utf8)) return std::string(utf8);

  // UTF-8 → UTF-16 for ICU, remembering where each code unit came from for strict error offsets.
  std::u16string u16;
  u16.reserve(utf8.size());
  std::vector<std::pair<std::size_t, char32_t>> ignorables;  // strict: default-ignorable code points
  for (std::size_t i = 0; i < utf8.size();) {
    const std::size_t len = detail::utf8_sequence_length(utf8, i);
    const auto* p = reinterpret_cast<const unsigned char*>(utf8.data() + i);
    char32_t c = p[0];
    if (len == 2) c = ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
    if (len == 3) c = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    if (len == 4) c = ((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
    if (strict && c >= 0x80 && u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
      ignorables.emplace_back(i, c);
    if (c >= 0x10000) {
      u16.push_back(static_cast<char16_t>(U16_LEAD(c)));
      u16.push_back(static_cast<char16_t>(U16_TRAIL(c)));
    } else {
      u16.push_back(static_cast<char16_t>(c));
    }
    i += len;
  }

  detail::ConverterLease lease(info->icu_name);
  UConverter* cnv = lease.get();
  if (!cnv) return Error{ErrorCode::unknown_charset, "charset \"" + std::string(info->name) + "\" unavailable", std::nullopt};
  UErrorCode err = U_ZERO_ERROR;
  // ISO-2022-JP has no half-width katakana; ICU's fallback maps them to their full-width forms,
  // which is what Windows' CP50220 (Outlook's ISO-2022-JP writer) does. Other tables keep exact
  // mappings only, so strict mode really means "representable".
  ucnv_setFallback(cnv, info->name == "ISO-2022-JP");
  if (strict && !ignorables.empty()) {
    // ICU drops unmappable default-ignorable code points (U+034F, U+200B, U+200D, U+FE0F…) without
    // calling the callback, even the stopping one; strict mode must still refuse them, or
    // encode_rfc2047() would pick a charset that silently loses them.
    USet* mappable = uset_openEmpty();
    UErrorCode set_err = U_ZERO_ERROR;
    ucnv_getUnicodeSet(cnv, mappable, info->name == "ISO-2022-JP" ? UCNV_ROUNDTRIP_AND_FALLBACK_SET : UCNV_ROUNDTRIP_SET,
                       &set_err);
    std::optional<std::size_t> bad;
    if (U_SUCCESS(set_err))
      for (const auto& [offset, c] : ignorables)
        if (!uset_contains(mappable, static_cast<UChar32>(c))) {
          bad = offset;
          break;
        }
    uset_close(mappable);
    if (bad)
      return Error{ErrorCode::invalid_sequence,
                   "character at offset " + std::to_string(*bad) + " cannot be written in " + std::string(info->name),
                   *bad};
  }
  if (strict) {
    ucnv_setFromUCallBack(cnv, UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  } else {
    // '?' rather than the table's own substitution byte (often 0x1A, SUB), which mail readers
    // show as a box or drop. Written by a callback, not with ucnv_setSubstString(): that clones
    // the converter, and closing the clone of an x11-compound-text converter (ICU 72) frees
    // sub-converters the original still uses, so the pooled converter later crashes in
    // ucnv_close().
    ucnv_setFromUCallBack(cnv, from_u_question, nullptr, nullptr, nullptr, &err);
  }
  std::string out;
  const UChar* src = reinterpret_cast<const UChar*>(u16.data());
  const UChar* const src_end = src + u16.size();
  char buffer[4096];
  for (;;) {
    char* target = buffer;
    err = U_ZERO_ERROR;
    ucnv_fromUnicode(cnv, &target, buffer + sizeof buffer, &src, src_end, nullptr, true, &err);
    out.append(buffer, static_cast<std::size_t>(target - buffer));
    if (err == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(err)) {
      UChar invalid[8];
      int8_t len = 8;
      UErrorCode e2 = U_ZERO_ERROR;
      ucnv_getInvalidUChars(cnv, invalid, &len, &e2);
      std::size_t units = static_cast<std::size_t>(src - reinterpret_cast<const UChar*>(u16.data()));
      units -= U_SUCCESS(e2) ? std::min<std::size_t>(units, static_cast<std::size_t>(len)) : 0;
      // Map the UTF-16 index back to a byte offset in the UTF-8 input.
      std::size_t offset = 0;
      for (std::size_t u = 0; u < units && offset < utf8.size();) {
        const std::size_t l = detail::utf8_sequence_length(utf8, offset);
        u += l == 4 ? 2 : 1;
        offset += l;
      }
      return Error{ErrorCode::invalid_sequence,
                   "character at offset " + std::to_string(offset) + " cannot be written in " + std::string(info->name),
                   offset};
    }
    break;
  }
  return out;
}

}  // namespace

Result<std::string> from_utf8(std::string_view utf8, std::string_view charset_label, bool strict) {
  const CharsetInfo* info = detail::lookup_charset_for_encoding(charset_label);
  if (!info)
    return Error{ErrorCode::unknown_charset, "unknown charset \"" + std::string(charset_label) + "\"", std::nullopt};
  if (strict && !info->icu_name.empty()) {
    // Strict means "a reader gets this text back". Where readers decode the label with a superset
    // of the table used to write it (WHATWG: ISO-8859-1 as windows-1252, EUC-KR as windows-949,
    // GB2312 as GBK), the C1 controls U+0080..U+009F do not survive: the writing table puts them
    // in single bytes 0x80..0x9F, which the superset reads as printable characters or as lead
    // bytes ("\u0088I" in EUC-KR comes back as U+B279). Refuse them before converting.
    const CharsetInfo* reader = detail::lookup_charset(charset_label);
    if (reader && reader->icu_name != info->icu_name && is_valid_utf8(utf8)) {
      for (std::size_t k = 0; k + 1 < utf8.size(); ++k)
        if (utf8[k] == '\xC2' && static_cast<unsigned char>(utf8[k + 1]) >= 0x80 &&
            static_cast<unsigned char>(utf8[k + 1]) <= 0x9F)
          return Error{ErrorCode::invalid_sequence,
                       "character at offset " + std::to_string(k) + " does not read back from " + std::string(info->name),
                       k};
    }
  }
  return convert_from_utf8(utf8, info, strict);
}

}  // namespace mimetool
