#pragma once
/// \file manifest.hpp
/// The manifest: what a message holds, as JSON (docs/manifest.schema.json describes it).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "document.hpp"
#include "part_content.hpp"

namespace mimetool::cli {

/// Builds the manifest of `doc`. `infos[i]` belongs to `doc.nodes()[i]` (set for nodes with
/// content). `with_files`: add the "file" keys (explode).
nlohmann::ordered_json manifest_json(const Document& doc, const std::vector<std::optional<PartInfo>>& infos,
                                     bool with_files);

/// One line of JSON (UTF-8, invalid sequences replaced), no trailing newline.
std::string dump_line(const nlohmann::ordered_json& j);
/// Indented JSON with a trailing newline.
std::string dump_pretty(const nlohmann::ordered_json& j);

}  // namespace mimetool::cli
