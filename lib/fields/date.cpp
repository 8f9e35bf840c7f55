// Date fields (RFC 5322 §3.3, obsolete forms §4.3) and the DateTime value type.
//
// The parser is token-driven, like GMime's and Thunderbird's (PR_ParseTimeString): the body is cut
// into numbers, words, signs and punctuation (comments skipped), then each token is classified by
// shape rather than by position. That is what accepts `Sep 1 2004`, asctime, ISO 8601, dotted
// times and missing weekdays with one code path. Out-of-range results are rejected, never wrapped.

#include <array>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "fields/lexer.hpp"
#include "mimetool/fields.hpp"

namespace mimetool {
namespace {

using detail::DiagSink;
using detail::Lexer;

constexpr std::array<const char*, 12> kMonths = {"january", "february", "march",     "april",
                                                 "may",     "june",     "july",      "august",
                                                 "september", "october", "november", "december"};
constexpr std::array<const char*, 7> kWeekdays = {"sunday",   "monday", "tuesday", "wednesday",
                                                  "thursday", "friday", "saturday"};
constexpr std::array<const char*, 12> kMonthAbbr = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<const char*, 7> kWeekdayAbbr = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

// "Sep", "sept", "SEPTEMBER": at least three letters that begin the full name.
int name_index(std::string_view word, const char* const* names, std::size_t count) noexcept {
  if (word.size() < 3) return -1;
  for (std::size_t i = 0; i < count; ++i) {
    const std::string_view full = names[i];
    if (word.size() > full.size()) continue;
    if (detail::iequals(word, full.substr(0, word.size()))) return static_cast<int>(i);
  }
  return -1;
}

enum class TK { number, word, sign, punct };

struct DTok {
  TK kind;
  std::string_view text;
  long value = 0;  // numbers: value, capped (a 30-digit number is garbage, not an overflow)
  std::size_t digits = 0;
  std::size_t offset = 0;
};

std::vector<DTok> tokenize(std::string_view body, DiagSink& sink) {
  std::vector<DTok> toks;
  Lexer lx(body, sink);
  for (;;) {
    lx.skip_cfws();  // `(CEST)` and other comments carry nothing we trust (RFC 5322 §3.3)
    if (lx.at_end()) break;
    const std::size_t start = lx.pos();
    const char c = lx.peek();
    DTok t{TK::punct, {}, 0, 0, start};
    if (detail::is_digit(c)) {
      t.kind = TK::number;
      while (detail::is_digit(lx.peek())) {
        if (t.digits < 9) t.value = t.value * 10 + (lx.peek() - '0');
        ++t.digits;
        lx.advance();
      }
    } else if (detail::is_alpha(c)) {
      t.kind = TK::word;
      while (detail::is_alpha(lx.peek())) lx.advance();
    } else if (c == '+' || c == '-') {
      t.kind = TK::sign;
      lx.advance();
    } else {
      lx.advance();
    }
    t.text = body.substr(start, lx.pos() - start);
    toks.push_back(t);
  }
  return toks;
}

// RFC 5322 §4.3 obs-zone names. Military letters carry no reliable offset (RFC 1123 got their
// signs backwards), so they mean "-0000", as do unknown names.
struct Zone {
  bool known = false;  // a zone name was recognised
  bool has_offset = false;
  int minutes = 0;
};

Zone zone_from_word(std::string_view w, bool iso) noexcept {
  struct Named {
    const char* name;
    int hours;
  };
  static constexpr Named kNamed[] = {{"ut", 0},   {"utc", 0},  {"gmt", 0},  {"est", -5}, {"edt", -4},
                                     {"cst", -6}, {"cdt", -5}, {"mst", -7}, {"mdt", -6}, {"pst", -8},
                                     {"pdt", -7}};
  for (const auto& n : kNamed)
    if (detail::iequals(w, n.name)) return Zone{true, true, n.hours * 60};
  if (w.size() == 1 && detail::is_alpha(w[0]) && detail::to_lower(w[0]) != 'j') {
    // ISO 8601 "Z" is UTC; in an RFC 5322 date it is one of the military letters.
    if (iso && detail::to_lower(w[0]) == 'z') return Zone{true, true, 0};
    return Zone{true, false, 0};
  }
  return Zone{};
}

long expand_year(const DTok& t) noexcept {
  // RFC 5322 §4.3: two-digit years below 50 are 20xx, others 19xx; three-digit years add 1900.
  if (t.digits <= 2) return t.value < 50 ? 2000 + t.value : 1900 + t.value;
  if (t.digits == 3) return 1900 + t.value;
  return t.value;
}

bool is_leap(long y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(long y, int m) noexcept {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, int& y, int& m, int& d) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

struct Parsed {
  int month = 0;
  int weekday = -1;
  bool have_time = false;
  long hour = 0, minute = 0, second = 0;
  bool have_zone = false;
  bool zone_numeric = false;
  Zone zone;
  int ampm = 0;  // 1 am, 2 pm
  std::vector<const DTok*> loose;  // numbers that are not part of the time or the zone
  const DTok* numeric[3] = {};     // `n S n S n` numeric date, in written order
  char date_sep = 0;               // its separator: '/', '.', '-'
};

bool is_punct(const std::vector<DTok>& t, std::size_t i, char c) noexcept {
  return i < t.size() && (t[i].kind == TK::punct || t[i].kind == TK::sign) && t[i].text[0] == c;
}
bool is_num(const std::vector<DTok>& t, std::size_t i) noexcept {
  return i < t.size() && t[i].kind == TK::number;
}

}  // namespace

std::optional<DateTime> parse_date(std::string_view body, Diagnostics* diags) {
  DiagSink sink(diags);
  const std::vector<DTok> t = tokenize(body, sink);
  const std::size_t n = t.size();
  Parsed p;
  // ISO 8601 (`2004-09-01T13:05:00Z`, spam and some gateways): four-digit number then "-".
  const bool iso = n >= 2 && t[0].kind == TK::number && t[0].digits == 4 && is_punct(t, 1, '-');
  if (iso) sink.report("iso8601_date", 0, "ISO 8601 date instead of RFC 5322");

  for (std::size_t i = 0; i < n;) {
    const DTok& k = t[i];
    if (k.kind == TK::word) {
      const int month = name_index(k.text, kMonths.data(), kMonths.size());
      const int wday = name_index(k.text, kWeekdays.data(), kWeekdays.size());
      const Zone z = zone_from_word(k.text, iso);
      if (month >= 0 && p.month == 0) {
        p.month = month + 1;
      } else if (wday >= 0) {
        p.weekday = wday;
      } else if (iso && detail::iequals(k.text, "t")) {
        // ISO date/time separator
      } else if (z.known) {
        if (!p.have_zone) {
          p.have_zone = true;
          p.zone = z;
          if (!z.has_offset) sink.report("military_time_zone", k.offset, "military zone taken as -0000");
        }
      } else if (detail::iequals(k.text, "am") || detail::iequals(k.text, "pm")) {
        p.ampm = detail::to_lower(k.text[0]) == 'a' ? 1 : 2;
      } else {
        sink.report("unknown_date_word", k.offset, "unrecognised word in date");
        if (!p.have_zone && p.have_time && k.text.size() >= 3 && k.text.size() <= 5) {
          // `+0200 CEST` has its zone already; a lone `CEST` or `MET` is an unknown zone.
          p.have_zone = true;
          sink.report("unknown_time_zone", k.offset, "zone name not in RFC 5322; offset unknown");
        }
      }
      ++i;
      continue;
    }
    if (k.kind == TK::sign && p.have_time && is_num(t, i + 1) && (!p.have_zone || !p.zone_numeric)) {
      // Numeric zone: "+0200", "+02:00", "+02", "-0000"; it overrides a name like `GMT+0200`.
      const DTok& num = t[i + 1];
      long hh = 0, mm = 0;
      std::size_t used = 2;
      if (num.digits == 4 || num.digits == 3) {  // "-600" (mime4j multi-bad.msg) is -0600
        hh = num.value / 100;
        mm = num.value % 100;
      } else if (num.digits <= 2 && is_punct(t, i + 2, ':') && is_num(t, i + 3) && t[i + 3].digits == 2) {
        hh = num.value;
        mm = t[i + 3].value;
        used = 4;
      } else if (num.digits <= 2) {
        hh = num.value;
      } else {
        sink.report("invalid_time_zone", k.offset, "numeric zone is not +hhmm");
        i += 2;
        continue;
      }
      p.have_zone = true;
      p.zone_numeric = true;
      const bool neg = k.text[0] == '-';
      if (hh > 23 || mm > 59) {
        sink.report("invalid_time_zone", k.offset, "zone offset out of range; taken as -0000");
        p.zone = Zone{true, false, 0};
      } else if (neg && hh == 0 && mm == 0) {
        p.zone = Zone{true, false, 0};  // RFC 5322 §3.3: -0000 means "no information"
      } else {
        const int minutes = static_cast<int>(hh * 60 + mm);
        p.zone = Zone{true, true, neg ? -minutes : minutes};
      }
      i += used;
      continue;
    }
    if (k.kind == TK::number) {
      // A numeric date `n S n S n` with one separator S: 2004-09-01, 01.09.2004, 9/1/2004.
      // With "." it could also be a dotted time (13.05.00); it is a date only with a four-digit
      // part or once a time has been seen.
      const char sep = i + 1 < n ? t[i + 1].text[0] : '\0';
      const bool triple = (sep == '/' || sep == '.' || sep == '-') && is_num(t, i + 2) &&
                          is_punct(t, i + 3, sep) && is_num(t, i + 4);
      if (triple && p.numeric[0] == nullptr &&
          (sep != '.' || t[i + 4].digits == 4 || k.digits == 4 || p.have_time)) {
        p.numeric[0] = &k;
        p.numeric[1] = &t[i + 2];
        p.numeric[2] = &t[i + 4];
        p.date_sep = sep;
        i += 5;
        continue;
      }
      const bool time_sep = is_punct(t, i + 1, ':') || is_punct(t, i + 1, '.');
      if (!p.have_time && time_sep && k.digits <= 2 && is_num(t, i + 2) && t[i + 2].digits == 2) {
        // hh:mm[:ss], or hh.mm.ss as some Eastern European mailers write it.
        p.have_time = true;
        p.hour = k.value;
        p.minute = t[i + 2].value;
        i += 3;
        if ((is_punct(t, i, ':') || is_punct(t, i, '.')) && is_num(t, i + 1) && t[i + 1].digits <= 2) {
          p.second = t[i + 1].value;
          i += 2;
          if (is_punct(t, i, '.') && is_num(t, i + 1)) i += 2;  // fractional seconds
        }
        continue;
      }
      p.loose.push_back(&k);
      ++i;
      continue;
    }
    ++i;  // punctuation: ",", "-", "/", "." between date parts
  }

  // Assign the loose numbers to day, month and year.
  long year = -1, day = -1;
  int month = p.month;
  std::size_t used = 0;
  const auto& L = p.loose;
  if (month != 0) {
    // RFC order is `day month year`; `Sep 1 2004` and asctime give the same number order, and a
    // leading four-digit number means `2004 Sep 1`.
    if (L.size() >= 2) {
      if (L[0]->digits >= 3 || L[0]->value > 31) {
        year = expand_year(*L[0]);
        day = L[1]->value;
      } else {
        day = L[0]->value;
        year = expand_year(*L[1]);
      }
      used = 2;
    }
  } else if (p.numeric[0]) {
    sink.report("numeric_month", p.numeric[0]->offset, "month given as a number");
    const DTok* const* nd = p.numeric;
    const DTok* ymd[3] = {};
    if (nd[0]->digits == 4) {
      ymd[0] = nd[0], ymd[1] = nd[1], ymd[2] = nd[2];  // yyyy-mm-dd
    } else if (p.date_sep == '/' && nd[0]->value <= 12) {
      ymd[0] = nd[2], ymd[1] = nd[0], ymd[2] = nd[1];  // US mm/dd/yyyy
    } else {
      ymd[0] = nd[2], ymd[1] = nd[1], ymd[2] = nd[0];  // dd.mm.yyyy, dd-mm-yyyy
    }
    year = expand_year(*ymd[0]);
    month = ymd[1]->value >= 1 && ymd[1]->value <= 12 ? static_cast<int>(ymd[1]->value) : -1;
    day = ymd[2]->value;
  }
  if (year >= 0 && used < L.size()) sink.report("unexpected_number", L[used]->offset, "extra number in date ignored");
  if (year < 0 || month <= 0 || day < 0) {
    sink.report("invalid_date", 0, "no date found");
    return std::nullopt;
  }
  if (p.ampm == 2 && p.hour < 12) p.hour += 12;
  if (p.ampm == 1 && p.hour == 12) p.hour = 0;
  if (year < 1000 || year > 9999 || day < 1 || day > days_in_month(year, month) || p.hour > 23 ||
      p.minute > 59 || p.second > 60) {
    sink.report("invalid_date", 0, "date or time out of range");
    return std::nullopt;
  }
  if (!p.have_time) sink.report("missing_time", 0, "date without time; 00:00:00 assumed");
  if (!p.have_zone) sink.report("missing_time_zone", 0, "date without zone; offset unknown");

  DateTime dt;
  dt.year = static_cast<int>(year);
  dt.month = month;
  dt.day = static_cast<int>(day);
  dt.hour = static_cast<int>(p.hour);
  dt.minute = static_cast<int>(p.minute);
  dt.second = static_cast<int>(p.second);
  dt.has_offset = p.have_zone && p.zone.has_offset;
  dt.offset_minutes = dt.has_offset ? p.zone.minutes : 0;
  if (p.weekday >= 0 && p.weekday != dt.weekday())
    sink.report("wrong_weekday", 0, "weekday does not match the date; ignored");
  return dt;
}

int DateTime::weekday() const noexcept {
  const std::int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  const std::int64_t w = (days + 4) % 7;  // 1970-01-01 was a Thursday
  return static_cast<int>(w < 0 ? w + 7 : w);
}

std::int64_t DateTime::to_unix_time() const noexcept {
  const std::int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return days * 86400 + hour * 3600 + minute * 60 + second - std::int64_t{offset_minutes} * 60;
}

std::string DateTime::to_rfc3339() const {
  char buf[40];
  const int off = has_offset ? offset_minutes : 0;
  const char sign = (!has_offset || off < 0) ? '-' : '+';
  const int a = off < 0 ? -off : off;
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", year, month, day, hour,
                minute, second, sign, a / 60, a % 60);
  return buf;
}

std::string DateTime::to_rfc5322() const {
  char buf[48];
  const int off = has_offset ? offset_minutes : 0;
  const char sign = (!has_offset || off < 0) ? '-' : '+';
  const int a = off < 0 ? -off : off;
  const int m = month >= 1 && month <= 12 ? month : 1;
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d", kWeekdayAbbr[weekday()], day,
                kMonthAbbr[m - 1], year, hour, minute, second, sign, a / 60, a % 60);
  return buf;
}

DateTime DateTime::from_unix_time(std::int64_t t, int offset_minutes) {
  DateTime dt;
  const std::int64_t local = t + std::int64_t{offset_minutes} * 60;
  const std::int64_t days = floor_div(local, 86400);
  const std::int64_t secs = local - days * 86400;
  civil_from_days(days, dt.year, dt.month, dt.day);
  dt.hour = static_cast<int>(secs / 3600);
  dt.minute = static_cast<int>(secs / 60 % 60);
  dt.second = static_cast<int>(secs % 60);
  dt.offset_minutes = offset_minutes;
  dt.has_offset = true;
  return dt;
}

DateTime DateTime::from_time_t_local(std::time_t t) {
  std::tm tm{};
  if (!localtime_r(&t, &tm)) return from_unix_time(t, 0);
  // tm_gmtoff (glibc, BSD) is the offset in seconds east of UTC, DST included.
  return from_unix_time(t, static_cast<int>(tm.tm_gmtoff / 60));
}

DateTime DateTime::now_local() { return from_time_t_local(std::time(nullptr)); }

}  // namespace mimetool
