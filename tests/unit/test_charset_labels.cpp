#include <gtest/gtest.h>

#include <unicode/ucnv.h>

#include <string>

#include "charset/charset_internal.hpp"
#include "mimetool/charset.hpp"

using mimetool::canonical_charset;
using mimetool::is_known_charset;

// Labels as mail clients decode them (WHATWG Encoding Standard, plus mail-only labels).
TEST(CharsetLabels, resolve_like_mail_clients) {
  const std::pair<const char*, const char*> cases[] = {
      {"utf-8", "UTF-8"},
      {"UTF8", "UTF-8"},
      {"iso-8859-1", "windows-1252"},
      {"us-ascii", "windows-1252"},
      {"ascii", "windows-1252"},
      {"latin1", "windows-1252"},
      {"gb2312", "GB18030"},
      {"GBK", "GB18030"},
      {"x-gbk", "GB18030"},
      {"euc-cn", "GB18030"},
      {"cp936", "GB18030"},
      {"gb18030", "GB18030"},
      {"big5", "Big5-HKSCS"},
      {"ks_c_5601-1987", "windows-949"},
      {"euc-kr", "windows-949"},
      {"shift_jis", "windows-31j"},
      {"sjis", "windows-31j"},
      {"x-sjis", "windows-31j"},
      {"iso-2022-jp", "ISO-2022-JP"},
      {"cp50221", "ISO-2022-JP"},
      {"utf-7", "UTF-7"},
      {"utf-16", "UTF-16"},
      {"utf-16le", "UTF-16LE"},
      {"koi8-r", "KOI8-R"},
      {"koi8-u", "KOI8-U"},
      {"windows-1251", "windows-1251"},
      {"iso-8859-15", "ISO-8859-15"},
      {"iso-8859-9", "windows-1254"},
      {"iso-8859-8-i", "ISO-8859-8"},
      {"euc-jp", "EUC-JP"},
      {"tis-620", "windows-874"},
      {"x-mac-cyrillic", "x-mac-cyrillic"},
  };
  for (auto [label, expected] : cases) EXPECT_EQ(canonical_charset(label), expected) << label;
}

TEST(CharsetLabels, stray_quotes_spaces_and_case_are_ignored) {
  EXPECT_EQ(canonical_charset(" \"ISO-8859-1\" "), "windows-1252");
  EXPECT_EQ(canonical_charset("'Utf-8'"), "UTF-8");
  EXPECT_EQ(canonical_charset("\tKOI8-R;"), "KOI8-R");
}

// Seen in the corpus: Content-Type: text/plain; charset="charset=us-ascii".
TEST(CharsetLabels, pasted_charset_prefix_is_ignored) { EXPECT_EQ(canonical_charset("charset=us-ascii"), "windows-1252"); }

TEST(CharsetLabels, unknown_labels_resolve_to_empty) {
  for (const char* label : {"", "fakescii", "x-unknown", "invalid-charset", "none", "us-askey", "unknown-8bit"}) {
    EXPECT_EQ(canonical_charset(label), "") << label;
    EXPECT_FALSE(is_known_charset(label)) << label;
  }
}

TEST(CharsetLabels, labels_only_icu_knows_resolve_through_icu) {
  EXPECT_TRUE(is_known_charset("x-mac-greek"));
  EXPECT_TRUE(is_known_charset("ibm-1047"));
}

// Every canonical name must open in this ICU, or a declared charset would silently fail.
TEST(CharsetLabels, every_table_converter_opens_in_icu) {
  for (const char* label : {"ibm866",       "iso-8859-2",  "iso-8859-3",  "iso-8859-4",  "iso-8859-5",  "iso-8859-6",
                            "iso-8859-7",   "iso-8859-8",  "iso-8859-10", "iso-8859-13", "iso-8859-14", "iso-8859-15",
                            "koi8-r",       "koi8-u",      "macintosh",   "x-mac-cyrillic", "windows-874", "windows-1250",
                            "windows-1251", "windows-1252", "windows-1253", "windows-1254", "windows-1255",
                            "windows-1256", "windows-1257", "windows-1258", "gb18030",     "big5",        "euc-jp",
                            "iso-2022-jp",  "iso-2022-jp-2", "iso-2022-kr", "shift_jis",   "euc-kr",      "utf-16be",
                            "utf-16le",     "utf-16",      "utf-32",      "utf-7",       "cp437",       "cp850",
                            "cp852"}) {
    const auto* info = mimetool::detail::lookup_charset(label);
    ASSERT_NE(info, nullptr) << label;
    UErrorCode err = U_ZERO_ERROR;
    UConverter* c = ucnv_open(std::string(info->icu_name).c_str(), &err);
    EXPECT_TRUE(U_SUCCESS(err)) << label << ": " << u_errorName(err);
    ucnv_close(c);
  }
  for (const char* label : {"us-ascii", "iso-8859-1", "gb2312", "gbk", "big5", "euc-kr"}) {
    const auto* info = mimetool::detail::lookup_charset_for_encoding(label);
    ASSERT_NE(info, nullptr) << label;
    UErrorCode err = U_ZERO_ERROR;
    UConverter* c = ucnv_open(std::string(info->icu_name).c_str(), &err);
    EXPECT_TRUE(U_SUCCESS(err)) << label << ": " << u_errorName(err);
    ucnv_close(c);
  }
}
