//! What the store benchmarks share: fastrand's generator with a fixed seed and the
//! draws made from it, so every run builds the same synthetic corpus; this thread's CPU
//! time; the bytes written.
#![allow(dead_code)] // each bench uses its own subset

#[path = "../../../../benches/cpu_time.rs"]
mod cpu_time;

pub use cpu_time::thread_cpu;
pub use fastrand::Rng;

/// The draws the benches make. Seed the generator with `Rng::with_seed` so that every
/// run builds the same corpus.
pub trait Draw {
    /// A number in `0..n`, uniform.
    fn below(&mut self, n: usize) -> usize;
    /// A number in `[0, 1)`, uniform.
    fn unit(&mut self) -> f64;
    /// Zipf-like: small indexes in `0..n` much more often than large ones.
    fn zipf(&mut self, n: usize) -> usize;
}

impl Draw for Rng {
    fn below(&mut self, n: usize) -> usize {
        self.usize(..n)
    }

    fn unit(&mut self) -> f64 {
        self.f64()
    }

    fn zipf(&mut self, n: usize) -> usize {
        ((n as f64).powf(self.unit()) as usize)
            .saturating_sub(1)
            .min(n - 1)
    }
}

/// Bytes this process has written through system calls (Linux's `wchar`), a steady
/// measure of write amplification on a machine too busy for steady timings.
pub fn bytes_written() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/io").ok()?;
    s.lines()
        .find_map(|l| l.strip_prefix("wchar:"))?
        .trim()
        .parse()
        .ok()
}
