#pragma once
// Helpers shared by the test files: where test data lives, and reading it.

#include <filesystem>
#include <string>
#include <vector>

namespace mimetool::test {

/// The project's testdata/ folder.
std::filesystem::path testdata_dir();
/// The shared third-party corpus folder; may not exist.
std::filesystem::path corpus_dir();
/// Whole file as bytes; fails the current test (ADD_FAILURE) and returns "" when unreadable.
std::string read_bytes(const std::filesystem::path& p);
/// Every message file of the corpus (role message / expected-message in index.tsv), sorted.
std::vector<std::filesystem::path> corpus_messages();
/// Every *.eml below testdata/ (recursively), sorted.
std::vector<std::filesystem::path> testdata_messages();

}  // namespace mimetool::test
