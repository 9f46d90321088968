-- Grain: one row per piece of evidence behind an observation of $area_codes in $actual_year (actual) or $target_year (target).
-- Parameters: $area_codes (list), $actual_year, $target_year. Used by: dashboard/briefing.py (indicators with sources sheet).
select
    o.area_code,
    o.area_name,
    o.indicator_code,
    o.indicator_name,
    o.unit,
    o.year,
    o.kind,
    o.operator,
    o.value,
    o.value_upper,
    e.evidence_no,
    e.origin,
    e.doc_id,
    e.doc_title,
    e.quote,
    e.publisher,
    e.source_title,
    e.source_url,
    e.published_on
from v_observations as o
inner join v_evidence as e on e.obs_id = o.obs_id
where list_contains($area_codes, o.area_code)
    and ((o.kind = 'actual' and o.year = $actual_year) or (o.kind = 'target' and o.year = $target_year))
order by o.area_code, o.indicator_code, o.kind, e.evidence_no
