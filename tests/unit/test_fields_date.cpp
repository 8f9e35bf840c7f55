// Date fields and DateTime (lib/fields/date.cpp).

#include <gtest/gtest.h>

#include <string>

#include "mimetool/fields.hpp"

using mimetool::DateTime;
using mimetool::Diagnostics;
using mimetool::parse_date;

namespace {

std::string codes(const Diagnostics& d) {
  std::string out;
  for (const auto& x : d) out += (out.empty() ? "" : ",") + x.code;
  return out;
}

struct DateCase {
  const char* input;
  const char* rfc3339;  // "" when no date is recoverable
  const char* diags;
};

const DateCase kDates[] = {
    // RFC 5322 Appendix A
    {"Fri, 21 Nov 1997 09:55:06 -0600", "1997-11-21T09:55:06-06:00", ""},
    {"Tue, 1 Jul 2003 10:52:37 +0200", "2003-07-01T10:52:37+02:00", ""},
    {"Thu, 13 Feb 1969 23:32:54 -0330", "1969-02-13T23:32:54-03:30", ""},
    // A.5: folded, with a comment
    {"Thu,\r\n      13\r\n        Feb\r\n          1969\r\n      23:32\r\n               -0330 (Newfoundland Time)",
     "1969-02-13T23:32:00-03:30", ""},
    // A.6.2: two-digit year, obsolete zone
    {"21 Nov 97 09:55:06 GMT", "1997-11-21T09:55:06+00:00", ""},
    // Two-digit years below 50 are 20xx; three-digit years add 1900
    {"Wed, 1 Sep 04 13:05:00 +0200", "2004-09-01T13:05:00+02:00", ""},
    {"Wed, 1 Sep 104 13:05:00 +0200", "2004-09-01T13:05:00+02:00", ""},
    // Obsolete US zones
    {"Wed, 1 Sep 2004 13:05:00 EST", "2004-09-01T13:05:00-05:00", ""},
    {"Wed, 1 Sep 2004 13:05:00 edt", "2004-09-01T13:05:00-04:00", ""},
    {"Wed, 1 Sep 2004 13:05:00 PDT", "2004-09-01T13:05:00-07:00", ""},
    {"Wed, 1 Sep 2004 13:05:00 UT", "2004-09-01T13:05:00+00:00", ""},
    // Military zones and -0000 mean "unknown offset" (RFC 5322 §3.3, §4.3)
    {"Wed, 1 Sep 2004 13:05:00 Z", "2004-09-01T13:05:00-00:00", "military_time_zone"},
    {"Wed, 1 Sep 2004 13:05:00 A", "2004-09-01T13:05:00-00:00", "military_time_zone"},
    {"Wed, 1 Sep 2004 13:05:00 -0000", "2004-09-01T13:05:00-00:00", ""},
    {"Wed, 1 Sep 2004 13:05:00 +0000", "2004-09-01T13:05:00+00:00", ""},
    // Missing seconds, missing weekday, extra whitespace
    {"1 Sep 2004 13:05 +0200", "2004-09-01T13:05:00+02:00", ""},
    {"  Wed ,  01   Sep   2004   13:05:00   +0200  ", "2004-09-01T13:05:00+02:00", ""},
    // Wrong weekday: ignored with a diagnostic
    {"Mon, 01 Sep 2004 13:05:00 +0200", "2004-09-01T13:05:00+02:00", "wrong_weekday"},
    // Day and month swapped; month names in any case and spelled out
    {"Wed, Sep 1 2004 13:05:00 +0200", "2004-09-01T13:05:00+02:00", ""},
    {"wed, 01 SEP 2004 13:05:00 +0200", "2004-09-01T13:05:00+02:00", ""},
    {"Wednesday, 01 September 2004 13:05:00 +0200", "2004-09-01T13:05:00+02:00", ""},
    // Comments
    {"Wed, 01 Sep 2004 13:05:00 +0200 (CEST)", "2004-09-01T13:05:00+02:00", ""},
    {"(received) Wed, 01 Sep 2004 (x (nested)) 13:05:00 +0200", "2004-09-01T13:05:00+02:00", ""},
    // Dotted time
    {"Wed, 01 Sep 2004 13.05.00 +0200", "2004-09-01T13:05:00+02:00", ""},
    // Zone name next to a numeric zone: the number wins
    {"Wed, 01 Sep 2004 13:05:00 +0200 CEST", "2004-09-01T13:05:00+02:00", "unknown_date_word"},
    {"Wed, 01 Sep 2004 13:05:00 GMT+0200", "2004-09-01T13:05:00+02:00", ""},
    // Unknown zone name alone: offset unknown
    {"Wed, 01 Sep 2004 13:05:00 CEST", "2004-09-01T13:05:00-00:00", "unknown_date_word,unknown_time_zone"},
    // ISO 8601 from spam tools and gateways
    {"2004-09-01 13:05:00 +0200", "2004-09-01T13:05:00+02:00", "iso8601_date,numeric_month"},
    {"2004-09-01T13:05:00Z", "2004-09-01T13:05:00+00:00", "iso8601_date,numeric_month"},
    {"2004-09-01T13:05:00-07:00", "2004-09-01T13:05:00-07:00", "iso8601_date,numeric_month"},
    // asctime
    {"Wed Sep  1 13:05:00 2004", "2004-09-01T13:05:00-00:00", "missing_time_zone"},
    // European numeric date
    {"01.09.2004 13:05:00 +0200", "2004-09-01T13:05:00+02:00", "numeric_month"},
    // 12-hour clock
    {"Wed, 1 Sep 2004 1:05:00 PM +0200", "2004-09-01T13:05:00+02:00", ""},
    // Date without time
    {"1 Sep 2004", "2004-09-01T00:00:00-00:00", "missing_time,missing_time_zone"},
    // Leap second and leap day
    {"Sat, 31 Dec 2016 23:59:60 +0000", "2016-12-31T23:59:60+00:00", ""},
    {"Thu, 29 Feb 2024 12:00:00 +0000", "2024-02-29T12:00:00+00:00", ""},
    // Out of range or unrecoverable
    {"Fri, 29 Feb 2023 12:00:00 +0000", "", "invalid_date"},
    {"Wed, 32 Sep 2004 13:05:00 +0200", "", "invalid_date"},
    {"Wed, 01 Sep 2004 24:05:00 +0200", "", "invalid_date"},
    {"Wed, 01 Sep 2004 13:65:00 +0200", "", "invalid_date"},
    {"Wed, 01 Foo 2004 13:05:00 +0200", "", "unknown_date_word,invalid_date"},
    {"", "", "invalid_date"},
    {"yesterday", "", "unknown_date_word,invalid_date"},
    // Bad zone: date kept, offset unknown
    {"Wed, 01 Sep 2004 13:05:00 +2500", "2004-09-01T13:05:00-00:00", "invalid_time_zone"},
    // Three-digit zone (mime4j multi-bad.msg)
    {"Mon, 21 Aug 95 13:30:57 -600", "1995-08-21T13:30:57-06:00", ""},
    // CFWS inside the time (RFC 5322 §4.4 obs-time, mikel-mail rfc2822/example13.eml)
    {"Fri, 21 Nov 1997 09(comment):   55  :  06 -0600", "1997-11-21T09:55:06-06:00", ""},
    // Comment between the time and the zone
    {"Wed, 20 Sep 1995 00:19:00 (EDT) -0400", "1995-09-20T00:19:00-04:00", ""},
    // Huge numbers do not overflow
    {"Wed, 99999999999999999999 Sep 2004 13:05:00 +0200", "", "invalid_date"},
};

}  // namespace

TEST(Date, table_of_rfc_and_real_world_shapes_parses_as_expected) {
  for (const auto& c : kDates) {
    SCOPED_TRACE(c.input);
    Diagnostics d;
    const auto dt = parse_date(c.input, &d);
    EXPECT_EQ(dt ? dt->to_rfc3339() : std::string(), c.rfc3339);
    EXPECT_EQ(codes(d), c.diags);
  }
}

TEST(Date, minus_zero_zone_has_no_offset) {
  const auto dt = parse_date("1 Sep 2004 13:05:00 -0000");
  ASSERT_TRUE(dt);
  EXPECT_FALSE(dt->has_offset);
  EXPECT_EQ(dt->offset_minutes, 0);
}

TEST(Date, rfc5322_output_computes_the_weekday) {
  const auto dt = parse_date("01 Sep 2004 13:05:00 +0200");
  ASSERT_TRUE(dt);
  EXPECT_EQ(dt->to_rfc5322(), "Wed, 01 Sep 2004 13:05:00 +0200");
}

TEST(Date, rfc5322_output_writes_minus_zero_for_unknown_offset) {
  const auto dt = parse_date("Wed Sep  1 13:05:00 2004");
  ASSERT_TRUE(dt);
  EXPECT_EQ(dt->to_rfc5322(), "Wed, 01 Sep 2004 13:05:00 -0000");
}

TEST(Date, rfc5322_output_round_trips_through_the_parser) {
  const auto dt = parse_date("Thu, 13 Feb 1969 23:32:54 -0330");
  ASSERT_TRUE(dt);
  Diagnostics d;
  const auto again = parse_date(dt->to_rfc5322(), &d);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *dt);
  EXPECT_TRUE(d.empty());
}

TEST(Date, unix_time_accounts_for_the_offset) {
  const auto dt = parse_date("Thu, 01 Jan 1970 02:00:00 +0200");
  ASSERT_TRUE(dt);
  EXPECT_EQ(dt->to_unix_time(), 0);
  const auto y2k = parse_date("Sat, 01 Jan 2000 00:00:00 +0000");
  ASSERT_TRUE(y2k);
  EXPECT_EQ(y2k->to_unix_time(), 946684800);
}

TEST(Date, from_unix_time_applies_the_offset) {
  const DateTime dt = DateTime::from_unix_time(1094036700, 120);  // 2004-09-01T11:05:00Z
  EXPECT_EQ(dt.to_rfc3339(), "2004-09-01T13:05:00+02:00");
  EXPECT_EQ(dt.to_unix_time(), 1094036700);
}

TEST(Date, from_unix_time_handles_times_before_the_epoch) {
  const DateTime dt = DateTime::from_unix_time(-1, 0);
  EXPECT_EQ(dt.to_rfc3339(), "1969-12-31T23:59:59+00:00");
}

TEST(Date, negative_offset_formats_with_minus_sign) {
  const DateTime dt = DateTime::from_unix_time(0, -330);
  EXPECT_EQ(dt.to_rfc5322(), "Wed, 31 Dec 1969 18:30:00 -0530");
}

TEST(Date, now_local_is_a_valid_date_with_an_offset) {
  const DateTime now = DateTime::now_local();
  EXPECT_TRUE(now.has_offset);
  EXPECT_GE(now.year, 2024);
  Diagnostics d;
  const auto again = parse_date(now.to_rfc5322(), &d);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, now);
  EXPECT_TRUE(d.empty());
}

TEST(Date, from_time_t_local_matches_now_local_within_a_second) {
  const std::time_t t = std::time(nullptr);
  const DateTime dt = DateTime::from_time_t_local(t);
  EXPECT_EQ(dt.to_unix_time(), static_cast<std::int64_t>(t));
}

TEST(Date, hundred_thousand_nested_parentheses_are_skipped) {
  const std::string body = "Wed, 01 Sep 2004 13:05:00 +0200 " + std::string(100000, '(') + std::string(100000, ')');
  Diagnostics d;
  const auto dt = parse_date(body, &d);
  ASSERT_TRUE(dt);
  EXPECT_EQ(dt->to_rfc3339(), "2004-09-01T13:05:00+02:00");
  EXPECT_TRUE(d.empty());
}

TEST(Date, long_garbage_yields_nullopt_and_bounded_diagnostics) {
  std::string body;
  for (int i = 0; i < 50000; ++i) body += "x1:";
  Diagnostics d;
  EXPECT_FALSE(parse_date(body, &d));
  EXPECT_LE(d.size(), 4u);
}
