-- An acknowledged write moves from the outbox to the server's copies: the copy
-- is stored under the pending version, then the pending version is taken out
-- over a copy of the very same version. Neither step changes what the gestor
-- sees, so neither marks the debtor's summary for rebuilding: after a push of
-- 10,000 writes the summaries of thousands of debtors no longer need to be
-- recomputed only to come out the same. A server copy under a pending version
-- is hidden by it for the same reason.
--
-- The count of a debtor's unsent writes is read from the outbox when a list
-- is shown instead of kept in the summary, since acknowledgements change it
-- without changing anything else.
DROP TRIGGER records_dirty_insert;
DROP TRIGGER records_dirty_update;
DROP TRIGGER pending_dirty_delete;

-- An account's summary needs its server copy (an account is never created on
-- the device), so a copy of an account always marks it: it may be coming
-- back after a reassignment away and back while an edit of it was pending.
CREATE TRIGGER records_dirty_insert AFTER INSERT ON records BEGIN
    INSERT INTO account_dirty SELECT NEW.debtor_id WHERE NEW.kind = 'debtor' ON CONFLICT DO NOTHING;
    INSERT INTO activity_dirty SELECT NEW.debtor_id WHERE NEW.kind <> 'debtor'
        AND NOT EXISTS (SELECT 1 FROM pending WHERE record_id = NEW.id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER records_dirty_update AFTER UPDATE ON records
WHEN NOT EXISTS (SELECT 1 FROM pending WHERE record_id = NEW.id) BEGIN
    INSERT INTO account_dirty SELECT NEW.debtor_id WHERE NEW.kind = 'debtor' ON CONFLICT DO NOTHING;
    INSERT INTO activity_dirty SELECT NEW.debtor_id WHERE NEW.kind <> 'debtor' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER pending_dirty_delete AFTER DELETE ON pending
WHEN NOT EXISTS (SELECT 1 FROM records WHERE id = OLD.record_id AND vv = OLD.vv) BEGIN
    INSERT INTO account_dirty SELECT OLD.debtor_id WHERE OLD.kind = 'debtor' ON CONFLICT DO NOTHING;
    INSERT INTO activity_dirty SELECT OLD.debtor_id WHERE OLD.kind <> 'debtor' ON CONFLICT DO NOTHING;
END;

-- A pending version shows in the summary like any other: rebuilding marks
-- only what the record's kind feeds, as for server copies.
DROP TRIGGER pending_dirty_insert;
DROP TRIGGER pending_dirty_update;
CREATE TRIGGER pending_dirty_insert AFTER INSERT ON pending BEGIN
    INSERT INTO account_dirty SELECT NEW.debtor_id WHERE NEW.kind = 'debtor' ON CONFLICT DO NOTHING;
    INSERT INTO activity_dirty SELECT NEW.debtor_id WHERE NEW.kind <> 'debtor' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER pending_dirty_update AFTER UPDATE ON pending BEGIN
    INSERT INTO account_dirty SELECT NEW.debtor_id WHERE NEW.kind = 'debtor' ON CONFLICT DO NOTHING;
    INSERT INTO activity_dirty SELECT NEW.debtor_id WHERE NEW.kind <> 'debtor' ON CONFLICT DO NOTHING;
END;

ALTER TABLE debtor_summary DROP COLUMN pending;
