#include "base/text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace ngoaivu::text {
namespace {

// A string made of the given raw bytes.
std::string Bytes(std::initializer_list<unsigned char> bytes) {
    std::string s;
    for (unsigned char b : bytes) {
        s.push_back(static_cast<char>(b));
    }
    return s;
}

int Sign(int v) {
    return (v > 0) - (v < 0);
}

bool LessVi(const std::string& a, const std::string& b) {
    return CompareVi(a, b) < 0;
}

// Provinces in the order of a Vietnamese alphabetical list (ă, â, đ, ô, ơ, ư are letters of their
// own; tones only break ties).
const std::vector<std::string> kProvincesSorted = {
    "An Giang",       "Bà Rịa - Vũng Tàu",
    "Bạc Liêu",       "Bắc Giang",
    "Bắc Kạn",        "Bắc Ninh",
    "Bến Tre",        "Bình Dương",
    "Bình Định",      "Bình Phước",
    "Cà Mau",         "Cao Bằng",
    "Cần Thơ",        "Đà Nẵng",
    "Đắk Lắk",        "Đắk Nông",
    "Điện Biên",      "Đồng Nai",
    "Đồng Tháp",      "Gia Lai",
    "Hà Giang",       "Hà Nam",
    "Hà Nội",         "Hải Dương",
    "Hải Phòng",      "Hậu Giang",
    "Hòa Bình",       "Hưng Yên",
    "Lai Châu",       "Lạng Sơn",
    "Lào Cai",        "Lâm Đồng",
    "Long An",        "Quảng Nam",
    "Quảng Ngãi",     "Sóc Trăng",
    "Sơn La",         "Tây Ninh",
    "Thừa Thiên Huế", "TP. Hồ Chí Minh",
    "Trà Vinh",       "Tuyên Quang",
    "Vĩnh Long",      "Yên Bái",
};

std::vector<std::string> Shuffled(std::vector<std::string> v) {
    std::mt19937 rng(20250701);
    std::shuffle(v.begin(), v.end(), rng);
    return v;
}

// --- IsValidUtf8 -------------------------------------------------------------------------------

TEST(TextIsValidUtf8, AcceptsEmptyAndAsciiText) {
    EXPECT_TRUE(IsValidUtf8(""));
    EXPECT_TRUE(IsValidUtf8("Hello, world! 0123456789 ~"));
    EXPECT_TRUE(IsValidUtf8(std::string("a\0b", 3)));
}

TEST(TextIsValidUtf8, AcceptsVietnameseText) {
    EXPECT_TRUE(IsValidUtf8("Sở Ngoại vụ tỉnh Đắk Lắk"));
    EXPECT_TRUE(IsValidUtf8("Vie\u0323\u0302t Nam"));
}

TEST(TextIsValidUtf8, AcceptsTheFirstAndLastCodePointOfEveryLength) {
    EXPECT_TRUE(IsValidUtf8(Bytes({0x7F})));
    EXPECT_TRUE(IsValidUtf8(Bytes({0xC2, 0x80})));              // U+0080
    EXPECT_TRUE(IsValidUtf8(Bytes({0xDF, 0xBF})));              // U+07FF
    EXPECT_TRUE(IsValidUtf8(Bytes({0xE0, 0xA0, 0x80})));        // U+0800
    EXPECT_TRUE(IsValidUtf8(Bytes({0xED, 0x9F, 0xBF})));        // U+D7FF
    EXPECT_TRUE(IsValidUtf8(Bytes({0xEE, 0x80, 0x80})));        // U+E000
    EXPECT_TRUE(IsValidUtf8(Bytes({0xEF, 0xBF, 0xBF})));        // U+FFFF
    EXPECT_TRUE(IsValidUtf8(Bytes({0xF0, 0x90, 0x80, 0x80})));  // U+10000
    EXPECT_TRUE(IsValidUtf8(Bytes({0xF4, 0x8F, 0xBF, 0xBF})));  // U+10FFFF
}

TEST(TextIsValidUtf8, AcceptsFourByteSequences) {
    EXPECT_TRUE(IsValidUtf8("\U0001F600"));
    EXPECT_TRUE(IsValidUtf8(Bytes({'a', 0xF0, 0x9F, 0x98, 0x80, 'b'})));
}

TEST(TextIsValidUtf8, RejectsOverlongForms) {
    EXPECT_FALSE(IsValidUtf8(Bytes({0xC0, 0x80})));  // NUL
    EXPECT_FALSE(IsValidUtf8(Bytes({0xC1, 0xBF})));
    EXPECT_FALSE(IsValidUtf8(Bytes({0xE0, 0x80, 0x80})));
    EXPECT_FALSE(IsValidUtf8(Bytes({0xE0, 0x9F, 0xBF})));
    EXPECT_FALSE(IsValidUtf8(Bytes({0xF0, 0x80, 0x80, 0x80})));
    EXPECT_FALSE(IsValidUtf8(Bytes({0xF0, 0x8F, 0xBF, 0xBF})));
}

TEST(TextIsValidUtf8, RejectsSurrogates) {
    EXPECT_FALSE(IsValidUtf8(Bytes({0xED, 0xA0, 0x80})));  // U+D800
    EXPECT_FALSE(IsValidUtf8(Bytes({0xED, 0xBF, 0xBF})));  // U+DFFF
    // A CESU-8 surrogate pair for U+1F600.
    EXPECT_FALSE(IsValidUtf8(Bytes({0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80})));
}

TEST(TextIsValidUtf8, RejectsCodePointsAboveTheUnicodeRange) {
    EXPECT_FALSE(IsValidUtf8(Bytes({0xF4, 0x90, 0x80, 0x80})));  // U+110000
    EXPECT_FALSE(IsValidUtf8(Bytes({0xF5, 0x80, 0x80, 0x80})));
    EXPECT_FALSE(IsValidUtf8(Bytes({0xF8, 0x88, 0x80, 0x80, 0x80})));
    EXPECT_FALSE(IsValidUtf8(Bytes({0xFE})));
    EXPECT_FALSE(IsValidUtf8(Bytes({0xFF})));
}

TEST(TextIsValidUtf8, RejectsTruncatedSequences) {
    EXPECT_FALSE(IsValidUtf8(Bytes({0xC3})));
    EXPECT_FALSE(IsValidUtf8(Bytes({0xE1, 0xBA})));
    EXPECT_FALSE(IsValidUtf8(Bytes({0xF0, 0x9F, 0x98})));
    EXPECT_FALSE(IsValidUtf8(Bytes({'a', 'b', 0xC3})));
    EXPECT_FALSE(IsValidUtf8(Bytes({0xE1, 0xBA, 'a'})));
    EXPECT_FALSE(IsValidUtf8(Bytes({0xF0, 0x9F, 0x98, 'a'})));
}

TEST(TextIsValidUtf8, RejectsStrayAndBadContinuationBytes) {
    EXPECT_FALSE(IsValidUtf8(Bytes({0x80})));
    EXPECT_FALSE(IsValidUtf8(Bytes({0xBF})));
    EXPECT_FALSE(IsValidUtf8(Bytes({'a', 0x80, 'b'})));
    EXPECT_FALSE(IsValidUtf8(Bytes({0xC3, 0xA1, 0xA1})));  // "á" plus a stray continuation
    EXPECT_FALSE(IsValidUtf8(Bytes({0xC3, 'A'})));
    EXPECT_FALSE(IsValidUtf8(Bytes({0xE1, 0x80, 0xC0})));
}

TEST(TextIsValidUtf8, RejectsLatin1Text) {
    EXPECT_FALSE(IsValidUtf8(Bytes({'C', 'a', 'f', 0xE9})));  // "Café" in ISO 8859-1
}

// --- Nfc ---------------------------------------------------------------------------------------

TEST(TextNfc, ComposesABaseLetterAndToneMark) {
    EXPECT_EQ(Nfc("a\u0301"), "\u00E1");  // á
    EXPECT_EQ(Nfc("D\u0323"), "\u1E0C");  // Ḍ
}

TEST(TextNfc, ComposesAVowelWithTwoMarks) {
    EXPECT_EQ(Nfc("e\u0323\u0302"), "\u1EC7");  // ệ, canonical mark order
    EXPECT_EQ(Nfc("e\u0302\u0323"), "\u1EC7");  // ệ, marks typed the other way round
    EXPECT_EQ(Nfc("a\u0306\u0301"), "\u1EAF");  // ắ
    EXPECT_EQ(Nfc("o\u031B\u0300"), "\u1EDD");  // ờ
}

TEST(TextNfc, ComposesDecomposedVietnameseWords) {
    EXPECT_EQ(Nfc("Vie\u0323\u0302t Nam"), "Việt Nam");
    EXPECT_EQ(Nfc("Đa\u0306\u0301k La\u0306\u0301k"), "Đắk Lắk");
    EXPECT_EQ(Nfc("Ha\u0300 No\u0302\u0323i"), "Hà Nội");
}

TEST(TextNfc, ComposesPartlyComposedInput) {
    // "ấ" as "â" plus a combining acute.
    EXPECT_EQ(Nfc("\u00E2\u0301"), "\u1EA5");
}

TEST(TextNfc, LeavesComposedTextUnchanged) {
    EXPECT_EQ(Nfc("Sở Ngoại vụ tỉnh Đắk Lắk"), "Sở Ngoại vụ tỉnh Đắk Lắk");
    EXPECT_EQ(Nfc("Hàn Quốc"), "Hàn Quốc");
}

TEST(TextNfc, LeavesAsciiAndEmptyTextUnchanged) {
    EXPECT_EQ(Nfc(""), "");
    EXPECT_EQ(Nfc("Viet Nam 2025"), "Viet Nam 2025");
}

TEST(TextNfc, IsIdempotent) {
    const std::string once = Nfc("Thu\u031B\u0300a Thie\u0302n Hue\u0302\u0301");
    EXPECT_EQ(once, "Thừa Thiên Huế");
    EXPECT_EQ(Nfc(once), once);
}

TEST(TextNfc, ReturnsEmptyForInvalidUtf8) {
    EXPECT_EQ(Nfc(Bytes({'a', 0xC0, 0x80})), "");
    EXPECT_EQ(Nfc(Bytes({0xED, 0xA0, 0x80})), "");
    EXPECT_EQ(Nfc(Bytes({'H', 0xC3})), "");
}

// --- Fold --------------------------------------------------------------------------------------

TEST(TextFold, MapsDStrokeToD) {
    EXPECT_EQ(Fold("đ"), "d");
    EXPECT_EQ(Fold("Đ"), "d");
    EXPECT_EQ(Fold("Điện Biên"), "dien bien");
}

TEST(TextFold, MapsEthThatLooksLikeDStrokeToD) {
    EXPECT_EQ(Fold("\u00D0\u00E0 N\u1EB5ng"), "da nang");  // "Ðà Nẵng" with U+00D0
}

TEST(TextFold, FoldsTheHeaderExample) {
    EXPECT_EQ(Fold("Đại hội  ĐẮK LẮK"), "dai hoi dak lak");
    EXPECT_EQ(Fold("Đại hội Đắk Lắk"), "dai hoi dak lak");
}

TEST(TextFold, RemovesToneAndVowelMarks) {
    EXPECT_EQ(Fold("Hàn Quốc"), "han quoc");
    EXPECT_EQ(Fold("Thừa Thiên Huế"), "thua thien hue");
    EXPECT_EQ(Fold("Sở Ngoại vụ"), "so ngoai vu");
}

TEST(TextFold, RemovesEveryVietnameseDiacritic) {
    EXPECT_EQ(Fold("aàáảãạăằắẳẵặâầấẩẫậ"), std::string(18, 'a'));
    EXPECT_EQ(Fold("eèéẻẽẹêềếểễệ"), std::string(12, 'e'));
    EXPECT_EQ(Fold("iìíỉĩị"), std::string(6, 'i'));
    EXPECT_EQ(Fold("oòóỏõọôồốổỗộơờớởỡợ"), std::string(18, 'o'));
    EXPECT_EQ(Fold("uùúủũụưừứửữự"), std::string(12, 'u'));
    EXPECT_EQ(Fold("yỳýỷỹỵ"), std::string(6, 'y'));
    EXPECT_EQ(Fold("dđ"), "dd");
}

TEST(TextFold, LowersUpperCase) {
    EXPECT_EQ(Fold("HÀ NỘI"), "ha noi");
    EXPECT_EQ(Fold("ĂÂÊÔƠƯĐ"), "aaeooud");
    EXPECT_EQ(Fold("UBND TỈNH"), "ubnd tinh");
}

TEST(TextFold, FoldsDecomposedInputLikeComposedInput) {
    EXPECT_EQ(Fold("Ha\u0300 No\u0323\u0302i"), "ha noi");
    EXPECT_EQ(Fold("\u0110a\u0306\u0301k La\u0306\u0301k"), "dak lak");
    EXPECT_EQ(Fold("HA\u0300N QUO\u0302\u0301C"), "han quoc");
}

TEST(TextFold, CollapsesAndTrimsWhiteSpace) {
    EXPECT_EQ(Fold("  Đại hội \t\t Đắk\nLắk  \r\n"), "dai hoi dak lak");
    EXPECT_EQ(Fold("a  b"), "a b");
}

TEST(TextFold, TreatsUnicodeWhiteSpaceLikeSpace) {
    EXPECT_EQ(Fold("Hà\u00A0Nội"), "ha noi");                    // no-break space
    EXPECT_EQ(Fold("\u3000Hà\u2003\u2009Nội\u2028"), "ha noi");  // ideographic, em, thin, LS
}

TEST(TextFold, ReturnsEmptyForBlankInput) {
    EXPECT_EQ(Fold(""), "");
    EXPECT_EQ(Fold(" \t\n\u00A0 "), "");
}

TEST(TextFold, KeepsDigitsAndPunctuation) {
    EXPECT_EQ(Fold("TP. Hồ Chí Minh, 2025!"), "tp. ho chi minh, 2025!");
    EXPECT_EQ(Fold("Bà Rịa - Vũng Tàu"), "ba ria - vung tau");
}

TEST(TextFold, RemovesDiacriticsFromForeignNames) {
    EXPECT_EQ(Fold("São Paulo"), "sao paulo");
    EXPECT_EQ(Fold("Zürich"), "zurich");
    EXPECT_EQ(Fold("Ñuñoa"), "nunoa");
}

TEST(TextFold, KeepsOtherScriptsComposed) {
    EXPECT_EQ(Fold("대한민국"), "대한민국");
    EXPECT_EQ(Fold("日本 東京"), "日本 東京");
}

TEST(TextFold, IsIdempotent) {
    const std::string once = Fold("  Ủy ban  Nhân dân TỈNH Đồng Tháp ");
    EXPECT_EQ(once, "uy ban nhan dan tinh dong thap");
    EXPECT_EQ(Fold(once), once);
}

TEST(TextFold, ReturnsEmptyForInvalidUtf8) {
    EXPECT_EQ(Fold(Bytes({'H', 0xC0, 0x80})), "");
    EXPECT_EQ(Fold(Bytes({0xF4, 0x90, 0x80, 0x80})), "");
}

// --- CompareVi ---------------------------------------------------------------------------------

TEST(TextCompareVi, OrdersBreveAndCircumflexAAfterPlainA) {
    EXPECT_LT(CompareVi("a", "ă"), 0);
    EXPECT_LT(CompareVi("ă", "â"), 0);
    EXPECT_LT(CompareVi("â", "b"), 0);
    EXPECT_LT(CompareVi("az", "ă"), 0);
    EXPECT_LT(CompareVi("ăz", "â"), 0);
}

TEST(TextCompareVi, OrdersDStrokeAfterD) {
    EXPECT_LT(CompareVi("d", "đ"), 0);
    EXPECT_LT(CompareVi("đ", "e"), 0);
    EXPECT_LT(CompareVi("dz", "đa"), 0);
}

TEST(TextCompareVi, OrdersCircumflexEAfterE) {
    EXPECT_LT(CompareVi("e", "ê"), 0);
    EXPECT_LT(CompareVi("ez", "ê"), 0);
    EXPECT_LT(CompareVi("ê", "g"), 0);
}

TEST(TextCompareVi, OrdersCircumflexOAndHornOAfterO) {
    EXPECT_LT(CompareVi("o", "ô"), 0);
    EXPECT_LT(CompareVi("ô", "ơ"), 0);
    EXPECT_LT(CompareVi("oz", "ô"), 0);
    EXPECT_LT(CompareVi("ôz", "ơ"), 0);
    EXPECT_LT(CompareVi("ơ", "p"), 0);
}

TEST(TextCompareVi, OrdersHornUAfterU) {
    EXPECT_LT(CompareVi("u", "ư"), 0);
    EXPECT_LT(CompareVi("uz", "ư"), 0);
    EXPECT_LT(CompareVi("ư", "v"), 0);
}

TEST(TextCompareVi, PutsEveryDStrokeWordAfterEveryDWord) {
    EXPECT_LT(CompareVi("Dương", "Đà Nẵng"), 0);
    EXPECT_LT(CompareVi("Dak Lak", "Đắk Lắk"), 0);
    EXPECT_LT(CompareVi("Bình Dương", "Bình Định"), 0);
}

TEST(TextCompareVi, LetsLettersOutweighTones) {
    EXPECT_LT(CompareVi("bạ", "bac"), 0);
    EXPECT_LT(CompareVi("bá", "bă"), 0);
    EXPECT_LT(CompareVi("Hòa", "hoac"), 0);
}

TEST(TextCompareVi, OrdersTonesLikeAVietnameseDictionary) {
    // Level, grave (huyền), hook (hỏi), tilde (ngã), acute (sắc), dot below (nặng).
    const std::vector<std::string> sorted = {"ba", "bà", "bả", "bã", "bá", "bạ"};
    for (std::size_t i = 0; i + 1 < sorted.size(); ++i) {
        EXPECT_LT(CompareVi(sorted[i], sorted[i + 1]), 0) << sorted[i] << " vs " << sorted[i + 1];
    }
}

TEST(TextCompareVi, PutsLowerCaseBeforeUpperCaseWhenOtherwiseEqual) {
    EXPECT_LT(CompareVi("an", "An"), 0);
    EXPECT_LT(CompareVi("An", "AN"), 0);
    EXPECT_LT(CompareVi("đ", "Đ"), 0);
    EXPECT_LT(CompareVi("hòa", "Hòa"), 0);
}

TEST(TextCompareVi, LetsTonesOutweighCase) {
    EXPECT_LT(CompareVi("Hoa", "hòa"), 0);
    EXPECT_LT(CompareVi("Hòa", "hóa"), 0);
}

TEST(TextCompareVi, LetsLettersOutweighCase) {
    EXPECT_LT(CompareVi("AN", "ăn"), 0);
    EXPECT_LT(CompareVi("Dz", "đa"), 0);
    EXPECT_LT(CompareVi("B", "c"), 0);
}

TEST(TextCompareVi, TreatsCanonicallyEquivalentStringsAsEqual) {
    EXPECT_EQ(CompareVi("Hà Nội", "Ha\u0300 No\u0323\u0302i"), 0);
    EXPECT_EQ(CompareVi("ệ", "e\u0302\u0323"), 0);
    EXPECT_EQ(CompareVi("Đắk Lắk", "Đắk Lắk"), 0);
}

TEST(TextCompareVi, IsAntisymmetric) {
    const std::vector<std::string> words = {"a", "ă", "â", "đ", "D", "hòa", "Hòa", "hoa", ""};
    for (const std::string& a : words) {
        for (const std::string& b : words) {
            EXPECT_EQ(Sign(CompareVi(a, b)), -Sign(CompareVi(b, a))) << a << " vs " << b;
        }
    }
}

TEST(TextCompareVi, PutsEmptyStringFirst) {
    EXPECT_LT(CompareVi("", "a"), 0);
    EXPECT_LT(CompareVi("", " "), 0);
}

TEST(TextCompareVi, SortsProvinceNamesAsAVietnameseReaderExpects) {
    std::vector<std::string> names = Shuffled(kProvincesSorted);
    std::sort(names.begin(), names.end(), LessVi);
    EXPECT_EQ(names, kProvincesSorted);
}

TEST(TextCompareVi, SortsTheProvincesOfTheBriefAsExpected) {
    std::vector<std::string> names = {"Đắk Lắk",           "Điện Biên", "Đà Nẵng",
                                      "Bà Rịa - Vũng Tàu", "Bắc Giang", "An Giang"};
    std::sort(names.begin(), names.end(), LessVi);
    const std::vector<std::string> expected = {"An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang",
                                               "Đà Nẵng",  "Đắk Lắk",           "Điện Biên"};
    EXPECT_EQ(names, expected);
}

TEST(TextCompareVi, IsSafeToCallFromManyThreads) {
    constexpr int kThreads = 8;
    std::vector<int> failures(kThreads, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([t, &failures] {
            for (int round = 0; round < 50; ++round) {
                std::vector<std::string> names = Shuffled(kProvincesSorted);
                std::sort(names.begin(), names.end(), LessVi);
                if (names != kProvincesSorted || SortKeyVi("ă") <= SortKeyVi("a")) {
                    ++failures[static_cast<std::size_t>(t)];
                }
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(failures, std::vector<int>(kThreads, 0));
}

// --- SortKeyVi ---------------------------------------------------------------------------------

TEST(TextSortKeyVi, AgreesWithCompareViOnEveryPair) {
    std::vector<std::string> words = kProvincesSorted;
    for (const char* w : {"",       " ",    "a",     "A",   "ă",   "Ă",
                          "â",      "b",    "d",     "D",   "đ",   "Đ",
                          "e",      "ê",    "o",     "ô",   "ơ",   "u",
                          "ư",      "ba",   "bà",    "bả",  "bã",  "bá",
                          "bạ",     "hoa",  "Hòa",   "hòa", "hóa", "Ha\u0300 No\u0323\u0302i",
                          "Hà Nội", "2025", "Zürich"}) {
        words.emplace_back(w);
    }
    for (const std::string& a : words) {
        for (const std::string& b : words) {
            EXPECT_EQ(Sign(SortKeyVi(a).compare(SortKeyVi(b))), Sign(CompareVi(a, b)))
                << a << " vs " << b;
        }
    }
}

TEST(TextSortKeyVi, IsEqualForCanonicallyEquivalentStrings) {
    EXPECT_EQ(SortKeyVi("Hà Nội"), SortKeyVi("Ha\u0300 No\u0323\u0302i"));
    EXPECT_EQ(SortKeyVi("ệ"), SortKeyVi("e\u0302\u0323"));
}

TEST(TextSortKeyVi, SortsProvinceNamesLikeCompareVi) {
    std::vector<std::string> names = Shuffled(kProvincesSorted);
    std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
        return SortKeyVi(a) < SortKeyVi(b);
    });
    EXPECT_EQ(names, kProvincesSorted);
}

TEST(TextSortKeyVi, HandlesLongText) {
    const std::string long_a(5000, 'a');
    const std::string long_b = long_a + "ă";
    EXPECT_LT(SortKeyVi(long_a), SortKeyVi(long_b));
    EXPECT_LT(CompareVi(long_a, long_b), 0);
}

// --- LangCode ----------------------------------------------------------------------------------

TEST(TextLangCode, NamesVietnameseAndEnglish) {
    EXPECT_EQ(LangCode(Lang::kVi), "vi");
    EXPECT_EQ(LangCode(Lang::kEn), "en");
}

// --- FormatNumber ------------------------------------------------------------------------------

TEST(TextFormatNumber, UsesDotsForThousandsAndCommaForDecimalsInVietnamese) {
    EXPECT_EQ(FormatNumber(1234567.5, 1, Lang::kVi), "1.234.567,5");
    EXPECT_EQ(FormatNumber(1234.56, 2, Lang::kVi), "1.234,56");
}

TEST(TextFormatNumber, UsesCommasForThousandsAndDotForDecimalsInEnglish) {
    EXPECT_EQ(FormatNumber(1234567.5, 1, Lang::kEn), "1,234,567.5");
    EXPECT_EQ(FormatNumber(1234.56, 2, Lang::kEn), "1,234.56");
}

TEST(TextFormatNumber, GroupsOnlyFromAThousand) {
    EXPECT_EQ(FormatNumber(999, 0, Lang::kVi), "999");
    EXPECT_EQ(FormatNumber(1000, 0, Lang::kVi), "1.000");
    EXPECT_EQ(FormatNumber(100000, 0, Lang::kEn), "100,000");
}

TEST(TextFormatNumber, PadsWithZerosToTheRequestedDecimals) {
    EXPECT_EQ(FormatNumber(1.5, 3, Lang::kVi), "1,500");
    EXPECT_EQ(FormatNumber(42, 2, Lang::kEn), "42.00");
}

TEST(TextFormatNumber, OmitsTheDecimalMarkForZeroDecimals) {
    EXPECT_EQ(FormatNumber(1234.4, 0, Lang::kVi), "1.234");
    EXPECT_EQ(FormatNumber(1234.4, 0, Lang::kEn), "1,234");
}

TEST(TextFormatNumber, RoundsHalfAwayFromZero) {
    EXPECT_EQ(FormatNumber(0.5, 0, Lang::kEn), "1");
    EXPECT_EQ(FormatNumber(1.5, 0, Lang::kEn), "2");
    EXPECT_EQ(FormatNumber(2.5, 0, Lang::kEn), "3");
    EXPECT_EQ(FormatNumber(-2.5, 0, Lang::kEn), "-3");
    EXPECT_EQ(FormatNumber(0.125, 2, Lang::kEn), "0.13");
    EXPECT_EQ(FormatNumber(-0.125, 2, Lang::kEn), "-0.13");
}

TEST(TextFormatNumber, RoundsTheDecimalValueAReaderSees) {
    // 1.005 and 2.675 are stored a hair below the half; the written value is what counts.
    EXPECT_EQ(FormatNumber(1.005, 2, Lang::kEn), "1.01");
    EXPECT_EQ(FormatNumber(2.675, 2, Lang::kVi), "2,68");
}

TEST(TextFormatNumber, RoundsDownBelowTheHalf) {
    EXPECT_EQ(FormatNumber(1.24, 1, Lang::kEn), "1.2");
    EXPECT_EQ(FormatNumber(1.2499999, 1, Lang::kEn), "1.2");
    EXPECT_EQ(FormatNumber(-1.24, 1, Lang::kEn), "-1.2");
}

TEST(TextFormatNumber, CarriesRoundingIntoTheIntegerPart) {
    EXPECT_EQ(FormatNumber(9.99, 0, Lang::kEn), "10");
    EXPECT_EQ(FormatNumber(999.995, 2, Lang::kEn), "1,000.00");
    EXPECT_EQ(FormatNumber(999999.5, 0, Lang::kVi), "1.000.000");
    EXPECT_EQ(FormatNumber(-999.96, 1, Lang::kVi), "-1.000,0");
}

TEST(TextFormatNumber, FormatsNegativeNumbersWithALeadingMinus) {
    EXPECT_EQ(FormatNumber(-1234.5, 2, Lang::kVi), "-1.234,50");
    EXPECT_EQ(FormatNumber(-1234.5, 2, Lang::kEn), "-1,234.50");
    EXPECT_EQ(FormatNumber(-999, 0, Lang::kEn), "-999");
}

TEST(TextFormatNumber, FormatsZeroWithoutASign) {
    EXPECT_EQ(FormatNumber(0, 0, Lang::kVi), "0");
    EXPECT_EQ(FormatNumber(0, 2, Lang::kVi), "0,00");
    EXPECT_EQ(FormatNumber(-0.0, 1, Lang::kEn), "0.0");
    EXPECT_EQ(FormatNumber(-0.001, 2, Lang::kEn), "0.00");
    EXPECT_EQ(FormatNumber(-0.4, 0, Lang::kEn), "0");
}

TEST(TextFormatNumber, FormatsSmallFractions) {
    EXPECT_EQ(FormatNumber(0.05, 1, Lang::kEn), "0.1");
    EXPECT_EQ(FormatNumber(0.04, 1, Lang::kEn), "0.0");
    EXPECT_EQ(FormatNumber(1e-10, 3, Lang::kVi), "0,000");
    EXPECT_EQ(FormatNumber(std::numeric_limits<double>::denorm_min(), 2, Lang::kEn), "0.00");
}

TEST(TextFormatNumber, FormatsLargeValues) {
    EXPECT_EQ(FormatNumber(123456789012.34, 2, Lang::kVi), "123.456.789.012,34");
    EXPECT_EQ(FormatNumber(1e15, 0, Lang::kEn), "1,000,000,000,000,000");
    EXPECT_EQ(FormatNumber(9007199254740993.0, 0, Lang::kEn), "9,007,199,254,740,992");
    const std::string max = FormatNumber(std::numeric_limits<double>::max(), 0, Lang::kEn);
    EXPECT_EQ(max.substr(0, 8), "179,769,");
    EXPECT_EQ(max.size(), 309u + 102u);  // 309 digits and 102 separators
}

TEST(TextFormatNumber, TreatsNegativeDecimalsAsZero) {
    EXPECT_EQ(FormatNumber(1.6, -1, Lang::kEn), "2");
}

TEST(TextFormatNumber, FormatsNonFiniteValuesReadably) {
    EXPECT_EQ(FormatNumber(std::nan(""), 2, Lang::kVi), "NaN");
    EXPECT_EQ(FormatNumber(std::numeric_limits<double>::infinity(), 2, Lang::kVi), "\u221E");
    EXPECT_EQ(FormatNumber(-std::numeric_limits<double>::infinity(), 2, Lang::kEn), "-\u221E");
}

// --- FormatInteger -----------------------------------------------------------------------------

TEST(TextFormatInteger, GroupsThousandsInBothLanguages) {
    EXPECT_EQ(FormatInteger(0, Lang::kVi), "0");
    EXPECT_EQ(FormatInteger(7, Lang::kVi), "7");
    EXPECT_EQ(FormatInteger(999, Lang::kVi), "999");
    EXPECT_EQ(FormatInteger(1000, Lang::kVi), "1.000");
    EXPECT_EQ(FormatInteger(1000, Lang::kEn), "1,000");
    EXPECT_EQ(FormatInteger(1234567, Lang::kVi), "1.234.567");
    EXPECT_EQ(FormatInteger(1234567, Lang::kEn), "1,234,567");
    EXPECT_EQ(FormatInteger(100000, Lang::kVi), "100.000");
}

TEST(TextFormatInteger, FormatsNegativeNumbersWithALeadingMinus) {
    EXPECT_EQ(FormatInteger(-1, Lang::kVi), "-1");
    EXPECT_EQ(FormatInteger(-999, Lang::kVi), "-999");
    EXPECT_EQ(FormatInteger(-1234, Lang::kVi), "-1.234");
    EXPECT_EQ(FormatInteger(-123456, Lang::kEn), "-123,456");
}

TEST(TextFormatInteger, FormatsTheExtremes) {
    const std::int64_t max = std::numeric_limits<std::int64_t>::max();
    const std::int64_t min = std::numeric_limits<std::int64_t>::min();
    EXPECT_EQ(FormatInteger(max, Lang::kVi), "9.223.372.036.854.775.807");
    EXPECT_EQ(FormatInteger(max, Lang::kEn), "9,223,372,036,854,775,807");
    EXPECT_EQ(FormatInteger(min, Lang::kVi), "-9.223.372.036.854.775.808");
    EXPECT_EQ(FormatInteger(min, Lang::kEn), "-9,223,372,036,854,775,808");
}

}  // namespace
}  // namespace ngoaivu::text
