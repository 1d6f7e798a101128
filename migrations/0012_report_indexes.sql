-- Indexes for the dashboards and the national review report at ten times a real country's volume
-- over ten years (issue 7; bench/reports_bench.md, "Why it misses"). Each replaced index keeps
-- the leading columns of the one it replaces, so it still serves what that one served; the added
-- columns let the reports' breakdowns be answered from the index alone, without fetching each
-- delegation, event or agreement of the period from its table.

-- Delegations carried out in a period, by direction, level and province (review, dashboards).
DROP INDEX delegation_status;
CREATE INDEX delegation_status ON delegation (status, starts_on, direction, level, admin_unit_id,
                                              current_unit_id);
-- The high-level visits of the review: the top leaders' delegations of the period only.
CREATE INDEX delegation_level_start ON delegation (level, starts_on);

-- Events that took place, by type and by province. SQLite picks event_type (a skip scan over the
-- types), PostgreSQL (no skip scan) event_status: both are covering.
DROP INDEX event_type;
CREATE INDEX event_type ON event (type, starts_on, status, national, admin_unit_id,
                                  current_unit_id);
DROP INDEX event_status;
CREATE INDEX event_status ON event (status, starts_on, national, type, admin_unit_id,
                                    current_unit_id);

-- The agreements signed in a period, by year, province, field and country.
DROP INDEX agreement_year_unit;
CREATE INDEX agreement_year_unit ON agreement (signed_year, admin_unit_id, signed_on, status,
                                               current_unit_id);

-- Commitments done by year (the counted indicator commitments_done), with their agreement.
DROP INDEX commitment_done_on;
CREATE INDEX commitment_done_on ON commitment (done_on, agreement_id) WHERE status = 'done';

-- Statistics for the new indexes now, so that the planner does not choose by the old ones until
-- the next ANALYZE (see 0006).
ANALYZE delegation;
ANALYZE event;
ANALYZE agreement;
ANALYZE commitment;
