-- The KPIs count payments on the accounts each gestor holds now, found
-- through assignments (a record's owner_id is its gestor when it was last
-- written, since 0020): 0018's payments index keyed on owner_id is unused.
DROP INDEX records_payments_paid;
