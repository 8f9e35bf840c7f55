// Address lists, dates and Message-ID lists: arbitrary field bodies parse, recovered values are
// well formed, and a parsed date written back in RFC 5322 form parses to the same date.

#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "mimetool/fields.hpp"

namespace {

using namespace mimetool;

bool valid_ranges(const DateTime& d) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return d.year >= 1000 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= kDays[d.month - 1] && d.hour >= 0 && d.hour <= 23 && d.minute >= 0 && d.minute <= 59 &&
         d.second >= 0 && d.second <= 60 && d.offset_minutes > -24 * 60 && d.offset_minutes < 24 * 60;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* raw, std::size_t size) {
  const std::string_view data(reinterpret_cast<const char*>(raw), size);

  Diagnostics diags;
  const AddressList list = parse_address_list(data, &diags);
  for (const Diagnostic& d : diags) FUZZ_CHECK(d.offset <= size);
  std::size_t members = 0;
  for (const Address& a : list.addresses) {
    if (const auto* g = std::get_if<Group>(&a)) members += g->members.size();
    else ++members;
  }
  const auto mailboxes = list.mailboxes();
  FUZZ_CHECK(mailboxes.size() == members);
  for (const Mailbox& m : mailboxes) {
    const std::string addr = m.address();
    if (!m.domain.empty()) FUZZ_CHECK(addr.find('@') != std::string::npos);
  }

  diags.clear();
  if (const auto date = parse_date(data, &diags)) {
    FUZZ_CHECK(valid_ranges(*date));
    FUZZ_CHECK(date->weekday() >= 0 && date->weekday() <= 6);
    const std::string rfc5322 = date->to_rfc5322();
    const auto again = parse_date(rfc5322);
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(again->year == date->year && again->month == date->month && again->day == date->day);
    FUZZ_CHECK(again->hour == date->hour && again->minute == date->minute && again->second == date->second);
    FUZZ_CHECK(again->has_offset == date->has_offset);
    if (date->has_offset) FUZZ_CHECK(again->offset_minutes == date->offset_minutes);
    (void)date->to_rfc3339();
    if (date->second < 60) {
      const DateTime back = DateTime::from_unix_time(date->to_unix_time(), date->has_offset ? date->offset_minutes : 0);
      FUZZ_CHECK(back.year == date->year && back.month == date->month && back.day == date->day);
      FUZZ_CHECK(back.hour == date->hour && back.minute == date->minute && back.second == date->second);
    }
  }
  for (const Diagnostic& d : diags) FUZZ_CHECK(d.offset <= size);

  if (const auto id = parse_msg_id(data)) FUZZ_CHECK(!id->empty());
  for (const std::string& id : parse_msg_id_list(data)) FUZZ_CHECK(!id.empty());
  return 0;
}
