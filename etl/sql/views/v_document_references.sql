-- One row per document a source document says it implements ("Thực hiện Hướng dẫn số ...").
create view v_document_references as
select doc_id, ordinal, ref_type, ref_number, ref_date, ref_issuer, quote
from document_references
