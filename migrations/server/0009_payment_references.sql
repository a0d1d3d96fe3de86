-- A payment is the same one when its account and the lender's reference are
-- (issue 14): the payments import finds it by them, so importing a file again
-- changes nothing.
CREATE INDEX payments_by_reference ON records (debtor_id, json_extract(body, '$.reference')) WHERE kind = 'payment';
