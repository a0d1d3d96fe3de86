-- A reassignment no longer rewrites the debtor's records (the new gestor's
-- feed brings them with the grant), so a record's owner_id is the gestor who
-- held the debtor when it was written, not the current one. The plans queue
-- goes by the current gestor, through assignments: 0013's index keyed on
-- owner_id gives way to one on the debtor.
DROP INDEX records_plans_waiting_by_owner;
CREATE INDEX records_plans_waiting ON records (debtor_id)
    WHERE kind = 'promise' AND body ->> '$.plan.approval.state' = 'requested';

-- A grant brings the debtor's records written before it (store/sqlite.rs,
-- `history`): one range of this index, rows read only for what is sent.
CREATE INDEX records_history ON records (debtor_id, seq);
-- A record reaches its owner's feed only while they hold the debtor: one
-- probe of this index per record, without reading the assignment.
CREATE UNIQUE INDEX assignments_holder ON assignments (debtor_id, gestor_id) WHERE until_seq IS NULL;
