// The roll-up arithmetic against the hand-computed files of tests/data/indicators/.
#include "modules/indicators/indicator_rollup.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

namespace ngoaivu::indicators {
namespace {

// The rows of a CSV file without its header (no quoting: the files have none).
std::vector<std::vector<std::string>> ReadCsv(const std::string& name) {
    std::ifstream in(std::string(NGOAIVU_INDICATORS_TEST_DATA) + "/" + name);
    EXPECT_TRUE(in) << name;
    std::vector<std::vector<std::string>> rows;
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        if (line.empty())
            continue;
        std::vector<std::string> cells;
        std::stringstream ss(line);
        std::string cell;
        while (std::getline(ss, cell, ','))
            cells.push_back(cell);
        rows.push_back(cells);
    }
    return rows;
}

struct Case {
    std::vector<PeriodValue> values;
    std::map<std::string, Aggregation> aggregation;
};

std::map<std::string, Case> Cases() {
    std::map<std::string, Case> cases;
    for (const auto& r : ReadCsv("rollup_inputs.csv")) {
        Case& c = cases[r.at(0)];
        c.values.push_back({r.at(1), std::stoll(r.at(3)), std::stoi(r.at(4)), std::stoi(r.at(5)),
                            std::stoll(r.at(6))});
        c.aggregation[r.at(1)] = *EnumOf(Aggregations(), r.at(2), Aggregation::kLast);
    }
    return cases;
}

std::map<std::int64_t, std::int64_t> Successions() {
    std::map<std::int64_t, std::int64_t> out;
    for (const auto& r : ReadCsv("successions.csv"))
        out[std::stoll(r.at(0))] = std::stoll(r.at(1));
    return out;
}

std::string Show(const YearValue& v) {
    return v.code + " unit " + std::to_string(v.unit_id) + " " + std::to_string(v.year) + " = " +
           std::to_string(v.value_milli) + (v.split_impossible ? " (split impossible)" : "");
}

TEST(IndicatorRollUp, MatchesTheHandComputedFileForEveryCaseAndGeneration) {
    auto cases = Cases();
    auto successions = Successions();
    ASSERT_FALSE(cases.empty());
    std::map<std::pair<std::string, int>, std::vector<std::string>> expected;
    for (const auto& r : ReadCsv("rollup_expected.csv")) {
        YearValue v{r.at(2), std::stoll(r.at(3)), std::stoi(r.at(4)), std::stoll(r.at(5)),
                    r.at(6) == "1"};
        expected[{r.at(0), std::stoi(r.at(1))}].push_back(Show(v));
    }
    int checked = 0;
    for (const auto& [name, c] : cases) {
        for (int generation : {1, 2}) {
            auto got = RollUp(c.values, c.aggregation, generation, successions);
            std::vector<std::string> shown;
            for (const auto& v : got)
                shown.push_back(Show(v));
            auto want = expected.find({name, generation});
            ASSERT_NE(want, expected.end()) << name << " generation " << generation;
            EXPECT_EQ(shown, want->second) << name << " generation " << generation;
            ++checked;
        }
    }
    EXPECT_EQ(checked, static_cast<int>(expected.size()));
}

TEST(IndicatorNationalTotals, MatchesTheHandComputedFile) {
    auto cases = Cases();
    auto successions = Successions();
    auto rows = ReadCsv("national_expected.csv");
    ASSERT_FALSE(rows.empty());
    std::set<std::string> names;
    for (const auto& r : rows)
        names.insert(r.at(0));
    for (const auto& name : names) {
        const Case& c = cases.at(name);
        auto totals =
            NationalTotals(RollUp(c.values, c.aggregation, 2, successions), c.aggregation);
        std::vector<std::string> shown;
        for (const auto& v : totals)
            shown.push_back(Show(v));
        std::vector<std::string> want;
        for (const auto& r : rows) {
            if (r.at(0) == name) {
                want.push_back(
                    Show({r.at(1), 0, std::stoi(r.at(2)), std::stoll(r.at(3)), r.at(4) == "1"}));
            }
        }
        EXPECT_EQ(shown, want) << name;
    }
}

TEST(IndicatorMeanMilli, RoundsHalfAwayFromZero) {
    EXPECT_EQ(MeanMilli(3, 2), 2);
    EXPECT_EQ(MeanMilli(-3, 2), -2);
    EXPECT_EQ(MeanMilli(5, 3), 2);
    EXPECT_EQ(MeanMilli(4, 3), 1);
    EXPECT_EQ(MeanMilli(-4, 3), -1);
    EXPECT_EQ(MeanMilli(0, 7), 0);
}

}  // namespace
}  // namespace ngoaivu::indicators
