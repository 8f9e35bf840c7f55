// Media types for attachments: the system's /etc/mime.types by extension (Debian's media-types
// package), libmagic by content when the extension says nothing, application/octet-stream last.

#include <fstream>
#include <mutex>
#include <string>
#include <unordered_map>

#include <magic.h>

#include "build/build_internal.hpp"
#include "mimetool/build.hpp"

namespace mimetool {

namespace {

using ExtensionMap = std::unordered_map<std::string, std::string>;

// mime.types format: "type/subtype ext1 ext2 …", '#' starts a comment. The first file to name
// an extension wins, as in mailcap's reading order. Read once per process.
const ExtensionMap& extension_map() {
  static const ExtensionMap map = [] {
    ExtensionMap m;
    for (const char* path : {"/etc/mime.types", "/usr/share/misc/mime.types"}) {
      std::ifstream in(path);
      std::string line;
      while (std::getline(in, line)) {
        if (const auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
        std::size_t pos = line.find_first_not_of(" \t\r");
        if (pos == std::string::npos) continue;
        std::size_t end = line.find_first_of(" \t\r", pos);
        const std::string type = build_detail::ascii_lower(line.substr(pos, end == std::string::npos ? std::string::npos : end - pos));
        if (type.find('/') == std::string::npos) continue;
        while (end != std::string::npos) {
          pos = line.find_first_not_of(" \t\r", end);
          if (pos == std::string::npos) break;
          end = line.find_first_of(" \t\r", pos);
          m.try_emplace(build_detail::ascii_lower(line.substr(pos, end == std::string::npos ? std::string::npos : end - pos)), type);
        }
      }
    }
    return m;
  }();
  return map;
}

// libmagic handles are not thread-safe; one shared cookie behind a mutex, opened on first use.
std::string magic_type(std::string_view content) {
  static std::mutex mu;
  static magic_t cookie = [] {
    magic_t c = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
    if (c && magic_load(c, nullptr) != 0) {
      magic_close(c);
      c = nullptr;
    }
    return c;
  }();
  if (!cookie || content.empty()) return {};
  std::lock_guard lock(mu);
  const char* r = magic_buffer(cookie, content.data(), content.size());
  if (!r) return {};
  std::string type = build_detail::ascii_lower(r);
  // libmagic answers these when it knows nothing: fall through to our own default.
  if (type == "application/octet-stream" || type.find('/') == std::string::npos) return {};
  return type;
}

}  // namespace

std::string media_type_for_filename(std::string_view filename) {
  const auto slash = filename.find_last_of("/\\");
  if (slash != std::string_view::npos) filename.remove_prefix(slash + 1);
  const auto dot = filename.rfind('.');
  if (dot == std::string_view::npos || dot + 1 >= filename.size()) return {};
  const auto& map = extension_map();
  const auto it = map.find(build_detail::ascii_lower(filename.substr(dot + 1)));
  return it == map.end() ? std::string() : it->second;
}

std::string guess_media_type(std::string_view filename, std::string_view content) {
  if (std::string t = media_type_for_filename(filename); !t.empty()) return t;
  if (std::string t = magic_type(content); !t.empty()) return t;
  return "application/octet-stream";
}

}  // namespace mimetool
