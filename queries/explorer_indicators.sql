-- Grain: one row per indicator and year with actual figures: how many provinces in force, former provinces
-- and whether the national figure is there. Parameters: none. Used by: the indicator explorer (its choices).
select
    o.indicator_code,
    o.indicator_name,
    o.unit,
    o.year,
    count(*) filter (where a.is_current_province) as n_provinces,
    count(*) filter (where a.merged_into is not null) as n_former,
    bool_or(o.area_code = 'vn') as has_national
from v_observations as o
inner join v_areas as a on a.area_code = o.area_code
where o.kind = 'actual'
group by o.indicator_code, o.indicator_name, o.unit, o.year
order by o.indicator_code, o.year
