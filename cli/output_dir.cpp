#include "output_dir.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "failure.hpp"
#include "safe_name.hpp"

namespace fs = std::filesystem;

namespace mimetool::cli {
namespace {

mode_t g_umask = 022;

// Renames without replacing an existing file (Linux renameat2, RENAME_NOREPLACE), falling back
// to link()+unlink() on file systems that do not support the flag. Returns 0 or an errno.
int rename_noreplace(const char* from, const char* to) {
#ifdef RENAME_NOREPLACE
  if (::renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS) return errno;
#endif
  if (::link(from, to) != 0) return errno;
  ::unlink(from);
  return 0;
}

}  // namespace

void init_umask() {
  g_umask = ::umask(022);
  ::umask(g_umask);
}

OutputDir::OutputDir(fs::path dir, bool force) : dir_(std::move(dir)), force_(force) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec || !fs::is_directory(dir_, ec))
    throw Failure(Exit::cant_create, dir_.string(),
                  "cannot create the output folder: " + (ec ? ec.message() : std::string("not a folder")));
}

bool OutputDir::try_place(const std::string& tmp, const std::string& name) {
  const std::string target = (dir_ / name).string();
  if (force_) {
    // Replaces a file from an earlier run. A folder (or anything rename refuses) by that name is
    // left alone and the next variant is tried.
    struct stat st {};
    if (::lstat(target.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return false;
    if (::rename(tmp.c_str(), target.c_str()) == 0) return true;
    if (errno == EISDIR || errno == ENOTEMPTY || errno == EEXIST) return false;
    throw Failure(Exit::cant_create, target, std::strerror(errno));
  }
  const int err = rename_noreplace(tmp.c_str(), target.c_str());
  if (err == 0) return true;
  if (err == EEXIST) return false;
  throw Failure(Exit::cant_create, target, std::strerror(err));
}

std::string OutputDir::write(const std::string& wanted,
                             const std::function<void(const std::function<void(std::string_view)>&)>& produce) {
  std::string tmpl = (dir_ / ".mimetool-XXXXXX").string();
  const int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
  if (fd < 0) throw Failure(Exit::cant_create, dir_.string(), std::string("cannot create a file: ") + std::strerror(errno));
  const std::string tmp = tmpl;
  try {
    produce([&](std::string_view chunk) {
      while (!chunk.empty()) {
        const ssize_t n = ::write(fd, chunk.data(), chunk.size());
        if (n < 0) {
          if (errno == EINTR) continue;
          throw Failure(Exit::io, (dir_ / wanted).string(), std::string("write error: ") + std::strerror(errno));
        }
        chunk.remove_prefix(static_cast<std::size_t>(n));
      }
    });
  } catch (...) {
    // Nothing half-written stays behind.
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  // mkstemp makes the file 0600; an extracted attachment gets the usual permissions.
  ::fchmod(fd, 0666 & ~g_umask);
  if (::close(fd) != 0) {
    ::unlink(tmp.c_str());
    throw Failure(Exit::io, (dir_ / wanted).string(), std::string("write error: ") + std::strerror(errno));
  }
  try {
    unsigned& n = next_[wanted];
    if (n == 0) n = 1;
    for (; n < 1000000; ++n) {
      const std::string name = n == 1 ? wanted : numbered_name(wanted, n);
      if (written_.count(name)) continue;
      if (try_place(tmp, name)) {
        written_.insert(name);
        ++n;
        return name;
      }
    }
  } catch (...) {
    ::unlink(tmp.c_str());
    throw;
  }
  ::unlink(tmp.c_str());
  throw Failure(Exit::cant_create, (dir_ / wanted).string(), "no free name left");
}

std::string SubfolderNames::reserve(const std::string& wanted) {
  unsigned& n = next_[wanted];
  if (n == 0) n = 1;
  for (;; ++n) {
    const std::string name = n == 1 ? wanted : numbered_name(wanted, n);
    if (used_.insert(name).second) {
      ++n;
      return name;
    }
  }
}

}  // namespace mimetool::cli
