-- Grain: one row per piece of evidence behind one indicator in one year and kind, across areas.
-- Parameters: $indicator_code, $year, $kind. Used by: source notes under charts.
select
    o.area_code,
    o.area_name,
    e.origin,
    e.doc_id,
    e.doc_title,
    e.source_url,
    e.publisher,
    e.source_title,
    e.published_on,
    e.quote
from v_evidence as e
inner join v_observations as o on o.obs_id = e.obs_id
where o.indicator_code = $indicator_code and o.year = $year and o.kind = $kind
order by o.area_name, e.evidence_no
