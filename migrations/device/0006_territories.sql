-- Region names, as the server lists them at each sync: debtor accounts carry
-- only the territory id, and a gestor filters by the name they know.
CREATE TABLE territories (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL
) STRICT;
