#include "mbox.hpp"

namespace mimetool::cli {
namespace {

bool starts_from_line(std::string_view s, std::size_t pos) noexcept {
  return s.compare(pos, 5, "From ") == 0;
}

// Does the quoted form ">…>From " start at pos?
bool is_quoted_from(std::string_view s, std::size_t pos) noexcept {
  std::size_t i = pos;
  while (i < s.size() && s[i] == '>') ++i;
  return i > pos && starts_from_line(s, i);
}

}  // namespace

std::vector<MboxSlice> split_mbox(std::string_view mbox, bool* leading_junk) {
  if (leading_junk) *leading_junk = false;
  std::vector<MboxSlice> out;
  std::size_t start = mbox.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  // Separator positions: offsets of "From " lines.
  std::vector<std::size_t> seps;
  if (starts_from_line(mbox, start)) seps.push_back(start);
  for (std::size_t pos = start; pos < mbox.size();) {
    const auto nl = mbox.find('\n', pos);
    if (nl == std::string_view::npos) break;
    const std::size_t next = nl + 1;
    // A blank line is "\n" or "\r\n"; a From line after it is a separator.
    const bool blank = nl == pos || (nl == pos + 1 && mbox[pos] == '\r');
    if (blank && starts_from_line(mbox, next)) seps.push_back(next);
    pos = next;
  }
  auto body_end = [&](std::size_t end) {
    // The blank line before the next separator (or a final one) belongs to the separator.
    if (end >= 2 && mbox[end - 1] == '\n' && mbox[end - 2] == '\n') return end - 1;
    if (end >= 4 && mbox.substr(end - 4, 4) == "\r\n\r\n") return end - 2;
    return end;
  };
  if (seps.empty() || seps.front() > start) {
    const std::size_t end = seps.empty() ? mbox.size() : seps.front();
    const auto lead = mbox.substr(start, end - start);
    if (lead.find_first_not_of(" \t\r\n") != std::string_view::npos) {
      if (leading_junk) *leading_junk = true;
      out.push_back({start, mbox.substr(start, body_end(end) - start)});
    }
  }
  for (std::size_t k = 0; k < seps.size(); ++k) {
    const auto line_end = mbox.find('\n', seps[k]);
    const std::size_t begin = line_end == std::string_view::npos ? mbox.size() : line_end + 1;
    const std::size_t end = k + 1 < seps.size() ? seps[k + 1] : mbox.size();
    const std::size_t stop = std::max(begin, body_end(end));
    out.push_back({begin, mbox.substr(begin, stop - begin)});
  }
  return out;
}

bool has_from_quoting(std::string_view m) noexcept {
  for (std::size_t pos = 0; pos < m.size();) {
    if (is_quoted_from(m, pos)) return true;
    const auto nl = m.find('\n', pos);
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return false;
}

std::string unquote_from_lines(std::string_view m) {
  std::string out;
  out.reserve(m.size());
  for (std::size_t pos = 0; pos < m.size();) {
    auto nl = m.find('\n', pos);
    const std::size_t next = nl == std::string_view::npos ? m.size() : nl + 1;
    if (is_quoted_from(m, pos)) ++pos;  // drop one '>'
    out.append(m.substr(pos, next - pos));
    pos = next;
  }
  return out;
}

}  // namespace mimetool::cli
