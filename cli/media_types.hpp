#pragma once
/// \file media_types.hpp
/// File name extensions for media types, from the system's mime.types (Debian: media-types).

#include <string>
#include <string_view>

namespace mimetool::cli {

/// The extension (without dot) for a lower-cased "type/subtype": the first one the system's
/// mime.types lists for it (/etc/mime.types, or the file named by $MIMETOOL_MIME_TYPES).
/// text/plain is always "txt", text/html "html" and message/rfc822 "eml" (the file is not read
/// for them); unknown types give "bin".
/// Thread-safe; the file is read once, on the first call that needs it.
std::string extension_for(std::string_view media_type);

}  // namespace mimetool::cli
