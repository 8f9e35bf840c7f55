// The entity parser: one forward pass over the bytes with an explicit stack of open entities.
//
// Shape of the algorithm. The stack ("chain") holds the entities that are open at the current
// position, root first. Between header blocks the parser only looks at line starts: a line that
// begins with "--" is compared with the boundary of every open multipart (innermost first), as
// RFC 2046 §5.1.1 and every mature parser do, so a missing close delimiter in a nested part is
// ended by the outer boundary. When a delimiter is found, every entity deeper than its multipart
// ends just before the line ending that precedes the delimiter (that CRLF belongs to the
// delimiter), and a new body part starts after the delimiter line. Nothing recurses, so nesting
// depth costs heap, never call stack; the depth limit bounds both.
//
// Byte-exactness: every byte of the input belongs to exactly one span (header field, separator,
// preamble, delimiter, body part, close delimiter, epilogue), so writing the spans back in order
// reproduces the input.

#include <algorithm>
#include <array>
#include <cstring>

#include "fields/boundary.hpp"
#include "mimetool/fields.hpp"
#include "mimetool/message.hpp"
#include "model/access.hpp"
#include "util/ascii.hpp"

namespace mimetool {

namespace {

bool is_wsp(char c) { return c == ' ' || c == '\t'; }

// RFC 5322 §3.6.8 ftext: printable US-ASCII except ":". A table, because this test runs on every
// byte of every field name.
constexpr std::array<bool, 256> make_field_name_table() {
  std::array<bool, 256> t{};
  for (int c = 33; c < 127; ++c) t[static_cast<std::size_t>(c)] = c != ':';
  return t;
}
constexpr auto kFieldNameChar = make_field_name_table();

// Identity transfer encodings: the only ones under which an encapsulated message or a multipart
// can be parsed in place (RFC 2045 §6.4).
bool is_identity_encoding(const Entity& e) {
  const HeaderField* f = e.header("Content-Transfer-Encoding");
  if (!f) return true;
  const std::string v = util::ascii_lower(f->value());
  return v.empty() || v == "7bit" || v == "8bit" || v == "binary" || v == "7-bit" || v == "8-bit";
}

}  // namespace

class Parser {
 public:
  Parser(const Source& src, const ParseOptions& opt, Message& m)
      : b_(src.bytes().data()), n_(src.bytes().size()), opt_(opt), m_(m) {
    chain_.reserve(8);
  }

  void run();
  // Diagnostics name the entity's section path, known only once the tree is complete.
  void fill_diagnostic_paths() {
    auto& d = detail_access::diagnostics(m_);
    for (std::size_t i = 0; i < d.size() && i < diag_entities_.size(); ++i)
      if (diag_entities_[i]) d[i].path = detail_access::section_path(*diag_entities_[i]);
  }

 private:
  enum class State { preamble, part, epilogue };
  struct Open {
    Entity* e;
    std::size_t begin;       // first byte of the entity
    std::size_t body_begin;  // first byte of its body
    State state = State::part;
    std::size_t seg_begin = 0;  // multipart: start of the current preamble/part/epilogue
    std::size_t child_end = 0;  // multipart: end of the last closed body part
  };

  std::string_view span(std::size_t from, std::size_t to) const { return {b_ + from, to - from}; }
  std::size_t line_end(std::size_t pos) const {  // index of '\n' ending the line, or n_
    const void* p = std::memchr(b_ + pos, '\n', n_ - pos);
    return p ? static_cast<std::size_t>(static_cast<const char*>(p) - b_) : n_;
  }
  // Does the line [pos, eol) delimit an open multipart? Returns its chain index or -1.
  int match_boundary(std::size_t pos, std::size_t eol, bool& close) const;
  void start_entity(std::size_t pos);
  std::size_t parse_headers(Entity& e, std::size_t pos);
  void classify(Entity& e);
  void close_deeper(std::size_t keep, std::size_t content_end);
  void finish_entity(Open& o, std::size_t end);
  void diag(const char* code, Severity sev, std::size_t offset, Entity* e, std::string detail = {});

  const char* b_;
  std::size_t n_;
  const ParseOptions& opt_;
  Message& m_;
  std::vector<Open> chain_;
  bool frozen_ = false;  // the part limit was hit: no more boundaries are recognised
  std::size_t pos_ = 0;
  std::vector<Entity*> diag_entities_;
};

void Parser::diag(const char* code, Severity sev, std::size_t offset, Entity* e, std::string detail) {
  auto& d = detail_access::diagnostics(m_);
  if (d.size() >= opt_.max_diagnostics) {
    if (d.size() == opt_.max_diagnostics) {
      d.push_back({"too_many_diagnostics", Severity::warning, offset, {}, "further diagnostics dropped"});
      diag_entities_.push_back(nullptr);
    }
    // The marker stands for everything dropped, so it is as severe as the worst of it: otherwise
    // a critical defect hidden behind max_diagnostics warnings would pass parse_strict().
    if (sev == Severity::critical && d.back().severity != Severity::critical) {
      d.back().severity = Severity::critical;
      d.back().detail = "further diagnostics dropped, some of them critical";
    }
    return;
  }
  d.push_back({code, sev, offset, {}, std::move(detail)});
  diag_entities_.push_back(e);
}

int Parser::match_boundary(std::size_t pos, std::size_t eol, bool& close) const {
  if (frozen_) return -1;
  const char* line = b_ + pos + 2;  // after "--"
  std::size_t len = eol - pos - 2;
  for (int i = static_cast<int>(chain_.size()) - 1; i >= 0; --i) {
    const Open& o = chain_[static_cast<std::size_t>(i)];
    if (!o.e->is_multipart() || o.state == State::epilogue) continue;
    const std::string& bd = o.e->boundary();
    if (len < bd.size() || std::memcmp(line, bd.data(), bd.size()) != 0) continue;
    std::size_t k = bd.size();
    bool is_close = false;
    if (len - k >= 2 && line[k] == '-' && line[k + 1] == '-') {
      is_close = true;
      k += 2;
    }
    // RFC 2046 §5.1.1: only linear whitespace (transport padding) may follow the boundary.
    // A longer token is another boundary that merely starts the same way.
    bool rest_blank = true;
    for (std::size_t j = k; j < len; ++j)
      if (!is_wsp(line[j]) && line[j] != '\r') {
        rest_blank = false;
        break;
      }
    if (!rest_blank) continue;
    close = is_close;
    return i;
  }
  return -1;
}

std::size_t Parser::parse_headers(Entity& e, std::size_t pos) {
  auto& fields = detail_access::headers(e);
  const std::size_t start = pos;
  // An mbox separator line ("From " first in a message: the input, or an encapsulated message
  // saved from a mailbox as in mikel-mail attachment_message_rfc822.eml) is kept with the header
  // block but is not a field.
  const bool message_root = !e.parent() || e.parent()->is_message();
  // A message header block has a few dozen fields, a body part's a handful: one allocation
  // instead of five or six doublings.
  fields.reserve(message_root ? 32 : 8);
  if (message_root && n_ - pos >= 5 && std::memcmp(b_ + pos, "From ", 5) == 0) pos = std::min(line_end(pos) + 1, n_);
  while (pos < n_) {
    const std::size_t eol = line_end(pos);
    const std::size_t next = eol < n_ ? eol + 1 : n_;
    std::size_t content_end = eol;
    if (content_end > pos && b_[content_end - 1] == '\r') --content_end;
    if (content_end == pos) {  // the empty line ending the header block
      detail_access::set_separator(e, span(pos, next));
      return next;
    }
    if (pos - start > opt_.max_header_bytes || fields.size() >= opt_.max_header_fields) {
      diag("header_limit_exceeded", Severity::critical, pos, &e,
           "the rest of the header block is kept as body");
      return pos;
    }
    if (b_[pos] == '-' && content_end - pos >= 2 && b_[pos + 1] == '-') {
      bool close = false;
      if (match_boundary(pos, content_end, close) >= 0) {
        diag("missing_header_body_separator", Severity::warning, pos, &e, "boundary inside header block");
        return pos;
      }
    }
    if (is_wsp(b_[pos])) {
      if (fields.empty()) {
        // A continuation line with nothing to continue: keep it as a nameless field so the bytes
        // survive, as Python's email records FirstHeaderLineIsContinuationDefect.
        diag("header_starts_with_continuation", Severity::warning, pos, &e);
        detail_access::add_field(fields, span(pos, next), {}, span(pos, content_end), pos);
      } else {
        detail_access::extend_field(fields.back(), b_, next);
      }
      pos = next;
      continue;
    }
    // field-name = 1*ftext (printable US-ASCII except ":"), then optional whitespace before the
    // colon (RFC 5322 §4.5.3 obsolete syntax), in one pass over the name.
    std::size_t name_end = pos;
    while (name_end < content_end && kFieldNameChar[static_cast<unsigned char>(b_[name_end])]) ++name_end;
    std::size_t colon = name_end;
    while (colon < content_end && is_wsp(b_[colon])) ++colon;
    if (name_end > pos && colon < content_end && b_[colon] == ':') {
      detail_access::add_field(fields, span(pos, next), span(pos, name_end), span(colon + 1, content_end), pos);
      pos = next;
      continue;
    }
    // Neither a field nor a continuation: the body starts here (the blank line is missing), which
    // is how Python's email, GMime and Thunderbird read such mail.
    diag("missing_header_body_separator", Severity::warning, pos, &e, "line without a colon ends the header block");
    return pos;
  }
  return pos;
}

namespace {

// RFC 2045 §5.1 token: printable US-ASCII except SPACE and tspecials.
constexpr std::array<bool, 256> make_token_table() {
  std::array<bool, 256> t{};
  for (int c = 33; c < 127; ++c) t[static_cast<std::size_t>(c)] = true;
  for (const char c : std::string_view("()<>@,;:\\\"/[]?=")) t[static_cast<unsigned char>(c)] = false;
  return t;
}
constexpr auto kTokenChar = make_token_table();
bool is_token_char(unsigned char c) { return kTokenChar[c]; }

// The media type of a plainly written field body ("  text/plain; charset=x", "image/png"):
// type and subtype lower-cased. Anything unusual (comments, folding, missing '/', stray
// characters) returns false and is left to the full grammar in parse_content_type(), which
// gives the same answer on plain input; this only spares the parameter parsing that the
// structure needs nowhere but in multiparts.
// `rest` receives the offset just after the subtype, where the parameters begin.
bool plain_media_type(std::string_view v, std::string& type, std::string& subtype, std::size_t& rest) {
  std::size_t i = 0;
  while (i < v.size() && is_wsp(v[i])) ++i;
  const std::size_t t0 = i;
  while (i < v.size() && is_token_char(static_cast<unsigned char>(v[i]))) ++i;
  if (i == t0 || i >= v.size() || v[i] != '/') return false;
  const std::size_t t1 = i++;
  const std::size_t s0 = i;
  while (i < v.size() && is_token_char(static_cast<unsigned char>(v[i]))) ++i;
  if (i == s0) return false;
  const std::size_t s1 = i;
  while (i < v.size() && is_wsp(v[i])) ++i;
  if (i < v.size() && v[i] != ';') return false;
  type = util::ascii_lower(v.substr(t0, t1 - t0));
  subtype = util::ascii_lower(v.substr(s0, s1 - s0));
  rest = s1;
  return true;
}

}  // namespace

void Parser::classify(Entity& e) {
  const Entity* parent = e.parent();
  std::string type, subtype, boundary;
  bool has_boundary = false;
  if (const HeaderField* f = e.header("Content-Type")) {
    std::size_t rest = 0;
    const bool plain = plain_media_type(f->raw_value(), type, subtype, rest);
    detail::BoundaryScan scan = detail::BoundaryScan::unsure;
    if (plain && type == "multipart") {
      // Only the boundary matters here; a plainly written parameter list gives it directly.
      scan = detail::scan_plain_boundary(f->raw_value().substr(rest), boundary);
      has_boundary = scan == detail::BoundaryScan::found;
    }
    if (!plain || (type == "multipart" && scan == detail::BoundaryScan::unsure)) {
      boundary.clear();
      ContentType ct = parse_content_type(f->raw_value());
      type = std::move(ct.type);
      subtype = std::move(ct.subtype);
      if (const Parameter* p = ct.param("boundary")) {
        boundary = p->value;
        has_boundary = true;
      }
    }
  }
  if (type.empty() || subtype.empty()) {
    // RFC 2045 §5.2 default, and RFC 2046 §5.1.5 for parts of a digest.
    const bool in_digest = parent && parent->media_type() == "multipart/digest";
    type = in_digest ? "message" : "text";
    subtype = in_digest ? "rfc822" : "plain";
  }
  std::string media_type;
  media_type.reserve(type.size() + 1 + subtype.size());
  media_type.append(type).append(1, '/').append(subtype);
  detail_access::set_media_type(e, std::move(media_type));
  if (type == "multipart") {
    if (!has_boundary) {
      diag("multipart_without_boundary", Severity::critical, e.offset(), &e);
      return;
    }
    if (boundary.empty()) {
      // RFC 2046 wants 1 to 70 characters; `boundary=""` still delimits with bare "--" lines
      // (testdata malformed/empty-boundary-param.eml), as Python's email reads it.
      diag("empty_boundary", Severity::critical, e.offset(), &e);
    }
    if (e.depth() >= opt_.max_depth) {
      diag("nesting_too_deep", Severity::critical, e.offset(), &e, "kept as an opaque body");
      return;
    }
    detail_access::set_multipart(e, std::move(boundary));
  } else if (type == "message" && (subtype == "rfc822" || subtype == "global" || subtype == "news")) {
    if (!is_identity_encoding(e)) {
      diag("encoded_message", Severity::warning, e.offset(), &e, "encapsulated message is transfer-encoded");
      return;
    }
    if (e.depth() >= opt_.max_depth) {
      diag("nesting_too_deep", Severity::critical, e.offset(), &e, "kept as an opaque body");
      return;
    }
    detail_access::set_kind(e, EntityKind::message);
  }
}

void Parser::start_entity(std::size_t pos) {
  for (;;) {
    Entity* parent = chain_.empty() ? nullptr : chain_.back().e;
    Entity* e = detail_access::new_entity(m_, parent, pos);
    const std::size_t body = parse_headers(*e, pos);
    detail_access::set_header_end(*e, b_, pos, body);
    classify(*e);
    Open o{e, pos, body};
    if (e->is_multipart()) {
      o.state = State::preamble;
      o.seg_begin = body;
    }
    chain_.push_back(o);
    pos_ = body;
    if (!e->is_message()) return;
    if (m_.entity_count() >= opt_.max_parts) {  // the encapsulated message would exceed the limit
      frozen_ = true;
      detail_access::set_kind(*e, EntityKind::leaf);
      diag("too_many_parts", Severity::critical, body, e, "kept as an opaque body");
      return;
    }
    pos = body;  // parse the encapsulated message right away (a loop, not recursion)
  }
}

void Parser::finish_entity(Open& o, std::size_t end) {
  Entity& e = *o.e;
  if (e.is_multipart()) {
    switch (o.state) {
      case State::preamble:
        // The boundary never occurs: keep the body as one opaque leaf so no content is lost.
        diag("boundary_not_found", Severity::critical, o.body_begin, &e, "multipart read as a single body");
        detail_access::set_kind(e, EntityKind::leaf);
        break;
      case State::part:
        diag("missing_end_boundary", Severity::critical, end, &e);
        detail_access::set_multipart_tail(e, span(o.child_end, o.child_end), span(o.child_end, end));
        break;
      case State::epilogue:
        if (e.children().empty()) {
          // Only a close delimiter: no body part to hold the content (mime4j
          // multipartnopart.msg), so the body is kept as one leaf, as Python's email reads it.
          diag("multipart_without_parts", Severity::critical, o.body_begin, &e, "multipart read as a single body");
          detail_access::set_kind(e, EntityKind::leaf);
          break;
        }
        detail_access::set_epilogue(e, span(o.seg_begin, end));
        break;
    }
  }
  detail_access::set_end(e, b_, o.begin, o.body_begin, end);
}

// Ends every open entity deeper than chain index `keep` at `content_end`, innermost first. An
// entity never ends before its own body starts, and a container never before what it contains.
void Parser::close_deeper(std::size_t keep, std::size_t content_end) {
  std::size_t end = content_end;
  while (chain_.size() > keep + 1) {
    Open& o = chain_.back();
    end = std::max({end, o.body_begin, o.e->is_multipart() ? o.seg_begin : 0, o.child_end});
    finish_entity(o, end);
    chain_.pop_back();
    if (!chain_.empty()) chain_.back().child_end = end;
  }
}

void Parser::run() {
  start_entity(0);
  std::size_t pos = pos_;
  std::size_t resume = pos;  // a position known to start a line
  // Candidate delimiter lines are found by looking for '-' rather than for every line end:
  // base64 bodies contain no '-', so an attachment is skipped in one memchr call.
  while (pos < n_) {
    const void* d = std::memchr(b_ + pos, '-', n_ - pos);
    if (!d) break;
    const auto i = static_cast<std::size_t>(static_cast<const char*>(d) - b_);
    if (i + 1 >= n_ || b_[i + 1] != '-' || !(i == resume || b_[i - 1] == '\n')) {
      pos = i + 1;
      continue;
    }
    const std::size_t eol = line_end(i);
    const std::size_t next = eol < n_ ? eol + 1 : n_;
    std::size_t content_end = eol;
    if (content_end > i && b_[content_end - 1] == '\r') --content_end;
    bool close = false;
    const int k = match_boundary(i, content_end, close);
    if (k < 0) {
      pos = i + 2;
      continue;
    }
    const auto ku = static_cast<std::size_t>(k);
    if (!close && m_.entity_count() >= opt_.max_parts) {
      frozen_ = true;
      diag("too_many_parts", Severity::critical, i, chain_[ku].e, "the rest is kept as an opaque body");
      break;
    }
    // The line ending before the delimiter belongs to the delimiter (RFC 2046 §5.1.1).
    std::size_t nl = 0;
    if (i >= 1 && b_[i - 1] == '\n') nl = (i >= 2 && b_[i - 2] == '\r') ? 2 : 1;
    close_deeper(ku, i - nl);
    Open& m = chain_[ku];
    std::size_t delim_begin;
    if (m.state == State::preamble) {
      const std::size_t pre_end = std::max(i - nl, m.seg_begin);
      detail_access::set_preamble(*m.e, span(m.seg_begin, pre_end));
      delim_begin = pre_end;
    } else {
      delim_begin = m.child_end;
    }
    if (close) {
      detail_access::set_multipart_tail(*m.e, span(delim_begin, next), {});
      m.state = State::epilogue;
      m.seg_begin = next;
      pos = resume = next;
      continue;
    }
    detail_access::add_delimiter(*m.e, span(delim_begin, next));
    m.state = State::part;
    start_entity(next);
    pos = resume = pos_;
  }
  close_deeper(static_cast<std::size_t>(-1) /* keep none */, n_);
}

Message parse(const Source& source, const ParseOptions& options) {
  Message m = detail_access::make_message(source);
  Parser p(source, options, m);
  p.run();
  p.fill_diagnostic_paths();
  return m;
}

}  // namespace mimetool

namespace mimetool {

Result<Message> parse_strict(const Source& source, const ParseOptions& options, bool any_warning) {
  Message m = parse(source, options);
  for (const auto& d : m.diagnostics()) {
    if (any_warning || d.severity == Severity::critical) {
      std::string msg = d.code;
      if (!d.detail.empty()) msg += ": " + d.detail;
      if (!d.path.empty()) msg += " (part " + d.path + ")";
      return Error{ErrorCode::data, std::move(msg), d.offset};
    }
  }
  return m;
}

}  // namespace mimetool
