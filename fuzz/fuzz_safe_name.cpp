// The command-line tool's attachment filename sanitiser (cli/safe_name.cpp): whatever the sender
// wrote, the result is one safe file name (or "" when nothing usable is left), and numbered
// variants for name clashes stay safe.

#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "safe_name.hpp"

namespace {

using namespace mimetool;

// Independent statement of the Windows rule: the part before the first dot, without trailing
// spaces, compared case-insensitively with CON, PRN, AUX, NUL, COM1-9 and LPT1-9.
bool names_device(std::string_view s) {
  std::string stem(s.substr(0, s.find('.')));
  while (!stem.empty() && stem.back() == ' ') stem.pop_back();
  for (char& c : stem) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const char* d : {"CON", "PRN", "AUX", "NUL"})
    if (stem == d) return true;
  return stem.size() == 4 && (stem.starts_with("COM") || stem.starts_with("LPT")) && stem[3] >= '1' && stem[3] <= '9';
}

// No '/', '\\', control characters (C0, DEL, C1) or bidi controls; not "." or ".."; at most
// `max_bytes` bytes of valid UTF-8; no "." or "-" first; no Windows device name.
void check_safe(std::string_view s, std::size_t max_bytes) {
  FUZZ_CHECK(fuzz::reference_valid_utf8(s));
  FUZZ_CHECK(s.size() <= max_bytes);
  FUZZ_CHECK(s != "." && s != "..");
  FUZZ_CHECK(s.find('/') == std::string_view::npos);
  FUZZ_CHECK(s.find('\\') == std::string_view::npos);
  for (unsigned char c : s) FUZZ_CHECK(c >= 0x20 && c != 0x7F);
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    const auto a = static_cast<unsigned char>(s[i]), b = static_cast<unsigned char>(s[i + 1]);
    FUZZ_CHECK(!(a == 0xC2 && b >= 0x80 && b <= 0x9F));  // C1 controls U+0080..U+009F
    if (a == 0xE2 && i + 2 < s.size()) {
      const auto c = static_cast<unsigned char>(s[i + 2]);
      FUZZ_CHECK(!(b == 0x80 && c >= 0xAA && c <= 0xAE));  // U+202A..U+202E
      FUZZ_CHECK(!(b == 0x81 && c >= 0xA6 && c <= 0xA9));  // U+2066..U+2069
    }
  }
  if (!s.empty()) FUZZ_CHECK(s[0] != '.' && s[0] != '-');
  FUZZ_CHECK(!names_device(s));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* raw, std::size_t size) {
  fuzz::Input in(raw, size);
  const unsigned sel = in.byte();
  const std::string_view name = in.rest();

  const std::string safe = cli::safe_name(name);
  check_safe(safe, cli::max_name_bytes);
  // Sanitising again keeps the name safe. (It need not be the same name: a cut that leaves only
  // underscores, e.g. control characters followed by a long tail, comes back "" the second time.)
  check_safe(cli::safe_name(safe), cli::max_name_bytes);

  // Tight budgets cut inside multi-byte characters and can leave only the extension; the naming
  // rules still hold afterwards.
  const std::size_t small = 16 + sel % 64;
  const std::string cut = cli::safe_name(name, small);
  check_safe(cut, small);

  if (!safe.empty()) {
    const std::string numbered = cli::numbered_name(safe, 2 + sel % 200);
    check_safe(numbered, cli::max_name_bytes);
    FUZZ_CHECK(numbered != safe);
  }
  (void)cli::name_extension(name);
  return 0;
}
