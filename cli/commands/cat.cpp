#include <string>

#include "commands/commands.hpp"
#include "input.hpp"
#include "mimetool/content.hpp"
#include "output.hpp"
#include "part_content.hpp"

namespace mimetool::cli {

Exit cat(const CatArgs& args) {
  Document doc(args.input, open_message(args.input), args.strict, args.limits);
  const Node* node = doc.find(args.path);
  const Entity* entity = node ? node->entity : nullptr;
  if (args.path.empty()) entity = &doc.message().root();  // "" is always the whole message
  if (!entity)
    throw UsageError("cat: " + args.input + " has no part \"" + args.path + "\"; its parts are: " + doc.path_list());

  if (args.raw) {
    // The entity as serialized from the tree; for "" the whole message, equal to the input.
    std::string out;
    if (args.path.empty())
      out = write(doc.message());
    else
      write(*entity, out);
    write_stdout(out);
  } else if (args.text) {
    if (!entity->media_type().starts_with("text/"))
      throw UsageError("cat: part \"" + args.path + "\" of " + args.input + " is " + entity->media_type() +
                       ", not text; leave out --text to get its bytes");
    CharsetPolicy policy;
    policy.strict = args.strict;
    auto t = text(*entity, policy, doc.charset_hint());
    if (!t) throw Failure(exit_for(t.error().code), args.input, "part " + args.path + ": " + t.error().message);
    if (t->lossy)
      doc.add_diagnostic({"lossy_charset_conversion", Severity::warning, entity->offset(), args.path,
                          "text decoded as " + t->charset_used + " with replacement characters"});
    write_stdout(t->text);
  } else if (node && has_content(*node)) {
    PartInfo info;
    stream_part(doc, *node, info, [](std::string_view chunk) { write_stdout(chunk); }, false, false);
  } else {
    // A multipart has no transfer encoding of its own (RFC 2045 §6.4): its body as written.
    write_stdout(entity->raw_body());
  }
  flush_stdout();
  print_warnings(doc);
  return Exit::ok;
}

}  // namespace mimetool::cli
