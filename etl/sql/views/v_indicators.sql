-- One row per indicator of the catalogue.
create view v_indicators as
select indicator_code, name_vi, unit, higher_is_better, is_rate, scope
from indicators
