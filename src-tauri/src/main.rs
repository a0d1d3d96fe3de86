//! Desktop entry point; the app itself is in the library, shared with mobile.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    campo_app_lib::run();
}
