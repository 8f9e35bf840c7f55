#pragma once
/// \file diagnostic.hpp
/// Diagnostics: how malformed input is reported. Parsing and decoding never fail on bad input;
/// they produce a result plus diagnostics.

#include <cstddef>
#include <string>
#include <vector>

namespace mimetool {

/// How serious a defect is. Critical: another program may read these bytes differently.
enum class Severity { warning, critical };

/// One defect found in the input.
struct Diagnostic {
  std::string code;       ///< symptom name, e.g. "missing_end_boundary", "invalid_base64"
  Severity severity = Severity::warning;  ///< warning, or critical when readers may disagree
  std::size_t offset = 0; ///< byte offset in the input (or in the decoded field/body, see code)
  std::string path;       ///< IMAP section path of the entity concerned ("" for the root)
  std::string detail;     ///< short human text
};

/// Diagnostics in input order.
using Diagnostics = std::vector<Diagnostic>;

}  // namespace mimetool
