#pragma once
/// \file part_content.hpp
/// The decoded bytes of a node, streamed, plus what the manifest records about them.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "document.hpp"

namespace mimetool::cli {

/// A file found uuencoded inside a text/plain body ("begin 644 name" … "end").
struct UuFile {
  std::optional<std::string> filename;  ///< the name on the begin line (invalid UTF-8 replaced)
  std::string data;                      ///< decoded bytes
  std::uint64_t size = 0;
  std::string sha256;                    ///< "" when hashing was not asked for
  std::string file;                      ///< where explode wrote it ("" otherwise)
};

/// What the manifest says about a node with content (leaves and message/rfc822 parts).
struct PartInfo {
  std::uint64_t size = 0;
  std::string sha256;           ///< "" when hashing was not asked for
  std::string file;             ///< path relative to the output folder (explode only)
  std::vector<UuFile> uuencoded;
};

/// Streams the decoded bytes of `node` (transfer encoding undone; message/rfc822 parts: the
/// encapsulated message as written) to `sink`. Decoding defects are added to `doc`. Fills
/// `info.size`, `info.sha256` (only when `hash` is set; "" otherwise) and, when `find_uuencoded`
/// is set, `info.uuencoded` (text/plain bodies are searched for uuencoded files; only a body that
/// contains "begin " is decoded a second time, whole, to be searched).
void stream_part(Document& doc, const Node& node, PartInfo& info, const std::function<void(std::string_view)>& sink,
                 bool find_uuencoded = true, bool hash = true);

}  // namespace mimetool::cli
