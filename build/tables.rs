//! Generates syscall tables (stub).
pub fn generate() {}
