-- PostgreSQL's version of 0006_agreement_search_due.sql: the same columns and indexes, and
-- pg_trgm for the search instead of SQLite's FTS5.
--
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
--    titles and party) that serves `search_text LIKE '%…%'`. pg_trgm ships with PostgreSQL
--    (Debian: postgresql-15) and is a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX agreement_search_trgm ON agreement USING gin (search_text gin_trgm_ops);

-- 4. Statistics for the planner on the new indexes (an analysed database would otherwise plan
--    with the old statistics and none for these: bench/agreements_bench.md measured the national
--    due page at 1.1 s instead of 9 ms before this).
ANALYZE agreement;
