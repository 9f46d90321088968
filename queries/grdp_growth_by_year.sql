-- Grain: one row per area (the given provinces and the nation) and year with an actual GRDP growth figure.
-- Parameters: $area_codes (list; the nation is always added). Used by: app_pages/growth.py (line of the years we have).
select
    o.area_code,
    o.area_name,
    o.area_code = 'vn' as is_national,
    o.year,
    o.operator,
    o.value,
    o.origin,
    o.is_estimate,
    o.has_conflict,
    o.note,
    o.obs_id
from v_observations as o
where o.indicator_code = 'grdp_growth' and o.kind = 'actual'
    and (o.area_code = 'vn' or list_contains($area_codes, o.area_code))
order by o.area_code != 'vn', o.area_name, o.year
