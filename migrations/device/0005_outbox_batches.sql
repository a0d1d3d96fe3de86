-- Two push batches may be out at once: the next goes to the server as soon as
-- the one before it is answered, and that answer is applied on the device
-- while the server works on the next. Batches are sent, answered and applied
-- in id order. last_counter is the newest write a batch holds; the next batch
-- takes the pending writes after it.
CREATE TABLE outbox_batches (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL,
    request      TEXT NOT NULL,
    last_counter INTEGER NOT NULL
) STRICT;

-- A batch an older version left unanswered is taken to hold every write so
-- far: new batches start after it, and the writes it lacks go out once it is
-- answered and no batch is left in flight.
INSERT INTO outbox_batches (id, key, request, last_counter)
    SELECT id, key, request, (SELECT counter FROM clock) FROM outbox_batch;
DROP TABLE outbox_batch;
