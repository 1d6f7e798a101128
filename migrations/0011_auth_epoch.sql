-- A counter of changes to who may use an API token (issue 3): a token revoked, an account
-- disabled or enabled, roles granted, a password reset. The change adds 1 in its own write
-- transaction. Server processes keep authenticated tokens in a cache and compare the counter on
-- every use, so that a change made by another process or by `ngoaivu user disable` takes effect
-- at the next request rather than when the cache entry expires.
CREATE TABLE auth_epoch (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL
);
INSERT INTO auth_epoch (id, value) VALUES (1, 0);
