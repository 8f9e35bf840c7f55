// Charset detection for undeclared or mislabelled 8-bit text, with ICU's statistical detector.
//
// The detector is weak on short inputs (a header field is often a dozen bytes), so a charset the
// same message uses elsewhere (the "hint") wins whenever the detector does not clearly disagree:
// Thunderbird makes the same bet when it decodes raw 8-bit headers with the body's charset.

#include <unicode/ucsdet.h>

#include <memory>

#include "charset/charset_internal.hpp"
#include "mimetool/charset.hpp"

namespace mimetool {
namespace {

struct DetectorDeleter {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

UCharsetDetector* detector() {
  thread_local std::unique_ptr<UCharsetDetector, DetectorDeleter> d = [] {
    UErrorCode err = U_ZERO_ERROR;
    UCharsetDetector* p = ucsdet_open(&err);
    return std::unique_ptr<UCharsetDetector, DetectorDeleter>(U_SUCCESS(err) ? p : nullptr);
  }();
  return d.get();
}

constexpr int kHintMargin = 10;      // confidence points within which the hint beats the best match
constexpr int kUnsureConfidence = 25;  // below this the detector is guessing

bool decodes_cleanly(std::string_view bytes, std::string_view charset) {
  CharsetPolicy strict;
  strict.strict = true;
  return to_utf8(bytes, charset, strict).has_value();
}

}  // namespace

std::string detect_charset(std::string_view bytes, std::string_view hint) {
  if (is_valid_utf8(bytes)) return "UTF-8";
  const std::string hinted = hint.empty() ? std::string() : canonical_charset(hint);
  const bool has_nul = bytes.find('\0') != std::string_view::npos;

  std::string best;
  int best_confidence = -1;
  bool hint_close = false;
  if (UCharsetDetector* d = detector()) {
    UErrorCode err = U_ZERO_ERROR;
    // ucsdet reads at most the first few kilobytes usefully; cap to keep detection O(1) per call.
    const auto len = static_cast<int32_t>(std::min<std::size_t>(bytes.size(), 64 * 1024));
    ucsdet_setText(d, bytes.data(), len, &err);
    int32_t count = 0;
    const UCharsetMatch** matches = U_SUCCESS(err) ? ucsdet_detectAll(d, &count, &err) : nullptr;
    for (int32_t i = 0; matches && U_SUCCESS(err) && i < count; ++i) {
      UErrorCode e = U_ZERO_ERROR;
      const char* name = ucsdet_getName(matches[i], &e);
      const int confidence = ucsdet_getConfidence(matches[i], &e);
      if (U_FAILURE(e) || !name) continue;
      const auto* info = detail::lookup_charset(name);
      if (!info) continue;  // e.g. "IBM420_rtl": no converter by that name
      // A UTF-16/EBCDIC guess for text with no NUL bytes would garble the ASCII around the 8-bit
      // bytes; mail headers and bodies are ASCII-based.
      if (!info->ascii_compatible && !has_nul) continue;
      if (best_confidence < 0) {
        best = std::string(info->name);
        best_confidence = confidence;
      }
      if (!hinted.empty() && info->name == hinted && confidence + kHintMargin >= best_confidence) hint_close = true;
    }
  }
  if (!hinted.empty() && (hint_close || best_confidence < kUnsureConfidence) && decodes_cleanly(bytes, hinted))
    return hinted;
  if (!best.empty()) return best;
  return "windows-1252";  // decodes every byte; the WHATWG default for undeclared Western text
}

}  // namespace mimetool
