// Content-Type / Content-Disposition with RFC 2231 parameters: arbitrary field bodies parse without
// trouble, parameter values decode to valid UTF-8, and encode_parameter() output parses and decodes
// back to the value.

#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "mimetool/charset.hpp"
#include "mimetool/fields.hpp"
#include "mimetool/header_codec.hpp"

namespace {

using namespace mimetool;

bool is_lower_ascii(std::string_view s) {
  for (char c : s)
    if (c >= 'A' && c <= 'Z') return false;
  return true;
}

void check_params(const std::vector<Parameter>& params, std::size_t size) {
  for (const Parameter& p : params) {
    FUZZ_CHECK(is_lower_ascii(p.name));
    Diagnostics d;
    const std::string v = decode_parameter(p, {}, &d);
    FUZZ_CHECK(is_valid_utf8(v));
    FUZZ_CHECK(is_valid_utf8(decode_parameter(p, "shift_jis")));
    (void)size;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* raw, std::size_t size) {
  const std::string_view data(reinterpret_cast<const char*>(raw), size);

  Diagnostics diags;
  const ContentType ct = parse_content_type(data, &diags);
  FUZZ_CHECK(is_lower_ascii(ct.type) && is_lower_ascii(ct.subtype));
  FUZZ_CHECK(!ct.type.empty() || ct.subtype.empty());
  FUZZ_CHECK(ct.mime_type().empty() == ct.type.empty());
  for (const Diagnostic& d : diags) FUZZ_CHECK(d.offset <= size);
  check_params(ct.params, size);
  for (std::size_t i = 0; i < ct.params.size(); ++i)  // one entry per name
    for (std::size_t j = i + 1; j < ct.params.size(); ++j) FUZZ_CHECK(ct.params[i].name != ct.params[j].name);
  (void)ct.boundary();
  (void)ct.charset();

  diags.clear();
  const ContentDisposition cd = parse_content_disposition(data, &diags);
  FUZZ_CHECK(is_lower_ascii(cd.type));
  for (const Diagnostic& d : diags) FUZZ_CHECK(d.offset <= size);
  check_params(cd.params, size);
  (void)cd.filename();

  check_params(parse_parameters(data), size);

  // encode_parameter → parse → decode gives the value back (after U+FFFD replacement).
  const std::size_t max_line = size ? 40 + raw[0] % 60 : 78;
  const std::string value = normalize_nfc(data);  // valid UTF-8; NFC so no encoder may re-compose
  // to_utf8() drops a leading UTF-8 byte-order mark (charset.hpp), so such a value cannot come back.
  if (value.starts_with("\xEF\xBB\xBF")) return 0;
  const std::string enc = encode_parameter("filename", value, max_line);
  FUZZ_CHECK(!enc.empty() && enc[0] == ';');
  for (unsigned char c : enc) FUZZ_CHECK(c < 0x80);
  const ContentDisposition back = parse_content_disposition("attachment" + enc);
  const Parameter* p = back.param("filename");
  FUZZ_CHECK(p != nullptr);
  FUZZ_CHECK(decode_parameter(*p) == value);
  return 0;
}
