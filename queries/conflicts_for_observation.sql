-- Grain: one row per recorded disagreement between sources about one observation.
-- Parameters: $obs_id. Used by: app_pages/indicators.py.
select ordinal, alt_value, alt_source, description
from v_conflicts
where obs_id = $obs_id
order by ordinal
