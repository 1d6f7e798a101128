#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include <kainjow/mustache.hpp>

namespace ngoaivu::html {

using Data = kainjow::mustache::data;
using List = kainjow::mustache::data;  // built with Data(Data::type::list)

// The i18n catalog: web/i18n/catalog.json, {"key": {"vi": "...", "en": "..."}}. Every key must
// have both languages (checked at load). Immutable after load; thread-safe.
class Catalog {
 public:
    // Loads and checks the catalog; throws std::runtime_error naming the first bad key.
    static Catalog Load(const std::filesystem::path& file);

    // The text of `key` in `lang` ("vi" or "en"); "??" when absent (scripts/lint.sh checks that
    // templates use only existing keys).
    const std::string& Get(std::string_view key, std::string_view lang) const;
    // Every key of `lang` as a mustache object, for templates ({{t.nav_home}}).
    const Data& AsData(std::string_view lang) const;
    const std::map<std::string, std::pair<std::string, std::string>, std::less<>>& entries() const {
        return entries_;
    }

 private:
    std::map<std::string, std::pair<std::string, std::string>, std::less<>> entries_;  // vi, en
    Data vi_;
    Data en_;
};

// Renders pages from web/templates/: a page template shown inside layout.html. Templates are
// logic-less mustache and escape by default ({{x}}); unescaped output ({{{x}}}, {{&x}}) is
// rejected by scripts/lint.sh.
// Loaded once at start-up; Render is thread-safe.
class Renderer {
 public:
    // Loads every *.html under `templates_dir` and the catalog; throws std::runtime_error when a
    // template does not parse.
    Renderer(const std::filesystem::path& templates_dir, const std::filesystem::path& catalog);

    // Renders `page` (a path without ".html", e.g. "geo/provinces") inside the layout, with
    // `view` as the data, `t` as the catalog of `lang`, and every template usable as a partial.
    // `view` may not use the layout's keys "t" and "content" (std::logic_error).
    std::string Page(std::string_view page, Data view, std::string_view lang) const;
    // Renders one template alone (a fragment for htmx).
    std::string Fragment(std::string_view name, Data view, std::string_view lang) const;

    const Catalog& catalog() const { return catalog_; }
    bool Has(std::string_view name) const { return templates_.contains(std::string(name)); }

 private:
    std::string RenderTemplate(const std::string& text, Data& view) const;
    std::map<std::string, std::string, std::less<>> templates_;
    Catalog catalog_;
};

}  // namespace ngoaivu::html
