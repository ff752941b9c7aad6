#!/usr/bin/env python3
"""Regenerates syscall-tables/xlat/*.tsv from the C headers of this machine.

Each table lists its names in strace's print order (which matters for flag
tables: a multi-bit name such as O_SYNC must come before its parts). Values
come from compiling a tiny C program against the installed headers, so they
are the x86_64 values; a name the headers lack takes the literal given here
as NAME=VALUE. Inputs: gcc and the installed headers (libc6-dev,
linux-libc-dev) only.

Usage: python3 tools/gen-xlat.py [OUT_DIR]
OUT_DIR defaults to the repository's syscall-tables/xlat (found from this
script's path, so any working directory does); tests/generators.rs writes
into a temporary one and compares.

ioctl_requests.tsv is not written here: syscall-tables/gen/ioctls.py owns
it (strace's full list). Each table has one generator: the netlink
attribute, request and ioctl-argument tables are tools/gen-xlat-netlink.py's.
"""
import os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

X86 = "x86_64 values (i386 shares them; aarch64 differs where noted)"

# stem: (source header, kind, unknown-marker or None, value format, includes, names)
TABLES = {
 "open_access": ("include/uapi/asm-generic/fcntl.h", "enum", "O_???", "oct", ["fcntl.h"],
   "O_RDONLY O_WRONLY O_RDWR O_ACCMODE"),
 "open_flags": ("include/uapi/asm-generic/fcntl.h", "flags", None, "hex", ["fcntl.h"],
   "O_CREAT O_EXCL O_NOCTTY O_TRUNC O_APPEND O_NONBLOCK O_SYNC __O_SYNC=0x100000 O_DSYNC O_DIRECT "
   "O_LARGEFILE=0x8000 O_NOFOLLOW O_NOATIME O_CLOEXEC O_PATH O_TMPFILE __O_TMPFILE=0x400000 O_DIRECTORY FASYNC"),
 # strace prints pipe2's and dup3's flags with open_mode_flags: every O_*
 # flag but the access mode, unknown bits under O_???.
 "pipe_flags": ("include/uapi/asm-generic/fcntl.h", "flags", "O_???", "hex", ["fcntl.h"],
   "O_CREAT O_EXCL O_NOCTTY O_TRUNC O_APPEND O_NONBLOCK O_SYNC __O_SYNC=0x100000 O_DSYNC O_DIRECT "
   "O_LARGEFILE=0x8000 O_NOFOLLOW O_NOATIME O_CLOEXEC O_PATH O_TMPFILE __O_TMPFILE=0x400000 O_DIRECTORY FASYNC"),
 # strace 6.1's at_flags (newfstatat, utimensat, linkat, unlinkat, fchownat,
 # execveat, statx's rest); the calls that take other AT_* sets have their
 # own tables below, as strace does (AT_EACCESS shares AT_REMOVEDIR's bit).
 "at_flags": ("include/uapi/linux/fcntl.h", "flags", "AT_???", "hex", ["fcntl.h"],
   "AT_SYMLINK_NOFOLLOW AT_REMOVEDIR AT_SYMLINK_FOLLOW AT_NO_AUTOMOUNT AT_EMPTY_PATH "
   "AT_RECURSIVE"),
 "faccessat_flags": ("include/uapi/linux/fcntl.h", "flags", "AT_???", "hex", ["fcntl.h"],
   "AT_SYMLINK_NOFOLLOW AT_EACCESS AT_EMPTY_PATH"),
 "name_to_handle_at_flags": ("include/uapi/linux/fcntl.h", "flags", "AT_???", "hex", ["fcntl.h"],
   "AT_SYMLINK_FOLLOW AT_EMPTY_PATH"),
 "mount_setattr_flags": ("include/uapi/linux/fcntl.h", "flags", "AT_???", "hex", ["fcntl.h"],
   "AT_SYMLINK_NOFOLLOW AT_NO_AUTOMOUNT AT_EMPTY_PATH AT_RECURSIVE=0x8000"),
 "access_modes": ("include/linux/fs.h (MAY_*) / unistd.h", "flags", "?_OK", "hex", ["unistd.h"],
   "F_OK R_OK W_OK X_OK"),
 "signals": ("arch/x86/include/uapi/asm/signal.h", "enum", None, "dec", ["signal.h"],
   "SIGHUP SIGINT SIGQUIT SIGILL SIGTRAP SIGABRT SIGBUS SIGFPE SIGKILL SIGUSR1 SIGSEGV SIGUSR2 "
   "SIGPIPE SIGALRM SIGTERM SIGSTKFLT SIGCHLD SIGCONT SIGSTOP SIGTSTP SIGTTIN SIGTTOU SIGURG "
   "SIGXCPU SIGXFSZ SIGVTALRM SIGPROF SIGWINCH SIGIO SIGPWR SIGSYS"),
 "clock_ids": ("include/uapi/linux/time.h", "enum", "CLOCK_???", "dec", ["time.h"],
   "CLOCK_REALTIME CLOCK_MONOTONIC CLOCK_PROCESS_CPUTIME_ID CLOCK_THREAD_CPUTIME_ID "
   "CLOCK_MONOTONIC_RAW CLOCK_REALTIME_COARSE CLOCK_MONOTONIC_COARSE CLOCK_BOOTTIME "
   "CLOCK_REALTIME_ALARM CLOCK_BOOTTIME_ALARM CLOCK_SGI_CYCLE=10 CLOCK_TAI"),
 "whence": ("include/uapi/linux/fs.h", "enum", "SEEK_???", "dec", ["unistd.h"],
   "SEEK_SET SEEK_CUR SEEK_END SEEK_DATA SEEK_HOLE"),
 "address_families": ("include/linux/socket.h", "enum", "AF_???", "dec", ["sys/socket.h"],
   "AF_UNSPEC AF_UNIX AF_INET AF_AX25 AF_IPX AF_APPLETALK AF_NETROM AF_BRIDGE AF_ATMPVC AF_X25 "
   "AF_INET6 AF_ROSE AF_DECnet AF_NETBEUI AF_SECURITY AF_KEY AF_NETLINK AF_PACKET AF_ASH "
   "AF_ECONET AF_ATMSVC AF_RDS AF_SNA AF_IRDA AF_PPPOX AF_WANPIPE AF_LLC AF_IB AF_MPLS AF_CAN "
   "AF_TIPC AF_BLUETOOTH AF_IUCV AF_RXRPC AF_ISDN AF_PHONET AF_IEEE802154 AF_CAIF AF_ALG AF_NFC "
   "AF_VSOCK AF_KCM AF_QIPCRTR AF_SMC AF_XDP AF_MCTP=45"),
 "socket_types": ("include/linux/net.h", "enum", "SOCK_???", "dec", ["sys/socket.h"],
   "SOCK_STREAM SOCK_DGRAM SOCK_RAW SOCK_RDM SOCK_SEQPACKET SOCK_DCCP SOCK_PACKET"),
 "socket_flags": ("include/linux/net.h", "flags", "SOCK_???", "hex", ["sys/socket.h"],
   "SOCK_CLOEXEC SOCK_NONBLOCK"),
 "ip_protocols": ("include/uapi/linux/in.h", "enum", None, "dec", ["netinet/in.h"],
   "IPPROTO_IP IPPROTO_ICMP IPPROTO_IGMP IPPROTO_IPIP IPPROTO_TCP IPPROTO_EGP IPPROTO_PUP "
   "IPPROTO_UDP IPPROTO_IDP IPPROTO_TP IPPROTO_DCCP IPPROTO_IPV6 IPPROTO_ROUTING IPPROTO_FRAGMENT "
   "IPPROTO_RSVP IPPROTO_GRE IPPROTO_ESP IPPROTO_AH IPPROTO_ICMPV6 IPPROTO_NONE IPPROTO_DSTOPTS "
   "IPPROTO_MTP IPPROTO_BEETPH IPPROTO_ENCAP IPPROTO_PIM IPPROTO_COMP IPPROTO_L2TP=115 IPPROTO_SCTP "
   "IPPROTO_MH IPPROTO_UDPLITE IPPROTO_MPLS IPPROTO_ETHERNET=143 IPPROTO_RAW IPPROTO_MPTCP=262"),
 "netlink_protocols": ("include/uapi/linux/netlink.h", "enum", None, "dec", ["linux/netlink.h"],
   "NETLINK_ROUTE NETLINK_UNUSED NETLINK_USERSOCK NETLINK_FIREWALL NETLINK_SOCK_DIAG NETLINK_NFLOG "
   "NETLINK_XFRM NETLINK_SELINUX NETLINK_ISCSI NETLINK_AUDIT NETLINK_FIB_LOOKUP NETLINK_CONNECTOR "
   "NETLINK_NETFILTER NETLINK_IP6_FW NETLINK_DNRTMSG NETLINK_KOBJECT_UEVENT NETLINK_GENERIC "
   "NETLINK_SCSITRANSPORT NETLINK_ECRYPTFS NETLINK_RDMA NETLINK_CRYPTO NETLINK_SMC"),
 "socket_levels": ("include/linux/socket.h", "enum", "SOL_??", "dec", ["sys/socket.h", "netinet/in.h"],
   "SOL_IP=0 SOL_SOCKET SOL_TCP=6 SOL_UDP=17 AF_VSOCK=40 SOL_IPV6=41 SOL_ICMPV6=58 "
   "SOL_CAN_BASE=100 SOL_CAN_RAW=101 SOL_SCTP=132 "
   "SOL_UDPLITE=136 SOL_RAW=255 SOL_IPX=256 SOL_AX25=257 SOL_ATALK=258 SOL_NETROM=259 SOL_ROSE=260 "
   "SOL_DECNET=261 SOL_X25=262 SOL_PACKET=263 SOL_ATM=264 SOL_AAL=265 SOL_IRDA=266 SOL_NETBEUI=267 "
   "SOL_LLC=268 SOL_DCCP=269 SOL_NETLINK=270 SOL_TIPC=271 SOL_RXRPC=272 SOL_PPPOL2TP=273 "
   "SOL_BLUETOOTH=274 SOL_PNPIPE=275 SOL_RDS=276 SOL_IUCV=277 SOL_CAIF=278 SOL_ALG=279 SOL_NFC=280 "
   "SOL_KCM=281 SOL_TLS=282 SOL_XDP=283"),
 "sockopt_socket": ("include/uapi/asm-generic/socket.h", "enum", "SO_???", "dec", ["sys/socket.h"],
   "SO_DEBUG SO_REUSEADDR SO_TYPE SO_ERROR SO_DONTROUTE SO_BROADCAST SO_SNDBUF SO_RCVBUF "
   "SO_KEEPALIVE SO_OOBINLINE SO_NO_CHECK=11 SO_PRIORITY SO_LINGER SO_BSDCOMPAT=14 SO_REUSEPORT "
   "SO_PASSCRED=16 SO_PEERCRED=17 SO_RCVLOWAT=18 SO_SNDLOWAT=19 SO_RCVTIMEO_OLD=20 SO_SNDTIMEO_OLD=21 "
   "SO_SECURITY_AUTHENTICATION=22 SO_SECURITY_ENCRYPTION_TRANSPORT=23 SO_SECURITY_ENCRYPTION_NETWORK=24 "
   "SO_BINDTODEVICE=25 SO_ATTACH_FILTER=26 SO_DETACH_FILTER=27 SO_PEERNAME=28 SO_TIMESTAMP_OLD=29 "
   "SO_ACCEPTCONN=30 SO_PEERSEC=31 SO_SNDBUFFORCE=32 SO_RCVBUFFORCE=33 SO_PASSSEC=34 "
   "SO_TIMESTAMPNS_OLD=35 SO_MARK=36 SO_TIMESTAMPING_OLD=37 SO_PROTOCOL=38 SO_DOMAIN=39 "
   "SO_RXQ_OVFL=40 SO_WIFI_STATUS=41 SO_PEEK_OFF=42 SO_NOFCS=43 SO_LOCK_FILTER=44 "
   "SO_SELECT_ERR_QUEUE=45 SO_BUSY_POLL=46 SO_MAX_PACING_RATE=47 SO_BPF_EXTENSIONS=48 "
   "SO_INCOMING_CPU=49 SO_ATTACH_BPF=50 SO_ATTACH_REUSEPORT_CBPF=51 SO_ATTACH_REUSEPORT_EBPF=52 "
   "SO_CNX_ADVICE=53 SO_MEMINFO=55 SO_INCOMING_NAPI_ID=56 SO_COOKIE=57 SO_PEERGROUPS=59 "
   "SO_ZEROCOPY=60 SO_TXTIME=61 SO_BINDTOIFINDEX=62 SO_TIMESTAMP_NEW=63 SO_TIMESTAMPNS_NEW=64 "
   "SO_TIMESTAMPING_NEW=65 SO_RCVTIMEO_NEW=66 SO_SNDTIMEO_NEW=67 SO_DETACH_REUSEPORT_BPF=68 "
   "SO_PREFER_BUSY_POLL=69 SO_BUSY_POLL_BUDGET=70 SO_NETNS_COOKIE=71 SO_BUF_LOCK=72 "
   "SO_RESERVE_MEM=73 SO_TXREHASH=74 SO_RCVMARK=75 SO_PASSPIDFD=76 SO_PEERPIDFD=77"),
 # Option names at SOL_PACKET, SOL_UDP and SOL_RAW (strace's
 # sock_packet_options, sock_udp_options, sock_raw_options).
 "sockopt_packet": ("include/uapi/linux/if_packet.h", "enum", "PACKET_???", "dec", ["linux/if_packet.h"],
   "PACKET_ADD_MEMBERSHIP PACKET_DROP_MEMBERSHIP PACKET_RECV_OUTPUT PACKET_RX_RING PACKET_STATISTICS "
   "PACKET_COPY_THRESH PACKET_AUXDATA PACKET_ORIGDEV PACKET_VERSION PACKET_HDRLEN PACKET_RESERVE "
   "PACKET_TX_RING PACKET_LOSS PACKET_VNET_HDR PACKET_TX_TIMESTAMP PACKET_TIMESTAMP PACKET_FANOUT "
   "PACKET_TX_HAS_OFF PACKET_QDISC_BYPASS PACKET_ROLLOVER_STATS PACKET_FANOUT_DATA "
   "PACKET_IGNORE_OUTGOING"),
 "sockopt_udp": ("include/uapi/linux/udp.h", "enum", "UDP_???", "dec", ["linux/udp.h"],
   "UDP_CORK UDP_ENCAP UDP_NO_CHECK6_TX UDP_NO_CHECK6_RX UDP_SEGMENT UDP_GRO"),
 "sockopt_raw": ("include/uapi/linux/icmp.h", "enum", "RAW_???", "dec", ["linux/icmp.h"],
   "ICMP_FILTER"),
 # Option names at the other levels strace 6.1 names (print_sockopt_fd_level_name
 # in its net.c; AF_VSOCK is used as a level there), and SO_TXREHASH's values.
 # Not all are in the uapi headers, so the values are strace's, given here.
 "sockopt_sctp": ("strace 6.1 src/xlat/sock_sctp_options.in", "enum", "SCTP_???", "dec", ["stdio.h"],
   "SCTP_RTOINFO=0 SCTP_ASSOCINFO=1 SCTP_INITMSG=2 SCTP_NODELAY=3 SCTP_AUTOCLOSE=4 "
   "SCTP_SET_PEER_PRIMARY_ADDR=5 SCTP_PRIMARY_ADDR=6 SCTP_ADAPTATION_LAYER=7 "
   "SCTP_DISABLE_FRAGMENTS=8 SCTP_PEER_ADDR_PARAMS=9 SCTP_DEFAULT_SEND_PARAM=10 "
   "SCTP_EVENTS=11 SCTP_I_WANT_MAPPED_V4_ADDR=12 SCTP_MAXSEG=13 SCTP_STATUS=14 "
   "SCTP_GET_PEER_ADDR_INFO=15 SCTP_DELAYED_SACK=16 SCTP_CONTEXT=17 "
   "SCTP_FRAGMENT_INTERLEAVE=18 SCTP_PARTIAL_DELIVERY_POINT=19 SCTP_MAX_BURST=20 "
   "SCTP_AUTH_CHUNK=21 SCTP_HMAC_IDENT=22 SCTP_AUTH_KEY=23 SCTP_AUTH_ACTIVE_KEY=24 "
   "SCTP_AUTH_DELETE_KEY=25 SCTP_PEER_AUTH_CHUNKS=26 SCTP_LOCAL_AUTH_CHUNKS=27 "
   "SCTP_GET_ASSOC_NUMBER=28 SCTP_GET_ASSOC_ID_LIST=29 SCTP_AUTO_ASCONF=30 "
   "SCTP_PEER_ADDR_THLDS=31 SCTP_RECVRCVINFO=32 SCTP_RECVNXTINFO=33 SCTP_DEFAULT_SNDINFO=34 "
   "SCTP_AUTH_DEACTIVATE_KEY=35 SCTP_REUSE_PORT=36 SCTP_PEER_ADDR_THLDS_V2=37 "
   "SCTP_SOCKOPT_BINDX_ADD=100 SCTP_SOCKOPT_BINDX_REM=101 SCTP_SOCKOPT_PEELOFF=102 "
   "SCTP_GET_PEER_ADDRS_NUM_OLD=103 SCTP_GET_PEER_ADDRS_OLD=104 "
   "SCTP_GET_LOCAL_ADDRS_NUM_OLD=105 SCTP_GET_LOCAL_ADDRS_OLD=106 "
   "SCTP_SOCKOPT_CONNECTX_OLD=107 SCTP_GET_PEER_ADDRS=108 SCTP_GET_LOCAL_ADDRS=109 "
   "SCTP_SOCKOPT_CONNECTX=110 SCTP_SOCKOPT_CONNECTX3=111 SCTP_GET_ASSOC_STATS=112 "
   "SCTP_PR_SUPPORTED=113 SCTP_DEFAULT_PRINFO=114 SCTP_PR_ASSOC_STATUS=115 "
   "SCTP_PR_STREAM_STATUS=116 SCTP_RECONFIG_SUPPORTED=117 SCTP_ENABLE_STREAM_RESET=118 "
   "SCTP_RESET_STREAMS=119 SCTP_RESET_ASSOC=120 SCTP_ADD_STREAMS=121 "
   "SCTP_SOCKOPT_PEELOFF_FLAGS=122 SCTP_STREAM_SCHEDULER=123 SCTP_STREAM_SCHEDULER_VALUE=124 "
   "SCTP_INTERLEAVING_SUPPORTED=125 SCTP_SENDMSG_CONNECT=126 SCTP_EVENT=127 "
   "SCTP_ASCONF_SUPPORTED=128 SCTP_AUTH_SUPPORTED=129 SCTP_ECN_SUPPORTED=130 "
   "SCTP_EXPOSE_POTENTIALLY_FAILED_STATE=131 SCTP_REMOTE_UDP_ENCAPS_PORT=132 "
   "SCTP_PLPMTUD_PROBE_INTERVAL=133"),
 "sockopt_ipx": ("strace 6.1 src/xlat/sock_ipx_options.in", "enum", "IPX_???", "dec", ["stdio.h"],
   "IPX_TYPE=1"),
 "sockopt_ax25": ("strace 6.1 src/xlat/sock_ax25_options.in", "enum", "AX25_???", "dec", ["stdio.h"],
   "AX25_WINDOW=1 AX25_T1=2 AX25_N2=3 AX25_T3=4 AX25_T2=5 AX25_BACKOFF=6 AX25_EXTSEQ=7 "
   "AX25_PIDINCL=8 AX25_IDLE=9 AX25_PACLEN=10 AX25_IAMDIGI=12 SO_BINDTODEVICE=25"),
 "sockopt_can_raw": ("strace 6.1 src/xlat/sock_can_raw_options.in", "enum", "CAN_RAW_???", "dec", ["stdio.h"],
   "CAN_RAW_FILTER=1 CAN_RAW_ERR_FILTER=2 CAN_RAW_LOOPBACK=3 CAN_RAW_RECV_OWN_MSGS=4 "
   "CAN_RAW_FD_FRAMES=5 CAN_RAW_JOIN_FILTERS=6"),
 "sockopt_irda": ("strace 6.1 src/xlat/sock_irda_options.in", "enum", "IRLMP_???", "dec", ["stdio.h"],
   "IRLMP_ENUMDEVICES=1 IRLMP_IAS_SET=2 IRLMP_IAS_QUERY=3 IRLMP_HINTS_SET=4 IRLMP_QOS_SET=5 "
   "IRLMP_QOS_GET=6 IRLMP_MAX_SDU_SIZE=7 IRLMP_IAS_GET=8 IRLMP_IAS_DEL=9 "
   "IRLMP_HINT_MASK_SET=10 IRLMP_WAITDEVICE=11"),
 "sockopt_llc": ("strace 6.1 src/xlat/sock_llc_options.in", "enum", "LLC_OPT_???", "dec", ["stdio.h"],
   "LLC_OPT_UNKNOWN=0 LLC_OPT_RETRY=1 LLC_OPT_SIZE=2 LLC_OPT_ACK_TMR_EXP=3 "
   "LLC_OPT_P_TMR_EXP=4 LLC_OPT_REJ_TMR_EXP=5 LLC_OPT_BUSY_TMR_EXP=6 LLC_OPT_TX_WIN=7 "
   "LLC_OPT_RX_WIN=8 LLC_OPT_PKTINFO=9"),
 "sockopt_dccp": ("strace 6.1 src/xlat/sock_dccp_options.in", "enum", "DCCP_SOCKOPT_???", "dec", ["stdio.h"],
   "DCCP_SOCKOPT_PACKET_SIZE=1 DCCP_SOCKOPT_SERVICE=2 DCCP_SOCKOPT_CHANGE_L=3 "
   "DCCP_SOCKOPT_CHANGE_R=4 DCCP_SOCKOPT_GET_CUR_MPS=5 DCCP_SOCKOPT_SERVER_TIMEWAIT=6 "
   "DCCP_SOCKOPT_SEND_CSCOV=10 DCCP_SOCKOPT_RECV_CSCOV=11 DCCP_SOCKOPT_AVAILABLE_CCIDS=12 "
   "DCCP_SOCKOPT_CCID=13 DCCP_SOCKOPT_TX_CCID=14 DCCP_SOCKOPT_RX_CCID=15 "
   "DCCP_SOCKOPT_QPOLICY_ID=16 DCCP_SOCKOPT_QPOLICY_TXQLEN=17 DCCP_SOCKOPT_CCID_RX_INFO=128 "
   "DCCP_SOCKOPT_CCID_TX_INFO=192"),
 "sockopt_tipc": ("strace 6.1 src/xlat/sock_tipc_options.in", "enum", "TIPC_???", "dec", ["stdio.h"],
   "TIPC_IMPORTANCE=127 TIPC_SRC_DROPPABLE=128 TIPC_DEST_DROPPABLE=129 TIPC_CONN_TIMEOUT=130 "
   "TIPC_NODE_RECVQ_DEPTH=131 TIPC_SOCK_RECVQ_DEPTH=132 TIPC_MCAST_BROADCAST=133 "
   "TIPC_MCAST_REPLICAST=134 TIPC_GROUP_JOIN=135 TIPC_GROUP_LEAVE=136 "
   "TIPC_SOCK_RECVQ_USED=137 TIPC_NODELAY=138"),
 "sockopt_rxrpc": ("strace 6.1 src/xlat/sock_rxrpc_options.in", "enum", "RXRPC_???", "dec", ["stdio.h"],
   "RXRPC_SECURITY_KEY=1 RXRPC_SECURITY_KEYRING=2 RXRPC_EXCLUSIVE_CONNECTION=3 "
   "RXRPC_MIN_SECURITY_LEVEL=4 RXRPC_UPGRADEABLE_SERVICE=5 RXRPC_SUPPORTED_CMSG=6"),
 "sockopt_pppol2tp": ("strace 6.1 src/xlat/sock_pppol2tp_options.in", "enum", "PPPOL2TP_SO_???", "dec", ["stdio.h"],
   "PPPOL2TP_SO_DEBUG=1 PPPOL2TP_SO_RECVSEQ=2 PPPOL2TP_SO_SENDSEQ=3 PPPOL2TP_SO_LNSMODE=4 "
   "PPPOL2TP_SO_REORDERTO=5"),
 "sockopt_bluetooth": ("strace 6.1 src/xlat/sock_bluetooth_options.in", "enum", "BT_???", "dec", ["stdio.h"],
   "BT_SECURITY=4 BT_DEFER_SETUP=7 BT_FLUSHABLE=8 BT_POWER=9 BT_CHANNEL_POLICY=10 "
   "BT_VOICE=11 BT_SNDMTU=12 BT_RCVMTU=13"),
 "sockopt_pnp": ("strace 6.1 src/xlat/sock_pnp_options.in", "enum", "PNPIPE_???", "dec", ["stdio.h"],
   "PNPIPE_ENCAP=1 PNPIPE_IFINDEX=2 PNPIPE_HANDLE=3 PNPIPE_INITSTATE=4"),
 "sockopt_rds": ("strace 6.1 src/xlat/sock_rds_options.in", "enum", "RDS_???", "dec", ["stdio.h"],
   "RDS_CANCEL_SENT_TO=1 RDS_GET_MR=2 RDS_FREE_MR=3 RDS_BARRIER=4 RDS_RECVERR=5 "
   "RDS_CONG_MONITOR=6 RDS_GET_MR_FOR_DEST=7 SO_RDS_TRANSPORT=8 SO_RDS_MSG_RXPATH_LATENCY=10 "
   "SO_TIMESTAMP_OLD=29 RDS_INFO_COUNTERS=10000 RDS_INFO_CONNECTIONS=10001 "
   "RDS_INFO_FLOWS=10002 RDS_INFO_SEND_MESSAGES=10003 RDS_INFO_RETRANS_MESSAGES=10004 "
   "RDS_INFO_RECV_MESSAGES=10005 RDS_INFO_SOCKETS=10006 RDS_INFO_TCP_SOCKETS=10007 "
   "RDS_INFO_IB_CONNECTIONS=10008 RDS_INFO_CONNECTION_STATS=10009 "
   "RDS_INFO_IWARP_CONNECTIONS=10010"),
 "sockopt_iucv": ("strace 6.1 src/xlat/sock_iucv_options.in", "enum", "SO_???", "dec", ["stdio.h"],
   "SO_IPRMDATA_MSG=0x80 SO_MSGLIMIT=0x1000 SO_MSGSIZE=0x800"),
 "sockopt_caif": ("strace 6.1 src/xlat/sock_caif_options.in", "enum", "CAIFSO_???", "dec", ["stdio.h"],
   "CAIFSO_LINK_SELECT=127 CAIFSO_REQ_PARAM=128 CAIFSO_RSP_PARAM=129"),
 "sockopt_alg": ("strace 6.1 src/xlat/sock_alg_options.in", "enum", "ALG_???", "dec", ["stdio.h"],
   "ALG_SET_KEY=1 ALG_SET_IV=2 ALG_SET_OP=3 ALG_SET_AEAD_ASSOCLEN=4 ALG_SET_AEAD_AUTHSIZE=5 "
   "ALG_SET_DRBG_ENTROPY=6"),
 "sockopt_nfcllcp": ("strace 6.1 src/xlat/sock_nfcllcp_options.in", "enum", "NFC_LLCP_???", "dec", ["stdio.h"],
   "NFC_LLCP_RW=0 NFC_LLCP_MIUX=1 NFC_LLCP_REMOTE_MIU=2 NFC_LLCP_REMOTE_LTO=3 "
   "NFC_LLCP_REMOTE_RW=4"),
 "sockopt_kcm": ("strace 6.1 src/xlat/sock_kcm_options.in", "enum", "KCM_???", "dec", ["stdio.h"],
   "KCM_RECV_DISABLE=1"),
 "sockopt_tls": ("strace 6.1 src/xlat/sock_tls_options.in", "enum", "TLS_???", "dec", ["stdio.h"],
   "TLS_TX=1 TLS_RX=2"),
 "sockopt_xdp": ("strace 6.1 src/xlat/sock_xdp_options.in", "enum", "XDP_???", "dec", ["stdio.h"],
   "XDP_MMAP_OFFSETS=1 XDP_RX_RING=2 XDP_TX_RING=3 XDP_UMEM_REG=4 XDP_UMEM_FILL_RING=5 "
   "XDP_UMEM_COMPLETION_RING=6 XDP_STATISTICS=7 XDP_OPTIONS=8"),
 "sockopt_vsock": ("strace 6.1 src/xlat/sock_vsock_options.in", "enum", "SO_VM_???", "dec", ["stdio.h"],
   "SO_VM_SOCKETS_BUFFER_SIZE=0 SO_VM_SOCKETS_BUFFER_MIN_SIZE=1 "
   "SO_VM_SOCKETS_BUFFER_MAX_SIZE=2 SO_VM_SOCKETS_PEER_HOST_VM_ID=3 SO_VM_SOCKETS_TRUSTED=5 "
   "SO_VM_SOCKETS_CONNECT_TIMEOUT_OLD=6 SO_VM_SOCKETS_NONBLOCK_TXRX=7 "
   "SO_VM_SOCKETS_CONNECT_TIMEOUT_NEW=8"),
 "sockopt_txrehash_vals": ("strace 6.1 src/xlat/sockopt_txrehash_vals.in", "enum", "SOCK_TXREHASH_???", "dec", ["stdio.h"],
   "SOCK_TXREHASH_DISABLED=0 SOCK_TXREHASH_ENABLED=1 SOCK_TXREHASH_DEFAULT=255"),
 # socket()'s protocol for the other families strace 6.1 names (AF_IRDA's
 # with can_protocols under IRDAPROTO_???, as strace prints it).
 "ax25_protocols": ("strace 6.1 src/xlat/ax25_protocols.in", "enum", "AX25_P_???", "hex", ["stdio.h"],
   "AX25_P_ROSE=0x01 AX25_P_VJCOMP=0x06 AX25_P_VJUNCOMP=0x07 AX25_P_SEGMENT=0x08 "
   "AX25_P_TEXNET=0xc3 AX25_P_LQ=0xc4 AX25_P_ATALK=0xca AX25_P_ATALK_ARP=0xcb AX25_P_IP=0xcc "
   "AX25_P_ARP=0xcd AX25_P_FLEXNET=0xce AX25_P_NETROM=0xcf AX25_P_TEXT=0xf0"),
 "irda_protocols": ("strace 6.1 src/xlat/can_protocols.in", "enum", "IRDAPROTO_???", "dec", ["stdio.h"],
   "CAN_RAW=1 CAN_BCM=2 CAN_TP16=3 CAN_TP20=4 CAN_MCNET=5 CAN_ISOTP=6 CAN_J1939=7"),
 "isdn_protocols": ("strace 6.1 src/xlat/isdn_protocols.in", "enum", "ISDN_P_???", "hex", ["stdio.h"],
   "ISDN_P_BASE=0 ISDN_P_TE_S0=1 ISDN_P_NT_S0=2 ISDN_P_TE_E1=3 ISDN_P_NT_E1=4 "
   "ISDN_P_LAPD_TE=0x10 ISDN_P_LAPD_NT=0x11 ISDN_P_B_RAW=0x21 ISDN_P_B_HDLC=0x22 "
   "ISDN_P_B_X75SLP=0x23 ISDN_P_B_L2DTMF=0x24 ISDN_P_B_L2DSP=0x25 ISDN_P_B_L2DSPHDLC=0x26"),
 "phonet_protocols": ("strace 6.1 src/xlat/phonet_protocols.in", "enum", "PN_PROTO_???", "dec", ["stdio.h"],
   "PN_PROTO_TRANSPORT=0 PN_PROTO_PHONET=1 PN_PROTO_PIPE=2"),
 "caif_protocols": ("strace 6.1 src/xlat/caif_protocols.in", "enum", "CAIFPROTO_???", "dec", ["stdio.h"],
   "CAIFPROTO_AT=0 CAIFPROTO_DATAGRAM=1 CAIFPROTO_DATAGRAM_LOOP=2 CAIFPROTO_UTIL=3 "
   "CAIFPROTO_RFM=4 CAIFPROTO_DEBUG=5"),
 "nfc_protocols": ("strace 6.1 src/xlat/nfc_protocols.in", "enum", "NFC_SOCKPROTO_???", "dec", ["stdio.h"],
   "NFC_SOCKPROTO_RAW=0 NFC_SOCKPROTO_LLCP=1"),
 "kcm_protocols": ("strace 6.1 src/xlat/kcm_protocols.in", "enum", "KCMPROTO_???", "dec", ["stdio.h"],
   "KCMPROTO_CONNECTED=0"),
 "smc_protocols": ("strace 6.1 src/xlat/smc_protocols.in", "enum", "SMCPROTO_???", "dec", ["stdio.h"],
   "SMCPROTO_SMC=0 SMCPROTO_SMC6=1"),
 # io_submit's iocb aio_flags (strace's aio_iocb_flags).
 "aio_iocb_flags": ("include/uapi/linux/aio_abi.h", "flags", "IOCB_FLAG_???", "hex", ["linux/aio_abi.h"],
   "IOCB_FLAG_RESFD IOCB_FLAG_IOPRIO"),
 # ICMP_FILTER's bits name ICMP types (strace's icmp_filter_flags);
 # PACKET_ADD_MEMBERSHIP's mr_type (strace's packet_mreq_type).
 "icmp_filter_types": ("include/uapi/linux/icmp.h", "enum", "ICMP_???", "dec", ["linux/icmp.h"],
   "ICMP_ECHOREPLY ICMP_DEST_UNREACH ICMP_SOURCE_QUENCH ICMP_REDIRECT ICMP_ECHO ICMP_TIME_EXCEEDED "
   "ICMP_PARAMETERPROB ICMP_TIMESTAMP ICMP_TIMESTAMPREPLY ICMP_INFO_REQUEST ICMP_INFO_REPLY "
   "ICMP_ADDRESS ICMP_ADDRESSREPLY"),
 "packet_mreq_types": ("include/uapi/linux/if_packet.h", "enum", "PACKET_MR_???", "dec", ["linux/if_packet.h"],
   "PACKET_MR_MULTICAST PACKET_MR_PROMISC PACKET_MR_ALLMULTI PACKET_MR_UNICAST"),
 "sockopt_tcp": ("include/uapi/linux/tcp.h", "enum", "TCP_???", "dec", ["netinet/tcp.h"],
   "TCP_NODELAY TCP_MAXSEG TCP_CORK TCP_KEEPIDLE TCP_KEEPINTVL TCP_KEEPCNT TCP_SYNCNT TCP_LINGER2 "
   "TCP_DEFER_ACCEPT TCP_WINDOW_CLAMP TCP_INFO TCP_QUICKACK TCP_CONGESTION TCP_MD5SIG "
   "TCP_COOKIE_TRANSACTIONS=15 TCP_THIN_LINEAR_TIMEOUTS=16 TCP_THIN_DUPACK=17 TCP_USER_TIMEOUT=18 "
   "TCP_REPAIR=19 TCP_REPAIR_QUEUE=20 TCP_QUEUE_SEQ=21 TCP_REPAIR_OPTIONS=22 TCP_FASTOPEN=23 "
   "TCP_TIMESTAMP=24 TCP_NOTSENT_LOWAT=25 TCP_CC_INFO=26 TCP_SAVE_SYN=27 TCP_SAVED_SYN=28 "
   "TCP_REPAIR_WINDOW=29 TCP_FASTOPEN_CONNECT=30 TCP_ULP=31 TCP_MD5SIG_EXT=32 TCP_FASTOPEN_KEY=33 "
   "TCP_FASTOPEN_NO_COOKIE=34 TCP_ZEROCOPY_RECEIVE=35 TCP_INQ=36 TCP_TX_DELAY=37"),
 "sockopt_ip": ("include/uapi/linux/in.h", "enum", "IP_???", "dec", ["netinet/in.h"],
   "IP_TOS IP_TTL IP_HDRINCL IP_OPTIONS IP_ROUTER_ALERT IP_RECVOPTS IP_RETOPTS IP_PKTINFO "
   "IP_PKTOPTIONS IP_MTU_DISCOVER IP_RECVERR IP_RECVTTL IP_RECVTOS IP_MTU IP_FREEBIND "
   "IP_IPSEC_POLICY IP_XFRM_POLICY IP_PASSSEC IP_TRANSPARENT IP_ORIGDSTADDR=20 IP_MINTTL "
   "IP_NODEFRAG IP_CHECKSUM IP_BIND_ADDRESS_NO_PORT IP_RECVFRAGSIZE IP_RECVERR_RFC4884=26 "
   "IP_MULTICAST_IF=32 IP_MULTICAST_TTL IP_MULTICAST_LOOP IP_ADD_MEMBERSHIP IP_DROP_MEMBERSHIP "
   "IP_UNBLOCK_SOURCE IP_BLOCK_SOURCE IP_ADD_SOURCE_MEMBERSHIP IP_DROP_SOURCE_MEMBERSHIP "
   "IP_MSFILTER MCAST_JOIN_GROUP=42 MCAST_BLOCK_SOURCE=43 MCAST_UNBLOCK_SOURCE=44 "
   "MCAST_LEAVE_GROUP=45 MCAST_JOIN_SOURCE_GROUP=46 MCAST_LEAVE_SOURCE_GROUP=47 MCAST_MSFILTER=48 "
   "IP_MULTICAST_ALL=49 IP_UNICAST_IF=50 IP_LOCAL_PORT_RANGE=51 IP_PROTOCOL=52"),
 "sockopt_ipv6": ("include/uapi/linux/in6.h", "enum", "IPV6_???", "dec", ["netinet/in.h"],
   "IPV6_ADDRFORM=1 IPV6_2292PKTINFO=2 IPV6_2292HOPOPTS=3 IPV6_2292DSTOPTS=4 IPV6_2292RTHDR=5 "
   "IPV6_2292PKTOPTIONS=6 IPV6_CHECKSUM=7 IPV6_2292HOPLIMIT=8 IPV6_NEXTHOP=9 IPV6_AUTHHDR=10 "
   "IPV6_FLOWINFO=11 IPV6_UNICAST_HOPS=16 IPV6_MULTICAST_IF=17 IPV6_MULTICAST_HOPS=18 "
   "IPV6_MULTICAST_LOOP=19 IPV6_ADD_MEMBERSHIP=20 IPV6_DROP_MEMBERSHIP=21 IPV6_ROUTER_ALERT=22 "
   "IPV6_MTU_DISCOVER=23 IPV6_MTU=24 IPV6_RECVERR=25 IPV6_V6ONLY=26 IPV6_JOIN_ANYCAST=27 "
   "IPV6_LEAVE_ANYCAST=28 IPV6_MULTICAST_ALL=29 IPV6_ROUTER_ALERT_ISOLATE=30 IPV6_RECVERR_RFC4884=31 "
   "IPV6_FLOWLABEL_MGR=32 IPV6_FLOWINFO_SEND=33 IPV6_IPSEC_POLICY=34 IPV6_XFRM_POLICY=35 "
   "IPV6_HDRINCL=36 IPV6_RECVPKTINFO=49 IPV6_PKTINFO=50 IPV6_RECVHOPLIMIT=51 IPV6_HOPLIMIT=52 "
   "IPV6_RECVHOPOPTS=53 IPV6_HOPOPTS=54 IPV6_RTHDRDSTOPTS=55 IPV6_RECVRTHDR=56 IPV6_RTHDR=57 "
   "IPV6_RECVDSTOPTS=58 IPV6_DSTOPTS=59 IPV6_RECVPATHMTU=60 IPV6_PATHMTU=61 IPV6_DONTFRAG=62 "
   "IPV6_RECVTCLASS=66 IPV6_TCLASS=67 IPV6_AUTOFLOWLABEL=70 IPV6_ADDR_PREFERENCES=72 "
   "IPV6_MINHOPCOUNT=73 IPV6_ORIGDSTADDR=74 IPV6_TRANSPARENT=75 IPV6_UNICAST_IF=76 "
   "IPV6_RECVFRAGSIZE=77 IPV6_FREEBIND=78"),
 "msg_flags": ("include/linux/socket.h", "flags", "MSG_???", "hex", ["sys/socket.h"],
   "MSG_OOB MSG_PEEK MSG_DONTROUTE MSG_CTRUNC MSG_PROBE=0x10 MSG_TRUNC MSG_DONTWAIT MSG_EOR MSG_WAITALL "
   "MSG_FIN MSG_SYN MSG_CONFIRM MSG_RST MSG_ERRQUEUE MSG_NOSIGNAL MSG_MORE MSG_WAITFORONE "
   "MSG_SENDPAGE_NOTLAST=0x20000 MSG_BATCH=0x40000 MSG_NO_SHARED_FRAGS=0x80000 "
   "MSG_ZEROCOPY=0x4000000 MSG_FASTOPEN "
   "MSG_CMSG_CLOEXEC MSG_CMSG_COMPAT=0x80000000"),
 "socketcalls": ("include/uapi/linux/net.h", "enum", None, "dec", ["linux/net.h"],
   "SYS_SOCKET SYS_BIND SYS_CONNECT SYS_LISTEN SYS_ACCEPT SYS_GETSOCKNAME SYS_GETPEERNAME "
   "SYS_SOCKETPAIR SYS_SEND SYS_RECV SYS_SENDTO SYS_RECVFROM SYS_SHUTDOWN SYS_SETSOCKOPT "
   "SYS_GETSOCKOPT SYS_SENDMSG SYS_RECVMSG SYS_ACCEPT4 SYS_RECVMMSG SYS_SENDMMSG"),
 "shutdown_modes": ("include/linux/net.h", "enum", "SHUT_???", "dec", ["sys/socket.h"],
   "SHUT_RD SHUT_WR SHUT_RDWR"),
 "mmap_prot": ("include/uapi/asm-generic/mman-common.h", "flags", "PROT_???", "hex", ["sys/mman.h"],
   "PROT_NONE PROT_READ PROT_WRITE PROT_EXEC PROT_SEM=0x8 PROT_GROWSDOWN PROT_GROWSUP"),
 "mmap_types": ("include/uapi/linux/mman.h", "enum", "MAP_???", "hex", ["sys/mman.h"],
   "MAP_SHARED MAP_PRIVATE MAP_SHARED_VALIDATE MAP_DROPPABLE=0x8"),
 "mmap_flags": ("include/uapi/asm-generic/mman-common.h, arch/x86/include/uapi/asm/mman.h", "flags", "MAP_???", "hex", ["sys/mman.h"],
   "MAP_FIXED MAP_ANONYMOUS MAP_32BIT MAP_ABOVE4G=0x80 MAP_NORESERVE MAP_POPULATE MAP_NONBLOCK "
   "MAP_GROWSDOWN MAP_DENYWRITE MAP_EXECUTABLE MAP_LOCKED MAP_STACK MAP_HUGETLB MAP_SYNC "
   "MAP_FIXED_NOREPLACE"),
 "madvise_advice": ("include/uapi/asm-generic/mman-common.h", "enum", "MADV_???", "dec", ["sys/mman.h"],
   "MADV_NORMAL MADV_RANDOM MADV_SEQUENTIAL MADV_WILLNEED MADV_DONTNEED MADV_FREE MADV_REMOVE "
   "MADV_DONTFORK MADV_DOFORK MADV_MERGEABLE MADV_UNMERGEABLE MADV_HUGEPAGE MADV_NOHUGEPAGE "
   "MADV_DONTDUMP MADV_DODUMP MADV_WIPEONFORK MADV_KEEPONFORK MADV_COLD MADV_PAGEOUT "
   "MADV_POPULATE_READ=22 MADV_POPULATE_WRITE=23 MADV_DONTNEED_LOCKED=24 MADV_COLLAPSE=25 "
   "MADV_GUARD_INSTALL=102 MADV_GUARD_REMOVE=103 MADV_HWPOISON=100 MADV_SOFT_OFFLINE=101"),
 "mremap_flags": ("include/uapi/linux/mman.h", "flags", "MREMAP_???", "hex", ["sys/mman.h"],
   "MREMAP_MAYMOVE MREMAP_FIXED MREMAP_DONTUNMAP"),
 "sigprocmask_how": ("include/uapi/asm-generic/signal-defs.h", "enum", "SIG_???", "dec", ["signal.h"],
   "SIG_BLOCK SIG_UNBLOCK SIG_SETMASK"),
 "sigaction_flags": ("include/uapi/asm-generic/signal-defs.h, arch/x86/include/uapi/asm/signal.h", "flags", "SA_???", "hex", ["signal.h"],
   "SA_RESTORER=0x04000000 SA_ONSTACK SA_RESTART SA_INTERRUPT=0x20000000 SA_NODEFER SA_RESETHAND "
   "SA_SIGINFO SA_NOCLDSTOP SA_NOCLDWAIT"),
 "fcntl_cmds": ("include/uapi/asm-generic/fcntl.h, include/uapi/linux/fcntl.h", "enum", "F_???", "hex", ["fcntl.h"],
   "F_DUPFD F_GETFD F_SETFD F_GETFL F_SETFL F_GETLK F_SETLK F_SETLKW F_SETOWN F_GETOWN F_SETSIG "
   "F_GETSIG F_GETLK64=12 F_SETLK64=13 F_SETLKW64=14 F_SETOWN_EX F_GETOWN_EX F_GETOWNER_UIDS=17 F_OFD_GETLK F_OFD_SETLK F_OFD_SETLKW "
   "F_SETLEASE F_GETLEASE F_NOTIFY F_DUPFD_QUERY=1027 F_CREATED_QUERY=1028 F_DUPFD_CLOEXEC "
   "F_SETPIPE_SZ F_GETPIPE_SZ F_ADD_SEALS F_GET_SEALS F_GET_RW_HINT F_SET_RW_HINT "
   "F_GET_FILE_RW_HINT F_SET_FILE_RW_HINT"),
 "fd_flags": ("include/uapi/asm-generic/fcntl.h", "flags", "FD_???", "hex", ["fcntl.h"], "FD_CLOEXEC"),
 "flock_ops": ("include/uapi/asm-generic/fcntl.h", "flags", "LOCK_???", "hex", ["sys/file.h"],
   "LOCK_SH LOCK_EX LOCK_NB LOCK_UN LOCK_MAND=32 LOCK_RW=0xc0 LOCK_READ=64 LOCK_WRITE=128"),
 "rename_flags": ("include/uapi/linux/fcntl.h", "flags", "RENAME_??", "hex", ["stdio.h"],
   "RENAME_NOREPLACE=1 RENAME_EXCHANGE=2 RENAME_WHITEOUT=4"),
 "xattr_flags": ("include/uapi/linux/xattr.h", "flags", "XATTR_???", "hex", ["sys/xattr.h"],
   "XATTR_CREATE XATTR_REPLACE"),
 # socket()'s protocol per family, as strace 6.1 names it (AF_PACKET's is
 # printed as htons(ETH_P_*), the value being in network order).
 "ethernet_protocols": ("include/uapi/linux/if_ether.h", "enum", "ETH_P_???", "hex", ["linux/if_ether.h"],
   "ETH_P_802_3 ETH_P_AX25 ETH_P_ALL ETH_P_802_2 ETH_P_SNAP ETH_P_DDCMP ETH_P_WAN_PPP "
   "ETH_P_PPP_MP ETH_P_LOCALTALK ETH_P_CAN ETH_P_CANFD ETH_P_CANXL ETH_P_PPPTALK "
   "ETH_P_TR_802_2 ETH_P_MOBITEX ETH_P_CONTROL ETH_P_IRDA ETH_P_ECONET ETH_P_HDLC "
   "ETH_P_ARCNET ETH_P_DSA ETH_P_TRAILER ETH_P_LOOP ETH_P_PHONET ETH_P_IEEE802154 ETH_P_CAIF "
   "ETH_P_XDSA ETH_P_MAP ETH_P_MCTP ETH_P_PUP ETH_P_PUPAT ETH_P_802_3_MIN ETH_P_IP ETH_P_X25 "
   "ETH_P_ARP ETH_P_BPQ=0x08FF ETH_P_IEEEPUP ETH_P_IEEEPUPAT ETH_P_ERSPAN2 ETH_P_TSN "
   "ETH_P_BATMAN ETH_P_DEC ETH_P_DNA_DL ETH_P_DNA_RC ETH_P_DNA_RT ETH_P_LAT ETH_P_DIAG "
   "ETH_P_CUST ETH_P_SCA ETH_P_TEB ETH_P_RARP ETH_P_ATALK ETH_P_AARP ETH_P_8021Q ETH_P_IPX "
   "ETH_P_IPV6 ETH_P_PAUSE ETH_P_SLOW ETH_P_WCCP ETH_P_MPLS_UC ETH_P_MPLS_MC ETH_P_ATMMPOA "
   "ETH_P_PPP_DISC ETH_P_PPP_SES ETH_P_LINK_CTL ETH_P_ATMFATE ETH_P_PAE ETH_P_REALTEK "
   "ETH_P_AOE ETH_P_8021AD ETH_P_802_EX1 ETH_P_ERSPAN ETH_P_PREAUTH ETH_P_TIPC ETH_P_LLDP "
   "ETH_P_MRP ETH_P_MACSEC ETH_P_8021AH ETH_P_MVRP ETH_P_1588 ETH_P_NCSI ETH_P_PRP ETH_P_CFM "
   "ETH_P_FCOE ETH_P_TDLS ETH_P_FIP ETH_P_IBOE ETH_P_80221 ETH_P_HSR ETH_P_NSH ETH_P_LOOPBACK "
   "ETH_P_QINQ1 ETH_P_QINQ2 ETH_P_QINQ3 ETH_P_EDSA ETH_P_DSA_8021Q ETH_P_DSA_A5PSW ETH_P_IFE "
   "ETH_P_AF_IUCV "),
 "can_protocols": ("include/uapi/linux/can.h", "enum", "CAN_???", "dec", ["linux/can.h"],
   "CAN_RAW CAN_BCM CAN_TP16 CAN_TP20 CAN_MCNET CAN_ISOTP CAN_J1939"),
 "bt_protocols": ("include/net/bluetooth/bluetooth.h", "enum", "BTPROTO_???", "dec", [],
   "BTPROTO_L2CAP=0 BTPROTO_HCI=1 BTPROTO_SCO=2 BTPROTO_RFCOMM=3 BTPROTO_BNEP=4 BTPROTO_CMTP=5 "
   "BTPROTO_HIDP=6 BTPROTO_AVDTP=7"),
 # fcntl's F_NOTIFY argument (strace's notifyflags).
 "dnotify_flags": ("include/uapi/linux/fcntl.h", "flags", "DN_???", "hex", ["fcntl.h"],
   "DN_ACCESS=0x1 DN_MODIFY=0x2 DN_CREATE=0x4 DN_DELETE=0x8 DN_RENAME=0x10 DN_ATTRIB=0x20 "
   "DN_MULTISHOT=0x80000000"),
 # F_SETOWN_EX / F_GETOWN_EX's owner type (strace's f_owner_types).
 "f_owner_types": ("include/uapi/asm-generic/fcntl.h", "enum", "F_OWNER_???", "dec", ["fcntl.h"],
   "F_OWNER_TID=0 F_OWNER_PID=1 F_OWNER_PGRP=2"),
 "wait_options": ("include/uapi/linux/wait.h", "flags", "W???", "hex", ["sys/wait.h"],
   "WNOHANG WEXITED WSTOPPED WCONTINUED WNOWAIT __WCLONE __WALL __WNOTHREAD"),
 "clone_flags": ("include/uapi/linux/sched.h", "flags", "CLONE_???", "hex", ["linux/sched.h"],
   "CLONE_VM CLONE_FS CLONE_FILES CLONE_SIGHAND CLONE_PIDFD CLONE_PTRACE CLONE_VFORK CLONE_PARENT "
   "CLONE_THREAD CLONE_NEWNS CLONE_SYSVSEM CLONE_SETTLS CLONE_PARENT_SETTID CLONE_CHILD_CLEARTID "
   "CLONE_UNTRACED CLONE_CHILD_SETTID CLONE_NEWCGROUP CLONE_NEWUTS CLONE_NEWIPC CLONE_NEWUSER "
   "CLONE_NEWPID CLONE_NEWNET CLONE_IO CLONE_CLEAR_SIGHAND=0x100000000 CLONE_INTO_CGROUP=0x200000000"),
 "prctl_options": ("include/uapi/linux/prctl.h", "enum", "PR_???", "dec", ["linux/prctl.h"],
   "PR_SET_PDEATHSIG PR_GET_PDEATHSIG PR_GET_DUMPABLE PR_SET_DUMPABLE PR_GET_UNALIGN PR_SET_UNALIGN "
   "PR_GET_KEEPCAPS PR_SET_KEEPCAPS PR_GET_FPEMU PR_SET_FPEMU PR_GET_FPEXC PR_SET_FPEXC "
   "PR_GET_TIMING PR_SET_TIMING PR_SET_NAME PR_GET_NAME PR_GET_ENDIAN PR_SET_ENDIAN PR_GET_SECCOMP "
   "PR_SET_SECCOMP PR_CAPBSET_READ PR_CAPBSET_DROP PR_GET_TSC PR_SET_TSC PR_GET_SECUREBITS "
   "PR_SET_SECUREBITS PR_SET_TIMERSLACK PR_GET_TIMERSLACK PR_TASK_PERF_EVENTS_DISABLE "
   "PR_TASK_PERF_EVENTS_ENABLE PR_MCE_KILL PR_MCE_KILL_GET PR_SET_MM PR_SET_CHILD_SUBREAPER "
   "PR_GET_CHILD_SUBREAPER PR_SET_NO_NEW_PRIVS PR_GET_NO_NEW_PRIVS PR_GET_TID_ADDRESS "
   "PR_SET_THP_DISABLE PR_GET_THP_DISABLE PR_MPX_ENABLE_MANAGEMENT=43 PR_MPX_DISABLE_MANAGEMENT=44 "
   "PR_SET_FP_MODE PR_GET_FP_MODE PR_CAP_AMBIENT PR_SVE_SET_VL=50 PR_SVE_GET_VL=51 "
   "PR_GET_SPECULATION_CTRL=52 PR_SET_SPECULATION_CTRL=53 PR_PAC_RESET_KEYS=54 "
   "PR_SET_TAGGED_ADDR_CTRL=55 PR_GET_TAGGED_ADDR_CTRL=56 PR_SET_IO_FLUSHER=57 PR_GET_IO_FLUSHER=58 "
   "PR_SET_SYSCALL_USER_DISPATCH=59 PR_PAC_SET_ENABLED_KEYS=60 PR_PAC_GET_ENABLED_KEYS=61 "
   "PR_SCHED_CORE=62 PR_SME_SET_VL=63 PR_SME_GET_VL=64 PR_SET_MDWE=65 PR_GET_MDWE=66 "
   "PR_SET_MEMORY_MERGE=67 PR_GET_MEMORY_MERGE=68 PR_RISCV_V_SET_CONTROL=69 "
   "PR_RISCV_V_GET_CONTROL=70 PR_RISCV_SET_ICACHE_FLUSH_CTX=71 PR_PPC_GET_DEXCR=72 "
   "PR_PPC_SET_DEXCR=73 PR_GET_SHADOW_STACK_STATUS=74 PR_SET_SHADOW_STACK_STATUS=75 "
   "PR_LOCK_SHADOW_STACK_STATUS=76 PR_TIMER_CREATE_RESTORE_IDS=77 PR_FUTEX_HASH=78 "
   "PR_SET_VMA=0x53564d41 PR_SET_PTRACER=0x59616d61"),
 # ioctl_requests.tsv is syscall-tables/gen/ioctls.py's (strace 6.1's
 # full list), not this script's.
 "statx_mask": ("include/uapi/linux/stat.h", "flags", "STATX_???", "hex", ["sys/stat.h", "linux/stat.h"],
   "STATX_ALL=0xfff STATX_BASIC_STATS STATX_TYPE STATX_MODE STATX_NLINK STATX_UID STATX_GID "
   "STATX_ATIME STATX_MTIME STATX_CTIME STATX_INO STATX_SIZE STATX_BLOCKS STATX_BTIME "
   "STATX_MNT_ID=0x1000 STATX_DIOALIGN=0x2000 STATX_MNT_ID_UNIQUE=0x4000 STATX_SUBVOL=0x8000 "
   "STATX_WRITE_ATOMIC=0x10000 STATX_DIO_READ_ALIGN=0x20000"),
 "resolve_flags": ("include/uapi/linux/openat2.h", "flags", "RESOLVE_???", "hex", ["linux/openat2.h"],
   "RESOLVE_NO_XDEV RESOLVE_NO_MAGICLINKS RESOLVE_NO_SYMLINKS RESOLVE_BENEATH RESOLVE_IN_ROOT RESOLVE_CACHED"),
 "epoll_ctl_ops": ("include/uapi/linux/eventpoll.h", "enum", "EPOLL_CTL_???", "dec", ["sys/epoll.h"],
   "EPOLL_CTL_ADD EPOLL_CTL_DEL EPOLL_CTL_MOD"),
 "epoll_flags": ("include/uapi/linux/eventpoll.h", "flags", "EPOLL_???", "hex", ["sys/epoll.h"],
   "EPOLL_CLOEXEC"),
 "inotify_flags": ("include/uapi/linux/inotify.h", "flags", "IN_???", "hex", ["sys/inotify.h"],
   "IN_ACCESS IN_MODIFY IN_ATTRIB IN_CLOSE_WRITE IN_CLOSE_NOWRITE IN_OPEN IN_MOVED_FROM "
   "IN_MOVED_TO IN_CREATE IN_DELETE IN_DELETE_SELF IN_MOVE_SELF IN_UNMOUNT IN_Q_OVERFLOW "
   "IN_IGNORED IN_ONLYDIR IN_DONT_FOLLOW IN_EXCL_UNLINK IN_MASK_CREATE=0x10000000 IN_MASK_ADD "
   "IN_ISDIR IN_ONESHOT"),
 "inotify_init_flags": ("include/uapi/linux/inotify.h", "flags", "IN_???", "hex", ["sys/inotify.h"],
   "IN_NONBLOCK IN_CLOEXEC"),
 "eventfd_flags": ("include/linux/eventfd.h", "flags", "EFD_???", "hex", ["sys/eventfd.h"],
   "EFD_SEMAPHORE EFD_CLOEXEC EFD_NONBLOCK"),
 "signalfd_flags": ("include/uapi/linux/signalfd.h", "flags", "SFD_???", "hex", ["sys/signalfd.h"],
   "SFD_CLOEXEC SFD_NONBLOCK"),
 "falloc_flags": ("include/uapi/linux/falloc.h", "flags", "FALLOC_FL_???", "hex", ["linux/falloc.h"],
   "FALLOC_FL_KEEP_SIZE FALLOC_FL_PUNCH_HOLE FALLOC_FL_NO_HIDE_STALE FALLOC_FL_COLLAPSE_RANGE "
   "FALLOC_FL_ZERO_RANGE FALLOC_FL_INSERT_RANGE FALLOC_FL_UNSHARE_RANGE"),
 "sync_file_range_flags": ("include/uapi/linux/fs.h", "flags", "SYNC_FILE_RANGE_???", "hex", ["fcntl.h"],
   "SYNC_FILE_RANGE_WAIT_BEFORE SYNC_FILE_RANGE_WRITE SYNC_FILE_RANGE_WAIT_AFTER"),
 "memfd_flags": ("include/uapi/linux/memfd.h", "flags", "MFD_???", "hex", ["sys/mman.h"],
   "MFD_CLOEXEC MFD_ALLOW_SEALING MFD_HUGETLB"),
 "mlock_flags": ("include/uapi/asm-generic/mman-common.h", "flags", "MLOCK_???", "hex", ["sys/mman.h"],
   "MLOCK_ONFAULT"),
 "msync_flags": ("include/uapi/asm-generic/mman-common.h", "flags", "MS_???", "hex", ["sys/mman.h"],
   "MS_SYNC MS_ASYNC MS_INVALIDATE"),
 "splice_flags": ("include/linux/splice.h", "flags", "SPLICE_F_???", "hex", ["fcntl.h"],
   "SPLICE_F_MOVE SPLICE_F_NONBLOCK SPLICE_F_MORE SPLICE_F_GIFT"),
 "close_range_flags": ("include/uapi/linux/close_range.h", "flags", "CLOSE_RANGE_???", "hex",
   ["linux/close_range.h"], "CLOSE_RANGE_UNSHARE CLOSE_RANGE_CLOEXEC"),
 "umount_flags": ("include/linux/fs.h", "flags", "MNT_???", "hex", ["sys/mount.h"],
   "MNT_FORCE MNT_DETACH MNT_EXPIRE UMOUNT_NOFOLLOW"),
 "waitid_types": ("include/uapi/linux/wait.h", "enum", "P_???", "dec", ["sys/wait.h"],
   "P_ALL=0 P_PID=1 P_PGID=2 P_PIDFD=3"),
 "rusage_who": ("include/uapi/linux/resource.h", "enum", "RUSAGE_???", "hex", ["sys/resource.h"],
   "RUSAGE_SELF=0 RUSAGE_CHILDREN=0xffffffff RUSAGE_BOTH=0xfffffffe RUSAGE_THREAD=1"),
 "priorities": ("include/uapi/linux/resource.h", "enum", "PRIO_???", "dec", ["sys/resource.h"],
   "PRIO_PROCESS PRIO_PGRP PRIO_USER"),
 "rwf_flags": ("include/uapi/linux/fs.h", "flags", "RWF_???", "hex", ["sys/uio.h"],
   "RWF_HIPRI=0x1 RWF_DSYNC=0x2 RWF_SYNC=0x4 RWF_NOWAIT=0x8 RWF_APPEND=0x10"),
 "membarrier_cmds": ("include/uapi/linux/membarrier.h", "enum", "MEMBARRIER_CMD_???", "hex", ["linux/membarrier.h"],
   "MEMBARRIER_CMD_QUERY=0 MEMBARRIER_CMD_GLOBAL=0x1 MEMBARRIER_CMD_GLOBAL_EXPEDITED=0x2 "
   "MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED=0x4 MEMBARRIER_CMD_PRIVATE_EXPEDITED=0x8 "
   "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED=0x10 MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE=0x20 "
   "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE=0x40 MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ=0x80 "
   "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ=0x100"),
 "membarrier_flags": ("include/uapi/linux/membarrier.h", "flags", "MEMBARRIER_CMD_FLAG_???", "hex",
   ["linux/membarrier.h"], "MEMBARRIER_CMD_FLAG_CPU=0x1"),
 "personality_types": ("include/uapi/linux/personality.h", "enum", "PER_???", "hex", ["sys/personality.h"],
   "PER_LINUX=0 PER_LINUX_32BIT=0x800000 PER_LINUX_FDPIC=0x80000 PER_SVR4=0x4100001 "
   "PER_SVR3=0x5000002 PER_SCOSVR3=0x7000003 PER_OSR5=0x6000003 PER_WYSEV386=0x5000004 "
   "PER_ISCR4=0x4000005 PER_BSD=0x6 PER_SUNOS=0x4000006 PER_XENIX=0x5000007 PER_LINUX32=0x8 "
   "PER_LINUX32_3GB=0x8000008 PER_IRIX32=0x4000009 PER_IRIXN32=0x400000a PER_IRIX64=0x400000b "
   "PER_RISCOS=0xc PER_SOLARIS=0x400000d PER_UW7=0x410000e PER_OSF4=0xf PER_HPUX=0x10 PER_MASK=0xff"),
 "personality_flags": ("include/uapi/linux/personality.h", "flags", None, "hex", ["sys/personality.h"],
   "UNAME26=0x20000 ADDR_NO_RANDOMIZE=0x40000 FDPIC_FUNCPTRS=0x80000 MMAP_PAGE_ZERO=0x100000 "
   "ADDR_COMPAT_LAYOUT=0x200000 READ_IMPLIES_EXEC=0x400000 ADDR_LIMIT_32BIT=0x800000 "
   "SHORT_INODE=0x1000000 WHOLE_SECONDS=0x2000000 STICKY_TIMEOUTS=0x4000000 ADDR_LIMIT_3GB=0x8000000"),
 "ioprio_who": ("include/uapi/linux/ioprio.h", "enum", "IOPRIO_WHO_???", "hex", ["stdio.h"],
   "IOPRIO_WHO_PROCESS=1 IOPRIO_WHO_PGRP=2 IOPRIO_WHO_USER=3"),
 "ioprio_class": ("include/uapi/linux/ioprio.h", "enum", "IOPRIO_CLASS_???", "hex", ["stdio.h"],
   "IOPRIO_CLASS_NONE=0 IOPRIO_CLASS_RT=1 IOPRIO_CLASS_BE=2 IOPRIO_CLASS_IDLE=3"),
 "pr_fp_modes": ("include/uapi/linux/prctl.h", "flags", "PR_FP_MODE_???", "hex", ["sys/prctl.h"],
   "PR_FP_MODE_FR PR_FP_MODE_FRE"),
 "secbits": ("include/uapi/linux/securebits.h", "flags", "SECBIT_???", "hex", ["stdio.h"],
   "SECBIT_NOROOT=0x1 SECBIT_NOROOT_LOCKED=0x2 SECBIT_NO_SETUID_FIXUP=0x4 "
   "SECBIT_NO_SETUID_FIXUP_LOCKED=0x8 SECBIT_KEEP_CAPS=0x10 SECBIT_KEEP_CAPS_LOCKED=0x20 "
   "SECBIT_NO_CAP_AMBIENT_RAISE=0x40 SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED=0x80"),
 "ipc_private": ("include/uapi/linux/ipc.h", "enum", None, "hex", ["sys/ipc.h"], "IPC_PRIVATE"),
 "resource_flags": ("include/uapi/linux/ipc.h", "flags", None, "oct", ["sys/ipc.h"],
   "IPC_CREAT IPC_EXCL IPC_NOWAIT"),
 "shm_resource_flags": ("include/uapi/linux/shm.h", "flags", None, "oct", ["sys/shm.h"],
   "IPC_CREAT IPC_EXCL SHM_HUGETLB SHM_NORESERVE"),
 "shm_flags": ("include/uapi/linux/shm.h", "flags", "SHM_???", "oct", ["sys/shm.h"],
   "SHM_RDONLY SHM_RND SHM_REMAP SHM_EXEC"),
 "shmctl_cmds": ("include/uapi/linux/shm.h", "enum", "SHM_???", "dec", ["sys/shm.h"],
   "IPC_RMID IPC_SET IPC_STAT IPC_INFO SHM_LOCK SHM_UNLOCK SHM_STAT SHM_INFO SHM_STAT_ANY=15"),
 "semctl_cmds": ("include/uapi/linux/sem.h", "enum", "SEM_???", "dec", ["sys/sem.h"],
   "IPC_RMID IPC_SET IPC_STAT IPC_INFO GETPID GETVAL GETALL GETNCNT GETZCNT SETVAL SETALL "
   "SEM_STAT SEM_INFO SEM_STAT_ANY=20"),
 "msgctl_cmds": ("include/uapi/linux/msg.h", "enum", "MSG_???", "dec", ["sys/msg.h"],
   "IPC_RMID IPC_SET IPC_STAT IPC_INFO MSG_STAT MSG_INFO MSG_STAT_ANY=13"),
 "ipc_msg_flags": ("include/uapi/linux/msg.h", "flags", "MSG_???", "oct", ["sys/msg.h"],
   "MSG_NOERROR MSG_EXCEPT MSG_COPY IPC_NOWAIT"),
 "semop_flags": ("include/uapi/linux/sem.h", "flags", "SEM_???", "oct", ["sys/sem.h"],
   "SEM_UNDO IPC_NOWAIT"),
 "mount_flags": ("include/uapi/linux/mount.h", "flags", "MS_???", "hex", ["sys/mount.h"],
   "MS_RDONLY=0x1 MS_NOSUID=0x2 MS_NODEV=0x4 MS_NOEXEC=0x8 MS_SYNCHRONOUS=0x10 "
   "MS_REMOUNT=0x20 MS_MANDLOCK=0x40 MS_DIRSYNC=0x80 MS_NOSYMFOLLOW=0x100 MS_NOATIME=0x400 "
   "MS_NODIRATIME=0x800 MS_BIND=0x1000 MS_MOVE=0x2000 MS_REC=0x4000 MS_SILENT=0x8000 "
   "MS_POSIXACL=0x10000 MS_UNBINDABLE=0x20000 MS_PRIVATE=0x40000 MS_SLAVE=0x80000 "
   "MS_SHARED=0x100000 MS_RELATIME=0x200000 MS_KERNMOUNT=0x400000 MS_I_VERSION=0x800000 "
   "MS_STRICTATIME=0x1000000 MS_LAZYTIME=0x2000000 MS_SUBMOUNT=0x4000000 "
   "MS_NOREMOTELOCK=0x8000000 MS_NOSEC=0x10000000 MS_BORN=0x20000000 MS_ACTIVE=0x40000000 "
   "MS_NOUSER=0x80000000"),
 "mode_types": ("include/uapi/linux/stat.h", "enum", None, "oct", ["sys/stat.h"],
   "S_IFREG S_IFSOCK S_IFLNK S_IFBLK S_IFDIR S_IFCHR S_IFIFO"),
}

# A comment line of its own, before the arch line: where a table is
# strace 6.1's rather than the headers'.
COMMENTS = {
 "msg_flags": "strace 6.1 names 0x10 MSG_PROBE, 0x20000 MSG_SENDPAGE_NOTLAST and 0x80000 MSG_NO_SHARED_FRAGS (gone from the kernel's headers) and has no MSG_SOCK_DEVMEM (6.12)",
 "sigaction_flags": "strace 6.1's table: SA_INTERRUPT named, SA_UNSUPPORTED and SA_EXPOSE_TAGBITS not",
 "socket_levels": "strace 6.1's socketlayers: AF_VSOCK (a family vsock uses as a level), SOL_CAN_BASE and SOL_CAN_RAW named; nothing past SOL_XDP",
}

NOTES = {
 "open_flags": "aarch64 differs: O_DIRECTORY=0x4000 O_NOFOLLOW=0x8000 O_DIRECT=0x10000 O_LARGEFILE=0x20000",
 "pipe_flags": "aarch64 differs: O_DIRECTORY=0x4000 O_NOFOLLOW=0x8000 O_DIRECT=0x10000 O_LARGEFILE=0x20000",
 "mmap_flags": "MAP_32BIT and MAP_ABOVE4G exist on x86 only",
 "rusage_who": "RUSAGE_CHILDREN and RUSAGE_BOTH are -1 and -2 as the 32-bit int the decoder reads",
 "waitid_types": "glibc's P_* are enum constants, not macros, so the values are given here",
 "rwf_flags": "strace 6.1's table: it predates RWF_NOAPPEND and RWF_ATOMIC",
 "membarrier_cmds": "the uapi enum's values, given here since they are not macros",
 "personality_types": "glibc's PER_* are enum constants; values from strace's personality_types.in",
 "personality_flags": "glibc's are enum constants; values from the uapi header",
 "ioprio_who": "enum constants in the uapi header, given here",
 "ioprio_class": "strace 6.1's table; the uapi enum, given here",
 "secbits": "linux/securebits.h defines these through shifts, given here",
 "shmctl_cmds": "SHM_STAT_ANY is missing from older glibc headers, given here",
 "semctl_cmds": "SEM_STAT_ANY is missing from older glibc headers, given here",
 "msgctl_cmds": "MSG_STAT_ANY is missing from older glibc headers, given here",
 "mount_flags": "glibc's MS_* are enum constants, given here (bit 9 is unused)",
 "bt_protocols": "not in the uapi headers, given here",
 "signals": "same numbers on i386 and aarch64 (asm-generic); SIGSTKFLT exists on all three",
}

def main():
    if len(sys.argv) > 2 or sys.argv[1:2] in (["-h"], ["--help"]):
        sys.exit(__doc__)
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "syscall-tables", "xlat")
    os.makedirs(out_dir, exist_ok=True)
    for stem, (src, kind, unknown, fmt, incs, names) in TABLES.items():
        entries = []
        for tok in names.split():
            name, _, lit = tok.partition("=")
            entries.append((name, lit))
        prog = "#define _GNU_SOURCE\n" + "".join(f"#include <{i}>\n" for i in incs)
        prog += "#include <stdio.h>\nint main(void){\n"
        for name, lit in entries:
            if lit:
                continue
            prog += f'#ifdef {name}\nprintf("{name}\\t%llu\\n", (unsigned long long)({name}));\n#endif\n'
        prog += "return 0;}\n"
        with tempfile.TemporaryDirectory() as td:
            c = os.path.join(td, "x.c")
            with open(c, "w") as f:
                f.write(prog)
            subprocess.run(["gcc", "-o", os.path.join(td, "x"), c], check=True)
            got = dict(l.split("\t") for l in subprocess.run(
                [os.path.join(td, "x")], check=True, capture_output=True, text=True).stdout.split("\n") if l)
        lines = [f"# source: {src}", f"# kind: {kind}"]
        if unknown:
            lines.append(f"# unknown: {unknown}")
        if stem in COMMENTS:
            lines.append(f"# {COMMENTS[stem]}")
        lines.append(f"# arch: {X86}" + (f"; {NOTES[stem]}" if stem in NOTES else ""))
        for name, lit in entries:
            if lit:
                v = int(lit, 0)
            elif name in got:
                v = int(got[name])
            else:
                sys.exit(f"{stem}: {name} not in headers and no literal given")
            if fmt == "hex":
                s = hex(v)
            elif fmt == "oct":
                s = "0" + format(v, "o") if v else "0"
            else:
                s = str(v)
            lines.append(f"{name}\t{s}")
        with open(os.path.join(out_dir, stem + ".tsv"), "w") as f:
            f.write("\n".join(lines) + "\n")
    print(f"wrote {len(TABLES)} tables")

if __name__ == "__main__":
    main()
