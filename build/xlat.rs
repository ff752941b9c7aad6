//! Generates flag/enum tables (stub).
pub fn generate() {}
