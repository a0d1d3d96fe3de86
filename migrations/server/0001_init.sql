-- Campo sync server schema. A landed migration is never edited: add a new file.
-- Ids are UUIDv7 text; times are RFC 3339 UTC text; JSON is text.

-- One row: the feed's last sequence number. Every write takes the next number by
-- updating this row, which holds the write lock until commit, so sequence order
-- is commit order and a reader's cursor never skips a later-committing write.
CREATE TABLE feed_counter (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL
) STRICT;
INSERT INTO feed_counter (id, seq) VALUES (1, 0);

CREATE TABLE territories (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE teams (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    territory_id  TEXT NOT NULL REFERENCES territories (id)
) STRICT;

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    login         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('gestor', 'supervisor', 'coordinator', 'admin')),
    team_id       TEXT REFERENCES teams (id),
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
) STRICT;

-- A replica is one app install, or the server itself (user_id NULL, office = 1).
-- clock is the highest write counter the replica has claimed; retired replicas
-- (restored from a backup) never write again.
CREATE TABLE replicas (
    id          TEXT PRIMARY KEY,
    user_id     TEXT REFERENCES users (id),
    office      INTEGER NOT NULL DEFAULT 0,
    device_name TEXT,
    clock       INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    retired_at  TEXT
) STRICT;
CREATE UNIQUE INDEX replicas_one_office ON replicas (office) WHERE office = 1;

-- Bearer tokens, stored as SHA-256 of the token.
CREATE TABLE tokens (
    hash       BLOB PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    replica_id TEXT REFERENCES replicas (id),
    created_at TEXT NOT NULL,
    revoked_at TEXT
) STRICT;

-- Who has had each debtor. until_seq IS NULL marks the current assignee.
CREATE TABLE assignments (
    debtor_id TEXT NOT NULL,
    gestor_id TEXT NOT NULL REFERENCES users (id),
    from_seq  INTEGER NOT NULL,
    until_seq INTEGER,
    PRIMARY KEY (debtor_id, from_seq)
) STRICT;
CREATE UNIQUE INDEX assignments_current ON assignments (debtor_id) WHERE until_seq IS NULL;
CREATE INDEX assignments_by_gestor ON assignments (gestor_id, debtor_id);

-- The current version of every record. owner_id is the debtor's current
-- gestor, copied here so a gestor's feed is one index range.
CREATE TABLE records (
    id                 TEXT PRIMARY KEY,
    debtor_id          TEXT NOT NULL,
    kind               TEXT NOT NULL,
    owner_id           TEXT REFERENCES users (id),
    author_id          TEXT REFERENCES users (id),
    seq                INTEGER NOT NULL UNIQUE,
    vv                 TEXT NOT NULL,
    deleted            INTEGER NOT NULL,
    body               TEXT NOT NULL,
    writer_id          TEXT NOT NULL REFERENCES replicas (id),
    after_reassignment INTEGER NOT NULL DEFAULT 0,
    updated_at         TEXT NOT NULL
) STRICT;
CREATE INDEX records_feed ON records (owner_id, seq);
CREATE INDEX records_by_debtor ON records (debtor_id, kind);
CREATE INDEX records_by_author ON records (author_id, kind);
CREATE UNIQUE INDEX debtors_by_ref ON records (json_extract(body, '$.external_ref')) WHERE kind = 'debtor';

-- Every version ever stored: the audit trail, and the ancestors for merges.
CREATE TABLE versions (
    record_id          TEXT NOT NULL,
    vv                 TEXT NOT NULL,
    deleted            INTEGER NOT NULL,
    body               TEXT NOT NULL,
    writer_id          TEXT NOT NULL REFERENCES replicas (id),
    -- The writer's own counter in vv: (writer_id, counter) names one write,
    -- and a device that reuses one was restored from a backup.
    counter            INTEGER NOT NULL,
    user_id            TEXT REFERENCES users (id),
    after_reassignment INTEGER NOT NULL DEFAULT 0,
    stored_at          TEXT NOT NULL,
    PRIMARY KEY (record_id, vv)
) STRICT;
CREATE INDEX versions_by_write ON versions (writer_id, counter);

-- Debtors granted to or revoked from a gestor, in feed order.
CREATE TABLE scope_events (
    seq       INTEGER PRIMARY KEY,
    gestor_id TEXT NOT NULL REFERENCES users (id),
    debtor_id TEXT NOT NULL,
    granted   INTEGER NOT NULL
) STRICT;
CREATE INDEX scope_events_feed ON scope_events (gestor_id, seq);

-- Merges that had to drop a value; the values stay here and in versions.
CREATE TABLE conflicts (
    id          TEXT PRIMARY KEY,
    record_id   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    debtor_id   TEXT NOT NULL,
    merged_vv   TEXT NOT NULL,
    lost        TEXT NOT NULL,
    lost_delete INTEGER NOT NULL,
    at          TEXT NOT NULL
) STRICT;
CREATE INDEX conflicts_by_debtor ON conflicts (debtor_id);

-- The answer to every push, by its idempotency key, so a retry gets the same.
CREATE TABLE idempotency (
    user_id      TEXT NOT NULL,
    key          TEXT NOT NULL,
    request_hash BLOB NOT NULL,
    response     TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
) STRICT;
