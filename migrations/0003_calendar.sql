-- The working-day calendar (issue: legal deadlines in working days). Saturdays and Sundays are
-- days off unless listed here as 'working' (a worked weekend day, làm bù); a 'holiday' is a
-- day off besides the weekends (public holidays, compensatory days, swapped days). Dates are ISO
-- 8601 text ("2026-02-17"); timestamps ISO 8601 UTC text ("2026-11-23T09:41:02.723Z").

CREATE TABLE calendar_day (
    id INTEGER PRIMARY KEY,
    day TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'working')),
    name_vi TEXT NOT NULL,
    name_en TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- One row; every write to calendar_day adds 1 to version in the same transaction, so that each
-- server process sees with one cheap read whether its cached calendar is stale.
CREATE TABLE calendar_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO calendar_version (id, version) VALUES (1, 0);
