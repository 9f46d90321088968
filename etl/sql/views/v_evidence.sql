-- One row per piece of evidence: a document with its exact quote, or a published table's address.
create view v_evidence as
select
    e.obs_id,
    e.evidence_no,
    e.origin,
    e.doc_id,
    d.file_name,
    d.title as doc_title,
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
from evidence as e
left join documents as d on d.doc_id = e.doc_id
