//! The console's pages, embedded at build time (see build.rs) and served
//! under `/console/`: the page itself never cached, so a new server is
//! picked up at the next load, and its hashed assets cached for good.

use axum::{
    Router,
    extract::Path,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
    routing::get,
};

mod files {
    include!(concat!(env!("OUT_DIR"), "/console_files.rs"));
}

/// The page Vite builds; the console answers every other path under
/// `/console/` that is not an asset with it too, so a reload of a screen
/// (`/console/plans`) finds the console.
const PAGE: &str = "console.html";

/// What the page may load: only this server's own files and API (photos
/// are shown from blobs). Svelte sets styles through the CSSOM, which the
/// policy does not govern, so no inline style need be allowed.
const POLICY: &str = "default-src 'self'; img-src 'self' blob: data:; frame-ancestors 'none'; base-uri 'none'; \
                      form-action 'self'";

/// The console's routes, for [`crate::api::router`] to merge.
pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/console", get(|| async { Redirect::permanent("/console/") }))
        .route("/console/", get(|| async { page() }))
        .route("/console/{*path}", get(|Path(path): Path<String>| async move { asset(&path) }))
}

fn find(name: &str) -> Option<&'static [u8]> {
    files::FILES.iter().find(|(n, _)| *n == name).map(|(_, bytes)| *bytes)
}

fn page() -> Response {
    let Some(bytes) = find(PAGE) else {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "La consola no se incluyó al compilar este servidor: ejecuta `npm run build` en ui/ y vuelve a compilarlo.",
        )
            .into_response();
    };
    let mut response = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(POLICY));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    response
}

fn asset(path: &str) -> Response {
    let Some(bytes) = find(path).filter(|_| path != PAGE) else {
        // A screen's address (no dot), not a file: the console routes it.
        return if path.contains('.') { StatusCode::NOT_FOUND.into_response() } else { page() };
    };
    let kind = match path.rsplit_once('.').map(|(_, ext)| ext) {
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    };
    // Only Vite's assets have the hash of their content in their names.
    let cache = if path.starts_with("assets/") { "public, max-age=31536000, immutable" } else { "no-cache" };
    ([(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, cache), (header::X_CONTENT_TYPE_OPTIONS, "nosniff")], bytes)
        .into_response()
}
