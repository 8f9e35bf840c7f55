// The content layer: joins the parser's views to the field parsers, the transfer codecs and the
// charset layer. Each function parses what it needs on request; nothing is cached in the tree,
// so a field nobody asks for stays raw.

#include "mimetool/content.hpp"

#include "mimetool/header_codec.hpp"

namespace mimetool {

namespace {

std::string ascii_lower_trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  // Stray quotes and spaces around labels are common: charset="'utf-8'".
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '"' || s[b] == '\'')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '"' || s[e - 1] == '\'')) --e;
  std::string r(s.substr(b, e - b));
  for (auto& c : r)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return r;
}

}  // namespace

ContentType content_type(const Entity& e) {
  const HeaderField* f = e.header("Content-Type");
  return f ? parse_content_type(f->raw_value()) : ContentType{};
}

ContentDisposition content_disposition(const Entity& e) {
  const HeaderField* f = e.header("Content-Disposition");
  return f ? parse_content_disposition(f->raw_value()) : ContentDisposition{};
}

std::string charset(const Entity& e) { return ascii_lower_trim(content_type(e).charset()); }

TransferEncoding transfer_encoding(const Entity& e) {
  const HeaderField* f = e.header("Content-Transfer-Encoding");
  return f ? parse_transfer_encoding(f->raw_value()) : TransferEncoding::seven_bit;
}

std::optional<std::string> filename(const Entity& e) {
  const ContentDisposition cd = content_disposition(e);
  const ContentType ct = content_type(e);
  const Parameter* p = cd.param("filename");
  if (!p || p->value.empty()) p = ct.param("name");
  if (!p || p->value.empty()) return std::nullopt;
  // Raw 8-bit names (old Chinese and Russian mailers) are in the part's declared charset more
  // often than not; decode_parameter falls back to detection when that is absent.
  std::string name = decode_parameter(*p, ascii_lower_trim(ct.charset()));
  if (name.empty()) return std::nullopt;
  return normalize_nfc(name);
}

std::string decoded_body(const Entity& e, DecodeReport* report) {
  if (e.is_multipart() || e.is_message()) return std::string(e.raw_body());
  return decode_transfer(e.raw_body(), transfer_encoding(e), report);
}

void decode_body_to(const Entity& e, const std::function<void(std::string_view)>& sink, DecodeReport* report,
                    std::size_t chunk) {
  const std::string_view body = e.raw_body();
  if (e.is_multipart() || e.is_message()) {
    if (!body.empty()) sink(body);
    return;
  }
  if (chunk == 0) chunk = 1 << 20;
  TransferDecoder dec(transfer_encoding(e));
  std::string out;
  for (std::size_t pos = 0; pos < body.size(); pos += chunk) {
    out.clear();
    dec.feed(body.substr(pos, chunk), out);
    if (!out.empty()) sink(out);
  }
  out.clear();
  dec.finish(out);
  if (!out.empty()) sink(out);
  if (report) *report = dec.report();
}

Result<Utf8Text> text(const Entity& e, const CharsetPolicy& policy, std::string_view hint_charset) {
  const std::string bytes = decoded_body(e);
  CharsetPolicy p = policy;
  if (p.hint.empty()) p.hint = std::string(hint_charset);
  return to_utf8(bytes, charset(e), p);
}

std::string decoded_value(const HeaderField& f, std::string_view fallback_charset) {
  return decode_rfc2047(f.value(), Rfc2047Mode::unstructured, nullptr, fallback_charset);
}

std::vector<DecodedMailbox> addresses(const Entity& e, std::string_view field_name) {
  std::vector<DecodedMailbox> out;
  for (const HeaderField* f : e.headers(field_name)) {
    const AddressList list = parse_address_list(f->raw_value());
    for (const Mailbox& m : list.mailboxes()) {
      out.push_back({decode_rfc2047(m.display_name, Rfc2047Mode::phrase), m.address()});
    }
  }
  return out;
}

Message parse_encapsulated(const Entity& e, const ParseOptions& options) {
  return parse(Source::from_bytes(decoded_body(e)), options);
}

}  // namespace mimetool
