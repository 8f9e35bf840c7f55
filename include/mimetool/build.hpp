#pragma once
/// \file build.hpp
/// Composing messages: a tree of Part values (leaves, multiparts, encapsulated messages) and a
/// MessageBuilder that settles the shape the way mail clients do, then a strict serializer.
///
/// Content is held as the caller gives it (UTF-8 text, raw bytes); transfer encodings, header
/// encodings and boundaries are chosen when the tree is written:
/// - bodies: 7bit for short-lined ASCII, quoted-printable for mostly-ASCII text, base64 (76-column
///   lines) for the rest; 8bit only when WriteOptions::allow_8bit is set (choose_transfer_encoding);
/// - header fields: folded at 78 columns (76 on lines holding encoded-words), non-ASCII text as
///   RFC 2047 encoded-words, display names encoded or quoted, non-ASCII or long parameters as
///   RFC 2231 plus an RFC 2047 `name=` for old clients; MIME-Version: 1.0 on message roots only;
/// - boundaries: random (std::mt19937_64, seeded by WriteOptions::seed, else std::random_device),
///   regenerated until they occur nowhere in the encoded parts they enclose.
///
/// Nothing here throws for bad input: setters that can fail return Result, and the builder keeps
/// its first error and returns it from build().
///
/// Example:
/// \code
///   mimetool::MessageBuilder b;
///   b.from("张三 <zhang@example.cn>").to("bob@example.org").subject("季度报告")
///    .text("见附件。\n").html("<p>见附件。</p>\n")
///    .attach_file("report.pdf");
///   auto bytes = b.to_string();                 // Result<std::string>
///   if (!bytes) std::cerr << bytes.error().message << "\n";
/// \endcode

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mimetool/codec.hpp"
#include "mimetool/export.hpp"
#include "mimetool/result.hpp"
#include "mimetool/write_format.hpp"

namespace mimetool {

struct DateTime;

/// How a built tree is serialized.
struct WriteOptions {
  /// Line ending, fold column and the charset for encoded-words in header fields.
  FormatOptions format;
  /// Allow Content-Transfer-Encoding: 8bit for text with non-ASCII bytes (RFC 6152 transports).
  bool allow_8bit = false;
  /// Seed for the boundary generator: equal seeds give identical bytes. Unset: std::random_device.
  std::optional<std::uint64_t> seed;
  /// Text written before the first boundary of the top-level multipart, for readers that do not
  /// know MIME (RFC 2046 §5.1.1). Empty: no preamble.
  std::string preamble = "This is a multi-part message in MIME format.";
};

/// One header field as the caller gave it: name and UTF-8 value, encoded only when written.
struct HeaderSpec {
  std::string name;   ///< field name as given (case kept)
  std::string value;  ///< field value as UTF-8, not yet encoded or folded
};

/// A node of a message under construction: a leaf (text or bytes), a multipart holding parts, or
/// an encapsulated message (message/rfc822). Values own their content; copying copies it.
class MIMETOOL_API Part {
 public:
  /// What the node holds.
  enum class Kind { leaf, multipart, message };

  /// An empty text/plain leaf.
  Part();

  // --- leaves ----------------------------------------------------------------------------------
  /// A text part (text/`subtype`) from UTF-8, stored converted to `charset` with from_utf8().
  /// Line breaks (LF or CRLF) are written as the output's line ending. Errors: unknown_charset for
  /// a charset label not known, invalid_sequence when the text holds a character the charset
  /// cannot represent (the offset is that of the character in `utf8`), invalid_argument for a bad
  /// subtype.
  static Result<Part> text(std::string_view utf8, std::string_view charset = "utf-8",
                           std::string_view subtype = "plain");
  /// Shorthand for text(utf8, charset, "html").
  static Result<Part> html(std::string_view utf8, std::string_view charset = "utf-8");
  /// A leaf holding `bytes` exactly (no line-break conversion), of the given "type/subtype".
  /// Errors: invalid_argument for a malformed media type.
  static Result<Part> data(std::string bytes, std::string_view media_type);
  /// An attachment (Content-Disposition: attachment) named `filename` (UTF-8). An empty media
  /// type is guessed with guess_media_type(). Errors: invalid_argument for a malformed media type.
  static Result<Part> attachment(std::string bytes, std::string_view filename, std::string_view media_type = {});
  /// An attachment read from a file; the filename defaults to the path's last component.
  /// Errors: no_input when the file cannot be opened (or is not a regular file), io on read errors.
  static Result<Part> attachment_from_file(const std::filesystem::path& path, std::string_view media_type = {},
                                           std::string_view filename = {});
  /// An attachment read from a stream to its end. Errors: io when the stream fails.
  static Result<Part> attachment_from_stream(std::istream& in, std::string_view filename,
                                             std::string_view media_type = {});
  /// An inline part (Content-Disposition: inline) with Content-ID `content_id` (without angle
  /// brackets), as referenced by `cid:` URLs in HTML (RFC 2392). An empty media type is guessed
  /// from `filename` and the bytes. Errors: invalid_argument for a malformed id or media type.
  static Result<Part> inline_data(std::string bytes, std::string_view content_id, std::string_view media_type = {},
                                  std::string_view filename = {});

  // --- containers ------------------------------------------------------------------------------
  /// A multipart/`subtype` holding `parts` (writing fails while it holds none: RFC 2046 §5.1.1
  /// requires one body part at least). Errors: invalid_argument for a malformed subtype.
  static Result<Part> multipart(std::string_view subtype, std::vector<Part> parts = {});
  /// A message/rfc822 part encapsulating a built message whose root is `message_root`.
  static Part message(Part message_root);
  /// A message/rfc822 part holding an existing message as bytes. Line breaks are written as the
  /// output's line ending; 7bit when the message is ASCII with short lines, 8bit when allowed,
  /// else base64 (as Outlook does; mimetool::parse_encapsulated reads it).
  static Part message_bytes(std::string raw_message);

  // --- type and structure ----------------------------------------------------------------------
  /// Leaf, multipart or message/rfc822.
  Kind kind() const noexcept { return kind_; }
  /// True for multipart/* parts.
  bool is_multipart() const noexcept { return kind_ == Kind::multipart; }
  /// True for message/rfc822 parts (built or given as bytes).
  bool is_message() const noexcept { return kind_ == Kind::message; }
  /// "type/subtype", lower-case.
  std::string media_type() const { return type_ + "/" + subtype_; }
  /// Changes the media type (a leaf stays a leaf: multipart/* and message/* are refused for
  /// leaves). Errors: invalid_argument.
  Result<void> set_media_type(std::string_view type_subtype);
  /// Body parts of a multipart; for a built message/rfc822, its one root; empty for leaves.
  const std::vector<Part>& parts() const noexcept { return children_; }
  /// Mutable access to the body parts, to edit a tree in place.
  std::vector<Part>& parts() noexcept { return children_; }
  /// Appends a body part. Errors: invalid_argument unless this is a multipart.
  Result<void> add_part(Part part);

  // --- content ---------------------------------------------------------------------------------
  /// The leaf's content bytes (for text parts: already in the part's charset); the raw message
  /// of message_bytes(); empty otherwise.
  const std::string& body() const noexcept { return body_; }
  /// Replaces the content bytes (leaves and message_bytes() parts).
  void set_body(std::string bytes) { body_ = std::move(bytes); }
  /// True for text parts made by text()/html(): line breaks may be rewritten to the output's
  /// line ending (RFC 2046 §4.1.1 canonical form). Other leaves are written byte-exact.
  bool is_text_body() const noexcept { return text_body_; }

  // --- MIME fields -----------------------------------------------------------------------------
  /// Sets a Content-Type parameter (UTF-8 value; RFC 2231-encoded when needed). `boundary` is
  /// chosen by the writer and refused here, as is an invalid name. Errors: invalid_argument.
  Result<void> set_param(std::string_view name, std::string_view utf8_value);
  /// The Content-Type parameter's value, or "" when not set.
  std::string param(std::string_view name) const;
  /// Content-Disposition: `type` ("inline", "attachment") and an optional UTF-8 filename, also
  /// written as the Content-Type `name` for old clients. Errors: invalid_argument for a type that
  /// is not a token, or a filename with a line break.
  Result<void> set_disposition(std::string_view type, std::string_view filename_utf8 = {});
  /// The Content-Disposition type ("" when none is written).
  const std::string& disposition() const noexcept { return disposition_; }
  /// The UTF-8 filename ("" when none).
  const std::string& filename() const noexcept { return filename_; }
  /// Content-ID, given without angle brackets ("logo@example.org"). Errors: invalid_argument for
  /// an id with whitespace, angle brackets, non-ASCII or control characters.
  Result<void> set_content_id(std::string_view id);
  /// The Content-ID without angle brackets ("" when none).
  const std::string& content_id() const noexcept { return content_id_; }
  /// Forces a Content-Transfer-Encoding instead of the choice from content statistics. Writing
  /// fails when it cannot carry the content (7bit for 8-bit text, 7bit/8bit for long lines or
  /// NUL bytes, anything but 7bit/8bit/binary for a message/* or multipart/* entity).
  void set_transfer_encoding(TransferEncoding encoding) { forced_encoding_ = encoding; }

  // --- other header fields -----------------------------------------------------------------------
  /// Replaces every field called `name` with one holding `utf8_value`, or appends it. How the
  /// value is written depends on the name: address fields (From, To, Cc, Bcc, Reply-To, Sender,
  /// Resent-*) are parsed and their display names encoded; Message-ID, References, In-Reply-To,
  /// Date, Received and similar structured fields must be ASCII and are only folded; all others are
  /// unstructured text with RFC 2047 encoded-words where needed. Errors: invalid_argument for an
  /// invalid name, a value with CR or LF, a malformed address list, non-ASCII in a structured
  /// field, or a field the writer owns (MIME-Version, Content-Type, Content-Transfer-Encoding,
  /// Content-Disposition, Content-ID: use the setters above).
  Result<void> set_header(std::string_view name, std::string_view utf8_value);
  /// Appends a field, checked like set_header().
  Result<void> add_header(std::string_view name, std::string_view utf8_value);
  /// Removes every field called `name` (case-insensitive); returns how many.
  std::size_t remove_header(std::string_view name);
  /// The fields set with set_header()/add_header(), in order.
  const std::vector<HeaderSpec>& headers() const noexcept { return headers_; }
  /// The first value of field `name`, or nullptr.
  const std::string* header(std::string_view name) const noexcept;

 private:
  friend struct PartWriter;
  Kind kind_ = Kind::leaf;
  std::string type_ = "text", subtype_ = "plain";
  std::vector<std::pair<std::string, std::string>> params_;
  std::string disposition_, filename_, content_id_;
  std::optional<TransferEncoding> forced_encoding_;
  std::vector<HeaderSpec> headers_;
  std::string body_;
  bool text_body_ = false;
  bool raw_message_ = false;
  std::vector<Part> children_;
};

// --- serialization -----------------------------------------------------------------------------

/// Serializes a tree whose root is a message's top entity (MIME-Version is added to it).
/// Errors: invalid_argument when the tree cannot be written (an empty multipart, a forced
/// encoding that cannot carry its content, a header too long to fold).
MIMETOOL_API Result<std::string> to_string(const Part& root, const WriteOptions& options = {});
/// Serializes to a stream. Errors: as to_string(), plus io when the stream fails.
MIMETOOL_API Result<void> write(const Part& root, std::ostream& out, const WriteOptions& options = {});
/// Serializes to a file through a temporary file in the same folder renamed into place, so the
/// file either holds the whole message or is left as it was. Errors: as to_string(), plus
/// cant_create / io.
MIMETOOL_API Result<void> write_file(const Part& root, const std::filesystem::path& path,
                                     const WriteOptions& options = {});

/// The transfer encoding the writer picks for a leaf (RFC 2045 §6): for text bodies
/// (`text_body`: line breaks may be normalised) 7bit when ASCII without NUL or bare CR and with
/// lines of at most 998 octets, 8bit when only 8-bit bytes stand in the way and `allow_8bit`,
/// quoted-printable when at most a fifth of the bytes are 8-bit, base64 otherwise. For byte-exact
/// content 7bit only when it is such ASCII whose line breaks are already `eol`, else base64.
MIMETOOL_API TransferEncoding choose_transfer_encoding(std::string_view bytes, bool text_body, bool allow_8bit,
                                                       LineEnding eol = LineEnding::crlf) noexcept;

// --- media types ---------------------------------------------------------------------------------

/// The media type registered for the filename's extension in /etc/mime.types (read once,
/// case-insensitive), or "" when there is none.
MIMETOOL_API std::string media_type_for_filename(std::string_view filename);
/// The media type of an attachment: by extension (media_type_for_filename), else by content with
/// libmagic, else application/octet-stream. Never empty.
MIMETOOL_API std::string guess_media_type(std::string_view filename, std::string_view content);

// --- the message builder -------------------------------------------------------------------------

/// Builds a whole message from intent, shaping it as mail clients do: text alone → text/plain;
/// text and HTML → multipart/alternative; inline parts → multipart/related around the HTML (inside
/// the alternative); attachments → everything inside multipart/mixed. Date (local time, RFC 5322)
/// and Message-ID (`<random@sender-domain>`) are generated unless given. Bcc recipients are never
/// written into the header (they are envelope recipients: see recipients()).
///
/// Setters record the first error and return *this, so calls chain; build() reports that error.
class MIMETOOL_API MessageBuilder {
 public:
  MessageBuilder();
  ~MessageBuilder();
  /// Copies everything set so far (content included).
  MessageBuilder(const MessageBuilder&);
  /// Copies everything set so far (content included).
  MessageBuilder& operator=(const MessageBuilder&);

  /// The author (one mailbox, UTF-8 display name allowed): `Zhang San <z@example.cn>`.
  MessageBuilder& from(std::string_view utf8_mailbox);
  /// Adds recipients; a comma-separated list is allowed. Repeatable.
  MessageBuilder& to(std::string_view utf8_list);
  /// Adds copy recipients, like to().
  MessageBuilder& cc(std::string_view utf8_list);
  /// Blind-copy recipients: returned by recipients(), never written.
  MessageBuilder& bcc(std::string_view utf8_list);
  /// Adds Reply-To addresses, like to().
  MessageBuilder& reply_to(std::string_view utf8_list);
  /// The subject as UTF-8 (RFC 2047-encoded where needed). A line break in it is an error.
  MessageBuilder& subject(std::string_view utf8);
  /// The Date field from an RFC 5322 date (obsolete forms accepted, rewritten canonically).
  MessageBuilder& date(std::string_view rfc5322_date);
  /// The Date field from a DateTime (see fields.hpp), with its UTC offset.
  MessageBuilder& date(const DateTime& when);
  /// The Message-ID, with or without angle brackets; must look like `left@right`.
  MessageBuilder& message_id(std::string_view id);
  /// Appends any other header field (see Part::set_header for how values are written).
  MessageBuilder& header(std::string_view name, std::string_view utf8_value);
  /// The plain-text body (UTF-8, written in `charset`).
  MessageBuilder& text(std::string_view utf8, std::string_view charset = "utf-8");
  /// The HTML body (UTF-8, written in `charset`).
  MessageBuilder& html(std::string_view utf8, std::string_view charset = "utf-8");
  /// A part shown inside the HTML (give it a Content-ID: Part::inline_data).
  MessageBuilder& add_inline(Part part);
  /// An inline part from a file, with Content-ID `content_id`.
  MessageBuilder& inline_file(const std::filesystem::path& path, std::string_view content_id,
                              std::string_view media_type = {});
  /// An attachment (any Part: a file, bytes, a message/rfc822, a nested multipart).
  MessageBuilder& attach(Part part);
  /// Uses `body` as the message body in place of the shape text()/html()/add_inline() would give
  /// (any tree: nested multiparts, custom types). Attachments still wrap it in multipart/mixed.
  /// build() fails when text(), html() or add_inline() were used as well.
  MessageBuilder& body(Part body);
  /// An attachment from a file (see Part::attachment_from_file).
  MessageBuilder& attach_file(const std::filesystem::path& path, std::string_view media_type = {},
                              std::string_view filename = {});
  /// Seed for Message-ID generation, and for boundaries when the WriteOptions given to
  /// to_string()/write_file() have none.
  MessageBuilder& seed(std::uint64_t seed);

  /// The first error any setter met, if any.
  const std::optional<Error>& error() const noexcept { return error_; }
  /// The message tree, with Date and Message-ID filled in. Errors: the first setter error;
  /// invalid_argument when there is no From.
  Result<Part> build() const;
  /// Envelope recipients: the addresses of To, Cc and Bcc, in that order.
  std::vector<std::string> recipients() const;
  /// build() then mimetool::to_string().
  Result<std::string> to_string(WriteOptions options = {}) const;
  /// build() then mimetool::write_file().
  Result<void> write_file(const std::filesystem::path& path, WriteOptions options = {}) const;

 private:
  void fail(Error e);
  std::optional<Error> error_;
  std::vector<HeaderSpec> fields_;  // From/Reply-To/To/Cc/Subject/… in the order given
  std::vector<std::string> envelope_;
  std::vector<std::string> bcc_;
  std::optional<std::string> date_, message_id_, from_domain_;
  std::optional<Part> text_, html_, body_;
  std::vector<Part> inline_, attachments_;
  std::optional<std::uint64_t> seed_;
};

}  // namespace mimetool
