#include "part_content.hpp"

#include <algorithm>
#include <cstring>
#include <optional>

#include "mimetool/content.hpp"
#include "sha256.hpp"

namespace mimetool::cli {
namespace {

// Text bodies larger than this are not searched for uuencoded files (they would have to be
// held in memory whole to be searched).
constexpr std::size_t max_uuencode_search = 256u << 20;

std::string_view decode_code(TransferEncoding te) {
  switch (te) {
    case TransferEncoding::base64: return "invalid_base64";
    case TransferEncoding::quoted_printable: return "invalid_quoted_printable";
    case TransferEncoding::uuencode: return "invalid_uuencode";
    default: return "invalid_encoding";
  }
}

std::string valid_utf8(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
    bool ok = len > 0 && i + len <= s.size() && (len != 2 || b >= 0xC2);
    for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

}  // namespace

void stream_part(Document& doc, const Node& node, PartInfo& info, const std::function<void(std::string_view)>& sink,
                 bool find_uuencoded, bool hash) {
  const Entity& e = *node.entity;
  // OpenSSL is initialised on first use: only runs that print a manifest pay for it.
  std::optional<Sha256> sha;
  if (hash) sha.emplace();
  std::uint64_t size = 0;
  const bool search_uu =
      find_uuencoded && e.media_type() == "text/plain" && transfer_encoding(e) != TransferEncoding::uuencode;
  // Whether "begin " occurs in the decoded text. Only then is the body decoded a second time and
  // searched, so that ordinary text bodies are never held in memory whole.
  bool saw_begin = false;
  char tail[8];
  std::size_t tail_len = 0;
  auto look_for_begin = [&](std::string_view chunk) {
    static constexpr std::string_view needle = "begin ";
    if (saw_begin || chunk.empty()) return;
    // A "begin " split across two chunks: the previous chunk's last bytes plus this one's first.
    if (tail_len) {
      char joined[16];
      const std::size_t head = std::min(chunk.size(), needle.size() - 1);
      std::memcpy(joined, tail, tail_len);
      std::memcpy(joined + tail_len, chunk.data(), head);
      if (std::string_view(joined, tail_len + head).find(needle) != std::string_view::npos) saw_begin = true;
    }
    if (chunk.find(needle) != std::string_view::npos) saw_begin = true;
    // Keep the last needle.size() - 1 bytes seen (they may span several tiny chunks).
    char keep[16];
    std::size_t keep_len = 0;
    const std::size_t want = needle.size() - 1;
    if (chunk.size() >= want) {
      std::memcpy(keep, chunk.data() + chunk.size() - want, want);
      keep_len = want;
    } else {
      const std::size_t from_tail = std::min(tail_len, want - chunk.size());
      std::memcpy(keep, tail + tail_len - from_tail, from_tail);
      std::memcpy(keep + from_tail, chunk.data(), chunk.size());
      keep_len = from_tail + chunk.size();
    }
    std::memcpy(tail, keep, keep_len);
    tail_len = keep_len;
  };
  auto consume = [&](std::string_view chunk) {
    if (sha) sha->update(chunk);
    size += chunk.size();
    if (search_uu) look_for_begin(chunk);
    sink(chunk);
  };
  if (e.is_message()) {
    // An encapsulated message the parser opened has an identity encoding (RFC 2046 §5.2.1):
    // its body is the message as written.
    consume(e.raw_body());
  } else {
    DecodeReport report;
    decode_body_to(e, consume, &report);
    if (report.invalid) {
      const std::size_t body_offset = e.offset() + static_cast<std::size_t>(e.raw_body().data() - e.raw().data());
      doc.add_diagnostic({std::string(decode_code(transfer_encoding(e))), Severity::warning,
                          body_offset + report.first_invalid, node.path,
                          "the body does not decode cleanly; undecodable bytes were skipped"});
    }
  }
  info.size = size;
  if (sha) info.sha256 = sha->hex();
  if (search_uu && saw_begin && size <= max_uuencode_search) {
    // The decoding defects, if any, were reported on the first pass.
    const std::string text = decoded_body(e);
    for (auto& block : find_uuencode_blocks(text)) {
      UuFile f;
      if (!block.name.empty()) f.filename = valid_utf8(block.name);
      f.size = block.data.size();
      if (hash) {
        Sha256 h;
        h.update(block.data);
        f.sha256 = h.hex();
      }
      f.data = std::move(block.data);
      info.uuencoded.push_back(std::move(f));
    }
  }
}

}  // namespace mimetool::cli
