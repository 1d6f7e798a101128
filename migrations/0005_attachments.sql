-- Documents attached to records of any module (issue 5: the agreements' drafts, opinions and
-- signed scans; issue 6 will attach to delegations and events). Each file's bytes are stored
-- once, keyed by their SHA-256; an attachment names its owner record by module entity and id
-- (the owning module decides who may read and write it) and refers to the stored file.

-- One file's content, whatever its name and however many records it is attached to. The type
-- is the one recognised from the bytes (office::DetectFileType), never the one the name claims.
CREATE TABLE stored_file (
    sha256 TEXT PRIMARY KEY,                            -- lower-case hex of the content
    size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
    mime TEXT NOT NULL,
    content BLOB NOT NULL,
    created_at TEXT NOT NULL                            -- ISO 8601 UTC, first stored
);

-- A document attached to a record: `entity` is the owner's kind ("agreement"), `entity_id` its
-- id. No foreign key to the owner, which lives in another module's table.
CREATE TABLE attachment (
    id INTEGER PRIMARY KEY,
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    kind TEXT NOT NULL,                                 -- the owner's document kinds ("draft" ...)
    filename TEXT NOT NULL,                             -- NFC, no path, at most 200 characters
    sha256 TEXT NOT NULL REFERENCES stored_file (sha256),
    size_bytes INTEGER NOT NULL,
    mime TEXT NOT NULL,
    uploaded_by INTEGER REFERENCES app_user (id),       -- NULL for the system
    uploaded_at TEXT NOT NULL                           -- ISO 8601 UTC
);
CREATE INDEX attachment_owner ON attachment (entity, entity_id);
CREATE INDEX attachment_file ON attachment (sha256);
