// Address lists (RFC 5322 §3.4, obsolete syntax §4.4).
//
// Two linear passes. The tokenizer turns the field body into words, quoted-strings, comments,
// domain-literals and the specials `< > @ , : ;`, remembering whether whitespace came before each
// token. The list pass then cuts the tokens into list elements at top-level "," and ";" (a
// route's commas inside `<@a,@b:...>` do not cut) and reads each element as a mailbox, group
// start or group end. Working on tokens rather than on a recursive grammar is what lets us
// recover from the shapes real mailers produce (GMime and Thunderbird work the same way), and it
// keeps hostile input such as 100,000 "<" or "(" linear and stack-free.

#include <optional>
#include <string>
#include <vector>

#include "fields/lexer.hpp"
#include "mimetool/fields.hpp"

namespace mimetool {
namespace {

using detail::DiagSink;
using detail::is_fws;
using detail::Lexer;

enum class Kind { word, quoted, comment, domain_literal, special };

struct Token {
  Kind kind;
  std::string text;    // word bytes, unquoted content, comment text, literal with brackets
  char special = 0;    // for Kind::special
  bool spaced = false; // whitespace or a comment came before this token
  std::size_t offset = 0;
};

bool is_special_char(char c) noexcept {
  switch (c) {
    case '<': case '>': case '@': case ',': case ':': case ';': case '(': case '"': case '[':
      return true;
    default:
      return false;
  }
}

// At "=?": the length of an RFC 2047 encoded-word starting here, or 0. Encoded-words are kept
// whole even when their text holds specials (`=?utf-8?Q?Doe,_John?=` is invalid in a phrase,
// RFC 2047 §5(3), but Outlook and others send it and all readers decode it). The search is
// capped so that a body made of "=?" stays linear.
std::size_t encoded_word_length(std::string_view s, std::size_t p) noexcept {
  constexpr std::size_t kMaxLookahead = 512;
  const std::size_t end = std::min(s.size(), p + kMaxLookahead);
  std::size_t q = p + 2;
  const std::size_t charset_start = q;
  while (q < end && s[q] != '?' && detail::is_token_char(s[q])) ++q;
  if (q == charset_start || q + 3 >= end || s[q] != '?') return 0;
  const char enc = detail::to_lower(s[q + 1]);
  if ((enc != 'b' && enc != 'q') || s[q + 2] != '?') return 0;
  q += 3;
  for (; q + 1 < end; ++q) {
    if (is_fws(s[q])) return 0;
    if (s[q] == '?' && s[q + 1] == '=') return q + 2 - p;
  }
  return 0;
}

std::vector<Token> tokenize(std::string_view body, DiagSink& sink) {
  std::vector<Token> toks;
  Lexer lx(body, sink);
  bool after_comment = false;
  bool quotes_unterminated = false;
  for (;;) {
    const bool ws = lx.skip_fws() || after_comment;
    after_comment = false;
    if (lx.at_end()) break;
    Token t{Kind::word, {}, 0, ws, lx.pos()};
    const char c = lx.peek();
    if (c == '(') {
      t.kind = Kind::comment;
      t.text = lx.read_comment();
      after_comment = true;
    } else if (c == '"') {
      t.kind = Kind::quoted;
      bool closed = false;
      if (!quotes_unterminated) t.text = lx.read_quoted_string(&closed);
      if (!closed) {
        // `"John <john@example.com>`: a quote never closed would swallow the address. Drop the
        // stray quote and tokenize what follows it instead (Thunderbird recovers the same way).
        // A later quote cannot close either (the scan just proved no unescaped quote follows,
        // and escapes pair up the same way from any later quote), so we never rescan: linear.
        if (quotes_unterminated)
          sink.report("unterminated_quoted_string", t.offset, "quoted-string not closed before end of field");
        quotes_unterminated = true;
        lx.set_pos(t.offset + 1);
        after_comment = true;
        continue;
      }
    } else if (c == '[') {
      t.kind = Kind::domain_literal;
      t.text = lx.read_domain_literal();
    } else if (is_special_char(c)) {
      t.kind = Kind::special;
      t.special = c;
      t.text.assign(1, c);
      lx.advance();
    } else {
      // A word: atext and dots (dots inside display names are obs-phrase, RFC 5322 §4.1), plus any
      // stray byte that is not a delimiter (")", "]", "\", controls), kept rather than dropped.
      const std::string_view s = body;
      std::size_t p = lx.pos();
      bool stray = false;
      while (p < s.size() && !is_fws(s[p]) && !is_special_char(s[p])) {
        if (s[p] == '=' && p + 1 < s.size() && s[p + 1] == '?') {
          if (const std::size_t n = encoded_word_length(s, p)) {
            p += n;
            continue;
          }
        }
        if (!detail::is_atext(s[p]) && s[p] != '.') stray = true;
        ++p;
      }
      if (stray) sink.report("unexpected_character", lx.pos(), "character not allowed in an address");
      t.text.assign(s.substr(lx.pos(), p - lx.pos()));
      lx.set_pos(p);
    }
    toks.push_back(std::move(t));
  }
  return toks;
}

bool is_special(const Token& t, char c) noexcept { return t.kind == Kind::special && t.special == c; }
bool is_wordish(const Token& t) noexcept { return t.kind == Kind::word || t.kind == Kind::quoted; }

class ListParser {
 public:
  ListParser(std::vector<Token> toks, DiagSink& sink) : t_(std::move(toks)), sink_(sink) {}

  AddressList run() {
    const std::size_t n = t_.size();
    std::size_t i = 0;
    while (i < n) {
      std::size_t j = i;
      char term = 0;
      bool in_angle = false;
      bool route = false;
      std::size_t last_gt = n;  // the ">" that closed this element's angle-addr
      std::size_t split = n;    // set when a second angle-addr follows without ","
      for (; j < n && term == 0; ++j) {
        const Token& t = t_[j];
        if (t.kind != Kind::special) continue;
        switch (t.special) {
          case '<':
            if (!in_angle && last_gt != n) {
              // `Bob <bob@x> Bobby <bobby@x>`: a second angle-addr with no "," before it
              // (enmime malformed-multiple-address-header-values.raw). The element ends at ">".
              sink_.report("missing_comma", t.offset, "\",\" missing between addresses");
              split = last_gt + 1;
              term = ',';
            } else if (!in_angle) {
              in_angle = true;
              route = next_is_at(j + 1);  // obs-route, RFC 5322 §4.4: `<@a,@b:user@host>`
            }
            break;
          case '>':
            if (in_angle) last_gt = j;
            in_angle = false;
            route = false;
            break;
          case ',':
            if (in_angle && route) break;
            if (in_angle) sink_.report("missing_closing_angle_bracket", t.offset, "\"<\" without \">\"");
            term = ',';
            break;
          case ':':
            if (in_angle) {
              route = false;
            } else if (!group_) {
              term = ':';
            } else {
              sink_.report("nested_group", t.offset, "group inside a group");
            }
            break;
          case ';':
            if (in_angle) sink_.report("missing_closing_angle_bracket", t.offset, "\"<\" without \">\"");
            term = ';';
            break;
          default:
            break;
        }
      }
      // [i, end) is the element; j is one past its terminator (or n).
      if (split != n) j = split;
      const std::size_t end = split != n ? split : term ? j - 1 : j;
      if (term == ':') {
        flush_pending();
        group_ = Group{display_text(i, end), {}};
      } else {
        element(i, end, term);
        if (term == ';') {
          flush_pending();
          if (group_) {
            out_.addresses.emplace_back(std::move(*group_));
            group_.reset();
          } else {
            sink_.report("stray_semicolon", t_[end].offset, "\";\" outside a group");
          }
        }
      }
      i = j;
    }
    flush_pending();
    if (group_) {
      sink_.report("unterminated_group", t_.empty() ? 0 : t_.back().offset, "group without \";\"");
      out_.addresses.emplace_back(std::move(*group_));
    }
    return std::move(out_);
  }

 private:
  struct Range {
    std::size_t a, b;
  };

  bool next_is_at(std::size_t j) const noexcept {
    while (j < t_.size() && t_[j].kind == Kind::comment) ++j;
    return j < t_.size() && is_special(t_[j], '@');
  }

  void emit(Mailbox mb) {
    if (group_) group_->members.push_back(std::move(mb));
    else out_.addresses.emplace_back(std::move(mb));
  }

  // Phrase text of [a, b): words and quoted content joined by one space where the input had
  // whitespace or a comment; comments dropped; specials kept as written (`john@x <john@x>`).
  std::string display_text(std::size_t a, std::size_t b) const {
    std::string out;
    bool pending_space = false;
    for (std::size_t k = a; k < b; ++k) {
      const Token& t = t_[k];
      if (t.kind == Kind::comment) {
        pending_space = true;
        continue;
      }
      if ((t.spaced || pending_space) && !out.empty()) out.push_back(' ');
      pending_space = false;
      out += t.text;
    }
    return std::string(detail::trim(out));
  }

  std::string first_comment(std::size_t a, std::size_t b) const {
    for (std::size_t k = a; k < b; ++k)
      if (t_[k].kind == Kind::comment) {
        std::string c = detail::collapse_whitespace(t_[k].text);
        if (!c.empty()) return c;
      }
    return {};
  }

  std::size_t find_special(std::size_t a, std::size_t b, char c) const noexcept {
    for (std::size_t k = a; k < b; ++k)
      if (is_special(t_[k], c)) return k;
    return b;
  }

  bool has_word(std::size_t a, std::size_t b) const noexcept {
    for (std::size_t k = a; k < b; ++k)
      if (t_[k].kind != Kind::comment) return true;
    return false;
  }

  // Inside angle brackets: everything before the first "@" is the local part, the rest the
  // domain. CFWS between the pieces is obsolete syntax (RFC 5322 §4.4) and dropped.
  void addr_spec(std::size_t a, std::size_t b, Mailbox& mb) {
    const std::size_t at = find_special(a, b, '@');
    std::size_t prev = b;
    for (std::size_t k = a; k < at; ++k) {
      const Token& t = t_[k];
      if (is_wordish(t)) {
        // `<Undisclosed Recipients>`: words apart from each other (and not around a dot, which
        // is obs-local-part CFWS) keep one space, so address() quotes rather than glues them.
        // starts_with/ends_with rather than front()/back(): quoted words may be empty (`<"" "">`).
        if (prev != b && t.spaced && !t.text.starts_with('.') && !t_[prev].text.ends_with('.'))
          mb.local_part.push_back(' ');
        mb.local_part += t.text;
        prev = k;
      } else if (t.kind != Kind::comment)
        sink_.report("invalid_local_part", t.offset, "unexpected character in local part");
    }
    if (at == b) {
      if (!mb.local_part.empty())
        sink_.report("address_without_domain", t_[a].offset, "address has no \"@domain\"");
      return;
    }
    for (std::size_t k = at + 1; k < b; ++k) {
      const Token& t = t_[k];
      if (t.kind == Kind::word || t.kind == Kind::domain_literal) mb.domain += t.text;
      else if (t.kind != Kind::comment) sink_.report("invalid_domain", t.offset, "unexpected text in domain");
    }
    if (mb.domain.empty()) sink_.report("missing_domain", t_[at].offset, "nothing after \"@\"");
  }

  // `[phrase] < [route:] addr-spec > [junk]`
  Mailbox angle_mailbox(std::size_t a, std::size_t b) {
    Mailbox mb;
    const std::size_t lt = find_special(a, b, '<');
    std::size_t gt = find_special(lt + 1, b, '>');
    if (gt == b) sink_.report("missing_closing_angle_bracket", t_[lt].offset, "\"<\" without \">\"");
    mb.display_name = display_text(a, lt);
    std::size_t inner = lt + 1;
    if (next_is_at(inner)) {
      const std::size_t colon = find_special(inner, gt, ':');
      if (colon != gt) {
        sink_.report("obsolete_route", t_[inner].offset, "source route ignored (RFC 5322 §4.4)");
        inner = colon + 1;
      }
    }
    // `<mailto:user@host>` from web forms and some Outlook versions: drop the URI scheme.
    if (inner + 1 < gt && t_[inner].kind == Kind::word && detail::iequals(t_[inner].text, "mailto") &&
        is_special(t_[inner + 1], ':')) {
      sink_.report("mailto_in_address", t_[inner].offset, "\"mailto:\" inside angle brackets ignored");
      inner += 2;
    }
    for (std::size_t k = inner; k < gt; ++k)
      if (is_special(t_[k], '<')) {
        sink_.report("nested_angle_bracket", t_[k].offset, "\"<\" inside angle brackets");
        inner = k + 1;
      }
    addr_spec(inner, gt, mb);
    const std::size_t tail = gt < b ? gt + 1 : b;
    for (std::size_t k = tail; k < b; ++k)
      if (t_[k].kind != Kind::comment) {
        sink_.report("junk_after_address", t_[k].offset, "text after \">\" ignored");
        break;
      }
    // `<user@host> (Real Name)`: the comment names the mailbox when there is no phrase.
    if (mb.display_name.empty()) {
      mb.display_name = first_comment(tail, b);
      if (mb.display_name.empty()) mb.display_name = first_comment(a, lt);
    }
    return mb;
  }

  // Can word t_[prev] be glued to the word t_[next] in an unbracketed addr-spec? Adjacent
  // tokens always; across whitespace only next to a dot (obs-local-part `john . doe`).
  bool joins(std::size_t prev, std::size_t next) const noexcept {
    const Token& p = t_[prev];
    const Token& q = t_[next];
    if (next == prev + 1 && !q.spaced) return true;
    return (!p.text.empty() && p.text.back() == '.' && p.kind == Kind::word) ||
           (!q.text.empty() && q.text.front() == '.' && q.kind == Kind::word);
  }

  // An element without "<" but with "@": `user@host`, `user@host (Real Name)`, and, leniently,
  // `Real Name user@host` (phrase before a bare addr-spec, which Thunderbird also accepts).
  Mailbox bare_mailbox(std::size_t a, std::size_t b, std::size_t& domain_end) {
    Mailbox mb;
    const std::size_t at = find_special(a, b, '@');
    // Local part: walk back from "@" over words that belong together.
    std::size_t local_start = at;
    for (std::size_t k = at; k > a;) {
      --k;
      if (t_[k].kind == Kind::comment) continue;
      if (!is_wordish(t_[k])) break;
      if (local_start != at && !joins(k, local_start)) break;
      local_start = k;
    }
    for (std::size_t k = local_start; k < at; ++k)
      if (is_wordish(t_[k])) mb.local_part += t_[k].text;
    // Domain: walk forward the same way.
    domain_end = at + 1;
    std::size_t last = b;
    for (std::size_t k = at + 1; k < b; ++k) {
      const Token& t = t_[k];
      if (t.kind == Kind::comment) continue;
      if (t.kind != Kind::word && t.kind != Kind::domain_literal) break;
      if (last != b && !joins(last, k)) break;
      mb.domain += t.text;
      last = k;
      domain_end = k + 1;
    }
    if (mb.domain.empty()) sink_.report("missing_domain", t_[at].offset, "nothing after \"@\"");
    if (has_word(a, local_start)) {
      sink_.report("missing_angle_brackets", t_[a].offset, "display name before an address without \"<>\"");
      mb.display_name = display_text(a, local_start);
    }
    if (mb.display_name.empty()) mb.display_name = first_comment(a, b);
    return mb;
  }

  // An element of words only: a local part without domain (`root`, `undisclosed-recipients`),
  // or a name with no address at all (`John Smith`). Nothing is dropped.
  Mailbox phrase_mailbox(Range r) {
    Mailbox mb;
    std::size_t words = 0;
    std::size_t last = r.a;
    for (std::size_t k = r.a; k < r.b; ++k)
      if (t_[k].kind != Kind::comment) {
        ++words;
        last = k;
      }
    if (words == 1 && is_wordish(t_[last])) {
      mb.local_part = t_[last].text;
      mb.display_name = first_comment(r.a, r.b);
      sink_.report("address_without_domain", t_[last].offset, "address has no \"@domain\"");
    } else {
      mb.display_name = display_text(r.a, r.b);
      sink_.report("mailbox_without_address", t_[r.a].offset, "name without an address");
    }
    return mb;
  }

  void flush_pending() {
    if (pending_) emit(phrase_mailbox(*pending_));
    pending_.reset();
  }

  void element(std::size_t a, std::size_t b, char term) {
    if (!has_word(a, b)) return;  // empty element: obs-mbox-list allows `a@b,,c@d` (RFC 5322 §4.4)
    const bool lt = find_special(a, b, '<') != b;
    const bool at = find_special(a, b, '@') != b;
    if (!lt && !at) {
      // Words only. If a "," follows, this may be the first half of an unquoted
      // `Doe, John <john@x>`; decide when the next element is seen.
      flush_pending();
      if (term == ',') pending_ = Range{a, b};
      else emit(phrase_mailbox(Range{a, b}));
      return;
    }
    if (lt) {
      Mailbox mb = angle_mailbox(a, b);
      if (pending_ && has_word(a, find_special(a, b, '<'))) {
        sink_.report("unquoted_comma_in_display_name", t_[pending_->a].offset,
                     "display name with an unquoted \",\"");
        mb.display_name = display_text(pending_->a, pending_->b) + ", " + mb.display_name;
        pending_.reset();
      }
      flush_pending();
      emit(std::move(mb));
      return;
    }
    flush_pending();
    for (std::size_t start = a;;) {
      std::size_t domain_end = b;
      emit(bare_mailbox(start, b, domain_end));
      if (find_special(domain_end, b, '@') == b) {
        for (std::size_t k = domain_end; k < b; ++k)
          if (t_[k].kind != Kind::comment) {
            sink_.report("junk_after_address", t_[k].offset, "text after the address ignored");
            break;
          }
        break;
      }
      // `tim@x.test concierge@x.test`: another addr-spec follows without ","
      // (mikel-mail raw_email_multiple_from.eml). Never drop it.
      sink_.report("missing_comma", t_[domain_end].offset, "\",\" missing between addresses");
      start = domain_end;
    }
  }

  std::vector<Token> t_;
  DiagSink& sink_;
  AddressList out_;
  std::optional<Group> group_;
  std::optional<Range> pending_;
};

// RFC 5322 §3.4.1: a local part that is not a dot-atom must be a quoted-string.
bool is_dot_atom(std::string_view s) noexcept {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '.') {
      if (s[i + 1] == '.') return false;
    } else if (!detail::is_atext(s[i])) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string Mailbox::address() const {
  std::string out;
  if (local_part.empty() && domain.empty()) return out;
  if (is_dot_atom(local_part)) {
    out = local_part;
  } else {
    out.push_back('"');
    for (char c : local_part) {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
    out.push_back('"');
  }
  if (!domain.empty()) {
    out.push_back('@');
    out += domain;
  }
  return out;
}

std::vector<Mailbox> AddressList::mailboxes() const {
  std::vector<Mailbox> out;
  for (const Address& a : addresses) {
    if (const auto* mb = std::get_if<Mailbox>(&a)) {
      out.push_back(*mb);
    } else {
      const auto& g = std::get<Group>(a);
      out.insert(out.end(), g.members.begin(), g.members.end());
    }
  }
  return out;
}

AddressList parse_address_list(std::string_view body, Diagnostics* diags) {
  DiagSink sink(diags);
  ListParser parser(tokenize(body, sink), sink);
  return parser.run();
}

}  // namespace mimetool
