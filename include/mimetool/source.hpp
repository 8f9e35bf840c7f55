#pragma once
/// \file source.hpp
/// Source: one immutable, shared byte buffer holding a message. Every view the parser hands out
/// points into it, and it lives as long as any Message parsed from it.

#include <cstddef>
#include <filesystem>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

#include "mimetool/export.hpp"
#include "mimetool/result.hpp"

namespace mimetool {

/// An immutable byte buffer: a memory-mapped file, or bytes read into memory.
/// Copies are cheap and share the same bytes.
class MIMETOOL_API Source {
 public:
  /// Maps the file read-only (an empty file gives an empty source).
  /// Errors: no_input when it cannot be opened or is a directory, io when reading fails.
  static Result<Source> from_file(const std::filesystem::path& path);
  /// Reads the whole stream into memory (e.g. standard input). Errors: io.
  static Result<Source> from_stream(std::istream& in);
  /// Reads a file descriptor to its end (e.g. 0 for standard input). Errors: io.
  static Result<Source> from_fd(int fd);
  /// Takes ownership of the given bytes.
  static Source from_bytes(std::string bytes);
  /// Wraps bytes the caller owns and keeps alive for as long as the Source and every Message
  /// parsed from it exist. Nothing is copied.
  static Source from_view(std::string_view bytes);

  /// An empty source.
  Source();
  /// The bytes.
  std::string_view bytes() const noexcept { return view_; }
  /// Number of bytes.
  std::size_t size() const noexcept { return view_.size(); }

 private:
  struct Holder;
  std::shared_ptr<const Holder> holder_;
  std::string_view view_;
};

}  // namespace mimetool
