// RFC 2047: decoding arbitrary field bodies gives valid UTF-8 with diagnostics inside the input;
// encoding valid UTF-8 header text and decoding it again gives the text back.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include "mimetool/charset.hpp"
#include "mimetool/header_codec.hpp"

namespace {

using namespace mimetool;

constexpr const char* kCharsets[] = {"utf-8", "iso-8859-1", "iso-2022-jp", "gb18030", "shift_jis", "koi8-r",
                                     "windows-1252", "euc-kr", "big5", "utf-7"};

// The text domain on which the encoder promises a round trip: header text as a writer holds it,
// i.e. printable characters separated by single spaces (no line breaks, tabs or control bytes, no
// leading whitespace, which folding would swallow).
std::string header_text(std::string_view s) {
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F || c == ' ') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* raw, std::size_t size) {
  fuzz::Input in(raw, size);
  const unsigned flags = in.byte();
  const std::size_t first_line_used = in.byte() % 80;
  const std::string_view data = in.rest();
  const Rfc2047Mode mode = flags & 1 ? Rfc2047Mode::phrase : Rfc2047Mode::unstructured;

  // Decoding arbitrary bytes.
  for (std::string_view fallback : {std::string_view{}, std::string_view{"koi8-r"}}) {
    Diagnostics diags;
    const std::string dec = decode_rfc2047(data, mode, &diags, fallback);
    FUZZ_CHECK(is_valid_utf8(dec));
    for (const Diagnostic& d : diags) FUZZ_CHECK(d.offset <= data.size());
  }

  // Encoding, then decoding.
  const std::string text = header_text(data);
  if (!is_valid_utf8(text)) return 0;
  // Each encoded-word is converted on its own, and to_utf8() drops a leading U+FEFF as a
  // byte-order mark (charset.hpp), so text holding U+FEFF cannot come back unchanged.
  if (text.find("\xEF\xBB\xBF") != std::string::npos) return 0;
  const char* cs = kCharsets[(flags >> 1) % std::size(kCharsets)];
  const std::string enc = encode_rfc2047(text, cs, mode, first_line_used);
  for (unsigned char c : enc) FUZZ_CHECK(c < 0x80);
  // A field that starts with a fold (no room on the first line) reads back with the folding space.
  std::string expected(enc.rfind("\r\n ", 0) == 0 && !text.empty() ? 1 : 0, ' ');
  expected += text;
  FUZZ_CHECK(decode_rfc2047(enc, mode) == expected);

  const std::vector<std::string> words = encode_rfc2047_words(text, cs, mode);
  std::string joined;
  for (const std::string& w : words) {
    FUZZ_CHECK(!w.empty());
    joined += w;
  }
  FUZZ_CHECK(decode_rfc2047(joined, mode) == text);
  return 0;
}
