-- Grain: one row per (area, unit, task category) with the number of tasks the documents give that unit.
-- Parameters: $doc_id, $issuer_level, $role, $pattern (null = all), $area_codes (empty list = all).
-- Used by: app_pages/units_tasks.py (the unit × category matrix).
with tasks as (
    select t.area_code, t.unit_name, t.category, t.category_vi, t.doc_id, t.ordinal
    from v_tasks as t
    where ($doc_id is null or t.doc_id = $doc_id)
      and (len($area_codes) = 0 or list_contains($area_codes, t.area_code))
      and ($issuer_level is null or t.issuer_level = $issuer_level)
      and ($role is null or t.role = $role)
      and ($pattern is null or t.task_text ilike $pattern escape '\')
)

select
    t.area_code,
    a.name_vi as area_name,
    t.unit_name,
    t.category,
    t.category_vi,
    count(*) as n_tasks,
    min(t.doc_id || ':' || lpad(t.ordinal::varchar, 4, '0')) as first_task
from tasks as t
left join v_areas as a on a.area_code = t.area_code
group by all
order by first_task, t.category
