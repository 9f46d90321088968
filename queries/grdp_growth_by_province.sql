-- Grain: one row per province in force (34) plus the nation, for one year's actual GRDP growth.
-- Parameters: $year. A province without a figure has value null (shown as missing, never 0).
-- Used by: app_pages/growth.py, exports.
with growth as (
    select area_code, operator, value, origin, n_sources, has_conflict, is_estimate, obs_id
    from v_observations
    where indicator_code = 'grdp_growth' and kind = 'actual' and year = $year
),

published_rank as (
    select area_code, value as rank_stated
    from v_observations
    where indicator_code = 'growth_rank_national' and kind = 'actual' and year = $year
),

provinces as (
    select area_code, name_vi, region_vi, area_code = 'vn' as is_national
    from v_areas
    where is_current_province or area_code = 'vn'
)

select
    p.area_code,
    p.name_vi as area_name,
    p.region_vi,
    p.is_national,
    g.operator,
    g.value,
    g.origin,
    coalesce(g.n_sources, 0) as n_sources,
    coalesce(g.has_conflict, false) as has_conflict,
    coalesce(g.is_estimate, false) as is_estimate,
    g.obs_id,
    case when not p.is_national and g.value is not null
        then rank() over (partition by p.is_national, g.value is null order by g.value desc) end as rank_computed,
    r.rank_stated
from provinces as p
left join growth as g on g.area_code = p.area_code
left join published_rank as r on r.area_code = p.area_code
order by p.is_national desc, g.value desc nulls last, p.name_vi
