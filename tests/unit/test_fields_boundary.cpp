// The quick boundary reading the entity parser uses for multipart Content-Type fields must give
// exactly what the full Content-Type parser gives, or decline.

#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "fields/boundary.hpp"
#include "mimetool/fields.hpp"
#include "mimetool/message.hpp"

using namespace mimetool;
using detail::BoundaryScan;

namespace {

struct Reading {
  BoundaryScan scan;
  std::string boundary;
};

Reading quick(std::string_view params) {
  Reading r{BoundaryScan::unsure, {}};
  r.scan = detail::scan_plain_boundary(params, r.boundary);
  return r;
}

// What the full parser says about "multipart/mixed" + params: nullopt when no boundary parameter.
std::optional<std::string> full(std::string_view params) {
  const ContentType ct = parse_content_type("multipart/mixed" + std::string(params));
  const Parameter* p = ct.param("boundary");
  if (!p) return std::nullopt;
  return p->value;
}

// The boundary the entity parser settles on for a message with this Content-Type, whose body is
// delimited by `expected` (a multipart whose boundary never occurs is read as a leaf).
std::string parsed_boundary(std::string_view params, const std::string& expected) {
  const std::string msg = "Content-Type: multipart/mixed" + std::string(params) + "\r\n\r\n--" + expected +
                          "\r\n\r\npart\r\n--" + expected + "--\r\n";
  const Message m = parse(Source::from_bytes(msg));
  if (!m.root().is_multipart()) return "(read as a leaf)";
  return m.root().boundary();
}

}  // namespace

TEST(PlainBoundary, quoted_value_is_found) {
  const Reading r = quick("; boundary=\"----=_Part_0_1.2\"");
  EXPECT_EQ(r.scan, BoundaryScan::found);
  EXPECT_EQ(r.boundary, "----=_Part_0_1.2");
}

TEST(PlainBoundary, token_value_is_found) {
  const Reading r = quick(";boundary=000000000000a1b2c3");
  EXPECT_EQ(r.scan, BoundaryScan::found);
  EXPECT_EQ(r.boundary, "000000000000a1b2c3");
}

TEST(PlainBoundary, name_compares_case_insensitively) {
  const Reading r = quick("; BOUNDARY=\"Ab\"");
  EXPECT_EQ(r.scan, BoundaryScan::found);
  EXPECT_EQ(r.boundary, "Ab");
}

TEST(PlainBoundary, first_of_duplicated_parameters_wins_like_the_full_parser) {
  const Reading r = quick("; boundary=one; Boundary=\"two\"");
  ASSERT_EQ(r.scan, BoundaryScan::found);
  EXPECT_EQ(r.boundary, "one");
  EXPECT_EQ(full("; boundary=one; Boundary=\"two\""), "one");
}

TEST(PlainBoundary, folded_list_is_read) {
  const Reading r = quick(";\r\n\tcharset=us-ascii;\r\n boundary=\"b1\" ;;");
  EXPECT_EQ(r.scan, BoundaryScan::found);
  EXPECT_EQ(r.boundary, "b1");
}

TEST(PlainBoundary, empty_quoted_value_is_an_empty_boundary) {
  const Reading r = quick("; boundary=\"\"");
  EXPECT_EQ(r.scan, BoundaryScan::found);
  EXPECT_EQ(r.boundary, "");
  EXPECT_EQ(full("; boundary=\"\""), "");
}

TEST(PlainBoundary, list_without_boundary_is_absent) {
  EXPECT_EQ(quick("; type=\"text/html\"; start=\"<a@b>\"").scan, BoundaryScan::absent);
  EXPECT_EQ(quick("").scan, BoundaryScan::absent);
  EXPECT_EQ(quick(" ;").scan, BoundaryScan::absent);
}

TEST(PlainBoundary, declines_when_condition_needs_the_full_grammar) {
  // Each of these is something the quick reading must hand to parse_content_type().
  const std::vector<std::string> unsure = {
      "; boundary=\"a\\\"b\"",              // quoted-pair
      "; boundary=\"a\r\n b\"",             // folded inside quotes
      "; boundary=(comment) \"b\"",         // comment before the value
      "; boundary=\"b\" (comment)",         // comment after the value
      "; boundary*=us-ascii''b%41",         // RFC 2231 extended value
      "; boundary*0=\"a\"; boundary*1=\"b\"",  // RFC 2231 continuation
      "; boundary=b; boundary*=''c",        // RFC 2231 form later in the list wins
      "; boundary==_Part_1",                // unquoted value starting with a tspecial
      "; boundary=a b",                     // unquoted value with a space
      "; boundary=",                        // empty unquoted value
      "; boundary=\"unterminated",          // unterminated quotes
      "; boundary=b charset=x",             // missing ";"
      "; =b",                               // no name
      "; boundary",                         // no "="
      "; bound\xE4ry=b",                    // 8-bit byte in a name
      " boundary=b",                        // no ";" after the subtype
  };
  for (const std::string& p : unsure) EXPECT_EQ(quick(p).scan, BoundaryScan::unsure) << p;
}

TEST(PlainBoundary, parser_settles_on_full_parser_boundary_when_condition_is_tricky) {
  const std::vector<std::string> cases = {
      "; boundary=\"a\\\"b\"",        "; boundary=(c) \"b\"",          "; boundary*=us-ascii''b%41",
      "; boundary*0=\"a\"; boundary*1=\"b\"", "; boundary=b; boundary*=''c", "; boundary==_Part_1",
      "; BOUNDARY=x; boundary=y",     ";\r\n boundary=\"folded\"",     "; boundary=\"q\" ; name=x",
  };
  for (const std::string& p : cases) {
    const std::string want = full(p).value_or("(none)");
    EXPECT_EQ(parsed_boundary(p, want), want) << p;
  }
}

// Random lists of items built from parts that exercise every branch (most items plain, some
// not): wherever the quick reading answers, it must answer what the full parser answers.
TEST(PlainBoundary, agrees_with_full_parser_on_generated_lists) {
  const std::vector<std::string> seps = {";", "; ", ";\r\n\t", " ;\r\n ", ";;", ""};
  const std::vector<std::string> names = {"boundary", "BOUNDARY", "Boundary", "charset", "name", "boundary*",
                                          "boundary*0", "boundary*1*", "", "bo(c)undary", "b\xE9"};
  const std::vector<std::string> eqs = {"=", " = ", "=\r\n ", "", "=(c)"};
  const std::vector<std::string> values = {"abc",      "\"q;b\"", "\"b 1\"",    "\"\"",     "us-ascii''b%41",
                                           "=_x",      "",        "a b",        "\"a\\\"b\"", "\"open",
                                           "\"x\" (c)", "b-2",    "\"\xE9\"",   "\xE9",      "\"a\r\n b\""};
  const std::vector<std::string> tails = {"", " ", "\r\n\t", " junk", "\"", "(c)"};
  std::mt19937 rng(20240601);
  auto pick = [&](const std::vector<std::string>& v) -> const std::string& { return v[rng() % v.size()]; };
  int answered = 0, found = 0;
  for (int t = 0; t < 20000; ++t) {
    std::string p;
    const int items = static_cast<int>(rng() % 4);
    // Mostly well-formed items, so that the quick reading answers often.
    for (int j = 0; j < items; ++j) {
      const bool plain = rng() % 3 != 0;
      p += plain ? "; " : pick(seps);
      p += plain ? names[rng() % 5] : pick(names);
      p += plain ? "=" : pick(eqs);
      p += plain ? values[rng() % 4] : pick(values);
      p += plain ? "" : pick(tails);
    }
    const Reading r = quick(p);
    if (r.scan == BoundaryScan::unsure) continue;
    ++answered;
    const auto want = full(p);
    ASSERT_EQ(r.scan == BoundaryScan::found, want.has_value()) << p;
    if (want) {
      ++found;
      ASSERT_EQ(r.boundary, *want) << p;
    }
  }
  // The generator reaches both answers of the quick reading, not only the fallback.
  EXPECT_GT(answered, 2000);
  EXPECT_GT(found, 1000);
}
