//! Who is signed in on this device, with which replica id and token, and
//! what signing in and out does to the work on it.

use campo_core::ids::ReplicaId;
use campo_core::wire::{LoginResponse, UserInfo};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::{Store, corrupt, next_counter, now, parse_id, parse_vv};
use crate::error::{DeviceError, Result};

/// The signed-in user and where this device stands with the server.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SessionInfo {
    /// The sync server.
    pub server_url: String,
    /// Who is signed in.
    pub user: UserInfo,
    /// This install's replica id.
    pub replica: ReplicaId,
    /// Whether the session is still good; `false` once the server refused it.
    pub signed_in: bool,
    /// The feed position applied so far.
    pub cursor: u64,
    /// When the last sync finished (UTC, RFC 3339).
    pub last_sync_at: Option<String>,
}

impl Store {
    /// The session, if anyone has signed in on this device.
    pub fn session(&self) -> Result<Option<SessionInfo>> {
        self.read(session)
    }

    /// Records a sign-in: a new replica id for this install. Local work still
    /// pending is re-stamped as the new replica's writes, so it is sent under
    /// the new identity; nothing is dropped. A different gestor may only sign in
    /// once the previous one's work is sent.
    pub(crate) fn begin_session(&self, server_url: &str, login: &LoginResponse) -> Result<()> {
        let replica = login
            .replica_id
            .ok_or(DeviceError::NotAllowed { message: "el servidor no registró el dispositivo".into() })?;
        self.write(|tx| {
            if let Some(previous) = session(tx)?
                && previous.user.id != login.user.id
            {
                let pending: u64 = tx.query_row("SELECT count(*) FROM pending", [], |r| r.get(0))?;
                if pending > 0 {
                    return Err(DeviceError::OtherUserPending { login: previous.user.login });
                }
                tx.execute_batch("DELETE FROM records; DELETE FROM notices; DELETE FROM outbox_batches;")?;
                tx.execute("UPDATE session SET cursor = 0", [])?;
            }
            let user = serde_json::to_string(&login.user).map_err(|e| corrupt("user", e))?;
            tx.execute(
                "INSERT INTO session (id, server_url, user_json, replica_id, token) VALUES (1, ?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO UPDATE SET server_url = excluded.server_url, user_json = excluded.user_json,
                    replica_id = excluded.replica_id, token = excluded.token",
                params![server_url, user, replica.to_string(), login.token],
            )?;
            // An unanswered batch was sent as the old replica; its records are
            // still pending and go out again under the new one.
            tx.execute("DELETE FROM outbox_batches", [])?;
            let rows: Vec<(String, String)> = tx
                .prepare("SELECT record_id, base_vv FROM pending ORDER BY counter")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (id, base) in rows {
                let counter = next_counter(tx)?;
                let vv = parse_vv(&base)?.with_write(replica, counter);
                tx.execute(
                    "UPDATE pending SET vv = ?2, counter = ?3 WHERE record_id = ?1",
                    params![id, vv.to_json(), counter],
                )?;
            }
            Ok(())
        })
    }

    /// The bearer token, if the session is still good.
    pub(crate) fn token(&self) -> Result<(String, String)> {
        self.read(|tx| {
            let row: Option<(String, Option<String>)> =
                tx.query_row("SELECT server_url, token FROM session", [], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
            match row {
                None => Err(DeviceError::NotSignedIn),
                Some((_, None)) => Err(DeviceError::SignInAgain),
                Some((url, Some(token))) => Ok((url, token)),
            }
        })
    }

    /// Forgets a token the server refused.
    pub(crate) fn drop_token(&self) -> Result<()> {
        self.write(|tx| Ok(tx.execute("UPDATE session SET token = NULL", []).map(|_| ())?))
    }

    /// Forgets the session and everything pulled. Unsent work is kept unless
    /// `discard` equals the number of unsent records, so that the gestor's
    /// confirmation names what is lost and a stale one cannot lose more.
    pub fn sign_out(&self, discard: Option<u64>) -> Result<()> {
        self.write(|tx| {
            // A photo the server does not hold yet is unsent work like a record.
            let records: u64 = tx.query_row("SELECT count(*) FROM pending", [], |r| r.get(0))?;
            let photos: u64 = tx.query_row(super::photos::WAITING, [], |r| r.get(0))?;
            let unsent = records + photos;
            if unsent > 0 && discard != Some(unsent) {
                return Err(DeviceError::UnsentWork { records: unsent });
            }
            tx.execute_batch(
                "DELETE FROM session; DELETE FROM records; DELETE FROM pending; DELETE FROM outbox_batches;
                 DELETE FROM notices; DELETE FROM debtor_summary; DELETE FROM account_dirty;
                 DELETE FROM activity_dirty; DELETE FROM territories; DELETE FROM policies; DELETE FROM blobs;",
            )?;
            Ok(())
        })
    }

    /// Notes the end of a sync.
    pub(crate) fn finish_sync(&self) -> Result<()> {
        self.write(|tx| {
            tx.execute("UPDATE session SET last_sync_at = ?1", [now()])?;
            super::summary::refresh_summaries(tx)
        })
    }
}

pub(crate) fn session(tx: &Transaction<'_>) -> Result<Option<SessionInfo>> {
    let row: Option<(String, String, String, bool, u64, Option<String>)> = tx
        .query_row(
            "SELECT server_url, user_json, replica_id, token IS NOT NULL, cursor, last_sync_at FROM session",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .optional()?;
    row.map(|(server_url, user, replica, signed_in, cursor, last_sync_at)| {
        Ok(SessionInfo {
            server_url,
            user: serde_json::from_str(&user).map_err(|e| corrupt("user", e))?,
            replica: parse_id(&replica)?,
            signed_in,
            cursor,
            last_sync_at,
        })
    })
    .transpose()
}
