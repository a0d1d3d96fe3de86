-- The console's queue of payment plans waiting for a supervisor (issue 15):
-- few among many promises, so they are found through a partial index.
CREATE INDEX records_plans_waiting ON records (author_id)
    WHERE kind = 'promise' AND body ->> '$.plan.approval.state' = 'requested';
