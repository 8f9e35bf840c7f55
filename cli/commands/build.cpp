// `mimetool build`: options, a JSON spec or an exploded folder's manifest → MessageBuilder →
// bytes. The library does the composing; this file turns the three kinds of input into calls.

#include "commands/build.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include "mimetool/build.hpp"
#include "mimetool/charset.hpp"
#include "mimetool/codec.hpp"
#include "mimetool/fields.hpp"

namespace mimetool::cli {

namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;
using json = nlohmann::json;

// sysexits.h statuses.
constexpr int ex_ok = 0, ex_usage = 64, ex_data = 65, ex_noinput = 66, ex_cantcreat = 73, ex_ioerr = 74;

int status_for(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::invalid_argument:
    case ErrorCode::unknown_charset:
      return ex_usage;
    case ErrorCode::data:
    case ErrorCode::invalid_sequence:
    case ErrorCode::limit_exceeded:
      return ex_data;
    case ErrorCode::no_input:
      return ex_noinput;
    case ErrorCode::cant_create:
      return ex_cantcreat;
    case ErrorCode::io:
      return ex_ioerr;
  }
  return ex_data;
}

// Unwinds to run_build() with a status and one line of text.
struct Failure {
  int status;
  std::string message;
};

[[noreturn]] void fail(int status, std::string message) { throw Failure{status, std::move(message)}; }
[[noreturn]] void fail(const Error& e) { throw Failure{status_for(e.code), e.message}; }

template <class T>
T take(Result<T> r) {
  if (!r) fail(r.error());
  return std::move(*r);
}

void check(const Result<void>& r) {
  if (!r) fail(r.error());
}

void check_builder(const MessageBuilder& b) {
  if (b.error()) fail(*b.error());
}

std::string read_file(const fs::path& path) {
  if (path == "-") {
    std::ostringstream buf;
    buf << std::cin.rdbuf();
    if (std::cin.bad()) fail(ex_ioerr, "error reading standard input");
    return std::move(buf).str();
  }
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) fail(ex_noinput, "cannot open '" + path.string() + "': no such file");
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(ex_noinput, "cannot open '" + path.string() + "'");
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) fail(ex_ioerr, "error reading '" + path.string() + "'");
  return s;
}

// Body text files are UTF-8 by contract; anything else would be converted wrongly.
std::string read_utf8(const fs::path& path) {
  std::string s = read_file(path);
  if (!is_valid_utf8(s)) fail(ex_data, "'" + path.string() + "' is not valid UTF-8");
  if (s.starts_with("\xEF\xBB\xBF")) s.erase(0, 3);  // a byte-order mark is not text
  return s;
}

// Splits "FILE;key=value;key=value" from the right, so that a ';' inside FILE survives as long
// as what follows it is not one of the known keys.
struct FileSpec {
  std::string file;
  std::string type, name, cid;
};

FileSpec parse_file_spec(std::string_view arg, std::string_view option) {
  FileSpec fsp;
  std::string rest(arg);
  for (;;) {
    const auto semi = rest.rfind(';');
    if (semi == std::string::npos) break;
    const std::string kv = rest.substr(semi + 1);
    const auto eq = kv.find('=');
    const std::string key = eq == std::string::npos ? kv : kv.substr(0, eq);
    const std::string value = eq == std::string::npos ? std::string() : kv.substr(eq + 1);
    if (key == "type") fsp.type = value;
    else if (key == "name") fsp.name = value;
    else if (key == "cid") fsp.cid = value;
    else break;
    rest.resize(semi);
  }
  if (rest.empty()) fail(ex_usage, std::string(option) + " needs a file name");
  fsp.file = rest;
  return fsp;
}

// ---------------------------------------------------------------------------------------------
// JSON spec (docs/BUILD_SPEC.md)

constexpr int max_spec_depth = 100;

struct SpecContext {
  fs::path base;  // relative file names resolve against the spec's folder
  std::string where;
};

[[noreturn]] void spec_error(const std::string& what) { fail(ex_data, "spec: " + what); }

const json* member(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

std::string str(const json& j, const char* key) {
  if (!j.is_string()) spec_error(std::string("\"") + key + "\" must be a string");
  return j.get<std::string>();
}

std::string opt_str(const json& obj, const char* key) {
  const json* j = member(obj, key);
  return j ? str(*j, key) : std::string();
}

std::vector<std::string> str_list(const json& j, const char* key) {
  if (j.is_string()) return {j.get<std::string>()};
  if (!j.is_array()) spec_error(std::string("\"") + key + "\" must be a string or an array of strings");
  std::vector<std::string> out;
  for (const auto& x : j) out.push_back(str(x, key));
  return out;
}

fs::path resolve(const SpecContext& ctx, const std::string& file) {
  const fs::path p(file);
  return p.is_absolute() || file == "-" ? p : ctx.base / p;
}

std::vector<std::pair<std::string, std::string>> header_list(const json& j) {
  std::vector<std::pair<std::string, std::string>> out;
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      for (const auto& s : str_list(v, "headers")) out.emplace_back(k, s);
    }
  } else if (j.is_array()) {
    for (const auto& h : j) {
      if (h.is_array() && h.size() == 2) out.emplace_back(str(h[0], "headers"), str(h[1], "headers"));
      else if (h.is_object()) out.emplace_back(opt_str(h, "name"), opt_str(h, "value"));
      else spec_error("\"headers\" entries must be [name, value] or {\"name\", \"value\"}");
    }
  } else {
    spec_error("\"headers\" must be an object or an array");
  }
  return out;
}

std::optional<TransferEncoding> encoding_of(const json& obj) {
  const std::string s = opt_str(obj, "transfer_encoding");
  if (s.empty()) return std::nullopt;
  const TransferEncoding te = parse_transfer_encoding(s);
  if (te == TransferEncoding::unknown || te == TransferEncoding::uuencode) spec_error("unknown transfer_encoding '" + s + "'");
  return te;
}

void apply_message_spec(MessageBuilder& b, const json& spec, const SpecContext& ctx, int depth);

Part part_from_spec(const json& j, const SpecContext& ctx, int depth) {
  if (depth > max_spec_depth) spec_error("parts nested deeper than " + std::to_string(max_spec_depth));
  if (!j.is_object()) spec_error("a part must be an object");
  const std::string type = opt_str(j, "type");
  std::optional<Part> part;
  if (const json* parts = member(j, "parts")) {
    if (!parts->is_array()) spec_error("\"parts\" must be an array");
    std::string subtype = "mixed";
    if (!type.empty()) {
      if (!type.starts_with("multipart/")) spec_error("a part with \"parts\" must be multipart/*, not " + type);
      subtype = type.substr(10);
    }
    std::vector<Part> children;
    for (const auto& c : *parts) children.push_back(part_from_spec(c, ctx, depth + 1));
    part = take(Part::multipart(subtype, std::move(children)));
  } else if (const json* msg = member(j, "message")) {
    if (!msg->is_object()) spec_error("\"message\" must be an object");
    MessageBuilder inner;
    apply_message_spec(inner, *msg, ctx, depth + 1);
    part = Part::message(take(inner.build()));
  } else if (const json* text = member(j, "text")) {
    const std::string charset = member(j, "charset") ? opt_str(j, "charset") : "utf-8";
    std::string subtype = "plain";
    if (!type.empty()) {
      if (!type.starts_with("text/")) spec_error("a part with \"text\" must be text/*, not " + type);
      subtype = type.substr(5);
    }
    part = take(Part::text(str(*text, "text"), charset, subtype));
  } else {
    std::string bytes;
    std::string filename = opt_str(j, "filename");
    if (const json* f = member(j, "file")) {
      const fs::path p = resolve(ctx, str(*f, "file"));
      bytes = read_file(p);
      if (filename.empty() && !member(j, "disposition")) filename = p.filename().string();
    } else if (const json* d = member(j, "data")) {
      bytes = str(*d, "data");
    } else if (const json* b64 = member(j, "base64")) {
      DecodeReport rep;
      bytes = decode_base64(str(*b64, "base64"), &rep);
      if (rep.invalid) spec_error("invalid base64 in \"base64\"");
    }
    if (type == "message/rfc822") {
      part = Part::message_bytes(std::move(bytes));
    } else {
      const std::string t = type.empty() ? guess_media_type(filename, bytes) : type;
      part = take(Part::data(std::move(bytes), t));
    }
    const std::string disposition = opt_str(j, "disposition");
    if (!disposition.empty() || !filename.empty())
      check(part->set_disposition(disposition.empty() ? "attachment" : disposition, filename));
  }
  if (!part->is_multipart() && part->disposition().empty() && (member(j, "disposition") || member(j, "filename"))) {
    const std::string disposition = opt_str(j, "disposition");
    check(part->set_disposition(disposition.empty() ? "attachment" : disposition, opt_str(j, "filename")));
  }
  if (const json* cid = member(j, "content_id")) check(part->set_content_id(str(*cid, "content_id")));
  if (const json* params = member(j, "params")) {
    if (!params->is_object()) spec_error("\"params\" must be an object");
    for (const auto& [k, v] : params->items()) check(part->set_param(k, str(v, "params")));
  }
  if (const json* h = member(j, "headers"))
    for (const auto& [name, value] : header_list(*h)) check(part->add_header(name, value));
  if (auto te = encoding_of(j)) part->set_transfer_encoding(*te);
  return std::move(*part);
}

std::string text_or_file(const json& j, const char* key, const SpecContext& ctx) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_object() && member(j, "file")) return read_utf8(resolve(ctx, opt_str(j, "file")));
  spec_error(std::string("\"") + key + "\" must be a string or {\"file\": …}");
}

void apply_message_spec(MessageBuilder& b, const json& spec, const SpecContext& ctx, int depth) {
  if (!spec.is_object()) spec_error("the spec must be a JSON object");
  if (const json* v = member(spec, "from")) b.from(str(*v, "from"));
  for (const char* key : {"to", "cc", "bcc", "reply_to"}) {
    const json* v = member(spec, key);
    if (!v) continue;
    for (const auto& a : str_list(*v, key)) {
      const std::string_view k(key);
      if (k == "to") b.to(a);
      else if (k == "cc") b.cc(a);
      else if (k == "bcc") b.bcc(a);
      else b.reply_to(a);
    }
  }
  if (const json* v = member(spec, "subject")) b.subject(str(*v, "subject"));
  if (const json* v = member(spec, "date")) b.date(str(*v, "date"));
  if (const json* v = member(spec, "message_id")) b.message_id(str(*v, "message_id"));
  if (const json* v = member(spec, "headers"))
    for (const auto& [name, value] : header_list(*v)) b.header(name, value);
  const std::string charset = member(spec, "charset") ? opt_str(spec, "charset") : "utf-8";
  if (const json* v = member(spec, "text")) b.text(text_or_file(*v, "text", ctx), charset);
  if (const json* v = member(spec, "html")) b.html(text_or_file(*v, "html", ctx), charset);
  if (const json* v = member(spec, "inline")) {
    if (!v->is_array()) spec_error("\"inline\" must be an array");
    for (const auto& p : *v) {
      Part part = part_from_spec(p, ctx, depth + 1);
      if (part.disposition().empty()) check(part.set_disposition("inline", part.filename()));
      b.add_inline(std::move(part));
    }
  }
  if (const json* v = member(spec, "attachments")) {
    if (!v->is_array()) spec_error("\"attachments\" must be an array");
    for (const auto& p : *v) b.attach(part_from_spec(p, ctx, depth + 1));
  }
  if (const json* v = member(spec, "body")) b.body(part_from_spec(*v, ctx, depth + 1));
  if (const json* v = member(spec, "seed")) {
    if (!v->is_number_unsigned()) spec_error("\"seed\" must be a non-negative integer");
    b.seed(v->get<std::uint64_t>());
  }
  check_builder(b);
}

json load_json(const fs::path& path) {
  const std::string text = read_file(path);
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) fail(ex_data, "'" + path.string() + "' is not valid JSON");
  return j;
}

// ---------------------------------------------------------------------------------------------
// Manifest of `mimetool explode --json` (flat list of parts in pre-order with IMAP section paths)

struct ManifestReader {
  const json& parts;
  fs::path dir;

  static std::string path_of(const json& p) { return p.contains("path") && p["path"].is_string() ? p["path"].get<std::string>() : ""; }

  // True when `child` is a direct child path of `parent` ("" → "1"; "2" → "2.1").
  static bool is_child(const std::string& parent, const std::string& child) {
    const std::string prefix = parent.empty() ? "" : parent + ".";
    if (!child.starts_with(prefix) || child.size() == prefix.size()) return false;
    return child.find('.', prefix.size()) == std::string::npos;
  }

  Part node(std::size_t& i, int depth) {
    if (depth > max_spec_depth) fail(ex_data, "manifest: parts nested too deep");
    const json& p = parts.at(i++);
    if (!p.is_object()) fail(ex_data, "manifest: a part must be an object");
    const std::string path = path_of(p);
    const std::string type = opt_str(p, "content_type").empty() ? "text/plain" : opt_str(p, "content_type");
    const std::string file = opt_str(p, "file");
    if (type.starts_with("multipart/")) {
      std::vector<Part> children;
      while (i < parts.size() && is_child(path, path_of(parts[i]))) children.push_back(node(i, depth + 1));
      return take(Part::multipart(type.substr(10), std::move(children)));
    }
    if (type == "message/rfc822" && file.empty() && i < parts.size()) {
      // The encapsulated root follows: path P when multipart, P.1 when single-part.
      const std::string next = path_of(parts[i]);
      if (next == path || next == (path.empty() ? "1" : path + ".1")) return Part::message(node(i, depth + 1));
    }
    std::string bytes = file.empty() ? std::string() : read_file(fs::path(file).is_absolute() ? fs::path(file) : dir / file);
    if (type == "message/rfc822") return Part::message_bytes(std::move(bytes));
    Part part;
    const std::string charset = opt_str(p, "charset");
    const std::string disposition = opt_str(p, "disposition");
    const std::string filename = opt_str(p, "filename");
    if (type.starts_with("text/") && disposition != "attachment" && filename.empty()) {
      // A body text: the file holds the decoded bytes in the declared charset. Rewrite it in that
      // charset when we can (to normalise line breaks), else as UTF-8.
      auto utf8 = to_utf8(bytes, charset);
      auto t = Part::text(utf8 ? utf8->text : bytes, charset.empty() || !is_known_charset(charset) ? "utf-8" : charset,
                          type.substr(5));
      part = t ? std::move(*t) : take(Part::text(utf8 ? utf8->text : bytes, "utf-8", type.substr(5)));
    } else {
      part = take(Part::data(std::move(bytes), type));
      if (!charset.empty()) check(part.set_param("charset", charset));
      if (!disposition.empty() || !filename.empty())
        check(part.set_disposition(disposition.empty() ? "attachment" : disposition, filename));
    }
    if (const std::string cid = opt_str(p, "content_id"); !cid.empty()) check(part.set_content_id(cid));
    return part;
  }
};

std::string mailbox_text(const json& m) {
  if (m.is_string()) return m.get<std::string>();
  if (!m.is_object()) fail(ex_data, "manifest: an address must be an object");
  const std::string name = opt_str(m, "name");
  const std::string addr = opt_str(m, "address");
  if (name.empty()) return addr;
  std::string q = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return q + "\" <" + addr + ">";
}

void apply_manifest(MessageBuilder& b, const json& m, const fs::path& dir) {
  if (!m.is_object() || !m.contains("parts") || !m["parts"].is_array() || m["parts"].empty())
    fail(ex_data, "manifest: no \"parts\" array");
  if (const json* h = member(m, "headers")) {
    if (!h->is_object()) fail(ex_data, "manifest: \"headers\" must be an object");
    if (const json* v = member(*h, "subject")) b.subject(str(*v, "subject"));
    if (const json* v = member(*h, "from"))
      for (const auto& a : *v) b.from(mailbox_text(a));
    for (const char* key : {"to", "cc"}) {
      const json* v = member(*h, key);
      if (!v || !v->is_array()) continue;
      for (const auto& a : *v) std::string_view(key) == "to" ? b.to(mailbox_text(a)) : b.cc(mailbox_text(a));
    }
    if (const json* v = member(*h, "date")) {
      // The manifest's dates are RFC 3339; parse_date reads ISO 8601 forms.
      std::string d = str(*v, "date");
      if (d.size() >= 6 && (d[d.size() - 6] == '+' || d[d.size() - 6] == '-') && d[d.size() - 3] == ':') d.erase(d.size() - 3, 1);
      b.date(d);
    }
    if (const json* v = member(*h, "message_id")) b.message_id(str(*v, "message_id"));
  }
  ManifestReader r{m["parts"], dir};
  std::size_t i = 0;
  Part root = r.node(i, 0);
  b.body(std::move(root));
  check_builder(b);
}

// ---------------------------------------------------------------------------------------------

constexpr const char* usage_text =
    "usage: mimetool build [options] [-o OUT]\n"
    "Composes a MIME message and writes it to OUT (or standard output).\n";

constexpr const char* examples_text =
    "\nexamples:\n"
    "  mimetool build --from 'Ann <ann@example.org>' --to bob@example.org --subject Report \\\n"
    "      --text body.txt --html body.html --attach report.pdf -o msg.eml\n"
    "  mimetool build --from ann@example.org --to bob@example.org --charset gb2312 --text - < body.txt\n"
    "  mimetool build --spec message.json --seed 1 --date 'Tue, 01 Oct 2024 10:00:00 +0200'\n"
    "  mimetool build --from-manifest out --manifest manifest.json -o rebuilt.eml\n";

int run(const std::vector<std::string>& args) {
  po::options_description desc("options");
  // clang-format off
  desc.add_options()
    ("help,h", "show this help")
    ("output,o", po::value<std::string>(), "write the message to this file (atomically) instead of standard output")
    ("from", po::value<std::string>(), "author: ADDR or 'Name <addr>' (UTF-8 names are encoded)")
    ("to", po::value<std::vector<std::string>>()->composing(), "recipient(s); repeatable or comma-separated")
    ("cc", po::value<std::vector<std::string>>()->composing(), "copy recipient(s); repeatable")
    ("bcc", po::value<std::vector<std::string>>()->composing(),
     "blind-copy recipient(s): checked, but never written into the message (RFC 5322 3.6.3); pass them to your mail transport")
    ("reply-to", po::value<std::vector<std::string>>()->composing(), "Reply-To address(es)")
    ("subject", po::value<std::string>(), "subject (UTF-8)")
    ("date", po::value<std::string>(), "Date field (RFC 5322 date; default: now, local time)")
    ("message-id", po::value<std::string>(), "Message-ID (default: <random@sender-domain>)")
    ("header", po::value<std::vector<std::string>>()->composing(), "extra field 'Name: value' (UTF-8); repeatable")
    ("text", po::value<std::string>(), "plain-text body from FILE (UTF-8), or - for standard input")
    ("html", po::value<std::string>(), "HTML body from FILE (UTF-8), or - for standard input")
    ("charset", po::value<std::string>()->default_value("utf-8"), "charset the text bodies are written in (e.g. gb2312, iso-2022-jp)")
    ("attach", po::value<std::vector<std::string>>()->composing(), "attachment FILE[;type=TYPE][;name=NAME]; repeatable")
    ("inline", po::value<std::vector<std::string>>()->composing(), "inline part FILE;cid=ID[;type=TYPE]; repeatable")
    ("spec", po::value<std::string>(), "JSON description of the message (docs/BUILD_SPEC.md)")
    ("from-manifest", po::value<std::string>(), "rebuild from a folder written by 'mimetool explode --json'")
    ("manifest", po::value<std::string>(), "manifest file for --from-manifest (default: DIR/manifest.json)")
    ("seed", po::value<std::uint64_t>(), "seed for boundaries and Message-ID (reproducible output)")
    ("lf", "write LF line endings instead of CRLF")
    ("allow-8bit", "allow Content-Transfer-Encoding: 8bit for non-ASCII text");
  // clang-format on
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(desc).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    fail(ex_usage, e.what());
  }
  if (vm.count("help")) {
    std::cout << usage_text << desc << examples_text;
    return ex_ok;
  }
  auto get = [&](const char* k) { return vm.count(k) ? vm[k].as<std::string>() : std::string(); };
  auto list = [&](const char* k) { return vm.count(k) ? vm[k].as<std::vector<std::string>>() : std::vector<std::string>(); };

  MessageBuilder b;
  WriteOptions wo;
  if (vm.count("spec")) {
    const fs::path spec_path = get("spec");
    const json spec = load_json(spec_path);
    apply_message_spec(b, spec, SpecContext{spec_path.parent_path(), spec_path.string()}, 0);
    if (const json* v = spec.is_object() ? member(spec, "lf") : nullptr; v && v->is_boolean() && v->get<bool>())
      wo.format.eol = LineEnding::lf;
    if (const json* v = spec.is_object() ? member(spec, "allow_8bit") : nullptr; v && v->is_boolean())
      wo.allow_8bit = v->get<bool>();
  }
  if (vm.count("from-manifest")) {
    const fs::path dir = get("from-manifest");
    const fs::path mf = vm.count("manifest") ? fs::path(get("manifest")) : dir / "manifest.json";
    apply_manifest(b, load_json(mf), dir);
  } else if (vm.count("manifest")) {
    fail(ex_usage, "--manifest needs --from-manifest DIR");
  }

  if (vm.count("from")) b.from(get("from"));
  for (const auto& a : list("to")) b.to(a);
  for (const auto& a : list("cc")) b.cc(a);
  for (const auto& a : list("bcc")) b.bcc(a);
  for (const auto& a : list("reply-to")) b.reply_to(a);
  if (vm.count("subject")) b.subject(get("subject"));
  if (vm.count("date")) b.date(get("date"));
  if (vm.count("message-id")) b.message_id(get("message-id"));
  for (const auto& h : list("header")) {
    const auto colon = h.find(':');
    if (colon == std::string::npos || colon == 0) fail(ex_usage, "--header needs 'Name: value', got '" + h + "'");
    std::string value = h.substr(colon + 1);
    const auto start = value.find_first_not_of(" \t");
    value = start == std::string::npos ? std::string() : value.substr(start);
    b.header(h.substr(0, colon), value);
  }
  const std::string charset = get("charset");
  if (!is_known_charset(charset)) fail(ex_usage, "unknown charset '" + charset + "'");
  if (vm.count("text") && vm.count("html") && get("text") == "-" && get("html") == "-")
    fail(ex_usage, "--text and --html cannot both read standard input");
  if (vm.count("text")) b.text(read_utf8(get("text")), charset);
  if (vm.count("html")) b.html(read_utf8(get("html")), charset);
  for (const auto& a : list("inline")) {
    const FileSpec f = parse_file_spec(a, "--inline");
    if (f.cid.empty()) fail(ex_usage, "--inline needs ;cid=ID, got '" + a + "'");
    const std::string bytes = read_file(f.file);
    const std::string name = f.name.empty() ? fs::path(f.file).filename().string() : f.name;
    b.add_inline(take(Part::inline_data(bytes, f.cid, f.type, name)));
  }
  for (const auto& a : list("attach")) {
    const FileSpec f = parse_file_spec(a, "--attach");
    if (!f.cid.empty()) fail(ex_usage, "--attach takes no cid (use --inline): '" + a + "'");
    std::error_code ec;
    if (!fs::is_regular_file(f.file, ec)) fail(ex_noinput, "cannot open '" + f.file + "': no such file");
    b.attach(take(Part::attachment_from_file(f.file, f.type, f.name)));
  }
  // Header text goes out in the body's charset where it can (as Thunderbird does: old Chinese and
  // Japanese clients expect GB2312 / ISO-2022-JP words); the encoder falls back to UTF-8.
  if (!vm["charset"].defaulted()) wo.format.header_charset = charset;
  if (vm.count("seed")) b.seed(vm["seed"].as<std::uint64_t>());
  if (vm.count("lf")) wo.format.eol = LineEnding::lf;
  if (vm.count("allow-8bit")) wo.allow_8bit = true;
  check_builder(b);

  if (vm.count("output")) {
    check(b.write_file(get("output"), wo));
    return ex_ok;
  }
  const std::string bytes = take(b.to_string(wo));
  std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  std::cout.flush();
  if (!std::cout) fail(ex_ioerr, "error writing standard output");
  return ex_ok;
}

}  // namespace

int run_build(int argc, char** argv) noexcept {
  try {
    return run_build(std::vector<std::string>(argv, argv + argc));
  } catch (const std::bad_alloc&) {
    std::cerr << "mimetool: build: out of memory\n";
    return ex_ioerr;
  }
}

int run_build(const std::vector<std::string>& args) noexcept {
  try {
    return run(args);
  } catch (const Failure& f) {
    std::cerr << "mimetool: build: " << f.message << "\n";
    return f.status;
  } catch (const std::bad_alloc&) {
    std::cerr << "mimetool: build: out of memory\n";
    return ex_ioerr;
  } catch (const std::exception& e) {
    std::cerr << "mimetool: build: " << e.what() << "\n";
    return ex_data;
  }
}

}  // namespace mimetool::cli
