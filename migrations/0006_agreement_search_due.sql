-- Agreements at national scale (issue 5 "Speed"; figures in bench/agreements_bench.md).
--
-- 1. The earliest date an agreement has something due: its earliest open deadline (next_due_on)
--    or its earliest open commitment, whichever comes first; NULL when nothing is open. Kept by
--    SqlAgreementRepository on every write of the agreement, its deadlines or its commitments.
--    "Overdue" becomes a range on an index (first_due_on < today) instead of a look-up of the
--    commitments of every agreement, and the province's due page starts from the province's
--    agreements that have anything due.
ALTER TABLE agreement ADD COLUMN first_due_on TEXT;
UPDATE agreement SET first_due_on = (
    SELECT CASE WHEN agreement.next_due_on IS NOT NULL
                     AND (MIN(c.due_on) IS NULL OR agreement.next_due_on < MIN(c.due_on))
                THEN agreement.next_due_on ELSE MIN(c.due_on) END
    FROM commitment c
    WHERE c.agreement_id = agreement.id AND c.status IN ('open', 'in_progress'));
CREATE INDEX agreement_first_due ON agreement (first_due_on);
CREATE INDEX agreement_unit_first_due ON agreement (admin_unit_id, first_due_on);
CREATE INDEX agreement_current_first_due ON agreement (current_unit_id, first_due_on);

-- 2. A year with the province (a province's list of one year reads the index, not every row of
--    the province).
CREATE INDEX agreement_year_unit ON agreement (signed_year, admin_unit_id);

-- 3. Search inside titles without reading every row: a trigram index of search_text (the folded
--    titles and party), kept by the triggers below. PostgreSQL has its own version of this
--    migration (postgres/0006_agreement_search_due.sql: pg_trgm).
CREATE VIRTUAL TABLE agreement_search USING fts5(
    search_text, content = 'agreement', content_rowid = 'id', tokenize = 'trigram');
INSERT INTO agreement_search (agreement_search) VALUES ('rebuild');
CREATE TRIGGER agreement_search_insert AFTER INSERT ON agreement BEGIN
    INSERT INTO agreement_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER agreement_search_delete AFTER DELETE ON agreement BEGIN
    INSERT INTO agreement_search (agreement_search, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER agreement_search_update AFTER UPDATE OF search_text ON agreement BEGIN
    INSERT INTO agreement_search (agreement_search, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    INSERT INTO agreement_search (rowid, search_text) VALUES (new.id, new.search_text);
END;

-- 4. Statistics for the planner on the new indexes (an analysed database would otherwise plan
--    with the old statistics and none for these: bench/agreements_bench.md measured the national
--    due page at 1.1 s instead of 9 ms before this).
ANALYZE agreement;
