-- Grain: one row per (document, document it says it implements); a document without references has one row with nulls.
-- Parameters: none. Used by: app_pages/documents.py (the chain central → province → ward) via dashboard/document_chain.py.
select
    d.doc_id,
    d.doc_type,
    d.title,
    d.doc_number,
    d.issuer,
    d.issuer_level,
    d.area_code,
    r.ordinal,
    r.ref_type,
    r.ref_number,
    r.ref_date,
    r.ref_issuer,
    r.quote
from v_documents as d
left join v_document_references as r on r.doc_id = d.doc_id
order by d.doc_id, r.ordinal
