-- The message outbox (issue 13): the messages gestores queued for the
-- server to send, found without reading every record.
CREATE INDEX records_queued_messages ON records (id)
    WHERE kind = 'message' AND json_extract(body, '$.delivery.state') = 'queued' AND deleted = 0;
