#pragma once
/// \file document.hpp
/// A parsed input as the subcommands see it: the message, the flat pre-order list of its
/// entities with IMAP section paths (transfer-encoded message/rfc822 parts opened too), and every
/// diagnostic with its path in the outer message.

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "mimetool/diagnostic.hpp"
#include "mimetool/message.hpp"

namespace mimetool::cli {

/// One entity in manifest order.
struct Node {
  std::string path;             ///< IMAP section path ("" only for a multipart root)
  const Entity* entity = nullptr;
  std::size_t depth = 0;        ///< nesting for display: 0 for the root
  /// A message/rfc822 leaf whose transfer-encoded body was decoded and parsed: its parts follow.
  bool reparsed = false;
};

/// The message plus its flattened entity list. Not copyable; views point into the owned Messages.
class Document {
 public:
  /// Parses `source` leniently with `limits` (or strictly: a critical diagnostic anywhere,
  /// encapsulated messages included, throws Failure with status 65 naming it).
  Document(std::string label, Source source, bool strict, const ParseOptions& limits = {});
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  const std::string& label() const noexcept { return label_; }
  const Message& message() const noexcept { return *message_; }
  const std::vector<Node>& nodes() const noexcept { return nodes_; }
  const Diagnostics& diagnostics() const noexcept { return diagnostics_; }
  /// Adds a defect found later (e.g. while decoding a body).
  void add_diagnostic(Diagnostic d) { diagnostics_.push_back(std::move(d)); }
  /// The node at a section path, or nullptr.
  const Node* find(const std::string& path) const noexcept;
  /// The first charset declared by a part other than us-ascii (lower-cased), or "": the best
  /// guess for raw 8-bit header text and undeclared text in the same message.
  std::string charset_hint() const;
  /// Section paths, in order, for error messages ("(root)" for "").
  std::string path_list(std::size_t max = 20) const;

 private:
  void flatten(const Message& m, const std::string& prefix, std::size_t depth_base, std::size_t nesting);

  std::string label_;
  ParseOptions limits_;
  std::unique_ptr<Message> message_;
  std::vector<std::unique_ptr<Message>> inner_;  // messages decoded from transfer-encoded parts
  std::vector<Node> nodes_;
  Diagnostics diagnostics_;
};

/// "@<offset>: <code>: <detail> (part <path>)", the text of a warning after its input name.
std::string describe(const Diagnostic& d);

/// True when the entity's decoded body is what the manifest sizes and explode writes: leaves and
/// message/rfc822 parts (not multiparts).
bool has_content(const Node& n) noexcept;

}  // namespace mimetool::cli
