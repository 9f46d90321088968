-- One row per observation (area, indicator, year, actual/target) with its names and source counts.
create view v_observations as
with evidence_counts as (
    select obs_id, count(*) as n_sources, count(distinct doc_id) as n_documents
    from evidence
    group by obs_id
),

conflict_counts as (
    select obs_id, count(*) as n_conflicts
    from conflicts
    group by obs_id
)

select
    o.obs_id,
    o.area_code,
    a.name_vi as area_name,
    a.region_vi,
    o.indicator_code,
    i.name_vi as indicator_name,
    o.unit,
    o.year,
    o.kind,
    o.operator,
    o.value,
    o.value_upper,
    o.origin,
    coalesce(e.n_sources, 0) as n_sources,
    coalesce(e.n_documents, 0) as n_documents,
    coalesce(c.n_conflicts, 0) > 0 as has_conflict,
    o.is_estimate,
    i.is_rate,
    i.higher_is_better,
    o.note
from observations as o
inner join areas as a on a.area_code = o.area_code
inner join indicators as i on i.indicator_code = o.indicator_code
left join evidence_counts as e on e.obs_id = o.obs_id
left join conflict_counts as c on c.obs_id = o.obs_id
