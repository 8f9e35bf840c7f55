#pragma once
// Helpers shared by the builder's source files (namespace mimetool::build_detail).

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include "mimetool/result.hpp"

#include "util/ascii.hpp"

namespace mimetool::build_detail {

inline Error invalid_argument(std::string message) {
  return Error{ErrorCode::invalid_argument, std::move(message), std::nullopt};
}

/// RFC 2045 §5.1 token: printable ASCII other than SPACE and tspecials.
bool is_mime_token(std::string_view s) noexcept;

using util::ascii_lower;
inline bool iequals(std::string_view a, std::string_view b) noexcept { return util::ascii_iequals(a, b); }

/// How a header field's value is written, chosen by its name.
enum class FieldKind { address, structured, unstructured, reserved };
FieldKind field_kind(std::string_view name) noexcept;

/// `n` characters from [0-9A-Za-z] drawn from `rng` (raw mt19937_64 output modulo 62, so the
/// bytes depend only on the seed, not on the standard library's distributions).
std::string random_token(std::mt19937_64& rng, std::size_t n);

/// A generator seeded with `seed`, or from std::random_device when there is none.
std::mt19937_64 make_rng(const std::optional<std::uint64_t>& seed);

/// True when `id` is usable as the inside of a msg-id (RFC 5322 §3.6.4): printable ASCII with no
/// whitespace, angle brackets or backslash; Message-IDs also need "@" (`need_at`).
bool is_valid_msg_id(std::string_view id, bool need_at) noexcept;

}  // namespace mimetool::build_detail
