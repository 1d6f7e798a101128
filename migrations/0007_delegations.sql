-- Delegations and visits (đoàn ra, đoàn vào; issue 6, LAW-AND-PRACTICE.md §3.1).
--
-- A delegation belongs to one province (admin_unit_id: the province as of its first day, one of
-- the 63 before 1 July 2025 or the 34 after; current_unit_id: the same province by today's
-- boundaries), and may involve others (delegation_unit). Its workflow state and dates live on the
-- row; every step is a row of delegation_step; the people, the programme, the partners, the
-- countries, the agreements signed during it and the follow-up actions are child rows.
CREATE TABLE delegation (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('outbound', 'inbound')),
    level TEXT NOT NULL CHECK (level IN ('top_leaders', 'provincial_leaders', 'department',
                                         'other')),
    admin_unit_id INTEGER NOT NULL REFERENCES admin_unit (id),
    current_unit_id INTEGER NOT NULL REFERENCES admin_unit (id),
    purpose TEXT NOT NULL DEFAULT '',
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    start_year INTEGER NOT NULL,                       -- year of starts_on, for counts
    funding TEXT NOT NULL CHECK (funding IN ('state_budget', 'inviting_party', 'enterprise',
                                             'sponsor', 'mixed', 'other')),
    report_due_days INTEGER NOT NULL DEFAULT 10,
    note TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected', 'cancelled',
                                           'in_progress', 'returned', 'reported', 'closed')),
    decision_ref TEXT NOT NULL DEFAULT '',
    decided_on TEXT,
    decided_by_login TEXT NOT NULL DEFAULT '',
    departed_on TEXT,
    returned_on TEXT,
    report_due_on TEXT,                                -- set at the return
    reported_on TEXT,
    report_summary TEXT NOT NULL DEFAULT '',
    outcome_commitments TEXT NOT NULL DEFAULT '',      -- commitments made, as written
    search_text TEXT NOT NULL,                         -- title, purpose and people, folded
    created_by INTEGER REFERENCES app_user (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX delegation_owner_start ON delegation (admin_unit_id, starts_on);
CREATE INDEX delegation_current_start ON delegation (current_unit_id, starts_on);
-- The calendar: every delegation that starts before a month ends and ends after it begins.
CREATE INDEX delegation_starts ON delegation (starts_on, ends_on);
-- The counts by province × year × direction × level (the indicators module).
CREATE INDEX delegation_counts ON delegation (start_year, admin_unit_id, direction, level, status);
CREATE INDEX delegation_status ON delegation (status, starts_on);
-- Reports due: returned delegations without a report.
CREATE INDEX delegation_report_due ON delegation (report_due_on) WHERE status = 'returned';

-- The other provinces involved (the owner is admin_unit_id).
CREATE TABLE delegation_unit (
    delegation_id INTEGER NOT NULL REFERENCES delegation (id) ON DELETE CASCADE,
    admin_unit_id INTEGER NOT NULL REFERENCES admin_unit (id),
    PRIMARY KEY (delegation_id, admin_unit_id)
);
CREATE INDEX delegation_unit_unit ON delegation_unit (admin_unit_id);

CREATE TABLE delegation_partner (
    delegation_id INTEGER NOT NULL REFERENCES delegation (id) ON DELETE CASCADE,
    partner_id INTEGER NOT NULL REFERENCES partner (id),
    PRIMARY KEY (delegation_id, partner_id)
);
CREATE INDEX delegation_partner_partner ON delegation_partner (partner_id);

CREATE TABLE delegation_country (
    delegation_id INTEGER NOT NULL REFERENCES delegation (id) ON DELETE CASCADE,
    country_alpha2 TEXT NOT NULL,
    PRIMARY KEY (delegation_id, country_alpha2)
);
CREATE INDEX delegation_country_country ON delegation_country (country_alpha2);

-- The head (role 'head') and the members, in the order of the decision.
CREATE TABLE delegation_person (
    id INTEGER PRIMARY KEY,
    delegation_id INTEGER NOT NULL REFERENCES delegation (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('head', 'deputy_head', 'member')),
    name TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    nationality TEXT NOT NULL DEFAULT '',
    name_folded TEXT NOT NULL                          -- for the overlap check before approval
);
CREATE INDEX delegation_person_delegation ON delegation_person (delegation_id, position);
CREATE INDEX delegation_person_name ON delegation_person (name_folded);

CREATE TABLE delegation_programme (
    id INTEGER PRIMARY KEY,
    delegation_id INTEGER NOT NULL REFERENCES delegation (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    day TEXT NOT NULL,
    time_text TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    activity TEXT NOT NULL DEFAULT '',
    partner_text TEXT NOT NULL DEFAULT ''
);
CREATE INDEX delegation_programme_delegation ON delegation_programme (delegation_id, position);

-- The workflow history: who did what, when.
CREATE TABLE delegation_step (
    id INTEGER PRIMARY KEY,
    delegation_id INTEGER NOT NULL REFERENCES delegation (id) ON DELETE CASCADE,
    action TEXT NOT NULL,
    happened_on TEXT NOT NULL,
    from_status TEXT NOT NULL DEFAULT '',
    to_status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    user_id INTEGER REFERENCES app_user (id),
    user_login TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);
CREATE INDEX delegation_step_delegation ON delegation_step (delegation_id, id);

-- Outcomes: the agreements signed during the delegation, and the follow-up actions.
CREATE TABLE delegation_agreement (
    delegation_id INTEGER NOT NULL REFERENCES delegation (id) ON DELETE CASCADE,
    agreement_id INTEGER NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
    PRIMARY KEY (delegation_id, agreement_id)
);
CREATE INDEX delegation_agreement_agreement ON delegation_agreement (agreement_id);

CREATE TABLE delegation_follow_up (
    id INTEGER PRIMARY KEY,
    delegation_id INTEGER NOT NULL REFERENCES delegation (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    description TEXT NOT NULL,
    responsible TEXT NOT NULL DEFAULT '',
    due_on TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
    done_on TEXT
);
CREATE INDEX delegation_follow_up_delegation ON delegation_follow_up (delegation_id, position);
