#pragma once
/// \file output_dir.hpp
/// Writing files into an output folder: safe names, numbered variants on clashes, no partial
/// files (each file is written unnamed, O_TMPFILE, and linked into place; where that is not
/// available, or with --force, under a temporary name and renamed into place).

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace mimetool::cli {

/// One output folder. Not thread-safe: each message's folder is used by one thread.
class OutputDir {
 public:
  /// Creates the folder (and its parents) if needed. Throws Failure 73 when it cannot.
  /// `force`: files that already existed before this run may be replaced; files written in this
  /// run are never replaced (a second part with the same name gets a numbered variant).
  OutputDir(std::filesystem::path dir, bool force);

  /// Writes a file named like `wanted` (already made safe; not empty): `produce` is called with
  /// a writer to call with consecutive chunks. Returns the name used (`wanted`, or
  /// "stem (N).ext"). Throws Failure 73 (cannot create) or 74 (write error); no file is left
  /// behind then.
  std::string write(const std::string& wanted,
                    const std::function<void(const std::function<void(std::string_view)>&)>& produce);

  const std::filesystem::path& path() const noexcept { return dir_; }

 private:
  bool try_place(const std::string& tmp, const std::string& name);
  // The O_TMPFILE + linkat path; nullopt (before `produce` is called) when the file system does
  // not support unnamed files.
  std::optional<std::string> write_unnamed(
      const std::string& wanted, const std::function<void(const std::function<void(std::string_view)>&)>& produce);

  std::filesystem::path dir_;
  bool force_;
  bool tmpfile_ok_ = true;                   // O_TMPFILE + linkat works here (until shown otherwise)
  std::set<std::string> written_;           // names written in this run
  std::map<std::string, unsigned> next_;    // wanted name → next variant number to try
};

/// Reserves a subfolder name inside `parent` for one message of a many-message run: the
/// (safe) `wanted` name, or a numbered variant when this run already used it. Not thread-safe.
class SubfolderNames {
 public:
  std::string reserve(const std::string& wanted);

 private:
  std::set<std::string> used_;
  std::map<std::string, unsigned> next_;
};

/// The process umask, read once at start-up (before threads exist).
void init_umask();

}  // namespace mimetool::cli
