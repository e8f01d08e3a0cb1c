//! SplitMix64: a tiny, fast generator whose sequence is fixed by its seed on every platform
//! and in every version, which the generated data set's determinism rests on (library RNGs
//! do not promise a stable stream across releases).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0); the modulo bias is negligible for the small n used here.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    pub fn pick(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    /// An index drawn with probability proportional to its weight.
    pub fn weighted(&mut self, weights: &[u64]) -> usize {
        let total: u64 = weights.iter().sum();
        let mut x = self.below(total);
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }

    /// `bytes` random bytes as lowercase hex.
    pub fn hex(&mut self, bytes: usize) -> String {
        let mut s = String::with_capacity(bytes * 2);
        while s.len() < bytes * 2 {
            s.push_str(&format!("{:016x}", self.next()));
        }
        s.truncate(bytes * 2);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::Rng;

    #[test]
    fn same_seed_same_sequence_and_weights_are_respected() {
        let (mut a, mut b) = (Rng::new(42), Rng::new(42));
        assert_eq!((0..5).map(|_| a.next()).collect::<Vec<_>>(), (0..5).map(|_| b.next()).collect::<Vec<_>>());
        let mut r = Rng::new(1);
        let hits = (0..10_000).filter(|_| r.weighted(&[1, 0, 9]) == 2).count();
        assert!((8_500..9_500).contains(&hits), "{hits}");
        assert!((0..1000).all(|_| r.weighted(&[1, 0, 9]) != 1));
        assert_eq!(r.hex(16).len(), 32);
    }
}
