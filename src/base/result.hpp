#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "base/error.hpp"

namespace ngoaivu {

// Result<T>: a value or an Error. Expected failures travel as values (docs/STYLE.md, "Errors");
// propagate with an explicit `if (!r) return r.error();`.
template <typename T>
class [[nodiscard]] Result {
 public:
    Result(T value) : data_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
    Result(Error error) : data_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    bool ok() const { return std::holds_alternative<T>(data_); }
    explicit operator bool() const { return ok(); }

    T& value() & {
        assert(ok());
        return std::get<T>(data_);
    }
    const T& value() const& {
        assert(ok());
        return std::get<T>(data_);
    }
    T&& value() && {
        assert(ok());
        return std::get<T>(std::move(data_));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const {
        assert(!ok());
        return std::get<Error>(data_);
    }

 private:
    std::variant<T, Error> data_;
};

// Result<void>: success, or an Error.
template <>
class [[nodiscard]] Result<void> {
 public:
    Result() = default;
    Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

    bool ok() const { return ok_; }
    explicit operator bool() const { return ok_; }
    const Error& error() const {
        assert(!ok_);
        return error_;
    }

 private:
    Error error_;
    bool ok_ = true;
};

inline Result<void> Ok() {
    return {};
}

}  // namespace ngoaivu
