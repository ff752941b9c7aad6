//! notrace: a ptrace-free syscall tracer built on seccomp user notification.

pub mod event;
pub mod kinds;
pub mod sys;
pub mod tui;
