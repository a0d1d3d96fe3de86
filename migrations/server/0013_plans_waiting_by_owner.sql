-- The plans queue goes by the account's current gestor (the records'
-- owner), whom a decision reaches, not by the gestor who proposed the plan:
-- 0012's index is keyed on the wrong column.
DROP INDEX records_plans_waiting;
CREATE INDEX records_plans_waiting_by_owner ON records (owner_id)
    WHERE kind = 'promise' AND body ->> '$.plan.approval.state' = 'requested';
