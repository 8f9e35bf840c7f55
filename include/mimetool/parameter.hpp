#pragma once
/// \file parameter.hpp
/// A MIME parameter (RFC 2045 §5.1, RFC 2231) after syntax parsing: continuations reassembled,
/// quoted strings unquoted, %XX escapes of extended values undone. Charset conversion is separate:
/// see decode_parameter() in header_codec.hpp.

#include <string>

namespace mimetool {

/// One parameter of a Content-Type or Content-Disposition field, reassembled and unquoted.
struct Parameter {
  std::string name;      ///< lower-cased, without the RFC 2231 "*N" / "*" suffixes
  std::string value;     ///< raw bytes of the value (for extended values: after %XX decoding)
  std::string charset;   ///< RFC 2231 charset of an extended value ("" when none given)
  std::string language;  ///< RFC 2231 language tag ("" when none given)
  bool extended = false; ///< true when the value came from RFC 2231 name* / name*N* syntax
};

}  // namespace mimetool
