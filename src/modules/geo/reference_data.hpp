#pragma once

#include <string>

#include "storage/database.hpp"

namespace ngoaivu::geo {

// What LoadReferenceData wrote.
struct ReferenceReport {
    int units = 0;
    int successions = 0;
    int countries = 0;
    int organisations = 0;
};

// Loads the provincial units of both generations and their succession (data/reference/
// provinces.csv, embedded), the countries (codes and English names from Debian's iso-codes JSON
// at `iso_codes_json`, Vietnamese names from data/reference/countries.csv), MOFA, each current
// unit's People's Committee and foreign-affairs department, and the missions abroad
// (data/reference/missions.csv). Idempotent: rows are upserted, in one write transaction.
// Throws std::runtime_error on unreadable or inconsistent data (nothing is written then).
ReferenceReport LoadReferenceData(storage::Database& db, const std::string& iso_codes_json);

// The English name of a unit from its Vietnamese name: "Tỉnh Bắc Ninh" → "Bac Ninh Province",
// "Thành phố Hà Nội" → "Hanoi", "Thành phố Hồ Chí Minh" → "Ho Chi Minh City".
std::string EnglishUnitName(const std::string& name_vi);
// "Tỉnh Bắc Ninh" → "Bắc Ninh".
std::string ShortUnitName(const std::string& name_vi);

}  // namespace ngoaivu::geo
