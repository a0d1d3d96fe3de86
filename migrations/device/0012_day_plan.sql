-- The agenda becomes a plan for the day (issue 14): it shows where each
-- account is, routes the day's visits, and keeps a broken promise at the top
-- only until someone follows it up.
--
-- 1. The account's address for the agenda and the route: its first address
--    with coordinates, or else its first address.
-- 2. The due date of the latest broken (or partly kept) promise replaces
--    the flag: a visit or call after it broke is its follow-up.
-- Every account is rebuilt once to fill them.

ALTER TABLE debtor_summary ADD COLUMN address TEXT;
ALTER TABLE debtor_summary ADD COLUMN lat REAL;
ALTER TABLE debtor_summary ADD COLUMN lon REAL;
ALTER TABLE debtor_summary ADD COLUMN promise_broken_on TEXT;
ALTER TABLE debtor_summary DROP COLUMN promise_broken;

INSERT INTO account_dirty SELECT id FROM records WHERE kind = 'debtor' ON CONFLICT DO NOTHING;
