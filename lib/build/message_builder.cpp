// MessageBuilder: intent (addresses, subject, bodies, inline parts, attachments) → a Part tree
// shaped the way mail clients shape it (Thunderbird, Apple Mail, Outlook all agree):
//
//   multipart/mixed                  only with attachments
//     multipart/alternative          only with both text and HTML
//       text/plain
//       multipart/related            only with inline parts
//         text/html
//         inline parts…
//     attachments…

#include "build/build_internal.hpp"
#include "mimetool/build.hpp"
#include "mimetool/fields.hpp"

namespace mimetool {

using build_detail::invalid_argument;

MessageBuilder::MessageBuilder() = default;
MessageBuilder::~MessageBuilder() = default;
MessageBuilder::MessageBuilder(const MessageBuilder&) = default;
MessageBuilder& MessageBuilder::operator=(const MessageBuilder&) = default;

void MessageBuilder::fail(Error e) {
  if (!error_) error_ = std::move(e);
}

namespace {

// Checks an address field value, returning its addresses.
Result<std::vector<MailboxSpec>> checked(std::string_view field, std::string_view list) {
  auto m = parse_mailboxes(list);
  if (!m) {
    Error e = m.error();
    e.message = std::string(field) + ": " + e.message;
    return e;
  }
  return m;
}

// Merges a repeated address option into one field value.
void append_list(std::vector<HeaderSpec>& fields, std::string_view name, std::string_view list) {
  for (auto& f : fields) {
    if (build_detail::iequals(f.name, name)) {
      f.value += ", ";
      f.value += list;
      return;
    }
  }
  fields.push_back({std::string(name), std::string(list)});
}

}  // namespace

MessageBuilder& MessageBuilder::from(std::string_view utf8_mailbox) {
  auto m = checked("From", utf8_mailbox);
  if (!m) {
    fail(m.error());
    return *this;
  }
  if (m->size() != 1) {
    // RFC 5322 §3.6.2 allows several authors only together with a Sender field; keep it simple.
    fail(invalid_argument("From: exactly one address expected"));
    return *this;
  }
  const std::string& a = m->front().address;
  from_domain_ = a.substr(a.rfind('@') + 1);
  std::erase_if(fields_, [](const HeaderSpec& h) { return build_detail::iequals(h.name, "From"); });
  fields_.insert(fields_.begin(), {"From", std::string(utf8_mailbox)});
  return *this;
}

MessageBuilder& MessageBuilder::to(std::string_view utf8_list) {
  auto m = checked("To", utf8_list);
  if (!m) return fail(m.error()), *this;
  for (const auto& x : *m) envelope_.push_back(x.address);
  append_list(fields_, "To", utf8_list);
  return *this;
}

MessageBuilder& MessageBuilder::cc(std::string_view utf8_list) {
  auto m = checked("Cc", utf8_list);
  if (!m) return fail(m.error()), *this;
  for (const auto& x : *m) envelope_.push_back(x.address);
  append_list(fields_, "Cc", utf8_list);
  return *this;
}

MessageBuilder& MessageBuilder::bcc(std::string_view utf8_list) {
  auto m = checked("Bcc", utf8_list);
  if (!m) return fail(m.error()), *this;
  // RFC 5322 §3.6.3 allows three ways to handle Bcc; we take the first: the field is removed, so
  // no recipient learns of the blind copies. The addresses stay available for the envelope.
  for (const auto& x : *m) bcc_.push_back(x.address);
  return *this;
}

MessageBuilder& MessageBuilder::reply_to(std::string_view utf8_list) {
  auto m = checked("Reply-To", utf8_list);
  if (!m) return fail(m.error()), *this;
  append_list(fields_, "Reply-To", utf8_list);
  return *this;
}

MessageBuilder& MessageBuilder::subject(std::string_view utf8) {
  if (utf8.find_first_of("\r\n") != std::string_view::npos) return fail(invalid_argument("Subject contains a line break")), *this;
  std::erase_if(fields_, [](const HeaderSpec& h) { return build_detail::iequals(h.name, "Subject"); });
  fields_.push_back({"Subject", std::string(utf8)});
  return *this;
}

MessageBuilder& MessageBuilder::date(std::string_view rfc5322_date) {
  auto d = parse_date(rfc5322_date);
  if (!d || rfc5322_date.find_first_of("\r\n") != std::string_view::npos)
    return fail(invalid_argument("malformed date '" + std::string(rfc5322_date) + "'")), *this;
  date_ = d->to_rfc5322();
  return *this;
}

MessageBuilder& MessageBuilder::date(const DateTime& when) {
  date_ = when.to_rfc5322();
  return *this;
}

MessageBuilder& MessageBuilder::message_id(std::string_view id) {
  if (id.size() >= 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
  if (!build_detail::is_valid_msg_id(id, true))
    return fail(invalid_argument("malformed Message-ID '" + std::string(id) + "' (expected left@right)")), *this;
  message_id_ = "<" + std::string(id) + ">";
  return *this;
}

MessageBuilder& MessageBuilder::header(std::string_view name, std::string_view utf8_value) {
  // Validate with the same rules Part applies, so errors surface at the call that caused them.
  Part probe;
  if (auto r = probe.add_header(name, utf8_value); !r) return fail(r.error()), *this;
  if (build_detail::iequals(name, "Date")) {
    date(utf8_value);
    return *this;
  }
  if (build_detail::iequals(name, "Message-ID")) return message_id(utf8_value);
  if (build_detail::iequals(name, "Bcc")) return bcc(utf8_value);
  fields_.push_back({std::string(name), std::string(utf8_value)});
  return *this;
}

MessageBuilder& MessageBuilder::text(std::string_view utf8, std::string_view charset) {
  auto p = Part::text(utf8, charset);
  if (!p) return fail(p.error()), *this;
  text_ = std::move(*p);
  return *this;
}

MessageBuilder& MessageBuilder::html(std::string_view utf8, std::string_view charset) {
  auto p = Part::html(utf8, charset);
  if (!p) return fail(p.error()), *this;
  html_ = std::move(*p);
  return *this;
}

MessageBuilder& MessageBuilder::add_inline(Part part) {
  inline_.push_back(std::move(part));
  return *this;
}

MessageBuilder& MessageBuilder::inline_file(const std::filesystem::path& path, std::string_view content_id,
                                            std::string_view media_type) {
  auto file = Part::attachment_from_file(path, media_type);
  if (!file) return fail(file.error()), *this;
  auto p = Part::inline_data(file->body(), content_id, file->media_type(), file->filename());
  if (!p) return fail(p.error()), *this;
  inline_.push_back(std::move(*p));
  return *this;
}

MessageBuilder& MessageBuilder::body(Part body) {
  body_ = std::move(body);
  return *this;
}

MessageBuilder& MessageBuilder::attach(Part part) {
  attachments_.push_back(std::move(part));
  return *this;
}

MessageBuilder& MessageBuilder::attach_file(const std::filesystem::path& path, std::string_view media_type,
                                            std::string_view filename) {
  auto p = Part::attachment_from_file(path, media_type, filename);
  if (!p) return fail(p.error()), *this;
  attachments_.push_back(std::move(*p));
  return *this;
}

MessageBuilder& MessageBuilder::seed(std::uint64_t seed) {
  seed_ = seed;
  return *this;
}

std::vector<std::string> MessageBuilder::recipients() const {
  std::vector<std::string> out = envelope_;
  out.insert(out.end(), bcc_.begin(), bcc_.end());
  return out;
}

Result<Part> MessageBuilder::build() const {
  if (error_) return *error_;
  if (!from_domain_) return invalid_argument("a message needs a From address");

  // The body, innermost first.
  std::optional<Part> html = html_;
  std::vector<Part> leftover_inline;
  if (!inline_.empty()) {
    if (html) {
      // RFC 2387: the HTML is the root (first) part of multipart/related; its type is named in
      // the `type` parameter.
      auto rel = Part::multipart("related");
      if (!rel) return rel.error();
      (void)rel->set_param("type", "text/html");
      (void)rel->add_part(std::move(*html));
      for (const Part& p : inline_) (void)rel->add_part(p);
      html = std::move(*rel);
    } else {
      // Nothing references the inline parts: they travel after the text, still inline.
      leftover_inline = inline_;
    }
  }
  std::optional<Part> body;
  if (body_) {
    if (text_ || html_ || !inline_.empty())
      return invalid_argument("an explicit body cannot be combined with text, HTML or inline parts");
    body = *body_;
  } else if (text_ && html) {
    auto alt = Part::multipart("alternative", {*text_, std::move(*html)});
    if (!alt) return alt.error();
    body = std::move(*alt);
  } else if (text_) {
    body = *text_;
  } else if (html) {
    body = std::move(*html);
  }
  Part root;
  if (!attachments_.empty() || !leftover_inline.empty()) {
    auto mixed = Part::multipart("mixed");
    if (!mixed) return mixed.error();
    if (body) (void)mixed->add_part(std::move(*body));
    for (const Part& p : leftover_inline) (void)mixed->add_part(p);
    for (const Part& p : attachments_) (void)mixed->add_part(p);
    root = std::move(*mixed);
  } else if (body) {
    root = std::move(*body);
  } else {
    auto empty = Part::text("");
    if (!empty) return empty.error();
    root = std::move(*empty);
  }

  // Header fields: the trace-free origination fields first, in the order RFC 5322 §3.6 lists them.
  std::string date = date_ ? *date_ : DateTime::now_local().to_rfc5322();
  if (auto r = root.add_header("Date", date); !r) return r.error();
  for (const HeaderSpec& f : fields_) {
    if (auto r = root.add_header(f.name, f.value); !r) return r.error();
  }
  std::string id;
  if (message_id_) {
    id = *message_id_;
  } else {
    // RFC 5322 §3.6.4: unique left part, the sender's domain on the right. 128 random bits.
    auto rng = build_detail::make_rng(seed_ ? std::optional<std::uint64_t>(*seed_ ^ 0x9E3779B97F4A7C15ULL) : std::nullopt);
    id = "<" + build_detail::random_token(rng, 22) + "@" + *from_domain_ + ">";
  }
  if (auto r = root.add_header("Message-ID", id); !r) return r.error();
  return root;
}

Result<std::string> MessageBuilder::to_string(WriteOptions options) const {
  auto root = build();
  if (!root) return root.error();
  if (!options.seed) options.seed = seed_;
  return mimetool::to_string(*root, options);
}

Result<void> MessageBuilder::write_file(const std::filesystem::path& path, WriteOptions options) const {
  auto root = build();
  if (!root) return root.error();
  if (!options.seed) options.seed = seed_;
  return mimetool::write_file(*root, path, options);
}

}  // namespace mimetool
