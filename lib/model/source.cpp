#include "mimetool/source.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iterator>

namespace mimetool {

// Keeps the bytes alive: either an owned string or a read-only mapping.
struct Source::Holder {
  std::string owned;
  void* map = nullptr;
  std::size_t map_size = 0;
  Holder() = default;
  Holder(const Holder&) = delete;
  Holder& operator=(const Holder&) = delete;
  ~Holder() {
    if (map) ::munmap(map, map_size);
  }
};

Source::Source() = default;

Source Source::from_bytes(std::string bytes) {
  auto h = std::make_shared<Holder>();
  h->owned = std::move(bytes);
  Source s;
  s.view_ = h->owned;
  s.holder_ = std::move(h);
  return s;
}

Source Source::from_view(std::string_view bytes) {
  Source s;
  s.view_ = bytes;
  return s;
}

Result<Source> Source::from_fd(int fd) {
  std::string data;
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) {
      data.append(buf, static_cast<std::size_t>(n));
    } else if (n == 0) {
      break;
    } else if (errno != EINTR) {
      return Error{ErrorCode::io, std::string("read failed: ") + std::strerror(errno), std::nullopt};
    }
  }
  return from_bytes(std::move(data));
}

Result<Source> Source::from_stream(std::istream& in) {
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Error{ErrorCode::io, "read failed", std::nullopt};
  return from_bytes(std::move(data));
}

Result<Source> Source::from_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int e = errno;
    return Error{e == EIO ? ErrorCode::io : ErrorCode::no_input, std::strerror(e), std::nullopt};
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int e = errno;
    ::close(fd);
    return Error{ErrorCode::io, std::strerror(e), std::nullopt};
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Error{ErrorCode::no_input, "is a directory", std::nullopt};
  }
  if (!S_ISREG(st.st_mode)) {  // pipes, character devices: read them to the end
    auto r = from_fd(fd);
    ::close(fd);
    return r;
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size == 0) {
    ::close(fd);
    return from_bytes({});
  }
  void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (p == MAP_FAILED) {  // some file systems cannot map: fall back to reading
    auto r = from_fd(fd);
    ::close(fd);
    return r;
  }
  ::close(fd);
  ::madvise(p, size, MADV_SEQUENTIAL);
  auto h = std::make_shared<Holder>();
  h->map = p;
  h->map_size = size;
  Source s;
  s.view_ = std::string_view(static_cast<const char*>(p), size);
  s.holder_ = std::move(h);
  return s;
}

}  // namespace mimetool
