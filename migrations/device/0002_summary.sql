-- What the agenda and the portfolio search read: one row per debtor account on
-- the device, derived from the account and its activity as the gestor sees it
-- (a pending version where there is one). Rebuilt for the debtors listed in
-- summary_dirty, which triggers fill whenever a record or pending row changes;
-- the mark commits with the change, so a crash leaves it for the next rebuild.

-- Records as the gestor sees them: the pending version where there is one.
CREATE VIEW local_records AS
    SELECT record_id AS id, debtor_id, kind, deleted, body, 1 AS pending FROM pending
    UNION ALL
    SELECT id, debtor_id, kind, deleted, body, 0 AS pending FROM records r
        WHERE NOT EXISTS (SELECT 1 FROM pending p WHERE p.record_id = r.id);

CREATE TABLE debtor_summary (
    debtor_id      TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    external_ref   TEXT NOT NULL,
    -- Name, reference, phones and address lines, lower-cased without accents.
    search         TEXT NOT NULL,
    territory_id   TEXT NOT NULL,
    segment        TEXT NOT NULL,
    currency       TEXT NOT NULL,
    balance        TEXT NOT NULL,
    overdue        TEXT NOT NULL,
    minimum_payment TEXT NOT NULL,
    overdue_since  TEXT,
    zone           TEXT NOT NULL,
    dispute        INTEGER NOT NULL,
    deceased       INTEGER NOT NULL,
    do_not_visit   INTEGER NOT NULL,
    -- The earliest due date of a promise still pending.
    promise_due_on TEXT,
    -- A promise marked broken: the debtor goes back to the top of the queue.
    promise_broken INTEGER NOT NULL,
    -- The next action set by the latest visit or call.
    next_action_on TEXT,
    -- When the latest visit or call started.
    last_activity_at TEXT,
    -- Local writes not yet acknowledged by the server.
    pending        INTEGER NOT NULL
) STRICT;
CREATE INDEX debtor_summary_by_name ON debtor_summary (name);

CREATE TABLE summary_dirty (debtor_id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;

CREATE TRIGGER records_dirty_insert AFTER INSERT ON records BEGIN
    INSERT INTO summary_dirty VALUES (NEW.debtor_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER records_dirty_update AFTER UPDATE ON records BEGIN
    INSERT INTO summary_dirty VALUES (NEW.debtor_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER records_dirty_delete AFTER DELETE ON records BEGIN
    INSERT INTO summary_dirty VALUES (OLD.debtor_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER pending_dirty_insert AFTER INSERT ON pending BEGIN
    INSERT INTO summary_dirty VALUES (NEW.debtor_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER pending_dirty_update AFTER UPDATE ON pending BEGIN
    INSERT INTO summary_dirty VALUES (NEW.debtor_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER pending_dirty_delete AFTER DELETE ON pending BEGIN
    INSERT INTO summary_dirty VALUES (OLD.debtor_id) ON CONFLICT DO NOTHING;
END;

-- Accounts already on the device when this migration runs.
INSERT OR IGNORE INTO summary_dirty SELECT id FROM records WHERE kind = 'debtor';
