// Content-Type (RFC 2045 §5.1), Content-Disposition (RFC 2183) and their parameter lists, with
// RFC 2231 continuations, charsets and %XX escapes.
//
// Leniency follows what GMime, Thunderbird and Python's email accept, because real mail needs it:
// unquoted values holding tspecials or spaces, missing ";" separators, duplicated parameters,
// continuations out of order or with gaps, comments everywhere.

#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "fields/boundary.hpp"
#include "fields/lexer.hpp"
#include "mimetool/fields.hpp"

namespace mimetool {
namespace {

using detail::DiagSink;
using detail::is_fws;
using detail::Lexer;

// One `name=value` as written, before RFC 2231 reassembly.
struct RawParam {
  std::string base;      // lower-cased name without "*N" / "*"
  long section = -1;     // N of "name*N", -1 when absent
  bool star = false;     // trailing "*": RFC 2231 extended (charset'lang'%XX) value
  std::string value;     // unquoted value
  std::size_t offset = 0;
};

// Does a `token =` start here? Used to tell a missing ";" (`text/plain charset=x`) from junk.
bool looks_like_param_start(Lexer& lx) {
  const std::size_t save = lx.pos();
  const bool token = !lx.read_token().empty();
  lx.skip_fws();
  const bool eq = token && lx.peek() == '=';
  lx.set_pos(save);
  return eq;
}

// Reads an unquoted value. RFC 2045 wants a token, but mailers send `boundary==_Part_1`,
// `name=my file.pdf` and `name=file (1).pdf` unquoted (GMime reads such values up to ";"). We
// read up to ";" and end the value early only before trailing CFWS (RFC 2045 §5.1 example
// `charset=us-ascii (Plain text)`) or before a `token=` that starts the next parameter without
// its ";". Every lookahead jumps past the CFWS it examined, so the scan stays linear.
std::string read_unquoted_value(Lexer& lx) {
  const std::string_view s = lx.text();
  const std::size_t start = lx.pos();
  std::size_t p = start;
  bool special = false;
  while (p < s.size() && s[p] != ';') {
    const char c = s[p];
    if (is_fws(c) || c == '(') {
      lx.set_pos(p);
      lx.skip_cfws();
      const std::size_t q = lx.pos();
      if (q >= s.size() || s[q] == ';' || looks_like_param_start(lx)) break;
      special = true;
      p = q;
      continue;
    }
    if (!detail::is_token_char(c)) special = true;
    ++p;
  }
  std::string value;
  value.reserve(p - start);
  for (std::size_t i = start; i < p; ++i)
    if (s[i] != '\r' && s[i] != '\n') value.push_back(s[i]);  // unfold
  while (!value.empty() && is_fws(value.back())) value.pop_back();
  if (special)
    lx.diag().report("unquoted_parameter_value_with_specials", start,
                     "parameter value holds spaces or tspecials but is not quoted");
  // Leave the cursor at the end of the value (before trailing CFWS, which the caller skips).
  lx.set_pos(p);
  while (lx.pos() > start && is_fws(s[lx.pos() - 1])) lx.set_pos(lx.pos() - 1);
  return value;
}

// Splits "name*N*" into base, section and star (RFC 2231 §3 and §4).
void split_param_name(std::string_view name, RawParam& out, DiagSink& diag, std::size_t offset) {
  std::string n = detail::lower(name);
  if (!n.empty() && n.back() == '*') {
    out.star = true;
    n.pop_back();
  }
  const auto star = n.rfind('*');
  if (star != std::string::npos && star + 1 < n.size()) {
    const std::string_view digits = std::string_view(n).substr(star + 1);
    if (std::all_of(digits.begin(), digits.end(), detail::is_digit)) {
      if (digits.size() > 9) {
        // Bounded: a 1000-digit section number is not a position anyone means.
        diag.report("invalid_parameter_section", offset, "RFC 2231 section number too large");
        out.section = 999999999;
      } else {
        out.section = std::stol(std::string(digits));
      }
      if (digits.size() > 1 && digits.front() == '0')  // RFC 2231 §3: no leading zeros
        diag.report("invalid_parameter_section", offset, "RFC 2231 section number with leading zero");
      n.resize(star);
    }
  }
  out.base = std::move(n);
}

void parse_param_list(Lexer& lx, std::vector<RawParam>& raws) {
  for (;;) {
    lx.skip_cfws();
    if (lx.at_end()) break;
    if (lx.peek() == ';') {
      lx.advance();
      continue;
    }
    const std::size_t name_start = lx.pos();
    const std::string_view name = lx.read_token();
    if (name.empty()) {
      lx.diag().report("invalid_parameter", name_start, "parameter does not start with a name");
      lx.advance();  // progress even when the junk byte is the stop byte's neighbour
      lx.skip_until(';');
      continue;
    }
    lx.skip_cfws();
    if (lx.peek() != '=') {
      // `; foo ;` or `; foo bar=baz`: a name with no value. The next round resumes after it.
      lx.diag().report("parameter_without_value", name_start, "parameter has no \"=\"");
      continue;
    }
    lx.advance();
    lx.skip_cfws();
    RawParam raw;
    raw.offset = name_start;
    split_param_name(name, raw, lx.diag(), name_start);
    if (lx.peek() == '"') {
      raw.value = lx.read_quoted_string();
    } else {
      raw.value = read_unquoted_value(lx);
      if (raw.value.empty())
        lx.diag().report("empty_parameter_value", name_start, "parameter value is empty");
    }
    if (!raw.base.empty()) raws.push_back(std::move(raw));
    lx.skip_cfws();
    if (lx.at_end() || lx.peek() == ';') continue;
    if (looks_like_param_start(lx)) {
      lx.diag().report("missing_parameter_separator", lx.pos(), "\";\" missing between parameters");
      continue;
    }
    lx.diag().report("junk_after_parameter_value", lx.pos(), "unexpected text after parameter value");
    lx.skip_until(';');
  }
}

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 2231 §4: %XX escapes. A "%" not followed by two hex digits stays literal.
void percent_decode_into(std::string_view in, std::string& out, DiagSink& diag, std::size_t offset) {
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size() && hex_value(in[i + 1]) >= 0 && hex_value(in[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(in[i + 1]) * 16 + hex_value(in[i + 2])));
      i += 2;
    } else {
      if (in[i] == '%') diag.report("invalid_percent_encoding", offset, "\"%\" not followed by two hex digits");
      out.push_back(in[i]);
    }
  }
}

// Splits `charset'language'text` (RFC 2231 §4). Without the two quotes the whole value is text.
std::string_view split_charset_language(std::string_view v, Parameter& p, DiagSink& diag, std::size_t offset) {
  const auto q1 = v.find('\'');
  const auto q2 = q1 == std::string_view::npos ? q1 : v.find('\'', q1 + 1);
  if (q2 == std::string_view::npos) {
    diag.report("missing_rfc2231_charset", offset, "extended parameter value without charset'language'");
    return v;
  }
  p.charset = std::string(v.substr(0, q1));
  p.language = std::string(v.substr(q1 + 1, q2 - q1 - 1));
  return v.substr(q2 + 1);
}

Parameter assemble_continuations(std::vector<const RawParam*>& pieces, DiagSink& diag) {
  // RFC 2231 §3: sections may arrive in any order; join them by number. Duplicated numbers keep
  // the first occurrence; gaps join what exists (Python and GMime do the same).
  std::stable_sort(pieces.begin(), pieces.end(),
                   [](const RawParam* a, const RawParam* b) { return a->section < b->section; });
  Parameter p;
  p.name = pieces.front()->base;
  long expected = 0;
  bool first = true;
  for (const RawParam* r : pieces) {
    if (!first && r->section == expected - 1) {
      diag.report("duplicate_parameter_section", r->offset, "RFC 2231 section given twice; the first wins");
      continue;
    }
    if (r->section != expected)
      diag.report("missing_parameter_section", r->offset, "RFC 2231 continuation has a gap");
    first = false;
    expected = r->section + 1;
    if (r->star) {
      p.extended = true;
      std::string_view text = r->value;
      // Only section 0 carries charset'language' (RFC 2231 §4.1).
      if (r->section == 0) text = split_charset_language(text, p, diag, r->offset);
      percent_decode_into(text, p.value, diag, r->offset);
    } else {
      p.value += r->value;
    }
  }
  return p;
}

std::vector<Parameter> assemble(const std::vector<RawParam>& raws, DiagSink& diag) {
  // Group by base name, keeping the order of first appearance. Hash lookups keep 10,000
  // continuation pieces at n log n overall (the sort above).
  std::vector<std::vector<const RawParam*>> groups;
  std::unordered_map<std::string_view, std::size_t> index;
  for (const RawParam& r : raws) {
    auto [it, inserted] = index.emplace(r.base, groups.size());
    if (inserted) groups.emplace_back();
    groups[it->second].push_back(&r);
  }
  std::vector<Parameter> out;
  out.reserve(groups.size());
  for (auto& g : groups) {
    const RawParam* single_ext = nullptr;
    const RawParam* plain = nullptr;
    std::vector<const RawParam*> sections;
    std::size_t forms = 0;
    for (const RawParam* r : g) {
      if (r->section >= 0) {
        if (sections.empty()) ++forms;
        sections.push_back(r);
      } else if (r->star) {
        if (single_ext) diag.report("duplicate_parameter", r->offset, "parameter given twice; the first wins");
        else {
          ++forms;
          single_ext = r;
        }
      } else {
        if (plain) diag.report("duplicate_parameter", r->offset, "parameter given twice; the first wins");
        else {
          ++forms;
          plain = r;
        }
      }
    }
    // RFC 2231 forms win over the plain one: the plain one is the fallback for old readers
    // (what Thunderbird and Outlook write next to filename*).
    if (forms > 1 && !(forms == 2 && plain))
      diag.report("duplicate_parameter", g.front()->offset, "parameter given in several RFC 2231 forms");
    if (single_ext) {
      Parameter p;
      p.name = single_ext->base;
      p.extended = true;
      const std::string_view text = split_charset_language(single_ext->value, p, diag, single_ext->offset);
      percent_decode_into(text, p.value, diag, single_ext->offset);
      out.push_back(std::move(p));
    } else if (!sections.empty()) {
      out.push_back(assemble_continuations(sections, diag));
    } else {
      Parameter p;
      p.name = plain->base;
      p.value = plain->value;
      out.push_back(std::move(p));
    }
  }
  return out;
}

const Parameter* find_param(const std::vector<Parameter>& params, std::string_view name) noexcept {
  for (const Parameter& p : params)
    if (detail::iequals(p.name, name)) return &p;
  return nullptr;
}

// After the type (and subtype) token: decide whether parameters follow, a ";" is missing, or junk.
void skip_to_parameters(Lexer& lx) {
  lx.skip_cfws();
  if (lx.at_end() || lx.peek() == ';') return;
  if (looks_like_param_start(lx)) {
    lx.diag().report("missing_parameter_separator", lx.pos(), "\";\" missing before parameter");
    return;
  }
  lx.diag().report("junk_after_type", lx.pos(), "unexpected text after the type");
  lx.skip_until(';');
}

}  // namespace

std::vector<Parameter> parse_parameters(std::string_view text, Diagnostics* diags) {
  DiagSink sink(diags);
  Lexer lx(text, sink);
  std::vector<RawParam> raws;
  parse_param_list(lx, raws);
  return assemble(raws, sink);
}

ContentType parse_content_type(std::string_view body, Diagnostics* diags) {
  DiagSink sink(diags);
  Lexer lx(body, sink);
  ContentType ct;
  lx.skip_cfws();
  const std::size_t start = lx.pos();
  if (lx.at_end()) {
    sink.report("missing_content_type", start, "Content-Type field body is empty");
    return ct;
  }
  const std::string_view type = lx.read_token();
  lx.skip_cfws();
  if (type.empty() || lx.peek() == '=') {
    // `charset=utf-8` alone or `; charset=x`: no type at all; keep the parameters so that the
    // caller's text/plain default still gets the charset (RFC 2045 §5.2).
    sink.report("missing_content_type", start, "no type/subtype; readers default to text/plain");
    lx.set_pos(start);
    if (lx.peek() != ';' && !looks_like_param_start(lx)) lx.skip_until(';');
  } else if (lx.at_end() || lx.peek() == ';') {
    sink.report("missing_subtype", start, "type without \"/subtype\"");
  } else if (lx.peek() != '/') {
    sink.report("missing_subtype", start, "type without \"/subtype\"");
    skip_to_parameters(lx);
  } else {
    lx.advance();
    lx.skip_cfws();
    const std::size_t sub_start = lx.pos();
    const std::string_view subtype = lx.read_token();
    const char after = lx.peek();
    // The subtype must end at a delimiter; `text/plain/html` or `text/pla\xEDn` is garbled.
    if (subtype.empty() || !(lx.at_end() || is_fws(after) || after == ';' || after == '(')) {
      sink.report("invalid_content_type", sub_start, "subtype missing or garbled");
      lx.skip_until(';');
    } else {
      ct.type = detail::lower(type);
      ct.subtype = detail::lower(subtype);
      skip_to_parameters(lx);
    }
  }
  std::vector<RawParam> raws;
  parse_param_list(lx, raws);
  ct.params = assemble(raws, sink);
  return ct;
}

ContentDisposition parse_content_disposition(std::string_view body, Diagnostics* diags) {
  DiagSink sink(diags);
  Lexer lx(body, sink);
  ContentDisposition cd;
  lx.skip_cfws();
  const std::size_t start = lx.pos();
  const std::string_view type = lx.read_token();
  lx.skip_cfws();
  if (type.empty() || lx.peek() == '=') {
    // `filename=x` with no disposition type (seen from old webmailers).
    sink.report("missing_disposition_type", start, "Content-Disposition without a type");
    lx.set_pos(start);
    if (!lx.at_end() && lx.peek() != ';' && !looks_like_param_start(lx)) lx.skip_until(';');
  } else {
    cd.type = detail::lower(type);
    skip_to_parameters(lx);
  }
  std::vector<RawParam> raws;
  parse_param_list(lx, raws);
  cd.params = assemble(raws, sink);
  return cd;
}

// --- accessors ------------------------------------------------------------------------------

const Parameter* ContentType::param(std::string_view name) const noexcept { return find_param(params, name); }

std::string_view ContentType::param_value(std::string_view name) const noexcept {
  const Parameter* p = param(name);
  return p ? std::string_view(p->value) : std::string_view();
}

std::string ContentType::mime_type() const {
  if (type.empty()) return {};
  return type + '/' + subtype;
}

bool ContentType::is_multipart() const noexcept { return type == "multipart"; }
bool ContentType::is_message() const noexcept { return type == "message"; }
std::string_view ContentType::boundary() const noexcept { return param_value("boundary"); }
std::string_view ContentType::charset() const noexcept { return param_value("charset"); }

const Parameter* ContentDisposition::param(std::string_view name) const noexcept {
  return find_param(params, name);
}

std::string_view ContentDisposition::param_value(std::string_view name) const noexcept {
  const Parameter* p = param(name);
  return p ? std::string_view(p->value) : std::string_view();
}

bool ContentDisposition::is_attachment() const noexcept { return type == "attachment"; }
bool ContentDisposition::is_inline() const noexcept { return type == "inline"; }
std::string_view ContentDisposition::filename() const noexcept { return param_value("filename"); }

}  // namespace mimetool

namespace mimetool::detail {

// Mirrors parse_param_list() on the subset of inputs where it makes no diagnostics and no RFC 2231
// decisions: each step below is the path that function takes on such input, and every other
// character sends the caller to it.
BoundaryScan scan_plain_boundary(std::string_view s, std::string& boundary) {
  const std::size_t n = s.size();
  std::size_t i = 0;
  std::string_view found;
  bool have = false;
  while (i < n && is_fws(s[i])) ++i;
  if (i < n && s[i] != ';') return BoundaryScan::unsure;  // not a parameter list after a subtype
  for (;;) {
    while (i < n && (is_fws(s[i]) || s[i] == ';')) ++i;
    if (i == n) break;
    const std::size_t name_begin = i;
    while (i < n && is_token_char(s[i])) {
      if (s[i] == '*') return BoundaryScan::unsure;  // RFC 2231 section or extended value
      ++i;
    }
    const std::string_view name = s.substr(name_begin, i - name_begin);
    if (name.empty()) return BoundaryScan::unsure;
    while (i < n && is_fws(s[i])) ++i;
    if (i == n || s[i] != '=') return BoundaryScan::unsure;
    ++i;
    while (i < n && is_fws(s[i])) ++i;
    std::string_view value;
    if (i < n && s[i] == '"') {
      const std::size_t v0 = ++i;
      while (i < n && s[i] != '"') {
        // Quoted-pairs and folded quoted text change the value: the full reader handles them.
        if (s[i] == '\\' || s[i] == '\r' || s[i] == '\n') return BoundaryScan::unsure;
        ++i;
      }
      if (i == n) return BoundaryScan::unsure;  // unterminated
      value = s.substr(v0, i - v0);
      ++i;
    } else {
      const std::size_t v0 = i;
      while (i < n && is_token_char(s[i])) ++i;
      if (i == v0) return BoundaryScan::unsure;  // empty, or starts with a tspecial
      value = s.substr(v0, i - v0);
    }
    while (i < n && is_fws(s[i])) ++i;
    if (i < n && s[i] != ';') return BoundaryScan::unsure;  // junk, comment or missing ";"
    if (!have && iequals(name, "boundary")) {
      found = value;
      have = true;
    }
  }
  if (!have) return BoundaryScan::absent;
  boundary.assign(found);
  return BoundaryScan::found;
}

}  // namespace mimetool::detail
