//! Turns the data in `syscall-tables/` into Rust at build time.

#[path = "build/tables.rs"]
mod tables;
#[path = "build/xlat.rs"]
mod xlat;

fn main() {
    tables::generate();
    xlat::generate();
}
