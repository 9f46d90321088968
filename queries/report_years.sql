-- Grain: one row: the latest year with an actual of the headline indicator, and the latest year with any target.
-- Parameters: $indicator_code. Used by: dashboard/years.py (the results year and the plan year of every page).
select
    max(year) filter (where kind = 'actual' and indicator_code = $indicator_code) as latest_actual_year,
    max(year) filter (where kind = 'actual') as latest_any_actual_year,
    max(year) filter (where kind = 'target') as latest_target_year
from v_observations
