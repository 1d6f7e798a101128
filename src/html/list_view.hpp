#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "base/page.hpp"
#include "html/renderer.hpp"
#include "http/request.hpp"

namespace ngoaivu::html {

// The generic pieces of a list page: links that keep the list's filters, a pager and sortable
// column headings. Every module's list page uses them, with the partial
// web/templates/partials/pager.html. Pure functions of their arguments; thread-safe.
//
// Conventions:
// - A list page reads its filters, `page`, `per_page` and `sort` from its query string. Every
//   link built here is the request's own path and query with one or two parameters changed, so
//   a link never drops a filter (or any other parameter) the user chose.
// - ?sort= names a sort key for ascending order, or the key after '-' for descending
//   ("?sort=-updated"), as the API's `sort` parameter does.
//
// In a page handler:
//
//   constexpr std::string_view kKeys[] = {"name", "country", "updated"};
//   auto result = service.List(*req.actor, filter, sort, *paging);
//   view.set("pager", html::Pager(req, *result));
//   view.set("columns", html::SortLinks(req, kKeys, html::CurrentSort(req, kKeys, {"name"})));
//
// and in the template:
//
//   <th aria-sort="{{columns.name.aria_sort}}"><a href="{{columns.name.href}}">…</a></th>
//   {{#pager}}{{>partials/pager}}{{/pager}}

// The request's path and query with `changes` applied: each (name, value) replaces every value
// of that parameter (at the place of its first occurrence, or at the end), and an empty value
// removes it. Every other parameter is kept, in order. Values are percent-encoded.
// WithQuery(req /* /partners?q=a&page=3 */, {{"page", "4"}}) == "/partners?q=a&page=4".
std::string WithQuery(const http::Request& req,
                      std::initializer_list<std::pair<std::string_view, std::string>> changes);

// How many page numbers the pager shows on each side of the current page.
inline constexpr int kPagerWindow = 2;

// The pager of one page of a list (`page` is the 1-based page shown, `per_page` its size,
// `total` the number of matching rows, `shown` the rows on this page). The Data has:
// - "from", "to", "total": "showing from–to of total", formatted for the request's language
//   (1.234 / 1,234); from and to are 0 when the page shows no row;
// - "first_href", "prev_href", "next_href", "last_href": set only when that page exists and is
//   not the current one (so a template section shows the link only then);
// - "numbers": a list of {"number", "href", "current"} for the pages from page - kPagerWindow to
//   page + kPagerWindow that exist; "gap_before" / "gap_after" when pages are left out between
//   the first or last page and those;
// - "page", "pages" (formatted) and "has_pages" (more than one page);
// - "total_more" when `total_is_lower_bound` (the count stopped at `total`: "1.000+"); then there
//   is no "last_href", since the last page is not known.
// Links are WithQuery(req, {{"page", n}}) (page 1 removes the parameter).
Data PagerData(const http::Request& req, int page, int per_page, std::int64_t total,
               std::size_t shown, bool total_is_lower_bound = false);

// PagerData of a Page<T>.
template <typename T>
Data Pager(const http::Request& req, const Page<T>& page) {
    return PagerData(req, page.page, page.per_page, page.total, page.items.size(),
                     page.total_is_lower_bound);
}

// The current order of a list: a sort key and its direction.
struct SortState {
    std::string key;
    bool descending = false;
};

// The order ?sort= asks for ("key" or "-key" with a key of `keys`), or `fallback` when it is
// absent or names no key of `keys` (the service reports bad values; this only decides how the
// headings look).
SortState CurrentSort(const http::Request& req, std::span<const std::string_view> keys,
                      const SortState& fallback);

// The sortable column headings of a list: a Data object with one entry per key of `keys`, each
// {"href", "aria_sort", "active", "descending", "arrow"}:
// - "href": the list sorted by that column, ascending, or descending when it is the current
//   ascending column (a second click reverses); the page parameter is dropped (back to page 1),
//   every other parameter is kept;
// - "aria_sort": "ascending", "descending" or "none", for the heading's aria-sort attribute;
// - "active", "descending": flags of the current column; "arrow": "▲", "▼" or "".
Data SortLinks(const http::Request& req, std::span<const std::string_view> keys,
               const SortState& current);

// One sortable column heading of a list whose ?sort= names whole orders rather than keys
// ("start_desc"): {"href", "active", "aria_sort", "arrow"}, where "href" is the list sorted by
// `href_sort` from page 1 with every other parameter kept, and `active`/`descending` describe
// the current order.
Data SortHeading(const http::Request& req, std::string href_sort, bool active, bool descending);

// `path` with the list's query (its filters and sort, without the page) and a trailing '&' when
// there is one, for a link that adds one more parameter: FilteredHref(req /* /x?q=a&page=3 */,
// "/x/export") == "/x/export?q=a&".
std::string FilteredHref(const http::Request& req, std::string_view path);

}  // namespace ngoaivu::html
