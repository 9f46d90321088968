-- One row per source document with its metadata and repaired text.
create view v_documents as
select
    doc_id,
    file_name,
    doc_type,
    title,
    doc_number,
    issuer,
    issuer_level,
    area_code,
    place,
    issued_on,
    issued_year,
    signer,
    signer_title,
    results_year,
    plan_year,
    page_breaks_repaired,
    sha256,
    text
from documents
