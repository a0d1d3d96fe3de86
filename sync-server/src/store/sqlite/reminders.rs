//! The SQL behind automatic reminders (one per promise and due) and the
//! escalations a supervisor works through.

use campo_core::{
    ids::{DebtorId, RecordId, UserId},
    wire::Escalation,
};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::{StoreResult, json_ids, parse};

pub(super) fn reminded(conn: &Connection, promise: RecordId, due_on: NaiveDate) -> StoreResult<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM reminders WHERE promise_id = ?1 AND due_on = ?2)")?
        .query_row(params![promise.to_string(), due_on.to_string()], |r| r.get(0))?)
}

pub(super) fn reminder_of(conn: &Connection, message: RecordId) -> StoreResult<Option<(RecordId, NaiveDate)>> {
    let found: Option<(String, String)> = conn
        .prepare_cached("SELECT promise_id, due_on FROM reminders WHERE message_id = ?1")?
        .query_row([message.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    found
        .map(|(promise, due)| Ok((parse(&promise, "reminders.promise_id")?, parse(&due, "reminders.due_on")?)))
        .transpose()
}

pub(super) fn put_reminder(
    conn: &Connection,
    promise: RecordId,
    due_on: NaiveDate,
    message: RecordId,
) -> StoreResult<()> {
    conn.prepare_cached("INSERT INTO reminders (promise_id, due_on, message_id) VALUES (?1, ?2, ?3)")?
        .execute(params![promise.to_string(), due_on.to_string(), message.to_string()])?;
    Ok(())
}

pub(super) fn set_escalation(conn: &Connection, debtor: DebtorId, misses: Option<(u32, NaiveDate)>) -> StoreResult<()> {
    match misses {
        Some((misses, last)) => conn
            .prepare_cached(
                "INSERT INTO escalations (debtor_id, misses, last_due_on) VALUES (?1, ?2, ?3)
                 ON CONFLICT (debtor_id) DO UPDATE SET misses = excluded.misses, last_due_on = excluded.last_due_on",
            )?
            .execute(params![debtor.to_string(), misses, last.to_string()])?,
        None => conn.prepare_cached("DELETE FROM escalations WHERE debtor_id = ?1")?.execute([debtor.to_string()])?,
    };
    Ok(())
}

pub(super) fn escalations(conn: &Connection, gestores: Option<&[UserId]>) -> StoreResult<Vec<Escalation>> {
    let mut statement = conn.prepare_cached(
        "SELECT e.debtor_id, d.body ->> '$.external_ref', d.body ->> '$.name', a.gestor_id, e.misses, e.last_due_on
         FROM escalations e JOIN records d ON d.id = e.debtor_id
         LEFT JOIN assignments a ON a.debtor_id = e.debtor_id AND a.until_seq IS NULL
         -- A flag the office set since the account was derived counts at once.
         WHERE NOT coalesce(d.body ->> '$.dispute', 0) AND NOT coalesce(d.body ->> '$.deceased', 0)
           AND (?1 IS NULL OR a.gestor_id IN (SELECT value FROM json_each(?1)))
         ORDER BY e.misses DESC, e.last_due_on DESC, e.debtor_id",
    )?;
    let mut rows = statement.query([gestores.map(json_ids)])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(Escalation {
            debtor_id: parse(&row.get::<_, String>(0)?, "escalations.debtor_id")?,
            external_ref: row.get(1)?,
            name: row.get(2)?,
            gestor: row.get::<_, Option<String>>(3)?.map(|g| parse(&g, "assignments.gestor_id")).transpose()?,
            misses: row.get(4)?,
            last_due_on: parse(&row.get::<_, String>(5)?, "escalations.last_due_on")?,
        });
    }
    Ok(out)
}
