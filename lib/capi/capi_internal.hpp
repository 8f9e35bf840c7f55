#pragma once
// The C API's handle types and the helpers every lib/capi/*.cpp file shares: error reporting
// through a thread-local message, exception containment at the C boundary, owned-string
// allocation. Internal: nothing here is installed.

#include <cstddef>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "mimetool/message.hpp"
#include "mimetool/mimetool.h"

// An entity handle: the C++ entity plus what the C API answers without walking the tree again.
// Handles are created once per message, in walk order, and live as long as the message handle.
struct mt_entity {
  mimetool::Entity* entity = nullptr;
  mt_message* owner = nullptr;
  mt_entity* parent = nullptr;
  std::vector<mt_entity*> children;
  std::string path;
};

// A message handle. Any producer of a Message (parser today, builder later) goes through
// mimetool::capi::make_message so that the entity handles are always indexed.
struct mt_message {
  explicit mt_message(mimetool::Message&& m) : message(std::move(m)) {}
  mimetool::Message message;
  std::vector<std::unique_ptr<mt_entity>> entities;          // pre-order (walk order)
  std::unordered_map<std::string, mt_entity*> by_path;       // first entity in walk order wins
};

namespace mimetool::capi {

// Records `message` as this thread's last error and returns `status`.
mt_status fail(mt_status status, std::string_view message) noexcept;
// This thread's last error message ("" after success).
const char* last_error_text() noexcept;
// Clears this thread's last error and returns MT_OK.
mt_status ok() noexcept;
// Maps a library error to the C status and records its message.
mt_status fail(const Error& error) noexcept;

// Copies `bytes` into a malloc'ed NUL-terminated buffer handed to the caller (freed by mt_free).
mt_status give(std::string_view bytes, char** out, std::size_t* out_len) noexcept;

// Wraps a Message in a handle and indexes its entities. May throw std::bad_alloc.
std::unique_ptr<mt_message> make_message(Message&& message);

// Runs `body` and turns any escaping exception into a status: nothing may unwind into C.
template <class F>
mt_status guarded(F&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return fail(MT_ERR_NO_MEMORY, "out of memory");
  } catch (const std::exception& e) {
    return fail(MT_ERR_INTERNAL, e.what());
  } catch (...) {
    return fail(MT_ERR_INTERNAL, "unexpected exception");
  }
}

}  // namespace mimetool::capi
