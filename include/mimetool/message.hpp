#pragma once
/// \file message.hpp
/// The parsed message: a tree of entities whose header fields and bodies are views into the
/// Source buffer. Nothing is copied while parsing; an unmodified tree writes back byte for byte.
///
/// Example:
/// \code
///   auto src = mimetool::Source::from_file("msg.eml");
///   if (!src) return;
///   mimetool::Message msg = mimetool::parse(*src);
///   for (const auto& d : msg.diagnostics()) std::cerr << d.code << "\n";
///   const mimetool::Entity& root = msg.root();
///   if (const auto* subject = root.header("Subject")) std::cout << subject->value() << "\n";
/// \endcode

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mimetool/diagnostic.hpp"
#include "mimetool/export.hpp"
#include "mimetool/source.hpp"

namespace mimetool {

/// Limits and policy for parse(). Every limit has a safe default; going past one yields a
/// critical diagnostic and keeps the rest of the input as an opaque body, never a crash.
struct ParseOptions {
  std::size_t max_depth = 100;                     ///< nesting of multiparts and messages
  std::size_t max_parts = 100000;                  ///< entities in the whole tree
  std::size_t max_header_fields = 100000;          ///< header fields in one entity
  std::size_t max_header_bytes = 64 * 1024 * 1024; ///< bytes of one entity's header block
  std::size_t max_diagnostics = 1000;              ///< diagnostics kept; later ones are counted once
};

/// One header field. The views live as long as the Message.
class MIMETOOL_API HeaderField {
 public:
  /// Field name as written (no trailing whitespace before the colon).
  std::string_view name() const noexcept { return name_; }
  /// The whole field as written: name, colon, body with its folding, final line ending.
  std::string_view raw() const noexcept { return raw_; }
  /// The field body as written: after the colon, folding kept, final line ending removed.
  std::string_view raw_value() const noexcept { return raw_value_; }
  /// The field body unfolded (RFC 5322 §2.2.3: line endings before whitespace removed), leading
  /// and trailing whitespace trimmed. Not decoded: see decode_rfc2047() for encoded-words.
  std::string value() const;
  /// Byte offset of the field in the Source (meaningless for fields added by editing).
  std::size_t offset() const noexcept { return offset_; }
  /// Case-insensitive name comparison.
  bool is(std::string_view name) const noexcept;

 private:
  friend class Entity;
  friend struct detail_access;
  std::string_view name_, raw_, raw_value_;
  std::size_t offset_ = 0;
  std::shared_ptr<const std::string> owned_;  // set for fields added or changed by editing
};

/// What an entity's body holds.
enum class EntityKind {
  leaf,       ///< a body to decode
  multipart,  ///< body parts separated by boundary delimiters
  message,    ///< an encapsulated message (message/rfc822, message/global), parsed recursively
};

class Message;

/// One MIME entity: header fields plus a body (a leaf body, body parts, or a message).
class MIMETOOL_API Entity {
 public:
  Entity(const Entity&) = delete;
  Entity& operator=(const Entity&) = delete;

  // --- header fields ---------------------------------------------------------------------
  /// All header fields in order, duplicates kept.
  const std::vector<HeaderField>& headers() const noexcept { return headers_; }
  /// The first field with this name (case-insensitive), or nullptr.
  const HeaderField* header(std::string_view name) const noexcept;
  /// Every field with this name, in order.
  std::vector<const HeaderField*> headers(std::string_view name) const;

  // --- type -------------------------------------------------------------------------------
  /// What the body holds, as parsed.
  EntityKind kind() const noexcept { return kind_; }
  /// True for a multipart parsed into body parts (a multipart whose boundary never delimits a
  /// part is a leaf, with a diagnostic).
  bool is_multipart() const noexcept { return kind_ == EntityKind::multipart; }
  /// True for an encapsulated message parsed in place (message/rfc822, global, news).
  bool is_message() const noexcept { return kind_ == EntityKind::message; }
  /// "type/subtype" lower-cased; defaults per RFC 2045 §5.2 (text/plain, or message/rfc822
  /// inside multipart/digest) when the field is absent or unusable.
  const std::string& media_type() const noexcept { return media_type_; }
  /// The boundary of a multipart ("" otherwise).
  const std::string& boundary() const noexcept { return boundary_; }

  // --- bytes --------------------------------------------------------------------------------
  /// The entity as written in the source (header block, separator, body). For edited entities
  /// use write().
  std::string_view raw() const noexcept { return raw_; }
  /// The header block: every field including its final line ending (and an mbox "From " line).
  std::string_view raw_headers() const noexcept { return raw_headers_; }
  /// The body, still transfer-encoded. For a multipart, everything after the header block
  /// separator: preamble, parts, delimiters, epilogue.
  std::string_view raw_body() const;
  /// Multipart only: text before the first boundary delimiter (its final line ending belongs to
  /// the delimiter, RFC 2046 §5.1.1).
  std::string_view preamble() const noexcept { return preamble_; }
  /// Multipart only: text after the close delimiter line.
  std::string_view epilogue() const noexcept { return epilogue_; }
  /// Offset of raw() in the Source.
  std::size_t offset() const noexcept { return offset_; }

  // --- tree ---------------------------------------------------------------------------------
  /// Body parts of a multipart, or the single encapsulated message root of a message entity.
  const std::vector<Entity*>& children() const noexcept { return children_; }
  /// The encapsulated message's root entity (message kind only), else nullptr.
  const Entity* message_root() const noexcept { return is_message() && !children_.empty() ? children_[0] : nullptr; }
  /// The enclosing multipart or message entity; nullptr for the root.
  const Entity* parent() const noexcept { return parent_; }
  /// Nesting depth: 0 for the root.
  std::size_t depth() const noexcept { return depth_; }

  // --- editing (writes re-serialize only what changed) ---------------------------------------
  /// Replaces the first field with this name (or appends one) with `name: body`. `body` is
  /// written as given, and must already be encoded and folded (see write.hpp helpers).
  void set_header(std::string_view name, std::string_view body);
  /// Appends a field `name: body` after the existing ones.
  void add_header(std::string_view name, std::string_view body);
  /// Removes every field with this name; returns how many.
  std::size_t remove_headers(std::string_view name);
  /// Replaces a leaf body with these (already transfer-encoded) bytes.
  void set_raw_body(std::string body);
  /// Removes body part `index` of a multipart. Returns false when out of range.
  bool remove_child(std::size_t index);
  /// True when this entity or something below it was edited.
  bool is_modified() const noexcept { return modified_; }

 private:
  friend class Message;
  friend struct detail_access;
  Entity() = default;
  void mark_modified() noexcept;

  Message* message_ = nullptr;
  Entity* parent_ = nullptr;
  std::vector<Entity*> children_;
  std::vector<HeaderField> headers_;
  EntityKind kind_ = EntityKind::leaf;
  std::string media_type_;
  std::string boundary_;
  std::size_t offset_ = 0;
  std::size_t depth_ = 0;
  std::string_view raw_, raw_headers_, separator_, preamble_, epilogue_;
  std::string_view body_;                        // leaf: body; others: whole body
  std::vector<std::string_view> delimiters_;     // multipart: bytes before each child (CRLF--b CRLF)
  std::string_view close_;                       // multipart: bytes from last child's end to epilogue
  std::shared_ptr<const std::string> owned_body_;
  bool modified_ = false;
  bool headers_modified_ = false;
};

/// A parsed message: the entity tree, the diagnostics, and the Source that owns the bytes.
class MIMETOOL_API Message {
 public:
  /// Moves the tree; views stay valid (the bytes are shared, entities are not moved).
  Message(Message&&) noexcept;
  /// Moves the tree; views stay valid.
  Message& operator=(Message&&) noexcept;
  ~Message();

  /// The top-level entity.
  const Entity& root() const noexcept { return *root_; }
  /// The top-level entity, for editing.
  Entity& root() noexcept { return *root_; }
  /// Defects found while parsing, in input order.
  const Diagnostics& diagnostics() const noexcept { return diagnostics_; }
  /// The bytes every view points into.
  const Source& source() const noexcept { return source_; }
  /// Number of entities in the tree.
  std::size_t entity_count() const noexcept { return entities_.size(); }

  /// Visits every entity depth-first in pre-order with its IMAP section path (RFC 3501 §6.4.5):
  /// a multipart root is "", its parts "1", "2"…; a single-part message's body is "1"; the
  /// encapsulated message of a message/rfc822 part "P" has root path "P" when multipart (its parts
  /// "P.1"…) and "P.1" when single-part. Iterative: deep trees do not grow the call stack.
  void walk(const std::function<void(const Entity&, const std::string& path)>& visit) const;
  /// The entity at an IMAP section path ("" is the root), or nullptr.
  const Entity* find(std::string_view path) const;

 private:
  friend class Parser;
  friend class Entity;
  friend struct detail_access;
  Message();
  Entity* new_entity();

  Source source_;
  std::vector<std::unique_ptr<Entity>> entities_;
  Entity* root_ = nullptr;
  Diagnostics diagnostics_;
};

/// Parses a message leniently: always returns a tree (an empty input gives a root with no
/// fields and an empty body) plus diagnostics. One forward pass; no body is copied.
MIMETOOL_API Message parse(const Source& source, const ParseOptions& options = {});

/// Like parse(), but fails with ErrorCode::data on the first critical diagnostic (or any
/// diagnostic when `any_warning` is set).
MIMETOOL_API Result<Message> parse_strict(const Source& source, const ParseOptions& options = {},
                                          bool any_warning = false);

/// Serializes the entity: untouched entities are copied verbatim, edited ones rebuilt.
MIMETOOL_API void write(const Entity& entity, std::string& out);
/// Serializes the whole message; equals the input byte for byte when nothing was edited.
MIMETOOL_API std::string write(const Message& message);

}  // namespace mimetool
