#pragma once
/// \file input.hpp
/// Reading messages: a file (memory-mapped), standard input ("-"), the regular files of a folder
/// (Maildir: cur/ and new/), or the messages of an mbox file.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "mimetool/source.hpp"

namespace mimetool::cli {

/// Opens one message: `path` is a file, or "-" for standard input. Throws Failure: 66 when the
/// file is missing, unreadable or a folder, 74 when reading fails.
Source open_message(const std::string& path);

/// One message to process in a run over many inputs.
struct InputItem {
  std::string label;  ///< the input as the user sees it: a path, "-", or "FILE#N" for mbox
  std::string name;   ///< base for its output subfolder: file name without extension, or NNNN
  /// Produces the bytes (opened lazily, so that thousands of inputs are not all mapped at once).
  std::function<Source()> open;
  std::size_t size_hint = 0;  ///< bytes, for the progress display (0 if unknown)
};

/// Expands explode's inputs in order: each file as itself, each folder into its regular files
/// (sorted; a Maildir contributes cur/ and new/ only; hidden entries are skipped), each --mbox
/// file into its messages. Throws Failure (66) for an input that does not exist.
/// `warn` receives one-line warnings (e.g. an mbox that does not start with a From line).
std::vector<InputItem> expand_inputs(const std::vector<std::string>& inputs, const std::vector<std::string>& mboxes,
                                     const std::function<void(const std::string&)>& warn);

/// The output folder name for an input path: its file name without the extension (and without a
/// Maildir ":2,…" flags suffix); "message" for standard input.
std::string stem_of(const std::string& path);

}  // namespace mimetool::cli
