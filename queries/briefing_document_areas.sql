-- Grain: one row per province or city that has at least one source document, by code.
-- Parameters: none. Used by: dashboard/briefing.py (default highlighted provinces), presentation mode.
select distinct
    a.area_code,
    a.name_vi as area_name
from v_documents as d
inner join v_areas as a on a.area_code = d.area_code
order by a.area_code
