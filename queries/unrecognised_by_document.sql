-- Grain: one row per number with a unit in a document that gave no figure (số chưa nhận diện), in text order.
-- Parameters: $doc_id. Used by: app_pages/documents.py (the list under the text) via dashboard/document_view.py.
select
    u.value_text,
    u.quote,
    u.text_start,
    u.reason
from v_unrecognised as u
where u.doc_id = $doc_id
order by u.text_start, u.ordinal
