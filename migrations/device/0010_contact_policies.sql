-- The contact policy in force in each country, as the feed brought it
-- (issue 13). A country with no row has Campo's defaults, version 1, as on
-- the server.
CREATE TABLE policies (
    country TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    body    TEXT NOT NULL
) STRICT;
