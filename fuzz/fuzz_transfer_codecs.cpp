// Transfer codecs: decode(encode(x)) == x for base64, quoted-printable (text and binary modes) and
// uuencode; arbitrary input decodes the same in one call as streamed in chunks of any size; the
// streaming encoder matches the one-shot encoder; the SIMD loops (where the CPU has them) give the
// same bytes and reports as the portable loops, on arbitrary input and on encoded text with a few
// characters replaced.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "codec/transfer_detail.hpp"
#include "fuzz_check.hpp"
#include "mimetool/codec.hpp"

namespace {

using namespace mimetool;

// Text-mode quoted-printable turns every line break (CRLF or bare LF) into `eol`.
std::string with_line_breaks(std::string_view in, LineEnding eol) {
  std::string out;
  const std::string_view br = eol == LineEnding::crlf ? "\r\n" : "\n";
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '\r' && i + 1 < in.size() && in[i + 1] == '\n') {
      out.append(br);
      ++i;
    } else if (in[i] == '\n') {
      out.append(br);
    } else {
      out.push_back(in[i]);
    }
  }
  return out;
}

std::vector<std::size_t> chunk_sizes(fuzz::Input& in) {
  std::vector<std::size_t> sizes;
  const unsigned n = in.byte() % 8 + 1;
  for (unsigned i = 0; i < n; ++i) sizes.push_back(in.byte() % 97 + 1);
  return sizes;
}

bool same_report(const DecodeReport& a, const DecodeReport& b) {
  return a.invalid == b.invalid && a.invalid_count == b.invalid_count && (!a.invalid || a.first_invalid == b.first_invalid);
}

void check_streaming_decode(std::string_view data, TransferEncoding enc, const std::vector<std::size_t>& sizes) {
  DecodeReport one_report;
  const std::string one = decode_transfer(data, enc, &one_report);
  if (one_report.invalid) FUZZ_CHECK(one_report.first_invalid <= data.size());
  TransferDecoder dec(enc);
  std::string streamed;
  std::size_t pos = 0, k = 0;
  while (pos < data.size()) {
    const std::size_t len = sizes[k++ % sizes.size()];
    dec.feed(data.substr(pos, len), streamed);
    pos += len;
  }
  dec.finish(streamed);
  FUZZ_CHECK(streamed == one);
  FUZZ_CHECK(same_report(dec.report(), one_report));
  // After finish() the decoder starts afresh.
  std::string again;
  dec.feed(data, again);
  dec.finish(again);
  FUZZ_CHECK(again == one);
}

void check_streaming_encode(std::string_view data, TransferEncoding enc, const EncodeOptions& opt,
                            const std::vector<std::size_t>& sizes) {
  const std::string one = encode_transfer(data, enc, opt);
  TransferEncoder encoder(enc, opt);
  std::string streamed;
  std::size_t pos = 0, k = 0;
  while (pos < data.size()) {
    const std::size_t len = sizes[k++ % sizes.size()];
    encoder.feed(data.substr(pos, len), streamed);
    pos += len;
  }
  encoder.finish(streamed);
  FUZZ_CHECK(streamed == one);
}

// The SIMD and the portable loops of every codec agree on `data`.
void check_simd_paths(std::string_view data, LineEnding eol, std::size_t line_length, bool binary) {
  using detail::SimdPath;
  if (!detail::avx2_supported()) return;
  DecodeReport rs, rv;
  FUZZ_CHECK(detail::decode_base64_with(data, SimdPath::scalar, &rs) ==
             detail::decode_base64_with(data, SimdPath::avx2, &rv));
  FUZZ_CHECK(same_report(rs, rv));
  std::size_t cs = 0, cv = 0;
  std::string es, ev;
  detail::base64_encode_groups(data.substr(0, data.size() / 3 * 3), es, eol, line_length, cs, SimdPath::scalar);
  detail::base64_encode_groups(data.substr(0, data.size() / 3 * 3), ev, eol, line_length, cv, SimdPath::avx2);
  FUZZ_CHECK(es == ev);
  FUZZ_CHECK(cs == cv);
  DecodeReport qs, qv;
  std::string ds, dv;
  FUZZ_CHECK(detail::qp_decode_chunk(data, true, 0, ds, &qs, SimdPath::scalar) ==
             detail::qp_decode_chunk(data, true, 0, dv, &qv, SimdPath::avx2));
  FUZZ_CHECK(ds == dv);
  FUZZ_CHECK(same_report(qs, qv));
  EncodeOptions opt;
  opt.eol = eol;
  opt.line_length = line_length;
  opt.binary = binary;
  cs = cv = 0;
  es.clear();
  ev.clear();
  FUZZ_CHECK(detail::qp_encode_chunk(data, true, opt, cs, es, SimdPath::scalar) ==
             detail::qp_encode_chunk(data, true, opt, cv, ev, SimdPath::avx2));
  FUZZ_CHECK(es == ev);
  FUZZ_CHECK(cs == cv);
}

// `text` with up to three characters replaced, as the first bytes of `data` say (position, byte).
std::string with_replacements(std::string text, std::string_view data) {
  for (std::size_t k = 0; k + 3 <= data.size() && k < 9 && !text.empty(); k += 3) {
    const std::size_t pos = (static_cast<unsigned char>(data[k]) << 8 | static_cast<unsigned char>(data[k + 1]));
    text[pos % text.size()] = data[k + 2];
  }
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* raw, std::size_t size) {
  fuzz::Input in(raw, size);
  const unsigned flags = in.byte();
  const std::size_t line_length = in.byte() % 90;
  const auto sizes = chunk_sizes(in);
  const std::string_view data = in.rest();
  const LineEnding eol = flags & 1 ? LineEnding::lf : LineEnding::crlf;

  // base64
  {
    const std::string enc = encode_base64(data, eol, line_length);
    DecodeReport r;
    FUZZ_CHECK(decode_base64(enc, &r) == data);
    FUZZ_CHECK(!r.invalid);
    if (line_length == 0) FUZZ_CHECK(enc.size() == (data.size() + 2) / 3 * 4);
  }
  // SIMD and portable loops, on the input and on base64 and quoted-printable text made from it.
  check_simd_paths(data, eol, line_length, flags & 2);
  check_simd_paths(with_replacements(encode_base64(data, eol, 76), data), eol, line_length, flags & 2);
  {
    EncodeOptions qp;
    qp.eol = eol;
    check_simd_paths(with_replacements(encode_quoted_printable(data, qp), data), eol, line_length, flags & 2);
  }
  // quoted-printable, binary and text modes
  for (bool binary : {true, false}) {
    EncodeOptions opt;
    opt.eol = eol;
    opt.binary = binary;
    opt.line_length = line_length;
    const std::string enc = encode_quoted_printable(data, opt);
    for (unsigned char c : enc) FUZZ_CHECK(c < 0x80);
    DecodeReport r;
    const std::string dec = decode_quoted_printable(enc, &r);
    FUZZ_CHECK(!r.invalid);
    FUZZ_CHECK(dec == (binary ? std::string(data) : with_line_breaks(data, eol)));
    // RFC 2045 §6.7 rule 5: at most 76 characters per line.
    std::size_t col = 0;
    for (char c : enc) {
      if (c == '\n') {
        col = 0;
      } else if (c != '\r') {
        FUZZ_CHECK(++col <= 76);
      }
    }
  }
  // uuencode
  {
    const std::string enc = encode_uuencode(data, "fuzz.bin", 0644, eol);
    DecodeReport r;
    FUZZ_CHECK(decode_uuencode(enc, &r) == data);
    FUZZ_CHECK(!r.invalid);
    const auto blocks = find_uuencode_blocks(enc);
    FUZZ_CHECK(blocks.size() == 1);
    FUZZ_CHECK(blocks[0].data == data);
    FUZZ_CHECK(blocks[0].complete);
    FUZZ_CHECK(blocks[0].name == "fuzz.bin");
  }
  // Arbitrary input: one-shot and streamed decoding agree, whatever the split.
  for (TransferEncoding enc : {TransferEncoding::base64, TransferEncoding::quoted_printable,
                               TransferEncoding::uuencode, TransferEncoding::seven_bit}) {
    check_streaming_decode(data, enc, sizes);
  }
  for (const UuBlock& b : find_uuencode_blocks(data)) {
    FUZZ_CHECK(b.offset <= data.size());
    FUZZ_CHECK(b.length <= data.size() - b.offset);
  }
  // Streaming encoders match the one-shot ones.
  EncodeOptions opt;
  opt.eol = eol;
  opt.line_length = line_length;
  opt.binary = flags & 2;
  for (TransferEncoding enc : {TransferEncoding::base64, TransferEncoding::quoted_printable,
                               TransferEncoding::eight_bit}) {
    check_streaming_encode(data, enc, opt, sizes);
  }
  (void)parse_transfer_encoding(data);
  return 0;
}
