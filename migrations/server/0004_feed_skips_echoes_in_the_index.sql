-- A device's pull skips the records its own push made current (`pushed_by`,
-- migration 0002). With the feed index alone, every skipped row was read
-- from the table to learn who pushed it: after a day of offline visits, the
-- pull that follows the push read them all again. With `pushed_by` in the
-- index, an echo is skipped without leaving it.
DROP INDEX records_feed;
CREATE INDEX records_feed ON records (owner_id, seq, pushed_by);
