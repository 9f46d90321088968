-- Grain: one row per year that has any observation (actual or target), newest first.
-- Parameters: none. Used by: dashboard/filters.py (year choice).
select distinct year
from v_observations
order by year desc
