-- One row per figure searched for and not found, with the area's and indicator's names.
create view v_gaps as
select
    g.area_code,
    a.name_vi as area_name,
    a.kind as area_kind,
    g.indicator_code,
    i.name_vi as indicator_name,
    g.year,
    g.kind,
    g.searched,
    g.searched_on,
    g.note
from gaps as g
inner join areas as a on a.area_code = g.area_code
inner join indicators as i on i.indicator_code = g.indicator_code
