-- Grain: one row per observation of one year (actual or target), with its origin and counts of sources and conflicts.
-- Parameters: $year; $indicator_code (null = every indicator); $area_codes (empty list = all areas).
-- Used by: app_pages/indicators.py (comparison chart and table) and its download.
select
    o.obs_id,
    o.area_code,
    o.area_name,
    o.region_vi,
    o.area_code = 'vn' as is_national,
    o.indicator_code,
    o.indicator_name,
    o.unit,
    o.year,
    o.kind,
    o.operator,
    o.value,
    o.value_upper,
    o.origin,
    o.n_sources,
    o.n_documents,
    o.has_conflict,
    o.is_estimate,
    o.note
from v_observations as o
where o.year = $year
  and ($indicator_code is null or o.indicator_code = $indicator_code)
  and (len($area_codes) = 0 or list_contains($area_codes, o.area_code))
order by o.indicator_name, o.kind, o.area_code = 'vn' desc, o.value desc, o.area_name
