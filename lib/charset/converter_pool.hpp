#pragma once
// Per-thread pool of open ICU converters. ucnv_open() costs an allocation plus alias resolution and
// table setup, which dominates when a header holds many short encoded-words; a converter cannot be
// shared between threads, so each thread keeps its own few.

#include <unicode/ucnv.h>

#include <string_view>

namespace mimetool::detail {

/// A converter borrowed from the calling thread's pool; given back (reset) on destruction.
/// Leases nest safely: a converter is out of the pool while leased.
class ConverterLease {
 public:
  /// Opens or reuses the converter named `icu_name`; get() is nullptr when ICU cannot open it.
  explicit ConverterLease(std::string_view icu_name);
  ~ConverterLease();
  ConverterLease(const ConverterLease&) = delete;
  ConverterLease& operator=(const ConverterLease&) = delete;

  UConverter* get() const noexcept { return cnv_; }

 private:
  std::string_view name_;
  UConverter* cnv_ = nullptr;
};

}  // namespace mimetool::detail
