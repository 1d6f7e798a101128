#include "modules/indicators/indicator_rollup.hpp"

#include <algorithm>
#include <tuple>

namespace ngoaivu::indicators {

namespace {

Aggregation AggregationOf(const std::map<std::string, Aggregation>& aggregation_of,
                          const std::string& code) {
    auto it = aggregation_of.find(code);
    return it == aggregation_of.end() ? Aggregation::kSum : it->second;
}

// A running combination of values: their sum and how many there are, or the latest one.
struct Acc {
    std::int64_t sum = 0;
    std::int64_t n = 0;
    bool split = false;
};

}  // namespace

std::int64_t MeanMilli(std::int64_t sum, std::int64_t n) {
    std::int64_t q = sum / n;
    std::int64_t r = sum % n;
    if (r < 0)
        r = -r;
    if (2 * r >= n)
        q += sum < 0 ? -1 : 1;
    return q;
}

std::vector<YearValue> RollUp(const std::vector<PeriodValue>& values,
                              const std::map<std::string, Aggregation>& aggregation_of,
                              int generation,
                              const std::map<std::int64_t, std::int64_t>& successor_of) {
    // Codes by number, in code order, so that the rows below sort as the output does.
    std::map<std::string, int> code_index;
    for (const auto& v : values)
        code_index.emplace(v.code, 0);
    std::vector<const std::string*> codes;
    std::vector<Aggregation> aggregations;
    for (auto& [code, index] : code_index) {
        index = static_cast<int>(codes.size());
        codes.push_back(&code);
        aggregations.push_back(AggregationOf(aggregation_of, code));
    }
    // Each value under its target unit, then sorted by code, unit, year and period: a linear
    // pass combines each period over the units, and each year over its periods.
    struct Row {
        int code;
        std::int64_t unit;
        int year;
        int month;
        std::int64_t value;
        bool split;
    };
    std::vector<Row> rows;
    rows.reserve(values.size());
    for (const auto& v : values) {
        auto s = successor_of.find(v.unit_id);
        bool old_unit = s != successor_of.end();
        std::int64_t target = generation == 2 && old_unit ? s->second : v.unit_id;
        rows.push_back({code_index[v.code], target, v.year, v.end_month, v.value_milli,
                        generation == 1 && !old_unit});
    }
    auto key = [](const Row& r) { return std::tie(r.code, r.unit, r.year, r.month); };
    std::sort(rows.begin(), rows.end(),
              [&](const Row& a, const Row& b) { return key(a) < key(b); });
    std::vector<YearValue> out;
    std::size_t i = 0;
    while (i < rows.size()) {
        const Row& first = rows[i];
        Aggregation agg = aggregations[static_cast<std::size_t>(first.code)];
        Acc year;
        std::int64_t last = 0;
        while (i < rows.size() && rows[i].code == first.code && rows[i].unit == first.unit &&
               rows[i].year == first.year) {
            // One period, over the units.
            Acc period;
            int month = rows[i].month;
            while (i < rows.size() && rows[i].code == first.code && rows[i].unit == first.unit &&
                   rows[i].year == first.year && rows[i].month == month) {
                period.sum += rows[i].value;
                period.n += 1;
                period.split = period.split || rows[i].split;
                ++i;
            }
            std::int64_t period_value =
                agg == Aggregation::kAverage ? MeanMilli(period.sum, period.n) : period.sum;
            year.sum += period_value;
            year.n += 1;
            year.split = year.split || period.split;
            last = period_value;
        }
        YearValue v;
        v.code = *codes[static_cast<std::size_t>(first.code)];
        v.unit_id = first.unit;
        v.year = first.year;
        v.split_impossible = year.split;
        switch (agg) {
            case Aggregation::kSum:
                v.value_milli = year.sum;
                break;
            case Aggregation::kAverage:
                v.value_milli = MeanMilli(year.sum, year.n);
                break;
            case Aggregation::kLast:
                v.value_milli = last;
                break;
        }
        out.push_back(std::move(v));
    }
    return out;
}

std::vector<YearValue> NationalTotals(const std::vector<YearValue>& values,
                                      const std::map<std::string, Aggregation>& aggregation_of) {
    std::map<std::pair<std::string, int>, Acc> totals;
    for (const auto& v : values) {
        Acc& a = totals[{v.code, v.year}];
        a.sum += v.value_milli;
        a.n += 1;
        a.split = a.split || v.split_impossible;
    }
    std::vector<YearValue> out;
    for (const auto& [key, a] : totals) {
        YearValue v;
        v.code = key.first;
        v.year = key.second;
        v.split_impossible = a.split;
        v.value_milli = AggregationOf(aggregation_of, key.first) == Aggregation::kAverage
                            ? MeanMilli(a.sum, a.n)
                            : a.sum;
        out.push_back(std::move(v));
    }
    return out;
}

}  // namespace ngoaivu::indicators
