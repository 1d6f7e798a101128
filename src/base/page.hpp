#pragma once

#include <cstdint>
#include <vector>

namespace ngoaivu {

// Which slice of a list to return. Every list in Ngoaivu is paginated server-side.
struct PageRequest {
    static constexpr int kMaxPerPage = 200;
    int page = 1;       // 1-based
    int per_page = 50;  // 1..kMaxPerPage
    std::int64_t offset() const { return static_cast<std::int64_t>(page - 1) * per_page; }
};

// One page of a list, with the total count of matching items.
template <typename T>
struct Page {
    std::vector<T> items;
    std::int64_t total = 0;
    int page = 1;
    int per_page = 50;
    // The count stopped at `total` and more items match (a search counts up to a cap: "more
    // than 1,000" is all a reader needs, and counting every match can cost more than the page).
    bool total_is_lower_bound = false;
    int pages() const {
        return total == 0 ? 1 : static_cast<int>((total + per_page - 1) / per_page);
    }
};

}  // namespace ngoaivu
