-- Grain: one row per province or city in force that has at least one source document, by code
-- (a former province's document counts for the province it merged into).
-- Parameters: none. Used by: dashboard/briefing.py (default highlighted provinces), presentation mode.
select distinct
    p.area_code,
    p.name_vi as area_name
from v_documents as d
inner join v_areas as a on a.area_code = d.area_code
inner join v_areas as p on p.area_code = coalesce(a.merged_into, a.area_code)
order by p.area_code
