#pragma once
/// \file sha256.hpp
/// Incremental SHA-256 through OpenSSL's EVP interface.

#include <memory>
#include <string>
#include <string_view>

namespace mimetool::cli {

/// Hashes bytes fed in pieces; hex() ends the computation.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view bytes);
  /// Lower-case hex digest of everything fed. Call once.
  std::string hex();

 private:
  struct Ctx;
  std::unique_ptr<Ctx> ctx_;
};

}  // namespace mimetool::cli
