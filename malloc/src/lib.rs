//! Makes glibc's malloc give large freed blocks back to the system.
//!
//! By default glibc raises its mmap threshold each time a large block is
//! freed (up to 32 MiB). From then on, blocks that size (an argon2 hash's
//! 19 MiB, a feed page of a few MiB) come from per-thread arenas, and what an
//! arena once held it keeps. Measured with `cargo bench -p campo-tests
//! --bench load`, a server that had signed in 100 devices held 296 MB doing
//! nothing, and 512 MB after they synced, for good. Fixing the threshold
//! turns the adjustment off: blocks above it are mapped on their own and
//! unmapped when freed. Elsewhere than glibc this does nothing.

/// Blocks at least this large are mapped on their own, and returned when freed.
pub const MMAP_THRESHOLD: usize = 256 * 1024;

/// Sets the fixed threshold. Call once, first thing in `main`.
pub fn return_large_blocks_to_the_system() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let threshold = libc::c_int::try_from(MMAP_THRESHOLD).unwrap_or(libc::c_int::MAX);
        // SAFETY: mallopt only changes the allocator's parameters, with no
        // pointer involved; glibc applies it under its own lock. A refusal
        // (0) leaves the defaults, which are correct, only hungrier.
        #[allow(unsafe_code)]
        let accepted = unsafe { libc::mallopt(libc::M_MMAP_THRESHOLD, threshold) };
        if accepted == 0 {
            eprintln!("campo-malloc: glibc refused mmap_threshold={threshold}; memory is kept as glibc decides");
        }
    }
}
