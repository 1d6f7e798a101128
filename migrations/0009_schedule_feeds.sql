-- The calendar of delegations and events (lịch công tác, issue 6 "Views"): the iCalendar feeds
-- that Outlook and Google Calendar subscribe to.
--
-- A feed belongs to one user and shows what that user reads (the user's scope, as their Actor
-- sees it, at the moment the feed is fetched). Its URL carries a random token (nvf_ + 32 random
-- bytes, base64url); only the token's SHA-256 is stored, with its first 10 characters to tell
-- feeds apart in lists. A revoked feed keeps its row (revoked_at set) and answers 404 like an
-- unknown token. Timestamps are ISO 8601 UTC text with milliseconds.
CREATE TABLE schedule_feed (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,     -- SHA-256 of the token, hex
    prefix TEXT NOT NULL,                -- "nvf_4DyVQG": to recognise it in lists
    created_at TEXT NOT NULL,
    last_used_at TEXT,                   -- refreshed at most once a minute
    revoked_at TEXT
);
CREATE INDEX schedule_feed_user ON schedule_feed (user_id, id);

-- Speed (issue 6: 500,000 delegations and events, bench/schedule_bench.md).
--
-- A reader's calendar: events of the reader's provinces or national ones. The condition
-- (national = 1 OR admin_unit_id IN (...)) is then answered by two index ranges (SQLite's
-- multi-index OR): this index for the national events, event_unit_start for the provinces'.
CREATE INDEX event_national_start ON event (national, starts_on);
-- The counts by province × year × direction × level of the delegations carried out (the
-- indicators, GET /api/v1/delegations/counts): only those rows, covering the query, so that it
-- reads them in group order without checking each row's status against the list. The WHERE is
-- the repository's condition word for word (SQLite uses a partial index only then).
CREATE INDEX delegation_counts_done ON delegation (start_year, admin_unit_id, direction, level,
                                                   status)
    WHERE status IN ('in_progress', 'returned', 'reported', 'closed');
-- The counts of events by today's province × year × type in a reader's scope
-- (GET /api/v1/events/counts): event_year_current with the columns of the scope, so that the
-- scan covers the query instead of reading every row. Same leading columns: it serves whatever
-- the old one served.
DROP INDEX event_year_current;
CREATE INDEX event_year_current ON event (start_year, current_unit_id, type, national,
                                          admin_unit_id);
