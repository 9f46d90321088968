-- Grain: one row per source document with its metadata and how much was extracted from it (no text).
-- Parameters: $area_codes (empty list = all), $issuer_level (null = all). Used by: app_pages/documents.py.
with figures as (
    select doc_id, count(*) as n_figures from v_evidence where doc_id is not null group by doc_id
),

tasks as (
    select doc_id, count(*) as n_tasks from v_tasks group by doc_id
)

select
    d.doc_id,
    d.file_name,
    d.doc_type,
    d.title,
    d.doc_number,
    d.issuer,
    d.issuer_level,
    d.area_code,
    a.name_vi as area_name,
    d.place,
    d.issued_on,
    d.signer,
    d.signer_title,
    d.results_year,
    d.plan_year,
    coalesce(f.n_figures, 0) as n_figures,
    coalesce(t.n_tasks, 0) as n_tasks
from v_documents as d
left join v_areas as a on a.area_code = d.area_code
left join figures as f on f.doc_id = d.doc_id
left join tasks as t on t.doc_id = d.doc_id
where (len($area_codes) = 0 or list_contains($area_codes, d.area_code))
  and ($issuer_level is null or d.issuer_level = $issuer_level)
order by a.name_vi, d.doc_id
