//! The pseudo-terminal the traced command runs on, so its output lands in
//! a pane of the UI instead of on top of it.

use std::io;
use std::os::fd::{AsFd, OwnedFd};

use rustix::fs::{Mode, OFlags};
use rustix::pty::OpenptFlags;

/// Opens a new pseudo-terminal pair: `(master, slave)`.
///
/// The engine hands the slave to the command as stdin, stdout and stderr
/// and makes it the controlling terminal; the UI keeps the master. Both
/// ends are close-on-exec; the master is not the caller's controlling tty.
pub fn open() -> io::Result<(OwnedFd, OwnedFd)> {
    let master =
        rustix::pty::openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC)?;
    rustix::pty::grantpt(&master)?;
    rustix::pty::unlockpt(&master)?;
    let name = rustix::pty::ptsname(&master, Vec::new())?;
    let slave = rustix::fs::open(
        name.as_c_str(),
        OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    Ok((master, slave))
}

/// Tells the command its terminal is `cols` × `rows` (it gets `SIGWINCH`).
pub fn set_size<Fd: AsFd>(master: Fd, cols: u16, rows: u16) -> io::Result<()> {
    let ws = rustix::termios::Winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    rustix::termios::tcsetwinsize(master, ws)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};

    #[test]
    fn pair_carries_bytes_and_size() {
        let (master, slave) = super::open().unwrap();
        super::set_size(&master, 77, 11).unwrap();
        let ws = rustix::termios::tcgetwinsize(&slave).unwrap();
        assert_eq!((ws.ws_col, ws.ws_row), (77, 11));
        let mut s = std::fs::File::from(slave);
        s.write_all(b"hi\n").unwrap();
        let mut m = std::fs::File::from(master);
        let mut buf = [0u8; 16];
        let n = m.read(&mut buf).unwrap();
        // The line discipline turns \n into \r\n (ONLCR).
        assert!(buf[..n].starts_with(b"hi"), "{:?}", &buf[..n]);
    }
}
