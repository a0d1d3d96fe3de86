//! Debtors moving between gestores while their devices are offline.

use campo_core::RecordKind;
use campo_device::store::NoticeKind;
use campo_tests::World;

#[tokio::test]
async fn an_edit_made_offline_before_a_reassignment_reaches_the_new_gestor_flagged() {
    let world = World::new(3).await;
    let coord = world.office("coord").await;
    let a = world.device("g1").await;
    let b = world.device("g2").await;
    a.sync().await.expect("a syncs");
    b.sync().await.expect("b syncs");
    let debtor = world.fixture.debtors_of("g1")[0];

    let visit = a.visit(debtor, "visita sin señal");
    coord.reassign(debtor, world.fixture.gestor("g2")).await;

    let report = a.sync().await.expect("a syncs after the reassignment");
    assert_eq!(report.pushed.accepted, 1, "the edit is accepted, never dropped");
    assert_eq!(report.revoked, 1);
    assert!(a.store.records_of(debtor).expect("records").is_empty(), "purged from a's device");
    assert_eq!(a.store.status().expect("status").pending, 0, "pushed before the purge");
    let notices = a.store.notices().expect("notices");
    let revoked = notices.iter().find(|n| n.kind == NoticeKind::Revoked).expect("a is told");
    let after = notices.iter().find(|n| n.kind == NoticeKind::AfterReassignment).expect("of the visit too");
    // Named, not by id, though the account has left the device.
    assert_eq!(revoked.debtor_name.as_deref(), Some("Deudor 0"), "{revoked:?}");
    assert_eq!((after.debtor_name.as_deref(), after.record_kind), (Some("Deudor 0"), Some(RecordKind::Visit)));

    b.sync().await.expect("b syncs");
    let on_b = b.store.record(visit).expect("read").expect("b has a's visit");
    assert!(on_b.after_reassignment, "flagged for the new gestor");
    assert_eq!(b.store.records_of(debtor).expect("records").len(), 2, "the account and its whole history");

    let sup = world.office("sup").await;
    let flagged = sup.get("/v1/activities?after_reassignment=true").await["rows"].clone();
    assert_eq!(flagged.as_array().map(Vec::len), Some(1), "the supervisor sees it: {flagged}");
    assert_eq!(flagged[0]["record"]["id"], visit.to_string());
}

#[tokio::test]
async fn a_debtor_moved_a_to_b_and_back_to_a_keeps_every_visit_on_both_sides() {
    let world = World::new(3).await;
    let coord = world.office("coord").await;
    let a = world.device("g1").await;
    let b = world.device("g2").await;
    a.sync().await.expect("a syncs");
    let debtor = world.fixture.debtors_of("g1")[1];

    let by_a = a.visit(debtor, "visita de a, sin señal");
    coord.reassign(debtor, world.fixture.gestor("g2")).await;
    b.sync().await.expect("b gets the debtor");
    let by_b = b.visit(debtor, "visita de b");
    b.sync().await.expect("b pushes");
    coord.reassign(debtor, world.fixture.gestor("g1")).await;

    let report = a.sync().await.expect("a syncs at last");
    assert_eq!(report.pushed.accepted, 1);
    assert_eq!(a.notes(by_a).as_deref(), Some("visita de a, sin señal"));
    assert_eq!(a.notes(by_b).as_deref(), Some("visita de b"), "b's work comes with the debtor");
    assert!(!a.store.record(by_a).expect("read").expect("kept").after_reassignment, "a holds the debtor again");

    b.sync().await.expect("b syncs");
    assert!(b.store.records_of(debtor).expect("records").is_empty(), "gone from b");
    assert_eq!(b.store.status().expect("status").pending, 0);
    assert_eq!(world.count("SELECT count(*) FROM records WHERE kind = 'visit'"), 2);
}

#[tokio::test]
async fn a_freshly_signed_in_device_hears_of_no_moves_of_debtors_it_never_held() {
    let world = World::new(3).await;
    let coord = world.office("coord").await;
    let debtor = world.fixture.debtors_of("g1")[0];
    coord.reassign(debtor, world.fixture.gestor("g2")).await;
    let fresh = world.synced_device("g1").await;
    let notices = fresh.store.notices().expect("notices");
    assert!(
        notices.iter().all(|n| n.kind != NoticeKind::Revoked),
        "nothing to tell about a debtor it never had: {notices:?}"
    );
    assert_eq!(fresh.store.status().expect("status").debtors, 2);
}

#[tokio::test]
async fn a_device_replaying_a_move_and_its_undo_downloads_nothing_of_the_debtor() {
    let world = World::new(3).await;
    let coord = world.office("coord").await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let phone = world.synced_device("g1").await;
    let visit = phone.visit(debtor, "visita de g1");
    phone.sync().await.expect("g1 sends it");
    coord.reassign(debtor, world.fixture.gestor("g2")).await;
    coord.reassign(debtor, world.fixture.gestor("g1")).await;
    // A phone of g2 signed in only now replays the grant and the revoke.
    let fresh = world.synced_device("g2").await;
    assert!(fresh.store.notices().expect("notices").is_empty(), "nothing to tell about a debtor it never had");
    assert!(fresh.store.records_of(debtor).expect("records").is_empty());
    assert!(fresh.store.record(visit).expect("read").is_none(), "g1's visit never reached g2's phone");
    // And g1's fresh phone gets the debtor whole, once.
    let g1 = world.synced_device("g1").await;
    assert_eq!(g1.notes(visit).as_deref(), Some("visita de g1"));
}
