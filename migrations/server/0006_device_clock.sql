-- How far the pushing device's clock was from the server's when it pushed a
-- version (server time minus device time, in milliseconds), from the
-- `campo-device-time` header of the push (issue 13). The times a record
-- states are the device's; this says how far to trust them. NULL for office
-- writes, merges and pushes from before the header.
ALTER TABLE versions ADD COLUMN device_skew_ms INTEGER;
