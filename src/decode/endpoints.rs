//! `-yy`: a socket fd's endpoints as strace prints them
//! (`TCP:[127.0.0.1:40000->127.0.0.1:80]`, `UDPv6:[[::1]:53]`,
//! `UNIX-STREAM:[12345->12346]`), from the tables of the tracee's
//! network namespace in `/proc/PID/net/`, and for unix sockets from
//! sock_diag (which alone knows the peer) when the tracee shares
//! notrace's network namespace.

use std::net::{Ipv4Addr, Ipv6Addr};

/// The inet tables and strace's protocol names for them.
const INET: [(&str, &str, bool); 4] = [
    ("tcp", "TCP", false),
    ("tcp6", "TCPv6", true),
    ("udp", "UDP", false),
    ("udp6", "UDPv6", true),
];

/// `ADDR:PORT` from a `/proc/net/tcp*` column (`0100007F:13D5`).
fn inet_addr(col: &str, v6: bool) -> Option<(String, bool)> {
    let (a, p) = col.split_once(':')?;
    let port = u16::from_str_radix(p, 16).ok()?;
    // Each 32-bit word is printed in host order.
    let mut bytes = Vec::with_capacity(16);
    for i in (0..a.len()).step_by(8) {
        let w = u32::from_str_radix(a.get(i..i + 8)?, 16).ok()?;
        bytes.extend_from_slice(&w.to_ne_bytes());
    }
    let zero = port == 0 && bytes.iter().all(|b| *b == 0);
    let text = if v6 {
        let b: [u8; 16] = bytes.try_into().ok()?;
        format!("[{}]:{port}", Ipv6Addr::from(b))
    } else {
        let b: [u8; 4] = bytes.try_into().ok()?;
        format!("{}:{port}", Ipv4Addr::from(b))
    };
    Some((text, zero))
}

/// The row for `inode` in one inet table's text, as strace prints it.
pub fn inet_endpoint(table: &str, proto: &str, v6: bool, inode: &str) -> Option<String> {
    table.lines().skip(1).find_map(|l| {
        let f: Vec<&str> = l.split_whitespace().collect();
        if f.get(9) != Some(&inode) {
            return None;
        }
        let (local, _) = inet_addr(f.get(1)?, v6)?;
        let (remote, none) = inet_addr(f.get(2)?, v6)?;
        Some(if none {
            format!("{proto}:[{local}]")
        } else {
            format!("{proto}:[{local}->{remote}]")
        })
    })
}

/// The row for `inode` in `/proc/net/unix`'s text, as strace prints it
/// (without the peer, which only sock_diag tells).
pub fn unix_endpoint(table: &str, inode: &str) -> Option<String> {
    table.lines().skip(1).find_map(|l| {
        let f: Vec<&str> = l.split_whitespace().collect();
        if f.get(6) != Some(&inode) {
            return None;
        }
        let kind = match *f.get(4)? {
            "0001" => "UNIX-STREAM",
            "0002" => "UNIX-DGRAM",
            "0005" => "UNIX-SEQPACKET",
            _ => "UNIX",
        };
        Some(match f.get(7) {
            Some(path) => format!(
                "{kind}:[{inode},\"{}\"]",
                super::fd_path_text(path.as_bytes())
            ),
            None => format!("{kind}:[{inode}]"),
        })
    })
}

/// strace's text for a unix socket from sock_diag's answer:
/// `UNIX-STREAM:[INO->PEER,"name"]`, each part when known.
pub fn unix_diag_text(inode: &str, kind: u8, peer: u32, name: &[u8]) -> String {
    let kind = match kind as i32 {
        libc::SOCK_STREAM => "UNIX-STREAM",
        libc::SOCK_DGRAM => "UNIX-DGRAM",
        libc::SOCK_SEQPACKET => "UNIX-SEQPACKET",
        _ => "UNIX",
    };
    let mut s = format!("{kind}:[{inode}");
    if peer != 0 {
        s.push_str(&format!("->{peer}"));
    }
    if !name.is_empty() {
        let mut n = name.to_vec();
        if n[0] == 0 {
            n[0] = b'@';
        }
        while n.last() == Some(&0) {
            n.pop();
        }
        s.push_str(&format!(",\"{}\"", super::fd_path_text(&n)));
    }
    s.push(']');
    s
}

/// Whether process `pid` is in notrace's network namespace (where
/// sock_diag looks).
fn same_netns(pid: i32) -> bool {
    match (
        std::fs::read_link(format!("/proc/{pid}/ns/net")),
        std::fs::read_link("/proc/self/ns/net"),
    ) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Looks `inode` up in process `pid`'s network namespace.
pub fn lookup(pid: i32, inode: &str) -> Option<String> {
    let read = |t: &str| crate::procfs::read_lossy(format!("/proc/{pid}/net/{t}")).ok();
    for (table, proto, v6) in INET {
        if let Some(s) = read(table).and_then(|t| inet_endpoint(&t, proto, v6, inode)) {
            return Some(s);
        }
    }
    if let (true, Ok(ino)) = (same_netns(pid), inode.parse::<u32>()) {
        if let Some((kind, peer, name)) = crate::sys::unix_diag(ino) {
            return Some(unix_diag_text(inode, kind, peer, &name));
        }
    }
    read("unix").and_then(|t| unix_endpoint(&t, inode))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TCP: &str = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n\
   0: 0100007F:1388 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1111 1 0 100 0 0 10 0\n\
   1: 0100007F:A8CA 0100007F:1388 01 00000000:00000000 00:00000000 00000000     0        0 2222 1 0 20 4 30 10 -1\n";

    #[test]
    fn tcp_rows_as_strace() {
        if cfg!(target_endian = "big") {
            return;
        }
        assert_eq!(
            inet_endpoint(TCP, "TCP", false, "2222").as_deref(),
            Some("TCP:[127.0.0.1:43210->127.0.0.1:5000]")
        );
        assert_eq!(
            inet_endpoint(TCP, "TCP", false, "1111").as_deref(),
            Some("TCP:[127.0.0.1:5000]")
        );
        assert_eq!(inet_endpoint(TCP, "TCP", false, "3333"), None);
        let v6 = "h\n 0: 00000000000000000000000001000000:0035 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 4444\n";
        assert_eq!(
            inet_endpoint(v6, "UDPv6", true, "4444").as_deref(),
            Some("UDPv6:[[::1]:53]")
        );
    }

    #[test]
    fn unix_rows_as_strace() {
        let t = "Num       RefCount Protocol Flags    Type St Inode Path\n\
0000000000000000: 00000002 00000000 00010000 0001 01 5555 /run/x.sock\n\
0000000000000000: 00000003 00000000 00000000 0001 03 6666\n";
        assert_eq!(
            unix_endpoint(t, "5555").as_deref(),
            Some("UNIX-STREAM:[5555,\"/run/x.sock\"]")
        );
        assert_eq!(
            unix_endpoint(t, "6666").as_deref(),
            Some("UNIX-STREAM:[6666]")
        );
        assert_eq!(
            unix_diag_text("7", libc::SOCK_STREAM as u8, 8, b""),
            "UNIX-STREAM:[7->8]"
        );
        assert_eq!(
            unix_diag_text("7", libc::SOCK_DGRAM as u8, 0, b"\0abs"),
            "UNIX-DGRAM:[7,\"@abs\"]"
        );
    }
}

#[cfg(test)]
mod kernel {
    use std::os::linux::fs::MetadataExt;
    use std::os::unix::net::{UnixListener, UnixStream};

    fn ino(fd: &impl std::os::fd::AsRawFd) -> u32 {
        std::fs::metadata(format!("/proc/self/fd/{}", fd.as_raw_fd()))
            .unwrap()
            .st_ino() as u32
    }

    #[test]
    fn sock_diag_names_peers_of_accepted_sockets() {
        let p = std::env::temp_dir().join(format!("nt-diag-{}.sock", std::process::id()));
        let _ = std::fs::remove_file(&p);
        let l = UnixListener::bind(&p).unwrap();
        let c = UnixStream::connect(&p).unwrap();
        let (s, _) = l.accept().unwrap();
        let got = crate::sys::unix_diag(ino(&s));
        let _ = std::fs::remove_file(&p);
        let Some((_, peer, name)) = got else {
            eprintln!("skipped: no sock_diag here");
            return;
        };
        assert_eq!(peer, ino(&c), "name {name:?}");
    }
}
