-- Accounts, roles with scopes, sessions, API tokens, login attempts, and the hash-chained audit
-- trail (issue 3). Timestamps are ISO 8601 UTC text ("2026-11-23T09:41:02.723Z").

CREATE TABLE app_user (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,          -- lower case, [a-z0-9._-]
    display_name TEXT NOT NULL,
    email TEXT,
    password_hash TEXT NOT NULL,         -- argon2id, libsodium crypto_pwhash_str encoding
    must_change_password INTEGER NOT NULL DEFAULT 0,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1   -- optimistic locking
);

CREATE TABLE user_role (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'mofa_staff', 'mofa_viewer', 'province_officer',
                                       'province_leader', 'mission_staff', 'viewer')),
    all_provinces INTEGER NOT NULL DEFAULT 0,
    UNIQUE (user_id, role)
);

CREATE TABLE user_role_province (
    user_role_id INTEGER NOT NULL REFERENCES user_role (id) ON DELETE CASCADE,
    admin_unit_id INTEGER NOT NULL REFERENCES admin_unit (id),
    PRIMARY KEY (user_role_id, admin_unit_id)
);

CREATE TABLE user_role_country (
    user_role_id INTEGER NOT NULL REFERENCES user_role (id) ON DELETE CASCADE,
    country_alpha2 TEXT NOT NULL REFERENCES country (alpha2),
    PRIMARY KEY (user_role_id, country_alpha2)
);

CREATE TABLE user_session (
    id_hash TEXT PRIMARY KEY,            -- SHA-256 of the 256-bit id; the id itself is never stored
    user_id INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,            -- absolute limit
    client_address TEXT NOT NULL,
    user_agent TEXT NOT NULL
);
CREATE INDEX user_session_user ON user_session (user_id);

CREATE TABLE api_token (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,     -- SHA-256 of the token
    prefix TEXT NOT NULL,                -- first characters, to recognise it in lists
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
);
CREATE INDEX api_token_user ON api_token (user_id);

CREATE TABLE login_attempt (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL,                 -- as typed (lower-cased), whether or not it exists
    client_address TEXT NOT NULL,
    at TEXT NOT NULL,
    success INTEGER NOT NULL
);
CREATE INDEX login_attempt_login ON login_attempt (login, at);
CREATE INDEX login_attempt_client ON login_attempt (client_address, at);

-- Append-only; each entry's hash covers its fields and the previous entry's hash. audit_head
-- holds the sequence and the newest hash, so that removing the newest entries is detected too.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_id INTEGER,
    user_login TEXT NOT NULL,
    request_id TEXT NOT NULL,
    client_address TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before_json TEXT NOT NULL,
    after_json TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_user ON audit_log (user_id, at);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, last_hash) VALUES (1, 0, '');
