#pragma once
/// \file output.hpp
/// Terminal handling: colour decisions, checked writes to stdout, and stderr lines that do not
/// tear the progress bar.

#include <string>
#include <string_view>

namespace mimetool::cli {

/// True when stdout is a terminal, NO_COLOR is unset or empty, TERM is not "dumb", and the user
/// did not pass --no-color (https://no-color.org).
bool use_colour(bool no_color_option) noexcept;

/// Writes bytes to stdout; throws Failure (74) when the write fails.
void write_stdout(std::string_view bytes);
/// Flushes stdout; throws Failure (74) on error.
void flush_stdout();

/// Prints one line on stderr (a newline is added). Thread-safe; clears and redraws the progress
/// bar around it when one is showing.
void print_error_line(const std::string& line);

/// ANSI SGR sequences, or "" when colour is off.
struct Palette {
  explicit Palette(bool on) : on_(on) {}
  std::string_view dim() const { return on_ ? "\x1b[2m" : ""; }
  std::string_view bold() const { return on_ ? "\x1b[1m" : ""; }
  std::string_view cyan() const { return on_ ? "\x1b[36m" : ""; }
  std::string_view green() const { return on_ ? "\x1b[32m" : ""; }
  std::string_view yellow() const { return on_ ? "\x1b[33m" : ""; }
  std::string_view magenta() const { return on_ ? "\x1b[35m" : ""; }
  std::string_view reset() const { return on_ ? "\x1b[0m" : ""; }

 private:
  bool on_;
};

/// Replaces what a terminal would interpret (C0 controls but tab, DEL, C1 in UTF-8) with U+FFFD,
/// and line breaks with a space, so that decoded header text prints as one inert line.
std::string printable(std::string_view utf8);

}  // namespace mimetool::cli
