// Charsets: to_utf8() of arbitrary bytes under any label always yields valid UTF-8; text that
// from_utf8() encodes without loss converts back to itself; the fast UTF-8 validator agrees with a
// reference one; NFC is idempotent; detection always names a known charset.

#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "mimetool/charset.hpp"

namespace {

using namespace mimetool;

// Labels whose decoder and encoder are inverse on what the encoder accepts strictly.
constexpr const char* kLabels[] = {
    "utf-8",       "us-ascii",   "iso-8859-1",  "windows-1252", "iso-8859-2", "iso-8859-5", "iso-8859-7",
    "iso-8859-15", "koi8-r",     "koi8-u",      "windows-1251", "windows-1256", "gb18030",  "gbk",
    "gb2312",      "big5",       "euc-jp",      "shift_jis",    "iso-2022-jp", "euc-kr",   "ks_c_5601-1987",
    "utf-16",      "utf-16le",   "utf-16be",    "utf-7",        "tis-620",    "iso-2022-kr", "cp850",
    "x-unknown",   "",           "macintosh",   "hz-gb-2312"};
// Of those, the ones for which decode(encode(text)) == text wherever encoding succeeds strictly.
bool lossless(std::string_view label) {
  for (std::string_view l : {"utf-8", "utf-16le", "utf-16be", "gb18030", "koi8-r", "windows-1251", "iso-8859-2",
                             "iso-8859-5", "iso-8859-15", "euc-jp"})
    if (l == label) return true;
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* raw, std::size_t size) {
  fuzz::Input in(raw, size);
  const unsigned sel = in.byte();
  std::string label;
  if (sel & 0x80) {
    label = std::string(in.bytes(sel & 0x1F));  // a label straight from the input
  } else {
    label = kLabels[sel % std::size(kLabels)];
  }
  const std::string_view data = in.rest();

  FUZZ_CHECK(is_valid_utf8(data) == fuzz::reference_valid_utf8(data));
  const std::string canon = canonical_charset(label);
  FUZZ_CHECK(is_known_charset(label) == !canon.empty());

  auto lenient = to_utf8(data, label);
  FUZZ_CHECK(lenient.has_value());
  FUZZ_CHECK(fuzz::reference_valid_utf8(lenient->text));

  CharsetPolicy strict;
  strict.strict = true;
  if (auto s = to_utf8(data, label, strict)) {
    FUZZ_CHECK(fuzz::reference_valid_utf8(s->text));
  } else {
    FUZZ_CHECK(s.error().code == ErrorCode::unknown_charset || s.error().code == ErrorCode::invalid_sequence);
  }

  // Encode the decoded text back; where the charset promises a round trip, check it.
  const std::string& text = lenient->text;
  // A leading byte-order mark is dropped on decoding (RFC 2781 §3.2, RFC 3629 §6), so it cannot come back.
  const bool leading_bom = text.rfind("\xEF\xBB\xBF", 0) == 0;
  if (auto enc = from_utf8(text, label, /*strict=*/true); enc && lossless(label) && !leading_bom) {
    auto back = to_utf8(*enc, label, strict);
    FUZZ_CHECK(back.has_value());
    FUZZ_CHECK(back->text == text);
  }
  if (auto enc = from_utf8(data, label, /*strict=*/false)) (void)*enc;

  const std::string nfc = normalize_nfc(data);
  FUZZ_CHECK(fuzz::reference_valid_utf8(nfc));
  FUZZ_CHECK(normalize_nfc(nfc) == nfc);

  const std::string detected = detect_charset(data, label);
  FUZZ_CHECK(!detected.empty());
  FUZZ_CHECK(is_known_charset(detected));
  return 0;
}
