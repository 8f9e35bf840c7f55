#pragma once
/// \file output_dir.hpp
/// Writing files into an output folder: safe names, numbered variants on clashes, no partial
/// files under a final name. In a folder this run has just created (new, empty and ours) each file
/// is created directly under its final name (O_CREAT|O_EXCL) and removed again if writing fails
/// or a signal ends the process while it is written.
/// In a folder that already existed each file is written unnamed (O_TMPFILE) and linked into
/// place, so nothing half-written ever appears there; where that is not available, or with
/// --force, it is written under a temporary name and renamed into place.

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace mimetool::cli {

struct InProgress;  // a file being written under its final name (see output_dir.cpp)

/// One output folder. Not thread-safe: each message's folder is used by one thread. Names are
/// resolved relative to a descriptor of the top folder, not walked from the root each time.
class OutputDir {
 public:
  /// Creates the folder (and its parents) if needed. Throws Failure 73 when it cannot.
  /// `force`: files that already existed before this run may be replaced; files written in this
  /// run are never replaced (a second part with the same name gets a numbered variant).
  OutputDir(std::string dir, bool force);

  /// The subfolder `name` (one path component, already made safe) of `parent`, created if
  /// needed, like the constructor above; `parent` must outlive it (its descriptor is shared).
  OutputDir(const OutputDir& parent, const std::string& name, bool force);

  ~OutputDir();
  OutputDir(const OutputDir&) = delete;
  OutputDir& operator=(const OutputDir&) = delete;

  /// Writes a file named like `wanted` (already made safe; not empty): `produce` is called with
  /// a writer to call with consecutive chunks. Returns the name used (`wanted`, or
  /// "stem (N).ext"). Throws Failure 73 (cannot create) or 74 (write error); no file is left
  /// behind then.
  std::string write(const std::string& wanted,
                    const std::function<void(const std::function<void(std::string_view)>&)>& produce);

  const std::string& path() const noexcept { return dir_; }

 private:
  using Producer = std::function<void(const std::function<void(std::string_view)>&)>;

  // mkdir at `rel_` (relative to `at_fd_`); returns whether this call created the folder.
  bool create(const std::string& rel);
  bool try_place(const std::string& tmp, const std::string& name);
  // Tries `wanted`, then its numbered variants, skipping names this run wrote: `place(name)`
  // puts the file there and returns true, or returns false when the name is taken. Returns the
  // name used; throws Failure 73 when a million variants are taken.
  template <class Place>
  std::string place_first_free(const std::string& wanted, Place&& place);
  // Direct creation under the final name, for a folder this run has just created.
  // `slot` is this thread's record of the file in progress, for the signal handler.
  std::string write_fresh(InProgress* slot, const std::string& wanted, const Producer& produce);
  // The O_TMPFILE + linkat path; nullopt (before `produce` is called) when the file system does
  // not support unnamed files.
  std::optional<std::string> write_unnamed(const std::string& wanted, const Producer& produce);

  std::string dir_;       // as given (for messages and the fallbacks); a subfolder's is joined
  bool force_;
  int own_fd_ = -1;       // the top folder's O_PATH descriptor (-1 for a subfolder)
  int at_fd_ = -1;        // what names are resolved from: the top folder's descriptor
  std::string prefix_;    // this folder relative to at_fd_: "" or "sub/"
  bool fresh_ = false;    // created by this object's mkdir: new, empty and ours
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
