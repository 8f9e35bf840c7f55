#pragma once
/// \file failure.hpp
/// Exit statuses and the exception the CLI uses internally to unwind to run().

#include <stdexcept>
#include <string>

#include "mimetool/result.hpp"

namespace mimetool::cli {

/// Exit statuses, from sysexits.h (values spelled out so the table is visible in one place).
enum class Exit : int {
  ok = 0,
  usage = 64,        ///< EX_USAGE: bad option, bad argument, unknown section path
  data = 65,         ///< EX_DATAERR: input unusable as a message (or critical defect with --strict)
  no_input = 66,     ///< EX_NOINPUT: input missing, unreadable, or a directory where a file is needed
  cant_create = 73,  ///< EX_CANTCREAT: output folder or file cannot be created
  io = 74,           ///< EX_IOERR: read or write failure
};

/// The single ErrorCode → exit status table (defined in run.cpp).
Exit exit_for(ErrorCode code) noexcept;

/// A failure that ends the current message (or the whole command): the status plus one line of
/// text. `subject` is what the problem is about (usually the input path), printed before it.
class Failure : public std::runtime_error {
 public:
  Failure(Exit status, std::string subject, const std::string& problem)
      : std::runtime_error(problem), status_(status), subject_(std::move(subject)) {}
  Exit status() const noexcept { return status_; }
  const std::string& subject() const noexcept { return subject_; }
  /// The one line printed on stderr: `mimetool: <subject>: <problem>`.
  std::string line() const {
    return subject_.empty() ? "mimetool: " + std::string(what()) : "mimetool: " + subject_ + ": " + what();
  }

 private:
  Exit status_;
  std::string subject_;
};

/// A usage error (exit 64); the message is printed with a hint to --help.
class UsageError : public Failure {
 public:
  explicit UsageError(const std::string& problem) : Failure(Exit::usage, "", problem) {}
};

}  // namespace mimetool::cli
