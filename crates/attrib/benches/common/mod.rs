//! What the attrib benchmarks share.

/// CPU time this thread has run, in seconds, from Linux's schedstat; `None` elsewhere.
/// The machine is shared, so wall-clock figures depend on the load while CPU time does
/// not.
pub fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}
