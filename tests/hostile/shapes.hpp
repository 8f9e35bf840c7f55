#pragma once
// Generators for hostile message shapes, shared by the library-level hostile tests
// (tests/unit/test_hostile_*.cpp) and the scaling driver (scale_driver.cpp). Each returns a whole
// message whose size grows linearly with `n`. testdata/hostile/hostile.py builds the same shapes
// for the command-line tests.

#include <cstddef>
#include <string>
#include <string_view>

namespace mimetool::hostile {

/// `n` multiparts, each the only body part of the previous one, every one with its own boundary.
inline std::string nested_multiparts(std::size_t n) {
  std::string m = "From: a@example.org\r\nSubject: deep\r\n";
  for (std::size_t i = 0; i < n; ++i) {
    const std::string b = "b" + std::to_string(i);
    m += "Content-Type: multipart/mixed; boundary=" + b + "\r\n\r\n--" + b + "\r\n";
  }
  m += "Content-Type: text/plain\r\n\r\ninnermost\r\n";
  for (std::size_t i = n; i-- > 0;) m += "--b" + std::to_string(i) + "--\r\n";
  return m;
}

/// `n` message/rfc822 entities, each encapsulating the next.
inline std::string nested_messages(std::size_t n) {
  std::string m;
  for (std::size_t i = 0; i < n; ++i) m += "Subject: level " + std::to_string(i) + "\r\nContent-Type: message/rfc822\r\n\r\n";
  m += "Subject: innermost\r\n\r\nbody\r\n";
  return m;
}

/// A multipart/mixed with `n` small body parts.
inline std::string many_parts(std::size_t n) {
  std::string m = "Content-Type: multipart/mixed; boundary=sep\r\n\r\n";
  for (std::size_t i = 0; i < n; ++i) m += "--sep\r\nContent-Type: text/plain\r\n\r\npart\r\n";
  m += "--sep--\r\n";
  return m;
}

/// A Subject field whose body is one unfolded line of `n` bytes.
inline std::string long_header_line(std::size_t n) {
  std::string m = "Subject: ";
  m.append(n, 'a');
  m += "\r\n\r\nbody\r\n";
  return m;
}

/// `n` header fields.
inline std::string many_fields(std::size_t n) {
  std::string m;
  m.reserve(n * 12 + 16);
  for (std::size_t i = 0; i < n; ++i) m += "X-Field: v\r\n";
  m += "\r\nbody\r\n";
  return m;
}

/// A Subject of `n` adjacent encoded-words (RFC 2047 §6.2: the whitespace between them is dropped).
inline std::string many_encoded_words(std::size_t n) {
  std::string m = "Subject:";
  for (std::size_t i = 0; i < n; ++i) m += i % 2 ? " =?utf-8?B?w6k=?=" : " =?iso-8859-1?Q?caf=E9?=";
  m += "\r\n\r\nbody\r\n";
  return m;
}

/// A filename split into `n` RFC 2231 continuation pieces, listed in reverse order; only the
/// first piece names the charset (RFC 2231 §4.1).
inline std::string many_rfc2231_pieces(std::size_t n) {
  std::string m = "Content-Type: application/octet-stream\r\nContent-Disposition: attachment";
  for (std::size_t i = n; i-- > 0;) m += ";\r\n filename*" + std::to_string(i) + (i ? "*=%C3%A9" : "*=utf-8''%C3%A9");
  m += "\r\n\r\ndata\r\n";
  return m;
}

/// A multipart with a boundary of `n` characters and two parts.
inline std::string long_boundary(std::size_t n) {
  const std::string b(n, 'B');
  return "Content-Type: multipart/mixed; boundary=\"" + b + "\"\r\n\r\n--" + b + "\r\n\r\none\r\n--" + b +
         "\r\n\r\ntwo\r\n--" + b + "--\r\n";
}

/// A base64 attachment with `n` bytes of encoded text (76-character lines).
inline std::string big_base64(std::size_t n) {
  std::string m = "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (std::size_t i = 0; i < n; ++i) {
    m.push_back(kAlphabet[(i * 7) % 64]);
    if (i % 76 == 75) m += "\r\n";
  }
  m += "\r\n";
  return m;
}

/// A quoted-printable text part with `n` bytes of encoded text: escapes, soft breaks and
/// trailing whitespace.
inline std::string big_quoted_printable(std::size_t n) {
  std::string m = "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n";
  static constexpr std::string_view kLine = "caf=E9 au lait, cr=E8me br=FBl=E9e  =\r\nand more text \t\r\n";
  for (std::size_t i = 0; i < n; i += kLine.size()) m += kLine;
  return m;
}

}  // namespace mimetool::hostile
