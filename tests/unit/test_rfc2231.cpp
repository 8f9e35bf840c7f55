#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

#include "mimetool/header_codec.hpp"
#include "support/support.hpp"

using mimetool::decode_parameter;
using mimetool::Diagnostics;
using mimetool::encode_parameter;
using mimetool::Parameter;

namespace {

int hex(char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; }

// A small RFC 2231 reader for the encoder's own output form: segments "name*N*=..." / "name*N=\"...\"",
// "name*=charset''...", or "name=\"...\"". Returns the reassembled, percent-decoded value.
std::string parse_back(const std::string& encoded, const std::string& name) {
  std::string unfolded;
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    if (encoded.compare(i, 2, "\r\n") == 0) {
      ++i;
      continue;
    }
    unfolded.push_back(encoded[i]);
  }
  std::map<int, std::string> parts;
  std::size_t pos = 0;
  while ((pos = unfolded.find(';', pos)) != std::string::npos) {
    ++pos;
    while (pos < unfolded.size() && unfolded[pos] == ' ') ++pos;
    const std::size_t eq = unfolded.find('=', pos);
    std::string attr = unfolded.substr(pos, eq - pos);
    EXPECT_EQ(attr.substr(0, name.size()), name);
    attr = attr.substr(name.size());
    const bool extended = !attr.empty() && attr.back() == '*';
    if (extended) attr.pop_back();
    const int index = attr.empty() ? 0 : std::stoi(attr.substr(1));
    std::string value;
    std::size_t i = eq + 1;
    if (unfolded[i] == '"') {
      for (++i; i < unfolded.size() && unfolded[i] != '"'; ++i) {
        if (unfolded[i] == '\\') ++i;
        value.push_back(unfolded[i]);
      }
      ++i;
    } else {
      const std::size_t end = std::min(unfolded.find(';', i), unfolded.size());
      std::string raw = unfolded.substr(i, end - i);
      if (index == 0) {
        const std::size_t q = raw.find("''");
        EXPECT_NE(q, std::string::npos) << raw;
        EXPECT_EQ(raw.substr(0, q), "utf-8");
        raw = raw.substr(q + 2);
      }
      for (std::size_t k = 0; k < raw.size(); ++k) {
        if (raw[k] == '%' && k + 2 < raw.size()) {
          value.push_back(static_cast<char>(hex(raw[k + 1]) * 16 + hex(raw[k + 2])));
          k += 2;
        } else {
          value.push_back(raw[k]);
        }
      }
      i = end;
    }
    EXPECT_EQ(parts.count(index), 0u) << "duplicate segment " << index;
    parts[index] = value;
    pos = i;
  }
  std::string out;
  int expect = 0;
  for (const auto& [k, v] : parts) {
    EXPECT_EQ(k, expect++);
    out += v;
  }
  return out;
}

void check_lines(const std::string& encoded, std::size_t max_line) {
  std::size_t start = 0;
  while (true) {
    const std::size_t p = encoded.find("\r\n", start);
    const std::string line = encoded.substr(start, p == std::string::npos ? std::string::npos : p - start);
    EXPECT_LE(line.size(), max_line) << line;
    for (unsigned char c : line) EXPECT_LT(c, 0x80) << line;
    if (p == std::string::npos) break;
    start = p + 2;
  }
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

std::string random_filename(std::mt19937& rng) {
  static const char32_t kPool[] = {U'a', U'B', U'7', U' ', U'.', U'-', U'_', U'%', U'\'', U'*', U'"', U'\\', U';',
                                   U'\u00E9', U'\u0416', U'\u4E2D', U'\u3042', U'\U0001F600', U'\u0301'};
  std::uniform_int_distribution<int> len(1, 90), pick(0, std::size(kPool) - 1);
  std::string out;
  for (int i = len(rng); i > 0; --i) append_utf8(out, kPool[pick(rng)]);
  return out;
}

}  // namespace

TEST(Rfc2231Decode, vector_table) {
  const auto table = nlohmann::json::parse(mimetool::test::read_bytes(mimetool::test::testdata_dir() / "headers" / "rfc2231.json"));
  ASSERT_GE(table["cases"].size(), 10u);
  for (const auto& c : table["cases"]) {
    Parameter p;
    p.name = "filename";
    p.value = c["value"];
    p.charset = c.value("charset", "");
    p.language = c.value("language", "");
    p.extended = c.value("extended", false);
    Diagnostics d;
    EXPECT_EQ(decode_parameter(p, {}, &d), c["expected"].get<std::string>()) << c["source"];
    std::vector<std::string> got, want = c.value("diagnostics", std::vector<std::string>{});
    for (const auto& x : d) got.push_back(x.code);
    EXPECT_EQ(got, want) << c["source"];
  }
}

TEST(Rfc2231Decode, extended_value_in_legacy_charset_is_converted) {
  Parameter p{"filename", "\xF0\xD2\xC9\xD7\xC5\xD4.txt", "koi8-r", "", true};
  EXPECT_EQ(decode_parameter(p), "Привет.txt");
}

TEST(Rfc2231Decode, raw_legacy_bytes_use_fallback_charset) {
  Parameter p{"filename", "\xC4\xE3\xBA\xC3.doc", "", "", false};
  EXPECT_EQ(decode_parameter(p, "gb2312"), "你好.doc");
}

TEST(Rfc2231Encode, short_ascii_value_is_quoted_on_the_same_line) {
  EXPECT_EQ(encode_parameter("filename", "report.pdf"), "; filename=\"report.pdf\"");
  EXPECT_EQ(encode_parameter("filename", "a \"b\" \\c"), "; filename=\"a \\\"b\\\" \\\\c\"");
}

TEST(Rfc2231Encode, short_non_ascii_value_is_one_extended_segment) {
  EXPECT_EQ(encode_parameter("filename", "Résumé.pdf"), ";\r\n filename*=utf-8''R%C3%A9sum%C3%A9.pdf");
}

TEST(Rfc2231Encode, long_non_ascii_value_is_split_into_numbered_segments) {
  std::string v;
  for (int i = 0; i < 12; ++i) v += "日本語";
  const std::string enc = encode_parameter("filename", v);
  EXPECT_EQ(enc.rfind(";\r\n filename*0*=utf-8''%E6%97%A5", 0), 0u) << enc;
  EXPECT_NE(enc.find(";\r\n filename*1*=%"), std::string::npos) << enc;
  check_lines(enc, 78);
  EXPECT_EQ(parse_back(enc, "filename"), v);
}

TEST(Rfc2231Encode, long_ascii_value_uses_quoted_segments) {
  const std::string v(150, 'x');
  const std::string enc = encode_parameter("filename", v);
  EXPECT_EQ(enc.rfind(";\r\n filename*0=\"xxx", 0), 0u) << enc;
  check_lines(enc, 78);
  EXPECT_EQ(parse_back(enc, "filename"), v);
}

TEST(Rfc2231Encode, random_values_round_trip_within_line_limit) {
  for (unsigned seed = 1; seed <= 300; ++seed) {
    std::mt19937 rng(seed);
    const std::string v = random_filename(rng);
    const std::size_t max_line = 40 + seed % 60;
    const std::string enc = encode_parameter("filename", v, max_line);
    SCOPED_TRACE("seed " + std::to_string(seed) + ": " + enc);
    check_lines(enc, max_line);
    EXPECT_EQ(parse_back(enc, "filename"), v);
    if (HasFailure()) return;
  }
}

// Cross-check with Python's email package, which implements RFC 2231 independently:
// the encoded parameter goes into a Content-Disposition header and get_filename() must return
// the original value. Python 3 is a build dependency (scripts/install-deps.sh).
TEST(Rfc2231Encode, python_email_reads_the_encoded_values) {
  std::vector<std::string> values = {"Résumé €.pdf", "日本語のファイル名がとても長い場合のテスト資料です.docx",
                                     std::string(100, 'a') + ".txt", "quote\" and \\ backslash.txt", "naïve 😀.png"};
  for (unsigned seed = 1; seed <= 20; ++seed) {
    std::mt19937 rng(seed);
    std::string v = random_filename(rng);
    // Python strips surrounding whitespace from parameter values; keep those out of this check.
    while (!v.empty() && v.front() == ' ') v.erase(0, 1);
    while (!v.empty() && v.back() == ' ') v.pop_back();
    if (!v.empty()) values.push_back(v);
  }
  nlohmann::json cases = nlohmann::json::array();
  for (const auto& v : values) cases.push_back({{"header", "Content-Disposition: attachment" + encode_parameter("filename", v)}});
  const auto dir = std::filesystem::temp_directory_path();
  const auto in = dir / ("mimetool_rfc2231_" + std::to_string(::getpid()) + ".json");
  std::ofstream(in) << cases.dump();
  const std::string script =
      "import sys,json,email,email.policy\n"
      "out=[]\n"
      "for c in json.load(open(sys.argv[1],encoding='utf-8')):\n"
      "  m=email.message_from_string(c['header']+'\\r\\n\\r\\n',policy=email.policy.compat32)\n"
      "  out.append(m.get_filename())\n"
      "sys.stdout.write(json.dumps(out))\n";
  const auto py = dir / ("mimetool_rfc2231_" + std::to_string(::getpid()) + ".py");
  std::ofstream(py) << script;
  const std::string cmd = "python3 " + py.string() + " " + in.string();
  FILE* f = popen(cmd.c_str(), "r");
  ASSERT_NE(f, nullptr);
  std::string output;
  char buf[4096];
  while (std::size_t n = fread(buf, 1, sizeof buf, f)) output.append(buf, n);
  const int status = pclose(f);
  std::filesystem::remove(in);
  std::filesystem::remove(py);
  ASSERT_EQ(status, 0) << "python3 failed: " << output;
  const auto got = nlohmann::json::parse(output);
  ASSERT_EQ(got.size(), values.size());
  for (std::size_t i = 0; i < values.size(); ++i) EXPECT_EQ(got[i], values[i]) << cases[i]["header"];
}
