#include "base/csv.hpp"

namespace ngoaivu::csv {

std::optional<std::vector<Record>> Parse(std::string_view text, std::string* error) {
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);
    std::vector<Record> records;
    Record record;
    std::string field;
    bool quoted = false;
    bool field_started = false;
    int line = 1;
    auto fail = [&](const char* what) -> std::optional<std::vector<Record>> {
        if (error)
            *error = "line " + std::to_string(line) + ": " + what;
        return std::nullopt;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field.push_back('"');
                    ++i;
                } else {
                    quoted = false;
                    if (i + 1 < text.size() && text[i + 1] != ',' && text[i + 1] != '\n' &&
                        text[i + 1] != '\r') {
                        return fail("unexpected character after a closing quote");
                    }
                }
            } else {
                if (c == '\n')
                    ++line;
                field.push_back(c);
            }
            continue;
        }
        switch (c) {
            case '"':
                if (field_started)
                    return fail("quote inside an unquoted field");
                quoted = true;
                field_started = true;
                break;
            case ',':
                record.push_back(std::move(field));
                field.clear();
                field_started = false;
                break;
            case '\r':
                break;
            case '\n':
                record.push_back(std::move(field));
                field.clear();
                field_started = false;
                records.push_back(std::move(record));
                record.clear();
                ++line;
                break;
            default:
                field.push_back(c);
                field_started = true;
        }
    }
    if (quoted)
        return fail("unterminated quoted field");
    if (field_started || !record.empty()) {
        record.push_back(std::move(field));
        records.push_back(std::move(record));
    }
    return records;
}

std::string Escape(std::string_view field) {
    if (field.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(field);
    std::string out = "\"";
    for (char c : field) {
        if (c == '"')
            out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

}  // namespace ngoaivu::csv
