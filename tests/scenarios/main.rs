//! Campo's scenarios: each test is named for what it proves, and runs the real
//! server and real devices over real HTTP on real SQLite files.

mod app;
mod bad_input;
mod bindings;
mod concurrency;
mod conflicts;
mod console;
mod contact;
mod echo;
mod evidence;
mod failures;
mod forged;
mod imports;
mod kpis;
mod log;
mod messages;
mod plans;
mod portfolio;
mod process;
mod promises;
mod property;
mod reassignment;
mod reminders;
mod roles;
mod sessions;
mod workload;
