//! Latencies per page, kept exactly (every sample) and summarised as percentiles.
use std::collections::BTreeMap;

#[derive(Default)]
pub struct Page {
    pub micros: Vec<u32>,
    pub errors: u64,
}

#[derive(Default)]
pub struct Stats {
    pub pages: BTreeMap<&'static str, Page>,
    /// The first few distinct error messages, for diagnosis.
    pub samples: Vec<String>,
}

impl Stats {
    pub fn ok(&mut self, name: &'static str, micros: u32) {
        self.pages.entry(name).or_default().micros.push(micros);
    }

    pub fn error(&mut self, name: &'static str, micros: u32, message: String) {
        let page = self.pages.entry(name).or_default();
        page.micros.push(micros);
        page.errors += 1;
        if self.samples.len() < 10 && !self.samples.contains(&message) {
            self.samples.push(message);
        }
    }

    pub fn merge(&mut self, other: Stats) {
        for (name, page) in other.pages {
            let mine = self.pages.entry(name).or_default();
            mine.micros.extend(page.micros);
            mine.errors += page.errors;
        }
        for s in other.samples {
            if self.samples.len() < 10 && !self.samples.contains(&s) {
                self.samples.push(s);
            }
        }
    }

    pub fn errors(&self) -> u64 {
        self.pages.values().map(|p| p.errors).sum()
    }

    pub fn requests(&self) -> u64 {
        self.pages.values().map(|p| p.micros.len() as u64).sum()
    }
}

/// The q-th percentile (nearest rank) of sorted samples, in milliseconds.
pub fn percentile_ms(sorted: &[u32], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((q / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    f64::from(sorted[rank.min(sorted.len()) - 1]) / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<u32> = (1..=100).map(|i| i * 1000).collect();
        assert_eq!(percentile_ms(&v, 50.0), 50.0);
        assert_eq!(percentile_ms(&v, 99.0), 99.0);
        assert_eq!(percentile_ms(&v, 100.0), 100.0);
        assert_eq!(percentile_ms(&[], 99.0), 0.0);
        let mut s = Stats::default();
        s.ok("a", 10);
        s.error("a", 20, "x".into());
        s.error("a", 20, "x".into());
        assert_eq!((s.requests(), s.errors(), s.samples.len()), (3, 2, 1));
    }
}
