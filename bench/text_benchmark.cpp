// Vietnamese text helpers (src/base/text.hpp) on typical input: province and organisation names,
// search text typed with and without diacritics, and decomposed (NFD) input from some keyboards.
// Run: build/release/bench/text_benchmark [--benchmark_min_time=0.2]

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <benchmark/benchmark.h>

#include "base/text.hpp"

namespace {

using ngoaivu::text::CompareVi;
using ngoaivu::text::Fold;
using ngoaivu::text::SortKeyVi;

struct Sample {
    const char* label;
    std::string_view text;
};

// Index i of this table is benchmark argument i.
constexpr std::array<Sample, 6> kSamples = {{
    {"ascii_query", "han quoc"},
    {"short_name", "Đắk Lắk"},
    {"unit_name", "Thành phố Hồ Chí Minh"},
    {"upper_spaced", "  ĐẠI SỨ QUÁN   Việt Nam tại   HÀN QUỐC "},
    {"nfd_input", "Ti\u1EBFng Vie\u0323\u0302t"},  // ế precomposed, ệ as e + ◌̣ + ◌̂
    {"sentence",
     "Đoàn đại biểu Ủy ban nhân dân tỉnh Đắk Lắk thăm và làm việc tại Đại sứ quán Việt Nam "
     "tại Hàn Quốc, trao đổi về hợp tác lao động, giáo dục và xúc tiến đầu tư"},
}};

// The 63 provincial units before the 2025 merger, in no particular order.
constexpr std::array<std::string_view, 63> kProvinces = {
    "Yên Bái",    "An Giang",   "Vĩnh Phúc",      "Bà Rịa - Vũng Tàu",
    "Vĩnh Long",  "Bắc Giang",  "Tuyên Quang",    "Bắc Kạn",
    "Trà Vinh",   "Bạc Liêu",   "Hồ Chí Minh",    "Bắc Ninh",
    "Tiền Giang", "Bến Tre",    "Thừa Thiên Huế", "Bình Định",
    "Thanh Hóa",  "Bình Dương", "Thái Nguyên",    "Bình Phước",
    "Thái Bình",  "Bình Thuận", "Tây Ninh",       "Cà Mau",
    "Sơn La",     "Cần Thơ",    "Sóc Trăng",      "Cao Bằng",
    "Quảng Trị",  "Đà Nẵng",    "Quảng Ninh",     "Đắk Lắk",
    "Quảng Ngãi", "Đắk Nông",   "Quảng Nam",      "Điện Biên",
    "Quảng Bình", "Đồng Nai",   "Phú Yên",        "Đồng Tháp",
    "Phú Thọ",    "Gia Lai",    "Ninh Thuận",     "Hà Giang",
    "Ninh Bình",  "Hà Nam",     "Nghệ An",        "Hà Nội",
    "Nam Định",   "Hà Tĩnh",    "Long An",        "Hải Dương",
    "Lào Cai",    "Hải Phòng",  "Lạng Sơn",       "Hậu Giang",
    "Lâm Đồng",   "Hòa Bình",   "Lai Châu",       "Hưng Yên",
    "Kon Tum",    "Khánh Hòa",  "Kiên Giang",
};

void SampleArgs(benchmark::internal::Benchmark* b) {
    for (std::size_t i = 0; i < kSamples.size(); ++i)
        b->Arg(static_cast<std::int64_t>(i));
}

void BM_Fold(benchmark::State& state) {
    const Sample& s = kSamples[static_cast<std::size_t>(state.range(0))];
    for (auto _ : state)
        benchmark::DoNotOptimize(Fold(s.text));
    state.SetLabel(s.label);
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(s.text.size()));
}
BENCHMARK(BM_Fold)->Apply(SampleArgs);

void BM_SortKeyVi(benchmark::State& state) {
    const Sample& s = kSamples[static_cast<std::size_t>(state.range(0))];
    for (auto _ : state)
        benchmark::DoNotOptimize(SortKeyVi(s.text));
    state.SetLabel(s.label);
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(s.text.size()));
}
BENCHMARK(BM_SortKeyVi)->Apply(SampleArgs);

struct Pair {
    const char* label;
    std::string_view a;
    std::string_view b;
};

constexpr std::array<Pair, 5> kPairs = {{
    {"ascii", "han quoc", "hoa ky"},
    {"first_letter", "Hà Nội", "Đà Nẵng"},
    {"common_prefix", "Đắk Lắk", "Đắk Nông"},
    {"tone_only", "Hòa Bình", "Hóa Bình"},
    {"equal_long", "Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh"},
}};

void BM_CompareVi(benchmark::State& state) {
    const Pair& p = kPairs[static_cast<std::size_t>(state.range(0))];
    for (auto _ : state)
        benchmark::DoNotOptimize(CompareVi(p.a, p.b));
    state.SetLabel(p.label);
}
BENCHMARK(BM_CompareVi)->DenseRange(0, static_cast<int>(kPairs.size()) - 1);

// Sorting the 63 province names: comparator calls (what SQLite's COLLATE vi does) ...
void BM_Sort63_CompareVi(benchmark::State& state) {
    for (auto _ : state) {
        std::vector<std::string_view> v(kProvinces.begin(), kProvinces.end());
        std::sort(v.begin(), v.end(),
                  [](std::string_view a, std::string_view b) { return CompareVi(a, b) < 0; });
        benchmark::DoNotOptimize(v.data());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kProvinces.size()));
}
BENCHMARK(BM_Sort63_CompareVi);

// ... against one sort key per name, then byte comparison.
void BM_Sort63_SortKeyVi(benchmark::State& state) {
    for (auto _ : state) {
        std::vector<std::pair<std::string, std::string_view>> v;
        v.reserve(kProvinces.size());
        for (std::string_view name : kProvinces)
            v.emplace_back(SortKeyVi(name), name);
        std::sort(v.begin(), v.end());
        benchmark::DoNotOptimize(v.data());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kProvinces.size()));
}
BENCHMARK(BM_Sort63_SortKeyVi);

}  // namespace

BENCHMARK_MAIN();
