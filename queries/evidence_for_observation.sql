-- Grain: one row per piece of evidence behind one observation: a quote in a document or a published table.
-- Parameters: $obs_id. Used by: app_pages/indicators.py (sources with the number marked in its sentence).
select
    e.evidence_no,
    e.origin,
    e.doc_id,
    e.file_name,
    e.doc_title,
    d.doc_type,
    d.issuer,
    e.source_url,
    e.publisher,
    e.source_title,
    e.published_on,
    e.quote,
    e.quote_start,
    e.value_text,
    e.value_start,
    e.stated_operator,
    e.stated_value,
    e.stated_value_upper,
    e.curated_file,
    e.curated_line
from v_evidence as e
left join v_documents as d on d.doc_id = e.doc_id
where e.obs_id = $obs_id
order by e.evidence_no
