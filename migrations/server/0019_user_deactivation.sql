-- An admin deactivates someone who left (issue 15): they can no longer sign
-- in, their sessions end, and everything they recorded stays, by their name.
ALTER TABLE users ADD COLUMN deactivated_at TEXT;
