-- Grain: one row per area whose figure of one indicator in one year was searched for and not found.
-- Parameters: $indicator_code, $year. Used by: the indicator explorer ("chưa công bố / chưa tìm thấy").
select
    g.area_code,
    g.area_name,
    g.searched,
    g.searched_on,
    g.note
from v_gaps as g
where g.indicator_code = $indicator_code and g.year = $year and g.kind = 'actual'
order by g.area_name
