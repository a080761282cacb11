//! What the attrib benchmarks share: the workspace's CPU-time reader, in seconds.

#[path = "../../../../benches/cpu_time.rs"]
mod cpu_time;

/// CPU time this thread has run, in seconds; `None` where the system does not say.
pub fn cpu_seconds() -> Option<f64> {
    cpu_time::thread_cpu().map(|d| d.as_secs_f64())
}
