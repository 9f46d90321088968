-- Grain: one row per area and indicator with an actual in $actual_year or a target in $target_year.
-- Parameters: $area_codes (list), $actual_year, $target_year. Used by: dashboard/briefing.py, presentation mode.
with actuals as (
    select area_code, indicator_code, operator, value, value_upper, n_sources, is_estimate
    from v_observations
    where kind = 'actual' and year = $actual_year and list_contains($area_codes, area_code)
),

targets as (
    select area_code, indicator_code, operator, value, value_upper, n_sources
    from v_observations
    where kind = 'target' and year = $target_year and list_contains($area_codes, area_code)
),

pairs as (
    select coalesce(a.area_code, t.area_code) as area_code, coalesce(a.indicator_code, t.indicator_code) as indicator_code,
        a.operator as actual_operator, a.value as actual_value, a.is_estimate as actual_is_estimate,
        t.operator as target_operator, t.value as target_value, t.value_upper as target_value_upper,
        coalesce(a.n_sources, 0) + coalesce(t.n_sources, 0) as n_sources
    from actuals as a
    full outer join targets as t on t.area_code = a.area_code and t.indicator_code = a.indicator_code
)

select
    p.area_code,
    ar.name_vi as area_name,
    p.indicator_code,
    i.name_vi as indicator_name,
    i.unit,
    i.is_rate,
    i.higher_is_better,
    p.actual_operator,
    p.actual_value,
    coalesce(p.actual_is_estimate, false) as actual_is_estimate,
    p.target_operator,
    p.target_value,
    p.target_value_upper,
    p.n_sources
from pairs as p
inner join v_areas as ar on ar.area_code = p.area_code
inner join v_indicators as i on i.indicator_code = p.indicator_code
where i.indicator_code not like '%\_rank\_%' escape '\'
order by p.area_code, p.indicator_code != 'grdp_growth', i.name_vi
