-- Sessions expire unless used, coordinators own territories, territories
-- have a currency, and every office write leaves a trace.

-- When the token stops working unless renewed by use. Existing tokens get a
-- device's allowance from now, so no signed-in device is cut off by the upgrade.
ALTER TABLE tokens ADD COLUMN expires_at TEXT;
UPDATE tokens SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+30 days') WHERE expires_at IS NULL;
CREATE INDEX tokens_by_user ON tokens (user_id);

-- The currency of a territory's accounts: a debtor only moves to a gestor
-- whose team works in that currency (and so that country). Taken from the
-- accounts already there.
ALTER TABLE territories ADD COLUMN currency TEXT;
UPDATE territories SET currency = (
    SELECT json_extract(body, '$.currency') FROM records
    WHERE kind = 'debtor' AND json_extract(body, '$.territory') = territories.id LIMIT 1);

-- Which territories a coordinator balances.
CREATE TABLE coordinator_territories (
    user_id      TEXT NOT NULL REFERENCES users (id),
    territory_id TEXT NOT NULL REFERENCES territories (id),
    PRIMARY KEY (user_id, territory_id)
) STRICT;

-- Who did what through the office API, and when. Never updated or deleted.
CREATE TABLE audit (
    id      TEXT PRIMARY KEY,
    at      TEXT NOT NULL,
    user_id TEXT REFERENCES users (id),
    action  TEXT NOT NULL,
    target  TEXT,
    detail  TEXT NOT NULL
) STRICT;
