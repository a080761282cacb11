//! This thread's CPU time, for the benches of every crate (included with `#[path]`).
//!
//! The machine is shared, so wall-clock figures depend on the load while CPU time does
//! not. Linux reports it in `/proc/thread-self/schedstat`; elsewhere there is no figure.

use std::time::Duration;

/// CPU time this thread has run, from Linux's schedstat; `None` elsewhere.
pub fn thread_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(
        s.split_whitespace().next()?.parse().ok()?,
    ))
}
