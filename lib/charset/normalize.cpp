// NFC normalisation (UAX #15) with ICU's Normalizer2, working on UTF-8 directly.

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include "charset/charset_internal.hpp"
#include "mimetool/charset.hpp"

namespace mimetool {

std::string normalize_nfc(std::string_view utf8) {
  std::string repaired;
  if (!is_valid_utf8(utf8)) {
    repaired = detail::repair_utf8(utf8);
    utf8 = repaired;
  }
  // ASCII is always NFC.
  if (detail::is_ascii(utf8)) return std::string(utf8);
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err) || !nfc) return std::string(utf8);
  const icu::StringPiece piece(utf8.data(), static_cast<int32_t>(utf8.size()));
  if (nfc->isNormalizedUTF8(piece, err) && U_SUCCESS(err)) return std::string(utf8);
  err = U_ZERO_ERROR;
  std::string out;
  out.reserve(utf8.size());
  icu::StringByteSink<std::string> sink(&out);
  nfc->normalizeUTF8(0, piece, sink, nullptr, err);
  if (U_FAILURE(err)) return std::string(utf8);
  return out;
}

}  // namespace mimetool
