-- Grain: one row per task, with its unit, role, category and document.
-- Parameters: the filters of tasks_by_unit_category.sql plus $unit_name, $category (null = all); at most $max_rows rows.
-- Used by: app_pages/units_tasks.py (the task texts under the matrix) and its download.
select
    t.task_id,
    t.doc_id,
    d.doc_type,
    d.issuer,
    t.area_code,
    a.name_vi as area_name,
    t.issuer_level,
    t.ordinal,
    t.unit_name,
    t.parent_unit,
    t.role,
    t.category,
    t.category_vi,
    t.task_text
from v_tasks as t
inner join v_documents as d on d.doc_id = t.doc_id
left join v_areas as a on a.area_code = t.area_code
where ($doc_id is null or t.doc_id = $doc_id)
  and (len($area_codes) = 0 or list_contains($area_codes, t.area_code))
  and ($issuer_level is null or t.issuer_level = $issuer_level)
  and ($role is null or t.role = $role)
  and ($pattern is null or t.task_text ilike $pattern escape '\')
  and ($unit_name is null or t.unit_name = $unit_name)
  and ($category is null or t.category = $category)
order by t.doc_id, t.ordinal
limit $max_rows
