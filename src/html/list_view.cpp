#include "html/list_view.hpp"

#include <algorithm>
#include <vector>

#include "html/pages.hpp"

namespace ngoaivu::html {

std::string WithQuery(const http::Request& req,
                      std::initializer_list<std::pair<std::string_view, std::string>> changes) {
    std::vector<std::pair<std::string, std::string>> out;
    std::vector<bool> placed(changes.size(), false);
    auto change_of = [&](std::string_view name) -> std::ptrdiff_t {
        auto it = std::find_if(changes.begin(), changes.end(),
                               [&](const auto& c) { return c.first == name; });
        return it == changes.end() ? -1 : it - changes.begin();
    };
    for (const auto& [name, value] : req.query) {
        std::ptrdiff_t i = change_of(name);
        if (i < 0) {
            out.emplace_back(name, value);
            continue;
        }
        if (placed[static_cast<std::size_t>(i)])
            continue;  // a repeated parameter that changes: keep only the new value
        placed[static_cast<std::size_t>(i)] = true;
        const auto& c = *(changes.begin() + i);
        if (!c.second.empty())
            out.emplace_back(name, c.second);
    }
    std::size_t i = 0;
    for (const auto& c : changes) {
        if (!placed[i++] && !c.second.empty())
            out.emplace_back(std::string(c.first), c.second);
    }
    std::string url = req.path;
    for (std::size_t k = 0; k < out.size(); ++k) {
        url += k == 0 ? '?' : '&';
        url += http::PercentEncode(out[k].first) + "=" + http::PercentEncode(out[k].second);
    }
    return url;
}

namespace {

std::string PageHref(const http::Request& req, int n) {
    return WithQuery(req, {{"page", n <= 1 ? std::string() : std::to_string(n)}});
}

}  // namespace

Data PagerData(const http::Request& req, int page, int per_page, std::int64_t total,
               std::size_t shown, bool total_is_lower_bound) {
    per_page = std::max(per_page, 1);
    page = std::max(page, 1);
    int pages = total <= 0 ? 1 : static_cast<int>((total + per_page - 1) / per_page);
    std::int64_t offset = static_cast<std::int64_t>(page - 1) * per_page;
    std::int64_t from = shown == 0 ? 0 : offset + 1;
    std::int64_t to = shown == 0 ? 0 : offset + static_cast<std::int64_t>(shown);

    Data d;
    d.set("from", Number(req, from));
    d.set("to", Number(req, to));
    d.set("total", Number(req, total));
    d.set("total_more", total_is_lower_bound);
    d.set("page", Number(req, page));
    d.set("pages", Number(req, pages));
    d.set("has_pages", pages > 1);
    if (page > 1) {
        d.set("first_href", PageHref(req, 1));
        d.set("prev_href", PageHref(req, std::min(page - 1, pages)));
    }
    if (page < pages) {
        d.set("next_href", PageHref(req, page + 1));
        if (!total_is_lower_bound)
            d.set("last_href", PageHref(req, pages));
    }
    int low = std::max(1, std::min(page, pages) - kPagerWindow);
    int high = std::min(pages, page + kPagerWindow);
    Data numbers(Data::type::list);
    for (int n = low; n <= high; ++n) {
        Data item;
        item.set("number", Number(req, n));
        item.set("href", PageHref(req, n));
        item.set("current", n == page);
        numbers.push_back(item);
    }
    d.set("numbers", numbers);
    d.set("gap_before", low > 2);
    d.set("gap_after", high < pages - 1);
    return d;
}

SortState CurrentSort(const http::Request& req, std::span<const std::string_view> keys,
                      const SortState& fallback) {
    std::string_view value = req.Query("sort").value_or("");
    SortState s;
    if (value.starts_with('-')) {
        s.descending = true;
        value.remove_prefix(1);
    }
    if (std::find(keys.begin(), keys.end(), value) == keys.end())
        return fallback;
    s.key = std::string(value);
    return s;
}

Data SortLinks(const http::Request& req, std::span<const std::string_view> keys,
               const SortState& current) {
    Data columns;
    for (std::string_view key : keys) {
        bool active = key == current.key;
        // A second click on the current ascending column reverses it; any other click sorts
        // ascending by that column.
        bool to_descending = active && !current.descending;
        std::string param = (to_descending ? "-" : "") + std::string(key);
        Data c;
        c.set("href", WithQuery(req, {{"sort", param}, {"page", std::string()}}));
        c.set("active", active);
        c.set("descending", active && current.descending);
        c.set("aria_sort", !active ? "none" : current.descending ? "descending" : "ascending");
        c.set("arrow", !active ? "" : current.descending ? "▼" : "▲");
        columns.set(std::string(key), c);
    }
    return columns;
}

Data SortHeading(const http::Request& req, std::string href_sort, bool active, bool descending) {
    Data c;
    c.set("href", WithQuery(req, {{"sort", std::move(href_sort)}, {"page", ""}}));
    c.set("active", active);
    c.set("aria_sort", !active ? "none" : descending ? "descending" : "ascending");
    c.set("arrow", !active ? "" : descending ? "▼" : "▲");
    return c;
}

std::string FilteredHref(const http::Request& req, std::string_view path) {
    std::string filters = WithQuery(req, {{"page", ""}});
    auto qmark = filters.find('?');
    std::string query = qmark == std::string::npos ? "" : filters.substr(qmark + 1);
    return std::string(path) + "?" + query + (query.empty() ? "" : "&");
}

}  // namespace ngoaivu::html
