-- Reminders and escalation (issue 14).
--
-- Each automatic reminder the server queued, by the promise and the day it
-- reminds of: one message per due, however often the sweep runs.
CREATE TABLE reminders (
    promise_id TEXT NOT NULL,
    due_on     TEXT NOT NULL,
    message_id TEXT NOT NULL,
    PRIMARY KEY (promise_id, due_on)
) STRICT, WITHOUT ROWID;

-- Accounts whose promises or instalments broke at least as often as the
-- policy lets pass before a supervisor hears: kept as promises are derived.
CREATE TABLE escalations (
    debtor_id   TEXT PRIMARY KEY,
    misses      INTEGER NOT NULL,
    last_due_on TEXT NOT NULL
) STRICT;
