#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/value.hpp"

namespace ngoaivu::storage {

// The WHERE clause of a list query built at run time from the filters a user chose, with its
// parameters numbered in order ($1, $2 ...), so that the statement stays prepared and nothing the
// user typed reaches the SQL text. Conditions are written with `?` where each argument goes:
//
//   SqlFilter f;
//   f.Add("a.status = ?", status);
//   f.AddIn("a.admin_unit_id", unit_ids);
//   auto rows = tx.Query("SELECT ... FROM agreement a" + f.Where() + " ORDER BY ..." +
//                        f.Next(2, " LIMIT ? OFFSET ?"), f.ParamsWith({limit, offset}));
//
// Every `?` of a condition takes the next parameter number; a condition's arguments are given in
// the order of its `?`s. The SQL fragments themselves must be constants of the repository.
class SqlFilter {
 public:
    // A filter whose parameters are numbered after `preceding` parameters of the statement.
    explicit SqlFilter(std::size_t preceding = 0) : first_(preceding + 1) {}

    // Adds `condition` (with one `?` per argument), joined to the others with AND.
    template <typename... Args>
    SqlFilter& Add(std::string_view condition, Args&&... args) {
        std::vector<Value> values{Value(std::forward<Args>(args))...};
        AddValues(condition, std::move(values));
        return *this;
    }
    // Adds `column IN (?, ?, ...)`; an empty list matches nothing ("1 = 0").
    template <typename T>
    SqlFilter& AddIn(std::string_view column, const T& values) {
        std::vector<Value> vs;
        for (const auto& v : values)
            vs.emplace_back(v);
        return AddInValues(column, std::move(vs));
    }
    // Adds a condition with arguments built at run time (one per `?`).
    SqlFilter& AddValues(std::string_view condition, std::vector<Value> values);
    SqlFilter& AddInValues(std::string_view column, std::vector<Value> values);

    // " WHERE c1 AND c2 ..." or "" when there is no condition.
    std::string Where() const;
    // The conditions joined with AND, or "1 = 1" when there is none.
    std::string Conditions() const;
    // `fragment` with its `?`s numbered after the filter's own parameters (and after `skip`
    // parameters that the caller adds in between), for LIMIT/OFFSET and the like.
    std::string Next(std::string_view fragment, std::size_t skip = 0) const;
    // The parameters, and the parameters followed by `extra`.
    const std::vector<Value>& params() const { return params_; }
    std::vector<Value> ParamsWith(std::initializer_list<Value> extra) const;
    std::size_t size() const { return params_.size(); }

 private:
    std::string Number(std::string_view fragment, std::size_t first) const;
    std::size_t first_ = 1;
    std::vector<std::string> conditions_;
    std::vector<Value> params_;
};

// A LIKE pattern matching `text` anywhere, with %, _ and \ taken literally; use with
// `LIKE ? ESCAPE '\'`.
std::string LikeContains(std::string_view text);

}  // namespace ngoaivu::storage
