-- The device replica whose push made a record's current version, when that
-- device is sure to keep it: its own pulls skip the record, as the device
-- holds that version already (a day of offline visits would otherwise come
-- straight back down a metered link). Any other write clears it, and so does
-- a move to another gestor, so a device that purged the record when the
-- debtor left it gets the record again if the debtor comes back.
ALTER TABLE records ADD COLUMN pushed_by TEXT;
