//! notrace: a ptrace-free syscall tracer built on seccomp user notification.

pub mod decode;
pub mod event;
pub mod kinds;
pub mod memory;
pub mod sys;
pub mod xlat;
