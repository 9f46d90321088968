-- Grain: one row per area and indicator with a target in $target_year, beside the actual of $actual_year
-- (and the actual of $target_year when known). Parameters: $area_codes (list), $actual_year, $target_year.
-- Used by: app_pages/targets.py through dashboard/targets.py.
with targets as (
    select *
    from v_observations
    where kind = 'target' and year = $target_year and list_contains($area_codes, area_code)
),

actuals as (
    select *
    from v_observations
    where kind = 'actual' and year = $actual_year and list_contains($area_codes, area_code)
),

attained as (
    select *
    from v_observations
    where kind = 'actual' and year = $target_year and list_contains($area_codes, area_code)
)

select
    t.area_code,
    t.area_name,
    t.area_code = 'vn' as is_national,
    t.indicator_code,
    t.indicator_name,
    t.unit,
    t.is_rate,
    t.higher_is_better,
    a.operator as actual_operator,
    a.value as actual_value,
    a.value_upper as actual_value_upper,
    a.unit as actual_unit,
    coalesce(a.is_estimate, false) as actual_is_estimate,
    coalesce(a.has_conflict, false) as actual_has_conflict,
    a.obs_id as actual_obs_id,
    t.operator as target_operator,
    t.value as target_value,
    t.value_upper as target_value_upper,
    t.has_conflict as target_has_conflict,
    t.obs_id as target_obs_id,
    n.operator as attained_operator,
    n.value as attained_value,
    n.unit as attained_unit,
    n.obs_id as attained_obs_id
from targets as t
left join actuals as a on a.area_code = t.area_code and a.indicator_code = t.indicator_code
left join attained as n on n.area_code = t.area_code and n.indicator_code = t.indicator_code
order by t.indicator_code != 'grdp_growth', t.indicator_name, t.area_code != 'vn', t.area_name
