//! The SQL behind workloads and bulk reassignments: the accounts a
//! coordinator balances, and each reassignment kept whole for its undo.

use campo_core::{
    ids::{DebtorId, ReassignmentId, TerritoryId, UserId},
    wire::ReassignmentRow,
    workload::Account,
};
use rusqlite::{Connection, OptionalExtension, params};

use super::{StoreError, StoreResult, parse};
use crate::store::{Move, StoredReassignment};

pub(super) fn accounts(conn: &Connection, territories: Option<&[TerritoryId]>) -> StoreResult<Vec<Account>> {
    let territories = territories.map(|t| serde_json::to_string(t).unwrap_or_else(|_| unreachable!("ids serialise")));
    let mut statement = conn.prepare_cached(
        "SELECT d.id, a.gestor_id, d.body ->> '$.territory', d.body ->> '$.segment', d.body ->> '$.balance',
                d.body ->> '$.overdue', d.body ->> '$.currency', d.body ->> '$.overdue_since', d.body ->> '$.zone',
                d.body ->> '$.external_ref', d.body ->> '$.name'
         FROM records d LEFT JOIN assignments a ON a.debtor_id = d.id AND a.until_seq IS NULL
         WHERE d.kind = 'debtor' AND NOT d.deleted
           AND (?1 IS NULL OR d.body ->> '$.territory' IN (SELECT value FROM json_each(?1)))
         ORDER BY d.id",
    )?;
    let mut rows = statement.query([territories])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let amount = |at: usize, what| -> StoreResult<campo_core::money::Amount> {
            let value = parse(&row.get::<_, String>(at)?, what)?;
            campo_core::money::Amount::parse(value, what)
                .map_err(|e| StoreError::Corrupt { what, detail: e.to_string() })
        };
        let currency: String = row.get(6)?;
        out.push(Account {
            debtor: parse(&row.get::<_, String>(0)?, "records.id")?,
            external_ref: row.get(9)?,
            name: row.get(10)?,
            gestor: row.get::<_, Option<String>>(1)?.map(|g| parse(&g, "assignments.gestor_id")).transpose()?,
            territory: parse(&row.get::<_, String>(2)?, "debtor territory")?,
            segment: row.get(3)?,
            balance: amount(4, "debtor balance")?,
            overdue: amount(5, "debtor overdue")?,
            currency: serde_json::from_value(serde_json::Value::String(currency.clone()))
                .map_err(|_| StoreError::Corrupt { what: "debtor currency", detail: currency })?,
            overdue_since: row.get::<_, Option<String>>(7)?.map(|d| parse(&d, "debtor overdue_since")).transpose()?,
            zone: parse(&row.get::<_, String>(8)?, "debtor zone")?,
        });
    }
    Ok(out)
}

pub(super) fn put(conn: &Connection, r: &StoredReassignment) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO reassignments (id, by_id, to_gestor, at, accounts, last_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        r.id.to_string(),
        r.by.to_string(),
        r.to.to_string(),
        super::now(),
        r.moves.len() as u64,
        r.last_seq
    ])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO reassignment_moves (reassignment_id, debtor_id, from_gestor, assigned_seq) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for m in &r.moves {
        insert.execute(params![r.id.to_string(), m.debtor.to_string(), m.from.to_string(), m.assigned_seq])?;
    }
    Ok(())
}

pub(super) fn get(conn: &Connection, id: ReassignmentId) -> StoreResult<Option<(StoredReassignment, bool)>> {
    let head: Option<(String, String, u64, bool)> = conn
        .prepare_cached("SELECT by_id, to_gestor, last_seq, undone_at IS NOT NULL FROM reassignments WHERE id = ?1")?
        .query_row([id.to_string()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let Some((by, to, last_seq, undone)) = head else { return Ok(None) };
    let mut statement = conn.prepare_cached(
        "SELECT debtor_id, from_gestor, assigned_seq FROM reassignment_moves WHERE reassignment_id = ?1 ORDER BY debtor_id",
    )?;
    let mut rows = statement.query([id.to_string()])?;
    let mut moves = Vec::new();
    while let Some(row) = rows.next()? {
        moves.push(Move {
            debtor: parse(&row.get::<_, String>(0)?, "reassignment_moves.debtor_id")?,
            from: parse(&row.get::<_, String>(1)?, "reassignment_moves.from_gestor")?,
            assigned_seq: row.get(2)?,
        });
    }
    let by: UserId = parse(&by, "reassignments.by_id")?;
    Ok(Some((StoredReassignment { id, by, to: parse(&to, "reassignments.to_gestor")?, last_seq, moves }, undone)))
}

pub(super) fn list(conn: &Connection, by: Option<UserId>, limit: u32) -> StoreResult<Vec<ReassignmentRow>> {
    let mut statement = conn.prepare_cached(
        "SELECT r.id, r.at, b.name, t.name, r.accounts, r.undone_at
         FROM reassignments r JOIN users b ON b.id = r.by_id JOIN users t ON t.id = r.to_gestor
         WHERE ?1 IS NULL OR r.by_id = ?1 ORDER BY r.at DESC, r.id DESC LIMIT ?2",
    )?;
    let mut rows = statement.query(params![by.map(|u| u.to_string()), limit])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(ReassignmentRow {
            id: parse(&row.get::<_, String>(0)?, "reassignments.id")?,
            at: parse(&row.get::<_, String>(1)?, "reassignments.at")?,
            by_name: row.get(2)?,
            to_name: row.get(3)?,
            accounts: row.get(4)?,
            undone_at: row.get::<_, Option<String>>(5)?.map(|at| parse(&at, "reassignments.undone_at")).transpose()?,
        });
    }
    Ok(out)
}

pub(super) fn mark_undone(conn: &Connection, id: ReassignmentId, by: UserId) -> StoreResult<()> {
    conn.prepare_cached("UPDATE reassignments SET undone_at = ?2, undone_by = ?3 WHERE id = ?1")?.execute(params![
        id.to_string(),
        super::now(),
        by.to_string()
    ])?;
    Ok(())
}

/// Whether the account still stands as the move left it: the same
/// assignment current, and no record of it written after `last_seq`.
pub(super) fn untouched(conn: &Connection, debtor: DebtorId, assigned_seq: u64, last_seq: u64) -> StoreResult<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM assignments WHERE debtor_id = ?1 AND from_seq = ?2 AND until_seq IS NULL)
                AND NOT EXISTS (SELECT 1 FROM records WHERE debtor_id = ?1 AND seq > ?3)",
        )?
        .query_row(params![debtor.to_string(), assigned_seq, last_seq], |r| r.get(0))?)
}
