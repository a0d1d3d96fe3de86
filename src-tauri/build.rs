//! Generates the permissions of the app's own commands, so that the
//! capability file can grant exactly the ones the UI calls.

fn main() {
    let commands = &[
        "session",
        "sign_in",
        "sync",
        "status",
        "notices",
        "mark_notices_seen",
        "agenda",
        "route",
        "search",
        "filter_options",
        "debtor_file",
        "contact_rules",
        "save_activity",
        "attach_photo",
        "photo",
        "message_drafts",
        "location_plugin",
        "cancel_promise",
        "plan_preview",
        "accept_counter_offer",
        "agreement",
        "save_agreement_pdf",
        "edit_activity",
        "add_to_account",
        "sign_out",
    ];
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri build script");
}
