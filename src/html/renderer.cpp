#include "html/renderer.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace ngoaivu::html {

namespace {

std::string ReadFile(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + p.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The view as templates see it, where an empty string is false: `{{#x}}…{{/x}}` is skipped and
// `{{^x}}…{{/x}}` shown when x is "", as in most Mustache implementations (kainjow counts every
// string as true, which showed "→ " with no unit, an empty paragraph, or no "—" for a missing
// value). `{{x}}` of an empty string still renders nothing.
class EmptyStringIsFalse : public kainjow::mustache::context<std::string> {
 public:
    explicit EmptyStringIsFalse(const Data* view) : context(view) {}

    const Data* get(const std::string& name) const override {
        const Data* d = context::get(name);
        if (d && d->is_string() && d->string_value().empty())
            return &False();
        return d;
    }

 private:
    static const Data& False() {
        static const Data kFalse(false);
        return kFalse;
    }
};

}  // namespace

Catalog Catalog::Load(const std::filesystem::path& file) {
    Catalog c;
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(ReadFile(file));
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error("i18n catalog " + file.string() + ": " + e.what());
    }
    for (const auto& [key, value] : j.items()) {
        if (!value.is_object() || !value.contains("vi") || !value.contains("en") ||
            !value["vi"].is_string() || !value["en"].is_string() ||
            value["vi"].get<std::string>().empty() || value["en"].get<std::string>().empty()) {
            throw std::runtime_error("i18n catalog: key '" + key + "' needs non-empty vi and en");
        }
        std::string vi = value["vi"], en = value["en"];
        c.vi_.set(key, vi);
        c.en_.set(key, en);
        c.entries_.emplace(key, std::make_pair(std::move(vi), std::move(en)));
    }
    return c;
}

const std::string& Catalog::Get(std::string_view key, std::string_view lang) const {
    auto it = entries_.find(key);
    if (it == entries_.end()) {
        static const std::string kMissing = "??";
        return kMissing;
    }
    return lang == "en" ? it->second.second : it->second.first;
}

const Data& Catalog::AsData(std::string_view lang) const {
    return lang == "en" ? en_ : vi_;
}

Renderer::Renderer(const std::filesystem::path& templates_dir, const std::filesystem::path& catalog)
    : catalog_(Catalog::Load(catalog)) {
    if (!std::filesystem::is_directory(templates_dir)) {
        throw std::runtime_error("templates folder not found: " + templates_dir.string());
    }
    for (const auto& entry : std::filesystem::recursive_directory_iterator(templates_dir)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".html")
            continue;
        std::string name =
            entry.path().lexically_relative(templates_dir).replace_extension().string();
        std::string text = ReadFile(entry.path());
        kainjow::mustache::mustache check(text);
        if (!check.is_valid()) {
            throw std::runtime_error("template " + name + ": " + check.error_message());
        }
        templates_.emplace(std::move(name), std::move(text));
    }
    if (!templates_.contains("layout"))
        throw std::runtime_error("templates: layout.html missing");
}

std::string Renderer::RenderTemplate(const std::string& text, Data& view) const {
    for (const auto& [name, body] : templates_) {
        if (name.starts_with("partials/"))
            view.set(name, body);  // {{>partials/nav}}
    }
    kainjow::mustache::mustache tmpl(text);
    EmptyStringIsFalse context(&view);
    std::string out = tmpl.render(context);
    if (!tmpl.is_valid())
        throw std::runtime_error("template render: " + tmpl.error_message());
    return out;
}

std::string Renderer::Page(std::string_view page, Data view, std::string_view lang) const {
    auto it = templates_.find(page);
    if (it == templates_.end())
        throw std::runtime_error("no template " + std::string(page));
    // "t" and "content" belong to the layout: a page's data using them would be overwritten
    // (and the page template's source shown instead), so that is a bug of the caller.
    if (view.get("t") || view.get("content"))
        throw std::logic_error("page data may not use the reserved keys \"t\" and \"content\"");
    view.set("t", catalog_.AsData(lang));
    view.set("content", it->second);
    return RenderTemplate(templates_.at("layout"), view);
}

std::string Renderer::Fragment(std::string_view name, Data view, std::string_view lang) const {
    auto it = templates_.find(name);
    if (it == templates_.end())
        throw std::runtime_error("no template " + std::string(name));
    view.set("t", catalog_.AsData(lang));
    return RenderTemplate(it->second, view);
}

}  // namespace ngoaivu::html
