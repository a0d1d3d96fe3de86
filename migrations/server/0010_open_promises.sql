-- The accounts with a promise still pending (issue 14): the server derives
-- their statuses again as days pass, and pending promises are few.
CREATE INDEX open_promises ON records (debtor_id)
    WHERE kind = 'promise' AND NOT deleted AND json_extract(body, '$.status') = 'pending';
