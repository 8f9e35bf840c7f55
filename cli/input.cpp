#include "input.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <memory>
#include <system_error>

#include "failure.hpp"
#include "mbox.hpp"

namespace fs = std::filesystem;

namespace mimetool::cli {
namespace {

// Checks the path before mapping it, so that the error names the real problem.
void check_readable_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw Failure(Exit::no_input, path, std::strerror(errno));
  if (S_ISDIR(st.st_mode)) throw Failure(Exit::no_input, path, "is a folder, not a message file");
  if (::access(path.c_str(), R_OK) != 0) throw Failure(Exit::no_input, path, std::strerror(errno));
}

bool is_hidden(const fs::path& p) {
  const auto n = p.filename().string();
  return !n.empty() && n[0] == '.';
}

bool is_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

// Regular files below `dir`, sorted, hidden entries and Maildir tmp/ skipped. Paths are kept as
// plain strings: a std::filesystem::path also holds its parsed components, several allocations
// per entry, which for a folder of 100,000 messages is tens of megabytes. (Sorting the strings
// gives the order of the paths: the entries of one folder share their prefix.)
void collect_files(const fs::path& dir, std::vector<std::string>& out) {
  std::vector<std::string> files, dirs;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const auto& p = it->path();
    if (is_hidden(p)) continue;
    std::error_code ec2;
    if (it->is_directory(ec2) && !it->is_symlink(ec2)) {
      dirs.push_back(p.string());
    } else if (it->is_regular_file(ec2)) {
      files.push_back(p.string());
    }
  }
  if (ec) throw Failure(Exit::no_input, dir.string(), ec.message());
  // A Maildir holds its messages in cur/ and new/; tmp/ has deliveries in progress and the
  // top level has the server's index files.
  const bool maildir = is_dir(dir / "cur") && is_dir(dir / "new");
  if (maildir) {
    files.clear();
    dirs = {(dir / "cur").string(), (dir / "new").string()};
  }
  std::sort(files.begin(), files.end());
  std::sort(dirs.begin(), dirs.end());
  out.insert(out.end(), std::make_move_iterator(files.begin()), std::make_move_iterator(files.end()));
  for (const auto& d : dirs) collect_files(d, out);
}

// Regular files up to this size are read into memory; larger ones are memory-mapped.
constexpr std::uint64_t max_read_size = 1u << 20;

std::string ordinal_name(std::size_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04zu", n);
  return buf;
}

}  // namespace

Source open_message(const std::string& path) {
  if (path == "-") {
    auto src = Source::from_fd(0);
    if (!src) throw Failure(exit_for(src.error().code), "-", "cannot read standard input: " + src.error().message);
    return std::move(*src);
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Failure(errno == EIO ? Exit::io : Exit::no_input, path, std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    throw Failure(Exit::io, path, std::strerror(err));
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw Failure(Exit::no_input, path, "is a folder, not a message file");
  }
  if (S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) <= max_read_size) {
    // Everyday mail: one read() into memory is cheaper than mapping (mmap, page faults, and an
    // munmap that has to shoot down the TLB of every thread of a parallel run).
    std::string data(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t got = 0;
    while (got < data.size()) {
      const ssize_t n = ::read(fd, data.data() + got, data.size() - got);
      if (n > 0) {
        got += static_cast<std::size_t>(n);
      } else if (n == 0) {
        break;  // the file shrank since fstat
      } else if (errno != EINTR) {
        const int err = errno;
        ::close(fd);
        throw Failure(Exit::io, path, std::string("read failed: ") + std::strerror(err));
      }
    }
    ::close(fd);
    data.resize(got);
    return Source::from_bytes(std::move(data));
  }
  ::close(fd);
  auto src = Source::from_file(path);
  if (!src) throw Failure(exit_for(src.error().code), path, src.error().message);
  return std::move(*src);
}

std::string stem_of(const std::string& path) {
  if (path == "-") return "message";
  std::string name = fs::path(path).filename().string();
  if (name.empty()) name = fs::path(path).parent_path().filename().string();
  if (const auto colon = name.find(":2,"); colon != std::string::npos && colon > 0) name.erase(colon);
  const auto stem = fs::path(name).stem().string();
  return stem.empty() ? name : stem;
}

std::vector<InputItem> expand_inputs(const std::vector<std::string>& inputs, const std::vector<std::string>& mboxes,
                                     const std::function<void(const std::string&)>& warn) {
  std::vector<InputItem> items;
  auto add_file = [&](const std::string& path) {
    InputItem it;
    it.label = path;
    it.name = stem_of(path);
    std::error_code ec;
    if (path != "-") it.size_hint = static_cast<std::size_t>(fs::file_size(path, ec));
    if (ec) it.size_hint = 0;
    it.open = [path] { return open_message(path); };
    items.push_back(std::move(it));
  };
  for (const auto& in : inputs) {
    if (in != "-" && is_dir(in)) {
      std::vector<std::string> files;
      collect_files(in, files);
      for (const auto& f : files) add_file(f);
    } else {
      if (in != "-") check_readable_file(in);
      add_file(in);
    }
  }
  for (const auto& mbox_path : mboxes) {
    Source whole = open_message(mbox_path);
    bool junk = false;
    const auto slices = split_mbox(whole.bytes(), &junk);
    if (junk) warn("mimetool: warning: " + mbox_path + " @0: mbox_without_from_line: the file does not start with a \"From \" line; the bytes before the first one are read as message 1");
    const std::string prefix = mboxes.size() > 1 || !inputs.empty() ? stem_of(mbox_path) + "-" : "";
    for (std::size_t k = 0; k < slices.size(); ++k) {
      InputItem it;
      it.label = mbox_path + "#" + std::to_string(k + 1);
      it.name = prefix + ordinal_name(k + 1);
      it.size_hint = slices[k].bytes.size();
      const std::string_view bytes = slices[k].bytes;
      // The slice is a view into `whole`, which the lambda holds: the items must outlive every
      // Message parsed from them.
      it.open = [whole, bytes] {
        if (has_from_quoting(bytes)) return Source::from_bytes(unquote_from_lines(bytes));
        return Source::from_view(bytes);
      };
      items.push_back(std::move(it));
    }
  }
  return items;
}

}  // namespace mimetool::cli
