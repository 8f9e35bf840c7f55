// Runs every Content-Type, Content-Disposition, From, To, Cc and Date field of every corpus message
// through the field parsers: nothing may crash or take long, results must satisfy the parsers'
// invariants, and a summary of what the corpus contains is printed.
//
// With MIMETOOL_FIELDS_DUMP=<file>, each field body and its parsed value are also written to <file>
// (tab-separated, bodies with CR/LF/TAB escaped) for comparison with other parsers.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "mimetool/fields.hpp"
#include "support/support.hpp"

namespace {

using Clock = std::chrono::steady_clock;

enum class Kind { content_type, content_disposition, address, date };

struct Field {
  std::string name;  // lower-cased
  std::string body;  // still folded
  Kind kind;
};

bool starts_with_name(std::string_view line, std::string_view name) {
  if (line.size() <= name.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(line[i])) != name[i]) return false;
  std::size_t p = name.size();
  while (p < line.size() && (line[p] == ' ' || line[p] == '\t')) ++p;
  return p < line.size() && line[p] == ':';
}

// Every line of the file that starts one of the fields we test, with its continuation lines. This
// finds the fields of nested entities and attached messages too, without needing the entity
// parser; a body line that happens to look like a field is harmless input as well.
std::vector<Field> extract_fields(const std::string& bytes) {
  static const std::pair<const char*, Kind> kNames[] = {
      {"content-type", Kind::content_type}, {"content-disposition", Kind::content_disposition},
      {"from", Kind::address},              {"to", Kind::address},
      {"cc", Kind::address},                {"date", Kind::date}};
  std::vector<Field> out;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    std::size_t eol = bytes.find('\n', pos);
    if (eol == std::string::npos) eol = bytes.size();
    const std::string_view line(bytes.data() + pos, eol - pos);
    for (const auto& [name, kind] : kNames) {
      if (!starts_with_name(line, name)) continue;
      const std::size_t colon = pos + line.find(':');
      std::size_t end = eol;
      // Continuation lines begin with WSP (RFC 5322 §2.2.3).
      while (end + 1 < bytes.size() && (bytes[end + 1] == ' ' || bytes[end + 1] == '\t')) {
        const std::size_t next = bytes.find('\n', end + 1);
        end = next == std::string::npos ? bytes.size() : next;
      }
      std::string body = bytes.substr(colon + 1, end - colon - 1);
      if (!body.empty() && body.back() == '\r') body.pop_back();
      out.push_back(Field{name, std::move(body), kind});
      break;
    }
    pos = eol + 1;
  }
  return out;
}

std::string escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\r') out += "\\r";
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c == '\\') out += "\\\\";
    else out.push_back(c);
  }
  return out;
}

std::string params_text(const std::vector<mimetool::Parameter>& ps) {
  std::string out;
  for (const auto& p : ps) out += ";" + p.name + (p.extended ? "*=" + p.charset + "'" : "=") + p.value;
  return out;
}

}  // namespace

TEST(FieldsCorpus, every_field_parses_within_bounds_and_keeps_invariants) {
  if (!std::filesystem::exists(mimetool::test::corpus_dir() / "index.tsv"))
    GTEST_SKIP() << "corpus absent: " << mimetool::test::corpus_dir()
                 << " (set MIMETOOL_CORPUS_DIR to the shared corpus to run this test)";
  const auto messages = mimetool::test::corpus_messages();
  ASSERT_FALSE(messages.empty()) << "index.tsv lists no messages";

  std::ofstream dump;
  if (const char* path = std::getenv("MIMETOOL_FIELDS_DUMP"); path && *path) dump.open(path, std::ios::binary);

  std::map<std::string, std::size_t> fields_by_name;
  std::map<std::string, std::size_t> diag_counts;
  std::size_t ct_missing_type = 0, cd_missing_type = 0, address_fields = 0, mailboxes = 0, groups = 0;
  std::size_t address_fields_without_address = 0, dates = 0, dates_failed = 0, dates_no_offset = 0;
  std::size_t rfc2231_params = 0, total_fields = 0;
  double max_ms = 0;
  std::string slowest;

  for (const auto& path : messages) {
    const std::string bytes = mimetool::test::read_bytes(path);
    for (const Field& f : extract_fields(bytes)) {
      ++total_fields;
      ++fields_by_name[f.name];
      mimetool::Diagnostics d;
      std::string result;
      const auto t0 = Clock::now();
      switch (f.kind) {
        case Kind::content_type: {
          const auto ct = mimetool::parse_content_type(f.body, &d);
          EXPECT_EQ(ct.type.empty(), ct.subtype.empty()) << path << ": " << f.body;
          if (ct.type.empty()) ++ct_missing_type;
          for (const auto& p : ct.params) rfc2231_params += p.extended;
          result = ct.mime_type() + params_text(ct.params);
          break;
        }
        case Kind::content_disposition: {
          const auto cd = mimetool::parse_content_disposition(f.body, &d);
          if (cd.type.empty()) ++cd_missing_type;
          for (const auto& p : cd.params) rfc2231_params += p.extended;
          result = cd.type + params_text(cd.params);
          break;
        }
        case Kind::address: {
          ++address_fields;
          const auto list = mimetool::parse_address_list(f.body, &d);
          const auto mbs = list.mailboxes();
          mailboxes += mbs.size();
          for (const auto& a : list.addresses) groups += std::holds_alternative<mimetool::Group>(a);
          // Never drop a recognisable address: an "@" between atext in the body must show up.
          bool any_address = false;
          for (const auto& m : mbs) {
            any_address |= !m.domain.empty();
            result += (result.empty() ? "" : ", ") + m.display_name + " <" + m.address() + ">";
          }
          if (!any_address) ++address_fields_without_address;
          break;
        }
        case Kind::date: {
          ++dates;
          const auto dt = mimetool::parse_date(f.body, &d);
          if (!dt) {
            ++dates_failed;
          } else {
            if (!dt->has_offset) ++dates_no_offset;
            result = dt->to_rfc3339();
            // Whatever we parsed must survive our own writer and parser unchanged.
            const auto again = mimetool::parse_date(dt->to_rfc5322());
            EXPECT_TRUE(again && *again == *dt) << path << ": " << f.body;
          }
          break;
        }
      }
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
      if (ms > max_ms) {
        max_ms = ms;
        slowest = path.string() + " " + f.name;
      }
      EXPECT_LT(ms, 1000.0) << path << ": " << f.name << " took " << ms << " ms";
      EXPECT_LE(d.size(), 40u) << "diagnostics are one per kind";
      for (const auto& x : d) ++diag_counts[f.name + ":" + x.code];
      if (dump.is_open())
        dump << f.name << '\t' << path.lexically_relative(mimetool::test::corpus_dir()).string() << '\t'
             << escape(f.body) << '\t' << escape(result) << '\n';
    }
  }
  EXPECT_GT(total_fields, 1000u) << "the corpus should hold well over a thousand such fields";

  std::cout << "[fields corpus] messages: " << messages.size() << ", fields: " << total_fields << "\n";
  for (const auto& [name, n] : fields_by_name) std::cout << "  " << name << ": " << n << "\n";
  std::cout << "  content-type without usable type: " << ct_missing_type
            << "; content-disposition without type: " << cd_missing_type
            << "; RFC 2231 extended parameters: " << rfc2231_params << "\n"
            << "  address fields: " << address_fields << ", mailboxes: " << mailboxes << ", groups: " << groups
            << ", fields without any local@domain: " << address_fields_without_address << "\n"
            << "  dates: " << dates << ", unparseable: " << dates_failed << ", without offset: " << dates_no_offset
            << "\n"
            << "  slowest field: " << max_ms << " ms (" << slowest << ")\n"
            << "  diagnostics:\n";
  std::vector<std::pair<std::string, std::size_t>> sorted(diag_counts.begin(), diag_counts.end());
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [code, n] : sorted) std::cout << "    " << code << ": " << n << "\n";
}
