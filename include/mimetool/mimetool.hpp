#pragma once
/// \file mimetool.hpp
/// Umbrella header: includes every public C++ header of the library. Prefer the individual
/// headers in library code to keep rebuilds small; this one suits applications and examples.
///
/// Example:
/// \code
///   #include <mimetool/mimetool.hpp>
///
///   auto src = mimetool::Source::from_file("msg.eml");
///   if (!src) { std::cerr << src.error().message << "\n"; return 66; }
///   mimetool::Message msg = mimetool::parse(*src);
///   msg.walk([](const mimetool::Entity& e, const std::string& path) {
///     std::cout << (path.empty() ? "(root)" : path) << " " << e.media_type() << "\n";
///   });
/// \endcode

#include "mimetool/build.hpp"
#include "mimetool/charset.hpp"
#include "mimetool/codec.hpp"
#include "mimetool/content.hpp"
#include "mimetool/diagnostic.hpp"
#include "mimetool/export.hpp"
#include "mimetool/fields.hpp"
#include "mimetool/header_codec.hpp"
#include "mimetool/message.hpp"
#include "mimetool/parameter.hpp"
#include "mimetool/result.hpp"
#include "mimetool/source.hpp"
#include "mimetool/version.hpp"
#include "mimetool/write_format.hpp"

/// \namespace mimetool
/// Everything the library offers: parsing (Source, parse(), Message, Entity), decoding
/// (content.hpp, codec.hpp, header_codec.hpp, charset.hpp), header field grammars (fields.hpp)
/// and writing (write()). Nothing in it throws exceptions of its own; malformed input yields
/// Diagnostics, failures a Result holding an Error.
