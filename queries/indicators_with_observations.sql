-- Grain: one row per indicator of the catalogue that has at least one observation, with its unit and direction.
-- Parameters: none. Used by: dashboard/filters.py (indicator choice).
select
    i.indicator_code,
    i.name_vi,
    i.unit,
    i.is_rate,
    i.higher_is_better,
    count(o.obs_id) as n_observations
from v_indicators as i
inner join v_observations as o on o.indicator_code = i.indicator_code
group by i.indicator_code, i.name_vi, i.unit, i.is_rate, i.higher_is_better
order by i.indicator_code != 'grdp_growth', i.name_vi
