#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ngoaivu::storage {

// Bytes for a BLOB column (BYTEA on PostgreSQL), kept apart from text so that a file's bytes
// are never bound as text or read back as text by mistake. Any bytes, NUL and 0xFF included.
struct Blob {
    std::string bytes;

    friend bool operator==(const Blob&, const Blob&) = default;
};

// A bound parameter or a column value: NULL, integer, real, text (UTF-8) or a blob (bytes).
class Value {
 public:
    using Variant = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;

    Value() = default;                                        // NULL
    Value(std::nullopt_t) {}                                  // NOLINT
    Value(int v) : v_(static_cast<std::int64_t>(v)) {}        // NOLINT
    Value(long v) : v_(static_cast<std::int64_t>(v)) {}       // NOLINT
    Value(long long v) : v_(static_cast<std::int64_t>(v)) {}  // NOLINT
    Value(double v) : v_(v) {}                                // NOLINT
    Value(std::string v) : v_(std::move(v)) {}                // NOLINT
    Value(std::string_view v) : v_(std::string(v)) {}         // NOLINT
    Value(const char* v) : v_(std::string(v)) {}              // NOLINT
    Value(Blob v) : v_(std::move(v)) {}                       // NOLINT
    template <typename T>
    Value(const std::optional<T>& v) {  // NOLINT
        if (v)
            *this = Value(*v);
    }

    bool is_null() const { return std::holds_alternative<std::monostate>(v_); }
    bool is_blob() const { return std::holds_alternative<Blob>(v_); }
    const Variant& get() const { return v_; }

 private:
    Variant v_;
};

// One result row, materialised (it outlives the statement that produced it).
class Row {
 public:
    explicit Row(std::vector<Value> values) : values_(std::move(values)) {}

    std::size_t size() const { return values_.size(); }
    bool IsNull(std::size_t i) const { return values_.at(i).is_null(); }
    // Integer value of column i; a real is truncated, text is parsed; NULL gives 0.
    std::int64_t Int(std::size_t i) const;
    double Real(std::size_t i) const;
    // Text of column i; NULL gives "", a blob gives its bytes.
    std::string Text(std::size_t i) const;
    // The bytes of column i: a blob's bytes, or the bytes of a text value; NULL gives "".
    std::string Blob(std::size_t i) const;
    std::optional<std::int64_t> OptInt(std::size_t i) const;
    std::optional<std::string> OptText(std::size_t i) const;

 private:
    std::vector<Value> values_;
};

using Rows = std::vector<Row>;

}  // namespace ngoaivu::storage
