#include "modules/schedule/schedule.hpp"

namespace ngoaivu::schedule {

std::string_view KindCode(ItemKind kind) {
    return kind == ItemKind::kDelegation ? "delegation" : "event";
}

std::optional<ItemKind> ParseKind(std::string_view code) {
    if (code == "delegation")
        return ItemKind::kDelegation;
    if (code == "event")
        return ItemKind::kEvent;
    return std::nullopt;
}

std::string ScheduleItem::Path() const {
    return (kind == ItemKind::kDelegation ? "/delegations/" : "/events/") + std::to_string(id);
}

bool ScheduleItem::Withdrawn() const {
    return status == "rejected" || status == "cancelled";
}

}  // namespace ngoaivu::schedule
