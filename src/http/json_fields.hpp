#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/date.hpp"
#include "base/error.hpp"

namespace ngoaivu::http {

// Reads the members of a JSON request body, collecting every problem (a missing required member,
// a wrong type, a malformed date) as a bilingual FieldError naming the member, so that the caller
// answers once with all of them:
//
//   JsonFields in(body);
//   req.title = in.String("title_vi", /*required=*/true);
//   req.signed_on = in.Date("signed_on");
//   if (auto e = in.Problem()) return *e;
//
// A member that is absent or null gives the default (empty, nullopt) unless it is required.
class JsonFields {
 public:
    explicit JsonFields(const nlohmann::json& body);

    std::string String(const std::string& name, bool required = false);
    std::optional<std::int64_t> Int(const std::string& name, bool required = false);
    std::optional<double> Number(const std::string& name, bool required = false);
    bool Bool(const std::string& name, bool fallback = false);
    // An ISO 8601 date "2025-07-01".
    std::optional<ngoaivu::Date> Date(const std::string& name, bool required = false);
    std::vector<std::string> Strings(const std::string& name, bool required = false);
    std::vector<std::int64_t> Ints(const std::string& name, bool required = false);
    // The member itself (an object or array the caller reads further), or null.
    const nlohmann::json& Raw(const std::string& name) const;

    // Adds a problem found by the caller.
    void Add(std::string field, std::string vi, std::string en);
    // kInvalidArgument with every problem, or nullopt when there is none.
    std::optional<Error> Problem() const;

 private:
    const nlohmann::json* Find(const std::string& name, bool required);
    void WrongType(const std::string& name, std::string_view vi_type, std::string_view en_type);
    const nlohmann::json& body_;
    std::vector<FieldError> problems_;
};

}  // namespace ngoaivu::http
