-- Photos (issue 13). Their bytes live in files named by their SHA-256 beside
-- the database (sync-server/src/blobs.rs). `record_blobs` says which visits
-- name which photo, with the size and format the visit declares: only the
-- gestor who recorded such a visit may upload the bytes, and only whoever may
-- see such a visit may read them. `blobs` lists the photos that arrived whole
-- and matched their name.
CREATE TABLE record_blobs (
    blob      TEXT NOT NULL,
    record_id TEXT NOT NULL REFERENCES records (id),
    bytes     INTEGER NOT NULL,
    image     TEXT NOT NULL,
    PRIMARY KEY (blob, record_id)
) STRICT;

CREATE TABLE blobs (
    blob        TEXT PRIMARY KEY,
    bytes       INTEGER NOT NULL,
    image       TEXT NOT NULL,
    stored_at   TEXT NOT NULL,
    uploaded_by TEXT REFERENCES users (id)
) STRICT;
