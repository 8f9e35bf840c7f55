// Byte-exact round trip over every message of testdata/ and of the shared corpus: parsing and
// writing an untouched message must reproduce the input exactly.

#include <gtest/gtest.h>

#include "mimetool/message.hpp"
#include "support/support.hpp"

using namespace mimetool;

namespace {
void check_round_trip(const std::vector<std::filesystem::path>& files, std::size_t& checked) {
  for (const auto& f : files) {
    auto src = Source::from_file(f);
    ASSERT_TRUE(src.has_value()) << f << ": " << src.error().message;
    Message m = parse(*src);
    const std::string out = write(m);
    if (out != src->bytes()) {
      std::size_t i = 0;
      while (i < out.size() && i < src->size() && out[i] == src->bytes()[i]) ++i;
      ADD_FAILURE() << f << ": round trip differs at byte " << i << " (in " << src->size() << ", out "
                    << out.size() << ")";
    }
    // Every entity's raw bytes are a slice of the input, and the tree is consistent.
    m.walk([&](const Entity& e, const std::string&) {
      EXPECT_GE(e.raw().data(), src->bytes().data());
      EXPECT_LE(e.raw().data() + e.raw().size(), src->bytes().data() + src->size());
    });
    ++checked;
  }
}
}  // namespace

TEST(RoundTrip, every_corpus_message_writes_back_byte_for_byte) {
  const auto files = test::corpus_messages();
  if (files.empty()) GTEST_SKIP() << "shared corpus absent at " << test::corpus_dir() << ": nothing to check";
  std::size_t checked = 0;
  check_round_trip(files, checked);
  EXPECT_GE(checked, 1000u);
}

TEST(RoundTrip, every_testdata_message_writes_back_byte_for_byte) {
  const auto files = test::testdata_messages();
  ASSERT_FALSE(files.empty()) << "no .eml files under " << test::testdata_dir();
  std::size_t checked = 0;
  check_round_trip(files, checked);
}

TEST(RoundTrip, every_corpus_message_survives_lf_to_crlf_conversion) {
  // The same messages with every bare LF turned into CRLF parse into the same shape.
  const auto files = test::corpus_messages();
  if (files.empty()) GTEST_SKIP() << "shared corpus absent at " << test::corpus_dir();
  for (const auto& f : files) {
    auto src = Source::from_file(f);
    ASSERT_TRUE(src.has_value());
    std::string crlf;
    const std::string_view in = src->bytes();
    crlf.reserve(in.size() * 11 / 10);
    for (std::size_t i = 0; i < in.size(); ++i) {
      if (in[i] == '\n' && (i == 0 || in[i - 1] != '\r')) crlf.push_back('\r');
      crlf.push_back(in[i]);
    }
    Message a = parse(*src);
    Message b = parse(Source::from_bytes(crlf));
    EXPECT_EQ(write(b), crlf) << f;
    std::vector<std::string> ta, tb;
    a.walk([&](const Entity& e, const std::string& p) { ta.push_back(p + " " + e.media_type()); });
    b.walk([&](const Entity& e, const std::string& p) { tb.push_back(p + " " + e.media_type()); });
    EXPECT_EQ(ta, tb) << f;
  }
}
