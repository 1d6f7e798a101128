#include "storage/sql_filter.hpp"

#include <stdexcept>

namespace ngoaivu::storage {

std::string SqlFilter::Number(std::string_view fragment, std::size_t first) const {
    std::string out;
    std::size_t n = first;
    for (char c : fragment) {
        if (c == '?') {
            out += '$';
            out += std::to_string(n++);
        } else {
            out += c;
        }
    }
    return out;
}

SqlFilter& SqlFilter::AddValues(std::string_view condition, std::vector<Value> values) {
    std::size_t marks = 0;
    for (char c : condition)
        marks += c == '?' ? 1 : 0;
    if (marks != values.size())
        throw std::logic_error("SqlFilter: the condition's ? marks and arguments differ");
    // Built by appending: GCC 12 at -O3 warns falsely (-Wrestrict) on "(" + s + ")".
    std::string wrapped(1, '(');
    wrapped += Number(condition, first_ + params_.size());
    wrapped += ')';
    conditions_.push_back(std::move(wrapped));
    for (auto& v : values)
        params_.push_back(std::move(v));
    return *this;
}

SqlFilter& SqlFilter::AddInValues(std::string_view column, std::vector<Value> values) {
    if (values.empty()) {
        conditions_.emplace_back("1 = 0");
        return *this;
    }
    std::string condition(column);
    condition += " IN (";
    for (std::size_t i = 0; i < values.size(); ++i)
        condition += i == 0 ? "?" : ", ?";
    condition += ")";
    return AddValues(condition, std::move(values));
}

std::string SqlFilter::Conditions() const {
    if (conditions_.empty())
        return "1 = 1";
    std::string out;
    for (const auto& c : conditions_) {
        if (!out.empty())
            out += " AND ";
        out += c;
    }
    return out;
}

std::string SqlFilter::Where() const {
    return conditions_.empty() ? std::string() : " WHERE " + Conditions();
}

std::string SqlFilter::Next(std::string_view fragment, std::size_t skip) const {
    return Number(fragment, first_ + params_.size() + skip);
}

std::vector<Value> SqlFilter::ParamsWith(std::initializer_list<Value> extra) const {
    std::vector<Value> out = params_;
    out.insert(out.end(), extra.begin(), extra.end());
    return out;
}

std::string LikeContains(std::string_view text) {
    std::string p = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\')
            p.push_back('\\');
        p.push_back(c);
    }
    p.push_back('%');
    return p;
}

}  // namespace ngoaivu::storage
