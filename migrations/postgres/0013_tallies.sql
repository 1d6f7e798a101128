-- PostgreSQL's version of 0013_tallies.sql: the same tables (without SQLite's WITHOUT ROWID),
-- views and counts; triggers written for PostgreSQL's order of trigger firing (below).
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
    year BIGINT NOT NULL,                             -- signed_year
    admin_unit_id BIGINT NOT NULL,
    current_unit_id BIGINT NOT NULL,
    status TEXT NOT NULL,
    has_result BIGINT NOT NULL,                       -- 1 when it has at least one result row
    n BIGINT NOT NULL,
    PRIMARY KEY (year, admin_unit_id, current_unit_id, status, has_result)
);
CREATE VIEW agreement_tally_source AS
SELECT a.id AS agreement_id, a.signed_year AS year, a.admin_unit_id, a.current_unit_id, a.status,
       CASE WHEN EXISTS (SELECT 1 FROM result r WHERE r.agreement_id = a.id) THEN 1 ELSE 0 END
           AS has_result
FROM agreement a
WHERE a.signed_year IS NOT NULL;

CREATE TABLE agreement_field_tally (
    year BIGINT NOT NULL,
    admin_unit_id BIGINT NOT NULL,
    current_unit_id BIGINT NOT NULL,
    status TEXT NOT NULL,
    field TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (year, admin_unit_id, current_unit_id, status, field)
);
CREATE VIEW agreement_field_tally_source AS
SELECT a.id AS agreement_id, a.signed_year AS year, a.admin_unit_id, a.current_unit_id, a.status,
       f.field
FROM agreement a JOIN agreement_field f ON f.agreement_id = a.id
WHERE a.signed_year IS NOT NULL;

-- Each agreement once per country of its partners (international organisations have none).
CREATE TABLE agreement_country_tally (
    year BIGINT NOT NULL,
    admin_unit_id BIGINT NOT NULL,
    current_unit_id BIGINT NOT NULL,
    status TEXT NOT NULL,
    country_alpha2 TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (year, admin_unit_id, current_unit_id, status, country_alpha2)
);
CREATE VIEW agreement_country_tally_source AS
SELECT DISTINCT a.id AS agreement_id, a.signed_year AS year, a.admin_unit_id, a.current_unit_id,
       a.status, p.country_alpha2
FROM agreement a JOIN agreement_partner ap ON ap.agreement_id = a.id
     JOIN partner p ON p.id = ap.partner_id
WHERE a.signed_year IS NOT NULL AND p.country_alpha2 IS NOT NULL;

-- Commitments done, by the month they were done (the merger day is the first of a month, so
-- the readers can tell the commitments done before it from those done after).
CREATE TABLE commitment_done_tally (
    year BIGINT NOT NULL,
    month BIGINT NOT NULL,
    admin_unit_id BIGINT NOT NULL,
    current_unit_id BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (year, month, admin_unit_id, current_unit_id)
);
CREATE VIEW commitment_done_tally_source AS
SELECT a.id AS agreement_id, CAST(SUBSTR(c.done_on, 1, 4) AS BIGINT) AS year,
       CAST(SUBSTR(c.done_on, 6, 2) AS BIGINT) AS month, a.admin_unit_id, a.current_unit_id
FROM commitment c JOIN agreement a ON a.id = c.agreement_id
WHERE c.status = 'done' AND c.done_on IS NOT NULL;

CREATE TABLE delegation_tally (
    year BIGINT NOT NULL,                             -- start_year
    admin_unit_id BIGINT NOT NULL,
    current_unit_id BIGINT NOT NULL,
    direction TEXT NOT NULL,
    level TEXT NOT NULL,
    status TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (year, admin_unit_id, current_unit_id, direction, level, status)
);
CREATE VIEW delegation_tally_source AS
SELECT d.id AS delegation_id, d.start_year AS year, d.admin_unit_id, d.current_unit_id,
       d.direction, d.level, d.status
FROM delegation d;

CREATE TABLE event_tally (
    year BIGINT NOT NULL,                             -- start_year
    admin_unit_id BIGINT NOT NULL,                    -- 0: a national event
    current_unit_id BIGINT NOT NULL,
    type TEXT NOT NULL,
    status TEXT NOT NULL,
    national BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (year, admin_unit_id, current_unit_id, type, status, national)
);
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

-- The triggers. PostgreSQL runs AFTER ROW triggers at the end of the statement, once every row
-- of it has changed, and BEFORE ROW triggers as each row changes.
--
-- An agreement: its whole contribution (its own row, fields, partners' countries and commitments
-- done) is taken away BEFORE it changes keys or is deleted, and added AFTER it is inserted or has
-- changed keys; each contribution is the agreement's own, so the order of the rows of one
-- statement does not matter. Its child rows, deleted by the cascade after it, then find no
-- agreement and change nothing.
CREATE FUNCTION agreement_contribution_add(agreement_key BIGINT, sign BIGINT)
RETURNS void LANGUAGE sql AS $$
    INSERT INTO agreement_tally (year, admin_unit_id, current_unit_id, status, has_result, n)
    SELECT year, admin_unit_id, current_unit_id, status, has_result, sign
    FROM agreement_tally_source WHERE agreement_id = agreement_key
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, has_result)
    DO UPDATE SET n = agreement_tally.n + excluded.n;
    INSERT INTO agreement_field_tally (year, admin_unit_id, current_unit_id, status, field, n)
    SELECT year, admin_unit_id, current_unit_id, status, field, sign
    FROM agreement_field_tally_source WHERE agreement_id = agreement_key
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, field)
    DO UPDATE SET n = agreement_field_tally.n + excluded.n;
    INSERT INTO agreement_country_tally (year, admin_unit_id, current_unit_id, status,
                                         country_alpha2, n)
    SELECT year, admin_unit_id, current_unit_id, status, country_alpha2, sign
    FROM agreement_country_tally_source WHERE agreement_id = agreement_key
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, country_alpha2)
    DO UPDATE SET n = agreement_country_tally.n + excluded.n;
    INSERT INTO commitment_done_tally (year, month, admin_unit_id, current_unit_id, n)
    SELECT year, month, admin_unit_id, current_unit_id, sign * COUNT(*)
    FROM commitment_done_tally_source WHERE agreement_id = agreement_key
    GROUP BY year, month, admin_unit_id, current_unit_id
    ON CONFLICT (year, month, admin_unit_id, current_unit_id)
    DO UPDATE SET n = commitment_done_tally.n + excluded.n;
$$;
CREATE FUNCTION agreement_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_WHEN = 'BEFORE' THEN
        PERFORM agreement_contribution_add(OLD.id, -1);
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    PERFORM agreement_contribution_add(NEW.id, 1);
    RETURN NULL;
END $$;
CREATE TRIGGER agreement_tally_before
    BEFORE UPDATE OF signed_year, admin_unit_id, current_unit_id, status OR DELETE ON agreement
    FOR EACH ROW EXECUTE FUNCTION agreement_tally();
CREATE TRIGGER agreement_tally_after
    AFTER INSERT OR UPDATE OF signed_year, admin_unit_id, current_unit_id, status ON agreement
    FOR EACH ROW EXECUTE FUNCTION agreement_tally();

-- The child rows. Taking the agreement's contribution away before each and adding it after would
-- count an agreement twice when one statement changes two of its children (the AFTER triggers run
-- once all have changed). Instead:
-- - a field and a done commitment count by themselves: each row adds or takes away its own count;
-- - whether an agreement has a result, and which countries its partners are in, depend on all its
--   rows: statement triggers read the rows the statement changed (transition tables), and for each
--   agreement (and country) compare the count now with the count before (now minus the change),
--   moving the agreement only when "none" became "some" or the reverse.
-- An agreement that is gone (its children deleted by the cascade) changes nothing here: the
-- agreement's own trigger took its whole contribution away before it was deleted. No child table
-- has a BEFORE trigger, so a row that INSERT … ON CONFLICT DO NOTHING skips counts nothing.

CREATE FUNCTION agreement_field_row_add(agreement_key BIGINT, field_code TEXT, sign BIGINT)
RETURNS void LANGUAGE sql AS $$
    INSERT INTO agreement_field_tally (year, admin_unit_id, current_unit_id, status, field, n)
    SELECT a.signed_year, a.admin_unit_id, a.current_unit_id, a.status, field_code, sign
    FROM agreement a WHERE a.id = agreement_key AND a.signed_year IS NOT NULL
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, field)
    DO UPDATE SET n = agreement_field_tally.n + excluded.n;
$$;
CREATE FUNCTION agreement_field_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM agreement_field_row_add(OLD.agreement_id, OLD.field, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM agreement_field_row_add(NEW.agreement_id, NEW.field, 1);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER agreement_field_tally AFTER INSERT OR UPDATE OF agreement_id, field OR DELETE
    ON agreement_field FOR EACH ROW EXECUTE FUNCTION agreement_field_tally();

CREATE FUNCTION commitment_row_add(agreement_key BIGINT, row_status TEXT, row_done_on TEXT,
                                   sign BIGINT)
RETURNS void LANGUAGE sql AS $$
    INSERT INTO commitment_done_tally (year, month, admin_unit_id, current_unit_id, n)
    SELECT CAST(SUBSTR(row_done_on, 1, 4) AS BIGINT), CAST(SUBSTR(row_done_on, 6, 2) AS BIGINT),
           a.admin_unit_id, a.current_unit_id, sign
    FROM agreement a
    WHERE a.id = agreement_key AND row_status = 'done' AND row_done_on IS NOT NULL
    ON CONFLICT (year, month, admin_unit_id, current_unit_id)
    DO UPDATE SET n = commitment_done_tally.n + excluded.n;
$$;
CREATE FUNCTION commitment_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM commitment_row_add(OLD.agreement_id, OLD.status, OLD.done_on, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM commitment_row_add(NEW.agreement_id, NEW.status, NEW.done_on, 1);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER commitment_tally AFTER INSERT OR UPDATE OF agreement_id, status, done_on OR DELETE
    ON commitment FOR EACH ROW EXECUTE FUNCTION commitment_tally();

-- `ids` gained (+1) or lost (-1) one result each (an id may repeat).
CREATE FUNCTION agreement_results_changed(ids BIGINT[], changes BIGINT[])
RETURNS void LANGUAGE sql AS $$
    WITH delta AS (
        SELECT c.id, SUM(c.d) AS d FROM unnest(ids, changes) AS c(id, d) GROUP BY c.id
    ), state AS (
        SELECT a.signed_year AS year, a.admin_unit_id, a.current_unit_id, a.status,
               (SELECT COUNT(*) FROM result r WHERE r.agreement_id = a.id) AS now, delta.d
        FROM delta JOIN agreement a ON a.id = delta.id
        WHERE a.signed_year IS NOT NULL
    ), moves AS (
        SELECT year, admin_unit_id, current_unit_id, status,
               CASE WHEN now > 0 THEN 1 ELSE 0 END AS has_result, 1 AS n
        FROM state WHERE (now > 0) <> (now - d > 0)
        UNION ALL
        SELECT year, admin_unit_id, current_unit_id, status,
               CASE WHEN now - d > 0 THEN 1 ELSE 0 END, -1
        FROM state WHERE (now > 0) <> (now - d > 0)
    )
    INSERT INTO agreement_tally (year, admin_unit_id, current_unit_id, status, has_result, n)
    SELECT year, admin_unit_id, current_unit_id, status, has_result, SUM(n) FROM moves
    GROUP BY year, admin_unit_id, current_unit_id, status, has_result
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, has_result)
    DO UPDATE SET n = agreement_tally.n + excluded.n;
$$;
CREATE FUNCTION result_tally() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids BIGINT[];
    changes BIGINT[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(agreement_id), array_agg(1::BIGINT) INTO ids, changes FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(agreement_id), array_agg(-1::BIGINT) INTO ids, changes FROM old_rows;
    ELSE
        SELECT array_agg(c.agreement_id), array_agg(c.d) INTO ids, changes FROM (
            SELECT agreement_id, 1::BIGINT AS d FROM new_rows
            UNION ALL SELECT agreement_id, -1::BIGINT FROM old_rows) c;
    END IF;
    PERFORM agreement_results_changed(ids, changes);
    RETURN NULL;
END $$;
CREATE TRIGGER result_tally_insert AFTER INSERT ON result REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION result_tally();
CREATE TRIGGER result_tally_delete AFTER DELETE ON result REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION result_tally();
CREATE TRIGGER result_tally_update AFTER UPDATE ON result
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION result_tally();

-- Agreement `ids` gained (+1) or lost (-1) one partner of the country at the same place in
-- `countries` (NULL: an international organisation, not counted).
CREATE FUNCTION agreement_countries_changed(ids BIGINT[], countries TEXT[], changes BIGINT[])
RETURNS void LANGUAGE sql AS $$
    WITH delta AS (
        SELECT c.id, c.country, SUM(c.d) AS d
        FROM unnest(ids, countries, changes) AS c(id, country, d)
        WHERE c.country IS NOT NULL GROUP BY c.id, c.country
    ), state AS (
        SELECT a.signed_year AS year, a.admin_unit_id, a.current_unit_id, a.status,
               delta.country,
               (SELECT COUNT(*) FROM agreement_partner ap JOIN partner p ON p.id = ap.partner_id
                WHERE ap.agreement_id = a.id AND p.country_alpha2 = delta.country) AS now,
               delta.d
        FROM delta JOIN agreement a ON a.id = delta.id
        WHERE a.signed_year IS NOT NULL
    )
    INSERT INTO agreement_country_tally (year, admin_unit_id, current_unit_id, status,
                                         country_alpha2, n)
    SELECT year, admin_unit_id, current_unit_id, status, country,
           SUM(CASE WHEN now > 0 THEN 1 ELSE -1 END)
    FROM state WHERE (now > 0) <> (now - d > 0)
    GROUP BY year, admin_unit_id, current_unit_id, status, country
    ON CONFLICT (year, admin_unit_id, current_unit_id, status, country_alpha2)
    DO UPDATE SET n = agreement_country_tally.n + excluded.n;
$$;
CREATE FUNCTION agreement_partner_tally() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids BIGINT[];
    countries TEXT[];
    changes BIGINT[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(n.agreement_id), array_agg(p.country_alpha2), array_agg(1::BIGINT)
        INTO ids, countries, changes
        FROM new_rows n JOIN partner p ON p.id = n.partner_id;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(o.agreement_id), array_agg(p.country_alpha2), array_agg(-1::BIGINT)
        INTO ids, countries, changes
        FROM old_rows o JOIN partner p ON p.id = o.partner_id;
    ELSE
        SELECT array_agg(c.agreement_id), array_agg(p.country_alpha2), array_agg(c.d)
        INTO ids, countries, changes
        FROM (SELECT agreement_id, partner_id, 1::BIGINT AS d FROM new_rows
              UNION ALL SELECT agreement_id, partner_id, -1::BIGINT FROM old_rows) c
        JOIN partner p ON p.id = c.partner_id;
    END IF;
    PERFORM agreement_countries_changed(ids, countries, changes);
    RETURN NULL;
END $$;
CREATE TRIGGER agreement_partner_tally_insert AFTER INSERT ON agreement_partner
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION agreement_partner_tally();
CREATE TRIGGER agreement_partner_tally_delete AFTER DELETE ON agreement_partner
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION agreement_partner_tally();
CREATE TRIGGER agreement_partner_tally_update AFTER UPDATE ON agreement_partner
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION agreement_partner_tally();

-- A partner's country changed: each of its agreements lost a partner of the old country and
-- gained one of the new.
CREATE FUNCTION partner_tally() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids BIGINT[];
    countries TEXT[];
    changes BIGINT[];
BEGIN
    SELECT array_agg(c.agreement_id), array_agg(c.country), array_agg(c.d)
    INTO ids, countries, changes
    FROM (SELECT ap.agreement_id, n.country_alpha2 AS country, 1::BIGINT AS d
          FROM new_rows n JOIN agreement_partner ap ON ap.partner_id = n.id
          UNION ALL
          SELECT ap.agreement_id, o.country_alpha2, -1::BIGINT
          FROM old_rows o JOIN agreement_partner ap ON ap.partner_id = o.id) c;
    PERFORM agreement_countries_changed(ids, countries, changes);
    RETURN NULL;
END $$;
CREATE TRIGGER partner_tally AFTER UPDATE ON partner
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partner_tally();

-- Delegations and events: each row counts by itself.
CREATE FUNCTION delegation_row_add(y BIGINT, admin_unit BIGINT, current_unit BIGINT,
                                   row_direction TEXT, row_level TEXT, row_status TEXT,
                                   sign BIGINT)
RETURNS void LANGUAGE sql AS $$
    INSERT INTO delegation_tally (year, admin_unit_id, current_unit_id, direction, level, status, n)
    VALUES (y, admin_unit, current_unit, row_direction, row_level, row_status, sign)
    ON CONFLICT (year, admin_unit_id, current_unit_id, direction, level, status)
    DO UPDATE SET n = delegation_tally.n + excluded.n;
$$;
CREATE FUNCTION delegation_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM delegation_row_add(OLD.start_year, OLD.admin_unit_id, OLD.current_unit_id,
                                   OLD.direction, OLD.level, OLD.status, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM delegation_row_add(NEW.start_year, NEW.admin_unit_id, NEW.current_unit_id,
                                   NEW.direction, NEW.level, NEW.status, 1);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER delegation_tally
    AFTER INSERT OR UPDATE OF start_year, admin_unit_id, current_unit_id, direction, level, status
    OR DELETE ON delegation FOR EACH ROW EXECUTE FUNCTION delegation_tally();

CREATE FUNCTION event_row_add(y BIGINT, admin_unit BIGINT, current_unit BIGINT, row_type TEXT,
                              row_status TEXT, row_national BIGINT, sign BIGINT)
RETURNS void LANGUAGE sql AS $$
    INSERT INTO event_tally (year, admin_unit_id, current_unit_id, type, status, national, n)
    VALUES (y, COALESCE(admin_unit, 0), COALESCE(current_unit, 0), row_type, row_status,
            row_national, sign)
    ON CONFLICT (year, admin_unit_id, current_unit_id, type, status, national)
    DO UPDATE SET n = event_tally.n + excluded.n;
$$;
CREATE FUNCTION event_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM event_row_add(OLD.start_year, OLD.admin_unit_id, OLD.current_unit_id, OLD.type,
                              OLD.status, OLD.national, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM event_row_add(NEW.start_year, NEW.admin_unit_id, NEW.current_unit_id, NEW.type,
                              NEW.status, NEW.national, 1);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER event_tally
    AFTER INSERT OR UPDATE OF start_year, admin_unit_id, current_unit_id, type, status, national
    OR DELETE ON event FOR EACH ROW EXECUTE FUNCTION event_tally();
