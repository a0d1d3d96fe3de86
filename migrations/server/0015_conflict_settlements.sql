-- A supervisor settles a conflict (issue 15): keeps what the merge kept, or
-- takes lost values back, which the server writes as the record's next
-- version. The settlement names who, when, and what was taken back.
ALTER TABLE conflicts ADD COLUMN settled_at TEXT;
ALTER TABLE conflicts ADD COLUMN settled_by TEXT;
ALTER TABLE conflicts ADD COLUMN settled_took TEXT;
ALTER TABLE conflicts ADD COLUMN settled_delete INTEGER;

-- The queue is the open ones, newest first.
CREATE INDEX conflicts_open ON conflicts (id) WHERE settled_at IS NULL;
