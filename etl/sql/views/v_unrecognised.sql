-- One row per number with a unit that gave no figure in a document (số chưa nhận diện), with why.
create view v_unrecognised as
select
    u.doc_id,
    u.ordinal,
    u.value_text,
    u.quote,
    u.text_start,
    u.reason,
    u.rule_id
from unrecognised as u
