-- The KPIs read one team's promises by due day and payments by paid day:
-- indexes keyed by the gestor first find exactly those (0016's, keyed by
-- the day alone, lost to the author and owner indexes without statistics).
DROP INDEX records_promises_due;
DROP INDEX records_payments_paid;
CREATE INDEX records_promises_due ON records (author_id, body ->> '$.due_on') WHERE kind = 'promise';
CREATE INDEX records_payments_paid ON records (owner_id, body ->> '$.paid_on') WHERE kind = 'payment';
