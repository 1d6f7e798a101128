#include "storage/value.hpp"

#include <cstdlib>

namespace ngoaivu::storage {

std::int64_t Row::Int(std::size_t i) const {
    const auto& v = values_.at(i).get();
    if (const auto* n = std::get_if<std::int64_t>(&v))
        return *n;
    if (const auto* d = std::get_if<double>(&v))
        return static_cast<std::int64_t>(*d);
    if (const auto* s = std::get_if<std::string>(&v))
        return std::strtoll(s->c_str(), nullptr, 10);
    return 0;
}

double Row::Real(std::size_t i) const {
    const auto& v = values_.at(i).get();
    if (const auto* d = std::get_if<double>(&v))
        return *d;
    if (const auto* n = std::get_if<std::int64_t>(&v))
        return static_cast<double>(*n);
    if (const auto* s = std::get_if<std::string>(&v))
        return std::strtod(s->c_str(), nullptr);
    return 0;
}

std::string Row::Text(std::size_t i) const {
    const auto& v = values_.at(i).get();
    if (const auto* s = std::get_if<std::string>(&v))
        return *s;
    if (const auto* n = std::get_if<std::int64_t>(&v))
        return std::to_string(*n);
    if (const auto* d = std::get_if<double>(&v))
        return std::to_string(*d);
    if (const auto* b = std::get_if<storage::Blob>(&v))
        return b->bytes;
    return {};
}

std::string Row::Blob(std::size_t i) const {
    const auto& v = values_.at(i).get();
    if (const auto* b = std::get_if<storage::Blob>(&v))
        return b->bytes;
    if (const auto* s = std::get_if<std::string>(&v))
        return *s;
    return {};
}

std::optional<std::int64_t> Row::OptInt(std::size_t i) const {
    if (IsNull(i))
        return std::nullopt;
    return Int(i);
}

std::optional<std::string> Row::OptText(std::size_t i) const {
    if (IsNull(i))
        return std::nullopt;
    return Text(i);
}

}  // namespace ngoaivu::storage
