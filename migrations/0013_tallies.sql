-- Counts kept with the records (issue 7 "Speed"; decision 0008, "Counts kept with the records").
--
-- A ten-year national dashboard at ten times a real country's volume read every record of the
-- ten years (180,000 delegations, 16,700 agreements with their fields, partners and results,
-- 112,000 commitments) on each request. These tallies hold the same counts per year, unit and
-- breakdown key, kept in the same transaction as each write of a record by the triggers below,
-- so that the dashboards read a few thousand rows whatever the number of records.
--
-- Each tally has a view, `<tally>_source`: what one record contributes, with the record's id.
-- It is the single definition of a tally: the triggers add a record's contribution (+) after a
-- write and take it away (-) before one; `ngoaivu tallies verify` compares each tally with its
-- view grouped, and `ngoaivu tallies rebuild` refills it from the view. The tallies keep every
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

-- The triggers: before a write, the record's contribution is taken away; after it, added.
-- A child row (a result, a field, a partner link, a commitment) refreshes its agreement's.
-- Deleting an agreement takes its whole contribution away first; its child rows, deleted by the
-- cascade after it, then find no agreement and change nothing.
CREATE TRIGGER agreement_tally_before_update BEFORE UPDATE OF signed_year, admin_unit_id, current_unit_id, status ON agreement
BEGIN
    INSERT INTO agreement_tally (year, admin_unit_id, current_unit_id, status, has_result, n)
    SELECT year, admin_unit_id, current_unit_id, status, has_result, -COUNT(*) FROM agreement_tally_source WHERE agreement_id IN (OLD.id)
    GROUP BY year, admin_unit_id, current_unit_id, status, has_result
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, has_result) DO UPDATE SET n = agreement_tally.n + excluded.n;
    INSERT INTO agreement_field_tally (year, admin_unit_id, current_unit_id, status, field, n)
    SELECT year, admin_unit_id, current_unit_id, status, field, -COUNT(*) FROM agreement_field_tally_source WHERE agreement_id IN (OLD.id)
    GROUP BY year, admin_unit_id, current_unit_id, status, field
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, field) DO UPDATE SET n = agreement_field_tally.n + excluded.n;
    INSERT INTO agreement_country_tally (year, admin_unit_id, current_unit_id, status, country_alpha2, n)
    SELECT year, admin_unit_id, current_unit_id, status, country_alpha2, -COUNT(*) FROM agreement_country_tally_source WHERE agreement_id IN (OLD.id)
    GROUP BY year, admin_unit_id, current_unit_id, status, country_alpha2
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, country_alpha2) DO UPDATE SET n = agreement_country_tally.n + excluded.n;
    INSERT INTO commitment_done_tally (year, month, admin_unit_id, current_unit_id, n)
    SELECT year, month, admin_unit_id, current_unit_id, -COUNT(*) FROM commitment_done_tally_source WHERE agreement_id IN (OLD.id)
    GROUP BY year, month, admin_unit_id, current_unit_id
    ON CONFLICT (year, month, admin_unit_id, current_unit_id) DO UPDATE SET n = commitment_done_tally.n + excluded.n;
END;
CREATE TRIGGER agreement_tally_after_update AFTER UPDATE OF signed_year, admin_unit_id, current_unit_id, status ON agreement
BEGIN
    INSERT INTO agreement_tally (year, admin_unit_id, current_unit_id, status, has_result, n)
    SELECT year, admin_unit_id, current_unit_id, status, has_result, COUNT(*) FROM agreement_tally_source WHERE agreement_id IN (NEW.id)
    GROUP BY year, admin_unit_id, current_unit_id, status, has_result
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, has_result) DO UPDATE SET n = agreement_tally.n + excluded.n;
    INSERT INTO agreement_field_tally (year, admin_unit_id, current_unit_id, status, field, n)
    SELECT year, admin_unit_id, current_unit_id, status, field, COUNT(*) FROM agreement_field_tally_source WHERE agreement_id IN (NEW.id)
    GROUP BY year, admin_unit_id, current_unit_id, status, field
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, field) DO UPDATE SET n = agreement_field_tally.n + excluded.n;
    INSERT INTO agreement_country_tally (year, admin_unit_id, current_unit_id, status, country_alpha2, n)
    SELECT year, admin_unit_id, current_unit_id, status, country_alpha2, COUNT(*) FROM agreement_country_tally_source WHERE agreement_id IN (NEW.id)
    GROUP BY year, admin_unit_id, current_unit_id, status, country_alpha2
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, country_alpha2) DO UPDATE SET n = agreement_country_tally.n + excluded.n;
    INSERT INTO commitment_done_tally (year, month, admin_unit_id, current_unit_id, n)
    SELECT year, month, admin_unit_id, current_unit_id, COUNT(*) FROM commitment_done_tally_source WHERE agreement_id IN (NEW.id)
    GROUP BY year, month, admin_unit_id, current_unit_id
    ON CONFLICT (year, month, admin_unit_id, current_unit_id) DO UPDATE SET n = commitment_done_tally.n + excluded.n;
END;
CREATE TRIGGER agreement_tally_before_delete BEFORE DELETE ON agreement
BEGIN
    INSERT INTO agreement_tally (year, admin_unit_id, current_unit_id, status, has_result, n)
    SELECT year, admin_unit_id, current_unit_id, status, has_result, -COUNT(*) FROM agreement_tally_source WHERE agreement_id IN (OLD.id)
    GROUP BY year, admin_unit_id, current_unit_id, status, has_result
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, has_result) DO UPDATE SET n = agreement_tally.n + excluded.n;
    INSERT INTO agreement_field_tally (year, admin_unit_id, current_unit_id, status, field, n)
    SELECT year, admin_unit_id, current_unit_id, status, field, -COUNT(*) FROM agreement_field_tally_source WHERE agreement_id IN (OLD.id)
    GROUP BY year, admin_unit_id, current_unit_id, status, field
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, field) DO UPDATE SET n = agreement_field_tally.n + excluded.n;
    INSERT INTO agreement_country_tally (year, admin_unit_id, current_unit_id, status, country_alpha2, n)
    SELECT year, admin_unit_id, current_unit_id, status, country_alpha2, -COUNT(*) FROM agreement_country_tally_source WHERE agreement_id IN (OLD.id)
    GROUP BY year, admin_unit_id, current_unit_id, status, country_alpha2
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, country_alpha2) DO UPDATE SET n = agreement_country_tally.n + excluded.n;
    INSERT INTO commitment_done_tally (year, month, admin_unit_id, current_unit_id, n)
    SELECT year, month, admin_unit_id, current_unit_id, -COUNT(*) FROM commitment_done_tally_source WHERE agreement_id IN (OLD.id)
    GROUP BY year, month, admin_unit_id, current_unit_id
    ON CONFLICT (year, month, admin_unit_id, current_unit_id) DO UPDATE SET n = commitment_done_tally.n + excluded.n;
END;
CREATE TRIGGER agreement_tally_after_insert AFTER INSERT ON agreement
BEGIN
    INSERT INTO agreement_tally (year, admin_unit_id, current_unit_id, status, has_result, n)
    SELECT year, admin_unit_id, current_unit_id, status, has_result, COUNT(*) FROM agreement_tally_source WHERE agreement_id IN (NEW.id)
    GROUP BY year, admin_unit_id, current_unit_id, status, has_result
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, has_result) DO UPDATE SET n = agreement_tally.n + excluded.n;
    INSERT INTO agreement_field_tally (year, admin_unit_id, current_unit_id, status, field, n)
    SELECT year, admin_unit_id, current_unit_id, status, field, COUNT(*) FROM agreement_field_tally_source WHERE agreement_id IN (NEW.id)
    GROUP BY year, admin_unit_id, current_unit_id, status, field
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, field) DO UPDATE SET n = agreement_field_tally.n + excluded.n;
    INSERT INTO agreement_country_tally (year, admin_unit_id, current_unit_id, status, country_alpha2, n)
    SELECT year, admin_unit_id, current_unit_id, status, country_alpha2, COUNT(*) FROM agreement_country_tally_source WHERE agreement_id IN (NEW.id)
    GROUP BY year, admin_unit_id, current_unit_id, status, country_alpha2
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, country_alpha2) DO UPDATE SET n = agreement_country_tally.n + excluded.n;
    INSERT INTO commitment_done_tally (year, month, admin_unit_id, current_unit_id, n)
    SELECT year, month, admin_unit_id, current_unit_id, COUNT(*) FROM commitment_done_tally_source WHERE agreement_id IN (NEW.id)
    GROUP BY year, month, admin_unit_id, current_unit_id
    ON CONFLICT (year, month, admin_unit_id, current_unit_id) DO UPDATE SET n = commitment_done_tally.n + excluded.n;
END;
CREATE TRIGGER result_tally_before_insert BEFORE INSERT ON result
BEGIN
    INSERT INTO agreement_tally (year, admin_unit_id, current_unit_id, status, has_result, n)
    SELECT year, admin_unit_id, current_unit_id, status, has_result, -COUNT(*) FROM agreement_tally_source WHERE agreement_id IN (NEW.agreement_id)
    GROUP BY year, admin_unit_id, current_unit_id, status, has_result
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, has_result) DO UPDATE SET n = agreement_tally.n + excluded.n;
END;
CREATE TRIGGER result_tally_after_insert AFTER INSERT ON result
BEGIN
    INSERT INTO agreement_tally (year, admin_unit_id, current_unit_id, status, has_result, n)
    SELECT year, admin_unit_id, current_unit_id, status, has_result, COUNT(*) FROM agreement_tally_source WHERE agreement_id IN (NEW.agreement_id)
    GROUP BY year, admin_unit_id, current_unit_id, status, has_result
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, has_result) DO UPDATE SET n = agreement_tally.n + excluded.n;
END;
CREATE TRIGGER result_tally_before_update BEFORE UPDATE OF agreement_id ON result
BEGIN
    INSERT INTO agreement_tally (year, admin_unit_id, current_unit_id, status, has_result, n)
    SELECT year, admin_unit_id, current_unit_id, status, has_result, -COUNT(*) FROM agreement_tally_source WHERE agreement_id IN (OLD.agreement_id, NEW.agreement_id)
    GROUP BY year, admin_unit_id, current_unit_id, status, has_result
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, has_result) DO UPDATE SET n = agreement_tally.n + excluded.n;
END;
CREATE TRIGGER result_tally_after_update AFTER UPDATE OF agreement_id ON result
BEGIN
    INSERT INTO agreement_tally (year, admin_unit_id, current_unit_id, status, has_result, n)
    SELECT year, admin_unit_id, current_unit_id, status, has_result, COUNT(*) FROM agreement_tally_source WHERE agreement_id IN (OLD.agreement_id, NEW.agreement_id)
    GROUP BY year, admin_unit_id, current_unit_id, status, has_result
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, has_result) DO UPDATE SET n = agreement_tally.n + excluded.n;
END;
CREATE TRIGGER result_tally_before_delete BEFORE DELETE ON result
BEGIN
    INSERT INTO agreement_tally (year, admin_unit_id, current_unit_id, status, has_result, n)
    SELECT year, admin_unit_id, current_unit_id, status, has_result, -COUNT(*) FROM agreement_tally_source WHERE agreement_id IN (OLD.agreement_id)
    GROUP BY year, admin_unit_id, current_unit_id, status, has_result
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, has_result) DO UPDATE SET n = agreement_tally.n + excluded.n;
END;
CREATE TRIGGER result_tally_after_delete AFTER DELETE ON result
BEGIN
    INSERT INTO agreement_tally (year, admin_unit_id, current_unit_id, status, has_result, n)
    SELECT year, admin_unit_id, current_unit_id, status, has_result, COUNT(*) FROM agreement_tally_source WHERE agreement_id IN (OLD.agreement_id)
    GROUP BY year, admin_unit_id, current_unit_id, status, has_result
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, has_result) DO UPDATE SET n = agreement_tally.n + excluded.n;
END;
CREATE TRIGGER agreement_field_tally_before_insert BEFORE INSERT ON agreement_field
BEGIN
    INSERT INTO agreement_field_tally (year, admin_unit_id, current_unit_id, status, field, n)
    SELECT year, admin_unit_id, current_unit_id, status, field, -COUNT(*) FROM agreement_field_tally_source WHERE agreement_id IN (NEW.agreement_id)
    GROUP BY year, admin_unit_id, current_unit_id, status, field
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, field) DO UPDATE SET n = agreement_field_tally.n + excluded.n;
END;
CREATE TRIGGER agreement_field_tally_after_insert AFTER INSERT ON agreement_field
BEGIN
    INSERT INTO agreement_field_tally (year, admin_unit_id, current_unit_id, status, field, n)
    SELECT year, admin_unit_id, current_unit_id, status, field, COUNT(*) FROM agreement_field_tally_source WHERE agreement_id IN (NEW.agreement_id)
    GROUP BY year, admin_unit_id, current_unit_id, status, field
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, field) DO UPDATE SET n = agreement_field_tally.n + excluded.n;
END;
CREATE TRIGGER agreement_field_tally_before_update BEFORE UPDATE OF agreement_id, field ON agreement_field
BEGIN
    INSERT INTO agreement_field_tally (year, admin_unit_id, current_unit_id, status, field, n)
    SELECT year, admin_unit_id, current_unit_id, status, field, -COUNT(*) FROM agreement_field_tally_source WHERE agreement_id IN (OLD.agreement_id, NEW.agreement_id)
    GROUP BY year, admin_unit_id, current_unit_id, status, field
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, field) DO UPDATE SET n = agreement_field_tally.n + excluded.n;
END;
CREATE TRIGGER agreement_field_tally_after_update AFTER UPDATE OF agreement_id, field ON agreement_field
BEGIN
    INSERT INTO agreement_field_tally (year, admin_unit_id, current_unit_id, status, field, n)
    SELECT year, admin_unit_id, current_unit_id, status, field, COUNT(*) FROM agreement_field_tally_source WHERE agreement_id IN (OLD.agreement_id, NEW.agreement_id)
    GROUP BY year, admin_unit_id, current_unit_id, status, field
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, field) DO UPDATE SET n = agreement_field_tally.n + excluded.n;
END;
CREATE TRIGGER agreement_field_tally_before_delete BEFORE DELETE ON agreement_field
BEGIN
    INSERT INTO agreement_field_tally (year, admin_unit_id, current_unit_id, status, field, n)
    SELECT year, admin_unit_id, current_unit_id, status, field, -COUNT(*) FROM agreement_field_tally_source WHERE agreement_id IN (OLD.agreement_id)
    GROUP BY year, admin_unit_id, current_unit_id, status, field
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, field) DO UPDATE SET n = agreement_field_tally.n + excluded.n;
END;
CREATE TRIGGER agreement_field_tally_after_delete AFTER DELETE ON agreement_field
BEGIN
    INSERT INTO agreement_field_tally (year, admin_unit_id, current_unit_id, status, field, n)
    SELECT year, admin_unit_id, current_unit_id, status, field, COUNT(*) FROM agreement_field_tally_source WHERE agreement_id IN (OLD.agreement_id)
    GROUP BY year, admin_unit_id, current_unit_id, status, field
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, field) DO UPDATE SET n = agreement_field_tally.n + excluded.n;
END;
CREATE TRIGGER agreement_partner_tally_before_insert BEFORE INSERT ON agreement_partner
BEGIN
    INSERT INTO agreement_country_tally (year, admin_unit_id, current_unit_id, status, country_alpha2, n)
    SELECT year, admin_unit_id, current_unit_id, status, country_alpha2, -COUNT(*) FROM agreement_country_tally_source WHERE agreement_id IN (NEW.agreement_id)
    GROUP BY year, admin_unit_id, current_unit_id, status, country_alpha2
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, country_alpha2) DO UPDATE SET n = agreement_country_tally.n + excluded.n;
END;
CREATE TRIGGER agreement_partner_tally_after_insert AFTER INSERT ON agreement_partner
BEGIN
    INSERT INTO agreement_country_tally (year, admin_unit_id, current_unit_id, status, country_alpha2, n)
    SELECT year, admin_unit_id, current_unit_id, status, country_alpha2, COUNT(*) FROM agreement_country_tally_source WHERE agreement_id IN (NEW.agreement_id)
    GROUP BY year, admin_unit_id, current_unit_id, status, country_alpha2
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, country_alpha2) DO UPDATE SET n = agreement_country_tally.n + excluded.n;
END;
CREATE TRIGGER agreement_partner_tally_before_update BEFORE UPDATE OF agreement_id, partner_id ON agreement_partner
BEGIN
    INSERT INTO agreement_country_tally (year, admin_unit_id, current_unit_id, status, country_alpha2, n)
    SELECT year, admin_unit_id, current_unit_id, status, country_alpha2, -COUNT(*) FROM agreement_country_tally_source WHERE agreement_id IN (OLD.agreement_id, NEW.agreement_id)
    GROUP BY year, admin_unit_id, current_unit_id, status, country_alpha2
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, country_alpha2) DO UPDATE SET n = agreement_country_tally.n + excluded.n;
END;
CREATE TRIGGER agreement_partner_tally_after_update AFTER UPDATE OF agreement_id, partner_id ON agreement_partner
BEGIN
    INSERT INTO agreement_country_tally (year, admin_unit_id, current_unit_id, status, country_alpha2, n)
    SELECT year, admin_unit_id, current_unit_id, status, country_alpha2, COUNT(*) FROM agreement_country_tally_source WHERE agreement_id IN (OLD.agreement_id, NEW.agreement_id)
    GROUP BY year, admin_unit_id, current_unit_id, status, country_alpha2
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, country_alpha2) DO UPDATE SET n = agreement_country_tally.n + excluded.n;
END;
CREATE TRIGGER agreement_partner_tally_before_delete BEFORE DELETE ON agreement_partner
BEGIN
    INSERT INTO agreement_country_tally (year, admin_unit_id, current_unit_id, status, country_alpha2, n)
    SELECT year, admin_unit_id, current_unit_id, status, country_alpha2, -COUNT(*) FROM agreement_country_tally_source WHERE agreement_id IN (OLD.agreement_id)
    GROUP BY year, admin_unit_id, current_unit_id, status, country_alpha2
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, country_alpha2) DO UPDATE SET n = agreement_country_tally.n + excluded.n;
END;
CREATE TRIGGER agreement_partner_tally_after_delete AFTER DELETE ON agreement_partner
BEGIN
    INSERT INTO agreement_country_tally (year, admin_unit_id, current_unit_id, status, country_alpha2, n)
    SELECT year, admin_unit_id, current_unit_id, status, country_alpha2, COUNT(*) FROM agreement_country_tally_source WHERE agreement_id IN (OLD.agreement_id)
    GROUP BY year, admin_unit_id, current_unit_id, status, country_alpha2
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, country_alpha2) DO UPDATE SET n = agreement_country_tally.n + excluded.n;
END;
CREATE TRIGGER partner_tally_before_update BEFORE UPDATE OF country_alpha2 ON partner
BEGIN
    INSERT INTO agreement_country_tally (year, admin_unit_id, current_unit_id, status, country_alpha2, n)
    SELECT year, admin_unit_id, current_unit_id, status, country_alpha2, -COUNT(*) FROM agreement_country_tally_source WHERE agreement_id IN (SELECT ap.agreement_id FROM agreement_partner ap WHERE ap.partner_id = OLD.id)
    GROUP BY year, admin_unit_id, current_unit_id, status, country_alpha2
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, country_alpha2) DO UPDATE SET n = agreement_country_tally.n + excluded.n;
END;
CREATE TRIGGER partner_tally_after_update AFTER UPDATE OF country_alpha2 ON partner
BEGIN
    INSERT INTO agreement_country_tally (year, admin_unit_id, current_unit_id, status, country_alpha2, n)
    SELECT year, admin_unit_id, current_unit_id, status, country_alpha2, COUNT(*) FROM agreement_country_tally_source WHERE agreement_id IN (SELECT ap.agreement_id FROM agreement_partner ap WHERE ap.partner_id = NEW.id)
    GROUP BY year, admin_unit_id, current_unit_id, status, country_alpha2
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, country_alpha2) DO UPDATE SET n = agreement_country_tally.n + excluded.n;
END;
CREATE TRIGGER commitment_tally_before_insert BEFORE INSERT ON commitment
BEGIN
    INSERT INTO commitment_done_tally (year, month, admin_unit_id, current_unit_id, n)
    SELECT year, month, admin_unit_id, current_unit_id, -COUNT(*) FROM commitment_done_tally_source WHERE agreement_id IN (NEW.agreement_id)
    GROUP BY year, month, admin_unit_id, current_unit_id
    ON CONFLICT (year, month, admin_unit_id, current_unit_id) DO UPDATE SET n = commitment_done_tally.n + excluded.n;
END;
CREATE TRIGGER commitment_tally_after_insert AFTER INSERT ON commitment
BEGIN
    INSERT INTO commitment_done_tally (year, month, admin_unit_id, current_unit_id, n)
    SELECT year, month, admin_unit_id, current_unit_id, COUNT(*) FROM commitment_done_tally_source WHERE agreement_id IN (NEW.agreement_id)
    GROUP BY year, month, admin_unit_id, current_unit_id
    ON CONFLICT (year, month, admin_unit_id, current_unit_id) DO UPDATE SET n = commitment_done_tally.n + excluded.n;
END;
CREATE TRIGGER commitment_tally_before_update BEFORE UPDATE OF agreement_id, status, done_on ON commitment
BEGIN
    INSERT INTO commitment_done_tally (year, month, admin_unit_id, current_unit_id, n)
    SELECT year, month, admin_unit_id, current_unit_id, -COUNT(*) FROM commitment_done_tally_source WHERE agreement_id IN (OLD.agreement_id, NEW.agreement_id)
    GROUP BY year, month, admin_unit_id, current_unit_id
    ON CONFLICT (year, month, admin_unit_id, current_unit_id) DO UPDATE SET n = commitment_done_tally.n + excluded.n;
END;
CREATE TRIGGER commitment_tally_after_update AFTER UPDATE OF agreement_id, status, done_on ON commitment
BEGIN
    INSERT INTO commitment_done_tally (year, month, admin_unit_id, current_unit_id, n)
    SELECT year, month, admin_unit_id, current_unit_id, COUNT(*) FROM commitment_done_tally_source WHERE agreement_id IN (OLD.agreement_id, NEW.agreement_id)
    GROUP BY year, month, admin_unit_id, current_unit_id
    ON CONFLICT (year, month, admin_unit_id, current_unit_id) DO UPDATE SET n = commitment_done_tally.n + excluded.n;
END;
CREATE TRIGGER commitment_tally_before_delete BEFORE DELETE ON commitment
BEGIN
    INSERT INTO commitment_done_tally (year, month, admin_unit_id, current_unit_id, n)
    SELECT year, month, admin_unit_id, current_unit_id, -COUNT(*) FROM commitment_done_tally_source WHERE agreement_id IN (OLD.agreement_id)
    GROUP BY year, month, admin_unit_id, current_unit_id
    ON CONFLICT (year, month, admin_unit_id, current_unit_id) DO UPDATE SET n = commitment_done_tally.n + excluded.n;
END;
CREATE TRIGGER commitment_tally_after_delete AFTER DELETE ON commitment
BEGIN
    INSERT INTO commitment_done_tally (year, month, admin_unit_id, current_unit_id, n)
    SELECT year, month, admin_unit_id, current_unit_id, COUNT(*) FROM commitment_done_tally_source WHERE agreement_id IN (OLD.agreement_id)
    GROUP BY year, month, admin_unit_id, current_unit_id
    ON CONFLICT (year, month, admin_unit_id, current_unit_id) DO UPDATE SET n = commitment_done_tally.n + excluded.n;
END;
CREATE TRIGGER delegation_tally_before_update BEFORE UPDATE OF start_year, admin_unit_id, current_unit_id, direction, level, status ON delegation
BEGIN
    INSERT INTO delegation_tally (year, admin_unit_id, current_unit_id, direction, level, status, n)
    SELECT year, admin_unit_id, current_unit_id, direction, level, status, -COUNT(*) FROM delegation_tally_source WHERE delegation_id IN (OLD.id)
    GROUP BY year, admin_unit_id, current_unit_id, direction, level, status
    ON CONFLICT (year, admin_unit_id, current_unit_id, direction, level, status) DO UPDATE SET n = delegation_tally.n + excluded.n;
END;
CREATE TRIGGER delegation_tally_after_update AFTER UPDATE OF start_year, admin_unit_id, current_unit_id, direction, level, status ON delegation
BEGIN
    INSERT INTO delegation_tally (year, admin_unit_id, current_unit_id, direction, level, status, n)
    SELECT year, admin_unit_id, current_unit_id, direction, level, status, COUNT(*) FROM delegation_tally_source WHERE delegation_id IN (NEW.id)
    GROUP BY year, admin_unit_id, current_unit_id, direction, level, status
    ON CONFLICT (year, admin_unit_id, current_unit_id, direction, level, status) DO UPDATE SET n = delegation_tally.n + excluded.n;
END;
CREATE TRIGGER delegation_tally_before_delete BEFORE DELETE ON delegation
BEGIN
    INSERT INTO delegation_tally (year, admin_unit_id, current_unit_id, direction, level, status, n)
    SELECT year, admin_unit_id, current_unit_id, direction, level, status, -COUNT(*) FROM delegation_tally_source WHERE delegation_id IN (OLD.id)
    GROUP BY year, admin_unit_id, current_unit_id, direction, level, status
    ON CONFLICT (year, admin_unit_id, current_unit_id, direction, level, status) DO UPDATE SET n = delegation_tally.n + excluded.n;
END;
CREATE TRIGGER delegation_tally_after_insert AFTER INSERT ON delegation
BEGIN
    INSERT INTO delegation_tally (year, admin_unit_id, current_unit_id, direction, level, status, n)
    SELECT year, admin_unit_id, current_unit_id, direction, level, status, COUNT(*) FROM delegation_tally_source WHERE delegation_id IN (NEW.id)
    GROUP BY year, admin_unit_id, current_unit_id, direction, level, status
    ON CONFLICT (year, admin_unit_id, current_unit_id, direction, level, status) DO UPDATE SET n = delegation_tally.n + excluded.n;
END;
CREATE TRIGGER event_tally_before_update BEFORE UPDATE OF start_year, admin_unit_id, current_unit_id, type, status, national ON event
BEGIN
    INSERT INTO event_tally (year, admin_unit_id, current_unit_id, type, status, national, n)
    SELECT year, admin_unit_id, current_unit_id, type, status, national, -COUNT(*) FROM event_tally_source WHERE event_id IN (OLD.id)
    GROUP BY year, admin_unit_id, current_unit_id, type, status, national
    ON CONFLICT (year, admin_unit_id, current_unit_id, type, status, national) DO UPDATE SET n = event_tally.n + excluded.n;
END;
CREATE TRIGGER event_tally_after_update AFTER UPDATE OF start_year, admin_unit_id, current_unit_id, type, status, national ON event
BEGIN
    INSERT INTO event_tally (year, admin_unit_id, current_unit_id, type, status, national, n)
    SELECT year, admin_unit_id, current_unit_id, type, status, national, COUNT(*) FROM event_tally_source WHERE event_id IN (NEW.id)
    GROUP BY year, admin_unit_id, current_unit_id, type, status, national
    ON CONFLICT (year, admin_unit_id, current_unit_id, type, status, national) DO UPDATE SET n = event_tally.n + excluded.n;
END;
CREATE TRIGGER event_tally_before_delete BEFORE DELETE ON event
BEGIN
    INSERT INTO event_tally (year, admin_unit_id, current_unit_id, type, status, national, n)
    SELECT year, admin_unit_id, current_unit_id, type, status, national, -COUNT(*) FROM event_tally_source WHERE event_id IN (OLD.id)
    GROUP BY year, admin_unit_id, current_unit_id, type, status, national
    ON CONFLICT (year, admin_unit_id, current_unit_id, type, status, national) DO UPDATE SET n = event_tally.n + excluded.n;
END;
CREATE TRIGGER event_tally_after_insert AFTER INSERT ON event
BEGIN
    INSERT INTO event_tally (year, admin_unit_id, current_unit_id, type, status, national, n)
    SELECT year, admin_unit_id, current_unit_id, type, status, national, COUNT(*) FROM event_tally_source WHERE event_id IN (NEW.id)
    GROUP BY year, admin_unit_id, current_unit_id, type, status, national
    ON CONFLICT (year, admin_unit_id, current_unit_id, type, status, national) DO UPDATE SET n = event_tally.n + excluded.n;
END;
