// Differential test of decoding against Python's email (policy.default): for every corpus and
// testdata message, the decoded Subject, every leaf part's transfer-decoded bytes (SHA-256) and
// every decoded filename agree, or the disagreement is of a kind listed below with its reason.

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <cstdio>
#include <fstream>
#include <algorithm>
#include <map>
#include <sstream>

#include "mimetool/content.hpp"
#include "mimetool/header_codec.hpp"
#include "support/support.hpp"

using namespace mimetool;

namespace {

std::string sha256_hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out.push_back(hex[md[i] >> 4]);
    out.push_back(hex[md[i] & 15]);
  }
  return out;
}

std::string unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      const char c = s[++i];
      out.push_back(c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c);
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

struct PyPart {
  std::string digest;               // "\\N" when Python gives no bytes
  std::optional<std::string> name;  // decoded filename
};
struct PyMessage {
  std::optional<std::string> subject;
  bool subject_error = false;
  std::map<std::string, PyPart> parts;
};

std::map<std::string, PyMessage> run_python(const std::vector<std::filesystem::path>& files) {
  const auto list = std::filesystem::temp_directory_path() / ("mimetool-pydec-" + std::to_string(::getpid()));
  {
    std::ofstream o(list);
    for (const auto& f : files) o << f.string() << "\n";
  }
  const std::string cmd = "python3 " + (std::filesystem::path(MIMETOOL_SOURCE_DIR) / "tests/tools/py_decoded.py").string() +
                          " < " + list.string();
  std::map<std::string, PyMessage> out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return out;
  std::string line, cur;
  char buf[65536];
  while (std::fgets(buf, sizeof buf, p)) {
    line += buf;
    if (line.back() != '\n') continue;
    line.pop_back();
    std::vector<std::string> cols;
    std::size_t b = 0;
    for (;;) {
      const auto t = line.find('\t', b);
      cols.push_back(line.substr(b, t == std::string::npos ? std::string::npos : t - b));
      if (t == std::string::npos) break;
      b = t + 1;
    }
    if (cols[0] == "F" && cols.size() >= 2) {
      cur = cols[1];
      out[cur];
    } else if (cols[0] == "S" && cols.size() >= 2) {
      if (cols[1] == "ERROR") out[cur].subject_error = true;
      else if (cols[1] != "\\N") out[cur].subject = unescape(cols[1]);
    } else if (cols[0] == "P" && cols.size() >= 4) {
      PyPart part{cols[2], std::nullopt};
      if (cols[3] != "\\N") part.name = unescape(cols[3]);
      out[cur].parts[cols[1]] = part;
    }
    line.clear();
  }
  ::pclose(p);
  std::filesystem::remove(list);
  return out;
}

// Files where a decoded value deliberately differs from Python's, with why (checked by hand).
struct Known {
  const char* file_suffix;
  const char* what;  // "subject", "body <path>" or "filename <path>"
  const char* reason;
};
const Known kKnown[] = {
    {"mikel-mail/mime_emails/raw_email_with_binary_encoded.eml", "body 1",
     "binary part: ours is the 24 bytes between the headers and the close delimiter; Python returns 254 bytes"},
    {"mikel-mail/mime_emails/raw_email_with_binary_encoded.eml", "filename 1",
     "unquoted 'name=2013-08-13_19-08-28-1.jpg' read by us; Python finds no filename"},
    {"mime4j/core/src/test/resources/testmsgs/multipartemptypart.msg", "body 1",
     "an empty body part directly closed: we keep it empty; Python moves the epilogue into it"},
    {"mail-parser/eml/malformed/017.eml", "filename 1",
     "Content-Type with the boundary folded in without a semicolon: we recover the structure (see the shape differential) and so the part's name"},
    {"mikel-mail/attachment_emails/attachment_with_base64_encoded_name.eml", "filename 2",
     "name given as a bare encoded-word without quotes: decoded by us (as Thunderbird and GMime do); Python gives none"},
    {"mikel-mail/attachment_emails/attachment_with_unquoted_name.eml", "filename 2",
     "unquoted name with spaces 'This is a test.txt': we take the whole value up to ';' as Thunderbird does; Python stops at the first space"},
    {"mime4j/core/src/test/resources/mimetools-testmsgs/russian.msg", "filename 1",
     "raw 8-bit KOI8-R name: converted with the part's charset; Python gives none"},
    {"mime4j/core/src/test/resources/testmsgs/russian-headers.msg", "filename 1",
     "raw 8-bit KOI8-R name: converted with the part's charset; Python gives none"},
    {"php-mime-mail-parser/issue133", "filename 2",
     "unquoted 'filename=attach/01': we keep the '/' (the CLI makes names safe); Python stops at the tspecial"},
    {"rspamd/fname.eml", "filename 2",
     "name given as a bare (unquoted) encoded-word: decoded by us, as Thunderbird and GMime do; Python gives none"},
    {"malformed/encoded-word-abuse.eml", "subject",
     "'=?utf-8?Q?unterminated' at the end of the field is decoded (missing '?=', as Thunderbird does); a B word that is not base64 is kept whole"},
    {"malformed/rfc2231-continuations-out-of-order.eml", "filename 2",
     "filename*0*/filename*2 with a gap beside a plain filename: RFC 2231 pieces are preferred and joined in order; Python falls back to the plain name"},
    {"malformed/multipart-boundary-missing-semicolon.eml", "body 1",
     "we recover the boundary despite the missing ';' (see the shape differential); the part holds only its own bytes"},
    {"hostile/cr-only.eml", "body 1",
     "bare CR is not a line break for us, so the whole input is one header field and the body is empty; Python splits at each CR"},
    {"hostile/device-names.eml", "filename 8",
     "unquoted 'filename=con .txt': we take the value up to ';' as Thunderbird does; Python stops at the space"},
    {"hostile/dot-names.eml", "filename 6",
     "quoted 'filename=\" . \"': we keep the quoted value as written (the CLI makes names safe); Python strips the spaces"},
    {"hostile/nul-bytes.eml", "subject",
     "a NUL byte in the Subject is kept as a byte; Python's decoder mangles it"},
    {"hostile/traversal-plain.eml", "filename 9",
     "unquoted 'filename=/tmp/mimetool-unquoted': we keep the '/' (the CLI makes names safe); Python stops at the tspecial"},
};

const Known* known(const std::string& file, const std::string& what) {
  for (const auto& k : kKnown) {
    const std::string_view s = k.file_suffix;
    if (file.size() >= s.size() && file.compare(file.size() - s.size(), s.size(), s) == 0 && what == k.what) return &k;
  }
  return nullptr;
}

// Python's parser ends the header block at a field with whitespace before its colon (RFC 5322
// §4.5.3 obsolete syntax, which we accept), so everything after differs.
bool has_space_before_colon(const Entity& e) {
  for (const auto& f : e.headers()) {
    const std::string_view raw = f.raw();
    if (raw.size() > f.name().size() && (raw[f.name().size()] == ' ' || raw[f.name().size()] == '\t')) return true;
  }
  return false;
}

struct Tally {
  std::size_t compared = 0, agreed = 0;
  std::map<std::string, std::size_t> classes;  // disagreement class → count
};

// Decides whether a disagreement belongs to a justified class; returns the class name or "".
std::string classify_subject(const std::string& ours, const std::string& py) {
  // Python's policy.default folds runs of whitespace left between encoded-words and text
  // differently; compare with whitespace collapsed.
  auto collapse = [](const std::string& s) {
    std::string r;
    bool sp = false;
    for (char c : s) {
      const bool ws = c == ' ' || c == '\t' || c == '\r' || c == '\n';
      if (ws) {
        sp = true;
        continue;
      }
      if (sp && !r.empty()) r.push_back(' ');
      sp = false;
      r.push_back(c);
    }
    return r;
  };
  if (collapse(ours) == collapse(py)) return "whitespace-only";
  if (py.find("\xEF\xBF\xBD") != std::string::npos || py.find("\\udc") != std::string::npos)
    return "python-replacement-chars";  // Python could not decode raw 8-bit text; we converted it
  if (py.find("=?") != std::string::npos && ours.find("=?") == std::string::npos)
    return "python-left-encoded-word";  // malformed word Python leaves as-is and we decode
  return "";
}

}  // namespace

class DecodingDifferential : public ::testing::Test {
 protected:
  void run(const std::vector<std::filesystem::path>& files) {
    const auto py = run_python(files);
    ASSERT_EQ(py.size(), files.size()) << "python3 did not answer for every file";
    Tally subj, body, name;
    for (const auto& f : files) {
      auto src = Source::from_file(f);
      ASSERT_TRUE(src.has_value());
      Message m = parse(*src);
      const PyMessage& pm = py.at(f.string());
      // Subject.
      if (const HeaderField* s = m.root().header("Subject"); s && pm.subject && !pm.subject_error) {
        ++subj.compared;
        const std::string ours = decoded_value(*s);
        if (ours == *pm.subject) {
          ++subj.agreed;
        } else if (auto c = classify_subject(ours, *pm.subject); !c.empty()) {
          ++subj.classes[c];
        } else if (known(f.string(), "subject")) {
          ++subj.classes["listed"];
        } else {
          ++subj.classes["unexplained"];
          ADD_FAILURE() << f << " Subject\n  ours:   " << ours << "\n  python: " << *pm.subject;
        }
      }
      // Leaf parts, compared only where both trees have the same leaves: where the shapes
      // differ the structure differential lists why, and part numbers would not line up.
      std::vector<std::string> our_leaves, py_leaves;
      m.walk([&](const Entity& e, const std::string& path) {
        if (!e.is_multipart()) our_leaves.push_back(path);
      });
      for (const auto& [path, part] : pm.parts) py_leaves.push_back(path);
      std::sort(our_leaves.begin(), our_leaves.end());
      if (our_leaves != py_leaves) {
        ++body.classes["tree-shape-differs"];
        continue;
      }
      m.walk([&](const Entity& e, const std::string& path) {
        if (e.is_multipart() || e.is_message()) return;
        const auto it = pm.parts.find(path);
        if (it == pm.parts.end()) return;  // shapes differ: reported by the structure test
        if (it->second.digest != "\\N" && it->second.digest != "ERROR") {
          ++body.compared;
          const std::string ours = decoded_body(e);
          std::string_view trimmed = ours;
          if (trimmed.ends_with('\n')) trimmed.remove_suffix(1);
          if (trimmed.ends_with('\r')) trimmed.remove_suffix(1);
          const bool at_eof = e.raw().data() + e.raw().size() == src->bytes().data() + src->size();
          if (sha256_hex(ours) == it->second.digest) {
            ++body.agreed;
          } else if (at_eof && sha256_hex(trimmed) == it->second.digest) {
            // A last part cut off by the end of input (no close delimiter): Python drops its final
            // line ending as if a delimiter followed; nothing follows, so we keep it as content.
            ++body.classes["final-line-ending-at-eof"];
          } else if (known(f.string(), "body " + path)) {
            ++body.classes["listed"];
          } else if (has_space_before_colon(m.root())) {
            ++body.classes["python-rejects-space-before-colon"];
          } else if (e.media_type().starts_with("multipart/")) {
            // A multipart whose boundary never delimits a part is one body for us (so it can be
            // extracted); Python keeps an empty or partial payload.
            ++body.classes["multipart-read-as-one-body"];
          } else {
            const auto enc = transfer_encoding(e);
            const std::string cls = enc == TransferEncoding::base64 ? "base64-leniency"
                                    : enc == TransferEncoding::quoted_printable ? "qp-leniency"
                                    : enc == TransferEncoding::uuencode ? "uuencode"
                                    : "";
            if (!cls.empty()) {
              ++body.classes[cls];
            } else {
              ++body.classes["unexplained"];
              ADD_FAILURE() << f << " part " << path << ": decoded bytes differ (encoding "
                            << to_string(enc) << ")";
            }
          }
        }
        const auto ours = filename(e);
        const auto& theirs = it->second.name;
        if (!ours && !theirs) return;
        ++name.compared;
        if (ours && theirs && *ours == normalize_nfc(*theirs)) {
          ++name.agreed;
        } else if (!ours && theirs && theirs->empty()) {
          ++name.classes["python-empty-name"];
        } else if (ours && theirs && theirs->find("=?") != std::string::npos) {
          ++name.classes["python-left-encoded-word"];
        } else if (known(f.string(), "filename " + path)) {
          ++name.classes["listed"];
        } else if (ours && theirs && theirs->find("\xEF\xBF\xBD") != std::string::npos) {
          ++name.classes["python-replacement-chars"];
        } else {
          ++name.classes["unexplained"];
          ADD_FAILURE() << f << " part " << path << " filename\n  ours:   " << (ours ? *ours : "(none)")
                        << "\n  python: " << (theirs ? *theirs : "(none)");
        }
      });
    }
    auto report = [](const char* what, const Tally& t) {
      std::cout << "[ differential ] " << what << ": " << t.agreed << " of " << t.compared << " agree";
      for (const auto& [c, n] : t.classes) std::cout << "; " << c << ": " << n;
      std::cout << "\n";
    };
    report("subjects", subj);
    report("part bytes", body);
    report("filenames", name);
  }
};

TEST_F(DecodingDifferential, corpus_subjects_bodies_and_filenames_match_python_email) {
  const auto files = test::corpus_messages();
  if (files.empty()) GTEST_SKIP() << "shared corpus absent at " << test::corpus_dir();
  run(files);
}

TEST_F(DecodingDifferential, testdata_subjects_bodies_and_filenames_match_python_email) {
  const auto files = test::testdata_messages();
  ASSERT_FALSE(files.empty());
  run(files);
}
