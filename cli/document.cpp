#include "document.hpp"

#include <algorithm>

#include "failure.hpp"
#include "mimetool/content.hpp"

namespace mimetool::cli {
namespace {

// Re-parsing transfer-encoded messages inside transfer-encoded messages is bounded: each layer
// costs a full decode, and nothing legitimate nests this deep.
constexpr std::size_t max_reparse_nesting = 32;

std::string join(const std::string& prefix, const std::string& path) {
  if (prefix.empty()) return path;
  return path.empty() ? prefix : prefix + "." + path;
}

bool is_encapsulated_type(const std::string& media_type) {
  return media_type == "message/rfc822" || media_type == "message/global";
}

bool is_transfer_encoded(const Entity& e) {
  const auto te = transfer_encoding(e);
  return te == TransferEncoding::base64 || te == TransferEncoding::quoted_printable || te == TransferEncoding::uuencode;
}

}  // namespace

std::string describe(const Diagnostic& d) {
  std::string s = "@" + std::to_string(d.offset) + ": " + d.code;
  if (!d.detail.empty()) s += ": " + d.detail;
  s += " (part " + (d.path.empty() ? std::string("root") : d.path) + ")";
  return s;
}

bool has_content(const Node& n) noexcept { return !n.entity->is_multipart(); }

Document::Document(std::string label, Source source, bool strict, const ParseOptions& limits)
    : label_(std::move(label)), limits_(limits) {
  message_ = std::make_unique<Message>(parse(source, limits_));
  diagnostics_ = message_->diagnostics();
  flatten(*message_, "", 0, 0);
  if (strict) {
    for (const auto& d : diagnostics_)
      if (d.severity == Severity::critical)
        throw Failure(Exit::data, label_, "critical defect (--strict): " + describe(d));
  }
}

void Document::flatten(const Message& m, const std::string& prefix, std::size_t depth_base, std::size_t nesting) {
  // At the top, a single-part message's body is the root itself (path "1", depth 0). Inside a
  // re-parsed part P, the paths of the inner message are relative ("1", "2"…) and hang below P.
  const bool adjust_single_root = prefix.empty() && !m.root().is_multipart();
  m.walk([&](const Entity& e, const std::string& path) {
    // Message::walk visits the multipart root of an encapsulated message with the path of its
    // message/rfc822 part; the manifest lists that path once, for the message/rfc822 part.
    if (e.parent() && e.parent()->is_message() && e.is_multipart()) return;
    if (!prefix.empty() && path.empty()) return;  // the same for a re-parsed message's root
    std::size_t comps = path.empty() ? 0 : 1 + static_cast<std::size_t>(std::count(path.begin(), path.end(), '.'));
    if (adjust_single_root && comps > 0) --comps;
    Node n{join(prefix, path), &e, depth_base + comps, false};
    const bool encoded_message =
        !e.is_multipart() && !e.is_message() && is_encapsulated_type(e.media_type()) && is_transfer_encoded(e);
    if (!encoded_message) {
      nodes_.push_back(std::move(n));
      return;
    }
    if (nesting >= max_reparse_nesting) {
      diagnostics_.push_back({"nesting_too_deep", Severity::warning, e.offset(), n.path,
                              "transfer-encoded message parts nested too deep; this one is kept as a file"});
      nodes_.push_back(std::move(n));
      return;
    }
    // RFC 2046 §5.2.1 allows only 7bit/8bit/binary for message/rfc822, but mailers do base64-
    // encode forwarded messages: decode the body and parse it as a message of its own.
    n.reparsed = true;
    const std::string inner_prefix = n.path;
    const std::size_t inner_depth = n.depth;
    nodes_.push_back(std::move(n));
    auto inner = std::make_unique<Message>(parse_encapsulated(e, limits_));
    for (auto d : inner->diagnostics()) {
      d.path = join(inner_prefix, d.path);
      d.detail += (d.detail.empty() ? "" : " ") + std::string("(offset in the decoded body of part ") + inner_prefix + ")";
      diagnostics_.push_back(std::move(d));
    }
    const Message& ref = *inner;
    inner_.push_back(std::move(inner));
    flatten(ref, inner_prefix, inner_depth, nesting + 1);
  });
}

std::string Document::charset_hint() const {
  for (const auto& n : nodes_) {
    std::string cs = charset(*n.entity);
    if (!cs.empty() && cs != "us-ascii") return cs;
  }
  return {};
}

const Node* Document::find(const std::string& path) const noexcept {
  for (const auto& n : nodes_)
    if (n.path == path) return &n;
  return nullptr;
}

std::string Document::path_list(std::size_t max) const {
  std::string out;
  std::size_t k = 0;
  for (const auto& n : nodes_) {
    if (k == max) {
      out += ", …";
      break;
    }
    if (k++) out += ", ";
    out += n.path.empty() ? "\"\"" : n.path;
  }
  return out;
}

}  // namespace mimetool::cli
