-- A coordinator's reassignment of many accounts at once (issue 15), kept
-- whole so it can be undone whole: who moved what to whom, each account's
-- gestor before, and the feed positions the move took. An undo is refused
-- once anything newer touched one of the accounts (see sync-server/src/reassignments.rs).
CREATE TABLE reassignments (
    id         TEXT PRIMARY KEY,
    by_id      TEXT NOT NULL REFERENCES users (id),
    to_gestor  TEXT NOT NULL REFERENCES users (id),
    at         TEXT NOT NULL,
    accounts   INTEGER NOT NULL,
    -- The last feed position the reassignment took.
    last_seq   INTEGER NOT NULL,
    undone_at  TEXT,
    undone_by  TEXT REFERENCES users (id)
) STRICT;

CREATE TABLE reassignment_moves (
    reassignment_id TEXT NOT NULL REFERENCES reassignments (id),
    debtor_id       TEXT NOT NULL,
    from_gestor     TEXT NOT NULL REFERENCES users (id),
    -- The assignment's from_seq: still current means nobody moved it since.
    assigned_seq    INTEGER NOT NULL,
    PRIMARY KEY (reassignment_id, debtor_id)
) STRICT;
