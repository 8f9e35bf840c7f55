#include "media_types.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>
#include <unordered_map>

namespace mimetool::cli {
namespace {

using Table = std::unordered_map<std::string, std::string>;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The whole file, read with plain read() calls; "" when it cannot be read.
std::string read_file(const char* path) {
  std::string data;
  const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return data;
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) {
      data.append(buf, static_cast<std::size_t>(n));
      if (data.size() > (16u << 20)) break;  // not a mime.types file
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  ::close(fd);
  return data;
}

// mime.types: "type/subtype  ext1 ext2…", '#' comments. The first extension is the preferred one.
// Read once, on the first extension that is not one of the fixed choices below: a run that only
// meets named attachments and text never opens the file.
Table load_table() {
  Table t;
  const char* env = std::getenv("MIMETOOL_MIME_TYPES");
  const std::string data = read_file(env && *env ? env : "/etc/mime.types");
  std::size_t pos = 0;
  while (pos < data.size()) {
    std::size_t end = data.find('\n', pos);
    if (end == std::string::npos) end = data.size();
    std::string_view line(data.data() + pos, end - pos);
    pos = end + 1;
    if (const auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    std::size_t i = 0;
    while (i < line.size() && is_space(line[i])) ++i;
    const std::size_t type_start = i;
    while (i < line.size() && !is_space(line[i])) ++i;
    const std::size_t type_end = i;
    while (i < line.size() && is_space(line[i])) ++i;
    const std::size_t ext_start = i;
    while (i < line.size() && !is_space(line[i])) ++i;
    if (type_start == type_end || ext_start == i) continue;
    std::string type(line.substr(type_start, type_end - type_start));
    for (auto& c : type) c = lower(c);
    t.emplace(std::move(type), std::string(line.substr(ext_start, i - ext_start)));
  }
  return t;
}

bool is_safe_extension(std::string_view ext) {
  if (ext.empty() || ext.size() > 16) return false;
  for (char c : ext)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '+'))
      return false;
  return true;
}

}  // namespace

std::string extension_for(std::string_view media_type) {
  // Fixed choices that do not depend on the system's file: the ones people look for, and the
  // commonest parts without a file name.
  if (media_type == "text/plain") return "txt";
  if (media_type == "text/html") return "html";
  if (media_type == "message/rfc822") return "eml";
  static const Table table = load_table();  // thread-safe one-time initialisation
  const auto it = table.find(std::string(media_type));
  if (it == table.end() || !is_safe_extension(it->second)) return "bin";
  return it->second;
}

}  // namespace mimetool::cli
