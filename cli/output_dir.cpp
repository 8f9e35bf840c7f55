#include "output_dir.hpp"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <system_error>

#include "failure.hpp"
#include "safe_name.hpp"

namespace fs = std::filesystem;

namespace mimetool::cli {

// Files being written under their final name (OutputDir::write_fresh), one slot per writing
// thread, so that a signal that ends the process can remove them first: an interrupted explode
// then leaves only complete files, as on the O_TMPFILE path. A slot is published by storing its
// folder descriptor after its path, and withdrawn once the last byte is written. The slots are
// all zero bytes until used (dir_fd_plus_1 is 0 for "none"), so the megabyte they take lies in
// .bss and costs no page until a thread writes to its slot; a -1 initial value made the compiler
// write every slot at start-up, 256 page faults in every run.
struct InProgress {
  std::atomic<int> dir_fd_plus_1{0};
  char path[PATH_MAX];
};

namespace {

mode_t g_umask = 022;

constexpr int kSlots = 256;  // threads beyond this use the O_TMPFILE path instead
constinit InProgress g_in_progress[kSlots];
std::atomic<int> g_slots_taken{0};
thread_local int t_slot = -1;
static_assert(std::atomic<int>::is_always_lock_free, "read from a signal handler");

extern "C" void remove_in_progress_and_die(int sig) {
  const int saved = errno;
  const int taken = std::min(g_slots_taken.load(std::memory_order_acquire), kSlots);
  for (int i = 0; i < taken; ++i) {
    const int fd = g_in_progress[i].dir_fd_plus_1.load(std::memory_order_acquire) - 1;
    if (fd >= 0) ::unlinkat(fd, g_in_progress[i].path, 0);
  }
  errno = saved;
  // The signal's own action (end the process, dump core) with its own status for the parent.
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

// Installs the handler for the signals that end a process by default, except those already
// ignored (nohup, or a parent that wants EFBIG instead of SIGXFSZ): their disposition stays.
bool install_cleanup_handlers() {
  for (const int sig : {SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGXFSZ}) {
    struct sigaction old {};
    if (::sigaction(sig, nullptr, &old) != 0 || old.sa_handler != SIG_DFL) continue;
    struct sigaction act {};
    act.sa_handler = remove_in_progress_and_die;
    sigemptyset(&act.sa_mask);
    ::sigaction(sig, &act, nullptr);
  }
  return true;
}

// This thread's slot, or nullptr when all are taken.
InProgress* my_slot() {
  static const bool installed = install_cleanup_handlers();
  (void)installed;
  if (t_slot < 0) t_slot = g_slots_taken.fetch_add(1);
  return t_slot < kSlots ? &g_in_progress[t_slot] : nullptr;
}
// Whether linkat(AT_EMPTY_PATH) works for this process (see OutputDir::write_unnamed).
std::atomic<bool> g_empty_path_link{true};

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

// `dir` joined with `name` as std::filesystem::path's operator/ does (a separator unless `dir`
// is empty or ends with one), without building a path: only error messages and the rare
// fallbacks need it.
std::string join(const std::string& dir, const std::string& name) {
  if (dir.empty() || dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

// Writes everything `produce` yields to `fd`; throws Failure 74 about `dir`/`wanted` on a
// write error.
void write_all(int fd, const std::string& dir, const std::string& wanted,
               const std::function<void(const std::function<void(std::string_view)>&)>& produce) {
  produce([&](std::string_view chunk) {
    while (!chunk.empty()) {
      const ssize_t n = ::write(fd, chunk.data(), chunk.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        throw Failure(Exit::io, join(dir, wanted), std::string("write error: ") + std::strerror(errno));
      }
      chunk.remove_prefix(static_cast<std::size_t>(n));
    }
  });
}

}  // namespace

void init_umask() {
  g_umask = ::umask(022);
  ::umask(g_umask);
}

OutputDir::OutputDir(std::string dir, bool force) : dir_(std::move(dir)), force_(force) {
  // One mkdir() is the whole job in the common case (a new folder); only when it fails is the
  // slower general path (parents, an existing folder, a file in the way) taken.
  fresh_ = create(dir_);
  // Everything below is resolved from this descriptor: one path walk for the run instead of one
  // per file, and the folder stays the same one even if its path is renamed meanwhile.
  own_fd_ = ::open(dir_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (own_fd_ < 0)
    throw Failure(Exit::cant_create, dir_, std::string("cannot open the output folder: ") + std::strerror(errno));
  at_fd_ = own_fd_;
}

OutputDir::OutputDir(const OutputDir& parent, const std::string& name, bool force)
    : dir_(join(parent.dir_, name)), force_(force), at_fd_(parent.at_fd_), prefix_(parent.prefix_ + name + "/") {
  fresh_ = create(parent.prefix_ + name);
}

OutputDir::~OutputDir() {
  if (own_fd_ >= 0) ::close(own_fd_);
}

bool OutputDir::create(const std::string& rel) {
  if (::mkdirat(at_fd_ < 0 ? AT_FDCWD : at_fd_, rel.c_str(), 0777) == 0) return true;
  std::error_code ec;
  const fs::path dir(dir_);
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir, ec))
    throw Failure(Exit::cant_create, dir_,
                  "cannot create the output folder: " + (ec ? ec.message() : std::string("not a folder")));
  return false;
}

bool OutputDir::try_place(const std::string& tmp, const std::string& name) {
  const std::string target = join(dir_, name);
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

template <class Place>
std::string OutputDir::place_first_free(const std::string& wanted, Place&& place) {
  unsigned& n = next_[wanted];
  if (n == 0) n = 1;
  for (; n < 1000000; ++n) {
    std::string name = n == 1 ? wanted : numbered_name(wanted, n);
    if (written_.count(name)) continue;
    if (!place(name)) continue;
    written_.insert(name);
    ++n;
    return name;
  }
  throw Failure(Exit::cant_create, join(dir_, wanted), "no free name left");
}

std::string OutputDir::write_fresh(InProgress* slot, const std::string& wanted, const Producer& produce) {
  // The folder was created by this object a moment ago, so it holds only what this run put
  // there: the file can be created under its final name (O_EXCL: never anything else's), with
  // no unnamed file and no link, and removed again if writing fails. A clash (EEXIST: a part
  // of the same name, or something another process put there) moves on to the next numbered
  // name, as linkat() does in an existing folder.
  return place_first_free(wanted, [&](const std::string& name) {
    const std::string rel = prefix_ + name;
    const int fd = ::openat(at_fd_, rel.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0666);
    if (fd < 0) {
      if (errno == EEXIST) return false;
      throw Failure(Exit::cant_create, join(dir_, name), std::strerror(errno));
    }
    std::memcpy(slot->path, rel.c_str(), rel.size() + 1);  // fits: openat took it
    slot->dir_fd_plus_1.store(at_fd_ + 1, std::memory_order_release);
    try {
      write_all(fd, dir_, wanted, produce);
    } catch (...) {
      // Nothing half-written stays under the final name.
      slot->dir_fd_plus_1.store(0, std::memory_order_release);
      ::close(fd);
      ::unlinkat(at_fd_, rel.c_str(), 0);
      throw;
    }
    slot->dir_fd_plus_1.store(0, std::memory_order_release);  // complete: a signal from here on keeps it
    if (::close(fd) != 0) {
      const int err = errno;
      ::unlinkat(at_fd_, rel.c_str(), 0);
      throw Failure(Exit::io, join(dir_, name), std::string("write error: ") + std::strerror(err));
    }
    return true;
  });
}

std::optional<std::string> OutputDir::write_unnamed(const std::string& wanted, const Producer& produce) {
  // O_TMPFILE (Linux 3.11; ext4, xfs, btrfs, tmpfs) creates a file with no name, which linkat()
  // later gives its name, failing with EEXIST instead of replacing anything. Compared with a
  // named temporary file and rename() this saves the random-name creation, the rename and the
  // chmod (the mode given here is already filtered by the umask), and a killed process leaves
  // nothing behind at all.
  const int fd = ::openat(at_fd_, prefix_.empty() ? "." : prefix_.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0) {
    if (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL || errno == ENOENT) return std::nullopt;
    throw Failure(Exit::cant_create, dir_, std::string("cannot create a file: ") + std::strerror(errno));
  }
  try {
    write_all(fd, dir_, wanted, produce);
  } catch (...) {
    ::close(fd);  // the unnamed file disappears with its descriptor
    throw;
  }
  // linkat(fd, "", AT_EMPTY_PATH) skips a walk through /proc, but needs Linux 6.10 (or
  // CAP_DAC_READ_SEARCH): where it fails with ENOENT/EPERM, the /proc/self/fd link, which works
  // for anyone, is used from then on.
  char proc_path[64];
  std::snprintf(proc_path, sizeof proc_path, "/proc/self/fd/%d", fd);
  auto link_to = [&](const char* target) {
    if (g_empty_path_link.load(std::memory_order_relaxed)) {
      if (::linkat(fd, "", at_fd_, target, AT_EMPTY_PATH) == 0) return 0;
      if (errno != ENOENT && errno != EPERM && errno != EINVAL) return errno;
      g_empty_path_link.store(false, std::memory_order_relaxed);
    }
    return ::linkat(AT_FDCWD, proc_path, at_fd_, target, AT_SYMLINK_FOLLOW) == 0 ? 0 : errno;
  };
  bool open = true;
  try {
    return place_first_free(wanted, [&](const std::string& name) {
      const std::string rel = prefix_ + name;
      const int link_err = link_to(rel.c_str());
      if (link_err == EEXIST) return false;
      if (link_err != 0) throw Failure(Exit::cant_create, join(dir_, name), std::strerror(link_err));
      open = false;
      if (::close(fd) != 0) {
        const int err = errno;
        ::unlinkat(at_fd_, rel.c_str(), 0);
        throw Failure(Exit::io, join(dir_, name), std::string("write error: ") + std::strerror(err));
      }
      return true;
    });
  } catch (...) {
    if (open) ::close(fd);  // the unnamed file disappears with its descriptor
    throw;
  }
}

std::string OutputDir::write(const std::string& wanted, const Producer& produce) {
  if (fresh_ && !force_) {
    if (InProgress* slot = my_slot()) return write_fresh(slot, wanted, produce);
  }
  // --force replaces older files, which a link cannot do: it keeps the rename path. So does a
  // system without /proc, where the unnamed file could not be linked.
  static const bool have_proc_fd = ::access("/proc/self/fd", X_OK) == 0;
  if (!force_ && tmpfile_ok_ && have_proc_fd) {
    if (auto name = write_unnamed(wanted, produce)) return *name;
    tmpfile_ok_ = false;
  }
  std::string tmpl = join(dir_, ".mimetool-XXXXXX");
  const int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
  if (fd < 0) throw Failure(Exit::cant_create, dir_, std::string("cannot create a file: ") + std::strerror(errno));
  const std::string tmp = tmpl;
  try {
    write_all(fd, dir_, wanted, produce);
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
    throw Failure(Exit::io, join(dir_, wanted), std::string("write error: ") + std::strerror(errno));
  }
  try {
    return place_first_free(wanted, [&](const std::string& name) { return try_place(tmp, name); });
  } catch (...) {
    ::unlink(tmp.c_str());
    throw;
  }
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
