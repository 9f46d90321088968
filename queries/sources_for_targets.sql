-- Grain: one row per piece of evidence behind the given areas' actuals of $actual_year and targets of $target_year.
-- Parameters: $area_codes (list), $actual_year, $target_year. Used by: source notes on app_pages/targets.py and app_pages/overview.py.
select
    o.area_code,
    o.area_name,
    o.indicator_code,
    o.year,
    o.kind,
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
where list_contains($area_codes, o.area_code)
    and ((o.kind = 'actual' and o.year in ($actual_year, $target_year)) or (o.kind = 'target' and o.year = $target_year))
order by o.indicator_code, o.area_name, o.kind, e.evidence_no
