-- Grain: one row per province or city in force since 01/7/2025 (34); Vietnamese alphabetical order is applied in Python.
-- Parameters: none. Used by: dashboard/filters.py (province and region choices), the growth map (official_code).
select
    a.area_code,
    a.name_vi,
    a.region_vi,
    a.geo_name,
    a.official_code,
    a.area_code in (select d.area_code from v_documents as d where d.area_code is not null) as has_documents
from v_areas as a
where a.is_current_province
order by a.area_code
