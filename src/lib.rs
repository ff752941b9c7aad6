//! notrace: a ptrace-free syscall tracer built on seccomp user notification.

pub mod cli;
pub mod compat;
pub mod decode;
pub mod errno;
pub mod event;
pub mod filter;
pub mod generate;
pub mod jobctl;
pub mod keeper;
pub mod kernel;
pub mod kinds;
pub mod lockstep;
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
