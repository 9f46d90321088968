-- One row per recorded disagreement between sources about an observation.
create view v_conflicts as
select obs_id, ordinal, alt_value, alt_source, description
from conflicts
