-- One row per observation, whatever its status: figures waiting for review (cần duyệt) and period figures
-- ("bình quân 2026–2030") included. For the document page and the review step only; charts, rankings and
-- exports read v_observations.
-- Source and conflict counts are stored by the build: aggregating all evidence on every read cost
-- 40-100 ms per query at national scale (bench/).
create view v_observations_all as
select
    o.obs_id,
    o.area_code,
    a.name_vi as area_name,
    a.region_vi,
    o.indicator_code,
    i.name_vi as indicator_name,
    o.unit,
    o.year,
    o.year_start,
    o.status,
    o.review_reason,
    o.kind,
    o.operator,
    o.value,
    o.value_upper,
    o.origin,
    o.n_sources,
    o.n_documents,
    o.n_conflicts > 0 as has_conflict,
    o.is_estimate,
    i.is_rate,
    i.higher_is_better,
    o.note
from observations as o
inner join areas as a on a.area_code = o.area_code
inner join indicators as i on i.indicator_code = o.indicator_code
