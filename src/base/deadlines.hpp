#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/date.hpp"

namespace ngoaivu {

// The legal deadlines of a record's workflow (an agreement's opinions and reports, an event's
// consultations and result report), shared by the modules whose workflow opens and closes them.
// A module's deadline type (agreements::Deadline, events::Deadline) has `id`, `due_on`,
// `closed_on` and `open()`. Pure; thread-safe.

// A deadline a workflow step closes, with the outcome it records.
struct ClosedDeadline {
    std::int64_t id = 0;
    std::string outcome;
    std::string note;
};

// The earliest due day of the open deadlines among `deadlines`, or nullopt when none is open.
template <typename Deadline>
std::optional<Date> EarliestOpenDue(const std::vector<Deadline>& deadlines) {
    std::optional<Date> next;
    for (const auto& d : deadlines) {
        if (d.open() && (!next || d.due_on < *next))
            next = d.due_on;
    }
    return next;
}

// The deadlines of a record after a workflow step on `day`: those of `close` (by id) closed that
// day, then those of `open` added. `store_close(c)` and `store_open(d)` write each change, in
// that order, as it is made.
template <typename Deadline, typename StoreClose, typename StoreOpen>
std::vector<Deadline> StepDeadlines(std::vector<Deadline> deadlines,
                                    const std::vector<ClosedDeadline>& close,
                                    const std::vector<Deadline>& open, Date day,
                                    StoreClose&& store_close, StoreOpen&& store_open) {
    for (const auto& c : close) {
        store_close(c);
        for (auto& d : deadlines) {
            if (d.id == c.id)
                d.closed_on = day;
        }
    }
    for (const auto& d : open) {
        store_open(d);
        deadlines.push_back(d);
    }
    return deadlines;
}

}  // namespace ngoaivu
