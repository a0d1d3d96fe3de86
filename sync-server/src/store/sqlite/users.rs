//! The SQL behind the admin's users screen.

use campo_core::{
    ids::UserId,
    wire::{DeviceRow, Role, TeamRow, UserInfo, UserRow},
};
use rusqlite::{Connection, params};

use super::{StoreResult, parse};

pub(super) fn users(conn: &Connection, only: Option<UserId>) -> StoreResult<Vec<UserRow>> {
    let mut statement = conn.prepare_cached(
        "SELECT u.id, u.login, u.name, u.role, u.team_id, t.name, u.deactivated_at IS NULL
         FROM users u LEFT JOIN teams t ON t.id = u.team_id
         WHERE ?1 IS NULL OR u.id = ?1 ORDER BY u.name, u.id",
    )?;
    let mut rows = statement.query([only.map(|u| u.to_string())])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let role: String = row.get(3)?;
        out.push(UserRow {
            user: UserInfo {
                id: parse(&row.get::<_, String>(0)?, "users.id")?,
                login: row.get(1)?,
                name: row.get(2)?,
                role: parse::<Role>(&role, "users.role")?,
                team: row.get::<_, Option<String>>(4)?.map(|t| parse(&t, "users.team_id")).transpose()?,
            },
            team_name: row.get(5)?,
            active: row.get(6)?,
            territories: Vec::new(),
            devices: Vec::new(),
        });
    }
    let mut devices = conn.prepare_cached(
        "SELECT id, device_name, created_at, retired_at IS NOT NULL FROM replicas
         WHERE user_id = ?1 AND office = 0 ORDER BY created_at DESC",
    )?;
    let mut coordinated = conn.prepare_cached(
        "SELECT c.territory_id FROM coordinator_territories c JOIN territories t ON t.id = c.territory_id
         WHERE c.user_id = ?1 ORDER BY t.name",
    )?;
    for user in &mut out {
        let mut rows = coordinated.query([user.user.id.to_string()])?;
        while let Some(row) = rows.next()? {
            user.territories.push(parse(&row.get::<_, String>(0)?, "coordinator_territories.territory_id")?);
        }
        let mut rows = devices.query([user.user.id.to_string()])?;
        while let Some(row) = rows.next()? {
            user.devices.push(DeviceRow {
                id: parse(&row.get::<_, String>(0)?, "replicas.id")?,
                name: row.get::<_, Option<String>>(1)?.unwrap_or_default(),
                created_at: parse(&row.get::<_, String>(2)?, "replicas.created_at")?,
                retired: row.get(3)?,
            });
        }
    }
    Ok(out)
}

pub(super) fn teams(conn: &Connection) -> StoreResult<Vec<TeamRow>> {
    let mut statement = conn.prepare_cached("SELECT id, name, territory_id FROM teams ORDER BY name, id")?;
    let mut rows = statement.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(TeamRow {
            id: parse(&row.get::<_, String>(0)?, "teams.id")?,
            name: row.get(1)?,
            territory: parse(&row.get::<_, String>(2)?, "teams.territory_id")?,
        });
    }
    Ok(out)
}

pub(super) fn set_password_hash(conn: &Connection, user: UserId, hash: &str) -> StoreResult<()> {
    conn.prepare_cached("UPDATE users SET password_hash = ?2 WHERE id = ?1")?
        .execute(params![user.to_string(), hash])?;
    Ok(())
}

pub(super) fn deactivate(conn: &Connection, user: UserId) -> StoreResult<()> {
    conn.prepare_cached("UPDATE users SET deactivated_at = coalesce(deactivated_at, ?2) WHERE id = ?1")?
        .execute(params![user.to_string(), super::now()])?;
    Ok(())
}
