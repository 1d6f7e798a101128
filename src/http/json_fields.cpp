#include "http/json_fields.hpp"

#include <limits>

namespace ngoaivu::http {

namespace {

const nlohmann::json kNull;

bool IsInt64(const nlohmann::json& v) {
    return v.is_number_integer() &&
           !(v.is_number_unsigned() &&
             v.get<std::uint64_t>() >
                 static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
}

}  // namespace

JsonFields::JsonFields(const nlohmann::json& body) : body_(body) {
    if (!body_.is_object()) {
        Add("body", "Nội dung yêu cầu phải là một đối tượng JSON.",
            "The request body must be a JSON object.");
    }
}

void JsonFields::Add(std::string field, std::string vi, std::string en) {
    problems_.push_back({std::move(field), std::move(vi), std::move(en)});
}

std::optional<Error> JsonFields::Problem() const {
    if (problems_.empty())
        return std::nullopt;
    Error e = Error::InvalidArgument(problems_.front().field, problems_.front().message_vi,
                                     problems_.front().message_en);
    e.fields = problems_;
    return e;
}

const nlohmann::json* JsonFields::Find(const std::string& name, bool required) {
    if (!body_.is_object())
        return nullptr;
    auto it = body_.find(name);
    if (it == body_.end() || it->is_null()) {
        if (required) {
            Add(name, "Thiếu trường bắt buộc \"" + name + "\".",
                "The required field \"" + name + "\" is missing.");
        }
        return nullptr;
    }
    return &*it;
}

void JsonFields::WrongType(const std::string& name, std::string_view vi_type,
                           std::string_view en_type) {
    Add(name, "Trường \"" + name + "\" phải là " + std::string(vi_type) + ".",
        "The field \"" + name + "\" must be " + std::string(en_type) + ".");
}

std::string JsonFields::String(const std::string& name, bool required) {
    const auto* v = Find(name, required);
    if (!v)
        return "";
    if (!v->is_string()) {
        WrongType(name, "chuỗi", "a string");
        return "";
    }
    return v->get<std::string>();
}

std::optional<std::int64_t> JsonFields::Int(const std::string& name, bool required) {
    const auto* v = Find(name, required);
    if (!v)
        return std::nullopt;
    if (!IsInt64(*v)) {
        WrongType(name, "số nguyên", "an integer");
        return std::nullopt;
    }
    return v->get<std::int64_t>();
}

std::optional<double> JsonFields::Number(const std::string& name, bool required) {
    const auto* v = Find(name, required);
    if (!v)
        return std::nullopt;
    if (!v->is_number()) {
        WrongType(name, "số", "a number");
        return std::nullopt;
    }
    return v->get<double>();
}

bool JsonFields::Bool(const std::string& name, bool fallback) {
    const auto* v = Find(name, false);
    if (!v)
        return fallback;
    if (!v->is_boolean()) {
        WrongType(name, "true hoặc false", "true or false");
        return fallback;
    }
    return v->get<bool>();
}

std::optional<ngoaivu::Date> JsonFields::Date(const std::string& name, bool required) {
    const auto* v = Find(name, required);
    if (!v)
        return std::nullopt;
    std::optional<ngoaivu::Date> d;
    if (v->is_string())
        d = ngoaivu::Date::ParseIso(v->get<std::string>());
    if (!d) {
        Add(name, "Trường \"" + name + "\" phải là một ngày có thật dạng YYYY-MM-DD.",
            "The field \"" + name + "\" must be a real date as YYYY-MM-DD.");
    }
    return d;
}

std::vector<std::string> JsonFields::Strings(const std::string& name, bool required) {
    std::vector<std::string> out;
    const auto* v = Find(name, required);
    if (!v)
        return out;
    if (!v->is_array()) {
        WrongType(name, "một mảng chuỗi", "an array of strings");
        return out;
    }
    for (const auto& item : *v) {
        if (!item.is_string()) {
            WrongType(name, "một mảng chuỗi", "an array of strings");
            return {};
        }
        out.push_back(item.get<std::string>());
    }
    return out;
}

std::vector<std::int64_t> JsonFields::Ints(const std::string& name, bool required) {
    std::vector<std::int64_t> out;
    const auto* v = Find(name, required);
    if (!v)
        return out;
    if (!v->is_array()) {
        WrongType(name, "một mảng số nguyên", "an array of integers");
        return out;
    }
    for (const auto& item : *v) {
        if (!IsInt64(item)) {
            WrongType(name, "một mảng số nguyên", "an array of integers");
            return {};
        }
        out.push_back(item.get<std::int64_t>());
    }
    return out;
}

const nlohmann::json& JsonFields::Raw(const std::string& name) const {
    if (!body_.is_object())
        return kNull;
    auto it = body_.find(name);
    return it == body_.end() ? kNull : *it;
}

}  // namespace ngoaivu::http
