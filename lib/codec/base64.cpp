#include <array>
#include <cstdint>

#include "mimetool/codec.hpp"

namespace mimetool {
namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<std::int8_t, 256> make_table() {
  std::array<std::int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
  return t;
}
constexpr auto kDecode = make_table();

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }
}  // namespace

std::string decode_base64(std::string_view in, DecodeReport* report) {
  std::string out;
  out.reserve(in.size() / 4 * 3 + 3);
  std::uint32_t acc = 0;
  int n = 0;
  bool padding = false;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const auto c = static_cast<unsigned char>(in[i]);
    const int v = kDecode[c];
    if (v >= 0 && !padding) {
      acc = (acc << 6) | static_cast<std::uint32_t>(v);
      if (++n == 4) {
        out.push_back(static_cast<char>(acc >> 16));
        out.push_back(static_cast<char>(acc >> 8));
        out.push_back(static_cast<char>(acc));
        acc = 0;
        n = 0;
      }
    } else if (c == '=') {
      padding = true;
    } else if (!is_space(c)) {
      if (report && !report->invalid) {
        report->invalid = true;
        report->first_invalid = i;
      }
    }
  }
  if (n == 2) {
    out.push_back(static_cast<char>(acc >> 4));
  } else if (n == 3) {
    out.push_back(static_cast<char>(acc >> 10));
    out.push_back(static_cast<char>(acc >> 2));
  } else if (n == 1 && report && !report->invalid) {
    report->invalid = true;
    report->first_invalid = in.size();
  }
  return out;
}

std::string encode_base64(std::string_view in, LineEnding eol, std::size_t line_length) {
  std::string out;
  const std::size_t chars = (in.size() + 2) / 3 * 4;
  out.reserve(chars + (line_length ? chars / line_length * 2 + 2 : 0));
  std::size_t col = 0;
  auto put = [&](char c) {
    if (line_length && col == line_length) {
      if (eol == LineEnding::crlf) out.push_back('\r');
      out.push_back('\n');
      col = 0;
    }
    out.push_back(c);
    ++col;
  };
  std::size_t i = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  for (; i + 3 <= in.size(); i += 3) {
    const std::uint32_t v = (p[i] << 16) | (p[i + 1] << 8) | p[i + 2];
    put(kAlphabet[v >> 18]);
    put(kAlphabet[(v >> 12) & 63]);
    put(kAlphabet[(v >> 6) & 63]);
    put(kAlphabet[v & 63]);
  }
  if (in.size() - i == 1) {
    const std::uint32_t v = p[i] << 16;
    put(kAlphabet[v >> 18]);
    put(kAlphabet[(v >> 12) & 63]);
    put('=');
    put('=');
  } else if (in.size() - i == 2) {
    const std::uint32_t v = (p[i] << 16) | (p[i + 1] << 8);
    put(kAlphabet[v >> 18]);
    put(kAlphabet[(v >> 12) & 63]);
    put(kAlphabet[(v >> 6) & 63]);
    put('=');
  }
  if (line_length && col > 0) {
    if (eol == LineEnding::crlf) out.push_back('\r');
    out.push_back('\n');
  }
  return out;
}

}  // namespace mimetool
