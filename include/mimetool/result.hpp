#pragma once
/// \file result.hpp
/// Result<T>: a value or an Error. The surface mirrors std::expected so that it can become
/// std::expected once consumers reach C++23.

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace mimetool {

/// What went wrong, in classes the CLI maps to sysexits codes.
enum class ErrorCode {
  invalid_argument,  ///< the caller passed something unusable (bad option, bad builder input)
  data,              ///< input not usable as a message even leniently
  no_input,          ///< input cannot be opened
  cant_create,       ///< output cannot be created
  io,                ///< read or write failure
  unknown_charset,   ///< charset not known (strict policy)
  invalid_sequence,  ///< bytes invalid in their charset (strict policy)
  limit_exceeded,    ///< a configured limit was hit (strict policy)
};

/// An error: a code, a one-line message, and, where it applies, a byte offset in the input.
struct Error {
  ErrorCode code = ErrorCode::data;    ///< the class of failure
  std::string message;                 ///< one line for a human, without a trailing newline
  std::optional<std::size_t> offset;   ///< byte offset in the input, when the failure has one
};

/// A value of type T, or an Error.
template <class T>
class Result {
 public:
  /// A successful result holding `value`.
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  /// A failed result holding `error`.
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  /// True when the result holds a value.
  bool has_value() const noexcept { return v_.index() == 0; }
  /// Same as has_value().
  explicit operator bool() const noexcept { return has_value(); }
  /// The value; only valid when has_value() (throws std::bad_variant_access otherwise).
  T& value() & { return std::get<0>(v_); }
  /// The value; only valid when has_value().
  const T& value() const& { return std::get<0>(v_); }
  /// Moves the value out; only valid when has_value().
  T&& value() && { return std::get<0>(std::move(v_)); }
  /// The error; only valid when !has_value().
  const Error& error() const { return std::get<1>(v_); }
  /// The value; only valid when has_value().
  T& operator*() & { return value(); }
  /// The value; only valid when has_value().
  const T& operator*() const& { return value(); }
  /// Member access to the value; only valid when has_value().
  T* operator->() { return &value(); }
  /// Member access to the value; only valid when has_value().
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Error> v_;
};

/// Result of an operation that yields nothing but may fail.
template <>
class Result<void> {
 public:
  /// Success.
  Result() = default;
  /// Failure with `error`.
  Result(Error error) : e_(std::move(error)) {}  // NOLINT
  /// True on success.
  bool has_value() const noexcept { return !e_.has_value(); }
  /// Same as has_value().
  explicit operator bool() const noexcept { return has_value(); }
  /// The error; only valid when !has_value().
  const Error& error() const { return *e_; }

 private:
  std::optional<Error> e_;
};

}  // namespace mimetool
