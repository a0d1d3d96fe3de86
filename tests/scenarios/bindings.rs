//! The UI's TypeScript types are generated from the Rust types that cross into
//! it (ts-rs), and kept in ui/src/lib/bindings.ts. This test fails when that
//! file is out of date, so a change on either side cannot slip past CI.
//!
//! To regenerate: `CAMPO_UPDATE_BINDINGS=1 cargo test -p campo-tests --test scenarios bindings`.

use std::{collections::BTreeMap, path::Path};

use campo_device::{
    DeviceError, SyncReport,
    agenda::Agenda,
    portfolio::{DebtorFile, FilterOptions, PortfolioPage, PortfolioQuery},
    route::DayRoute,
    store::{Notice, SessionInfo, Status},
    sync::Progress,
};
use ts_rs::{Config, TS, TypeVisitor};

/// Every declaration reachable from the visited types, by name.
struct Declarations<'a> {
    cfg: &'a Config,
    found: BTreeMap<String, String>,
}

impl TypeVisitor for Declarations<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // Built-in types (strings, numbers, arrays, options) have no declaration.
        if T::output_path().is_none() {
            return;
        }
        let name = T::ident(self.cfg);
        if self.found.contains_key(&name) {
            return;
        }
        let docs = T::docs().unwrap_or_default();
        self.found.insert(name, format!("{docs}export {}\n", T::decl(self.cfg)));
        T::visit_dependencies(self);
    }
}

fn typescript() -> String {
    // Counts and cursors are u64 in Rust but stay far below 2^53, and Tauri
    // hands the UI plain JSON numbers.
    let cfg = Config::new().with_large_int("number");
    let mut declarations = Declarations { cfg: &cfg, found: BTreeMap::new() };
    // What the screens receive and send; everything they reach comes along.
    declarations.visit::<SessionInfo>();
    declarations.visit::<Status>();
    declarations.visit::<Notice>();
    declarations.visit::<Agenda>();
    declarations.visit::<DayRoute>();
    declarations.visit::<campo_device::plans::PlanRequest>();
    declarations.visit::<campo_device::plans::PlanPreview>();
    declarations.visit::<campo_core::agreement::Agreement>();
    declarations.visit::<PortfolioQuery>();
    declarations.visit::<PortfolioPage>();
    declarations.visit::<FilterOptions>();
    declarations.visit::<DebtorFile>();
    declarations.visit::<Progress>();
    declarations.visit::<SyncReport>();
    declarations.visit::<DeviceError>();
    declarations.visit::<campo_device::store::ContactAdvice>();
    declarations.visit::<campo_device::store::Draft>();
    declarations.visit::<campo_device::store::Addition>();
    declarations.visit::<campo_core::outcome::Channel>();
    // What the console sends and receives over HTTP.
    declarations.visit::<campo_core::wire::ConsoleLogin>();
    declarations.visit::<campo_core::wire::UserInfo>();
    declarations.visit::<campo_core::wire::ErrorBody>();
    declarations.visit::<campo_core::wire::WaitingPlan>();
    declarations.visit::<campo_core::wire::PlanDecision>();
    declarations.visit::<campo_core::wire::ActivityPage>();
    declarations.visit::<campo_core::wire::ActivityDetail>();
    declarations.visit::<campo_core::wire::ReviewRequest>();
    declarations.visit::<campo_core::wire::Gestor>();
    declarations.visit::<campo_core::wire::Territory>();
    declarations.visit::<campo_core::wire::ConflictDetail>();
    declarations.visit::<campo_core::wire::SettleConflict>();
    declarations.visit::<campo_core::kpi::KpiReport>();
    declarations.visit::<campo_core::workload::Workload>();
    declarations.visit::<campo_core::workload::Preview>();
    declarations.visit::<campo_core::workload::Listing>();
    declarations.visit::<campo_core::wire::ReassignRequest>();
    declarations.visit::<campo_core::wire::ReassignmentDone>();
    declarations.visit::<campo_core::wire::ReassignmentRow>();
    declarations.visit::<campo_core::wire::PolicyPreview>();
    declarations.visit::<campo_core::wire::Escalation>();
    declarations.visit::<campo_core::wire::AuditRow>();
    declarations.visit::<campo_core::wire::DayMap>();
    declarations.visit::<campo_core::import::ImportReport>();
    declarations.visit::<campo_core::wire::UserRow>();
    declarations.visit::<campo_core::wire::TeamRow>();
    declarations.visit::<campo_core::wire::CreateUser>();
    declarations.visit::<campo_core::wire::SetPassword>();
    declarations.visit::<campo_core::wire::CreateTeam>();
    declarations.visit::<campo_core::wire::CreateTerritory>();
    declarations.visit::<campo_core::wire::CoordinatedTerritories>();
    let mut out = String::from(
        "// Generated from the Rust types by tests/scenarios/bindings.rs. Do not edit:\n\
         // CAMPO_UPDATE_BINDINGS=1 cargo test -p campo-tests --test scenarios bindings\n\n",
    );
    out.push_str(&format!(
        "/** The header every `/v1` request carries, and the protocol version it names. */\n\
         export const PROTOCOL_HEADER = {:?};\nexport const PROTOCOL_VERSION = {};\n\n",
        campo_core::wire::PROTOCOL_HEADER,
        campo_core::wire::PROTOCOL_VERSION,
    ));
    out.extend(declarations.found.into_values().map(|d| d + "\n"));
    out.pop();
    out
}

#[test]
fn the_uis_typescript_types_are_generated_from_the_current_rust_types() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts");
    let generated = typescript();
    if std::env::var_os("CAMPO_UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &generated).expect("write bindings.ts");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "ui/src/lib/bindings.ts is out of date; regenerate it with\n\
         CAMPO_UPDATE_BINDINGS=1 cargo test -p campo-tests --test scenarios bindings"
    );
}
