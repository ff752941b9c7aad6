//! The `notrace` binary: parses the command line and hands over to
//! [`notrace::run`].

fn main() {
    let code = notrace::run::main(std::env::args_os().collect());
    std::process::exit(code);
}
