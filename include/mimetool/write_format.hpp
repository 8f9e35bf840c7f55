#pragma once
/// \file write_format.hpp
/// Header field formatting for the message writer: folding (RFC 5322 §2.2.3), unstructured text
/// with RFC 2047 encoded-words, and address lists whose display names are encoded or quoted.
/// The MessageBuilder uses these, and so can code that edits a parsed message with
/// Entity::set_header(), which wants a field body that is already encoded and folded.
///
/// Example (editing a parsed message):
/// \code
///   auto body = mimetool::format_unstructured_body("Subject", "Grüße aus Köln");
///   if (body) msg.root().set_header("Subject", *body);
/// \endcode

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "mimetool/codec.hpp"
#include "mimetool/export.hpp"
#include "mimetool/result.hpp"

namespace mimetool {

/// How the writer lays out lines.
struct FormatOptions {
  /// Line ending written everywhere: CRLF is the wire form (RFC 5322 §2.1); LF suits local files.
  LineEnding eol = LineEnding::crlf;
  /// Header lines are folded so that they stay within this many characters where the grammar
  /// allows a fold (RFC 5322 §2.1.1 recommends 78). Lines holding an encoded-word stay within
  /// min(fold_column, 76) (RFC 2047 §2). A token longer than that is kept whole on its own line;
  /// no line ever passes 998 characters (callers get an error instead).
  std::size_t fold_column = 78;
  /// Charset for RFC 2047 encoded-words in header fields (UTF-8 unless the caller wants, say,
  /// iso-2022-jp for old Japanese clients). Text the charset cannot represent falls back to UTF-8.
  std::string header_charset = "utf-8";
};

/// "\r\n" or "\n".
MIMETOOL_API std::string_view eol_string(LineEnding eol) noexcept;

/// True when `name` is a valid field name: one or more printable ASCII characters other than
/// ':' (RFC 5322 §2.2, ftext).
MIMETOOL_API bool is_valid_field_name(std::string_view name) noexcept;

/// Folds a field made of tokens into lines: "Name: tok1 tok2…" followed by the line ending.
///
/// Each token after the first should start with the whitespace that separates it from the one
/// before; the writer breaks lines only before such whitespace (RFC 5322 §2.2.3), greedily, so a
/// line stays within the limit of FormatOptions::fold_column (76 for a line holding an
/// encoded-word, recognised by "=?" … "?="). The first token may be moved to its own continuation
/// line when "Name:" leaves no room. Tokens must not contain CR or LF. Errors: invalid_argument
/// when the name is not a valid field name, when a token holds CR or LF, or when a token is too
/// long to fit within 998 characters on a line.
MIMETOOL_API Result<std::string> fold_field(std::string_view name, const std::vector<std::string>& tokens,
                                            const FormatOptions& options = {});

/// Formats an unstructured field (Subject, Comments, X-…) from UTF-8 text: words needing it
/// become RFC 2047 encoded-words (in options.header_charset), ASCII words stay as they are, and the
/// field is folded. ASCII words too long for a line become encoded-words too, so that no line
/// passes 998 characters. Returns the whole field including its line ending.
/// Errors: invalid_argument when the name is invalid or the text contains CR or LF.
MIMETOOL_API Result<std::string> format_unstructured_field(std::string_view name, std::string_view utf8,
                                                           const FormatOptions& options = {});

/// One mailbox to write: a UTF-8 display name (may be empty) and an ASCII addr-spec.
struct MailboxSpec {
  std::string display_name;  ///< UTF-8; encoded with RFC 2047 (phrase rules) or quoted as needed
  std::string address;       ///< addr-spec "local@domain", ASCII, already valid
};

/// Parses an address list given as UTF-8 text (`Zhang San <z@example.cn>, "Doe, J" <j@x.test>`)
/// into mailboxes. Display names may be raw UTF-8 or RFC 2047 encoded-words (decoded).
/// Errors: invalid_argument for anything that is not a clean list of mailboxes with a local part
/// and a domain (groups are flattened), for non-ASCII addresses (they would need SMTPUTF8,
/// RFC 6531) and for CR or LF anywhere.
MIMETOOL_API Result<std::vector<MailboxSpec>> parse_mailboxes(std::string_view utf8_list);

/// Formats an address field (From, To, Cc, Reply-To…): display names as they are when they are
/// RFC 5322 atoms, quoted when ASCII with specials, RFC 2047 phrase-encoded when not ASCII; the
/// addr-spec is never encoded. Folds between mailboxes and between words of a name.
/// Errors: invalid_argument for an invalid field name, an empty list, a non-ASCII or malformed
/// address, or CR/LF anywhere.
MIMETOOL_API Result<std::string> format_address_field(std::string_view name, const std::vector<MailboxSpec>& mailboxes,
                                                       const FormatOptions& options = {});

/// Formats a field whose body is structured ASCII written as given (Message-ID, References,
/// Date, Received…): only folded at existing whitespace. Errors: invalid_argument for an invalid
/// name, CR/LF, non-ASCII bytes, or a word that cannot fit within 998 characters.
MIMETOOL_API Result<std::string> format_structured_field(std::string_view name, std::string_view ascii,
                                                         const FormatOptions& options = {});

/// The field body of a formatted field, as Entity::set_header() wants it: strips "Name: " and the
/// final line ending of `field` (the output of the format_* functions above), keeping the folds.
MIMETOOL_API std::string field_body(std::string_view field);

/// Convenience for editing parsed messages: format_unstructured_field() then field_body().
MIMETOOL_API Result<std::string> format_unstructured_body(std::string_view name, std::string_view utf8,
                                                          const FormatOptions& options = {});

}  // namespace mimetool
