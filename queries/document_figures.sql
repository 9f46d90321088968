-- Grain: one row per figure quoted from one document (figures waiting for review included, with their reason):
-- the observation, and where its sentence and number are in the text.
-- Parameters: $doc_id. Used by: app_pages/documents.py (figures marked in the text) and its download.
select
    e.obs_id,
    o.indicator_name,
    o.year,
    o.year_start,
    o.kind,
    o.status,
    o.review_reason,
    o.unit,
    e.origin,
    e.quote,
    e.quote_start,
    e.value_text,
    e.value_start,
    e.stated_operator,
    e.stated_value,
    e.stated_value_upper
from v_evidence as e
inner join v_observations_all as o on o.obs_id = e.obs_id
where e.doc_id = $doc_id
order by coalesce(e.value_start, e.quote_start), e.obs_id
