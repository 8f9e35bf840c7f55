#pragma once
// Internal helpers of the header writer shared with the message builder.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mimetool::write_detail {

/// UTF-8 text as base64 encoded-words in UTF-8, each holding at most `max_bytes` bytes of text
/// and never splitting a character; every word after the first starts with a space. Adjacent
/// encoded-words decode to the concatenation of their bytes (RFC 2047 §6.2), so the text comes
/// back exactly whatever it holds.
std::vector<std::string> b_encoded_words(std::string_view utf8, std::size_t max_bytes);

}  // namespace mimetool::write_detail
