//! Embeds the console's built pages (`ui/dist-console`, made by `npm run
//! build` in `ui/`) in the server binary, so that one file serves the API
//! and the console. Without them the server still builds, and `/console/`
//! says how to build them (and Cargo runs this again at every build, until
//! the directory exists).

use std::{fmt::Write, path::Path};

fn main() {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/dist-console");
    println!("cargo:rerun-if-changed={}", dist.display());
    let mut files = Vec::new();
    if dist.is_dir() {
        collect(&dist, &dist, &mut files);
    }
    files.sort();
    let mut code = String::from(
        "/// The console's files: path under `/console/`, bytes.\npub static FILES: &[(&str, &[u8])] = &[\n",
    );
    for (name, path) in &files {
        writeln!(code, "    ({name:?}, include_bytes!({path:?})),").expect("writing to a string");
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("console_files.rs");
    // Rewritten only when it changes, so that nothing downstream rebuilds for nothing.
    if std::fs::read_to_string(&out).ok().as_deref() != Some(code.as_str()) {
        std::fs::write(out, code).expect("writing the console's file list");
    }
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
    println!("cargo:rerun-if-changed={}", dir.display());
    for entry in std::fs::read_dir(dir).expect("reading ui/dist-console") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let name = path.strip_prefix(root).expect("under the root").to_string_lossy().replace('\\', "/");
            let absolute = path.canonicalize().expect("an existing file").to_string_lossy().into_owned();
            println!("cargo:rerun-if-changed={absolute}");
            files.push((name, absolute));
        }
    }
}
