#pragma once
// Growing a std::string by bytes a codec is about to write.

#include <cstddef>
#include <string>
#include <version>

namespace mimetool::util {

/// Appends to `out` the bytes `fill(char* dest)` writes at `dest`, at most `max` of them; `fill`
/// returns how many it wrote (≤ max) and must not throw. `dest` has room for `max` bytes.
///
/// The codecs size their output by an upper bound and shrink it afterwards. std::string::resize
/// zero-fills that room first, which in a decoder running at several GB/s is a second full pass
/// over the output (a quarter to a third of base64's time). C++23's resize_and_overwrite hands
/// the room over unwritten; with an older standard library this falls back to resize.
template <class Fill>
void append_written(std::string& out, std::size_t max, Fill&& fill) {
  const std::size_t old = out.size();
#if defined(__cpp_lib_string_resize_and_overwrite)
  out.resize_and_overwrite(old + max, [&](char* p, std::size_t) noexcept { return old + fill(p + old); });
#else
  out.resize(old + max);
  out.resize(old + fill(out.data() + old));
#endif
}

}  // namespace mimetool::util
