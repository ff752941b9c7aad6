#!/usr/bin/env python3
"""Regenerates the netlink tables (NETLINK_ROUTE attributes, NETLINK_SOCK_DIAG
requests) and the ioctl argument tables of src/decode/ioctl_more.rs
(loop, FS_IOC_*FLAGS, perf, seccomp, evdev, fs) and the NUMA memory-policy
tables of src/decode/numa.rs in syscall-tables/xlat/.

The names, in strace 6.1's print order, are those of strace's
src/xlat/*.in of the same stem; the values come from compiling against
this machine's uapi headers (most are enum constants, which
tools/gen-xlat.py's #ifdef probe cannot see). Run from the repository
root: python3 tools/gen-xlat-netlink.py
"""
import os, subprocess, tempfile

INCS = ["linux/rtnetlink.h", "linux/if_link.h", "linux/if_addr.h", "linux/lwtunnel.h",
        "linux/ip.h", "linux/if_arp.h", "linux/sock_diag.h", "linux/unix_diag.h",
        "linux/inet_diag.h", "linux/netlink_diag.h", "linux/packet_diag.h", "linux/smc_diag.h",
        "linux/loop.h", "linux/fs.h", "linux/perf_event.h", "linux/seccomp.h",
        "linux/netfilter/nfnetlink.h", "linux/netfilter/nfnetlink_conntrack.h",
        "linux/netfilter/nfnetlink_queue.h", "linux/netfilter/nfnetlink_log.h",
        "linux/netfilter/nfnetlink_osf.h", "linux/netfilter/ipset/ip_set.h",
        "linux/netfilter/nfnetlink_acct.h", "linux/netfilter/nfnetlink_cttimeout.h",
        "linux/netfilter/nfnetlink_cthelper.h", "linux/netfilter/nf_tables.h",
        "linux/netfilter/nf_tables_compat.h", "linux/netfilter/nfnetlink_hook.h", "linux/input.h",
        "linux/neighbour.h", "linux/fib_rules.h", "linux/fiemap.h", "linux/mempolicy.h",
        "linux/blkpg.h", "linux/if_tun.h"]

# stem: (source header, kind, unknown-marker or None, value format, names)
TABLES = {
 "rtnl_link_attrs": ("include/uapi/linux/if_link.h (enum IFLA_*)", "enum", "IFLA_???", "dec",
   "IFLA_UNSPEC IFLA_ADDRESS IFLA_BROADCAST IFLA_IFNAME IFLA_MTU IFLA_LINK IFLA_QDISC IFLA_STATS "
   "IFLA_COST IFLA_PRIORITY IFLA_MASTER IFLA_WIRELESS IFLA_PROTINFO IFLA_TXQLEN IFLA_MAP IFLA_WEIGHT "
   "IFLA_OPERSTATE IFLA_LINKMODE IFLA_LINKINFO IFLA_NET_NS_PID IFLA_IFALIAS IFLA_NUM_VF "
   "IFLA_VFINFO_LIST IFLA_STATS64 IFLA_VF_PORTS IFLA_PORT_SELF IFLA_AF_SPEC IFLA_GROUP "
   "IFLA_NET_NS_FD IFLA_EXT_MASK IFLA_PROMISCUITY IFLA_NUM_TX_QUEUES IFLA_NUM_RX_QUEUES "
   "IFLA_CARRIER IFLA_PHYS_PORT_ID IFLA_CARRIER_CHANGES IFLA_PHYS_SWITCH_ID IFLA_LINK_NETNSID "
   "IFLA_PHYS_PORT_NAME IFLA_PROTO_DOWN IFLA_GSO_MAX_SEGS IFLA_GSO_MAX_SIZE IFLA_PAD IFLA_XDP "
   "IFLA_EVENT IFLA_NEW_NETNSID IFLA_IF_NETNSID IFLA_CARRIER_UP_COUNT IFLA_CARRIER_DOWN_COUNT "
   "IFLA_NEW_IFINDEX IFLA_MIN_MTU IFLA_MAX_MTU IFLA_PROP_LIST IFLA_ALT_IFNAME IFLA_PERM_ADDRESS "
   "IFLA_PROTO_DOWN_REASON IFLA_PARENT_DEV_NAME IFLA_PARENT_DEV_BUS_NAME IFLA_GRO_MAX_SIZE "
   "IFLA_TSO_MAX_SIZE IFLA_TSO_MAX_SEGS IFLA_ALLMULTI"),
 "rtnl_addr_attrs": ("include/uapi/linux/if_addr.h (enum IFA_*)", "enum", "IFA_???", "dec",
   "IFA_UNSPEC IFA_ADDRESS IFA_LOCAL IFA_LABEL IFA_BROADCAST IFA_ANYCAST IFA_CACHEINFO "
   "IFA_MULTICAST IFA_FLAGS IFA_RT_PRIORITY IFA_TARGET_NETNSID IFA_PROTO"),
 "rtnl_route_attrs": ("include/uapi/linux/rtnetlink.h (enum rtattr_type_t)", "enum", "RTA_???", "dec",
   "RTA_UNSPEC RTA_DST RTA_SRC RTA_IIF RTA_OIF RTA_GATEWAY RTA_PRIORITY RTA_PREFSRC RTA_METRICS "
   "RTA_MULTIPATH RTA_PROTOINFO RTA_FLOW RTA_CACHEINFO RTA_SESSION RTA_MP_ALGO RTA_TABLE RTA_MARK "
   "RTA_MFC_STATS RTA_VIA RTA_NEWDST RTA_PREF RTA_ENCAP_TYPE RTA_ENCAP RTA_EXPIRES RTA_PAD RTA_UID "
   "RTA_TTL_PROPAGATE RTA_IP_PROTO RTA_SPORT RTA_DPORT RTA_NH_ID"),
 "rtnl_rta_metrics_attrs": ("include/uapi/linux/rtnetlink.h (enum RTAX_*)", "enum", "RTAX_???", "dec",
   "RTAX_UNSPEC RTAX_LOCK RTAX_MTU RTAX_WINDOW RTAX_RTT RTAX_RTTVAR RTAX_SSTHRESH RTAX_CWND "
   "RTAX_ADVMSS RTAX_REORDERING RTAX_HOPLIMIT RTAX_INITCWND RTAX_FEATURES RTAX_RTO_MIN "
   "RTAX_INITRWND RTAX_QUICKACK RTAX_CC_ALGO RTAX_FASTOPEN_NO_COOKIE"),
 "routing_table_ids": ("include/uapi/linux/rtnetlink.h (enum rt_class_t)", "enum", None, "dec",
   "RT_TABLE_UNSPEC RT_TABLE_COMPAT RT_TABLE_DEFAULT RT_TABLE_MAIN RT_TABLE_LOCAL"),
 "routing_protocols": ("include/uapi/linux/rtnetlink.h (RTPROT_*)", "enum", "RTPROT_???", "dec",
   "RTPROT_UNSPEC RTPROT_REDIRECT RTPROT_KERNEL RTPROT_BOOT RTPROT_STATIC RTPROT_GATED RTPROT_RA "
   "RTPROT_MRT RTPROT_ZEBRA RTPROT_BIRD RTPROT_DNROUTED RTPROT_XORP RTPROT_NTK RTPROT_DHCP "
   "RTPROT_MROUTED RTPROT_KEEPALIVED RTPROT_BABEL RTPROT_OPENR RTPROT_BGP RTPROT_ISIS RTPROT_OSPF "
   "RTPROT_RIP RTPROT_EIGRP"),
 "routing_types": ("include/uapi/linux/rtnetlink.h (enum RTN_*)", "enum", "RTN_???", "dec",
   "RTN_UNSPEC RTN_UNICAST RTN_LOCAL RTN_BROADCAST RTN_ANYCAST RTN_MULTICAST RTN_BLACKHOLE "
   "RTN_UNREACHABLE RTN_PROHIBIT RTN_THROW RTN_NAT RTN_XRESOLVE"),
 "routing_flags": ("include/uapi/linux/rtnetlink.h (RTM_F_*)", "flags", "RTM_F_???", "hex",
   "RTM_F_NOTIFY RTM_F_CLONED RTM_F_EQUALIZE RTM_F_PREFIX RTM_F_LOOKUP_TABLE RTM_F_FIB_MATCH "
   "RTM_F_OFFLOAD RTM_F_TRAP RTM_F_OFFLOAD_FAILED"),
 "ip_type_of_services": ("include/uapi/linux/ip.h (IPTOS_*)", "flags", "IPTOS_TOS_???", "hex",
   "IPTOS_LOWDELAY IPTOS_THROUGHPUT IPTOS_RELIABILITY IPTOS_MINCOST"),
 "lwtunnel_encap_types": ("include/uapi/linux/lwtunnel.h (enum lwtunnel_encap_types)", "enum",
   "LWTUNNEL_ENCAP_???", "dec",
   "LWTUNNEL_ENCAP_NONE LWTUNNEL_ENCAP_MPLS LWTUNNEL_ENCAP_IP LWTUNNEL_ENCAP_ILA LWTUNNEL_ENCAP_IP6 "
   "LWTUNNEL_ENCAP_SEG6 LWTUNNEL_ENCAP_BPF LWTUNNEL_ENCAP_SEG6_LOCAL LWTUNNEL_ENCAP_RPL"),
 "rtnl_ifla_ext_filter_flags": ("include/uapi/linux/rtnetlink.h (RTEXT_FILTER_*)", "flags",
   "RTEXT_FILTER_???", "hex",
   "RTEXT_FILTER_VF RTEXT_FILTER_BRVLAN RTEXT_FILTER_BRVLAN_COMPRESSED RTEXT_FILTER_SKIP_STATS "
   "RTEXT_FILTER_MRP RTEXT_FILTER_CFM_CONFIG RTEXT_FILTER_CFM_STATUS"),
 "nlattr_type_flags": ("include/uapi/linux/netlink.h (NLA_F_*)", "flags", None, "hex",
   "NLA_F_NESTED NLA_F_NET_BYTEORDER"),
 # strace's print_mac.c hwaddr_sizes: how many bytes of a hardware address
 # it prints for a device type (a type not listed prints every byte). The
 # name is the ARPHRD_* type, the value the size.
 "hwaddr_sizes": ("strace 6.1 src/print_mac.c (hwaddr_sizes), sizes from include/uapi/linux/if_*.h",
   "enum", None, "dec",
   "ARPHRD_NETROM=7 ARPHRD_ETHER=6 ARPHRD_AX25=7 ARPHRD_IEEE802=6 ARPHRD_ARCNET=1 ARPHRD_DLCI=2 "
   "ARPHRD_IEEE1394=16 ARPHRD_EUI64=8 ARPHRD_INFINIBAND=20 ARPHRD_SLIP=0 ARPHRD_ROSE=5 ARPHRD_X25=0 "
   "ARPHRD_CAN=0 ARPHRD_MCTP=1 ARPHRD_PPP=0 ARPHRD_RAWHDLC=0 ARPHRD_RAWIP=0 ARPHRD_TUNNEL=4 "
   "ARPHRD_TUNNEL6=16 ARPHRD_LOOPBACK=6 ARPHRD_LOCALTLK=1 ARPHRD_FDDI=6 ARPHRD_SIT=4 ARPHRD_IPDDP=0 "
   "ARPHRD_IPGRE=4 ARPHRD_PIMREG=0 ARPHRD_HIPPI=6 ARPHRD_IRDA=4 ARPHRD_IEEE80211=6 "
   "ARPHRD_IEEE80211_PRISM=6 ARPHRD_IEEE80211_RADIOTAP=6 ARPHRD_IEEE802154=8 "
   "ARPHRD_IEEE802154_MONITOR=8 ARPHRD_PHONET=1 ARPHRD_PHONET_PIPE=1 ARPHRD_CAIF=0 ARPHRD_IP6GRE=16 "
   "ARPHRD_NETLINK=0 ARPHRD_6LOWPAN=8 ARPHRD_VSOCKMON=0"),
 "tcp_state_flags": ("include/net/tcp_states.h (1<<TCP_*; not uapi, so the values are given)", "flags", "1<<TCP_???", "hex",
   "1<<TCP_ESTABLISHED=0x2 1<<TCP_SYN_SENT=0x4 1<<TCP_SYN_RECV=0x8 1<<TCP_FIN_WAIT1=0x10 1<<TCP_FIN_WAIT2=0x20 1<<TCP_TIME_WAIT=0x40 "
   "1<<TCP_CLOSE=0x80 1<<TCP_CLOSE_WAIT=0x100 1<<TCP_LAST_ACK=0x200 1<<TCP_LISTEN=0x400 1<<TCP_CLOSING=0x800 1<<TCP_NEW_SYN_RECV=0x1000"),
 "unix_diag_show": ("include/uapi/linux/unix_diag.h", "flags", "UDIAG_SHOW_???", "hex",
   "UDIAG_SHOW_NAME UDIAG_SHOW_VFS UDIAG_SHOW_PEER UDIAG_SHOW_ICONS UDIAG_SHOW_RQLEN "
   "UDIAG_SHOW_MEMINFO UDIAG_SHOW_UID"),
 "inet_diag_extended_flags": ("include/uapi/linux/inet_diag.h (1<<(INET_DIAG_*-1))", "flags",
   "1<<INET_DIAG_???-1", "hex",
   "1<<(INET_DIAG_MEMINFO-1) 1<<(INET_DIAG_INFO-1) 1<<(INET_DIAG_VEGASINFO-1) 1<<(INET_DIAG_CONG-1) "
   "1<<(INET_DIAG_TOS-1) 1<<(INET_DIAG_TCLASS-1) 1<<(INET_DIAG_SKMEMINFO-1) 1<<(INET_DIAG_SHUTDOWN-1) "
   "1<<(INET_DIAG_DCTCPINFO-1) 1<<(INET_DIAG_PROTOCOL-1) 1<<(INET_DIAG_SKV6ONLY-1) "
   "1<<(INET_DIAG_LOCALS-1) 1<<(INET_DIAG_PEERS-1) 1<<(INET_DIAG_PAD-1) 1<<(INET_DIAG_MARK-1) "
   "1<<(INET_DIAG_BBRINFO-1) 1<<(INET_DIAG_CLASS_ID-1) 1<<(INET_DIAG_MD5SIG-1) "
   "1<<(INET_DIAG_ULP_INFO-1) 1<<(INET_DIAG_SK_BPF_STORAGES-1) 1<<(INET_DIAG_CGROUP_ID-1) "
   "1<<(INET_DIAG_SOCKOPT-1)"),
 "netlink_diag_show": ("include/uapi/linux/netlink_diag.h", "flags", "NDIAG_SHOW_???", "hex",
   "NDIAG_SHOW_MEMINFO NDIAG_SHOW_GROUPS NDIAG_SHOW_RING_CFG NDIAG_SHOW_FLAGS"),
 "packet_diag_show": ("include/uapi/linux/packet_diag.h", "flags", "PACKET_SHOW_???", "hex",
   "PACKET_SHOW_INFO PACKET_SHOW_MCLIST PACKET_SHOW_RING_CFG PACKET_SHOW_FANOUT "
   "PACKET_SHOW_MEMINFO PACKET_SHOW_FILTER"),
 "smc_diag_extended_flags": ("include/uapi/linux/smc_diag.h (1<<(SMC_DIAG_*-1))", "flags",
   "1<<SMC_DIAG_???-1", "hex", "1<<(SMC_DIAG_CONNINFO-1) 1<<(SMC_DIAG_LGRINFO-1)"),
 "inet_diag_req_attrs": ("include/uapi/linux/inet_diag.h (enum INET_DIAG_REQ_*)", "enum",
   "INET_DIAG_REQ_???", "dec",
   "INET_DIAG_REQ_NONE INET_DIAG_REQ_BYTECODE INET_DIAG_REQ_SK_BPF_STORAGES INET_DIAG_REQ_PROTOCOL"),
 "inet_diag_bytecodes": ("include/uapi/linux/inet_diag.h (enum INET_DIAG_BC_*)", "enum",
   "INET_DIAG_BC_???", "dec",
   "INET_DIAG_BC_NOP INET_DIAG_BC_JMP INET_DIAG_BC_S_GE INET_DIAG_BC_S_LE INET_DIAG_BC_D_GE "
   "INET_DIAG_BC_D_LE INET_DIAG_BC_AUTO INET_DIAG_BC_S_COND INET_DIAG_BC_D_COND "
   "INET_DIAG_BC_DEV_COND INET_DIAG_BC_MARK_COND INET_DIAG_BC_S_EQ INET_DIAG_BC_D_EQ "
   "INET_DIAG_BC_CGROUP_COND"),
 "loop_flags_options": ("include/uapi/linux/loop.h (LO_FLAGS_*)", "flags", "LO_FLAGS_???", "hex",
   "LO_FLAGS_READ_ONLY=1 LO_FLAGS_USE_AOPS=2 LO_FLAGS_AUTOCLEAR=4 LO_FLAGS_PARTSCAN=8 "
   "LO_FLAGS_DIRECT_IO=16"),
 "loop_crypt_type_options": ("include/uapi/linux/loop.h (LO_CRYPT_*)", "enum", "LO_CRYPT_???", "dec",
   "LO_CRYPT_NONE LO_CRYPT_XOR LO_CRYPT_DES LO_CRYPT_FISH2 LO_CRYPT_BLOW LO_CRYPT_CAST128 "
   "LO_CRYPT_IDEA LO_CRYPT_DUMMY LO_CRYPT_SKIPJACK LO_CRYPT_CRYPTOAPI"),
 "fs_ioc_flags": ("include/uapi/linux/fs.h (FS_*_FL)", "flags", "FS_???_FL", "hex",
   "FS_SECRM_FL FS_UNRM_FL FS_COMPR_FL FS_SYNC_FL FS_IMMUTABLE_FL FS_APPEND_FL FS_NODUMP_FL "
   "FS_NOATIME_FL FS_DIRTY_FL FS_COMPRBLK_FL FS_NOCOMP_FL FS_ENCRYPT_FL FS_INDEX_FL FS_IMAGIC_FL "
   "FS_JOURNAL_DATA_FL FS_NOTAIL_FL FS_DIRSYNC_FL FS_TOPDIR_FL FS_HUGE_FILE_FL FS_EXTENT_FL "
   "FS_VERITY_FL FS_EA_INODE_FL FS_EOFBLOCKS_FL FS_NOCOW_FL FS_DAX_FL FS_INLINE_DATA_FL "
   "FS_PROJINHERIT_FL FS_CASEFOLD_FL FS_RESERVED_FL"),
 "perf_ioctl_flags": ("include/uapi/linux/perf_event.h (PERF_IOC_FLAG_*)", "flags",
   "PERF_IOC_FLAG_???", "hex", "PERF_IOC_FLAG_GROUP"),
 "seccomp_ioctl_resp_flags": ("include/uapi/linux/seccomp.h (SECCOMP_USER_NOTIF_FLAG_*)", "flags",
   "SECCOMP_USER_NOTIF_FLAG_???", "hex", "SECCOMP_USER_NOTIF_FLAG_CONTINUE"),
 "seccomp_ioctl_addfd_flags": ("include/uapi/linux/seccomp.h (SECCOMP_ADDFD_FLAG_*)", "flags",
   "SECCOMP_ADDFD_FLAG_???", "hex", "SECCOMP_ADDFD_FLAG_SETFD SECCOMP_ADDFD_FLAG_SEND"),
 "nl_netfilter_msg_types": ("include/uapi/linux/netfilter/nfnetlink.h (NFNL_MSG_BATCH_*)", "enum", "NFNL_MSG_???", "dec",
   "NFNL_MSG_BATCH_BEGIN NFNL_MSG_BATCH_END"),
 "nl_netfilter_subsys_ids": ("include/uapi/linux/netfilter/nfnetlink.h (NFNL_SUBSYS_*)", "enum", "NFNL_SUBSYS_???", "dec",
   "NFNL_SUBSYS_NONE NFNL_SUBSYS_CTNETLINK NFNL_SUBSYS_CTNETLINK_EXP NFNL_SUBSYS_QUEUE NFNL_SUBSYS_ULOG NFNL_SUBSYS_OSF NFNL_SUBSYS_IPSET NFNL_SUBSYS_ACCT NFNL_SUBSYS_CTNETLINK_TIMEOUT NFNL_SUBSYS_CTHELPER NFNL_SUBSYS_NFTABLES NFNL_SUBSYS_NFT_COMPAT NFNL_SUBSYS_HOOK"),
 "netfilter_versions": ("include/uapi/linux/netfilter/nfnetlink.h (NFNETLINK_V0)", "enum", "NFNETLINK_???", "dec",
   "NFNETLINK_V0"),
 "nf_ctnetlink_msg_types": ("include/uapi/linux/netfilter/nfnetlink_conntrack.h", "enum", "IPCTNL_MSG_CT_???", "dec",
   "IPCTNL_MSG_CT_NEW IPCTNL_MSG_CT_GET IPCTNL_MSG_CT_DELETE IPCTNL_MSG_CT_GET_CTRZERO IPCTNL_MSG_CT_GET_STATS_CPU IPCTNL_MSG_CT_GET_STATS IPCTNL_MSG_CT_GET_DYING IPCTNL_MSG_CT_GET_UNCONFIRMED"),
 "nf_ctnetlink_exp_msg_types": ("include/uapi/linux/netfilter/nfnetlink_conntrack.h", "enum", "IPCTNL_MSG_EXP_???", "dec",
   "IPCTNL_MSG_EXP_NEW IPCTNL_MSG_EXP_GET IPCTNL_MSG_EXP_DELETE IPCTNL_MSG_EXP_GET_STATS_CPU"),
 "nf_queue_msg_types": ("include/uapi/linux/netfilter/nfnetlink_queue.h", "enum", "NFQNL_MSG_???", "dec",
   "NFQNL_MSG_PACKET NFQNL_MSG_VERDICT NFQNL_MSG_CONFIG NFQNL_MSG_VERDICT_BATCH"),
 "nf_ulog_msg_types": ("include/uapi/linux/netfilter/nfnetlink_log.h", "enum", "NFULNL_MSG_???", "dec",
   "NFULNL_MSG_PACKET NFULNL_MSG_CONFIG"),
 "nf_osf_msg_types": ("include/uapi/linux/netfilter/nfnetlink_osf.h", "enum", "OSF_MSG_???", "dec",
   "OSF_MSG_ADD OSF_MSG_REMOVE"),
 "nf_ipset_msg_types": ("include/uapi/linux/netfilter/ipset/ip_set.h", "enum", "IPSET_CMD_???", "dec",
   "IPSET_CMD_NONE IPSET_CMD_PROTOCOL IPSET_CMD_CREATE IPSET_CMD_DESTROY IPSET_CMD_FLUSH IPSET_CMD_RENAME IPSET_CMD_SWAP IPSET_CMD_LIST IPSET_CMD_SAVE IPSET_CMD_ADD IPSET_CMD_DEL IPSET_CMD_TEST IPSET_CMD_HEADER IPSET_CMD_TYPE IPSET_CMD_RESTORE IPSET_CMD_HELP IPSET_CMD_VERSION IPSET_CMD_QUIT IPSET_CMD_COMMIT"),
 "nf_acct_msg_types": ("include/uapi/linux/netfilter/nfnetlink_acct.h", "enum", "NFNL_MSG_ACCT_???", "dec",
   "NFNL_MSG_ACCT_NEW NFNL_MSG_ACCT_GET NFNL_MSG_ACCT_GET_CTRZERO NFNL_MSG_ACCT_DEL NFNL_MSG_ACCT_OVERQUOTA"),
 "nf_cttimeout_msg_types": ("include/uapi/linux/netfilter/nfnetlink_cttimeout.h", "enum", "IPCTNL_MSG_TIMEOUT_???", "dec",
   "IPCTNL_MSG_TIMEOUT_NEW IPCTNL_MSG_TIMEOUT_GET IPCTNL_MSG_TIMEOUT_DELETE IPCTNL_MSG_TIMEOUT_DEFAULT_SET IPCTNL_MSG_TIMEOUT_DEFAULT_GET"),
 "nf_cthelper_msg_types": ("include/uapi/linux/netfilter/nfnetlink_cthelper.h", "enum", "NFNL_MSG_CTHELPER_???", "dec",
   "NFNL_MSG_CTHELPER_NEW NFNL_MSG_CTHELPER_GET NFNL_MSG_CTHELPER_DEL"),
 "nf_nftables_msg_types": ("include/uapi/linux/netfilter/nf_tables.h", "enum", "NFT_MSG_???", "dec",
   "NFT_MSG_NEWTABLE NFT_MSG_GETTABLE NFT_MSG_DELTABLE NFT_MSG_NEWCHAIN NFT_MSG_GETCHAIN NFT_MSG_DELCHAIN NFT_MSG_NEWRULE NFT_MSG_GETRULE NFT_MSG_DELRULE NFT_MSG_NEWSET NFT_MSG_GETSET NFT_MSG_DELSET NFT_MSG_NEWSETELEM NFT_MSG_GETSETELEM NFT_MSG_DELSETELEM NFT_MSG_NEWGEN NFT_MSG_GETGEN NFT_MSG_TRACE NFT_MSG_NEWOBJ NFT_MSG_GETOBJ NFT_MSG_DELOBJ NFT_MSG_GETOBJ_RESET NFT_MSG_NEWFLOWTABLE NFT_MSG_GETFLOWTABLE NFT_MSG_DELFLOWTABLE"),
 "nf_nft_compat_msg_types": ("include/uapi/linux/netfilter/nf_tables_compat.h", "enum", "NFNL_MSG_COMPAT_???", "dec",
   "NFNL_MSG_COMPAT_GET"),
 "nf_hook_msg_types": ("include/uapi/linux/netfilter/nfnetlink_hook.h", "enum", "NFT_MSG_HOOK_???", "dec",
   "NFNL_MSG_HOOK_GET"),
 "evdev_ev": ("include/uapi/linux/input-event-codes.h (EV_*)", "enum", "EV_???", "hex",
   "EV_SYN EV_KEY EV_REL EV_ABS EV_MSC EV_SW EV_LED EV_SND EV_REP EV_FF EV_PWR EV_FF_STATUS"),
 "evdev_abs": ("include/uapi/linux/input-event-codes.h (ABS_*)", "enum", "ABS_???", "hex",
   "ABS_X ABS_Y ABS_Z ABS_RX ABS_RY ABS_RZ ABS_THROTTLE ABS_RUDDER ABS_WHEEL ABS_GAS ABS_BRAKE "
   "ABS_HAT0X ABS_HAT0Y ABS_HAT1X ABS_HAT1Y ABS_HAT2X ABS_HAT2Y ABS_HAT3X ABS_HAT3Y ABS_PRESSURE "
   "ABS_DISTANCE ABS_TILT_X ABS_TILT_Y ABS_TOOL_WIDTH ABS_VOLUME ABS_PROFILE ABS_MISC ABS_RESERVED "
   "ABS_MT_SLOT ABS_MT_TOUCH_MAJOR ABS_MT_TOUCH_MINOR ABS_MT_WIDTH_MAJOR ABS_MT_WIDTH_MINOR "
   "ABS_MT_ORIENTATION ABS_MT_POSITION_X ABS_MT_POSITION_Y ABS_MT_TOOL_TYPE ABS_MT_BLOB_ID "
   "ABS_MT_TRACKING_ID ABS_MT_PRESSURE ABS_MT_DISTANCE ABS_MT_TOOL_X ABS_MT_TOOL_Y"),
 "rtnl_neigh_attrs": ("include/uapi/linux/neighbour.h (enum NDA_*)", "enum", "NDA_???", "dec",
   "NDA_UNSPEC NDA_DST NDA_LLADDR NDA_CACHEINFO NDA_PROBES NDA_VLAN NDA_PORT NDA_VNI NDA_IFINDEX "
   "NDA_MASTER NDA_LINK_NETNSID NDA_SRC_VNI NDA_PROTOCOL NDA_NH_ID NDA_FDB_EXT_ATTRS NDA_FLAGS_EXT "
   "NDA_NDM_STATE_MASK NDA_NDM_FLAGS_MASK"),
 "neighbor_cache_entry_states": ("include/uapi/linux/neighbour.h (NUD_*)", "flags", "NUD_???", "hex",
   "NUD_NONE NUD_INCOMPLETE NUD_REACHABLE NUD_STALE NUD_DELAY NUD_PROBE NUD_FAILED NUD_NOARP "
   "NUD_PERMANENT"),
 "neighbor_cache_entry_flags": ("include/uapi/linux/neighbour.h (NTF_*)", "flags", "NTF_???", "hex",
   "NTF_USE NTF_SELF NTF_MASTER NTF_PROXY NTF_EXT_LEARNED NTF_OFFLOADED NTF_STICKY NTF_ROUTER"),
 "neighbor_cache_entry_ext_flags": ("include/uapi/linux/neighbour.h (NTF_EXT_*)", "flags",
   "NTF_EXT_???", "hex", "NTF_EXT_MANAGED"),
 "rtnl_rule_attrs": ("include/uapi/linux/fib_rules.h (enum FRA_*)", "enum", "FRA_???", "dec",
   "FRA_UNSPEC FRA_DST FRA_SRC FRA_IIFNAME FRA_GOTO FRA_UNUSED2 FRA_PRIORITY FRA_UNUSED3 "
   "FRA_UNUSED4 FRA_UNUSED5 FRA_FWMARK FRA_FLOW FRA_TUN_ID FRA_SUPPRESS_IFGROUP "
   "FRA_SUPPRESS_PREFIXLEN FRA_TABLE FRA_FWMASK FRA_OIFNAME FRA_PAD FRA_L3MDEV FRA_UID_RANGE "
   "FRA_PROTOCOL FRA_IP_PROTO FRA_SPORT_RANGE FRA_DPORT_RANGE"),
 "fib_rule_actions": ("include/uapi/linux/fib_rules.h (enum FR_ACT_*)", "enum", "FR_ACT_???", "dec",
   "FR_ACT_UNSPEC FR_ACT_TO_TBL FR_ACT_GOTO FR_ACT_NOP FR_ACT_RES3 FR_ACT_RES4 FR_ACT_BLACKHOLE "
   "FR_ACT_UNREACHABLE FR_ACT_PROHIBIT"),
 "fib_rule_flags": ("include/uapi/linux/fib_rules.h (FIB_RULE_*)", "flags", "FIB_RULE_???", "hex",
   "FIB_RULE_PERMANENT FIB_RULE_INVERT FIB_RULE_UNRESOLVED FIB_RULE_IIF_DETACHED "
   "FIB_RULE_OIF_DETACHED FIB_RULE_FIND_SADDR"),
 "rtnl_tc_attrs": ("include/uapi/linux/rtnetlink.h (enum TCA_*)", "enum", "TCA_???", "dec",
   "TCA_UNSPEC TCA_KIND TCA_OPTIONS TCA_STATS TCA_XSTATS TCA_RATE TCA_FCNT TCA_STATS2 TCA_STAB "
   "TCA_PAD TCA_DUMP_INVISIBLE TCA_CHAIN TCA_HW_OFFLOAD TCA_INGRESS_BLOCK TCA_EGRESS_BLOCK "
   "TCA_DUMP_FLAGS"),
 "fs_xflags": ("include/uapi/linux/fs.h (FS_XFLAG_*)", "flags", "FS_XFLAG_???", "hex",
   "FS_XFLAG_REALTIME FS_XFLAG_PREALLOC FS_XFLAG_IMMUTABLE FS_XFLAG_APPEND FS_XFLAG_SYNC "
   "FS_XFLAG_NOATIME FS_XFLAG_NODUMP FS_XFLAG_RTINHERIT FS_XFLAG_PROJINHERIT FS_XFLAG_NOSYMLINKS "
   "FS_XFLAG_EXTSIZE FS_XFLAG_EXTSZINHERIT FS_XFLAG_NODEFRAG FS_XFLAG_FILESTREAM FS_XFLAG_DAX "
   "FS_XFLAG_COWEXTSIZE FS_XFLAG_HASATTR"),
 "fiemap_flags": ("include/uapi/linux/fiemap.h (FIEMAP_FLAG_*)", "flags", "FIEMAP_FLAG_???", "hex",
   "FIEMAP_FLAG_SYNC FIEMAP_FLAG_XATTR FIEMAP_FLAG_CACHE"),
 "rtnl_ifla_info_attrs": ("include/uapi/linux/if_link.h (enum IFLA_INFO_*)", "enum", "IFLA_INFO_???",
   "dec", "IFLA_INFO_UNSPEC IFLA_INFO_KIND IFLA_INFO_DATA IFLA_INFO_XSTATS IFLA_INFO_SLAVE_KIND "
   "IFLA_INFO_SLAVE_DATA"),
 "mpol_modes": ("include/uapi/linux/mempolicy.h (enum MPOL_*)", "enum", "MPOL_???", "dec",
   "MPOL_DEFAULT MPOL_PREFERRED MPOL_BIND MPOL_INTERLEAVE MPOL_LOCAL MPOL_PREFERRED_MANY"),
 "mpol_mode_flags": ("include/uapi/linux/mempolicy.h (MPOL_F_*)", "flags", "MPOL_???", "hex",
   "MPOL_F_STATIC_NODES MPOL_F_RELATIVE_NODES MPOL_F_NUMA_BALANCING"),
 "mbind_flags": ("include/uapi/linux/mempolicy.h (MPOL_MF_*)", "flags", "MPOL_???", "hex",
   "MPOL_MF_STRICT MPOL_MF_MOVE MPOL_MF_MOVE_ALL"),
 "route_nexthop_flags": ("include/uapi/linux/rtnetlink.h (RTNH_F_*)", "flags", "RTNH_F_???", "hex",
   "RTNH_F_DEAD RTNH_F_PERVASIVE RTNH_F_ONLINK RTNH_F_OFFLOAD RTNH_F_LINKDOWN RTNH_F_UNRESOLVED "
   "RTNH_F_TRAP"),
 "blkpg_ops": ("include/uapi/linux/blkpg.h (BLKPG_*)", "enum", "BLKPG_???", "dec",
   "BLKPG_ADD_PARTITION BLKPG_DEL_PARTITION BLKPG_RESIZE_PARTITION"),
 "rtnl_neightbl_attrs": ("include/uapi/linux/neighbour.h (enum NDTA_*)", "enum", "NDTA_???", "dec",
   "NDTA_UNSPEC NDTA_NAME NDTA_THRESH1 NDTA_THRESH2 NDTA_THRESH3 NDTA_CONFIG NDTA_PARMS NDTA_STATS "
   "NDTA_GC_INTERVAL NDTA_PAD"),
 "rtnl_neightbl_parms_attrs": ("include/uapi/linux/neighbour.h (enum NDTPA_*)", "enum", "NDTPA_???",
   "dec", "NDTPA_UNSPEC NDTPA_IFINDEX NDTPA_REFCNT NDTPA_REACHABLE_TIME NDTPA_BASE_REACHABLE_TIME "
   "NDTPA_RETRANS_TIME NDTPA_GC_STALETIME NDTPA_DELAY_PROBE_TIME NDTPA_QUEUE_LEN NDTPA_APP_PROBES "
   "NDTPA_UCAST_PROBES NDTPA_MCAST_PROBES NDTPA_ANYCAST_DELAY NDTPA_PROXY_DELAY NDTPA_PROXY_QLEN "
   "NDTPA_LOCKTIME NDTPA_QUEUE_LENBYTES NDTPA_MCAST_REPROBES NDTPA_PAD NDTPA_INTERVAL_PROBE_TIME_MS"),
 "nlmsgerr_attrs": ("include/uapi/linux/netlink.h (enum NLMSGERR_ATTR_*)", "enum",
   "NLMSGERR_ATTR_???", "dec", "NLMSGERR_ATTR_UNUSED NLMSGERR_ATTR_MSG NLMSGERR_ATTR_OFFS "
   "NLMSGERR_ATTR_COOKIE NLMSGERR_ATTR_POLICY NLMSGERR_ATTR_MISS_TYPE NLMSGERR_ATTR_MISS_NEST"),
 "rtnl_ifla_info_data_tun_attrs": ("include/uapi/linux/if_link.h (enum IFLA_TUN_*)", "enum",
   "IFLA_TUN_???", "dec", "IFLA_TUN_UNSPEC IFLA_TUN_OWNER IFLA_TUN_GROUP IFLA_TUN_TYPE IFLA_TUN_PI "
   "IFLA_TUN_VNET_HDR IFLA_TUN_PERSIST IFLA_TUN_MULTI_QUEUE IFLA_TUN_NUM_QUEUES "
   "IFLA_TUN_NUM_DISABLED_QUEUES"),
 "tun_device_types": ("include/uapi/linux/if_tun.h (IFF_TUN, IFF_TAP)", "enum", "IFF_???", "hex",
   "IFF_TUN IFF_TAP"),
 "rtnl_ifla_info_data_bridge_attrs": ("include/uapi/linux/if_link.h (enum IFLA_BR_*)", "enum",
   "IFLA_BR_???", "dec",
   "IFLA_BR_UNSPEC IFLA_BR_FORWARD_DELAY IFLA_BR_HELLO_TIME IFLA_BR_MAX_AGE IFLA_BR_AGEING_TIME "
   "IFLA_BR_STP_STATE IFLA_BR_PRIORITY IFLA_BR_VLAN_FILTERING IFLA_BR_VLAN_PROTOCOL "
   "IFLA_BR_GROUP_FWD_MASK IFLA_BR_ROOT_ID IFLA_BR_BRIDGE_ID IFLA_BR_ROOT_PORT IFLA_BR_ROOT_PATH_COST "
   "IFLA_BR_TOPOLOGY_CHANGE IFLA_BR_TOPOLOGY_CHANGE_DETECTED IFLA_BR_HELLO_TIMER IFLA_BR_TCN_TIMER "
   "IFLA_BR_TOPOLOGY_CHANGE_TIMER IFLA_BR_GC_TIMER IFLA_BR_GROUP_ADDR IFLA_BR_FDB_FLUSH "
   "IFLA_BR_MCAST_ROUTER IFLA_BR_MCAST_SNOOPING IFLA_BR_MCAST_QUERY_USE_IFADDR IFLA_BR_MCAST_QUERIER "
   "IFLA_BR_MCAST_HASH_ELASTICITY IFLA_BR_MCAST_HASH_MAX IFLA_BR_MCAST_LAST_MEMBER_CNT "
   "IFLA_BR_MCAST_STARTUP_QUERY_CNT IFLA_BR_MCAST_LAST_MEMBER_INTVL IFLA_BR_MCAST_MEMBERSHIP_INTVL "
   "IFLA_BR_MCAST_QUERIER_INTVL IFLA_BR_MCAST_QUERY_INTVL IFLA_BR_MCAST_QUERY_RESPONSE_INTVL "
   "IFLA_BR_MCAST_STARTUP_QUERY_INTVL IFLA_BR_NF_CALL_IPTABLES IFLA_BR_NF_CALL_IP6TABLES "
   "IFLA_BR_NF_CALL_ARPTABLES IFLA_BR_VLAN_DEFAULT_PVID IFLA_BR_PAD IFLA_BR_VLAN_STATS_ENABLED "
   "IFLA_BR_MCAST_STATS_ENABLED IFLA_BR_MCAST_IGMP_VERSION IFLA_BR_MCAST_MLD_VERSION "
   "IFLA_BR_VLAN_STATS_PER_PORT IFLA_BR_MULTI_BOOLOPT IFLA_BR_MCAST_QUERIER_STATE"),
 "rtnl_ifla_brport_attrs": ("include/uapi/linux/if_link.h (enum IFLA_BRPORT_*)", "enum",
   "IFLA_BRPORT_???", "dec",
   "IFLA_BRPORT_UNSPEC IFLA_BRPORT_STATE IFLA_BRPORT_PRIORITY IFLA_BRPORT_COST IFLA_BRPORT_MODE "
   "IFLA_BRPORT_GUARD IFLA_BRPORT_PROTECT IFLA_BRPORT_FAST_LEAVE IFLA_BRPORT_LEARNING "
   "IFLA_BRPORT_UNICAST_FLOOD IFLA_BRPORT_PROXYARP IFLA_BRPORT_LEARNING_SYNC IFLA_BRPORT_PROXYARP_WIFI "
   "IFLA_BRPORT_ROOT_ID IFLA_BRPORT_BRIDGE_ID IFLA_BRPORT_DESIGNATED_PORT IFLA_BRPORT_DESIGNATED_COST "
   "IFLA_BRPORT_ID IFLA_BRPORT_NO IFLA_BRPORT_TOPOLOGY_CHANGE_ACK IFLA_BRPORT_CONFIG_PENDING "
   "IFLA_BRPORT_MESSAGE_AGE_TIMER IFLA_BRPORT_FORWARD_DELAY_TIMER IFLA_BRPORT_HOLD_TIMER "
   "IFLA_BRPORT_FLUSH IFLA_BRPORT_MULTICAST_ROUTER IFLA_BRPORT_PAD IFLA_BRPORT_MCAST_FLOOD "
   "IFLA_BRPORT_MCAST_TO_UCAST IFLA_BRPORT_VLAN_TUNNEL IFLA_BRPORT_BCAST_FLOOD "
   "IFLA_BRPORT_GROUP_FWD_MASK IFLA_BRPORT_NEIGH_SUPPRESS IFLA_BRPORT_ISOLATED "
   "IFLA_BRPORT_BACKUP_PORT IFLA_BRPORT_MRP_RING_OPEN IFLA_BRPORT_MRP_IN_OPEN "
   "IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT IFLA_BRPORT_MCAST_EHT_HOSTS_CNT IFLA_BRPORT_LOCKED"),
 "rtnl_ifla_br_boolopt_flags": ("include/uapi/linux/if_bridge.h (enum br_boolopt_id, as bits)",
   "flags", "1<<BR_BOOLOPT_???", "hex",
   "1<<BR_BOOLOPT_NO_LL_LEARN=0x1 1<<BR_BOOLOPT_MCAST_VLAN_SNOOPING=0x2 1<<BR_BOOLOPT_MST_ENABLE=0x4"),
 "rtnl_ifla_br_mcast_querier_attrs": ("include/uapi/linux/if_bridge.h (enum BRIDGE_QUERIER_*)",
   "enum", "BRIDGE_QUERIER_???", "dec",
   "BRIDGE_QUERIER_UNSPEC=0 BRIDGE_QUERIER_IP_ADDRESS=1 BRIDGE_QUERIER_IP_PORT=2 "
   "BRIDGE_QUERIER_IP_OTHER_TIMER=3 BRIDGE_QUERIER_PAD=4 BRIDGE_QUERIER_IPV6_ADDRESS=5 "
   "BRIDGE_QUERIER_IPV6_PORT=6 BRIDGE_QUERIER_IPV6_OTHER_TIMER=7"),
 "ethernet_protocols": ("include/uapi/linux/if_ether.h (ETH_P_*; values as strace's .in gives them)",
   "enum", "ETHER_P_???", "hex",
   "ETH_P_802_3=0x0001 ETH_P_AX25=0x0002 ETH_P_ALL=0x0003 ETH_P_802_2=0x0004 "
   "ETH_P_SNAP=0x0005 ETH_P_DDCMP=0x0006 ETH_P_WAN_PPP=0x0007 ETH_P_PPP_MP=0x0008 "
   "ETH_P_LOCALTALK=0x0009 ETH_P_CAN=0x000C ETH_P_CANFD=0x000D ETH_P_CANXL=0x000E "
   "ETH_P_PPPTALK=0x0010 ETH_P_TR_802_2=0x0011 ETH_P_MOBITEX=0x0015 ETH_P_CONTROL=0x0016 "
   "ETH_P_IRDA=0x0017 ETH_P_ECONET=0x0018 ETH_P_HDLC=0x0019 ETH_P_ARCNET=0x001A "
   "ETH_P_DSA=0x001B ETH_P_TRAILER=0x001C ETH_P_LOOP=0x0060 ETH_P_PHONET=0x00F5 "
   "ETH_P_IEEE802154=0x00F6 ETH_P_CAIF=0x00F7 ETH_P_XDSA=0x00F8 ETH_P_MAP=0x00F9 "
   "ETH_P_MCTP=0x00FA ETH_P_PUP=0x0200 ETH_P_PUPAT=0x0201 ETH_P_802_3_MIN=0x0600 "
   "ETH_P_IP=0x0800 ETH_P_X25=0x0805 ETH_P_ARP=0x0806 ETH_P_BPQ=0x08FF ETH_P_IEEEPUP=0x0a00 "
   "ETH_P_IEEEPUPAT=0x0a01 ETH_P_ERSPAN2=0x22EB ETH_P_TSN=0x22F0 ETH_P_BATMAN=0x4305 "
   "ETH_P_DEC=0x6000 ETH_P_DNA_DL=0x6001 ETH_P_DNA_RC=0x6002 ETH_P_DNA_RT=0x6003 "
   "ETH_P_LAT=0x6004 ETH_P_DIAG=0x6005 ETH_P_CUST=0x6006 ETH_P_SCA=0x6007 ETH_P_TEB=0x6558 "
   "ETH_P_RARP=0x8035 ETH_P_ATALK=0x809B ETH_P_AARP=0x80F3 ETH_P_8021Q=0x8100 "
   "ETH_P_IPX=0x8137 ETH_P_IPV6=0x86DD ETH_P_PAUSE=0x8808 ETH_P_SLOW=0x8809 "
   "ETH_P_WCCP=0x883E ETH_P_MPLS_UC=0x8847 ETH_P_MPLS_MC=0x8848 ETH_P_ATMMPOA=0x884c "
   "ETH_P_PPP_DISC=0x8863 ETH_P_PPP_SES=0x8864 ETH_P_LINK_CTL=0x886c ETH_P_ATMFATE=0x8884 "
   "ETH_P_PAE=0x888E ETH_P_REALTEK=0x8899 ETH_P_AOE=0x88A2 ETH_P_8021AD=0x88A8 "
   "ETH_P_802_EX1=0x88B5 ETH_P_ERSPAN=0x88BE ETH_P_PREAUTH=0x88C7 ETH_P_TIPC=0x88CA "
   "ETH_P_LLDP=0x88CC ETH_P_MRP=0x88E3 ETH_P_MACSEC=0x88E5 ETH_P_8021AH=0x88E7 "
   "ETH_P_MVRP=0x88F5 ETH_P_1588=0x88F7 ETH_P_NCSI=0x88F8 ETH_P_PRP=0x88FB ETH_P_CFM=0x8902 "
   "ETH_P_FCOE=0x8906 ETH_P_TDLS=0x890D ETH_P_FIP=0x8914 ETH_P_IBOE=0x8915 "
   "ETH_P_80221=0x8917 ETH_P_HSR=0x892F ETH_P_NSH=0x894F ETH_P_LOOPBACK=0x9000 "
   "ETH_P_QINQ1=0x9100 ETH_P_QINQ2=0x9200 ETH_P_QINQ3=0x9300 ETH_P_EDSA=0xDADA "
   "ETH_P_DSA_8021Q=0xDADB ETH_P_DSA_A5PSW=0xE001 ETH_P_IFE=0xED3E ETH_P_AF_IUCV=0xFBFB"),
}

def main():
    out_dir = os.path.join("syscall-tables", "xlat")
    for stem, (src, kind, unknown, fmt, names) in TABLES.items():
        entries = [(n, lit) for n, _, lit in (t.partition("=") for t in names.split())]
        prog = "".join(f"#include <{i}>\n" for i in INCS) + "#include <stdio.h>\nint main(void){\n"
        for name, lit in entries:
            if not lit:
                prog += f'printf("%llu\\n", (unsigned long long)({name}));\n'
        prog += "return 0;}\n"
        with tempfile.TemporaryDirectory() as td:
            c = os.path.join(td, "x.c")
            with open(c, "w") as f:
                f.write(prog)
            subprocess.run(["gcc", "-o", os.path.join(td, "x"), c], check=True)
            got = iter(subprocess.run([os.path.join(td, "x")], check=True, capture_output=True,
                                      text=True).stdout.split())
        lines = [f"# source: {src} (names in strace 6.1's src/xlat/{stem}.in order)", f"# kind: {kind}"]
        if unknown:
            lines.append(f"# unknown: {unknown}")
        for name, lit in entries:
            v = int(lit, 0) if lit else int(next(got))
            lines.append(f"{name}\t{hex(v) if fmt == 'hex' else v}")
        with open(os.path.join(out_dir, stem + ".tsv"), "w") as f:
            f.write("\n".join(lines) + "\n")
    print(f"wrote {len(TABLES)} tables")

if __name__ == "__main__":
    main()
