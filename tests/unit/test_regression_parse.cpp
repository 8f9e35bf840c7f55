// Regressions in the parser's limits, found while documenting them (docs/LIMITS.md).

#include <gtest/gtest.h>

#include <string>

#include "mimetool/message.hpp"

using namespace mimetool;

namespace {

// 3,000 body parts that each start with a continuation line (a warning apiece), and no close
// delimiter (critical), which comes after the diagnostic limit.
std::string warnings_then_critical() {
  std::string m = "Content-Type: multipart/mixed; boundary=x\r\n\r\n";
  for (int i = 0; i < 3000; ++i) m += "--x\r\n folded\r\n\r\nbody\r\n";
  return m;
}

}  // namespace

// parse_strict() only saw the kept diagnostics, so a critical defect after max_diagnostics
// warnings let a message through: the dropped-diagnostics marker now carries the worst severity
// it stands for.
TEST(Regression, parse_strict_fails_on_a_critical_defect_past_the_diagnostic_limit) {
  const std::string input = warnings_then_critical();
  const auto r = parse_strict(Source::from_view(input));
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("too_many_diagnostics"), std::string::npos) << r.error().message;
}

TEST(Regression, diagnostic_limit_marker_is_critical_when_it_hides_a_critical_defect) {
  const std::string input = warnings_then_critical();
  const Message m = parse(Source::from_view(input));
  ASSERT_EQ(m.diagnostics().size(), 1001u);
  EXPECT_EQ(m.diagnostics().back().code, "too_many_diagnostics");
  EXPECT_EQ(m.diagnostics().back().severity, Severity::critical);
}

TEST(Regression, diagnostic_limit_marker_stays_a_warning_when_only_warnings_were_dropped) {
  std::string input = "Content-Type: multipart/mixed; boundary=x\r\n\r\n";
  for (int i = 0; i < 3000; ++i) input += "--x\r\n folded\r\n\r\nbody\r\n";
  input += "--x--\r\n";
  const Message m = parse(Source::from_view(input));
  ASSERT_EQ(m.diagnostics().size(), 1001u);
  EXPECT_EQ(m.diagnostics().back().severity, Severity::warning);
  EXPECT_TRUE(parse_strict(Source::from_view(input)).has_value());
}
