-- One row per area: the nation, the 34 provinces in force, the 29 former provinces, the 3.321 communes and wards.
create view v_areas as
select
    area_code,
    name_vi,
    kind,
    region_vi,
    merged_into,
    merged_from,
    geo_name,
    official_code,
    former_code,
    parent_code,
    kind in ('tỉnh', 'thành phố') as is_current_province
from areas
