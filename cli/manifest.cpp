#include "manifest.hpp"

#include "mimetool/content.hpp"

namespace mimetool::cli {
namespace {

using json = nlohmann::ordered_json;

json string_or_null(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }
json nonempty_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

json address_list(const Entity& root, std::string_view field) {
  json list = json::array();
  for (const auto& mb : addresses(root, field))
    list.push_back({{"name", mb.name.empty() ? json(nullptr) : json(mb.name)}, {"address", mb.address}});
  return list;
}

json headers_json(const Entity& root, const std::string& charset_hint) {
  json h;
  const auto* subject = root.header("Subject");
  h["subject"] = subject ? json(decoded_value(*subject, charset_hint)) : json(nullptr);
  h["from"] = address_list(root, "From");
  h["to"] = address_list(root, "To");
  h["cc"] = address_list(root, "Cc");
  json date = nullptr;
  if (const auto* d = root.header("Date"))
    if (auto dt = parse_date(d->raw_value())) date = dt->to_rfc3339();
  h["date"] = date;
  json id = nullptr;
  if (const auto* m = root.header("Message-ID"))
    if (auto v = parse_msg_id(m->raw_value())) id = *v;
  h["message_id"] = id;
  return h;
}

json disposition_json(const Entity& e) {
  const auto cd = content_disposition(e);
  if (cd.type.empty()) return nullptr;
  if (cd.type == "inline") return "inline";
  // RFC 2183 §2.8: an unrecognised disposition type is treated as "attachment".
  return "attachment";
}

json encoding_json(const Entity& e) {
  const auto* f = e.header("Content-Transfer-Encoding");
  if (!f) return nullptr;
  const auto te = transfer_encoding(e);
  if (te != TransferEncoding::unknown) return std::string(to_string(te));
  const std::string v = lower(f->value());
  return v.empty() ? json(nullptr) : json(v);
}

json entity_json(const Node& n, const std::optional<PartInfo>& info, bool with_files) {
  const Entity& e = *n.entity;
  json j;
  j["path"] = n.path;
  j["content_type"] = e.media_type();
  j["charset"] = nonempty_or_null(charset(e));
  j["disposition"] = disposition_json(e);
  j["filename"] = string_or_null(filename(e));
  json cid = nullptr;
  if (const auto* f = e.header("Content-ID"))
    if (auto v = parse_msg_id(f->raw_value())) cid = *v;
  j["content_id"] = cid;
  j["encoding"] = encoding_json(e);
  if (info) {
    j["size"] = info->size;
    j["sha256"] = info->sha256;
    if (with_files) j["file"] = info->file;
    if (!info->uuencoded.empty()) {
      json uu = json::array();
      for (const auto& f : info->uuencoded) {
        json u;
        u["filename"] = string_or_null(f.filename);
        u["size"] = f.size;
        u["sha256"] = f.sha256;
        if (with_files) u["file"] = f.file;
        uu.push_back(std::move(u));
      }
      j["uuencoded"] = std::move(uu);
    }
  }
  return j;
}

}  // namespace

json manifest_json(const Document& doc, const std::vector<std::optional<PartInfo>>& infos, bool with_files) {
  json m;
  m["source"] = doc.label();
  m["headers"] = headers_json(doc.message().root(), doc.charset_hint());
  json warnings = json::array();
  for (const auto& d : doc.diagnostics()) warnings.push_back(describe(d));
  m["warnings"] = std::move(warnings);
  json parts = json::array();
  for (std::size_t i = 0; i < doc.nodes().size(); ++i)
    parts.push_back(entity_json(doc.nodes()[i], i < infos.size() ? infos[i] : std::nullopt, with_files));
  m["parts"] = std::move(parts);
  return m;
}

std::string dump_line(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }
std::string dump_pretty(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n"; }

}  // namespace mimetool::cli
