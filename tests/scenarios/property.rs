//! Random work on 3 to 5 devices, synced in random order with random lost
//! answers, while the office deletes and reassigns, devices push forged
//! version vectors and phones are restored from backups. After a final full
//! sync every device agrees with the server, and no acknowledged write is
//! lost: each is the current value, a value kept by a conflict entry, or one
//! that a later write replaced after seeing it. No office write was dropped:
//! every delete the server answered is in the history. And each device's
//! summary, kept up to date write by write, reads the same as one rebuilt
//! from scratch.

use std::collections::{BTreeMap, BTreeSet};

use campo_core::{
    RecordKind,
    ids::{RecordId, ReplicaId},
};
use campo_tests::{Device, World, proxy::Proxy, raw_push, table};
use proptest::prelude::*;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

#[derive(Clone, Debug)]
enum Op {
    /// Device records a visit on one of its debtors.
    Visit { device: usize, debtor: usize },
    /// Device edits one of the visits it holds.
    Edit { device: usize, visit: usize },
    /// Device syncs.
    Sync { device: usize },
    /// Device syncs and the answer is lost on the way back.
    LostSync { device: usize },
    /// The supervisor deletes a visit it saw.
    OfficeDelete { visit: usize },
    /// The coordinator moves a debtor to the other gestor.
    Reassign { debtor: usize },
    /// Someone with the device's token pushes one of its visits under a
    /// vector the server never issued.
    Forge { device: usize, visit: usize, how: Forgery },
    /// The phone is backed up, as it is.
    BackUp { device: usize },
    /// The phone is restored from its last backup, and its gestor signs in again.
    Restore { device: usize },
}

#[derive(Clone, Copy, Debug)]
enum Forgery {
    /// A huge counter for a replica that never wrote.
    InventedEntry,
    /// A base version the server never issued.
    InventedBase,
}

fn op(devices: usize) -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..devices, 0..8usize).prop_map(|(device, debtor)| Op::Visit { device, debtor }),
        4 => (0..devices, 0..64usize).prop_map(|(device, visit)| Op::Edit { device, visit }),
        4 => (0..devices).prop_map(|device| Op::Sync { device }),
        1 => (0..devices).prop_map(|device| Op::LostSync { device }),
        1 => (0..64usize).prop_map(|visit| Op::OfficeDelete { visit }),
        1 => (0..4usize).prop_map(|debtor| Op::Reassign { debtor }),
        1 => (0..devices, 0..64usize, prop_oneof![Just(Forgery::InventedEntry), Just(Forgery::InventedBase)])
            .prop_map(|(device, visit, how)| Op::Forge { device, visit, how }),
        1 => (0..devices).prop_map(|device| Op::BackUp { device }),
        1 => (0..devices).prop_map(|device| Op::Restore { device }),
    ]
}

fn scenario() -> impl Strategy<Value = (usize, Vec<Op>)> {
    (3..=5usize).prop_flat_map(|devices| (Just(devices), proptest::collection::vec(op(devices), 10..40)))
}

/// One device write: which record, the notes it wrote, and the notes it saw
/// before; `acked` once a sync of its device succeeded after it; `at` the
/// step it was made at.
struct Write {
    at: usize,
    device: usize,
    record: RecordId,
    notes: String,
    seen: Option<String>,
    acked: bool,
}

/// The visits `device` holds, live.
fn visits_on(device: &Device) -> Vec<campo_device::store::LocalRecord> {
    device
        .store
        .debtors()
        .expect("debtors")
        .iter()
        .flat_map(|(id, _)| device.store.records_of(*id).expect("records"))
        .filter(|r| r.record.kind == RecordKind::Visit && !r.record.deleted)
        .collect()
}

fn notes_of(body: &str) -> Option<String> {
    serde_json::from_str::<Value>(body).ok()?["notes"].as_str().map(str::to_owned)
}

type Rows = BTreeMap<String, (String, bool, String)>;

fn rows(db: &std::path::Path, sql: &str, param: &str) -> Rows {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut stmt = conn.prepare(sql).expect("prepare");
    stmt.query_map([param], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

/// The device's summary as maintained, then rebuilt from scratch.
fn summary_kept_and_rebuilt(device: &Device) -> (Vec<Vec<rusqlite::types::Value>>, Vec<Vec<rusqlite::types::Value>>) {
    let summary = |db| table(db, "SELECT * FROM debtor_summary ORDER BY debtor_id");
    let kept = summary(&device.path);
    rusqlite::Connection::open(&device.path)
        .expect("open")
        .execute_batch(
            "DELETE FROM debtor_summary; INSERT INTO account_dirty SELECT id FROM records WHERE kind = 'debtor'",
        )
        .expect("mark every account");
    // A read finds the marks and rebuilds.
    device.store.agenda(chrono::Utc::now().date_naive(), None, 1).expect("agenda");
    (kept, summary(&device.path))
}

async fn run(device_count: usize, ops: Vec<Op>) -> Result<(), TestCaseError> {
    let world = World::new(2).await;
    let gestores = ["g1", "g2"];
    let sup = world.office("sup").await;
    let coord = world.office("coord").await;
    let mut proxies = Vec::new();
    let mut devices: Vec<Device> = Vec::new();
    for i in 0..device_count {
        let proxy = Proxy::start(world.server.addr).await;
        devices.push(world.device_via(gestores[i % 2], &proxy.url).await);
        proxies.push(proxy);
    }
    let all_debtors: Vec<_> =
        world.fixture.debtors_of("g1").iter().chain(world.fixture.debtors_of("g2")).copied().collect();
    let mut owner: Vec<usize> = vec![0, 0, 1, 1];
    let mut writes: Vec<Write> = Vec::new();
    // Writes gone with a restored phone: none must survive, but one the
    // server did get may have replaced an earlier write.
    let mut vanished: Vec<Write> = Vec::new();
    // Each device's last backup: the step it was taken at.
    let mut backups: Vec<Option<usize>> = vec![None; device_count];
    let mut office_deletes = 0;

    for (n, op) in ops.into_iter().enumerate() {
        match op {
            Op::Visit { device, debtor } => {
                let held = devices[device].store.debtors().expect("debtors");
                if let Some((id, _)) = held.get(debtor % held.len().max(1)) {
                    let notes = format!("w{n}");
                    let record = devices[device].visit(*id, &notes);
                    writes.push(Write { at: n, device, record, notes, seen: None, acked: false });
                }
            }
            Op::Edit { device, visit } => {
                let d = &devices[device];
                let visits = visits_on(d);
                if let Some(local) = visits.get(visit % visits.len().max(1)) {
                    let notes = format!("w{n}");
                    let seen = notes_of(local.record.body.get());
                    d.edit_notes(local.record.id, &notes);
                    writes.push(Write { at: n, device, record: local.record.id, notes, seen, acked: false });
                }
            }
            Op::Sync { device } => {
                devices[device].sync().await.map_err(|e| TestCaseError::fail(format!("sync: {e}")))?;
                writes.iter_mut().filter(|w| w.device == device).for_each(|w| w.acked = true);
            }
            Op::LostSync { device } => {
                proxies[device].lose_answers(true);
                let _ = devices[device].sync().await;
                proxies[device].lose_answers(false);
            }
            Op::OfficeDelete { visit } => {
                let seen = sup.get("/v1/activities?kind=visit&limit=1000").await["rows"].clone();
                if let Some(row) = seen.as_array().and_then(|rows| rows.get(visit % rows.len().max(1))) {
                    let id = row["record"]["id"].as_str().expect("id");
                    let (status, answer) = sup
                        .call(
                            Method::POST,
                            &format!("/v1/records/{id}/delete"),
                            Some(json!({ "if_vv": row["record"]["vv"] })),
                        )
                        .await;
                    match status {
                        StatusCode::OK => office_deletes += 1,
                        // Deleted already, or changed since it was read: refused, and said so.
                        StatusCode::CONFLICT => {}
                        other => return Err(TestCaseError::fail(format!("office delete: {other} {answer}"))),
                    }
                }
            }
            Op::Forge { device, visit, how } => {
                let d = &devices[device];
                let visits = visits_on(d);
                if let Some(local) = visits.get(visit % visits.len().max(1)) {
                    let (token, replica) = d.credentials();
                    let stranger = ReplicaId::generate();
                    // A write name the phone never used: reusing a real one
                    // would rightly look like a restored phone.
                    const UNUSED: u64 = 1 << 40;
                    let mut base = local.record.vv.clone();
                    let mut vv = base.clone().with_write(replica, UNUSED);
                    match how {
                        Forgery::InventedEntry => vv = vv.with_write(stranger, 1_000_000_000_000),
                        Forgery::InventedBase => {
                            base = base.with_write(stranger, 7);
                            vv = vv.with_write(stranger, 7);
                        }
                    }
                    let mut body: Value = serde_json::from_str(local.record.body.get()).expect("body");
                    body["notes"] = json!(format!("forged {n}"));
                    let record = json!({ "id": local.record.id, "debtor_id": local.record.debtor_id, "kind": "visit",
                                         "vv": vv, "deleted": false, "body": body });
                    let batch = json!({ "replica_clock": UNUSED, "records": [{ "record": record, "base_vv": base }] });
                    let key = uuid::Uuid::now_v7().to_string();
                    let (status, answer) =
                        raw_push(&world.server.url, &token, Some(&key), batch.to_string().into()).await;
                    let outcome = &answer["results"][0]["outcome"];
                    prop_assert!(
                        status == StatusCode::UNAUTHORIZED || outcome.get("rejected").is_some(),
                        "a forged vector is refused: {} {}",
                        status,
                        answer
                    );
                }
            }
            Op::BackUp { device } => {
                let d = devices.remove(device);
                devices.insert(device, d.back_up(&world.dir.path().join(format!("backup-{device}.db"))));
                backups[device] = Some(n);
            }
            Op::Restore { device } => {
                let Some(taken) = backups[device] else { continue };
                let d = devices.remove(device);
                devices.insert(device, d.restore(&world.dir.path().join(format!("backup-{device}.db"))));
                // What the phone recorded after its backup and never heard
                // acknowledged is gone with it, though a lost answer may have
                // hidden that the server got it (see `replaced`). Steps, not
                // positions in `writes`: another phone's restore shortens it.
                let (kept, gone): (Vec<Write>, Vec<Write>) = std::mem::take(&mut writes)
                    .into_iter()
                    .partition(|w| w.at < taken || w.device != device || w.acked);
                writes = kept;
                vanished.extend(gone);
                let restored = &devices[device];
                match restored.sync().await {
                    Err(campo_device::DeviceError::SignInAgain) => {
                        campo_device::login(
                            &restored.store,
                            &proxies[device].url,
                            gestores[device % 2],
                            world.password,
                            "restaurado",
                        )
                        .await
                        .map_err(|e| TestCaseError::fail(format!("sign in again: {e}")))?;
                    }
                    Ok(_) => writes.iter_mut().filter(|w| w.device == device).for_each(|w| w.acked = true),
                    Err(e) => return Err(TestCaseError::fail(format!("sync after a restore: {e}"))),
                }
            }
            Op::Reassign { debtor } => {
                owner[debtor] = 1 - owner[debtor];
                coord.reassign(all_debtors[debtor], world.fixture.gestor(gestores[owner[debtor]])).await;
            }
        }
    }

    for _ in 0..3 {
        for device in &devices {
            device.sync().await.map_err(|e| TestCaseError::fail(format!("final sync: {e}")))?;
        }
    }

    let deletes_kept: i64 = world.query(
        "SELECT count(*) FROM versions v JOIN users u ON u.id = v.user_id WHERE u.login = 'sup' AND v.deleted = 1",
        [],
    );
    prop_assert_eq!(deletes_kept, office_deletes, "every delete the server answered is in the history");

    for (i, device) in devices.iter().enumerate() {
        let status = device.store.status().expect("status");
        prop_assert_eq!((status.pending, status.rejected), (0, 0), "device {} sent everything", i);
        let gestor = world.fixture.gestor(gestores[i % 2]).to_string();
        let held = "SELECT r.id, r.vv, r.deleted, r.body FROM records r
                    JOIN assignments a ON a.debtor_id = r.debtor_id AND a.until_seq IS NULL WHERE a.gestor_id = ?1";
        let on_server = rows(&world.db, held, &gestor);
        let on_device = rows(&device.path, "SELECT id, vv, deleted, body FROM records WHERE ?1 = ?1", "");
        prop_assert_eq!(&on_device, &on_server, "device {} agrees with the server", i);
        let (kept, rebuilt) = summary_kept_and_rebuilt(device);
        prop_assert_eq!(kept, rebuilt, "device {} kept its summary up to date", i);
    }

    let conflicts = coord.get("/v1/conflicts").await;
    let mut kept: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for c in conflicts.as_array().expect("conflicts") {
        if let Some(notes) = c["lost"]["notes"].as_str() {
            kept.entry(c["record_id"].as_str().expect("id").to_owned()).or_default().insert(notes.to_owned());
        }
    }
    let received: String = world
        .query("SELECT json_group_array(body ->> '$.notes') FROM versions WHERE body ->> '$.notes' IS NOT NULL", []);
    let received: BTreeSet<String> = serde_json::from_str(&received).expect("notes");
    let replaced: BTreeSet<&str> = (writes.iter())
        .chain(vanished.iter().filter(|w| received.contains(&w.notes)))
        .filter_map(|w| w.seen.as_deref())
        .collect();
    let current = rows(&world.db, "SELECT id, vv, deleted, body FROM records WHERE kind = ?1", "visit");
    let last: BTreeMap<(usize, RecordId), &Write> = writes.iter().map(|w| ((w.device, w.record), w)).collect();
    for w in last.values() {
        let id = w.record.to_string();
        let now = current.get(&id).and_then(|(_, _, body)| notes_of(body));
        let ok = now.as_deref() == Some(w.notes.as_str())
            || kept.get(&id).is_some_and(|k| k.contains(&w.notes))
            || replaced.contains(w.notes.as_str());
        prop_assert!(ok, "write {} by device {} on {} is lost (now {:?})", w.notes, w.device, id, now);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, max_shrink_iters: 64, ..ProptestConfig::default() })]

    #[test]
    fn replicas_converge_and_no_acknowledged_write_is_lost((devices, ops) in scenario()) {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
        runtime.block_on(run(devices, ops))?;
    }
}
