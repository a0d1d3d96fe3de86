//! The feed cursor stays gap-free while many writers commit at once.

use std::collections::BTreeMap;

use campo_tests::World;

fn records(db: &std::path::Path, sql: &str) -> BTreeMap<String, String> {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut stmt = conn.prepare(sql).expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("query").collect::<Result<_, _>>().expect("rows")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_pulling_while_others_push_misses_nothing() {
    let world = World::new(20).await;
    let debtors = world.fixture.debtors_of("g1").to_vec();
    let mut writers = Vec::new();
    for w in 0..4 {
        let device = world.synced_device("g1").await;
        let debtors = debtors.clone();
        writers.push(tokio::spawn(async move {
            for round in 0..10 {
                for n in 0..5 {
                    device.visit(debtors[(w * 5 + n) % debtors.len()], &format!("escritor {w}, ronda {round}"));
                }
                device.sync().await.expect("writer sync");
            }
        }));
    }
    let reader = world.device("g1").await;
    let mut done = false;
    while !done {
        done = writers.iter().all(|w| w.is_finished());
        reader.sync().await.expect("reader sync");
    }
    for writer in writers {
        writer.await.expect("writer");
    }
    // One more pull: anything committed after the last loop's pull.
    reader.sync().await.expect("final sync");

    let g1 = world.fixture.gestor("g1");
    let on_server = records(&world.db, &format!("SELECT id, vv FROM records WHERE owner_id = '{g1}'"));
    assert_eq!(on_server.len(), 20 + 4 * 10 * 5);
    assert_eq!(records(&reader.path, "SELECT id, vv FROM records"), on_server, "no write slipped behind the cursor");
}
