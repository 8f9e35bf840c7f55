#include "charset/converter_pool.hpp"

#include <string>
#include <vector>

namespace mimetool::detail {
namespace {

// Most-recently-used first; eight converters cover the charsets of one message comfortably.
constexpr std::size_t kPoolSize = 8;

struct Pool {
  struct Slot {
    std::string name;
    UConverter* cnv;
  };
  std::vector<Slot> slots;

  ~Pool() {
    for (auto& s : slots) ucnv_close(s.cnv);
  }

  UConverter* take(std::string_view name) {
    for (std::size_t i = 0; i < slots.size(); ++i) {
      if (slots[i].name == name) {
        UConverter* c = slots[i].cnv;
        slots.erase(slots.begin() + static_cast<std::ptrdiff_t>(i));
        return c;
      }
    }
    UErrorCode err = U_ZERO_ERROR;
    const std::string z(name);
    UConverter* c = ucnv_open(z.c_str(), &err);
    return U_SUCCESS(err) ? c : nullptr;
  }

  void give_back(std::string_view name, UConverter* c) {
    ucnv_reset(c);
    slots.insert(slots.begin(), Slot{std::string(name), c});
    if (slots.size() > kPoolSize) {
      ucnv_close(slots.back().cnv);
      slots.pop_back();
    }
  }
};

Pool& pool() {
  thread_local Pool p;
  return p;
}

}  // namespace

ConverterLease::ConverterLease(std::string_view icu_name) : name_(icu_name), cnv_(pool().take(icu_name)) {}

ConverterLease::~ConverterLease() {
  if (cnv_) pool().give_back(name_, cnv_);
}

}  // namespace mimetool::detail
