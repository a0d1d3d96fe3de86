-- Notices and refusals carry what the app needs to word them in the gestor's
-- language (es-MX, es-PE, en), naming the debtor: the debtor's name as it was
-- when the notice was made (a revoked account is gone from the device by the
-- time it is read), the record's kind, how many writes were still to send,
-- and the server's reason whole (code, message and domain error). `detail`
-- stays the Spanish sentence the headless CLI prints.
ALTER TABLE notices ADD COLUMN debtor_name TEXT;
ALTER TABLE notices ADD COLUMN record_kind TEXT;
ALTER TABLE notices ADD COLUMN waiting INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notices ADD COLUMN reason TEXT;
ALTER TABLE pending ADD COLUMN rejection TEXT;

-- What can still be known of notices and refusals made before.
UPDATE pending SET rejection = json_object('code', rejected_code, 'message', rejected_message, 'error', NULL)
 WHERE rejected_code IS NOT NULL;
UPDATE notices
   SET debtor_name = (SELECT body ->> '$.name' FROM records WHERE id = notices.debtor_id AND kind = 'debtor'),
       record_kind = coalesce((SELECT kind FROM pending WHERE record_id = notices.record_id),
                              (SELECT kind FROM records WHERE id = notices.record_id)),
       reason = CASE notices.kind WHEN 'rejected'
                THEN (SELECT rejection FROM pending WHERE record_id = notices.record_id) END;
