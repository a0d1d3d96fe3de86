//! The SQL behind the conflicts the merge files and supervisors settle.

use campo_core::{
    ids::{ConflictId, UserId},
    wire::{ConflictRow, Settlement},
};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{StoreError, StoreResult, json_ids, parse, vv};
use crate::store::NewConflict;

const SELECT: &str = "SELECT c.id, c.record_id, c.kind, c.debtor_id, d.body ->> '$.name', g.name,
                             c.merged_vv, c.lost, c.lost_delete, c.at,
                             c.settled_at, s.name, c.settled_took, c.settled_delete
                      FROM conflicts c
                      LEFT JOIN records d ON d.id = c.debtor_id
                      LEFT JOIN assignments a ON a.debtor_id = c.debtor_id AND a.until_seq IS NULL
                      LEFT JOIN users g ON g.id = a.gestor_id
                      LEFT JOIN users s ON s.id = c.settled_by";

pub(super) fn put(conn: &Connection, c: &NewConflict) -> StoreResult<ConflictId> {
    let id = ConflictId::generate();
    conn.prepare_cached(
        "INSERT INTO conflicts (id, record_id, kind, debtor_id, merged_vv, lost, lost_delete, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id.to_string(),
        c.record_id.to_string(),
        c.kind.as_str(),
        c.debtor_id.to_string(),
        c.merged_vv.to_json(),
        serde_json::Value::Object(c.lost.clone()).to_string(),
        c.lost_delete,
        super::now(),
    ])?;
    Ok(id)
}

pub(super) fn list(
    conn: &Connection,
    gestores: Option<&[UserId]>,
    open: bool,
    limit: u32,
) -> StoreResult<Vec<ConflictRow>> {
    // The open ones through their partial index, which SQLite uses only
    // when the query says `settled_at IS NULL` outright.
    let settled = if open { "AND c.settled_at IS NULL" } else { "" };
    let sql = format!(
        "{SELECT}
         WHERE (?1 IS NULL OR a.gestor_id IN (SELECT value FROM json_each(?1))) {settled}
         ORDER BY c.id DESC LIMIT ?2"
    );
    let mut statement = conn.prepare_cached(&sql)?;
    let mut rows = statement.query(params![gestores.map(json_ids), limit])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(conflict(row)?);
    }
    Ok(out)
}

pub(super) fn one(conn: &Connection, id: ConflictId) -> StoreResult<Option<ConflictRow>> {
    let sql = format!("{SELECT} WHERE c.id = ?1");
    let mut statement = conn.prepare_cached(&sql)?;
    statement.query_row([id.to_string()], |row| Ok(conflict(row))).optional()?.transpose()
}

/// `false` if it was settled already (by someone quicker).
pub(super) fn settle(
    conn: &Connection,
    id: ConflictId,
    by: UserId,
    took: &[String],
    deleted: bool,
) -> StoreResult<bool> {
    let took = serde_json::to_string(took).unwrap_or_else(|_| unreachable!("names serialise"));
    let changed = conn
        .prepare_cached(
            "UPDATE conflicts SET settled_at = ?2, settled_by = ?3, settled_took = ?4, settled_delete = ?5
             WHERE id = ?1 AND settled_at IS NULL",
        )?
        .execute(params![id.to_string(), super::now(), by.to_string(), took, deleted])?;
    Ok(changed == 1)
}

fn conflict(row: &Row<'_>) -> StoreResult<ConflictRow> {
    let corrupt = |what, e: serde_json::Error| StoreError::Corrupt { what, detail: e.to_string() };
    let settled = match row.get::<_, Option<String>>(10)? {
        None => None,
        Some(at) => Some(Settlement {
            by: row.get::<_, Option<String>>(11)?.unwrap_or_default(),
            at: parse(&at, "conflicts.settled_at")?,
            took: serde_json::from_str(&row.get::<_, String>(12)?).map_err(|e| corrupt("conflicts.settled_took", e))?,
            deleted: row.get(13)?,
        }),
    };
    Ok(ConflictRow {
        id: parse(&row.get::<_, String>(0)?, "conflicts.id")?,
        record_id: parse(&row.get::<_, String>(1)?, "conflicts.record_id")?,
        kind: parse(&row.get::<_, String>(2)?, "conflicts.kind")?,
        debtor_id: parse(&row.get::<_, String>(3)?, "conflicts.debtor_id")?,
        debtor_name: row.get::<_, Option<String>>(4)?.unwrap_or_default(),
        gestor_name: row.get(5)?,
        merged_vv: vv(&row.get::<_, String>(6)?)?,
        lost: serde_json::from_str(&row.get::<_, String>(7)?).map_err(|e| corrupt("conflicts.lost", e))?,
        lost_delete: row.get(8)?,
        at: parse(&row.get::<_, String>(9)?, "conflicts.at")?,
        settled,
    })
}
