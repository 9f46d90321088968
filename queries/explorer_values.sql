-- Grain: one row per province in force (and per former province when $include_former), plus the nation, with
-- its actual figure of one indicator in one year (null when none). Parameters: $indicator_code, $year,
-- $include_former. Used by: the indicator explorer (chart, map, table).
with figures as (
    select *
    from v_observations
    where indicator_code = $indicator_code and year = $year and kind = 'actual'
)
select
    a.area_code,
    a.name_vi as area_name,
    a.region_vi,
    a.geo_name,
    a.official_code,
    a.area_code = 'vn' as is_national,
    a.merged_into is not null as is_former,
    m.name_vi as merged_into_name,
    f.operator,
    f.value,
    f.value_upper,
    f.is_estimate,
    f.has_conflict,
    f.note,
    f.obs_id
from v_areas as a
left join v_areas as m on m.area_code = a.merged_into
left join figures as f on f.area_code = a.area_code
where a.is_current_province or a.area_code = 'vn' or ($include_former and a.merged_into is not null)
order by a.area_code
