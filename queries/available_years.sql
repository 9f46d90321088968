-- Grain: one row per year that has an observation of the indicator and kind, newest first.
-- Parameters: $indicator_code, $kind. Used by: the year filter.
select distinct year
from v_observations
where indicator_code = $indicator_code and kind = $kind
order by year desc
