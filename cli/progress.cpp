#include "progress.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>

namespace mimetool::cli {
namespace {

std::mutex g_bar_mu;     // guards g_bar and stderr writes of the bar
std::string g_bar;       // the bar currently shown ("" when none)

std::string human_bytes(double b) {
  static const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  int u = 0;
  while (b >= 1024 && u < 4) b /= 1024, ++u;
  char buf[32];
  std::snprintf(buf, sizeof buf, u ? "%.1f %s" : "%.0f %s", b, units[u]);
  return buf;
}

void draw_locked() {
  if (g_bar.empty()) return;
  std::fputs("\r\x1b[K", stderr);
  std::fputs(g_bar.c_str(), stderr);
  std::fflush(stderr);
}

}  // namespace

void progress_clear_line() {
  std::lock_guard lock(g_bar_mu);
  if (!g_bar.empty()) std::fputs("\r\x1b[K", stderr);
}

void progress_redraw() {
  std::lock_guard lock(g_bar_mu);
  draw_locked();
}

Progress::Progress(std::size_t total_messages, std::uint64_t total_bytes)
    : total_messages_(total_messages), total_bytes_(total_bytes) {
  if (::isatty(2)) thread_ = std::thread([this] { loop(); });
}

Progress::~Progress() {
  if (thread_.joinable()) {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
    std::lock_guard lock(g_bar_mu);
    if (!g_bar.empty()) std::fputs("\r\x1b[K", stderr), std::fflush(stderr);
    g_bar.clear();
  }
}

void Progress::message_done(std::uint64_t bytes) noexcept {
  bytes_ += bytes;
  ++done_;
}

void Progress::loop() {
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  std::unique_lock lock(mu_);
  // Quiet during the first second: short runs never show a bar.
  if (cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_; })) return;
  while (!stop_) {
    const double secs = std::chrono::duration<double>(clock::now() - start).count();
    const std::size_t done = done_;
    const double bytes = static_cast<double>(bytes_.load());
    const int width = 24;
    const int filled = total_messages_ ? static_cast<int>(width * done / total_messages_) : 0;
    std::string bar = "[" + std::string(static_cast<std::size_t>(filled), '#') +
                      std::string(static_cast<std::size_t>(width - filled), ' ') + "] ";
    bar += std::to_string(done) + "/" + std::to_string(total_messages_) + " messages, " + human_bytes(bytes);
    if (total_bytes_) bar += " of " + human_bytes(static_cast<double>(total_bytes_));
    bar += ", " + human_bytes(secs > 0 ? bytes / secs : 0) + "/s";
    {
      std::lock_guard bar_lock(g_bar_mu);
      g_bar = bar;
      draw_locked();
    }
    cv_.wait_for(lock, std::chrono::milliseconds(200), [this] { return stop_; });
  }
}

}  // namespace mimetool::cli
