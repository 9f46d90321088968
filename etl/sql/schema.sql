-- Base tables of the dashboard database. Pages and exports read only the v_* views.
create table areas (
    area_code varchar primary key,
    name_vi varchar not null,
    kind varchar not null,            -- quốc gia | tỉnh | thành phố | tỉnh cũ
    region_vi varchar,
    merged_into varchar,
    merged_from varchar,              -- former provinces, '; '-separated
    geo_name varchar,                 -- the name in the map file
    official_code varchar,            -- Quyết định 19/2025/QĐ-TTg: 2 digits a province, 5 a commune
    former_code varchar,              -- the code before 01/7/2025 (former provinces and their namesakes)
    parent_code varchar               -- a commune's province
);

create table indicators (
    indicator_code varchar primary key,
    name_vi varchar not null,
    unit varchar not null,
    higher_is_better boolean not null,
    is_rate boolean not null,
    scope varchar not null
);

create table documents (
    doc_id varchar primary key,
    file_name varchar not null,
    sha256 varchar not null,
    doc_type varchar,
    title varchar,
    doc_number varchar,
    issuer varchar,
    issuer_level varchar,             -- central | province | department | ward
    area_code varchar,
    area_source varchar,
    place varchar,
    issued_on date,
    issued_year integer,
    signer varchar,
    signer_title varchar,
    results_year integer,
    plan_year integer,
    page_breaks_repaired integer,
    text varchar not null
);

create table document_references (
    doc_id varchar not null,
    ordinal integer not null,
    ref_type varchar,
    ref_number varchar not null,
    ref_date date,
    ref_issuer varchar,
    quote varchar
);

create table channels (
    doc_id varchar not null,
    ordinal integer not null,
    label varchar,
    category varchar,
    channel_text varchar,
    text_start integer
);

create table task_categories (
    category varchar primary key,
    name_vi varchar not null,
    ordinal integer not null
);

create table channel_categories (
    category varchar primary key,
    name_vi varchar not null,
    ordinal integer not null
);

create table tasks (
    task_id varchar primary key,
    doc_id varchar not null,
    ordinal integer not null,
    unit_name varchar not null,
    parent_unit varchar,
    role varchar not null,
    category varchar not null,
    task_text varchar not null,
    text_start integer
);

create table observations (
    obs_id varchar primary key,
    area_code varchar not null,
    indicator_code varchar not null,
    year integer not null,            -- the year, or a period's last year
    year_start integer not null,      -- = year for one year; a period's first year ("bình quân 2026–2030")
    status varchar not null,          -- established | confirmed | review (cần duyệt: not in v_observations)
    review_reason varchar,            -- why a figure waits for review, in Vietnamese
    kind varchar not null,
    operator varchar not null,
    value double not null,
    value_upper double,
    unit varchar not null,
    origin varchar not null,
    is_estimate boolean not null,
    note varchar,
    -- counted at build time from evidence and conflicts, so v_observations needs no aggregate over them
    n_sources bigint not null,
    n_documents bigint not null,
    n_conflicts bigint not null
);

create table evidence (
    obs_id varchar not null,
    evidence_no integer not null,
    origin varchar not null,
    doc_id varchar,
    source_url varchar,
    publisher varchar,
    source_title varchar,
    published_on date,
    quote varchar,
    quote_start integer,
    value_text varchar,
    value_start integer,
    stated_operator varchar,
    stated_value double,
    stated_value_upper double,
    curated_file varchar,
    curated_line integer
);

create table conflicts (
    obs_id varchar not null,
    ordinal integer not null,
    alt_value double,
    alt_source varchar,
    description varchar not null
);

-- Numbers with a unit that gave no figure (no indicator named them, or they belong to no single area):
-- shown on the document page as "số chưa nhận diện", so a reader sees what was skipped.
create table unrecognised (
    doc_id varchar not null,
    ordinal integer not null,
    value_text varchar not null,
    quote varchar,
    text_start integer,
    reason varchar,
    rule_id varchar
);

create table build_info (
    inputs_fingerprint varchar not null,
    n_documents integer not null,
    n_observations integer not null,
    n_tasks integer not null
);

-- Figures searched for and not found (data/curated/gaps.csv): "chưa công bố / chưa tìm thấy".
create table gaps (
    area_code varchar not null,
    indicator_code varchar not null,
    year integer not null,
    kind varchar not null,
    searched varchar not null,
    searched_on date not null,
    note varchar,
    curated_file varchar not null,
    curated_line integer not null
);
