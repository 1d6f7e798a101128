-- Reference data: provincial-level units of both generations, countries, organisations.
-- Ids of admin units are deterministic (generation * 1000 + GSO code) so that every Ngoaivu
-- database (a province's embedded one, the national one) agrees on them.

CREATE TABLE admin_unit (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL,             -- GSO code; meaningful only together with the generation
    generation INTEGER NOT NULL CHECK (generation IN (1, 2)),
    kind TEXT NOT NULL CHECK (kind IN ('province', 'city')),
    name_vi TEXT NOT NULL,
    name_en TEXT NOT NULL,
    short_name_vi TEXT NOT NULL,    -- without "Tỉnh" / "Thành phố", for lists and charts
    valid_from TEXT NOT NULL,       -- ISO date
    valid_to TEXT,                  -- ISO date, NULL while in force
    search_text TEXT NOT NULL,      -- folded names (base/text Fold)
    UNIQUE (code, generation)
);

-- Which old unit became part of which new one (Resolution 202/2025/QH15).
CREATE TABLE admin_unit_succession (
    old_unit_id INTEGER NOT NULL REFERENCES admin_unit (id),
    new_unit_id INTEGER NOT NULL REFERENCES admin_unit (id),
    effective_date TEXT NOT NULL,
    PRIMARY KEY (old_unit_id, new_unit_id)
);
CREATE INDEX admin_unit_succession_new ON admin_unit_succession (new_unit_id);

CREATE TABLE country (
    alpha2 TEXT PRIMARY KEY,
    alpha3 TEXT NOT NULL UNIQUE,
    numeric_code TEXT NOT NULL,
    name_vi TEXT NOT NULL,          -- as MOFA writes it (data/reference/countries.csv)
    name_en TEXT NOT NULL,          -- ISO 3166-1 (Debian iso-codes)
    official_name_en TEXT,
    search_text TEXT NOT NULL
);

CREATE TABLE organisation (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,      -- "mofa", "ppc-01-2", "dofa-79-2", "emb-kr" ...
    kind TEXT NOT NULL CHECK (kind IN ('mofa', 'ppc', 'dofa', 'mission')),
    mission_kind TEXT CHECK (mission_kind IN ('embassy', 'consulate_general', 'permanent_mission')),
    name_vi TEXT NOT NULL,
    name_en TEXT NOT NULL,
    admin_unit_id INTEGER REFERENCES admin_unit (id),
    country_alpha2 TEXT REFERENCES country (alpha2),
    city_vi TEXT,
    city_en TEXT,
    search_text TEXT NOT NULL
);
CREATE INDEX organisation_kind ON organisation (kind);
