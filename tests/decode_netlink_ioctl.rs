//! Netlink route attributes and ioctl arguments as strace 6.1 prints
//! them at entry. The fixture `args_nlroute` sends NETLINK_ROUTE link,
//! address and route requests with IFLA_*, IFA_* and RTA_* attributes
//! (strings with and without their NUL, short, cut, unknown and nested
//! attributes, trailing junk, an attribute header past the mapped page);
//! `args_nlfamilies` sends NETLINK_SOCK_DIAG requests as `ss` does (with
//! inet_diag bytecode), NETLINK_GENERIC messages, whose type strace names
//! from the kernel's own list of families (`nlctrl`), and
//! NETLINK_NETFILTER messages as nft and conntrack send them. notrace's
//! line for each must be strace 6.1's, kept in
//! tests/strace-evidence/nlroute.strace and nlfamilies.strace.
//!
//! `args_ioctl_more` makes block, loop, FS_IOC_*FLAGS, nsfs, perf,
//! seccomp, evdev and rtc ioctls, and numbers strace names with their size or
//! index (`EVIOCGNAME(256)`), on fd -1 (each fails, nothing changes); its lines are
//! strace 6.1's too (ioctl_more.strace, and ioctl_more_v.strace with -v),
//! stack addresses as `ADDR`.

mod common;

use common::{check_lines, fixture, notrace, parse_jsonl, syscalls_named, trace_lines};
use std::process::Command;

/// Stack addresses (`0x7ff` and 9 more hex digits) become `ADDR`; other
/// hex numbers (junk, the unmapped `0x8`) stay.
fn normalise(line: &str) -> String {
    regex::Regex::new(r"0x7ff[0-9a-f]{9}\b")
        .unwrap()
        .replace_all(line, "ADDR")
        .into_owned()
}

/// strace 6.1's lines for `args_nlroute` (nlroute.strace), results
/// dropped.
const NLROUTE_EXPECTED: &[&str] = &[
    r#"sendto(3, [{nlmsg_len=40, nlmsg_type=RTM_GETLINK, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=1, nlmsg_pid=0}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_NETROM, ifi_index=0, ifi_flags=0, ifi_change=0}, [{nla_len=8, nla_type=IFLA_EXT_MASK}, RTEXT_FILTER_VF|RTEXT_FILTER_SKIP_STATS]], 40, 0, NULL, 0)"#,
    r#"sendto(3, [{nlmsg_len=220, nlmsg_type=RTM_GETLINK, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=2, nlmsg_pid=0}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_NETROM, ifi_index=if_nametoindex("lo"), ifi_flags=0, ifi_change=0}, [[{nla_len=7, nla_type=IFLA_IFNAME}, "lo"], [{nla_len=8, nla_type=IFLA_MTU}, 1500], [{nla_len=8, nla_type=IFLA_EXT_MASK}, RTEXT_FILTER_VF|0x80000000], [{nla_len=10, nla_type=IFLA_ADDRESS}, 02:00:5e:10:20:30], [{nla_len=12, nla_type=IFLA_BROADCAST}, 01:02:03:04:05:06:07], [{nla_len=5, nla_type=IFLA_OPERSTATE}, 6], [{nla_len=8, nla_type=IFLA_LINK_NETNSID}, -1], [{nla_len=8, nla_type=IFLA_NET_NS_FD}, 0], [{nla_len=8, nla_type=IFLA_NEW_IFINDEX}, if_nametoindex("lo")], [{nla_len=7, nla_type=IFLA_IFALIAS}, "eth"...], [{nla_len=10, nla_type=IFLA_QDISC}, "a\0b\n\1"], [{nla_len=41, nla_type=IFLA_ALT_IFNAME}, "0123456789abcdefghijklmnopqrstuv"...], [{nla_len=6, nla_type=IFLA_MTU}, "\x01\x02"], [{nla_len=6, nla_type=NLA_F_NESTED|0x3e7 /* IFLA_??? */}, "\xff\xfe"], [{nla_len=8, nla_type=NLA_F_NET_BYTEORDER|IFLA_GROUP}, 117440512], [{nla_len=16, nla_type=IFLA_EXT_MASK}, "\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"], {nla_len=4, nla_type=IFLA_UNSPEC}]], 220, 0, NULL, 0)"#,
    r#"sendto(3, [{nlmsg_len=92, nlmsg_type=RTM_GETLINK, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=3, nlmsg_pid=0}, {ifi_family=AF_INET, ifi_type=ARPHRD_NETROM, ifi_index=if_nametoindex("lo"), ifi_flags=0, ifi_change=0}, [[{nla_len=12, nla_type=IFLA_ADDRESS}, 01:02:03:04:05:06:07:08], [{nla_len=40, nla_type=IFLA_PERM_ADDRESS}, "\x30\x31\x32\x33\x34\x35\x36\x37\x38\x39\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f\x70\x71\x72\x73\x74\x75\x76"...], [{nla_len=100, nla_type=IFLA_IFNAME}, "cut"]]], 92, 0, NULL, 0)"#,
    r#"sendto(3, [{nlmsg_len=42, nlmsg_type=RTM_GETLINK, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=4, nlmsg_pid=0}, {ifi_family=AF_INET, ifi_type=ARPHRD_NETROM, ifi_index=if_nametoindex("lo"), ifi_flags=0, ifi_change=0}, [[{nla_len=8, nla_type=IFLA_TXQLEN}, 1000], "\xaa\xbb"]], 42, 0, NULL, 0)"#,
    r#"sendto(3, [{nlmsg_len=48, nlmsg_type=RTM_GETLINK, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=5, nlmsg_pid=0}, {ifi_family=AF_INET, ifi_type=ARPHRD_NETROM, ifi_index=if_nametoindex("lo"), ifi_flags=0, ifi_change=0}, {nla_len=2, nla_type=IFLA_MTU}], 48, 0, NULL, 0)"#,
    r#"sendto(3, [{nlmsg_len=192, nlmsg_type=RTM_GETLINK, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=6, nlmsg_pid=0}, {ifi_family=AF_INET, ifi_type=ARPHRD_NETROM, ifi_index=if_nametoindex("lo"), ifi_flags=0, ifi_change=0}, [{nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, {nla_len=4, nla_type=IFLA_UNSPEC}, ...]], 192, 0, NULL, 0)"#,
    r#"sendto(3, [{nlmsg_len=48, nlmsg_type=RTM_GETLINK, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=7, nlmsg_pid=0}, {ifi_family=AF_INET, ifi_type=ARPHRD_NETROM, ifi_index=if_nametoindex("lo"), ifi_flags=0, ifi_change=0}, [[{nla_len=8, nla_type=IFLA_MTU}, 1280], ... /* 0x20001000 */]], 48, 0, NULL, 0)"#,
    r#"sendto(3, [{nlmsg_len=92, nlmsg_type=RTM_GETADDR, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=8, nlmsg_pid=0}, {ifa_family=AF_INET, ifa_prefixlen=8, ifa_flags=0, ifa_scope=RT_SCOPE_HOST, ifa_index=if_nametoindex("lo")}, [[{nla_len=8, nla_type=IFA_ADDRESS}, inet_addr("127.0.0.1")], [{nla_len=7, nla_type=IFA_LOCAL}, "\x7f\x00\x00"], [{nla_len=7, nla_type=IFA_LABEL}, "lo"], [{nla_len=8, nla_type=IFA_FLAGS}, IFA_F_PERMANENT|IFA_F_NOPREFIXROUTE|0x10000000], [{nla_len=20, nla_type=IFA_CACHEINFO}, {ifa_prefered=1, ifa_valid=2, cstamp=3, tstamp=4}], [{nla_len=8, nla_type=IFA_RT_PRIORITY}, 77], [{nla_len=8, nla_type=IFA_TARGET_NETNSID}, -2]]], 92, 0, NULL, 0)"#,
    r#"sendto(3, [{nlmsg_len=72, nlmsg_type=RTM_GETADDR, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=9, nlmsg_pid=0}, {ifa_family=AF_INET6, ifa_prefixlen=128, ifa_flags=0, ifa_scope=0x4d, ifa_index=if_nametoindex("lo")}, [[{nla_len=20, nla_type=IFA_ADDRESS}, inet_pton(AF_INET6, "::1")], [{nla_len=20, nla_type=IFA_MULTICAST}, inet_pton(AF_INET6, "ff02::1")], [{nla_len=6, nla_type=IFA_CACHEINFO}, "\x01\x02"]]], 72, 0, NULL, 0)"#,
    r#"sendto(3, [{nlmsg_len=40, nlmsg_type=RTM_GETADDR, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=10, nlmsg_pid=0}, {ifa_family=AF_PACKET, ifa_prefixlen=128, ifa_flags=0, ifa_scope=0x4d, ifa_index=if_nametoindex("lo")}, [[{nla_len=8, nla_type=IFA_BROADCAST}, "\x7f\x00\x00\x01"], [{nla_len=5, nla_type=0x3039 /* IFA_??? */}, "\x78"]]], 40, 0, NULL, 0)"#,
    r#"sendto(3, [{nlmsg_len=84, nlmsg_type=RTM_GETROUTE, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=11, nlmsg_pid=0}, {rtm_family=AF_INET, rtm_dst_len=32, rtm_src_len=0, rtm_tos=IPTOS_LOWDELAY, rtm_table=RT_TABLE_MAIN, rtm_protocol=RTPROT_BOOT, rtm_scope=RT_SCOPE_UNIVERSE, rtm_type=RTN_UNICAST, rtm_flags=RTM_F_LOOKUP_TABLE|RTM_F_FIB_MATCH}, [[{nla_len=8, nla_type=RTA_DST}, inet_addr("127.0.0.1")], [{nla_len=8, nla_type=RTA_OIF}, if_nametoindex("lo")], [{nla_len=8, nla_type=RTA_TABLE}, RT_TABLE_MAIN], [{nla_len=8, nla_type=RTA_TABLE}, 0x3e8], [{nla_len=8, nla_type=RTA_MARK}, 255], [{nla_len=6, nla_type=RTA_DPORT}, 53], [{nla_len=5, nla_type=RTA_IP_PROTO}, 17]]], 84, 0, NULL, 0)"#,
    r#"sendto(3, [{nlmsg_len=136, nlmsg_type=RTM_GETROUTE, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=12, nlmsg_pid=0}, {rtm_family=AF_INET, rtm_dst_len=32, rtm_src_len=0, rtm_tos=IPTOS_LOWDELAY|IPTOS_THROUGHPUT|IPTOS_RELIABILITY|IPTOS_MINCOST|0x1, rtm_table=0x4d, rtm_protocol=0x99 /* RTPROT_??? */, rtm_scope=0x42, rtm_type=0x30 /* RTN_??? */, rtm_flags=0x1 /* RTM_F_??? */}, [[{nla_len=22, nla_type=NLA_F_NESTED|RTA_METRICS}, [[{nla_len=8, nla_type=RTAX_MTU}, 1400], [{nla_len=10, nla_type=RTAX_CC_ALGO}, "cubic"]]], [{nla_len=36, nla_type=RTA_CACHEINFO}, {rta_clntref=1, rta_lastuse=2, rta_expires=4294967293, rta_error=4, rta_used=5, rta_id=0x66, rta_ts=7, rta_tsage=8}], [{nla_len=6, nla_type=RTA_ENCAP_TYPE}, LWTUNNEL_ENCAP_BPF], [{nla_len=6, nla_type=RTA_ENCAP_TYPE}, 0x63 /* LWTUNNEL_ENCAP_??? */], [{nla_len=12, nla_type=RTA_EXPIRES}, 1099511627776], [{nla_len=9, nla_type=RTA_GATEWAY}, inet_addr("10.0.0.1")], [{nla_len=8, nla_type=RTA_PRIORITY}, 1024]]], 136, 0, NULL, 0)"#,
    r#"sendto(3, [{nlmsg_len=56, nlmsg_type=RTM_GETROUTE, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=13, nlmsg_pid=0}, {rtm_family=AF_INET6, rtm_dst_len=32, rtm_src_len=0, rtm_tos=IPTOS_LOWDELAY|IPTOS_THROUGHPUT|IPTOS_RELIABILITY|IPTOS_MINCOST|0x1, rtm_table=0x4d, rtm_protocol=0x99 /* RTPROT_??? */, rtm_scope=0x42, rtm_type=0x30 /* RTN_??? */, rtm_flags=0x1 /* RTM_F_??? */}, [[{nla_len=20, nla_type=RTA_SRC}, inet_pton(AF_INET6, "fe80::1")], [{nla_len=6, nla_type=RTA_PREFSRC}, "\xfe\x80"]]], 56, 0, NULL, 0)"#,
    r#"sendto(3, [{nlmsg_len=24, nlmsg_type=RTM_GETROUTE, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=14, nlmsg_pid=0}, {rtm_family=AF_INET6, ...}], 24, 0, NULL, 0)"#,
    r#"sendmsg(3, {msg_name={sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, msg_namelen=12, msg_iov=[{iov_base=[{nlmsg_len=40, nlmsg_type=RTM_GETLINK, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=15, nlmsg_pid=0}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_NETROM, ifi_index=if_nametoindex("lo"), ifi_flags=0, ifi_change=0}, [{nla_len=7, nla_type=IFLA_IFNAME}, "lo"]], iov_len=40}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0)"#,
];

/// strace 6.1's lines for `args_nlfamilies` (nlfamilies.strace), results
/// dropped. The NETLINK_GENERIC controller is `nlctrl` on every kernel.
const NLFAMILIES_EXPECTED: &[&str] = &[
    r#"sendto(3, [{nlmsg_len=40, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=1, nlmsg_pid=0}, {sdiag_family=AF_UNIX, sdiag_protocol=0, udiag_states=1<<TCP_ESTABLISHED|1<<TCP_SYN_SENT|1<<TCP_SYN_RECV|1<<TCP_FIN_WAIT1|1<<TCP_FIN_WAIT2|1<<TCP_TIME_WAIT|1<<TCP_CLOSE|1<<TCP_CLOSE_WAIT|1<<TCP_LAST_ACK|1<<TCP_LISTEN|1<<TCP_CLOSING|1<<TCP_NEW_SYN_RECV|0xffffe001, udiag_ino=0, udiag_show=UDIAG_SHOW_NAME|UDIAG_SHOW_PEER|UDIAG_SHOW_RQLEN, udiag_cookie=[4294967295, 4294967295]}], 40, 0, NULL, 0)"#,
    r#"sendto(3, [{nlmsg_len=40, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=2, nlmsg_pid=0}, {sdiag_family=AF_UNIX, sdiag_protocol=0, udiag_states=1<<TCP_ESTABLISHED|1<<TCP_LISTEN|0x100000, udiag_ino=12345, udiag_show=0x1000 /* UDIAG_SHOW_??? */, udiag_cookie=[7, 4294967295]}], 40, 0, NULL, 0)"#,
    r#"sendto(3, [{nlmsg_len=36, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=3, nlmsg_pid=0}, {sdiag_family=AF_UNIX, ...}], 36, 0, NULL, 0)"#,
    r#"sendto(3, [{nlmsg_len=120, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=4, nlmsg_pid=0}, {sdiag_family=AF_INET, sdiag_protocol=IPPROTO_TCP, idiag_ext=1<<(INET_DIAG_INFO-1)|1<<(INET_DIAG_CONG-1), idiag_states=1<<TCP_ESTABLISHED|1<<TCP_LISTEN, id={idiag_sport=htons(22), idiag_dport=htons(0), idiag_src=inet_addr("127.0.0.1"), idiag_dst=inet_addr("0.0.0.0"), idiag_if=if_nametoindex("lo"), idiag_cookie=[4294967295, 4294967295]}}, [[{nla_len=12, nla_type=INET_DIAG_REQ_BYTECODE}, {code=INET_DIAG_BC_S_GE, yes=8, no=12}, {code=INET_DIAG_BC_S_LE, yes=4, no=8}], [{nla_len=20, nla_type=INET_DIAG_REQ_BYTECODE}, {code=INET_DIAG_BC_S_COND, yes=20, no=24}, {family=AF_INET, prefix_len=8, port=4294967295, addr=inet_addr("127.0.0.1")}], [{nla_len=5, nla_type=INET_DIAG_REQ_PROTOCOL}, IPPROTO_TCP], [{nla_len=5, nla_type=INET_DIAG_REQ_PROTOCOL}, 0x99 /* IPPROTO_??? */]]], 120, 0, NULL, 0)"#,
    r#"sendto(3, [{nlmsg_len=128, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=5, nlmsg_pid=0}, {sdiag_family=AF_INET6, sdiag_protocol=IPPROTO_UDP, idiag_ext=1<<(INET_DIAG_MEMINFO-1)|1<<(INET_DIAG_SHUTDOWN-1), idiag_states=1<<TCP_ESTABLISHED|1<<TCP_LISTEN, id={idiag_sport=htons(22), idiag_dport=htons(53), inet_pton(AF_INET6, "::", &idiag_src), inet_pton(AF_INET6, "::1", &idiag_dst), idiag_if=if_nametoindex("lo"), idiag_cookie=[4294967295, 4294967295]}}, [[{nla_len=12, nla_type=INET_DIAG_REQ_BYTECODE}, {code=INET_DIAG_BC_DEV_COND, yes=8, no=12}, if_nametoindex("lo")], [{nla_len=16, nla_type=INET_DIAG_REQ_BYTECODE}, {code=INET_DIAG_BC_MARK_COND, yes=12, no=16}, {mark=16, mask=255}], [{nla_len=18, nla_type=INET_DIAG_REQ_BYTECODE}, {code=INET_DIAG_BC_D_COND, yes=20, no=24}, {family=AF_INET6, prefix_len=64, port=443, addr="\xfe\x80"}], [{nla_len=6, nla_type=INET_DIAG_REQ_BYTECODE}, "\x01\x02"]]], 128, 0, NULL, 0)"#,
    r#"sendto(3, [{nlmsg_len=76, nlmsg_type=TCPDIAG_GETSOCK, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=6, nlmsg_pid=0}, {idiag_family=AF_INET, idiag_src_len=32, idiag_dst_len=0, idiag_ext=0, id={idiag_sport=htons(0), idiag_dport=htons(0), idiag_src=inet_addr("0.0.0.0"), idiag_dst=inet_addr("0.0.0.0"), idiag_if=0, idiag_cookie=[0, 0]}, idiag_states=1<<TCP_LISTEN, idiag_dbs=3}], 76, 0, NULL, 0)"#,
    r#"sendto(3, [{nlmsg_len=36, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=7, nlmsg_pid=0}, {sdiag_family=AF_NETLINK, sdiag_protocol=NDIAG_PROTO_ALL, ndiag_ino=0, ndiag_show=NDIAG_SHOW_MEMINFO|NDIAG_SHOW_GROUPS, ndiag_cookie=[0, 0]}], 36, 0, NULL, 0)"#,
    r#"sendto(3, [{nlmsg_len=36, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=8, nlmsg_pid=0}, {sdiag_family=AF_NETLINK, sdiag_protocol=NETLINK_ROUTE, ndiag_ino=4, ndiag_show=NDIAG_SHOW_MEMINFO|NDIAG_SHOW_GROUPS, ndiag_cookie=[0, 0]}], 36, 0, NULL, 0)"#,
    r#"sendto(3, [{nlmsg_len=36, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=9, nlmsg_pid=0}, {sdiag_family=AF_PACKET, sdiag_protocol=0, pdiag_ino=0, pdiag_show=PACKET_SHOW_INFO|PACKET_SHOW_FILTER|0x100, pdiag_cookie=[0, 0]}], 36, 0, NULL, 0)"#,
    r#"sendto(3, [{nlmsg_len=68, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=10, nlmsg_pid=0}, {diag_family=AF_SMC, diag_ext=1<<(SMC_DIAG_CONNINFO-1)|1<<(SMC_DIAG_LGRINFO-1), id={idiag_sport=htons(0), idiag_dport=htons(0), idiag_src=inet_addr("0.0.0.0"), idiag_dst=inet_addr("0.0.0.0"), idiag_if=0, idiag_cookie=[0, 0]}}], 68, 0, NULL, 0)"#,
    r#"sendto(3, [{nlmsg_len=24, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=11, nlmsg_pid=0}, {family=AF_APPLETALK, data="\x01\x02\x03\x00\x00\x00\x00"}], 24, 0, NULL, 0)"#,
    r#"sendto(3, [{nlmsg_len=17, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=12, nlmsg_pid=0}, {family=AF_APPLETALK}], 17, 0, NULL, 0)"#,
    r#"sendto(4, [{nlmsg_len=32, nlmsg_type=nlctrl, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=14, nlmsg_pid=0}, "\x03\x01\x00\x00\x0b\x00\x02\x00\x6e\x6c\x63\x74\x72\x6c\x00\x00"], 32, 0, NULL, 0)"#,
    r#"sendto(4, [{nlmsg_len=20, nlmsg_type=0x3ff /* GENERIC_FAMILY_??? */, nlmsg_flags=NLM_F_REQUEST|NLM_F_ACK, nlmsg_seq=15, nlmsg_pid=0}, "\x03\x01\x00\x00"], 20, 0, NULL, 0)"#,
    r#"sendto(6, [{nlmsg_len=44, nlmsg_type=NFNL_SUBSYS_NFTABLES<<8|NFT_MSG_GETTABLE, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=17, nlmsg_pid=0}, {nfgen_family=AF_INET, version=NFNETLINK_V0, res_id=htons(NFNL_SUBSYS_NFTABLES)}, [[{nla_len=11, nla_type=0x1}, "\x66\x69\x6c\x74\x65\x72\x00"], [{nla_len=8, nla_type=NLA_F_NESTED|0x3}, "\x01\x02\x03\x04"], {nla_len=4, nla_type=0}]], 44, 0, NULL, 0)"#,
    r#"sendto(6, [{nlmsg_len=28, nlmsg_type=NFNL_MSG_BATCH_BEGIN, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=18, nlmsg_pid=0}, {nfgen_family=AF_UNSPEC, version=NFNETLINK_V0, res_id=htons(2560)}, "\x08\x00\x01\x00\x00\x00\x00\x01"], 28, 0, NULL, 0)"#,
    r#"sendto(6, [{nlmsg_len=20, nlmsg_type=NFNL_SUBSYS_NFTABLES<<8|NFT_MSG_GETCHAIN, nlmsg_flags=NLM_F_REQUEST|NLM_F_ACK, nlmsg_seq=19, nlmsg_pid=0}, {nfgen_family=AF_UNSPEC, version=NFNETLINK_V0, res_id=NFNL_SUBSYS_NFTABLES}], 20, 0, NULL, 0)"#,
    r#"sendto(6, [{nlmsg_len=20, nlmsg_type=NFNL_SUBSYS_CTNETLINK<<8|IPCTNL_MSG_CT_GET, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=20, nlmsg_pid=0}, {nfgen_family=AF_INET6, version=0x7 /* NFNETLINK_??? */, res_id=htons(3)}], 20, 0, NULL, 0)"#,
    r#"sendto(6, [{nlmsg_len=28, nlmsg_type=0x42 /* NFNL_SUBSYS_??? */<<8|0x5, nlmsg_flags=NLM_F_REQUEST|0x300, nlmsg_seq=21, nlmsg_pid=0}, {nfgen_family=AF_INET6, version=0x7 /* NFNETLINK_??? */, res_id=htons(3)}, [{nla_len=6, nla_type=0x2}, "\x61\x62"]], 28, 0, NULL, 0)"#,
    r#"sendto(6, [{nlmsg_len=18, nlmsg_type=NFNL_SUBSYS_NFTABLES<<8|NFT_MSG_DELRULE, nlmsg_flags=NLM_F_REQUEST|NLM_F_NONREC|0x400, nlmsg_seq=22, nlmsg_pid=0}, "\x0a\x07"], 18, 0, NULL, 0)"#,
    r#"sendto(5, [{nlmsg_len=20, nlmsg_type=NLMSG_NOOP, nlmsg_flags=0, nlmsg_seq=16, nlmsg_pid=0}, "\x02\x09\x00\x00"], 20, 0, NULL, 0)"#,
];

/// strace 6.1's lines for `args_ioctl_more` (ioctl_more.strace).
const IOCTL_MORE_EXPECTED: &[&str] = &[
    r#"ioctl(-1, BLKROSET, [1])"#,
    r#"ioctl(-1, BLKROSET, 0x8)"#,
    r#"ioctl(-1, BLKRASET, 256)"#,
    r#"ioctl(-1, BLKDISCARD, [4096, 8589934592])"#,
    r#"ioctl(-1, BLKZEROOUT, NULL)"#,
    r#"ioctl(-1, BLKFLSBUF)"#,
    r#"ioctl(-1, BLKGETSIZE64, ADDR)"#,
    r#"ioctl(-1, LOOP_SET_FD, 4)"#,
    r#"ioctl(-1, LOOP_CLR_FD)"#,
    r#"ioctl(-1, LOOP_CTL_ADD, 7)"#,
    r#"ioctl(-1, LOOP_SET_BLOCK_SIZE, 4096)"#,
    r#"ioctl(-1, LOOP_GET_STATUS64, ADDR)"#,
    r#"ioctl(-1, LOOP_SET_STATUS, {lo_number=3, lo_offset=0x200, lo_flags=LO_FLAGS_AUTOCLEAR|0x100, lo_name="/tmp/img", ...})"#,
    r#"ioctl(-1, LOOP_SET_STATUS64, {lo_offset=0x100000, lo_number=7, lo_flags=LO_FLAGS_READ_ONLY|LO_FLAGS_PARTSCAN, lo_file_name="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"..., ...})"#,
    r#"ioctl(-1, LOOP_SET_STATUS64, {lo_offset=0x100000, lo_number=7, lo_encrypt_type=LO_CRYPT_XOR, lo_encrypt_key_size=4, lo_flags=LO_FLAGS_READ_ONLY|LO_FLAGS_PARTSCAN, lo_file_name="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", lo_crypt_name="xor", lo_encrypt_key="k\0y\1", ...})"#,
    r#"ioctl(-1, LOOP_SET_STATUS64, 0x8)"#,
    r#"ioctl(-1, LOOP_CONFIGURE, {fd=5, block_size=512, info={lo_offset=0, lo_number=0, lo_flags=LO_FLAGS_DIRECT_IO, lo_file_name="disk.img", ...}})"#,
    r#"ioctl(-1, LOOP_CONFIGURE, {fd=5, block_size=512, info={lo_offset=0, lo_number=0, lo_flags=LO_FLAGS_DIRECT_IO, lo_file_name="disk.img", ...}, __reserved=[0, 0, 0xff, 0, 0, 0, 0, 0]})"#,
    r#"ioctl(-1, FS_IOC_SETFLAGS, [FS_IMMUTABLE_FL|FS_APPEND_FL|FS_NOATIME_FL])"#,
    r#"ioctl(-1, FS_IOC_SETFLAGS, [0])"#,
    r#"ioctl(-1, FS_IOC_GETFLAGS, ADDR)"#,
    r#"ioctl(-1, FS_IOC_SETFLAGS, NULL)"#,
    r#"ioctl(-1, NS_GET_USERNS)"#,
    r#"ioctl(-1, NS_GET_NSTYPE)"#,
    r#"ioctl(-1, NS_GET_OWNER_UID, ADDR)"#,
    r#"ioctl(-1, PERF_EVENT_IOC_ENABLE, PERF_IOC_FLAG_GROUP)"#,
    r#"ioctl(-1, PERF_EVENT_IOC_DISABLE, 0x6 /* PERF_IOC_FLAG_??? */)"#,
    r#"ioctl(-1, PERF_EVENT_IOC_RESET, 0)"#,
    r#"ioctl(-1, PERF_EVENT_IOC_REFRESH, -1)"#,
    r#"ioctl(-1, PERF_EVENT_IOC_PERIOD, [100000])"#,
    r#"ioctl(-1, PERF_EVENT_IOC_SET_OUTPUT, -1)"#,
    r#"ioctl(-1, PERF_EVENT_IOC_SET_BPF, 9)"#,
    r#"ioctl(-1, PERF_EVENT_IOC_PAUSE_OUTPUT, 1)"#,
    r#"ioctl(-1, PERF_EVENT_IOC_SET_FILTER, "common_pid != 1 && prev_comm ~ \""...)"#,
    r#"ioctl(-1, PERF_EVENT_IOC_ID, ADDR)"#,
    r#"ioctl(-1, SECCOMP_IOCTL_NOTIF_SEND, {id=0x1234, val=-5, error=-EACCES, flags=SECCOMP_USER_NOTIF_FLAG_CONTINUE|0x4})"#,
    r#"ioctl(-1, SECCOMP_IOCTL_NOTIF_SEND, {id=0x1234, val=-5, error=0, flags=0})"#,
    r#"ioctl(-1, SECCOMP_IOCTL_NOTIF_ID_VALID, [0xfeed])"#,
    r#"ioctl(-1, SECCOMP_IOCTL_NOTIF_ADDFD, {id=0x99, flags=SECCOMP_ADDFD_FLAG_SEND, srcfd=3, newfd=0, newfd_flags=O_CLOEXEC})"#,
    r#"ioctl(-1, SECCOMP_IOCTL_NOTIF_RECV, ADDR)"#,
    r#"ioctl(-1, SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR, [0xfeed])"#,
    r#"ioctl(-1, EVIOCGRAB, 1)"#,
    r#"ioctl(-1, EVIOCREVOKE, 0)"#,
    r#"ioctl(-1, EVIOCSCLOCKID, [1])"#,
    r#"ioctl(-1, EVIOCSREP, [250, 33])"#,
    r#"ioctl(-1, EVIOCSREP, 0x8)"#,
    r#"ioctl(-1, EVIOCRMFF, -1)"#,
    r#"ioctl(-1, EVIOCGVERSION, ADDR)"#,
    r#"ioctl(-1, EVIOCGNAME(256), ADDR)"#,
    r#"ioctl(-1, EVIOCGBIT(0, 4), ADDR)"#,
    r#"ioctl(-1, EVIOCGBIT(EV_KEY, 96), ADDR)"#,
    r#"ioctl(-1, EVIOCGBIT(0x1e /* EV_??? */, 8), ADDR)"#,
    r#"ioctl(-1, EVIOCGABS(ABS_MT_SLOT), ADDR)"#,
    r#"ioctl(-1, EVIOCGKEY(64), ADDR)"#,
    r#"ioctl(-1, _IOC(_IOC_WRITE, 0x45, 0x77, 0x4), ADDR)"#,
    r#"ioctl(-1, MIXER_READ(1) or MCE_GET_RECORD_LEN, ADDR)"#,
    r#"ioctl(-1, SPI_IOC_MESSAGE(64), ADDR)"#,
    r#"ioctl(-1, RTC_SET_TIME, {tm_sec=5, tm_min=4, tm_hour=3, tm_mday=2, tm_mon=1, tm_year=126, ...})"#,
    r#"ioctl(-1, RTC_ALM_SET, 0x8)"#,
    r#"ioctl(-1, RTC_WKALM_SET, {enabled=1, pending=0, time={tm_sec=5, tm_min=4, tm_hour=3, tm_mday=2, tm_mon=1, tm_year=126, ...}})"#,
    r#"ioctl(-1, RTC_PLL_SET, {pll_ctrl=1, pll_value=-2, pll_max=3, pll_min=4, pll_posmult=5, pll_negmult=6, pll_clock=32768})"#,
    r#"ioctl(-1, RTC_IRQP_SET, 64)"#,
    r#"ioctl(-1, RTC_EPOCH_SET, 1900)"#,
    r#"ioctl(-1, RTC_RD_TIME, ADDR)"#,
    r#"ioctl(-1, RTC_UIE_ON)"#,
];

/// strace 6.1's lines for `args_ioctl_more` with `-v`
/// (ioctl_more_v.strace): the loop structs in full.
const IOCTL_MORE_VERBOSE_EXPECTED: &[&str] = &[
    r#"ioctl(-1, BLKROSET, [1])"#,
    r#"ioctl(-1, BLKROSET, 0x8)"#,
    r#"ioctl(-1, BLKRASET, 256)"#,
    r#"ioctl(-1, BLKDISCARD, [4096, 8589934592])"#,
    r#"ioctl(-1, BLKZEROOUT, NULL)"#,
    r#"ioctl(-1, BLKFLSBUF)"#,
    r#"ioctl(-1, BLKGETSIZE64, ADDR)"#,
    r#"ioctl(-1, LOOP_SET_FD, 4)"#,
    r#"ioctl(-1, LOOP_CLR_FD)"#,
    r#"ioctl(-1, LOOP_CTL_ADD, 7)"#,
    r#"ioctl(-1, LOOP_SET_BLOCK_SIZE, 4096)"#,
    r#"ioctl(-1, LOOP_GET_STATUS64, ADDR)"#,
    r#"ioctl(-1, LOOP_SET_STATUS, {lo_number=3, lo_device=makedev(0x8, 0x1), lo_inode=0, lo_rdevice=makedev(0, 0), lo_offset=0x200, lo_encrypt_type=LO_CRYPT_NONE, lo_encrypt_key_size=0, lo_flags=LO_FLAGS_AUTOCLEAR|0x100, lo_name="/tmp/img", lo_encrypt_key="", lo_init=[0, 0], reserved=[0, 0, 0, 0]})"#,
    r#"ioctl(-1, LOOP_SET_STATUS64, {lo_device=makedev(0x7, 0x1), lo_inode=12, lo_rdevice=makedev(0, 0), lo_offset=0x100000, lo_sizelimit=1073741824, lo_number=7, lo_encrypt_type=LO_CRYPT_NONE, lo_encrypt_key_size=0, lo_flags=LO_FLAGS_READ_ONLY|LO_FLAGS_PARTSCAN, lo_file_name="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"..., lo_crypt_name="", lo_encrypt_key="", lo_init=[0, 0]})"#,
    r#"ioctl(-1, LOOP_SET_STATUS64, {lo_device=makedev(0x7, 0x1), lo_inode=12, lo_rdevice=makedev(0, 0), lo_offset=0x100000, lo_sizelimit=1073741824, lo_number=7, lo_encrypt_type=LO_CRYPT_XOR, lo_encrypt_key_size=4, lo_flags=LO_FLAGS_READ_ONLY|LO_FLAGS_PARTSCAN, lo_file_name="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", lo_crypt_name="xor", lo_encrypt_key="k\0y\1", lo_init=[0, 0x10]})"#,
    r#"ioctl(-1, LOOP_SET_STATUS64, 0x8)"#,
    r#"ioctl(-1, LOOP_CONFIGURE, {fd=5, block_size=512, info={lo_device=makedev(0, 0), lo_inode=0, lo_rdevice=makedev(0, 0), lo_offset=0, lo_sizelimit=0, lo_number=0, lo_encrypt_type=LO_CRYPT_NONE, lo_encrypt_key_size=0, lo_flags=LO_FLAGS_DIRECT_IO, lo_file_name="disk.img", lo_crypt_name="", lo_encrypt_key="", lo_init=[0, 0]}})"#,
    r#"ioctl(-1, LOOP_CONFIGURE, {fd=5, block_size=512, info={lo_device=makedev(0, 0), lo_inode=0, lo_rdevice=makedev(0, 0), lo_offset=0, lo_sizelimit=0, lo_number=0, lo_encrypt_type=LO_CRYPT_NONE, lo_encrypt_key_size=0, lo_flags=LO_FLAGS_DIRECT_IO, lo_file_name="disk.img", lo_crypt_name="", lo_encrypt_key="", lo_init=[0, 0]}, __reserved=[0, 0, 0xff, 0, 0, 0, 0, 0]})"#,
    r#"ioctl(-1, FS_IOC_SETFLAGS, [FS_IMMUTABLE_FL|FS_APPEND_FL|FS_NOATIME_FL])"#,
    r#"ioctl(-1, FS_IOC_SETFLAGS, [0])"#,
    r#"ioctl(-1, FS_IOC_GETFLAGS, ADDR)"#,
    r#"ioctl(-1, FS_IOC_SETFLAGS, NULL)"#,
    r#"ioctl(-1, NS_GET_USERNS)"#,
    r#"ioctl(-1, NS_GET_NSTYPE)"#,
    r#"ioctl(-1, NS_GET_OWNER_UID, ADDR)"#,
    r#"ioctl(-1, PERF_EVENT_IOC_ENABLE, PERF_IOC_FLAG_GROUP)"#,
    r#"ioctl(-1, PERF_EVENT_IOC_DISABLE, 0x6 /* PERF_IOC_FLAG_??? */)"#,
    r#"ioctl(-1, PERF_EVENT_IOC_RESET, 0)"#,
    r#"ioctl(-1, PERF_EVENT_IOC_REFRESH, -1)"#,
    r#"ioctl(-1, PERF_EVENT_IOC_PERIOD, [100000])"#,
    r#"ioctl(-1, PERF_EVENT_IOC_SET_OUTPUT, -1)"#,
    r#"ioctl(-1, PERF_EVENT_IOC_SET_BPF, 9)"#,
    r#"ioctl(-1, PERF_EVENT_IOC_PAUSE_OUTPUT, 1)"#,
    r#"ioctl(-1, PERF_EVENT_IOC_SET_FILTER, "common_pid != 1 && prev_comm ~ \""...)"#,
    r#"ioctl(-1, PERF_EVENT_IOC_ID, ADDR)"#,
    r#"ioctl(-1, SECCOMP_IOCTL_NOTIF_SEND, {id=0x1234, val=-5, error=-EACCES, flags=SECCOMP_USER_NOTIF_FLAG_CONTINUE|0x4})"#,
    r#"ioctl(-1, SECCOMP_IOCTL_NOTIF_SEND, {id=0x1234, val=-5, error=0, flags=0})"#,
    r#"ioctl(-1, SECCOMP_IOCTL_NOTIF_ID_VALID, [0xfeed])"#,
    r#"ioctl(-1, SECCOMP_IOCTL_NOTIF_ADDFD, {id=0x99, flags=SECCOMP_ADDFD_FLAG_SEND, srcfd=3, newfd=0, newfd_flags=O_CLOEXEC})"#,
    r#"ioctl(-1, SECCOMP_IOCTL_NOTIF_RECV, ADDR)"#,
    r#"ioctl(-1, SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR, [0xfeed])"#,
    r#"ioctl(-1, EVIOCGRAB, 1)"#,
    r#"ioctl(-1, EVIOCREVOKE, 0)"#,
    r#"ioctl(-1, EVIOCSCLOCKID, [1])"#,
    r#"ioctl(-1, EVIOCSREP, [250, 33])"#,
    r#"ioctl(-1, EVIOCSREP, 0x8)"#,
    r#"ioctl(-1, EVIOCRMFF, -1)"#,
    r#"ioctl(-1, EVIOCGVERSION, ADDR)"#,
    r#"ioctl(-1, EVIOCGNAME(256), ADDR)"#,
    r#"ioctl(-1, EVIOCGBIT(0, 4), ADDR)"#,
    r#"ioctl(-1, EVIOCGBIT(EV_KEY, 96), ADDR)"#,
    r#"ioctl(-1, EVIOCGBIT(0x1e /* EV_??? */, 8), ADDR)"#,
    r#"ioctl(-1, EVIOCGABS(ABS_MT_SLOT), ADDR)"#,
    r#"ioctl(-1, EVIOCGKEY(64), ADDR)"#,
    r#"ioctl(-1, _IOC(_IOC_WRITE, 0x45, 0x77, 0x4), ADDR)"#,
    r#"ioctl(-1, MIXER_READ(1) or MCE_GET_RECORD_LEN, ADDR)"#,
    r#"ioctl(-1, SPI_IOC_MESSAGE(64), ADDR)"#,
    r#"ioctl(-1, RTC_SET_TIME, {tm_sec=5, tm_min=4, tm_hour=3, tm_mday=2, tm_mon=1, tm_year=126, tm_wday=6, tm_yday=40, tm_isdst=-1})"#,
    r#"ioctl(-1, RTC_ALM_SET, 0x8)"#,
    r#"ioctl(-1, RTC_WKALM_SET, {enabled=1, pending=0, time={tm_sec=5, tm_min=4, tm_hour=3, tm_mday=2, tm_mon=1, tm_year=126, tm_wday=6, tm_yday=40, tm_isdst=-1}})"#,
    r#"ioctl(-1, RTC_PLL_SET, {pll_ctrl=1, pll_value=-2, pll_max=3, pll_min=4, pll_posmult=5, pll_negmult=6, pll_clock=32768})"#,
    r#"ioctl(-1, RTC_IRQP_SET, 64)"#,
    r#"ioctl(-1, RTC_EPOCH_SET, 1900)"#,
    r#"ioctl(-1, RTC_RD_TIME, ADDR)"#,
    r#"ioctl(-1, RTC_UIE_ON)"#,
];

/// Whether this kernel has NETLINK_ROUTE (`args_nlroute probe` exits 77
/// without it).
fn have_route() -> bool {
    let st = Command::new(fixture("args_nlroute"))
        .arg("probe")
        .status()
        .unwrap();
    if st.code() == Some(77) {
        eprintln!("skipping: no NETLINK_ROUTE socket here");
        return false;
    }
    assert!(st.success(), "args_nlroute probe: {st}");
    true
}

/// Whether this kernel has NETLINK_SOCK_DIAG, NETLINK_GENERIC,
/// NETLINK_ROUTE and NETLINK_NETFILTER (`args_nlfamilies probe` exits 77
/// without one).
fn have_families() -> bool {
    let st = Command::new(fixture("args_nlfamilies"))
        .arg("probe")
        .status()
        .unwrap();
    if st.code() == Some(77) {
        eprintln!(
            "skipping: a netlink protocol (SOCK_DIAG, GENERIC, ROUTE, NETFILTER) is missing here"
        );
        return false;
    }
    assert!(st.success(), "args_nlfamilies probe: {st}");
    true
}

/// notrace's lines for the calls in `set`.
fn notrace_lines(extra: &[&str], set: &str, prog: &str, tag: &str) -> Vec<String> {
    let mut args = extra.to_vec();
    args.extend(["-e", set]);
    trace_lines(&notrace(), &args, prog, tag)
        .into_iter()
        .filter(|l| !l.starts_with("+++"))
        .collect()
}

#[test]
fn route_attributes_print_as_strace_6_1_does() {
    if !have_route() {
        return;
    }
    check_lines(
        &notrace_lines(&[], "sendto,sendmsg", "args_nlroute", "nlroute-text"),
        NLROUTE_EXPECTED,
    );
}

#[test]
fn sock_diag_and_generic_messages_print_as_strace_6_1_does() {
    if !have_families() {
        return;
    }
    check_lines(
        &notrace_lines(&[], "sendto", "args_nlfamilies", "nlfam-text"),
        NLFAMILIES_EXPECTED,
    );
}

/// Both fixtures against the strace installed here with the options
/// that change how attributes print (-x, -xx, -s, -v).
#[test]
fn netlink_fixtures_match_installed_strace_with_options() {
    if Command::new("strace").arg("-V").output().is_err() {
        eprintln!("skipping: strace is not installed (apt-get install strace)");
        return;
    }
    let strace = std::path::PathBuf::from("strace");
    let result = regex::Regex::new(r"\) += .*$").unwrap();
    for (prog, ok) in [
        ("args_nlroute", have_route()),
        ("args_nlfamilies", have_families()),
    ] {
        if !ok {
            continue;
        }
        for extra in [&[][..], &["-x"], &["-xx"], &["-s", "5"], &["-v"]] {
            let mut args = extra.to_vec();
            args.extend(["-qq", "-e", "signal=none", "-e", "trace=sendto,sendmsg"]);
            let theirs: Vec<String> = trace_lines(&strace, &args, prog, "nl-strace")
                .iter()
                .filter(|l| !l.starts_with("+++"))
                .map(|l| result.replace(l, ")").into_owned())
                .collect();
            assert_eq!(
                theirs,
                notrace_lines(extra, "sendto,sendmsg", prog, "nl-ours"),
                "{prog} {extra:?}"
            );
        }
    }
}

#[test]
fn route_attributes_json_values() {
    if !have_route() {
        return;
    }
    use serde_json::json;
    let lines = trace_lines(
        &notrace(),
        &["--json", "-e", "sendto,sendmsg"],
        "args_nlroute",
        "nlroute-json",
    );
    let events = parse_jsonl(lines.join("\n").as_bytes());
    let sendto = syscalls_named(&events, "sendto");
    let nl = |n: usize| sendto[n]["args"][1]["value"]["netlink"].clone();
    // One attribute alone is still a list.
    assert_eq!(
        nl(0)["payload"]["attributes"],
        json!([{ "len": 8, "type": "IFLA_EXT_MASK",
                 "value": ["RTEXT_FILTER_VF", "RTEXT_FILTER_SKIP_STATS"] }])
    );
    let link = &nl(1)["payload"]["attributes"];
    assert_eq!(
        link[0],
        json!({ "len": 7, "type": "IFLA_IFNAME", "value": "lo" })
    );
    assert_eq!(link[1]["value"], 1500);
    assert_eq!(link[3]["value"], "02:00:5e:10:20:30");
    assert_eq!(link[6]["value"], -1);
    assert_eq!(link[12]["value"], json!({ "bytes": "\u{1}\u{2}" }));
    assert_eq!(link[13]["type"], 999);
    assert_eq!(link[13]["type_flags"], json!(["NLA_F_NESTED"]));
    assert_eq!(link[16], json!({ "len": 4, "type": "IFLA_UNSPEC" }));
    let addr = &nl(7)["payload"];
    assert_eq!(addr["scope"], "RT_SCOPE_HOST");
    assert_eq!(addr["attributes"][0]["value"], "127.0.0.1");
    assert_eq!(
        addr["attributes"][4]["value"],
        json!({ "ifa_prefered": 1, "ifa_valid": 2, "cstamp": 3, "tstamp": 4 })
    );
    assert_eq!(nl(8)["payload"]["attributes"][0]["value"], "::1");
    let route = &nl(10)["payload"];
    assert_eq!(route["table"], "RT_TABLE_MAIN");
    assert_eq!(
        route["flags"],
        json!(["RTM_F_LOOKUP_TABLE", "RTM_F_FIB_MATCH"])
    );
    assert_eq!(route["attributes"][1]["value"], 1);
    assert_eq!(route["attributes"][3]["value"], 1000);
    let metrics = &nl(11)["payload"]["attributes"][0];
    assert_eq!(metrics["type"], "RTA_METRICS");
    assert_eq!(
        metrics["value"],
        json!([{ "len": 8, "type": "RTAX_MTU", "value": 1400 },
               { "len": 10, "type": "RTAX_CC_ALGO", "value": "cubic" }])
    );
    let sendmsg = syscalls_named(&events, "sendmsg");
    assert_eq!(
        sendmsg[0]["args"][1]["value"]["iov"][0]["data"]["netlink"]["payload"]["attributes"],
        json!([{ "len": 7, "type": "IFLA_IFNAME", "value": "lo" }])
    );
}

#[test]
fn sock_diag_and_generic_json_values() {
    if !have_families() {
        return;
    }
    use serde_json::json;
    let lines = trace_lines(
        &notrace(),
        &["--json", "-e", "sendto"],
        "args_nlfamilies",
        "nlfam-json",
    );
    let events = parse_jsonl(lines.join("\n").as_bytes());
    let sendto = syscalls_named(&events, "sendto");
    let nl = |n: usize| sendto[n]["args"][1]["value"]["netlink"].clone();
    let unix = &nl(0)["payload"];
    assert_eq!(unix["family"], "AF_UNIX");
    assert_eq!(
        unix["show"],
        json!(["UDIAG_SHOW_NAME", "UDIAG_SHOW_PEER", "UDIAG_SHOW_RQLEN"])
    );
    assert_eq!(unix["cookie"], json!([4294967295u32, 4294967295u32]));
    let inet = &nl(3)["payload"];
    assert_eq!(inet["protocol"], "IPPROTO_TCP");
    assert_eq!(
        inet["states"],
        json!(["1<<TCP_ESTABLISHED", "1<<TCP_LISTEN"])
    );
    assert_eq!(inet["id"]["src"], "127.0.0.1");
    assert_eq!(inet["id"]["sport"], 22);
    assert_eq!(
        inet["attributes"][1]["value"],
        json!({ "code": "INET_DIAG_BC_S_COND", "yes": 20, "no": 24,
                "data": { "family": "AF_INET", "prefix_len": 8, "port": 4294967295u32,
                          "addr": "127.0.0.1" } })
    );
    assert_eq!(inet["attributes"][3]["value"], 0x99);
    assert_eq!(nl(6)["payload"]["protocol"], "NDIAG_PROTO_ALL");
    assert_eq!(nl(12)["type"], "nlctrl");
    assert_eq!(nl(13)["type"], 0x3ff);
    let nft = nl(14);
    assert_eq!(
        nft["type"],
        json!({ "subsys": "NFNL_SUBSYS_NFTABLES", "msg": "NFT_MSG_GETTABLE" })
    );
    assert_eq!(nft["payload"]["res_id"], 10);
    assert_eq!(nft["payload"]["attributes"][0]["type"], 1);
    assert_eq!(nl(15)["type"], "NFNL_MSG_BATCH_BEGIN");
    assert_eq!(nl(18)["type"], json!({ "subsys": 0x42, "msg": 5 }));
}

#[test]
fn more_ioctl_args_print_as_strace_6_1_does() {
    let got: Vec<String> = notrace_lines(&[], "ioctl", "args_ioctl_more", "ioctl-more")
        .iter()
        .map(|l| normalise(l))
        .collect();
    check_lines(&got, IOCTL_MORE_EXPECTED);
}

#[test]
fn more_ioctl_args_with_v_print_loop_structs_in_full() {
    let got: Vec<String> = notrace_lines(&["-v"], "ioctl", "args_ioctl_more", "ioctl-more-v")
        .iter()
        .map(|l| normalise(l))
        .collect();
    check_lines(&got, IOCTL_MORE_VERBOSE_EXPECTED);
}

/// The same against the strace installed here, with the options that
/// change how these arguments print.
#[test]
fn more_ioctl_args_match_installed_strace_with_options() {
    if Command::new("strace").arg("-V").output().is_err() {
        eprintln!("skipping: strace is not installed (apt-get install strace)");
        return;
    }
    let strace = std::path::PathBuf::from("strace");
    let result = regex::Regex::new(r"\) += .*$").unwrap();
    for extra in [&[][..], &["-v"], &["-x"], &["-s", "5"]] {
        let mut args = extra.to_vec();
        args.extend(["-qq", "-e", "signal=none", "-e", "trace=ioctl"]);
        let theirs: Vec<String> = trace_lines(&strace, &args, "args_ioctl_more", "iom-strace")
            .iter()
            .filter(|l| !l.starts_with("+++"))
            .map(|l| normalise(&result.replace(l, ")")))
            .collect();
        let ours: Vec<String> = notrace_lines(extra, "ioctl", "args_ioctl_more", "iom-ours")
            .iter()
            .map(|l| normalise(l))
            .collect();
        assert_eq!(theirs, ours, "args_ioctl_more {extra:?}");
    }
}

#[test]
fn more_ioctl_json_values() {
    use serde_json::json;
    let lines = trace_lines(
        &notrace(),
        &["--json", "-e", "ioctl"],
        "args_ioctl_more",
        "iom-json",
    );
    let events = parse_jsonl(lines.join("\n").as_bytes());
    let calls = syscalls_named(&events, "ioctl");
    let arg = |n: usize| calls[n]["args"][2]["value"].clone();
    assert_eq!(arg(0), 1);
    assert_eq!(arg(3), json!([4096, 1u64 << 33]));
    let info64 = arg(13);
    assert_eq!(info64["lo_number"], 7);
    assert_eq!(
        info64["lo_flags"],
        json!(["LO_FLAGS_READ_ONLY", "LO_FLAGS_PARTSCAN"])
    );
    let cfg = arg(17);
    assert_eq!(cfg["fd"], 5);
    assert_eq!(cfg["info"]["lo_file_name"], "disk.img");
    assert_eq!(
        arg(18),
        json!(["FS_IMMUTABLE_FL", "FS_APPEND_FL", "FS_NOATIME_FL"])
    );
    let resp = arg(35);
    assert_eq!(resp["error"], -13);
    assert_eq!(
        resp["flags"],
        json!(["SECCOMP_USER_NOTIF_FLAG_CONTINUE", "0x4"])
    );
}
