#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/date.hpp"
#include "modules/agreements/agreement.hpp"

namespace ngoaivu::agreements {

// The filters of the agreement lists, the due page and the exports. Empty members filter nothing.
struct AgreementFilter {
    std::string q;                        // words of the titles, with or without diacritics
    std::optional<std::int64_t> unit_id;  // a province of either generation (geo::AdminUnitId)
    std::string country;                  // a partner's country, alpha-2
    std::string partner_kind;             // a partner's kind
    std::optional<std::int64_t> partner_id;
    std::string field;  // a field of cooperation
    std::string status;
    std::optional<int> year;      // year of signing
    bool overdue = false;         // with a deadline past its due date
    bool without_result = false;  // in force, with no result recorded
};

enum class AgreementSort { kSignedDesc, kSignedAsc, kTitle, kProvince, kDue, kUpdated };
// "signed_desc" (default), "signed", "title", "province", "due", "updated".
std::optional<AgreementSort> ParseSort(std::string_view s);
std::string_view SortName(AgreementSort s);

// Registers an agreement that was signed outside the system (the register of past agreements,
// imports, demo data): the descriptive fields and the signing facts.
struct RegisterRequest {
    AgreementFields fields;
    std::string status = "in_force";  // signed, in_force, suspended, terminated, expired
    std::optional<Date> signed_on;
    std::string signed_place;
    std::string signatory_vn;
    std::string signatory_foreign;
    std::optional<Date> effective_on;
    std::optional<Date> expires_on;
    std::optional<Date> reported_on;  // the report and signed copy to MOFA, when sent
};

struct CommitmentRequest {
    std::string description;
    std::string responsible_unit;
    std::optional<Date> due_on;
    std::string status = "open";
    std::optional<Date> done_on;
};

struct FigureRequest {
    std::string unit;
    double amount = 0;
};

struct ResultRequest {
    std::string description;
    std::optional<Date> achieved_on;
    std::vector<FigureRequest> figures;
};

// The province's yearly report to MOFA on the signing and implementation of agreements (Law
// 70/2020 Art. 46(3), due 15 November).
struct YearlyReport {
    std::int64_t unit_id = 0;  // a current province
    std::string unit_name_vi;
    std::string unit_name_en;
    int year = 0;
    Date due_on = Date::FromDays(0);        // 15 November of `year`
    std::vector<Agreement> signed_in_year;  // signed during the year, by the province's units
    std::vector<Agreement> in_force;        // in force today, signed in earlier years
    std::map<std::int64_t, Implementation> implementation;
};

}  // namespace ngoaivu::agreements
