// Charset label resolution.
//
// Mail clients do not decode by the IANA registry but the way browsers do: Thunderbird uses the
// WHATWG Encoding Standard (https://encoding.spec.whatwg.org/#names-and-labels) and Outlook the
// Windows code pages those labels grew from. So "iso-8859-1" and "us-ascii" mean windows-1252
// (gmime data/filters/french-fable.cp1252.txt is labelled iso-8859-1 but holds 0x80-0x9F quotes),
// "gb2312" means GBK, i.e. GB18030 for decoding, "ks_c_5601-1987" means windows-949 (Outlook's UHC),
// "shift_jis" means windows-31j (NEC/IBM extensions). The table below is WHATWG's label list plus
// the labels mail needs that browsers dropped (utf-7, iso-2022-kr, iso-2022-jp-2, utf-32, DOS code
// pages). A label outside the table that ICU's alias table knows resolves to ICU's converter.

#include <unicode/ucnv.h>

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "charset/charset_internal.hpp"
#include "mimetool/charset.hpp"

namespace mimetool::detail {
namespace {

// Canonical charsets. icu_name is an exact ICU converter name wherever ICU's alias is ambiguous
// (ucnv_open("windows-949") warns U_AMBIGUOUS_ALIAS_WARNING and picks by table order).
constexpr CharsetInfo kUtf8{"UTF-8", "", true};
constexpr CharsetInfo kUtf16{"UTF-16", "UTF-16", false};  // BOM / heuristic sniffing in convert.cpp
constexpr CharsetInfo kUtf16Be{"UTF-16BE", "UTF-16BE", false};
constexpr CharsetInfo kUtf16Le{"UTF-16LE", "UTF-16LE", false};
constexpr CharsetInfo kUtf32{"UTF-32", "UTF-32", false};
constexpr CharsetInfo kUtf32Be{"UTF-32BE", "UTF-32BE", false};
constexpr CharsetInfo kUtf32Le{"UTF-32LE", "UTF-32LE", false};
constexpr CharsetInfo kUtf7{"UTF-7", "UTF-7", false};
constexpr CharsetInfo kIbm866{"IBM866", "ibm-866_P100-1995", true};
constexpr CharsetInfo kIbm437{"IBM437", "ibm-437_P100-1995", true};
constexpr CharsetInfo kIbm850{"IBM850", "ibm-850_P100-1995", true};
constexpr CharsetInfo kIbm852{"IBM852", "ibm-852_P100-1995", true};
constexpr CharsetInfo kIso2{"ISO-8859-2", "ISO-8859-2", true};
constexpr CharsetInfo kIso3{"ISO-8859-3", "ISO-8859-3", true};
constexpr CharsetInfo kIso4{"ISO-8859-4", "ISO-8859-4", true};
constexpr CharsetInfo kIso5{"ISO-8859-5", "ISO-8859-5", true};
constexpr CharsetInfo kIso6{"ISO-8859-6", "ISO-8859-6", true};
constexpr CharsetInfo kIso7{"ISO-8859-7", "ISO-8859-7", true};
constexpr CharsetInfo kIso8{"ISO-8859-8", "ISO-8859-8", true};
constexpr CharsetInfo kIso10{"ISO-8859-10", "ISO-8859-10", true};
constexpr CharsetInfo kIso13{"ISO-8859-13", "ISO-8859-13", true};
constexpr CharsetInfo kIso14{"ISO-8859-14", "ISO-8859-14", true};
constexpr CharsetInfo kIso15{"ISO-8859-15", "ISO-8859-15", true};
constexpr CharsetInfo kKoi8R{"KOI8-R", "KOI8-R", true};
constexpr CharsetInfo kKoi8U{"KOI8-U", "KOI8-U", true};
constexpr CharsetInfo kMacintosh{"macintosh", "macos-0_2-10.2", true};
constexpr CharsetInfo kMacCyrillic{"x-mac-cyrillic", "macos-7_3-10.2", true};
constexpr CharsetInfo kWin874{"windows-874", "windows-874-2000", true};
constexpr CharsetInfo kWin1250{"windows-1250", "ibm-5346_P100-1998", true};
constexpr CharsetInfo kWin1251{"windows-1251", "ibm-5347_P100-1998", true};
constexpr CharsetInfo kWin1252{"windows-1252", "ibm-5348_P100-1997", true};
constexpr CharsetInfo kWin1253{"windows-1253", "ibm-5349_P100-1998", true};
constexpr CharsetInfo kWin1254{"windows-1254", "ibm-5350_P100-1998", true};
constexpr CharsetInfo kWin1255{"windows-1255", "ibm-9447_P100-2002", true};
constexpr CharsetInfo kWin1256{"windows-1256", "ibm-9448_X100-2005", true};
constexpr CharsetInfo kWin1257{"windows-1257", "ibm-9449_P100-2002", true};
constexpr CharsetInfo kWin1258{"windows-1258", "ibm-5354_P100-1998", true};
constexpr CharsetInfo kGb18030{"GB18030", "GB18030", true};
constexpr CharsetInfo kBig5Hkscs{"Big5-HKSCS", "ibm-5471_P100-2006", true};
constexpr CharsetInfo kEucJp{"EUC-JP", "ibm-33722_P12A_P12A-2009_U2", true};
constexpr CharsetInfo kIso2022Jp{"ISO-2022-JP", "ISO_2022,locale=ja,version=0", false};
constexpr CharsetInfo kIso2022Jp2{"ISO-2022-JP-2", "ISO_2022,locale=ja,version=2", false};
constexpr CharsetInfo kIso2022Kr{"ISO-2022-KR", "ISO_2022,locale=ko,version=0", false};
constexpr CharsetInfo kWin31j{"windows-31j", "ibm-943_P15A-2003", true};
constexpr CharsetInfo kWin949{"windows-949", "windows-949-2000", true};
// Encoding-only: the repertoire a label promises (see lookup_charset_for_encoding()).
constexpr CharsetInfo kAscii{"US-ASCII", "US-ASCII", true};
constexpr CharsetInfo kLatin1{"ISO-8859-1", "ISO-8859-1", true};
constexpr CharsetInfo kGb2312{"GB2312", "ibm-1383_P110-1999", true};
constexpr CharsetInfo kGbk{"GBK", "windows-936-2000", true};
constexpr CharsetInfo kBig5{"Big5", "windows-950-2000", true};
constexpr CharsetInfo kEucKr{"EUC-KR", "ibm-970_P110_P110-2006_U2", true};

struct Label {
  std::string_view label;
  const CharsetInfo* info;
};

// WHATWG Encoding Standard labels (2024), then mail-only additions marked "mail:".
constexpr Label kLabels[] = {
    {"unicode-1-1-utf-8", &kUtf8}, {"unicode11utf8", &kUtf8}, {"unicode20utf8", &kUtf8},
    {"utf-8", &kUtf8}, {"utf8", &kUtf8}, {"x-unicode20utf8", &kUtf8},
    {"866", &kIbm866}, {"cp866", &kIbm866}, {"csibm866", &kIbm866}, {"ibm866", &kIbm866},
    {"csisolatin2", &kIso2}, {"iso-8859-2", &kIso2}, {"iso-ir-101", &kIso2}, {"iso8859-2", &kIso2},
    {"iso88592", &kIso2}, {"iso_8859-2", &kIso2}, {"iso_8859-2:1987", &kIso2}, {"l2", &kIso2},
    {"latin2", &kIso2},
    {"csisolatin3", &kIso3}, {"iso-8859-3", &kIso3}, {"iso-ir-109", &kIso3}, {"iso8859-3", &kIso3},
    {"iso88593", &kIso3}, {"iso_8859-3", &kIso3}, {"iso_8859-3:1988", &kIso3}, {"l3", &kIso3},
    {"latin3", &kIso3},
    {"csisolatin4", &kIso4}, {"iso-8859-4", &kIso4}, {"iso-ir-110", &kIso4}, {"iso8859-4", &kIso4},
    {"iso88594", &kIso4}, {"iso_8859-4", &kIso4}, {"iso_8859-4:1988", &kIso4}, {"l4", &kIso4},
    {"latin4", &kIso4},
    {"csisolatincyrillic", &kIso5}, {"cyrillic", &kIso5}, {"iso-8859-5", &kIso5}, {"iso-ir-144", &kIso5},
    {"iso8859-5", &kIso5}, {"iso88595", &kIso5}, {"iso_8859-5", &kIso5}, {"iso_8859-5:1988", &kIso5},
    {"arabic", &kIso6}, {"asmo-708", &kIso6}, {"csiso88596e", &kIso6}, {"csiso88596i", &kIso6},
    {"csisolatinarabic", &kIso6}, {"ecma-114", &kIso6}, {"iso-8859-6", &kIso6}, {"iso-8859-6-e", &kIso6},
    {"iso-8859-6-i", &kIso6}, {"iso-ir-127", &kIso6}, {"iso8859-6", &kIso6}, {"iso88596", &kIso6},
    {"iso_8859-6", &kIso6}, {"iso_8859-6:1987", &kIso6},
    {"csisolatingreek", &kIso7}, {"ecma-118", &kIso7}, {"elot_928", &kIso7}, {"greek", &kIso7},
    {"greek8", &kIso7}, {"iso-8859-7", &kIso7}, {"iso-ir-126", &kIso7}, {"iso8859-7", &kIso7},
    {"iso88597", &kIso7}, {"iso_8859-7", &kIso7}, {"iso_8859-7:1987", &kIso7}, {"sun_eu_greek", &kIso7},
    {"csiso88598e", &kIso8}, {"csisolatinhebrew", &kIso8}, {"hebrew", &kIso8}, {"iso-8859-8", &kIso8},
    {"iso-8859-8-e", &kIso8}, {"iso-ir-138", &kIso8}, {"iso8859-8", &kIso8}, {"iso88598", &kIso8},
    {"iso_8859-8", &kIso8}, {"iso_8859-8:1988", &kIso8}, {"visual", &kIso8},
    // iso-8859-8-i (logical order) has the same bytes as iso-8859-8; order is a display matter.
    {"csiso88598i", &kIso8}, {"iso-8859-8-i", &kIso8}, {"logical", &kIso8},
    {"csisolatin6", &kIso10}, {"iso-8859-10", &kIso10}, {"iso-ir-157", &kIso10}, {"iso8859-10", &kIso10},
    {"iso885910", &kIso10}, {"l6", &kIso10}, {"latin6", &kIso10},
    {"iso-8859-13", &kIso13}, {"iso8859-13", &kIso13}, {"iso885913", &kIso13},
    {"iso-8859-14", &kIso14}, {"iso8859-14", &kIso14}, {"iso885914", &kIso14},
    {"csisolatin9", &kIso15}, {"iso-8859-15", &kIso15}, {"iso8859-15", &kIso15}, {"iso885915", &kIso15},
    {"iso_8859-15", &kIso15}, {"l9", &kIso15},
    {"cskoi8r", &kKoi8R}, {"koi", &kKoi8R}, {"koi8", &kKoi8R}, {"koi8-r", &kKoi8R}, {"koi8_r", &kKoi8R},
    {"koi8-ru", &kKoi8U}, {"koi8-u", &kKoi8U},
    {"csmacintosh", &kMacintosh}, {"mac", &kMacintosh}, {"macintosh", &kMacintosh},
    {"x-mac-roman", &kMacintosh},
    {"x-mac-cyrillic", &kMacCyrillic}, {"x-mac-ukrainian", &kMacCyrillic},
    {"dos-874", &kWin874}, {"iso-8859-11", &kWin874}, {"iso8859-11", &kWin874}, {"iso885911", &kWin874},
    {"tis-620", &kWin874}, {"windows-874", &kWin874},
    {"cp1250", &kWin1250}, {"windows-1250", &kWin1250}, {"x-cp1250", &kWin1250},
    {"cp1251", &kWin1251}, {"windows-1251", &kWin1251}, {"x-cp1251", &kWin1251},
    {"ansi_x3.4-1968", &kWin1252}, {"ascii", &kWin1252}, {"cp1252", &kWin1252}, {"cp819", &kWin1252},
    {"csisolatin1", &kWin1252}, {"ibm819", &kWin1252}, {"iso-8859-1", &kWin1252},
    {"iso-ir-100", &kWin1252}, {"iso8859-1", &kWin1252}, {"iso88591", &kWin1252},
    {"iso_8859-1", &kWin1252}, {"iso_8859-1:1987", &kWin1252}, {"l1", &kWin1252}, {"latin1", &kWin1252},
    {"us-ascii", &kWin1252}, {"windows-1252", &kWin1252}, {"x-cp1252", &kWin1252},
    {"cp1253", &kWin1253}, {"windows-1253", &kWin1253}, {"x-cp1253", &kWin1253},
    {"cp1254", &kWin1254}, {"csisolatin5", &kWin1254}, {"iso-8859-9", &kWin1254}, {"iso-ir-148", &kWin1254},
    {"iso8859-9", &kWin1254}, {"iso88599", &kWin1254}, {"iso_8859-9", &kWin1254},
    {"iso_8859-9:1989", &kWin1254}, {"l5", &kWin1254}, {"latin5", &kWin1254}, {"windows-1254", &kWin1254},
    {"x-cp1254", &kWin1254},
    {"cp1255", &kWin1255}, {"windows-1255", &kWin1255}, {"x-cp1255", &kWin1255},
    {"cp1256", &kWin1256}, {"windows-1256", &kWin1256}, {"x-cp1256", &kWin1256},
    {"cp1257", &kWin1257}, {"windows-1257", &kWin1257}, {"x-cp1257", &kWin1257},
    {"cp1258", &kWin1258}, {"windows-1258", &kWin1258}, {"x-cp1258", &kWin1258},
    // WHATWG "gbk" decodes with the gb18030 decoder; GB2312 and GBK are subsets of GB18030.
    {"chinese", &kGb18030}, {"csgb2312", &kGb18030}, {"csiso58gb231280", &kGb18030}, {"gb2312", &kGb18030},
    {"gb_2312", &kGb18030}, {"gb_2312-80", &kGb18030}, {"gbk", &kGb18030}, {"iso-ir-58", &kGb18030},
    {"x-gbk", &kGb18030}, {"gb18030", &kGb18030},
    // mail: Outlook and Foxmail labels for the same family.
    {"euc-cn", &kGb18030}, {"cp936", &kGb18030}, {"ms936", &kGb18030}, {"windows-936", &kGb18030},
    {"x-euc-cn", &kGb18030},
    // WHATWG "big5" is Big5 with the HKSCS and Microsoft (cp950) extensions: ICU's MS950_HKSCS.
    {"big5", &kBig5Hkscs}, {"big5-hkscs", &kBig5Hkscs}, {"cn-big5", &kBig5Hkscs}, {"csbig5", &kBig5Hkscs},
    {"x-x-big5", &kBig5Hkscs}, {"cp950", &kBig5Hkscs}, {"big-5", &kBig5Hkscs}, {"big5hk", &kBig5Hkscs},
    {"cseucpkdfmtjapanese", &kEucJp}, {"euc-jp", &kEucJp}, {"x-euc-jp", &kEucJp},
    // ICU's ISO-2022-JP decoder accepts every ISO-2022-JP designation, including ESC ( I half-width
    // katakana (CP50221) and NEC row 13 (CP50220), so those labels share it.
    {"csiso2022jp", &kIso2022Jp}, {"iso-2022-jp", &kIso2022Jp}, {"cp50220", &kIso2022Jp},
    {"cp50221", &kIso2022Jp}, {"cp50222", &kIso2022Jp}, {"x-windows-50220", &kIso2022Jp},
    {"x-windows-50221", &kIso2022Jp},
    {"csshiftjis", &kWin31j}, {"ms932", &kWin31j}, {"ms_kanji", &kWin31j}, {"shift-jis", &kWin31j},
    {"shift_jis", &kWin31j}, {"sjis", &kWin31j}, {"windows-31j", &kWin31j}, {"x-sjis", &kWin31j},
    {"cp932", &kWin31j}, {"x-ms-cp932", &kWin31j}, {"windows-932", &kWin31j},
    {"cseuckr", &kWin949}, {"csksc56011987", &kWin949}, {"euc-kr", &kWin949}, {"iso-ir-149", &kWin949},
    {"korean", &kWin949}, {"ks_c_5601-1987", &kWin949}, {"ks_c_5601-1989", &kWin949},
    {"ksc5601", &kWin949}, {"ksc_5601", &kWin949}, {"windows-949", &kWin949}, {"cp949", &kWin949},
    {"ms949", &kWin949}, {"uhc", &kWin949}, {"x-windows-949", &kWin949},
    {"unicodefffe", &kUtf16Be}, {"utf-16be", &kUtf16Be},
    {"csunicode", &kUtf16Le}, {"iso-10646-ucs-2", &kUtf16Le}, {"ucs-2", &kUtf16Le}, {"unicode", &kUtf16Le},
    {"unicodefeff", &kUtf16Le}, {"utf-16le", &kUtf16Le},
    // mail: RFC 2781 "utf-16" carries a BOM or is big-endian; sniffed in convert.cpp.
    {"utf-16", &kUtf16}, {"utf16", &kUtf16},
    {"utf-32", &kUtf32}, {"utf-32be", &kUtf32Be}, {"utf-32le", &kUtf32Le},
    // mail: RFC 2152 UTF-7 (old Outlook and some list servers), dropped by browsers.
    {"utf-7", &kUtf7}, {"utf7", &kUtf7}, {"unicode-1-1-utf-7", &kUtf7}, {"csunicode11utf7", &kUtf7},
    {"x-unicode-2-0-utf-7", &kUtf7},
    {"iso-2022-jp-1", &kIso2022Jp2}, {"iso-2022-jp-2", &kIso2022Jp2}, {"csiso2022jp2", &kIso2022Jp2},
    {"iso-2022-jp-3", &kIso2022Jp2}, {"jis", &kIso2022Jp2},
    {"iso-2022-kr", &kIso2022Kr}, {"csiso2022kr", &kIso2022Kr},
    {"ibm437", &kIbm437}, {"cp437", &kIbm437}, {"437", &kIbm437}, {"ibm850", &kIbm850}, {"cp850", &kIbm850},
    {"850", &kIbm850}, {"ibm852", &kIbm852}, {"cp852", &kIbm852}, {"852", &kIbm852},
};

// Encoding keeps to the repertoire the label promises: a reader with a strict GB2312 or Latin-1
// decoder must be able to read what we write (decoding supersets stay above).
constexpr Label kEncodeLabels[] = {
    {"us-ascii", &kAscii}, {"ascii", &kAscii}, {"ansi_x3.4-1968", &kAscii},
    {"iso-8859-1", &kLatin1}, {"iso8859-1", &kLatin1}, {"iso_8859-1", &kLatin1}, {"latin1", &kLatin1},
    {"l1", &kLatin1},
    {"gb2312", &kGb2312}, {"csgb2312", &kGb2312}, {"euc-cn", &kGb2312}, {"x-euc-cn", &kGb2312},
    {"gbk", &kGbk}, {"x-gbk", &kGbk}, {"cp936", &kGbk}, {"ms936", &kGbk}, {"windows-936", &kGbk},
    {"big5", &kBig5}, {"csbig5", &kBig5}, {"cn-big5", &kBig5}, {"x-x-big5", &kBig5}, {"cp950", &kBig5},
    {"euc-kr", &kEucKr}, {"cseuckr", &kEucKr},
};

using LabelMap = std::unordered_map<std::string_view, const CharsetInfo*>;

template <std::size_t N>
LabelMap make_map(const Label (&labels)[N]) {
  LabelMap m;
  m.reserve(N * 2);
  for (const auto& l : labels) m.emplace(l.label, l.info);
  return m;
}

const LabelMap& decode_map() {
  static const LabelMap m = make_map(kLabels);
  return m;
}

const LabelMap& encode_map() {
  static const LabelMap m = make_map(kEncodeLabels);
  return m;
}

// Labels only ICU knows (e.g. "ibm-1047", "x-mac-greek"). ucnv_getAlias() is a pure table lookup
// (ucnv_open() on an unknown name would try to load a .cnv file from disk), and only labels ICU knows
// are stored, so the cache is bounded by the size of ICU's alias table.
struct IcuEntry {
  std::string name;
  std::string icu_name;
  CharsetInfo info;
};

const CharsetInfo* lookup_icu(const std::string& label) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::unique_ptr<IcuEntry>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = cache.find(label); it != cache.end()) return &it->second->info;
  UErrorCode err = U_ZERO_ERROR;
  const char* converter = ucnv_getAlias(label.c_str(), 0, &err);
  if (U_FAILURE(err) || converter == nullptr || *converter == '\0') return nullptr;
  auto e = std::make_unique<IcuEntry>();
  e->icu_name = converter;
  err = U_ZERO_ERROR;
  const char* mime = ucnv_getStandardName(converter, "MIME", &err);
  if (U_FAILURE(err) || mime == nullptr) {
    err = U_ZERO_ERROR;
    mime = ucnv_getStandardName(converter, "IANA", &err);
  }
  e->name = (U_SUCCESS(err) && mime != nullptr) ? mime : converter;
  e->info = CharsetInfo{e->name, e->icu_name, false};
  auto* info = &e->info;
  cache.emplace(label, std::move(e));
  return info;
}

bool is_blank_or_quote(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '"' || c == '\'' || c == ';' || c == ',';
}

}  // namespace

std::string normalize_label(std::string_view label) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && is_blank_or_quote(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_blank_or_quote(s.back())) s.remove_suffix(1);
    return s;
  };
  label = trim(label);
  std::string out(label);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  // Seen in the wild: `charset="charset=us-ascii"` (a generator pasting the parameter twice).
  constexpr std::string_view kPrefix = "charset=";
  if (out.size() > kPrefix.size() && out.compare(0, kPrefix.size(), kPrefix) == 0)
    out = std::string(trim(std::string_view(out).substr(kPrefix.size())));
  return out;
}

const CharsetInfo* lookup_charset(std::string_view label) {
  const std::string key = normalize_label(label);
  if (key.empty() || key.size() > 64) return nullptr;
  const auto& m = decode_map();
  if (auto it = m.find(key); it != m.end()) return it->second;
  return lookup_icu(key);
}

const CharsetInfo* lookup_charset_for_encoding(std::string_view label) {
  const std::string key = normalize_label(label);
  const auto& m = encode_map();
  if (auto it = m.find(key); it != m.end()) return it->second;
  return lookup_charset(key);
}

bool is_ascii(std::string_view bytes) noexcept {
  for (char c : bytes)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

}  // namespace mimetool::detail

namespace mimetool {

std::string canonical_charset(std::string_view label) {
  const auto* info = detail::lookup_charset(label);
  return info ? std::string(info->name) : std::string();
}

bool is_known_charset(std::string_view label) { return detail::lookup_charset(label) != nullptr; }

}  // namespace mimetool
