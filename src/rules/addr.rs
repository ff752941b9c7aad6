//! Socket addresses as rules see them, and the `addr=` / `port=` patterns.
//!
//! An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) is the IPv4 address it
//! maps: a rule on `10.0.0.1` must not be bypassed through an AF_INET6
//! socket.

use super::glob::Glob;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// A socket address read from the tracee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SockAddr {
    /// AF_INET / AF_INET6 (mapped addresses already turned into IPv4).
    Inet(IpAddr, u16),
    /// AF_UNIX with a path (made absolute against the tracee's cwd), or an
    /// abstract name as `@name`.
    Unix(Vec<u8>),
    /// An unnamed AF_UNIX address, AF_UNSPEC, or another family.
    Other(u16),
}

/// Parses a `struct sockaddr` of `b.len()` bytes (what the call passed).
/// `None` when it is too short for its family.
pub fn parse_sockaddr(b: &[u8]) -> Option<SockAddr> {
    let family = u16::from_ne_bytes([*b.first()?, *b.get(1)?]);
    match family as i32 {
        libc::AF_INET => {
            if b.len() < 8 {
                return None;
            }
            let port = u16::from_be_bytes([b[2], b[3]]);
            let ip = Ipv4Addr::new(b[4], b[5], b[6], b[7]);
            Some(SockAddr::Inet(IpAddr::V4(ip), port))
        }
        libc::AF_INET6 => {
            if b.len() < 24 {
                return None;
            }
            let port = u16::from_be_bytes([b[2], b[3]]);
            let mut o = [0u8; 16];
            o.copy_from_slice(&b[8..24]);
            Some(SockAddr::Inet(
                canonical(IpAddr::V6(Ipv6Addr::from(o))),
                port,
            ))
        }
        libc::AF_UNIX => {
            let path = &b[2..];
            if path.is_empty() {
                return Some(SockAddr::Other(family));
            }
            if path[0] == 0 {
                // Abstract: every byte of the given length is the name.
                let mut v = b"@".to_vec();
                v.extend_from_slice(&path[1..]);
                return Some(SockAddr::Unix(v));
            }
            let end = path.iter().position(|&c| c == 0).unwrap_or(path.len());
            Some(SockAddr::Unix(path[..end].to_vec()))
        }
        _ => Some(SockAddr::Other(family)),
    }
}

/// IPv4-mapped IPv6 addresses become IPv4.
pub fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(v6),
        },
        v4 => v4,
    }
}

/// One `addr=` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddrPat {
    /// An address and prefix length (`/32` or `/128` for a single one).
    Net(IpAddr, u8),
    /// A glob on unix socket paths (`/run/*.sock`) or abstract names
    /// (`@name*`).
    Unix(Glob),
}

impl AddrPat {
    /// Parses `IP`, `IP/PREFIX`, `/path-glob` or `@abstract-glob`.
    pub fn parse(s: &str) -> Result<AddrPat, String> {
        if s.starts_with('/') || s.starts_with('@') {
            return Glob::new(s).map(AddrPat::Unix);
        }
        let (ip, prefix) = match s.split_once('/') {
            Some((ip, p)) => (ip, Some(p)),
            None => (s, None),
        };
        let ip: IpAddr = ip
            .parse()
            .map_err(|_| format!("'{ip}' is not an IP address, CIDR, /unix-path or @abstract"))?;
        let ip = canonical(ip);
        let max = if ip.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => match p.parse::<u8>() {
                Ok(n) if n <= max => n,
                _ => return Err(format!("bad prefix length '/{p}' (0 to {max})")),
            },
        };
        Ok(AddrPat::Net(ip, prefix))
    }

    /// Whether `a` is covered.
    pub fn matches(&self, a: &SockAddr) -> bool {
        match (self, a) {
            (AddrPat::Net(net, len), SockAddr::Inet(ip, _)) => in_net(*net, *len, *ip),
            (AddrPat::Unix(g), SockAddr::Unix(p)) => g.matches(p),
            _ => false,
        }
    }
}

fn in_net(net: IpAddr, len: u8, ip: IpAddr) -> bool {
    match (net, ip) {
        (IpAddr::V4(n), IpAddr::V4(i)) => {
            let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
            u32::from(n) & mask == u32::from(i) & mask
        }
        (IpAddr::V6(n), IpAddr::V6(i)) => {
            let mask = if len == 0 {
                0
            } else {
                u128::MAX << (128 - len)
            };
            u128::from(n) & mask == u128::from(i) & mask
        }
        _ => false,
    }
}

/// Parses `N` or `N-M` (inclusive).
pub fn parse_ports(s: &str) -> Result<(u16, u16), String> {
    let one = |p: &str| {
        p.parse::<u16>()
            .map_err(|_| format!("'{p}' is not a port number (0 to 65535)"))
    };
    match s.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (one(a)?, one(b)?);
            if a > b {
                return Err(format!("empty port range '{s}' ({a} > {b})"));
            }
            Ok((a, b))
        }
        None => one(s).map(|p| (p, p)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inet4(ip: [u8; 4], port: u16) -> Vec<u8> {
        let mut b = (libc::AF_INET as u16).to_ne_bytes().to_vec();
        b.extend_from_slice(&port.to_be_bytes());
        b.extend_from_slice(&ip);
        b.extend_from_slice(&[0; 8]);
        b
    }

    #[test]
    fn sockaddrs() {
        let a = parse_sockaddr(&inet4([127, 0, 0, 1], 443)).unwrap();
        assert_eq!(a, SockAddr::Inet("127.0.0.1".parse().unwrap(), 443));
        let mut v6 = (libc::AF_INET6 as u16).to_ne_bytes().to_vec();
        v6.extend_from_slice(&443u16.to_be_bytes());
        v6.extend_from_slice(&[0; 4]);
        v6.extend_from_slice(&"::ffff:127.0.0.1".parse::<Ipv6Addr>().unwrap().octets());
        v6.extend_from_slice(&[0; 4]);
        assert_eq!(parse_sockaddr(&v6).unwrap(), a, "mapped is IPv4");
        let mut un = (libc::AF_UNIX as u16).to_ne_bytes().to_vec();
        un.extend_from_slice(b"/run/x.sock\0junk");
        assert_eq!(
            parse_sockaddr(&un).unwrap(),
            SockAddr::Unix(b"/run/x.sock".to_vec())
        );
        let mut ab = (libc::AF_UNIX as u16).to_ne_bytes().to_vec();
        ab.extend_from_slice(b"\0name");
        assert_eq!(
            parse_sockaddr(&ab).unwrap(),
            SockAddr::Unix(b"@name".to_vec())
        );
        assert_eq!(parse_sockaddr(&inet4([1, 2, 3, 4], 1)[..6]), None);
    }

    #[test]
    fn patterns() {
        let a = SockAddr::Inet("10.1.2.3".parse().unwrap(), 80);
        assert!(AddrPat::parse("10.0.0.0/8").unwrap().matches(&a));
        assert!(!AddrPat::parse("10.0.0.0/16").unwrap().matches(&a));
        assert!(AddrPat::parse("10.1.2.3").unwrap().matches(&a));
        assert!(AddrPat::parse("::ffff:10.1.2.3").unwrap().matches(&a));
        assert!(AddrPat::parse("0.0.0.0/0").unwrap().matches(&a));
        let u = SockAddr::Unix(b"/run/docker.sock".to_vec());
        assert!(AddrPat::parse("/run/*.sock").unwrap().matches(&u));
        assert!(!AddrPat::parse("10.0.0.0/8").unwrap().matches(&u));
        assert!(AddrPat::parse("10.0.0.0/33").is_err());
        assert!(AddrPat::parse("example.com").is_err());
        assert_eq!(parse_ports("443"), Ok((443, 443)));
        assert_eq!(parse_ports("1000-2000"), Ok((1000, 2000)));
        assert!(parse_ports("2000-1000").is_err());
        assert!(parse_ports("70000").is_err());
        assert!(parse_ports("http").is_err());
    }
}
