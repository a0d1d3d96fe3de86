-- Contact policies (issue 13): one row per country and version, the newest in
-- force. A change takes a feed position, as a record does, so every device's
-- next pull brings it. A country with no row has Campo's defaults, version 1.
CREATE TABLE policies (
    country TEXT NOT NULL,
    version INTEGER NOT NULL,
    body    TEXT NOT NULL,
    seq     INTEGER NOT NULL UNIQUE,
    set_by  TEXT REFERENCES users (id),
    set_at  TEXT NOT NULL,
    PRIMARY KEY (country, version)
) STRICT;

-- The server's verdict on each visit and call it judged: the policy that
-- judged it, and the rules it was let through outside of with the gestor's
-- justification (`flagged`). Records from before the rules have no row.
CREATE TABLE judgements (
    record_id      TEXT PRIMARY KEY REFERENCES records (id),
    vv             TEXT NOT NULL,
    country        TEXT NOT NULL,
    policy_version INTEGER NOT NULL,
    breaches       TEXT NOT NULL,
    flagged        INTEGER NOT NULL,
    judged_at      TEXT NOT NULL
) STRICT;
CREATE INDEX judgements_flagged ON judgements (record_id) WHERE flagged = 1;
