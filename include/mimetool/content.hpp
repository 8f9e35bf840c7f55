#pragma once
/// \file content.hpp
/// What an entity means, decoded: its Content-Type and Content-Disposition, its filename, its
/// transfer-decoded body, its text as UTF-8, and decoded header values and addresses. This is the
/// layer that joins the parser's views to the codecs, the field parsers and the charset layer.
///
/// Everything here is lenient: malformed input gives the best reading plus diagnostics.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mimetool/charset.hpp"
#include "mimetool/codec.hpp"
#include "mimetool/diagnostic.hpp"
#include "mimetool/export.hpp"
#include "mimetool/fields.hpp"
#include "mimetool/message.hpp"
#include "mimetool/result.hpp"

namespace mimetool {

/// The entity's Content-Type (first field), parsed; type/subtype empty when absent or unusable.
MIMETOOL_API ContentType content_type(const Entity& e);
/// The entity's Content-Disposition, parsed; type empty when absent.
MIMETOOL_API ContentDisposition content_disposition(const Entity& e);
/// The declared charset parameter lower-cased and trimmed, or "" when none.
MIMETOOL_API std::string charset(const Entity& e);
/// The transfer encoding declared by Content-Transfer-Encoding (seven_bit when absent).
MIMETOOL_API TransferEncoding transfer_encoding(const Entity& e);

/// The attachment filename, decoded to UTF-8 and NFC: Content-Disposition filename, else
/// Content-Type name; RFC 2231 (charset'lang'%XX, continuations) and RFC 2047 (encoded-words
/// inside quoted values, as Outlook and Foxmail send them) decoded; raw 8-bit names converted
/// using the entity's charset, else detected. Not made safe for a file system: see the CLI.
/// nullopt when the entity names no file.
MIMETOOL_API std::optional<std::string> filename(const Entity& e);

/// The body with its transfer encoding undone (leaves; for multiparts the raw body). Invalid
/// encoded input is decoded as far as possible and reported in `report`.
MIMETOOL_API std::string decoded_body(const Entity& e, DecodeReport* report = nullptr);

/// Streams the decoded body to `sink` in chunks, so a large attachment never needs a second
/// copy in memory. The sink is called with consecutive pieces of decoded bytes.
MIMETOOL_API void decode_body_to(const Entity& e, const std::function<void(std::string_view)>& sink,
                                 DecodeReport* report = nullptr, std::size_t chunk = 1 << 20);

/// The body of a text part as UTF-8: transfer-decoded, then converted from its declared
/// charset (missing or unknown: detected, weighted by `hint_charset`, e.g. a charset used
/// elsewhere in the message). Line endings are untouched. Lossy conversions are reported in
/// Utf8Text::lossy; strict policies return an error instead.
MIMETOOL_API Result<Utf8Text> text(const Entity& e, const CharsetPolicy& policy = {},
                                   std::string_view hint_charset = {});

/// A header field's value unfolded and decoded to UTF-8 (RFC 2047 encoded-words; raw 8-bit
/// text as UTF-8, or converted from `fallback_charset` / detected when it is not UTF-8).
MIMETOOL_API std::string decoded_value(const HeaderField& f, std::string_view fallback_charset = {});

/// A display-name/address pair, decoded.
struct DecodedMailbox {
  std::string name;     ///< display name as UTF-8 ("" when none)
  std::string address;  ///< addr-spec (local\@domain) as written
};
/// The mailboxes of every field with this name (From, To, Cc…), groups flattened, display
/// names decoded.
MIMETOOL_API std::vector<DecodedMailbox> addresses(const Entity& e, std::string_view field_name);

/// Parses the decoded body of an encapsulated message whose body is transfer-encoded (a base64
/// message/rfc822 part, left as a leaf by the parser): the result owns its bytes.
MIMETOOL_API Message parse_encapsulated(const Entity& e, const ParseOptions& options = {});

}  // namespace mimetool
