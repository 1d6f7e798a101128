-- The import file of bench/agreements_bench.sh (issue 5: "a 10,000-row XLSX import previews in
-- under 3 s"): prints bench_import_param.n rows (default 10,000) as CSV with the Vietnamese headers
-- of the import template (modules/agreements/agreement_sheet.cpp SheetColumns()), made from the
-- benchmark database through the sqlite3 CLI. The caller runs, in one sqlite3 session:
--
--   CREATE TEMP TABLE bench_import_param AS SELECT <n> AS n;
--   .read bench/agreements_import.sql        (prints the CSV on standard output)
--
-- Reads only (temporary tables). The rows are what a province keeps in Excel:
--   * titles like the benchmark's ("Bản ghi nhớ về hợp tác giáo dục, đào tạo giữa Ủy ban nhân dân
--     Tỉnh ... và ...") ending with a record number "(hồ sơ NK-2026-00001)", so that no title is in
--     the database already nor twice in the file: every row goes through the whole check
--     (partners, province as of the signing date, dates, duplicate search);
--   * statuses by Vietnamese name: Có hiệu lực 60 %, Hết hiệu lực 12, Đã ký 8, Chấm dứt 3,
--     Tạm đình chỉ 2, Dự thảo 15 (drafts: no dates, today's province);
--   * the signing province by Vietnamese name as of the signing date (an old unit before
--     01/07/2025, its successor from then on; Hà Nội and Hồ Chí Minh City weigh 8 times);
--   * 1 to 3 partners by Vietnamese name (partner table, merged ones left out), separated by "; ";
--     1 or 2 fields by Vietnamese name; dates dd/mm/yyyy: signed 2015 to yesterday, in force
--     the same day, expired after 5 years, reported to MOFA 10 days later when that day is past;
--   * 2 % of the rows with a problem, as real files have: every 100th row names a partner that
--     does not exist, every 100th + 50 a signing date 30 days ahead. Valid rows: n - 2 * floor(n /
--     100) - (1 when n mod 100 >= 50). The script checks the preview's "valid" against it.
-- The field names are those of modules/agreements/agreement.cpp Fields().

.headers off
.mode list

CREATE TEMP TABLE bi_today AS
SELECT date('now', '+7 hours') AS today,
       CAST(julianday(date('now', '+7 hours')) - julianday('2015-01-01') AS INTEGER) AS days;

CREATE TEMP TABLE bi_unit AS
SELECT u.name_vi AS old_vi, n.name_vi AS new_vi, u.id AS old_id
FROM admin_unit u
JOIN admin_unit_succession s ON s.old_unit_id = u.id
JOIN admin_unit n ON n.id = s.new_unit_id
WHERE u.generation = 1;
CREATE TEMP TABLE bi_slot AS
WITH RECURSIVE copies(c) AS (SELECT 1 UNION ALL SELECT c + 1 FROM copies WHERE c < 8)
SELECT row_number() OVER (ORDER BY old_id, c) - 1 AS k, bi_unit.*
FROM bi_unit JOIN copies ON c = 1 OR old_id IN (1001, 1079);
CREATE INDEX bi_slot_k ON bi_slot (k);

CREATE TEMP TABLE bi_partner AS
SELECT row_number() OVER (ORDER BY id) - 1 AS k, name_vi, name_en
FROM partner WHERE merged_into_id IS NULL;
CREATE INDEX bi_partner_k ON bi_partner (k);

-- Fields: the Vietnamese name of Fields() and the title's topic.
CREATE TEMP TABLE bi_field (k INTEGER PRIMARY KEY, vi TEXT, topic TEXT, en TEXT);
INSERT INTO bi_field VALUES
    (0, 'Kinh tế, thương mại', 'kinh tế, thương mại', 'economy and trade'),
    (1, 'Đầu tư', 'xúc tiến đầu tư', 'investment promotion'),
    (2, 'Giáo dục, đào tạo', 'giáo dục, đào tạo nguồn nhân lực', 'education and training'),
    (3, 'Y tế', 'y tế', 'health care'),
    (4, 'Văn hóa, thể thao, du lịch', 'văn hóa, thể thao và du lịch',
     'culture, sport and tourism'),
    (5, 'Khoa học, công nghệ', 'khoa học và công nghệ', 'science and technology'),
    (6, 'Nông nghiệp', 'nông nghiệp công nghệ cao', 'high-tech agriculture'),
    (7, 'Tài nguyên, môi trường', 'tài nguyên và môi trường', 'natural resources and environment'),
    (8, 'Lao động', 'lao động', 'labour'),
    (9, 'Giao thông, hạ tầng', 'giao thông, hạ tầng', 'transport and infrastructure'),
    (10, 'An ninh, biên giới', 'quản lý biên giới', 'border management'),
    (11, 'Quản lý nhà nước, địa phương kết nghĩa', 'quan hệ hữu nghị', 'friendship relations'),
    (12, 'Khác', 'trao đổi đoàn', 'exchange of delegations');

-- Title openings with the form (Vietnamese name of Forms()).
CREATE TEMP TABLE bi_title (k INTEGER PRIMARY KEY, vi TEXT, en TEXT, form TEXT);
INSERT INTO bi_title VALUES
    (0, 'Bản ghi nhớ về hợp tác', 'Memorandum of understanding on', 'Bản ghi nhớ'),
    (1, 'Thỏa thuận hợp tác về', 'Cooperation agreement on', 'Thỏa thuận'),
    (2, 'Biên bản thỏa thuận về', 'Minutes of agreement on', 'Biên bản'),
    (3, 'Chương trình hợp tác', 'Cooperation programme on', 'Chương trình hợp tác'),
    (4, 'Kế hoạch triển khai', 'Implementation plan for', 'Kế hoạch hợp tác'),
    (5, 'Thư ý định về', 'Letter of intent on', 'Thư ý định'),
    (6, 'Thỏa thuận thiết lập quan hệ về', 'Agreement establishing relations on', 'Thỏa thuận'),
    (7, 'Biên bản ghi nhớ về', 'Memorandum on', 'Bản ghi nhớ');

CREATE TEMP TABLE bi_draw AS
WITH RECURSIVE s(i) AS (
    SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < (SELECT n FROM bench_import_param))
SELECT i,
       abs(random()) % 100 AS st,
       abs(random()) % (SELECT count(*) FROM bi_slot) AS slot,
       abs(random()) AS r_day,
       abs(random()) % 8 AS title,
       abs(random()) % 13 AS f1,
       abs(random()) % 13 AS f2,
       abs(random()) % (SELECT count(*) FROM bi_partner) AS p1,
       abs(random()) % (SELECT count(*) FROM bi_partner) AS p2,
       abs(random()) % (SELECT count(*) FROM bi_partner) AS p3,
       abs(random()) % 100 AS r_links
FROM s;

CREATE TEMP TABLE bi_row AS
WITH s AS (
    SELECT d.*, t.today, t.days,
           CASE WHEN i % 100 = 50 THEN 'in_force'
                WHEN st < 60 THEN 'in_force' WHEN st < 72 THEN 'expired'
                WHEN st < 80 THEN 'signed' WHEN st < 83 THEN 'terminated'
                WHEN st < 85 THEN 'suspended' ELSE 'draft' END AS status
    FROM bi_draw d, bi_today t),
dated AS (
    SELECT s.*,
           CASE WHEN status = 'draft' THEN NULL
                WHEN i % 100 = 50 THEN date(today, '+30 days')       -- a problem: in the future
                WHEN status = 'expired'
                    THEN date('2015-01-01', '+' || (r_day % (days - 5 * 365 - 2)) || ' days')
                ELSE date('2015-01-01', '+' || (r_day % days) || ' days') END AS signed_on
    FROM s)
SELECT dated.*,
       iif(signed_on IS NOT NULL AND signed_on < '2025-07-01', sl.old_vi, sl.new_vi) AS unit_vi
FROM dated
JOIN bi_slot sl ON sl.k = dated.slot;

-- dd/mm/yyyy of an ISO date, '' for NULL.
CREATE TEMP VIEW bi_out AS
SELECT r.i,
       t.vi || ' ' || f.topic || ' giữa Ủy ban nhân dân ' || r.unit_vi || ' và ' || p.name_vi ||
           ' (hồ sơ NK-' || substr(r.today, 1, 4) || '-' || printf('%05d', r.i) || ')' AS title_vi,
       t.en || ' ' || f.en || ' between the People''s Committee of ' || r.unit_vi || ' and ' ||
           CASE WHEN p.name_en = '' THEN p.name_vi ELSE p.name_en END AS title_foreign,
       t.form AS form,
       'Ủy ban nhân dân ' || r.unit_vi AS party_name,
       r.unit_vi AS province,
       CASE WHEN r.i % 100 = 0 THEN 'Đối tác chưa đăng ký số ' || r.i ELSE p.name_vi END ||
           CASE WHEN r.r_links < 40 AND p2.name_vi <> p.name_vi THEN '; ' || p2.name_vi ELSE '' END ||
           CASE WHEN r.r_links < 10 AND p3.name_vi NOT IN (p.name_vi, p2.name_vi)
                THEN '; ' || p3.name_vi ELSE '' END AS partners,
       f.vi || CASE WHEN r.r_links % 2 = 0 AND r.f2 <> r.f1 THEN '; ' || f2.vi ELSE '' END AS fields,
       'vi, en' AS languages,
       CASE r.status WHEN 'in_force' THEN 'Có hiệu lực' WHEN 'expired' THEN 'Hết hiệu lực'
                     WHEN 'signed' THEN 'Đã ký' WHEN 'terminated' THEN 'Chấm dứt'
                     WHEN 'suspended' THEN 'Tạm đình chỉ' ELSE 'Dự thảo' END AS status,
       r.signed_on AS signed_on,
       CASE WHEN r.signed_on IS NULL THEN '' ELSE r.unit_vi END AS signed_place,
       CASE WHEN r.signed_on IS NULL THEN '' ELSE 'Chủ tịch UBND ' || r.unit_vi END AS signatory_vn,
       CASE WHEN r.signed_on IS NULL THEN '' ELSE 'Đại diện ' || p.name_vi END AS signatory_foreign,
       CASE WHEN r.status IN ('in_force', 'expired', 'terminated', 'suspended')
            THEN r.signed_on END AS effective_on,
       CASE WHEN r.status = 'expired' THEN date(r.signed_on, '+5 years') END AS expires_on,
       CASE WHEN r.signed_on IS NOT NULL AND date(r.signed_on, '+10 days') <= r.today
            THEN date(r.signed_on, '+10 days') END AS reported_on,
       CASE WHEN r.signed_on IS NULL THEN '' ELSE '60' END AS term_months,
       'Công khai' AS publication,
       'Sở Ngoại vụ / Văn phòng UBND tỉnh' AS archive_location
FROM bi_row r
JOIN bi_title t ON t.k = r.title
JOIN bi_field f ON f.k = r.f1
JOIN bi_field f2 ON f2.k = r.f2
JOIN bi_partner p ON p.k = r.p1
JOIN bi_partner p2 ON p2.k = r.p2
JOIN bi_partner p3 ON p3.k = r.p3;

.mode csv
.headers on
SELECT title_vi AS "Tên thỏa thuận (tiếng Việt)",
       title_foreign AS "Tên thỏa thuận (tiếng nước ngoài)",
       form AS "Hình thức",
       party_name AS "Bên ký Việt Nam",
       province AS "Tỉnh, thành phố (khi ký)",
       partners AS "Đối tác nước ngoài",
       fields AS "Lĩnh vực",
       languages AS "Ngôn ngữ",
       status AS "Trạng thái",
       coalesce(strftime('%d/%m/%Y', signed_on), '') AS "Ngày ký",
       signed_place AS "Nơi ký",
       signatory_vn AS "Người ký phía Việt Nam",
       signatory_foreign AS "Người ký phía nước ngoài",
       coalesce(strftime('%d/%m/%Y', effective_on), '') AS "Ngày có hiệu lực",
       coalesce(strftime('%d/%m/%Y', expires_on), '') AS "Ngày hết hiệu lực",
       coalesce(strftime('%d/%m/%Y', reported_on), '') AS "Ngày báo cáo Bộ Ngoại giao",
       term_months AS "Thời hạn (tháng)",
       publication AS "Công bố",
       archive_location AS "Nơi lưu bản gốc"
FROM bi_out
ORDER BY i;
