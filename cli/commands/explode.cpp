#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "commands/commands.hpp"
#include "input.hpp"
#include "manifest.hpp"
#include "media_types.hpp"
#include "mimetool/content.hpp"
#include "output.hpp"
#include "output_dir.hpp"
#include "part_content.hpp"
#include "progress.hpp"
#include "safe_name.hpp"

namespace fs = std::filesystem;

namespace mimetool::cli {
namespace {

// The outcome of one message, kept until its turn to be printed (output follows input order).
struct Outcome {
  Exit status = Exit::ok;
  std::vector<std::string> stderr_lines;
  std::string json;
  std::uint64_t bytes = 0;
};

std::string generated_name(const Node& n) {
  return "part-" + n.path + "." + extension_for(n.entity->media_type());
}

// Explodes one message into `dir`, or with a `parent`, into its subfolder `dir`; `prefix` is
// prepended to the manifest's "file" values.
Outcome explode_one(const InputItem& item, const OutputDir* parent, const std::string& dir, const std::string& prefix,
                    const ExplodeArgs& args, bool json_lines) {
  Outcome res;
  try {
    Document doc(item.label, item.open(), args.strict, args.limits);
    res.bytes = doc.message().source().size();
    std::optional<OutputDir> out_dir;
    if (parent)
      out_dir.emplace(*parent, dir, args.force);
    else
      out_dir.emplace(dir, args.force);
    OutputDir& out = *out_dir;
    std::vector<std::optional<PartInfo>> infos(doc.nodes().size());
    for (std::size_t i = 0; i < doc.nodes().size(); ++i) {
      const Node& node = doc.nodes()[i];
      if (!has_content(node)) continue;
      PartInfo& info = infos[i].emplace();
      std::string wanted;
      if (const auto name = filename(*node.entity)) wanted = safe_name(*name);
      if (wanted.empty()) wanted = generated_name(node);
      const std::string written = out.write(wanted, [&](const std::function<void(std::string_view)>& sink) {
        // The SHA-256 of each part appears only in the manifest: no --json, no hashing.
        stream_part(doc, node, info, sink, true, args.json);
      });
      info.file = prefix + written;
      // Files that old mailers pasted uuencoded into the text.
      for (std::size_t k = 0; k < info.uuencoded.size(); ++k) {
        UuFile& uu = info.uuencoded[k];
        std::string uu_name = uu.filename ? safe_name(*uu.filename) : std::string();
        if (uu_name.empty()) uu_name = "part-" + node.path + "-uuencoded-" + std::to_string(k + 1) + ".bin";
        uu.file = prefix + out.write(uu_name, [&](const std::function<void(std::string_view)>& sink) { sink(uu.data); });
        std::string().swap(uu.data);
      }
    }
    if (args.json) {
      const auto manifest = manifest_json(doc, infos, true);
      res.json = json_lines ? dump_line(manifest) + "\n" : dump_pretty(manifest);
    }
    res.stderr_lines = warning_lines(doc);
  } catch (const Failure& f) {
    res.status = f.status();
    res.stderr_lines.push_back(f.line());
  } catch (const std::bad_alloc&) {
    res.status = Exit::io;
    res.stderr_lines.push_back("mimetool: " + item.label + ": out of memory");
  }
  return res;
}

void emit(const Outcome& o) {
  if (!o.json.empty()) write_stdout(o.json);
  if (!o.json.empty()) flush_stdout();
  for (const auto& line : o.stderr_lines) print_error_line(line);
}

bool is_folder(const std::string& p) {
  std::error_code ec;
  return p != "-" && fs::is_directory(p, ec);
}

}  // namespace

Exit explode(const ExplodeArgs& args) {
  if (std::count(args.inputs.begin(), args.inputs.end(), std::string("-")) > 1)
    throw UsageError("explode: standard input (-) can be given only once");
  const bool any_folder = std::any_of(args.inputs.begin(), args.inputs.end(), is_folder);
  // One message file (or stdin) goes straight into DIR; anything that can hold several messages
  // gets one subfolder per message.
  const bool many = args.inputs.size() + args.mboxes.size() > 1 || any_folder || !args.mboxes.empty();

  std::vector<std::string> early_warnings;
  auto items = expand_inputs(args.inputs, args.mboxes, [&](const std::string& w) { early_warnings.push_back(w); });
  for (const auto& w : early_warnings) print_error_line(w);

  fs::path base = args.out_dir;
  if (base.empty()) {
    if (args.inputs.size() + args.mboxes.size() == 1)
      base = safe_name(stem_of(args.inputs.empty() ? args.mboxes[0] : args.inputs[0]));
    if (base.empty()) base = many ? "." : "message";
  }
  if (!many) {
    Outcome o = explode_one(items.at(0), nullptr, base.string(), "", args, false);
    emit(o);
    return o.status;
  }

  // Subfolder names are settled up front, in input order, so the result does not depend on
  // --jobs or on timing.
  std::vector<std::string> subdirs;
  subdirs.reserve(items.size());
  std::uint64_t total_bytes = 0;
  {
    SubfolderNames names;  // freed before the work starts, so its memory is reused
    for (const auto& it : items) {
      std::string wanted = safe_name(it.name);
      if (wanted.empty()) wanted = "message";
      subdirs.push_back(names.reserve(wanted));
      total_bytes += it.size_hint;
    }
  }
  if (items.empty()) return Exit::ok;
  // The base folder is created once here, so that a failure is one error, not one per message;
  // the subfolders are made relative to it.
  const OutputDir top(base.string(), args.force);

  const unsigned jobs = std::max(1u, std::min<unsigned>(args.jobs ? args.jobs : std::max(1u, std::thread::hardware_concurrency()),
                                                        static_cast<unsigned>(items.size())));
  // Outcomes finished but not yet printed, by input index: only a few at a time, so memory stays
  // flat however many messages there are.
  std::map<std::size_t, Outcome> results;
  std::mutex mu;        // guards results and printed
  std::mutex print_mu;  // held by the one thread printing
  std::size_t printed = 0;
  Exit status = Exit::ok;           // written only while print_mu is held
  std::exception_ptr print_error;   // likewise
  std::atomic<std::size_t> next{0};
  Progress progress(items.size(), total_bytes);
  auto print_ready = [&] {
    // Prints every outcome that is next in input order. Outcomes are moved out under the lock and
    // printed without it.
    while (true) {
      std::optional<Outcome> o;
      {
        std::lock_guard lock(mu);
        if (printed >= items.size()) return;
        const auto found = results.find(printed);
        if (found == results.end()) return;
        o = std::move(found->second);
        results.erase(found);
        ++printed;
      }
      if (status == Exit::ok && o->status != Exit::ok) status = o->status;
      if (!print_error) {
        try {
          emit(*o);
        } catch (...) {
          print_error = std::current_exception();  // stdout failed: finish the work, then report
        }
      }
    }
  };
  // The worker that finishes a message prints what is ready, unless another worker is printing:
  // then it goes back to work (no thread wakes up per message just to print, which on a small
  // machine took CPU from the workers). Whatever is left is printed after the join.
  auto try_print = [&] {
    while (true) {
      std::unique_lock plock(print_mu, std::try_to_lock);
      if (!plock.owns_lock()) return;
      print_ready();
      plock.unlock();
      // An outcome stored while this thread was finishing may have found print_mu taken.
      std::lock_guard lock(mu);
      if (printed >= items.size() || results.find(printed) == results.end()) return;
    }
  };
  auto worker = [&] {
    for (std::size_t i; (i = next++) < items.size();) {
      Outcome o = explode_one(items[i], &top, subdirs[i], subdirs[i] + "/", args, true);
      progress.message_done(o.bytes);
      {
        std::lock_guard lock(mu);
        results.emplace(i, std::move(o));
      }
      try_print();
    }
  };
  if (jobs == 1) {
    worker();
  } else {
    // --jobs N: N workers; the main thread waits for them.
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);
    for (auto& t : threads) t.join();
  }
  {
    std::lock_guard plock(print_mu);
    print_ready();
  }
  if (print_error) std::rethrow_exception(print_error);
  return status;
}

}  // namespace mimetool::cli
