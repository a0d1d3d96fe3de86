-- Photos attached to visits (issue 13), kept on the device by the SHA-256 of
-- their bytes until the server holds them whole. `saved`: a visit saved on
-- the device names the photo (a photo attached to a form that was cancelled
-- never is). `uploaded_at`: the server confirmed it holds the photo whole and
-- checked; the bytes stay, so the timeline shows them offline.
CREATE TABLE blobs (
    blob        TEXT PRIMARY KEY,
    image       TEXT NOT NULL,
    bytes       BLOB NOT NULL,
    size        INTEGER NOT NULL,
    added_at    TEXT NOT NULL,
    saved       INTEGER NOT NULL DEFAULT 0,
    uploaded_at TEXT
) STRICT;
CREATE INDEX blobs_waiting ON blobs (blob) WHERE saved = 1 AND uploaded_at IS NULL;
