//! A device's own writes do not come back down in its pulls (field links are
//! slow and metered), yet reach every other device that should hold them.

use campo_tests::World;

#[tokio::test]
async fn a_push_does_not_come_back_down_but_reaches_the_gestors_other_device() {
    let world = World::new(5).await;
    let phone = world.synced_device("g1").await;
    let tablet = world.synced_device("g1").await;
    let debtors = world.fixture.debtors_of("g1");

    let visits: Vec<_> = debtors.iter().map(|d| phone.visit(*d, "nadie en casa")).collect();
    let report = phone.sync().await.expect("push");
    assert_eq!((report.pushed.accepted, report.pulled), (5, 0), "the visits went up and nothing came back");
    phone.edit_notes(visits[0], "nadie en casa; volver el lunes");
    let report = phone.sync().await.expect("push the edit");
    assert_eq!((report.pushed.accepted, report.pulled), (1, 0), "nor does an edit");
    assert_eq!(phone.notes(visits[0]).as_deref(), Some("nadie en casa; volver el lunes"));
    assert_eq!(phone.store.status().expect("status").pending, 0);

    let report = tablet.sync().await.expect("tablet pulls");
    assert_eq!(report.pulled, 5, "the gestor's other device gets each visit once, at its latest");
    assert_eq!(tablet.notes(visits[0]).as_deref(), Some("nadie en casa; volver el lunes"));
}
