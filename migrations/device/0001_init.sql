-- Campo device schema. A landed migration is never edited: add a new file.

-- Who this install is. One row once signed in.
CREATE TABLE session (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    server_url   TEXT NOT NULL,
    user_json    TEXT NOT NULL,
    replica_id   TEXT NOT NULL,
    -- NULL once the server refused it: the user must sign in again.
    token        TEXT,
    -- The feed position applied so far; advanced in the same transaction as the page.
    cursor       INTEGER NOT NULL DEFAULT 0,
    last_sync_at TEXT
) STRICT;

-- The device's write counter. Kept apart from the session so that signing in
-- again (a new replica) never reuses a counter value.
CREATE TABLE clock (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    counter INTEGER NOT NULL
) STRICT;
INSERT INTO clock (id, counter) VALUES (1, 0);

-- The server's current version of every record in this gestor's scope.
CREATE TABLE records (
    id        TEXT PRIMARY KEY,
    debtor_id TEXT NOT NULL,
    kind      TEXT NOT NULL,
    vv        TEXT NOT NULL,
    deleted   INTEGER NOT NULL,
    body      TEXT NOT NULL,
    -- A gestor wrote to it after the debtor had left them: shown to the new gestor.
    after_reassignment INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX records_by_debtor ON records (debtor_id, kind);

-- The outbox: local writes the server has not acknowledged. One row per record,
-- holding its newest local version; rejected rows stay, with the reason.
CREATE TABLE pending (
    record_id        TEXT PRIMARY KEY,
    debtor_id        TEXT NOT NULL,
    kind             TEXT NOT NULL,
    vv               TEXT NOT NULL,
    base_vv          TEXT NOT NULL,
    counter          INTEGER NOT NULL,
    deleted          INTEGER NOT NULL,
    body             TEXT NOT NULL,
    saved_at         TEXT NOT NULL,
    rejected_code    TEXT,
    rejected_message TEXT
) STRICT;
CREATE INDEX pending_by_debtor ON pending (debtor_id);

-- The push batch in flight, if any: resent byte for byte, with the same
-- idempotency key, until the server answers.
CREATE TABLE outbox_batch (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    key     TEXT NOT NULL,
    request TEXT NOT NULL
) STRICT;

-- What sync had to tell the user: debtors reassigned away or newly assigned,
-- records refused, conflicts merged.
CREATE TABLE notices (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    kind      TEXT NOT NULL,
    debtor_id TEXT,
    record_id TEXT,
    detail    TEXT NOT NULL,
    seen      INTEGER NOT NULL DEFAULT 0
) STRICT;
