-- Keeps the summary cheap to maintain through a sync.
--
-- 1. The four activity fields the summary reads become columns. The device
--    fills them when it stores a record (store.rs, `SummaryFacts`), so the
--    rebuild after a sync parses no JSON; the index on a debtor's records
--    carries them, so the rebuild reads the index alone.
-- 2. The dirty mark splits in two. A debtor whose account record changed is
--    rebuilt in full, from the account's JSON. A debtor whose activity or
--    outbox changed only has its activity columns recomputed: after a push of
--    visits, that is all that changed.

DROP TRIGGER records_dirty_insert;
DROP TRIGGER records_dirty_update;
DROP TRIGGER records_dirty_delete;
DROP TRIGGER pending_dirty_insert;
DROP TRIGGER pending_dirty_update;
DROP TRIGGER pending_dirty_delete;

ALTER TABLE records ADD COLUMN due_on TEXT;
ALTER TABLE records ADD COLUMN status TEXT;
ALTER TABLE records ADD COLUMN started_at TEXT;
ALTER TABLE records ADD COLUMN next_action_on TEXT;
ALTER TABLE pending ADD COLUMN due_on TEXT;
ALTER TABLE pending ADD COLUMN status TEXT;
ALTER TABLE pending ADD COLUMN started_at TEXT;
ALTER TABLE pending ADD COLUMN next_action_on TEXT;

UPDATE records SET due_on = body ->> '$.due_on', status = body ->> '$.status',
                   started_at = body ->> '$.started_at', next_action_on = body ->> '$.next_action_on'
    WHERE kind IN ('promise', 'visit', 'call');
UPDATE pending SET due_on = body ->> '$.due_on', status = body ->> '$.status',
                   started_at = body ->> '$.started_at', next_action_on = body ->> '$.next_action_on'
    WHERE kind IN ('promise', 'visit', 'call');

DROP INDEX records_by_debtor;
CREATE INDEX records_by_debtor
    ON records (debtor_id, kind, deleted, id, due_on, status, started_at, next_action_on);

CREATE TABLE account_dirty (debtor_id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
CREATE TABLE activity_dirty (debtor_id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
-- A full rebuild covers the activity too.
INSERT INTO account_dirty SELECT debtor_id FROM summary_dirty;
DROP TABLE summary_dirty;

CREATE TRIGGER records_dirty_insert AFTER INSERT ON records BEGIN
    INSERT INTO account_dirty SELECT NEW.debtor_id WHERE NEW.kind = 'debtor' ON CONFLICT DO NOTHING;
    INSERT INTO activity_dirty SELECT NEW.debtor_id WHERE NEW.kind <> 'debtor' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER records_dirty_update AFTER UPDATE ON records BEGIN
    INSERT INTO account_dirty SELECT NEW.debtor_id WHERE NEW.kind = 'debtor' ON CONFLICT DO NOTHING;
    INSERT INTO activity_dirty SELECT NEW.debtor_id WHERE NEW.kind <> 'debtor' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER records_dirty_delete AFTER DELETE ON records BEGIN
    INSERT INTO account_dirty SELECT OLD.debtor_id WHERE OLD.kind = 'debtor' ON CONFLICT DO NOTHING;
    INSERT INTO activity_dirty SELECT OLD.debtor_id WHERE OLD.kind <> 'debtor' ON CONFLICT DO NOTHING;
END;
-- Any outbox change moves the debtor's pending count.
CREATE TRIGGER pending_dirty_insert AFTER INSERT ON pending BEGIN
    INSERT INTO account_dirty SELECT NEW.debtor_id WHERE NEW.kind = 'debtor' ON CONFLICT DO NOTHING;
    INSERT INTO activity_dirty VALUES (NEW.debtor_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER pending_dirty_update AFTER UPDATE ON pending BEGIN
    INSERT INTO account_dirty SELECT NEW.debtor_id WHERE NEW.kind = 'debtor' ON CONFLICT DO NOTHING;
    INSERT INTO activity_dirty VALUES (NEW.debtor_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER pending_dirty_delete AFTER DELETE ON pending BEGIN
    INSERT INTO account_dirty SELECT OLD.debtor_id WHERE OLD.kind = 'debtor' ON CONFLICT DO NOTHING;
    INSERT INTO activity_dirty VALUES (OLD.debtor_id) ON CONFLICT DO NOTHING;
END;
