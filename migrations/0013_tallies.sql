-- Counts kept with the records (issue 7 "Speed"; decision 0008, "Counts kept with the records").
--
-- A ten-year national dashboard at ten times a real country's volume read every record of the
-- ten years (180,000 delegations, 16,700 agreements with their fields, partners and results,
-- 112,000 commitments) on each request. These tallies hold the same counts per year, unit and
-- breakdown key, kept in the same transaction as each write of a record by the triggers below,
-- so that the dashboards read a few thousand rows whatever the number of records.
--
-- Each tally has a view, `<tally>_source`: what one record contributes, with the record's id.
-- It is the single definition of a tally: this migration fills the tally from it, `ngoaivu
-- tallies verify` compares each tally with its view grouped, `ngoaivu tallies rebuild` refills it
-- from the view, and the triggers below change it as the view's rows change. The tallies keep every
-- status (the counted ones are the modules' rule, bound at read time), units as ids (0 for an
-- event of no province), and rows whose count fell to 0 (harmless; readers sum).
--
-- The tallies are derived data: `migrate-data` does not copy them (the target's triggers count
-- the records as they are copied), a SQLite backup and pg_dump carry them with the records.

CREATE TABLE agreement_tally (
    year INTEGER NOT NULL,                             -- signed_year
    admin_unit_id INTEGER NOT NULL,
    current_unit_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    has_result INTEGER NOT NULL,                       -- 1 when it has at least one result row
    n INTEGER NOT NULL,
    PRIMARY KEY (year, admin_unit_id, current_unit_id, status, has_result)
) WITHOUT ROWID;
CREATE VIEW agreement_tally_source AS
SELECT a.id AS agreement_id, a.signed_year AS year, a.admin_unit_id, a.current_unit_id, a.status,
       CASE WHEN EXISTS (SELECT 1 FROM result r WHERE r.agreement_id = a.id) THEN 1 ELSE 0 END
           AS has_result
FROM agreement a
WHERE a.signed_year IS NOT NULL;

CREATE TABLE agreement_field_tally (
    year INTEGER NOT NULL,
    admin_unit_id INTEGER NOT NULL,
    current_unit_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    field TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (year, admin_unit_id, current_unit_id, status, field)
) WITHOUT ROWID;
CREATE VIEW agreement_field_tally_source AS
SELECT a.id AS agreement_id, a.signed_year AS year, a.admin_unit_id, a.current_unit_id, a.status,
       f.field
FROM agreement a JOIN agreement_field f ON f.agreement_id = a.id
WHERE a.signed_year IS NOT NULL;

-- Each agreement once per country of its partners (international organisations have none).
CREATE TABLE agreement_country_tally (
    year INTEGER NOT NULL,
    admin_unit_id INTEGER NOT NULL,
    current_unit_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    country_alpha2 TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (year, admin_unit_id, current_unit_id, status, country_alpha2)
) WITHOUT ROWID;
CREATE VIEW agreement_country_tally_source AS
SELECT DISTINCT a.id AS agreement_id, a.signed_year AS year, a.admin_unit_id, a.current_unit_id,
       a.status, p.country_alpha2
FROM agreement a JOIN agreement_partner ap ON ap.agreement_id = a.id
     JOIN partner p ON p.id = ap.partner_id
WHERE a.signed_year IS NOT NULL AND p.country_alpha2 IS NOT NULL;

-- Commitments done, by the month they were done (the merger day is the first of a month, so
-- the readers can tell the commitments done before it from those done after).
CREATE TABLE commitment_done_tally (
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    admin_unit_id INTEGER NOT NULL,
    current_unit_id INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (year, month, admin_unit_id, current_unit_id)
) WITHOUT ROWID;
CREATE VIEW commitment_done_tally_source AS
SELECT a.id AS agreement_id, CAST(SUBSTR(c.done_on, 1, 4) AS INTEGER) AS year,
       CAST(SUBSTR(c.done_on, 6, 2) AS INTEGER) AS month, a.admin_unit_id, a.current_unit_id
FROM commitment c JOIN agreement a ON a.id = c.agreement_id
WHERE c.status = 'done' AND c.done_on IS NOT NULL;

CREATE TABLE delegation_tally (
    year INTEGER NOT NULL,                             -- start_year
    admin_unit_id INTEGER NOT NULL,
    current_unit_id INTEGER NOT NULL,
    direction TEXT NOT NULL,
    level TEXT NOT NULL,
    status TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (year, admin_unit_id, current_unit_id, direction, level, status)
) WITHOUT ROWID;
CREATE VIEW delegation_tally_source AS
SELECT d.id AS delegation_id, d.start_year AS year, d.admin_unit_id, d.current_unit_id,
       d.direction, d.level, d.status
FROM delegation d;

CREATE TABLE event_tally (
    year INTEGER NOT NULL,                             -- start_year
    admin_unit_id INTEGER NOT NULL,                    -- 0: a national event
    current_unit_id INTEGER NOT NULL,
    type TEXT NOT NULL,
    status TEXT NOT NULL,
    national INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (year, admin_unit_id, current_unit_id, type, status, national)
) WITHOUT ROWID;
CREATE VIEW event_tally_source AS
SELECT e.id AS event_id, e.start_year AS year, COALESCE(e.admin_unit_id, 0) AS admin_unit_id,
       COALESCE(e.current_unit_id, 0) AS current_unit_id, e.type, e.status, e.national
FROM event e;

-- The counts of the records already there.
INSERT INTO agreement_tally (year, admin_unit_id, current_unit_id, status, has_result, n)
SELECT year, admin_unit_id, current_unit_id, status, has_result, COUNT(*)
FROM agreement_tally_source GROUP BY year, admin_unit_id, current_unit_id, status, has_result;
INSERT INTO agreement_field_tally (year, admin_unit_id, current_unit_id, status, field, n)
SELECT year, admin_unit_id, current_unit_id, status, field, COUNT(*)
FROM agreement_field_tally_source GROUP BY year, admin_unit_id, current_unit_id, status, field;
INSERT INTO agreement_country_tally (year, admin_unit_id, current_unit_id, status,
                                     country_alpha2, n)
SELECT year, admin_unit_id, current_unit_id, status, country_alpha2, COUNT(*)
FROM agreement_country_tally_source
GROUP BY year, admin_unit_id, current_unit_id, status, country_alpha2;
INSERT INTO commitment_done_tally (year, month, admin_unit_id, current_unit_id, n)
SELECT year, month, admin_unit_id, current_unit_id, COUNT(*)
FROM commitment_done_tally_source GROUP BY year, month, admin_unit_id, current_unit_id;
INSERT INTO delegation_tally (year, admin_unit_id, current_unit_id, direction, level, status, n)
SELECT year, admin_unit_id, current_unit_id, direction, level, status, COUNT(*)
FROM delegation_tally_source
GROUP BY year, admin_unit_id, current_unit_id, direction, level, status;
INSERT INTO event_tally (year, admin_unit_id, current_unit_id, type, status, national, n)
SELECT year, admin_unit_id, current_unit_id, type, status, national, COUNT(*)
FROM event_tally_source GROUP BY year, admin_unit_id, current_unit_id, type, status, national;

-- The triggers, all AFTER the write except one (a row that INSERT OR IGNORE skips fires none).
-- A record whose keys change takes away what it counted under its old keys and adds what it
-- counts under its new ones. Deleting an agreement takes its whole contribution away BEFORE the
-- delete, while its child rows are still there; the cascade that deletes them afterwards finds no
-- agreement and changes nothing. Not supported: INSERT OR REPLACE into a counted table (SQLite
-- fires no delete trigger for the rows it replaces); `ngoaivu tallies verify` would show it.

-- Agreements.
CREATE TRIGGER agreement_tally_insert AFTER INSERT ON agreement
BEGIN
    INSERT INTO agreement_tally (year, admin_unit_id, current_unit_id, status, has_result, n)
    SELECT year, admin_unit_id, current_unit_id, status, has_result, 1
    FROM agreement_tally_source WHERE agreement_id = NEW.id
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, has_result)
    DO UPDATE SET n = agreement_tally.n + excluded.n;
END;

CREATE TRIGGER agreement_tally_update
AFTER UPDATE OF signed_year, admin_unit_id, current_unit_id, status ON agreement
BEGIN
    -- What it counted under its old keys (its child rows have not changed). Not from the
    -- views, which see the new keys (an agreement no longer signed is not in them).
    INSERT INTO agreement_tally (year, admin_unit_id, current_unit_id, status, has_result, n)
    SELECT OLD.signed_year, OLD.admin_unit_id, OLD.current_unit_id, OLD.status,
           CASE WHEN EXISTS (SELECT 1 FROM result r WHERE r.agreement_id = OLD.id) THEN 1 ELSE 0
           END, -1
    WHERE OLD.signed_year IS NOT NULL
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, has_result)
    DO UPDATE SET n = agreement_tally.n + excluded.n;
    INSERT INTO agreement_field_tally (year, admin_unit_id, current_unit_id, status, field, n)
    SELECT OLD.signed_year, OLD.admin_unit_id, OLD.current_unit_id, OLD.status, f.field, -1
    FROM agreement_field f WHERE f.agreement_id = OLD.id AND OLD.signed_year IS NOT NULL
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, field)
    DO UPDATE SET n = agreement_field_tally.n + excluded.n;
    INSERT INTO agreement_country_tally (year, admin_unit_id, current_unit_id, status,
                                         country_alpha2, n)
    SELECT DISTINCT OLD.signed_year, OLD.admin_unit_id, OLD.current_unit_id, OLD.status,
           p.country_alpha2, -1
    FROM agreement_partner ap JOIN partner p ON p.id = ap.partner_id
    WHERE ap.agreement_id = OLD.id AND OLD.signed_year IS NOT NULL
      AND p.country_alpha2 IS NOT NULL
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, country_alpha2)
    DO UPDATE SET n = agreement_country_tally.n + excluded.n;
    INSERT INTO commitment_done_tally (year, month, admin_unit_id, current_unit_id, n)
    SELECT year, month, OLD.admin_unit_id, OLD.current_unit_id, -COUNT(*)
    FROM commitment_done_tally_source WHERE agreement_id = OLD.id
    GROUP BY year, month
    ON CONFLICT (year, month, admin_unit_id, current_unit_id)
    DO UPDATE SET n = commitment_done_tally.n + excluded.n;
    -- What it counts now.
    INSERT INTO agreement_tally (year, admin_unit_id, current_unit_id, status, has_result, n)
    SELECT year, admin_unit_id, current_unit_id, status, has_result, 1
    FROM agreement_tally_source WHERE agreement_id = NEW.id
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, has_result)
    DO UPDATE SET n = agreement_tally.n + excluded.n;
    INSERT INTO agreement_field_tally (year, admin_unit_id, current_unit_id, status, field, n)
    SELECT year, admin_unit_id, current_unit_id, status, field, 1
    FROM agreement_field_tally_source WHERE agreement_id = NEW.id
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, field)
    DO UPDATE SET n = agreement_field_tally.n + excluded.n;
    INSERT INTO agreement_country_tally (year, admin_unit_id, current_unit_id, status,
                                         country_alpha2, n)
    SELECT year, admin_unit_id, current_unit_id, status, country_alpha2, 1
    FROM agreement_country_tally_source WHERE agreement_id = NEW.id
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, country_alpha2)
    DO UPDATE SET n = agreement_country_tally.n + excluded.n;
    INSERT INTO commitment_done_tally (year, month, admin_unit_id, current_unit_id, n)
    SELECT year, month, admin_unit_id, current_unit_id, COUNT(*)
    FROM commitment_done_tally_source WHERE agreement_id = NEW.id
    GROUP BY year, month, admin_unit_id, current_unit_id
    ON CONFLICT (year, month, admin_unit_id, current_unit_id)
    DO UPDATE SET n = commitment_done_tally.n + excluded.n;
END;

CREATE TRIGGER agreement_tally_delete BEFORE DELETE ON agreement
BEGIN
    INSERT INTO agreement_tally (year, admin_unit_id, current_unit_id, status, has_result, n)
    SELECT year, admin_unit_id, current_unit_id, status, has_result, -1
    FROM agreement_tally_source WHERE agreement_id = OLD.id
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, has_result)
    DO UPDATE SET n = agreement_tally.n + excluded.n;
    INSERT INTO agreement_field_tally (year, admin_unit_id, current_unit_id, status, field, n)
    SELECT year, admin_unit_id, current_unit_id, status, field, -1
    FROM agreement_field_tally_source WHERE agreement_id = OLD.id
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, field)
    DO UPDATE SET n = agreement_field_tally.n + excluded.n;
    INSERT INTO agreement_country_tally (year, admin_unit_id, current_unit_id, status,
                                         country_alpha2, n)
    SELECT year, admin_unit_id, current_unit_id, status, country_alpha2, -1
    FROM agreement_country_tally_source WHERE agreement_id = OLD.id
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, country_alpha2)
    DO UPDATE SET n = agreement_country_tally.n + excluded.n;
    INSERT INTO commitment_done_tally (year, month, admin_unit_id, current_unit_id, n)
    SELECT year, month, admin_unit_id, current_unit_id, -COUNT(*)
    FROM commitment_done_tally_source WHERE agreement_id = OLD.id
    GROUP BY year, month, admin_unit_id, current_unit_id
    ON CONFLICT (year, month, admin_unit_id, current_unit_id)
    DO UPDATE SET n = commitment_done_tally.n + excluded.n;
END;

-- Results: an agreement moves when it gains its first result or loses its last.
CREATE TRIGGER result_tally_insert AFTER INSERT ON result
WHEN (SELECT COUNT(*) FROM result r WHERE r.agreement_id = NEW.agreement_id) = 1
BEGIN
    INSERT INTO agreement_tally (year, admin_unit_id, current_unit_id, status, has_result, n)
    SELECT a.signed_year, a.admin_unit_id, a.current_unit_id, a.status, m.has_result, m.n
    FROM agreement a, (SELECT 0 AS has_result, -1 AS n UNION ALL SELECT 1, 1) m
    WHERE a.id = NEW.agreement_id AND a.signed_year IS NOT NULL
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, has_result)
    DO UPDATE SET n = agreement_tally.n + excluded.n;
END;
CREATE TRIGGER result_tally_delete AFTER DELETE ON result
WHEN NOT EXISTS (SELECT 1 FROM result r WHERE r.agreement_id = OLD.agreement_id)
BEGIN
    INSERT INTO agreement_tally (year, admin_unit_id, current_unit_id, status, has_result, n)
    SELECT a.signed_year, a.admin_unit_id, a.current_unit_id, a.status, m.has_result, m.n
    FROM agreement a, (SELECT 1 AS has_result, -1 AS n UNION ALL SELECT 0, 1) m
    WHERE a.id = OLD.agreement_id AND a.signed_year IS NOT NULL
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, has_result)
    DO UPDATE SET n = agreement_tally.n + excluded.n;
END;
CREATE TRIGGER result_tally_update_old AFTER UPDATE OF agreement_id ON result
WHEN OLD.agreement_id <> NEW.agreement_id
     AND NOT EXISTS (SELECT 1 FROM result r WHERE r.agreement_id = OLD.agreement_id)
BEGIN
    INSERT INTO agreement_tally (year, admin_unit_id, current_unit_id, status, has_result, n)
    SELECT a.signed_year, a.admin_unit_id, a.current_unit_id, a.status, m.has_result, m.n
    FROM agreement a, (SELECT 1 AS has_result, -1 AS n UNION ALL SELECT 0, 1) m
    WHERE a.id = OLD.agreement_id AND a.signed_year IS NOT NULL
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, has_result)
    DO UPDATE SET n = agreement_tally.n + excluded.n;
END;
CREATE TRIGGER result_tally_update_new AFTER UPDATE OF agreement_id ON result
WHEN OLD.agreement_id <> NEW.agreement_id
     AND (SELECT COUNT(*) FROM result r WHERE r.agreement_id = NEW.agreement_id) = 1
BEGIN
    INSERT INTO agreement_tally (year, admin_unit_id, current_unit_id, status, has_result, n)
    SELECT a.signed_year, a.admin_unit_id, a.current_unit_id, a.status, m.has_result, m.n
    FROM agreement a, (SELECT 0 AS has_result, -1 AS n UNION ALL SELECT 1, 1) m
    WHERE a.id = NEW.agreement_id AND a.signed_year IS NOT NULL
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, has_result)
    DO UPDATE SET n = agreement_tally.n + excluded.n;
END;

-- Fields: each row counts by itself.
CREATE TRIGGER agreement_field_tally_insert AFTER INSERT ON agreement_field
BEGIN
    INSERT INTO agreement_field_tally (year, admin_unit_id, current_unit_id, status, field, n)
    SELECT a.signed_year, a.admin_unit_id, a.current_unit_id, a.status, NEW.field, 1
    FROM agreement a WHERE a.id = NEW.agreement_id AND a.signed_year IS NOT NULL
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, field)
    DO UPDATE SET n = agreement_field_tally.n + excluded.n;
END;
CREATE TRIGGER agreement_field_tally_delete AFTER DELETE ON agreement_field
BEGIN
    INSERT INTO agreement_field_tally (year, admin_unit_id, current_unit_id, status, field, n)
    SELECT a.signed_year, a.admin_unit_id, a.current_unit_id, a.status, OLD.field, -1
    FROM agreement a WHERE a.id = OLD.agreement_id AND a.signed_year IS NOT NULL
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, field)
    DO UPDATE SET n = agreement_field_tally.n + excluded.n;
END;
CREATE TRIGGER agreement_field_tally_update AFTER UPDATE OF agreement_id, field ON agreement_field
BEGIN
    INSERT INTO agreement_field_tally (year, admin_unit_id, current_unit_id, status, field, n)
    SELECT a.signed_year, a.admin_unit_id, a.current_unit_id, a.status, OLD.field, -1
    FROM agreement a WHERE a.id = OLD.agreement_id AND a.signed_year IS NOT NULL
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, field)
    DO UPDATE SET n = agreement_field_tally.n + excluded.n;
    INSERT INTO agreement_field_tally (year, admin_unit_id, current_unit_id, status, field, n)
    SELECT a.signed_year, a.admin_unit_id, a.current_unit_id, a.status, NEW.field, 1
    FROM agreement a WHERE a.id = NEW.agreement_id AND a.signed_year IS NOT NULL
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, field)
    DO UPDATE SET n = agreement_field_tally.n + excluded.n;
END;

-- Partner links: an agreement counts for a country when it gains its first partner of that
-- country, and stops when it loses its last.
CREATE TRIGGER agreement_partner_tally_insert AFTER INSERT ON agreement_partner
BEGIN
    INSERT INTO agreement_country_tally (year, admin_unit_id, current_unit_id, status,
                                         country_alpha2, n)
    SELECT a.signed_year, a.admin_unit_id, a.current_unit_id, a.status, p.country_alpha2, 1
    FROM agreement a JOIN partner p ON p.id = NEW.partner_id
    WHERE a.id = NEW.agreement_id AND a.signed_year IS NOT NULL AND p.country_alpha2 IS NOT NULL
      AND (SELECT COUNT(*) FROM agreement_partner ap JOIN partner o ON o.id = ap.partner_id
           WHERE ap.agreement_id = a.id AND o.country_alpha2 = p.country_alpha2) = 1
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, country_alpha2)
    DO UPDATE SET n = agreement_country_tally.n + excluded.n;
END;
CREATE TRIGGER agreement_partner_tally_delete AFTER DELETE ON agreement_partner
BEGIN
    INSERT INTO agreement_country_tally (year, admin_unit_id, current_unit_id, status,
                                         country_alpha2, n)
    SELECT a.signed_year, a.admin_unit_id, a.current_unit_id, a.status, p.country_alpha2, -1
    FROM agreement a JOIN partner p ON p.id = OLD.partner_id
    WHERE a.id = OLD.agreement_id AND a.signed_year IS NOT NULL AND p.country_alpha2 IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM agreement_partner ap JOIN partner o ON o.id = ap.partner_id
                      WHERE ap.agreement_id = a.id AND o.country_alpha2 = p.country_alpha2)
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, country_alpha2)
    DO UPDATE SET n = agreement_country_tally.n + excluded.n;
END;
CREATE TRIGGER agreement_partner_tally_update
AFTER UPDATE OF agreement_id, partner_id ON agreement_partner
BEGIN
    INSERT INTO agreement_country_tally (year, admin_unit_id, current_unit_id, status,
                                         country_alpha2, n)
    SELECT a.signed_year, a.admin_unit_id, a.current_unit_id, a.status, p.country_alpha2, -1
    FROM agreement a JOIN partner p ON p.id = OLD.partner_id
    WHERE a.id = OLD.agreement_id AND a.signed_year IS NOT NULL AND p.country_alpha2 IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM agreement_partner ap JOIN partner o ON o.id = ap.partner_id
                      WHERE ap.agreement_id = a.id AND o.country_alpha2 = p.country_alpha2)
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, country_alpha2)
    DO UPDATE SET n = agreement_country_tally.n + excluded.n;
    INSERT INTO agreement_country_tally (year, admin_unit_id, current_unit_id, status,
                                         country_alpha2, n)
    SELECT a.signed_year, a.admin_unit_id, a.current_unit_id, a.status, p.country_alpha2, 1
    FROM agreement a JOIN partner p ON p.id = NEW.partner_id
    WHERE a.id = NEW.agreement_id AND a.signed_year IS NOT NULL AND p.country_alpha2 IS NOT NULL
      AND (SELECT COUNT(*) FROM agreement_partner ap JOIN partner o ON o.id = ap.partner_id
           WHERE ap.agreement_id = a.id AND o.country_alpha2 = p.country_alpha2) = 1
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, country_alpha2)
    DO UPDATE SET n = agreement_country_tally.n + excluded.n;
END;

-- A partner's country changed: each of its agreements may lose the old country (no partner of it
-- left) and gain the new one (this partner is its only one).
CREATE TRIGGER partner_tally_update AFTER UPDATE OF country_alpha2 ON partner
WHEN OLD.country_alpha2 IS NOT NEW.country_alpha2
BEGIN
    INSERT INTO agreement_country_tally (year, admin_unit_id, current_unit_id, status,
                                         country_alpha2, n)
    SELECT a.signed_year, a.admin_unit_id, a.current_unit_id, a.status, OLD.country_alpha2,
           -COUNT(*)
    FROM agreement_partner ap JOIN agreement a ON a.id = ap.agreement_id
    WHERE ap.partner_id = NEW.id AND a.signed_year IS NOT NULL AND OLD.country_alpha2 IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM agreement_partner o JOIN partner p ON p.id = o.partner_id
                      WHERE o.agreement_id = a.id AND p.country_alpha2 = OLD.country_alpha2)
    GROUP BY a.signed_year, a.admin_unit_id, a.current_unit_id, a.status
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, country_alpha2)
    DO UPDATE SET n = agreement_country_tally.n + excluded.n;
    INSERT INTO agreement_country_tally (year, admin_unit_id, current_unit_id, status,
                                         country_alpha2, n)
    SELECT a.signed_year, a.admin_unit_id, a.current_unit_id, a.status, NEW.country_alpha2,
           COUNT(*)
    FROM agreement_partner ap JOIN agreement a ON a.id = ap.agreement_id
    WHERE ap.partner_id = NEW.id AND a.signed_year IS NOT NULL AND NEW.country_alpha2 IS NOT NULL
      AND (SELECT COUNT(*) FROM agreement_partner o JOIN partner p ON p.id = o.partner_id
           WHERE o.agreement_id = a.id AND p.country_alpha2 = NEW.country_alpha2) = 1
    GROUP BY a.signed_year, a.admin_unit_id, a.current_unit_id, a.status
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, country_alpha2)
    DO UPDATE SET n = agreement_country_tally.n + excluded.n;
END;

-- Commitments: each one done counts by itself, in the month it was done.
CREATE TRIGGER commitment_tally_insert AFTER INSERT ON commitment
WHEN NEW.status = 'done' AND NEW.done_on IS NOT NULL
BEGIN
    INSERT INTO commitment_done_tally (year, month, admin_unit_id, current_unit_id, n)
    SELECT CAST(SUBSTR(NEW.done_on, 1, 4) AS INTEGER), CAST(SUBSTR(NEW.done_on, 6, 2) AS INTEGER),
           a.admin_unit_id, a.current_unit_id, 1
    FROM agreement a WHERE a.id = NEW.agreement_id
    ON CONFLICT (year, month, admin_unit_id, current_unit_id)
    DO UPDATE SET n = commitment_done_tally.n + excluded.n;
END;
CREATE TRIGGER commitment_tally_delete AFTER DELETE ON commitment
WHEN OLD.status = 'done' AND OLD.done_on IS NOT NULL
BEGIN
    INSERT INTO commitment_done_tally (year, month, admin_unit_id, current_unit_id, n)
    SELECT CAST(SUBSTR(OLD.done_on, 1, 4) AS INTEGER), CAST(SUBSTR(OLD.done_on, 6, 2) AS INTEGER),
           a.admin_unit_id, a.current_unit_id, -1
    FROM agreement a WHERE a.id = OLD.agreement_id
    ON CONFLICT (year, month, admin_unit_id, current_unit_id)
    DO UPDATE SET n = commitment_done_tally.n + excluded.n;
END;
CREATE TRIGGER commitment_tally_update AFTER UPDATE OF agreement_id, status, done_on ON commitment
BEGIN
    INSERT INTO commitment_done_tally (year, month, admin_unit_id, current_unit_id, n)
    SELECT CAST(SUBSTR(OLD.done_on, 1, 4) AS INTEGER), CAST(SUBSTR(OLD.done_on, 6, 2) AS INTEGER),
           a.admin_unit_id, a.current_unit_id, -1
    FROM agreement a
    WHERE a.id = OLD.agreement_id AND OLD.status = 'done' AND OLD.done_on IS NOT NULL
    ON CONFLICT (year, month, admin_unit_id, current_unit_id)
    DO UPDATE SET n = commitment_done_tally.n + excluded.n;
    INSERT INTO commitment_done_tally (year, month, admin_unit_id, current_unit_id, n)
    SELECT CAST(SUBSTR(NEW.done_on, 1, 4) AS INTEGER), CAST(SUBSTR(NEW.done_on, 6, 2) AS INTEGER),
           a.admin_unit_id, a.current_unit_id, 1
    FROM agreement a
    WHERE a.id = NEW.agreement_id AND NEW.status = 'done' AND NEW.done_on IS NOT NULL
    ON CONFLICT (year, month, admin_unit_id, current_unit_id)
    DO UPDATE SET n = commitment_done_tally.n + excluded.n;
END;

-- Delegations and events: each row counts by itself.
CREATE TRIGGER delegation_tally_insert AFTER INSERT ON delegation
BEGIN
    INSERT INTO delegation_tally (year, admin_unit_id, current_unit_id, direction, level, status, n)
    VALUES (NEW.start_year, NEW.admin_unit_id, NEW.current_unit_id, NEW.direction, NEW.level,
            NEW.status, 1)
    ON CONFLICT (year, admin_unit_id, current_unit_id, direction, level, status)
    DO UPDATE SET n = delegation_tally.n + excluded.n;
END;
CREATE TRIGGER delegation_tally_delete AFTER DELETE ON delegation
BEGIN
    INSERT INTO delegation_tally (year, admin_unit_id, current_unit_id, direction, level, status, n)
    VALUES (OLD.start_year, OLD.admin_unit_id, OLD.current_unit_id, OLD.direction, OLD.level,
            OLD.status, -1)
    ON CONFLICT (year, admin_unit_id, current_unit_id, direction, level, status)
    DO UPDATE SET n = delegation_tally.n + excluded.n;
END;
CREATE TRIGGER delegation_tally_update
AFTER UPDATE OF start_year, admin_unit_id, current_unit_id, direction, level, status ON delegation
BEGIN
    INSERT INTO delegation_tally (year, admin_unit_id, current_unit_id, direction, level, status, n)
    VALUES (OLD.start_year, OLD.admin_unit_id, OLD.current_unit_id, OLD.direction, OLD.level,
            OLD.status, -1)
    ON CONFLICT (year, admin_unit_id, current_unit_id, direction, level, status)
    DO UPDATE SET n = delegation_tally.n + excluded.n;
    INSERT INTO delegation_tally (year, admin_unit_id, current_unit_id, direction, level, status, n)
    VALUES (NEW.start_year, NEW.admin_unit_id, NEW.current_unit_id, NEW.direction, NEW.level,
            NEW.status, 1)
    ON CONFLICT (year, admin_unit_id, current_unit_id, direction, level, status)
    DO UPDATE SET n = delegation_tally.n + excluded.n;
END;
CREATE TRIGGER event_tally_insert AFTER INSERT ON event
BEGIN
    INSERT INTO event_tally (year, admin_unit_id, current_unit_id, type, status, national, n)
    VALUES (NEW.start_year, COALESCE(NEW.admin_unit_id, 0), COALESCE(NEW.current_unit_id, 0),
            NEW.type, NEW.status, NEW.national, 1)
    ON CONFLICT (year, admin_unit_id, current_unit_id, type, status, national)
    DO UPDATE SET n = event_tally.n + excluded.n;
END;
CREATE TRIGGER event_tally_delete AFTER DELETE ON event
BEGIN
    INSERT INTO event_tally (year, admin_unit_id, current_unit_id, type, status, national, n)
    VALUES (OLD.start_year, COALESCE(OLD.admin_unit_id, 0), COALESCE(OLD.current_unit_id, 0),
            OLD.type, OLD.status, OLD.national, -1)
    ON CONFLICT (year, admin_unit_id, current_unit_id, type, status, national)
    DO UPDATE SET n = event_tally.n + excluded.n;
END;
CREATE TRIGGER event_tally_update
AFTER UPDATE OF start_year, admin_unit_id, current_unit_id, type, status, national ON event
BEGIN
    INSERT INTO event_tally (year, admin_unit_id, current_unit_id, type, status, national, n)
    VALUES (OLD.start_year, COALESCE(OLD.admin_unit_id, 0), COALESCE(OLD.current_unit_id, 0),
            OLD.type, OLD.status, OLD.national, -1)
    ON CONFLICT (year, admin_unit_id, current_unit_id, type, status, national)
    DO UPDATE SET n = event_tally.n + excluded.n;
    INSERT INTO event_tally (year, admin_unit_id, current_unit_id, type, status, national, n)
    VALUES (NEW.start_year, COALESCE(NEW.admin_unit_id, 0), COALESCE(NEW.current_unit_id, 0),
            NEW.type, NEW.status, NEW.national, 1)
    ON CONFLICT (year, admin_unit_id, current_unit_id, type, status, national)
    DO UPDATE SET n = event_tally.n + excluded.n;
END;
