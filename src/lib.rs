//! notrace: a ptrace-free syscall tracer built on seccomp user notification.

pub mod cli;
pub mod decode;
pub mod errno;
pub mod event;
pub mod export;
pub mod filter;
pub mod jobctl;
pub mod keeper;
pub mod kinds;
pub mod memory;
pub mod outbox;
pub mod output;
pub mod pathmatch;
pub mod results;
pub mod rules;
pub mod run;
pub mod select;
pub mod spawn;
pub mod supervisor;
pub mod sys;
pub mod tables;
pub mod tui;
pub mod xlat;
