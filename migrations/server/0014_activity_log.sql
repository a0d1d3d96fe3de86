-- The supervisor's log (issue 15): visits, calls, promises and messages by
-- when they happened, newest first, paged by keyset. The expression is the
-- one the log's query orders by (store/sqlite.rs, `activities`).
CREATE INDEX records_log ON records (
    coalesce(body ->> '$.started_at', body ->> '$.at', body ->> '$.made_on'), id
) WHERE kind IN ('visit', 'call', 'promise', 'message');

-- Whether a record was reviewed: a review names its target.
CREATE INDEX reviews_by_target ON records (body ->> '$.target') WHERE kind = 'review';
