-- Events (issue 6): international conferences and seminars hosted in a province (Decision
-- 06/2020/QĐ-TTg, LAW-AND-PRACTICE.md §3.2), trade and investment promotion, exhibitions,
-- cultural diplomacy, the National Conferences on Local Foreign Affairs and the Diplomatic
-- Conferences. Dates are ISO text ("2023-12-18"); timestamps ISO 8601 UTC text; flags 0 or 1.
--
-- An event belongs to its first hosting province (admin_unit_id: the province as of starts_on,
-- one of the 63 before 1 July 2025 or the 34 after; current_unit_id: the same province by today's
-- boundaries), or to no province when it is national (both NULL). Its workflow state and legal
-- dates live on the row; every step is a row of event_history, every legal deadline a row of
-- event_deadline; the description's lists are child rows.
CREATE TABLE event (
    id INTEGER PRIMARY KEY,
    title_vi TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    type TEXT NOT NULL CHECK (type IN ('international_conference', 'trade_promotion',
                                       'exhibition', 'cultural_diplomacy',
                                       'national_review_conference', 'diplomatic_conference',
                                       'other')),
    theme TEXT NOT NULL DEFAULT '',
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    start_year INTEGER NOT NULL,                       -- year of starts_on, for filters and counts
    format TEXT NOT NULL CHECK (format IN ('in_person', 'online', 'hybrid')),
    venue TEXT NOT NULL DEFAULT '',
    national INTEGER NOT NULL DEFAULT 0 CHECK (national IN (0, 1)),
    admin_unit_id INTEGER REFERENCES admin_unit (id),
    current_unit_id INTEGER REFERENCES admin_unit (id),
    foreign_sponsor INTEGER NOT NULL DEFAULT 0 CHECK (foreign_sponsor IN (0, 1)),
    funding TEXT NOT NULL DEFAULT '',
    participants_vietnamese INTEGER NOT NULL DEFAULT 0 CHECK (participants_vietnamese >= 0),
    participants_foreign INTEGER NOT NULL DEFAULT 0 CHECK (participants_foreign >= 0),
    delegates_in_person INTEGER NOT NULL DEFAULT 0 CHECK (delegates_in_person >= 0),
    highest_foreign_rank TEXT NOT NULL DEFAULT 'none'
        CHECK (highest_foreign_rank IN ('head_of_state_or_government', 'minister_or_higher',
                                        'deputy_minister', 'ambassador', 'other_official',
                                        'expert', 'none')),
    state_secret INTEGER NOT NULL DEFAULT 0 CHECK (state_secret IN (0, 1)),
    decider TEXT NOT NULL CHECK (decider IN ('prime_minister', 'minister', 'provincial_chairman',
                                             'none')),
    status TEXT NOT NULL CHECK (status IN ('planned', 'requested', 'consulting', 'submitted_pm',
                                           'approved', 'rejected', 'held', 'reported',
                                           'cancelled')),
    requested_on TEXT,                                 -- the request for permission received
    decision_ref TEXT NOT NULL DEFAULT '',             -- number and date of the permission
    decided_on TEXT,
    consultation_due_on TEXT,                          -- latest due date of open consultations
    report_due_on TEXT,                                -- the result report (Form 02)
    reported_on TEXT,
    next_due_on TEXT,                                  -- earliest open deadline, NULL when none
    ordinal INTEGER CHECK (ordinal IS NULL OR (ordinal >= 1 AND ordinal <= 1000)),
    note TEXT NOT NULL DEFAULT '',
    search_text TEXT NOT NULL,                         -- titles, theme and venue, folded
    created_by INTEGER REFERENCES app_user (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    CHECK (ends_on >= starts_on),
    CHECK ((national = 1 AND admin_unit_id IS NULL AND current_unit_id IS NULL)
           OR (national = 0 AND admin_unit_id IS NOT NULL AND current_unit_id IS NOT NULL))
);
-- A province's list in date order, by the boundaries of the time or of today; the calendar of
-- a month per province (starts_on <= month end, ends_on >= month start, and, since an event
-- lasts at most 366 days, starts_on >= month start - 366 days: a range of the index).
CREATE INDEX event_unit_start ON event (admin_unit_id, starts_on);
CREATE INDEX event_current_start ON event (current_unit_id, starts_on);
-- The national calendar of a month, and the list in date order.
CREATE INDEX event_calendar ON event (starts_on, ends_on);
CREATE INDEX event_type ON event (type, starts_on);
CREATE INDEX event_status ON event (status, starts_on);
-- A year's events, and the counts by province × year × type (the indicators module).
CREATE INDEX event_year_current ON event (start_year, current_unit_id, type);
CREATE INDEX event_year_unit ON event (start_year, admin_unit_id, type);
-- Something due: the earliest open deadline of the event.
CREATE INDEX event_next_due ON event (next_due_on);
CREATE INDEX event_unit_next_due ON event (admin_unit_id, next_due_on);
CREATE INDEX event_title ON event (title_vi COLLATE vi, id);
-- An import's check for an event recorded already (same province, title and first day).
CREATE INDEX event_duplicate ON event (admin_unit_id, title_vi, starts_on);

-- The hosting provinces in order (position 0 is admin_unit_id), each by the boundaries of
-- starts_on and of today.
CREATE TABLE event_unit (
    event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    admin_unit_id INTEGER NOT NULL REFERENCES admin_unit (id),
    current_unit_id INTEGER NOT NULL REFERENCES admin_unit (id),
    PRIMARY KEY (event_id, position),
    UNIQUE (event_id, admin_unit_id)
);
CREATE INDEX event_unit_unit ON event_unit (admin_unit_id);
CREATE INDEX event_unit_current ON event_unit (current_unit_id);

-- The countries of the foreign participants, in the order given.
CREATE TABLE event_country (
    event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    country_alpha2 TEXT NOT NULL REFERENCES country (alpha2),
    position INTEGER NOT NULL CHECK (position >= 0),
    PRIMARY KEY (event_id, country_alpha2)
);
CREATE INDEX event_country_country ON event_country (country_alpha2);

-- The organisers (the first is the applicant of Decision 06/2020).
CREATE TABLE event_organiser (
    event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    name TEXT NOT NULL,
    PRIMARY KEY (event_id, position)
);

-- The sites of an online or hybrid event (điểm cầu).
CREATE TABLE event_bridge_point (
    event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    name TEXT NOT NULL,
    admin_unit_id INTEGER REFERENCES admin_unit (id),  -- the province it is in, when known
    PRIMARY KEY (event_id, position)
);

-- The sensitive topics that put an international conference in the Prime Minister's hands.
CREATE TABLE event_sensitive_topic (
    event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    topic TEXT NOT NULL CHECK (topic IN ('sovereignty', 'security', 'defence', 'ethnicity',
                                         'religion', 'human_rights', 'state_secrets')),
    PRIMARY KEY (event_id, topic)
);

-- The programme. chairs and speakers are JSON arrays of strings (free text: name, title,
-- organisation); times are "HH:MM" or empty.
CREATE TABLE event_session (
    event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    title TEXT NOT NULL,
    day TEXT NOT NULL,
    starts_at TEXT NOT NULL DEFAULT '',
    ends_at TEXT NOT NULL DEFAULT '',
    chairs TEXT NOT NULL DEFAULT '[]',
    speakers TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (event_id, position)
);

-- Awards handed out at the event (the medal "Vì sự nghiệp ngoại giao", certificates of merit).
CREATE TABLE event_award (
    event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    kind TEXT NOT NULL CHECK (kind IN ('medal_vi_su_nghiep_ngoai_giao',
                                       'certificate_of_merit_minister',
                                       'certificate_of_merit_pm', 'other')),
    recipient TEXT NOT NULL,
    recipient_kind TEXT NOT NULL CHECK (recipient_kind IN ('person', 'organisation')),
    recipient_unit_id INTEGER REFERENCES admin_unit (id),
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, position)
);

-- Press articles about the event, kept as sources beside the record.
CREATE TABLE event_press_link (
    event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    outlet TEXT NOT NULL DEFAULT '',
    published_on TEXT,
    PRIMARY KEY (event_id, position)
);

-- The workflow history: every step, dated (the day it happened) and attributed.
CREATE TABLE event_history (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    action TEXT NOT NULL,
    happened_on TEXT NOT NULL,
    from_status TEXT NOT NULL DEFAULT '',
    to_status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    user_id INTEGER REFERENCES app_user (id),
    user_login TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX event_history_event ON event_history (event_id, id);

-- A legal deadline opened by a step and closed by a later one: a consulted body's opinion
-- (15 days) and the result report (Form 02, 15 days after the event).
CREATE TABLE event_deadline (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('consultation', 'result_report')),
    body TEXT NOT NULL DEFAULT '',                     -- the consulted body, or the recipient
    opened_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    closed_on TEXT,
    outcome TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'agree', 'disagree', 'comments',
                                                        'no_reply', 'done', 'cancelled')),
    note TEXT NOT NULL DEFAULT '',
    opened_history_id INTEGER REFERENCES event_history (id),
    closed_history_id INTEGER REFERENCES event_history (id)
);
CREATE INDEX event_deadline_event ON event_deadline (event_id);
CREATE INDEX event_deadline_open ON event_deadline (due_on) WHERE closed_on IS NULL;
