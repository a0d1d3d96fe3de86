-- Making a push batch reads the outbox in write order, and holds back the
-- writes whose earlier version is in a batch still out. Without an index the
-- first read sorted the whole outbox for every batch; the second parsed every
-- batch still out, bodies and all. Refused writes never go out again as they
-- are, so the index leaves them out.
CREATE INDEX pending_to_send ON pending (counter) WHERE rejected_code IS NULL;

-- The ids of the records a batch holds, as a JSON array.
ALTER TABLE outbox_batches ADD COLUMN record_ids TEXT NOT NULL DEFAULT '[]';
UPDATE outbox_batches
    SET record_ids = (SELECT json_group_array(r.value ->> '$.record.id') FROM json_each(request, '$.records') r);
