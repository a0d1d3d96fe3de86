//! SQLite pieces the device store and the sync server share.

use std::{
    sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, TrySendError, sync_channel},
    thread::JoinHandle,
    time::{Duration, Instant},
};

/// The least time between two checkpoints.
const REST: Duration = Duration::from_millis(500);

/// Copies committed pages from the WAL into the database file on a thread of
/// its own, woken after each commit. SQLite would otherwise checkpoint inside
/// whichever commit crosses 1,000 pages, and that writer (a gestor's push on
/// the server, a page of a first sync on the device) would wait for the copy
/// and its fsync. Connections that write set `PRAGMA wal_autocheckpoint = 0`.
///
/// Wake-ups coalesce: commits made during a checkpoint, or in the [`REST`]
/// after it, share the next one. Dropping it waits for the thread to close
/// its connection, so that once the owner's own connection is closed too the
/// database file is whole.
#[derive(Debug)]
pub struct Checkpointer {
    wake: Option<SyncSender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Starts the thread, checkpointing through `conn` (a connection of its own
    /// to the database).
    pub fn start(conn: rusqlite::Connection) -> std::io::Result<Self> {
        let (wake, woken) = sync_channel::<()>(1);
        let thread = std::thread::Builder::new().name("sqlite-checkpoint".into()).spawn(move || {
            while woken.recv().is_ok() {
                loop {
                    // PASSIVE never blocks readers or writers; pages it could
                    // not copy now are copied by the next one.
                    if let Err(e) = conn.execute_batch("PRAGMA wal_checkpoint(PASSIVE)") {
                        tracing::warn!(error = %e, "WAL checkpoint failed");
                    }
                    match rest(&woken) {
                        Some(true) => continue,
                        Some(false) => break,
                        None => return,
                    }
                }
            }
        })?;
        Ok(Self { wake: Some(wake), thread: Some(thread) })
    }

    /// Asks for a checkpoint; call after a write commits.
    pub fn wake(&self) {
        if let Some(Err(TrySendError::Disconnected(()))) = self.wake.as_ref().map(|wake| wake.try_send(())) {
            tracing::warn!("the WAL checkpoint thread has stopped");
        }
    }
}

/// Waits [`REST`] after a checkpoint, so that commits in a burst share the
/// next one and an index page each of them changed is copied once, not once
/// each. Whether a commit came meanwhile; `None` once the owner is gone.
fn rest(woken: &Receiver<()>) -> Option<bool> {
    let until = Instant::now() + REST;
    let mut committed = false;
    loop {
        match woken.recv_timeout(until.saturating_duration_since(Instant::now())) {
            Ok(()) => committed = true,
            Err(RecvTimeoutError::Timeout) => return Some(committed),
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        // Closing the channel ends the thread's loop.
        self.wake = None;
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            tracing::warn!("the WAL checkpoint thread panicked");
        }
    }
}
