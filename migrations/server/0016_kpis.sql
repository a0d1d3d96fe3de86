-- The supervisor's KPIs of a period (issue 15): promises by the day they
-- fall due (the kept rate) and payments by the day they were paid (the
-- amount collected). Visits, calls and the promises made walk the log's
-- index of migration 0014.
CREATE INDEX records_promises_due ON records (body ->> '$.due_on') WHERE kind = 'promise';
CREATE INDEX records_payments_paid ON records (body ->> '$.paid_on') WHERE kind = 'payment';
