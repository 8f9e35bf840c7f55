#pragma once
/// \file fields.hpp
/// Structured header field parsers: Content-Type and Content-Disposition (RFC 2045, RFC 2183,
/// RFC 2231), Message-ID lists (RFC 5322 §3.6.4), address lists (RFC 5322 §3.4) and dates
/// (RFC 5322 §3.3).
///
/// Every parser takes a field body (the bytes after "Name:"), possibly still folded and possibly
/// holding raw 8-bit bytes, and never fails: malformed input yields the best recoverable value plus,
/// when a `Diagnostics*` is given, one diagnostic per kind of defect (offsets are byte offsets in
/// the field body). The parsers do syntax only: RFC 2047 encoded-words are kept intact and RFC 2231
/// charsets are reported, not applied; charset conversion is the caller's step. All results own
/// their strings. Every parser runs in time linear (or n log n) in its input and uses bounded stack.
///
/// Example:
/// \code
///   mimetool::Diagnostics diags;
///   auto ct = mimetool::parse_content_type("multipart/mixed; boundary=\"=_b\"", &diags);
///   if (ct.is_multipart()) use(ct.boundary());                 // "=_b"
///   for (const auto& mb : mimetool::parse_address_list("Ann <ann@example.org>, bob@x.test").mailboxes())
///     send_to(mb.address());
/// \endcode

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "mimetool/diagnostic.hpp"
#include "mimetool/export.hpp"
#include "mimetool/parameter.hpp"

namespace mimetool {

// ---------------------------------------------------------------------------------------------
// Content-Type / Content-Disposition
// ---------------------------------------------------------------------------------------------

/// A parsed Content-Type field (RFC 2045 §5.1) with RFC 2231 parameters reassembled.
struct MIMETOOL_API ContentType {
  std::string type;                ///< lower-cased; "" when missing or garbled (callers default)
  std::string subtype;             ///< lower-cased; "" whenever `type` is ""
  std::vector<Parameter> params;   ///< one entry per parameter name, in order of first appearance

  /// The parameter called `name` (ASCII case-insensitive), or nullptr. The pointer lives as long
  /// as this object and its `params` vector are not modified.
  const Parameter* param(std::string_view name) const noexcept;
  /// The value of parameter `name`, or "" when absent. The view lives as long as `params`.
  std::string_view param_value(std::string_view name) const noexcept;
  /// "type/subtype", or "" when the type is missing or garbled.
  std::string mime_type() const;
  /// True for any multipart/* type.
  bool is_multipart() const noexcept;
  /// True for message/* types.
  bool is_message() const noexcept;
  /// The boundary parameter's value, or "" when absent.
  std::string_view boundary() const noexcept;
  /// The charset parameter's value, or "" when absent.
  std::string_view charset() const noexcept;
};

/// A parsed Content-Disposition field (RFC 2183) with RFC 2231 parameters reassembled.
struct MIMETOOL_API ContentDisposition {
  std::string type;                ///< lower-cased ("inline", "attachment", other); "" if missing
  std::vector<Parameter> params;   ///< one entry per parameter name, in order of first appearance

  /// The parameter called `name` (ASCII case-insensitive), or nullptr (lives as long as `params`).
  const Parameter* param(std::string_view name) const noexcept;
  /// The value of parameter `name`, or "" when absent (lives as long as `params`).
  std::string_view param_value(std::string_view name) const noexcept;
  /// True when the type is "attachment".
  bool is_attachment() const noexcept;
  /// True when the type is "inline".
  bool is_inline() const noexcept;
  /// The filename parameter's value (raw bytes, RFC 2231 already %-decoded), or "" when absent.
  std::string_view filename() const noexcept;
};

/// Parses a Content-Type field body.
///
/// Lenient like GMime and Python's email: comments anywhere, a trailing ";", a missing ";" before
/// a parameter, unquoted values holding tspecials (`boundary=a=b`, `name=my file.txt`), duplicated
/// parameters (the first wins), RFC 2231 continuations out of order or with gaps. When the
/// type/subtype is missing or garbled, `type` and `subtype` are "" and the parameters are still
/// parsed, so that callers can default to text/plain (RFC 2045 §5.2) yet keep the charset.
MIMETOOL_API ContentType parse_content_type(std::string_view body, Diagnostics* diags = nullptr);

/// Parses a Content-Disposition field body (RFC 2183), with the same leniency as
/// parse_content_type(); a body that starts with a parameter (`filename=x`) gives type "".
MIMETOOL_API ContentDisposition parse_content_disposition(std::string_view body,
                                                          Diagnostics* diags = nullptr);

/// Parses a bare parameter list (`; a=b; c*=utf-8''%41`), as found after the value of
/// Content-Type, Content-Disposition and similar fields. Leading ";" is optional.
MIMETOOL_API std::vector<Parameter> parse_parameters(std::string_view text, Diagnostics* diags = nullptr);

// ---------------------------------------------------------------------------------------------
// Message-ID, Content-ID, References, In-Reply-To
// ---------------------------------------------------------------------------------------------

/// Parses a Message-ID or Content-ID field body and returns the first id without its angle
/// brackets (whitespace and folding inside the brackets removed). Lenient: comments, missing
/// brackets (`id@host`), a missing ">" and several ids (the first bracketed one wins) are
/// accepted. Returns nullopt when nothing id-like is present (empty body, `<>`, only comments).
MIMETOOL_API std::optional<std::string> parse_msg_id(std::string_view body,
                                                     Diagnostics* diags = nullptr);

/// Parses a References or In-Reply-To field body into its ids (without angle brackets), in order.
/// Junk between ids (phrases, quoted strings, comments) is ignored; when the body has no bracketed
/// id at all, bare words containing "@" are taken as ids.
MIMETOOL_API std::vector<std::string> parse_msg_id_list(std::string_view body,
                                                        Diagnostics* diags = nullptr);

// ---------------------------------------------------------------------------------------------
// Addresses
// ---------------------------------------------------------------------------------------------

/// One mailbox (RFC 5322 §3.4): an optional display name and an addr-spec.
struct MIMETOOL_API Mailbox {
  /// Display name: unquoted, comments dropped, words joined by single spaces. May still hold
  /// RFC 2047 encoded-words and raw 8-bit bytes; decoding them is the caller's step. When the
  /// mailbox has no phrase, the first comment is used (`user@host (Real Name)`), like Thunderbird.
  std::string display_name;
  std::string local_part;  ///< unquoted local part; "" for the null address `<>`
  std::string domain;      ///< as given (no IDN conversion, no case folding); "" when absent

  /// "local@domain", the local part re-quoted only when it is not a dot-atom (RFC 5322 §3.4.1);
  /// only the local part when the domain is empty; "" for `<>`.
  std::string address() const;
};

/// A named group of mailboxes (RFC 5322 §3.4), e.g. `undisclosed-recipients:;`.
struct MIMETOOL_API Group {
  std::string name;              ///< display name of the group, unquoted, like Mailbox::display_name
  std::vector<Mailbox> members;  ///< possibly empty
};

/// One element of an address list.
using Address = std::variant<Mailbox, Group>;

/// A parsed address list (From, To, Cc, Bcc, Reply-To, Sender, ...).
struct MIMETOOL_API AddressList {
  std::vector<Address> addresses;  ///< mailboxes and groups in field order

  /// All mailboxes in field order, group members flattened in place of their group.
  std::vector<Mailbox> mailboxes() const;
  /// True when the list holds no address and no group.
  bool empty() const noexcept { return addresses.empty(); }
};

/// Parses an address-list / mailbox-list field body.
///
/// Accepts RFC 5322 mailboxes and groups and the obsolete forms (routes `<@a,@b:u@h>`, CFWS
/// between the parts of an addr-spec, empty list elements), and recovers from what real mailers
/// send: unquoted commas and dots in display names (`Doe, John <j@x>`), a missing ">", `<>`,
/// local parts without a domain, 8-bit names, stray ";", unterminated groups, quotes and comments
/// left open. Every recognisable address is returned; defects go to `diags`.
MIMETOOL_API AddressList parse_address_list(std::string_view body, Diagnostics* diags = nullptr);

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

/// A calendar date and wall-clock time with its UTC offset, as written in a Date field.
struct MIMETOOL_API DateTime {
  int year = 1970;      ///< four digits, 1000..9999
  int month = 1;        ///< 1..12
  int day = 1;          ///< 1..31 (valid for the month)
  int hour = 0;         ///< 0..23
  int minute = 0;       ///< 0..59
  int second = 0;       ///< 0..60 (60: leap second, RFC 5322 §3.3)
  int offset_minutes = 0;  ///< local time minus UTC, e.g. +120 for "+0200"
  bool has_offset = false; ///< false for "-0000", military and unknown zones (RFC 5322 §4.3)

  /// RFC 3339 form, "2004-09-01T13:05:00+02:00"; "-00:00" when the offset is unknown
  /// (RFC 3339 §4.3).
  std::string to_rfc3339() const;
  /// RFC 5322 form, "Wed, 01 Sep 2004 13:05:00 +0200" with the weekday computed; "-0000" when the
  /// offset is unknown.
  std::string to_rfc5322() const;
  /// Day of the week, 0 = Sunday .. 6 = Saturday (proleptic Gregorian calendar).
  int weekday() const noexcept;
  /// Seconds since 1970-01-01T00:00:00Z; an unknown offset counts as UTC.
  std::int64_t to_unix_time() const noexcept;

  /// The current time in the local time zone (with its offset).
  static DateTime now_local();
  /// The instant `t` (seconds since the epoch) as wall-clock time at UTC offset `offset_minutes`.
  static DateTime from_unix_time(std::int64_t t, int offset_minutes = 0);
  /// The instant `t` in the local time zone of this process (uses localtime_r).
  static DateTime from_time_t_local(std::time_t t);

  friend bool operator==(const DateTime&, const DateTime&) = default;
};

/// Parses a Date (or Resent-Date, Received date part) field body.
///
/// Accepts RFC 5322 dates and their obsolete forms: zone names (UT, GMT, EST...PDT), military
/// zones (taken as -0000), missing seconds, two-digit years (<50 → 20xx, else 19xx), three-digit
/// years (+1900), missing or wrong weekday, day and month swapped (`Sep 1 2004`), comments, month
/// names in any case, dotted times (`13.05.00`), extra whitespace, ISO 8601 (`2004-09-01 13:05:00
/// +0200`, `2004-09-01T13:05:00Z`) and asctime (`Wed Sep  1 13:05:00 2004`). A missing time gives
/// 00:00:00 and a missing zone gives has_offset = false, both with a diagnostic. Returns nullopt
/// when no valid calendar date can be recovered (out-of-range fields included).
MIMETOOL_API std::optional<DateTime> parse_date(std::string_view body, Diagnostics* diags = nullptr);

}  // namespace mimetool
