-- Foreign partners and international agreements with their workflow, legal deadlines,
-- commitments and results (issue 5). Dates are ISO text ("2025-07-01"); timestamps are
-- ISO 8601 UTC text. Every editable record has `version` for optimistic locking.

-- A foreign partner: a country, a foreign locality (province, state, city), an international
-- organisation, a company, a fund, a university or a foreign NGO. Partners are shared by every
-- province. A merged partner keeps its row, with merged_into_id set, so that old links and
-- addresses still resolve.
CREATE TABLE partner (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('country', 'locality', 'international_org', 'company',
                                       'fund', 'university', 'ngo', 'other')),
    name_original TEXT NOT NULL DEFAULT '',
    name_vi TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    country_alpha2 TEXT REFERENCES country (alpha2),   -- NULL for international organisations
    website TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    search_text TEXT NOT NULL,                         -- the names, folded (base/text.hpp Fold)
    -- Deferred, so that a copy in id order (migrate-data) may point to a later row.
    merged_into_id INTEGER REFERENCES partner (id) DEFERRABLE INITIALLY DEFERRED,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX partner_country ON partner (country_alpha2);
CREATE INDEX partner_kind ON partner (kind);
CREATE INDEX partner_merged_into ON partner (merged_into_id);

CREATE TABLE partner_contact (
    id INTEGER PRIMARY KEY,
    partner_id INTEGER NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT ''
);
CREATE INDEX partner_contact_partner ON partner_contact (partner_id);

-- Sister relations (kết nghĩa) between a foreign locality and a Vietnamese province.
CREATE TABLE sister_relation (
    id INTEGER PRIMARY KEY,
    partner_id INTEGER NOT NULL REFERENCES partner (id),
    admin_unit_id INTEGER NOT NULL REFERENCES admin_unit (id),
    established_on TEXT NOT NULL,
    ended_on TEXT,
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (partner_id, admin_unit_id, established_on)
);
CREATE INDEX sister_relation_unit ON sister_relation (admin_unit_id);

-- An international agreement (thỏa thuận quốc tế) of a province, one of its agencies or a border
-- commune (LAW-AND-PRACTICE.md §2.8). `admin_unit_id` is the province as of the signing date (of
-- the draft's creation while unsigned); `current_unit_id` is the same province by today's
-- boundaries, so that lists filter by either generation without a join.
CREATE TABLE agreement (
    id INTEGER PRIMARY KEY,
    title_vi TEXT NOT NULL,
    title_foreign TEXT NOT NULL DEFAULT '',
    form TEXT NOT NULL CHECK (form IN ('agreement', 'mou', 'minutes', 'programme', 'plan',
                                       'letter_of_intent', 'other')),
    party_kind TEXT NOT NULL CHECK (party_kind IN ('hdnd', 'ubnd', 'department', 'border_commune',
                                                   'organisation', 'district')),
    party_name TEXT NOT NULL,
    admin_unit_id INTEGER NOT NULL REFERENCES admin_unit (id),
    current_unit_id INTEGER NOT NULL REFERENCES admin_unit (id),
    procedure TEXT NOT NULL CHECK (procedure IN ('normal', 'shortened')),
    shortened_reason TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '',                -- ISO 639-1 codes, comma-separated
    status TEXT NOT NULL CHECK (status IN ('draft', 'consulting', 'referred_pm', 'approved',
                                           'signed', 'in_force', 'suspended', 'terminated',
                                           'expired', 'abandoned')),
    signed_on TEXT,
    signed_year INTEGER,                               -- year of signed_on, for filters
    signed_place TEXT NOT NULL DEFAULT '',
    signatory_vn TEXT NOT NULL DEFAULT '',
    signatory_foreign TEXT NOT NULL DEFAULT '',
    decision_ref TEXT NOT NULL DEFAULT '',             -- the decision permitting signature
    effective_on TEXT,
    term_months INTEGER,                               -- NULL: indefinite
    expires_on TEXT,
    renewal TEXT NOT NULL DEFAULT '',
    publication TEXT NOT NULL DEFAULT 'public' CHECK (publication IN ('public', 'restricted',
                                                                     'confidential')),
    portal_url TEXT NOT NULL DEFAULT '',
    archive_location TEXT NOT NULL DEFAULT '',
    inherited_from TEXT NOT NULL DEFAULT '',           -- Decree 177/2025: the old signing party
    rename_amended_on TEXT,                            -- name-only amendment after the merger
    content TEXT NOT NULL DEFAULT '',
    search_text TEXT NOT NULL,                         -- titles, folded
    next_due_on TEXT,                                  -- earliest open deadline, NULL when none
    has_result INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER REFERENCES app_user (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX agreement_unit ON agreement (admin_unit_id, signed_on);
CREATE INDEX agreement_current_unit ON agreement (current_unit_id, signed_on);
CREATE INDEX agreement_status ON agreement (status, signed_on);
CREATE INDEX agreement_year ON agreement (signed_year);
CREATE INDEX agreement_due ON agreement (next_due_on);
-- The lists' common shapes (bench/agreements_bench.md): a province with a status, in signing
-- order; titles in Vietnamese order.
CREATE INDEX agreement_current_status ON agreement (current_unit_id, status, signed_on);
CREATE INDEX agreement_unit_status ON agreement (admin_unit_id, status, signed_on);
CREATE INDEX agreement_title ON agreement (title_vi COLLATE vi, id);
-- An import's check for an agreement recorded already (same province, title and signing date).
CREATE INDEX agreement_duplicate ON agreement (admin_unit_id, title_vi, signed_on);

CREATE TABLE agreement_partner (
    agreement_id INTEGER NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
    partner_id INTEGER NOT NULL REFERENCES partner (id),
    PRIMARY KEY (agreement_id, partner_id)
);
CREATE INDEX agreement_partner_partner ON agreement_partner (partner_id);

CREATE TABLE agreement_field (
    agreement_id INTEGER NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
    field TEXT NOT NULL,                               -- a code of modules/agreements Fields()
    PRIMARY KEY (agreement_id, field)
);
CREATE INDEX agreement_field_field ON agreement_field (field);

-- The workflow history: every step, dated (the day it happened) and attributed.
CREATE TABLE agreement_event (
    id INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
    action TEXT NOT NULL,
    happened_on TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    user_id INTEGER REFERENCES app_user (id),
    user_login TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX agreement_event_agreement ON agreement_event (agreement_id, id);

-- A legal deadline opened by a step and closed by a later one: an opinion from a consulted body
-- (7 working days, 3 in the shortened procedure), the Prime Minister's reply (7 working days),
-- the report and signed copy to MOFA (15 days after signing), the notification of an amendment,
-- renewal, suspension, termination or expiry (15 days).
CREATE TABLE agreement_deadline (
    id INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('opinion', 'pm_reply', 'report_mofa', 'notify_mofa')),
    body TEXT NOT NULL DEFAULT '',                     -- for opinions: the consulted body
    opened_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    closed_on TEXT,
    outcome TEXT NOT NULL DEFAULT '',                  -- opinions: agree, disagree, comments
    note TEXT NOT NULL DEFAULT '',
    opened_event_id INTEGER REFERENCES agreement_event (id),
    closed_event_id INTEGER REFERENCES agreement_event (id)
);
CREATE INDEX agreement_deadline_agreement ON agreement_deadline (agreement_id);
CREATE INDEX agreement_deadline_open ON agreement_deadline (due_on) WHERE closed_on IS NULL;

CREATE TABLE commitment (
    id INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
    description TEXT NOT NULL,
    responsible_unit TEXT NOT NULL DEFAULT '',
    due_on TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
    done_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX commitment_agreement ON commitment (agreement_id);
CREATE INDEX commitment_open_due ON commitment (due_on)
    WHERE status IN ('open', 'in_progress');
CREATE INDEX commitment_open_agreement ON commitment (agreement_id, due_on)
    WHERE status IN ('open', 'in_progress');

CREATE TABLE result (
    id INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
    description TEXT NOT NULL,
    achieved_on TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX result_agreement ON result (agreement_id);

-- Figures of a result, in their unit ("usd", "people", "projects" ...); amounts in the unit's
-- smallest step, scaled by 100 (so 1234.5 USD is 123450).
CREATE TABLE result_figure (
    id INTEGER PRIMARY KEY,
    result_id INTEGER NOT NULL REFERENCES result (id) ON DELETE CASCADE,
    unit TEXT NOT NULL,
    amount_centi INTEGER NOT NULL
);
CREATE INDEX result_figure_result ON result_figure (result_id);
