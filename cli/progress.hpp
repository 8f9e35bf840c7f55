#pragma once
/// \file progress.hpp
/// A progress bar on stderr for long runs: messages done, bytes, rate. Shown only when stderr is
/// a terminal and the work has taken more than a second; otherwise silent.

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace mimetool::cli {

class Progress {
 public:
  /// Starts the display thread (only if stderr is a terminal).
  Progress(std::size_t total_messages, std::uint64_t total_bytes);
  /// Stops and erases the bar.
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void message_done(std::uint64_t bytes) noexcept;

 private:
  void loop();

  std::size_t total_messages_;
  std::uint64_t total_bytes_;
  std::atomic<std::size_t> done_{0};
  std::atomic<std::uint64_t> bytes_{0};
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

/// Used by print_error_line(): erase the bar before a line, redraw after.
void progress_clear_line();
void progress_redraw();

}  // namespace mimetool::cli
