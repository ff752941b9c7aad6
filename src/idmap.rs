//! Maps keyed by thread and process ids, with a hash that costs a multiply
//! instead of SipHash: the supervisor and the text writer look a tid up on
//! every event, and tids come from the kernel, not from an attacker who
//! could choose them to collide (a tracee can make only as many threads as
//! its limits allow, and a collision costs time, never correctness).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` keyed by an id.
pub type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// A `HashSet` of ids.
pub type IdSet<K> = HashSet<K, BuildHasherDefault<IdHasher>>;

/// Fibonacci hashing of one integer key.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only integer keys are meant; others still hash, slowly.
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u32(&mut self, v: u32) {
        self.write_u64(u64::from(v));
    }

    fn write_i32(&mut self, v: i32) {
        self.write_u64(u64::from(v as u32));
    }

    fn write_u64(&mut self, v: u64) {
        // The high bits pick the bucket (hashbrown uses the top 7 for its
        // tags and the low ones for the index): mix both.
        let h = (self.0 ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 = h ^ (h >> 32);
    }

    fn write_i64(&mut self, v: i64) {
        self.write_u64(v as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbouring_ids_spread() {
        let mut m: IdMap<i32, i32> = IdMap::default();
        for i in 0..10_000 {
            m.insert(i, -i);
        }
        assert!((0..10_000).all(|i| m[&i] == -i));
        let hash = |v: u32| {
            let mut h = IdHasher::default();
            h.write_u32(v);
            h.finish()
        };
        assert_ne!(hash(1) >> 57, hash(2) >> 57);
        assert_ne!(hash(1) & 0xff, hash(2) & 0xff);
    }
}
