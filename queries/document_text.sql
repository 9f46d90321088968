-- Grain: one row: the text of one document as the figures' offsets index it.
-- Parameters: $doc_id. Used by: app_pages/documents.py.
select doc_id, text
from v_documents
where doc_id = $doc_id
