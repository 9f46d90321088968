-- Grain: one row per task that a document of one of $area_codes assigns to a unit.
-- Parameters: $area_codes (list). Used by: dashboard/briefing.py (units carrying the most tasks), presentation mode.
select
    t.area_code,
    a.name_vi as area_name,
    t.doc_id,
    d.title as doc_title,
    t.ordinal,
    t.unit_name,
    t.parent_unit,
    t.role,
    coalesce(t.category_vi, 'Khác') as category_vi,
    t.task_text
from v_tasks as t
inner join v_areas as a on a.area_code = t.area_code
inner join v_documents as d on d.doc_id = t.doc_id
where list_contains($area_codes, t.area_code)
order by t.area_code, t.doc_id, t.ordinal
