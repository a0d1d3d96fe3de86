-- The summary rebuild reads pending and records directly, restricted to the
-- dirty debtors: through this UNION ALL view the planner scanned every record
-- on the device for each debtor. Nothing else reads it.
DROP VIEW local_records;
