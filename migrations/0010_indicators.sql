-- Indicators, reporting rounds, submissions and their values (chỉ tiêu, kỳ báo cáo; issue 7,
-- docs/decisions/0008-indicators-and-reports.md).
--
-- A value is stored as value_milli (the value × 1000, an integer) whatever its unit. Timestamps
-- are ISO 8601 UTC text with milliseconds; dates are ISO dates.

-- The definitions, edited by administrators. A counted indicator has counted_from (one of the
-- keys of decision 0008's table) and is yearly; an entered one has none.
CREATE TABLE indicator (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name_vi TEXT NOT NULL,
    name_en TEXT NOT NULL,
    unit TEXT NOT NULL CHECK (unit IN ('usd_million', 'vnd_billion', 'count', 'percent',
                                       'person')),
    aggregation TEXT NOT NULL CHECK (aggregation IN ('sum', 'average', 'last')),
    periodicity TEXT NOT NULL CHECK (periodicity IN ('month', 'quarter', 'year')),
    source TEXT NOT NULL CHECK (source IN ('entered', 'counted')),
    counted_from TEXT CHECK (counted_from IS NULL OR counted_from IN (
        'agreements_signed', 'agreements_with_results', 'delegations_outbound',
        'delegations_inbound', 'delegations_outbound_top', 'delegations_inbound_top',
        'events_international', 'commitments_done')),
    decimals INTEGER NOT NULL CHECK (decimals >= 0 AND decimals <= 3),
    min_milli INTEGER,
    max_milli INTEGER,
    required INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
    description_vi TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    sort_order INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    CHECK ((source = 'entered' AND counted_from IS NULL)
           OR (source = 'counted' AND counted_from IS NOT NULL AND periodicity = 'year'))
);
CREATE INDEX indicator_order ON indicator (sort_order, code);

-- A reporting round: one period of one periodicity (number: month 1-12, quarter 1-4, year 1),
-- reported by the provinces in force on its last day (generation 1 before 1 July 2025, 2 after).
CREATE TABLE indicator_round (
    id INTEGER PRIMARY KEY,
    periodicity TEXT NOT NULL CHECK (periodicity IN ('month', 'quarter', 'year')),
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    generation INTEGER NOT NULL CHECK (generation IN (1, 2)),
    note TEXT NOT NULL DEFAULT '',
    created_by INTEGER REFERENCES app_user (id),
    created_at TEXT NOT NULL,
    UNIQUE (periodicity, year, number)
);
CREATE INDEX indicator_round_year ON indicator_round (year, periodicity, number);

-- The indicators a round asks for, in order.
CREATE TABLE indicator_round_item (
    round_id INTEGER NOT NULL REFERENCES indicator_round (id) ON DELETE CASCADE,
    indicator_id INTEGER NOT NULL REFERENCES indicator (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (round_id, indicator_id)
);
CREATE INDEX indicator_round_item_indicator ON indicator_round_item (indicator_id);

-- One province's data set for one round, and its review workflow.
CREATE TABLE indicator_submission (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES indicator_round (id),
    admin_unit_id INTEGER NOT NULL REFERENCES admin_unit (id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),
    submitted_at TEXT,                                 -- the latest submission
    submitted_on TEXT,                                 -- its day in Vietnam (on time or late)
    decided_at TEXT,                                   -- the latest approval or return
    comment TEXT NOT NULL DEFAULT '',                  -- the latest return's comment
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (round_id, admin_unit_id)
);
CREATE INDEX indicator_submission_unit ON indicator_submission (admin_unit_id, round_id);

-- The values of a submission. Year, period, unit and approval are copied from the round and the
-- submission (kept in step by the repository) so that the yearly values read one index range.
CREATE TABLE indicator_value (
    submission_id INTEGER NOT NULL REFERENCES indicator_submission (id) ON DELETE CASCADE,
    indicator_id INTEGER NOT NULL REFERENCES indicator (id),
    value_milli INTEGER,
    comment TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    round_id INTEGER NOT NULL REFERENCES indicator_round (id),
    admin_unit_id INTEGER NOT NULL REFERENCES admin_unit (id),
    year INTEGER NOT NULL,
    period_number INTEGER NOT NULL,
    period_end_month INTEGER NOT NULL,                 -- 1-12: orders periods for "last"
    approved INTEGER NOT NULL DEFAULT 0 CHECK (approved IN (0, 1)),
    PRIMARY KEY (submission_id, indicator_id)
);
-- YearlyValues: the approved values of a span of years, covering the query.
CREATE INDEX indicator_value_yearly ON indicator_value (approved, year, indicator_id,
                                                        admin_unit_id, period_end_month,
                                                        value_milli);
CREATE INDEX indicator_value_indicator ON indicator_value (indicator_id);

-- The history of a submission: every save and workflow step.
CREATE TABLE indicator_submission_step (
    id INTEGER PRIMARY KEY,
    submission_id INTEGER NOT NULL REFERENCES indicator_submission (id) ON DELETE CASCADE,
    action TEXT NOT NULL,
    from_status TEXT NOT NULL DEFAULT '',
    to_status TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    user_id INTEGER REFERENCES app_user (id),
    user_login TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);
CREATE INDEX indicator_submission_step_submission ON indicator_submission_step (submission_id, id);

-- The counted indicators (decision 0008's table) group these by year and province.
CREATE INDEX agreement_signed_year_unit ON agreement (signed_year, admin_unit_id, status);
CREATE INDEX commitment_done_on ON commitment (done_on) WHERE status = 'done';
