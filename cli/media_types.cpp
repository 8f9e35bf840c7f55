#include "media_types.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unordered_map>

namespace mimetool::cli {
namespace {

using Table = std::unordered_map<std::string, std::string>;

// mime.types: "type/subtype  ext1 ext2…", '#' comments. The first extension is the preferred one.
Table load_table() {
  Table t;
  const char* env = std::getenv("MIMETOOL_MIME_TYPES");
  std::ifstream in(env && *env ? env : "/etc/mime.types");
  std::string line;
  while (std::getline(in, line)) {
    if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::istringstream fields(line);
    std::string type, ext;
    if (!(fields >> type >> ext)) continue;
    for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    t.emplace(type, ext);
  }
  // Fixed choices that do not depend on the system's file: the ones people look for.
  t["text/plain"] = "txt";
  t["message/rfc822"] = "eml";
  t.emplace("text/html", "html");
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
  static const Table table = load_table();
  const auto it = table.find(std::string(media_type));
  if (it == table.end() || !is_safe_extension(it->second)) return "bin";
  return it->second;
}

}  // namespace mimetool::cli
