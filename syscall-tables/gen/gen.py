#!/usr/bin/env python3
"""Regenerates syscall-tables/{x86_64,i386,i386_socketcall,i386_ipc,aarch64,x32}.tsv.

The build reads only the .tsv files; this script is how they were made.

Inputs (all paths overridable, see --help):
  * x86_64 argument names and C types: the kernel's tracefs syscall events
    (/sys/kernel/tracing/events/syscalls/sys_enter_*/format). They are
    snapshotted into gen/tracefs-x86_64.txt, so regenerating on a machine
    without tracefs works from the snapshot (--snapshot refreshes it).
  * Numbers: /usr/include/x86_64-linux-gnu/asm/unistd_{64,32,x32}.h
    (linux-libc-dev), and the `syscalls` crate's
    src/arch/{x86_64,x86,aarch64}.rs for numbers newer than the installed
    headers (the two must agree where both have a name). The crate's source
    is the version Cargo.lock pins, in cargo's registry ($CARGO_HOME, else
    ~/.cargo), where any cargo build of this repository puts it (--crate
    names another copy).
  * Classes: gen/strace-classes.tsv (strace's trace-class membership).
  * Kinds: every kind written must be a variant of ArgKind in src/kinds.rs.

Output: the repository's syscall-tables/, or --out DIR (tests/generators.rs
writes into a temporary one and compares).

Argument kinds come from rules on (C type, argument name), then from the
per-syscall OVERRIDES below; calls with no tracefs event (or whose ABI
differs on an arch) get a hand-written signature from the MANUAL tables,
written from the kernel's prototypes.
"""

import argparse
import glob
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TABLES = os.path.dirname(HERE)
ROOT = os.path.dirname(TABLES)

TRACEFS = "/sys/kernel/tracing/events/syscalls"
SNAPSHOT = os.path.join(HERE, "tracefs-x86_64.txt")
UNISTD = "/usr/include/x86_64-linux-gnu/asm/unistd_{}.h"
CARGO_HOME = os.environ.get("CARGO_HOME") or os.path.expanduser("~/.cargo")
# Set by main(): the syscalls crate's source and the output directory.
CRATE_DIR = None
OUT_DIR = TABLES

X32_BIT = 0x40000000

# Output order of classes in the tsv, and strace shorthand -> our name.
CLASS_ORDER = ["file", "network", "process", "signal", "ipc", "desc",
               "memory", "creds", "clock", "stat", "lstat", "fstat",
               "stat_like", "statfs", "fstatfs", "statfs_like", "pure"]
SHORTHAND = {"TF": "file", "TN": "network", "TP": "process", "TS": "signal",
             "TI": "ipc", "TD": "desc", "TM": "memory", "TC": "creds",
             "TCL": "clock", "TST": "stat", "TLST": "lstat", "TFST": "fstat",
             "TSTA": "stat_like", "TSF": "statfs", "TFSF": "fstatfs",
             "TSFA": "statfs_like", "PU": "pure"}

# tracefs event name -> syscall name, where the kernel's SYSCALL_DEFINE name
# differs from the x86_64 table name.
TRACEFS_ALIAS = {"newfstat": "fstat", "newstat": "stat", "newlstat": "lstat",
                 "newuname": "uname", "sendfile64": "sendfile",
                 "umount": "umount2"}

# --------------------------------------------------------------------------
# Rules: (C type, argument name) -> kind.

FD_NAMES = {"fd", "oldfd", "newfd", "fd_in", "fd_out", "fdin", "fdout",
            "in_fd", "out_fd", "epfd", "ufd", "fanotify_fd", "fs_fd", "pidfd",
            "ruleset_fd", "group_fd", "mqdes", "fildes", "mountdirfd"}
DIRFD_NAMES = {"dfd", "olddfd", "newdfd", "from_dfd", "to_dfd", "dirfd"}
PATH_NAMES = {"filename", "pathname", "oldname", "newname", "path",
              "new_root", "put_old", "specialfile", "special",
              "from_pathname", "to_pathname", "dir_name", "library"}
ADDR_NAMES = {"addr", "start", "brk", "new_addr", "newsp", "tls", "shmaddr"}
HEX_NAMES = {"flags", "mask", "at_flags", "attr_flags", "event_f_flags",
             "clone_flags", "unshare_flags", "swap_flags", "prot", "mode",
             "magic1", "magic2"}
# Non-const pointer types the kernel only writes.
OUT_TYPES = {"struct stat *", "struct statfs *", "struct statx *",
             "struct rusage *", "struct new_utsname *", "struct sysinfo *",
             "struct tms *", "struct linux_dirent *",
             "struct linux_dirent64 *", "struct ustat *",
             "struct statmount *", "struct cachestat *",
             "__kernel_old_time_t *", "uid_t *", "gid_t *", "unsigned *",
             "aio_context_t *", "struct io_event *", "timer_t *", "u64 *",
             "struct __kernel_old_itimerval *", "struct sigaction *",
             "struct siginfo *", "stack_t *", "size_t *",
             "struct robust_list_head * *", "unsigned char *",
             "struct file_handle *", "unsigned int *"}
# C int-sized signed types: strace prints the low 32 bits sign-extended.
INT_TYPES = {"int", "pid_t", "key_t", "timer_t", "key_serial_t", "__s32",
             "const int", "const enum landlock_rule_type"}
# C long-sized signed types: the whole register.
LONG_TYPES = {"long", "loff_t", "off_t"}
# C unsigned int-sized types: strace prints the low 32 bits.
# qid_t: strace prints quotactl's id with %u.
UINT_TYPES = {"unsigned int", "u32", "unsigned", "const __u32", "qid_t"}
# C unsigned long-sized types: the whole register.
ULONG_TYPES = {"unsigned long", "size_t", "const size_t", "__u64"}
# Types as wide as the register, for the hex kinds: a mask of one of these
# is printed whole (hex_long); any narrower one by its low 32 bits (hex).
WIDE_TYPES = LONG_TYPES | ULONG_TYPES | {"aio_context_t"}


def sized(kind, ctype):
    """A width-neutral kind (`hex`, `uint`) made as wide as the C type: an
    override names how to print an argument, the type how much of the
    register counts."""
    if ctype in WIDE_TYPES:
        return {"hex": "hex_long", "uint": "ulong"}.get(kind, kind)
    return kind


def rule_kind(ctype, name):
    """The kind a bare (type, name) pair gets before overrides."""
    ptr = ctype.endswith("*") or ctype.endswith("*const")
    if not ptr:
        if name in FD_NAMES or ctype == "mqd_t":
            return "fd"
        if name in DIRFD_NAMES:
            return "dirfd"
        if ctype == "umode_t":
            return "mode"
        if "clockid_t" in ctype or name == "which_clock":
            return "clockid"
        if name in ("sig", "signo") and ctype == "int":
            return "signal"
        if name in ADDR_NAMES and ctype == "unsigned long":
            return "ptr"
        if name in HEX_NAMES or name.endswith("_flags") \
                or ctype in ("rwf_t", "aio_context_t", "__u64"):
            return sized("hex", ctype)
        if ctype in ("uid_t", "gid_t"):
            # strace's printuid: -1 as -1, any other id unsigned.
            return "uid"
        if ctype in INT_TYPES:
            return "int"
        if ctype in LONG_TYPES:
            return "long"
        if ctype in UINT_TYPES:
            return "uint"
        if ctype in ULONG_TYPES:
            return "ulong"
        if ctype in ("cap_user_header_t", "cap_user_data_t",
                     "const cap_user_data_t"):
            return "ptr"
        raise SystemExit(f"no rule for scalar {ctype!r} {name!r}")
    if ctype == "const char *":
        return "path" if name in PATH_NAMES else "str"
    if ctype == "char *":
        return "path" if name in PATH_NAMES else "out_ptr"
    if ctype == "const struct __kernel_timespec *":
        return "timespec_in"
    if ctype == "const char *const *":
        return "argv" if name == "argv" else "envp"
    if ctype in OUT_TYPES:
        return "out_ptr"
    return "ptr"


# --------------------------------------------------------------------------
# Per-syscall kind overrides (argument name -> kind), applied on every arch
# that shares the signature.

OVERRIDES = {
    # open family
    # strace prints open's mode only with O_CREAT or O_TMPFILE.
    "open": {"flags": "open_flags", "mode": "open_mode:1"},
    "openat": {"flags": "open_flags", "mode": "open_mode:2"},
    "creat": {"mode": "mode"},
    "openat2": {"how": "open_how:3", "usize": "uint"},
    # stat family
    "stat": {"statbuf": "out_ptr"},
    "lstat": {"statbuf": "out_ptr"},
    "fstat": {"statbuf": "out_ptr"},
    "newfstatat": {"flag": "at_flags"},
    "statx": {"flags": "statx_flags", "mask": "statx_mask", "buffer": "out_ptr"},
    "statfs": {"buf": "out_ptr"},
    "fstatfs": {"buf": "out_ptr"},
    # access family
    "access": {"mode": "access_mode"},
    "faccessat": {"mode": "access_mode"},
    "faccessat2": {"mode": "access_mode", "flags": "faccessat_flags"},
    # *at and path calls
    "unlinkat": {"flag": "at_flags"},
    "linkat": {"flags": "at_flags"},
    "renameat2": {"flags": "rename_flags"},
    "mkdir": {"mode": "mode"},
    "mkdirat": {"mode": "mode"},
    # strace names the file type only for mknod; chmod, mkdir, umask and
    # the rest print the mode in octal, type bits and all.
    "mknod": {"mode": "mknod_mode", "dev": "mknod_dev:1"},
    "mknodat": {"mode": "mknod_mode", "dev": "mknod_dev:2"},
    "chmod": {"mode": "mode"},
    "fchmod": {"mode": "mode"},
    "fchmodat": {"mode": "mode"},
    "fchmodat2": {"mode": "mode", "flags": "at_flags"},
    "fchownat": {"flag": "at_flags"},
    "utimensat": {"flags": "at_flags", "utimes": "utimens_times"},
    "futimesat": {"utimes": "utimes_times"},
    "readlink": {"buf": "out_ptr", "bufsiz": "ulong"},
    "readlinkat": {"buf": "out_ptr", "bufsiz": "ulong"},
    "getcwd": {"buf": "out_ptr"},
    "truncate": {"length": "long"},
    "ftruncate": {"length": "long"},
    "umask": {"mask": "mode"},
    "mount": {"dev_name": "path", "dir_name": "path",
              "type": "mount_type:3", "flags": "mount_flags",
              "data": "mount_data:3"},
    "umount2": {"name": "path", "flags": "umount_flags"},
    "acct": {"name": "path"},
    "open_tree": {"flags": "hex"},
    # strace prints execveat's fd as a directory fd (AT_FDCWD).
    "execveat": {"fd": "dirfd", "flags": "at_flags"},
    "inotify_add_watch": {"mask": "inotify_mask"},
    # xattr
    "setxattr": {"name": "str", "value": "buf_in:3", "flags": "xattr_flags"},
    "lsetxattr": {"name": "str", "value": "buf_in:3", "flags": "xattr_flags"},
    "fsetxattr": {"name": "str", "value": "buf_in:3", "flags": "xattr_flags"},
    "getxattr": {"name": "str", "value": "out_ptr"},
    "lgetxattr": {"name": "str", "value": "out_ptr"},
    "fgetxattr": {"name": "str", "value": "out_ptr"},
    "listxattr": {"list": "out_ptr"},
    "llistxattr": {"list": "out_ptr"},
    "flistxattr": {"list": "out_ptr"},
    "setxattrat": {"at_flags": "at_flags", "name": "str"},
    "getxattrat": {"at_flags": "at_flags", "name": "str"},
    "listxattrat": {"at_flags": "at_flags", "list": "out_ptr"},
    "removexattrat": {"at_flags": "at_flags", "name": "str"},
    # read/write
    "read": {"buf": "out_ptr"},
    "write": {"buf": "buf_in:2"},
    "pread64": {"buf": "out_ptr", "pos": "long"},
    "pwrite64": {"buf": "buf_in:2", "pos": "long"},
    "readv": {"vec": "iovec_out:2"},
    "writev": {"vec": "iovec_in:2"},
    # On 64-bit ABIs pos_l holds the whole offset; strace prints it alone.
    "preadv": {"vec": "iovec_out:2", "pos_l": "long", "pos_h": "omitted"},
    "pwritev": {"vec": "iovec_in:2", "pos_l": "long", "pos_h": "omitted"},
    "preadv2": {"vec": "iovec_out:2", "pos_l": "long", "pos_h": "omitted",
                "flags": "rwf_flags"},
    "pwritev2": {"vec": "iovec_in:2", "pos_l": "long", "pos_h": "omitted",
                 "flags": "rwf_flags"},
    "process_vm_readv": {"lvec": "ptr", "rvec": "ptr"},
    "process_vm_writev": {"lvec": "ptr", "rvec": "ptr"},
    "vmsplice": {"uiov": "ptr", "flags": "splice_flags"},
    "tee": {"flags": "splice_flags"},
    "sync_file_range": {"flags": "sync_file_range_flags"},
    "fallocate": {"mode": "fallocate_mode"},
    "lseek": {"offset": "long", "whence": "whence"},
    "fadvise64": {"offset": "long", "len": "long", "advice": "fadvise_advice"},
    "getdents": {"dirent": "out_ptr"},
    "getdents64": {"dirent": "out_ptr"},
    # descriptors
    "dup3": {"flags": "pipe_flags"},
    "fcntl": {"cmd": "fcntl_cmd", "arg": "fcntl_arg:1"},
    "ioctl": {"cmd": "ioctl_request", "arg": "ioctl_arg:1"},
    "membarrier": {"cmd": "membarrier_cmd", "flags": "membarrier_flags",
                   "cpu_id": "membarrier_cpu:1"},
    "personality": {"personality": "personality"},
    "ioprio_set": {"which": "ioprio_who", "ioprio": "ioprio_value"},
    "ioprio_get": {"which": "ioprio_who"},
    "pipe": {"fildes": "int_pair_out"},
    "pipe2": {"fildes": "int_pair_out", "flags": "pipe_flags"},
    "flock": {"cmd": "flock_op"},
    "eventfd2": {"flags": "eventfd_flags"},
    "epoll_create1": {"flags": "epoll_flags"},
    "epoll_ctl": {"op": "epoll_ctl_op", "event": "epoll_event:1"},
    "inotify_init1": {"flags": "inotify_init_flags"},
    "signalfd4": {"user_mask": "sigset_in:2", "flags": "signalfd_flags"},
    "signalfd": {"user_mask": "sigset_in:2"},
    "timerfd_create": {"clockid": "clockid"},
    "memfd_create": {"uname": "str", "flags": "memfd_flags"},
    "close_range": {"fd": "fd", "max_fd": "uint", "flags": "close_range_flags"},
    # network
    "socket": {"family": "sock_domain", "type": "sock_type",
               "protocol": "sock_proto:0"},
    "socketpair": {"family": "sock_domain", "type": "sock_type",
                   # strace prints socketpair's protocol as a bare number.
                   "protocol": "ulong", "usockvec": "int_pair_out"},
    "connect": {"uservaddr": "sockaddr_in:2", "addrlen": "int"},
    "bind": {"umyaddr": "sockaddr_in:2", "addrlen": "int"},
    # In/out lengths print their input side (`[128]`); strace adds the
    # output side at exit.
    "accept": {"upeer_sockaddr": "sockaddr_out",
               "upeer_addrlen": "socklen_in_out:1"},
    "accept4": {"upeer_sockaddr": "sockaddr_out",
                "upeer_addrlen": "socklen_in_out:1", "flags": "sock_flags"},
    "getsockname": {"usockaddr": "sockaddr_out",
                    "usockaddr_len": "socklen_in_out:1"},
    "getpeername": {"usockaddr": "sockaddr_out",
                    "usockaddr_len": "socklen_in_out:1"},
    "sendto": {"buff": "sock_buf:2", "len": "uint", "flags": "msg_flags",
               "addr": "sockaddr_in:5", "addr_len": "int"},
    "recvfrom": {"ubuf": "out_ptr", "flags": "msg_flags",
                 "addr": "sockaddr_out", "addr_len": "socklen_in_out:4"},
    "sendmsg": {"msg": "msghdr_in", "flags": "msg_flags"},
    "recvmsg": {"msg": "msghdr_in_out", "flags": "msg_flags"},
    "sendmmsg": {"mmsg": "mmsghdr_in:2", "flags": "msg_flags"},
    "recvmmsg": {"mmsg": "out_ptr", "flags": "msg_flags",
                 "timeout": "timespec_in"},
    "setsockopt": {"level": "sockopt_level", "optname": "sockopt_name:1",
                   "optval": "sockopt_val:4", "optlen": "int"},
    "getsockopt": {"level": "sockopt_level", "optname": "sockopt_name:1",
                   "optval": "out_ptr", "optlen": "optlen_in_out"},
    "shutdown": {"how": "shutdown_how"},
    "listen": {"backlog": "int"},
    # process
    "execve": {"filename": "path", "argv": "argv", "envp": "envp"},
    # strace's labels and order: child_stack=, flags=, then the pointers
    # the flags make meaningful.
    "clone": {"clone_flags": "clone_call_flags:1", "newsp": "clone_stack",
              "parent_tidptr": "clone_parent_tid:0",
              "child_tidptr": "clone_child_tid:0", "tls": "clone_tls:0"},
    "clone3": {"uargs": "clone_args:1", "size": "uint"},
    "kill": {"sig": "signal"},
    "tkill": {"sig": "signal"},
    "tgkill": {"sig": "signal"},
    "pidfd_send_signal": {"sig": "signal", "info": "ptr"},
    "rt_sigqueueinfo": {"sig": "signal", "uinfo": "ptr"},
    "rt_tgsigqueueinfo": {"sig": "signal", "uinfo": "ptr"},
    "wait4": {"stat_addr": "out_ptr", "options": "wait_options",
              "ru": "out_ptr"},
    "waitid": {"which": "waitid_idtype", "infop": "out_ptr",
               "options": "wait_options",
               "ru": "out_ptr"},
    "exit": {"error_code": "int"},
    "exit_group": {"error_code": "int"},
    "prctl": {"option": "prctl_option", "arg2": "prctl_arg",
              "arg3": "prctl_arg", "arg4": "prctl_arg", "arg5": "prctl_arg"},
    "arch_prctl": {"option": "arch_prctl_code", "arg2": "hex"},
    "ptrace": {"request": "ptrace_request", "pid": "ptrace_arg",
               "addr": "ptrace_arg", "data": "ptrace_arg"},
    "rseq": {"rseq": "ptr", "rseq_len": "hex", "flags": "hex", "sig": "hex"},
    "unshare": {"unshare_flags": "clone_flags"},
    "setns": {"flags": "clone_flags"},
    "set_tid_address": {"tidptr": "ptr"},
    # memory
    "mmap": {"addr": "ptr", "len": "uint", "prot": "mmap_prot",
             "flags": "mmap_flags", "fd": "fd", "off": "hex"},
    "mprotect": {"start": "ptr", "len": "uint", "prot": "mmap_prot"},
    "pkey_mprotect": {"start": "ptr", "len": "uint", "prot": "mmap_prot"},
    "munmap": {"addr": "ptr", "len": "uint"},
    "madvise": {"start": "ptr", "len_in": "uint", "behavior": "madvise_advice"},
    "process_madvise": {"vec": "ptr", "behavior": "madvise_advice"},
    "mremap": {"addr": "ptr", "old_len": "uint", "new_len": "uint",
               "flags": "mremap_flags", "new_addr": "mremap_new_addr:3"},
    "brk": {"brk": "ptr"},
    "msync": {"start": "ptr", "flags": "msync_flags"},
    "mlock2": {"flags": "mlock2_flags"},
    "mlock": {"start": "ptr"},
    "munlock": {"start": "ptr"},
    "mincore": {"start": "ptr", "vec": "out_ptr"},
    # signals
    "rt_sigaction": {"sig": "signal", "act": "sigaction_in", "oact": "out_ptr",
                     "sigsetsize": "uint"},
    "rt_sigprocmask": {"how": "sigprocmask_how", "nset": "sigset_in:3",
                       "oset": "out_ptr", "sigsetsize": "uint"},
    "rt_sigsuspend": {"unewset": "sigset_in:1"},
    "rt_sigpending": {"uset": "out_ptr"},
    "rt_sigtimedwait": {"uthese": "sigset_in:3", "uinfo": "out_ptr"},
    "sigaltstack": {"uss": "stack_in", "uoss": "out_ptr"},
    # time
    "nanosleep": {"rqtp": "timespec_in", "rmtp": "out_ptr"},
    "clock_nanosleep": {"which_clock": "clockid", "flags": "timer_settime_flags",
                        "rqtp": "timespec_in", "rmtp": "out_ptr"},
    "clock_gettime": {"which_clock": "clockid", "tp": "out_ptr"},
    "clock_getres": {"which_clock": "clockid", "tp": "out_ptr"},
    "clock_settime": {"which_clock": "clockid", "tp": "timespec_in"},
    "clock_adjtime": {"which_clock": "clockid", "utx": "ptr"},
    "gettimeofday": {"tv": "out_ptr", "tz": "out_ptr"},
    "settimeofday": {"tv": "ptr", "tz": "ptr"},
    "timer_create": {"which_clock": "clockid",
                     "timer_event_spec": "sigevent_in"},
    "timer_settime": {"flags": "timer_settime_flags",
                      "new_setting": "itimerspec_in",
                      "old_setting": "out_ptr"},
    "timerfd_settime": {"flags": "timerfd_settime_flags",
                        "utmr": "itimerspec_in", "otmr": "out_ptr"},
    "poll": {"ufds": "pollfds:1"},
    "ppoll": {"ufds": "pollfds:1", "tsp": "timespec_in",
              "sigmask": "sigset_in:4"},
    "pselect6": {"inp": "fd_set:0", "outp": "fd_set:0", "exp": "fd_set:0",
                 "tsp": "timespec_in", "sig": "pselect_sig"},
    "futex": {"uaddr": "ptr", "op": "futex_op", "val": "futex_arg",
              "utime": "futex_arg", "uaddr2": "futex_arg", "val3": "futex_arg"},
    "epoll_pwait": {"events": "out_ptr", "sigmask": "sigset_in:5"},
    "epoll_pwait2": {"events": "out_ptr", "timeout": "timespec_in",
                     "sigmask": "sigset_in:5"},
    "epoll_wait": {"events": "out_ptr"},
    "select": {"inp": "fd_set:0", "outp": "fd_set:0", "exp": "fd_set:0",
               "tvp": "timeval_in"},
    # misc
    "getrlimit": {"resource": "rlimit_resource", "rlim": "out_ptr"},
    "setrlimit": {"resource": "rlimit_resource", "rlim": "rlimit_in"},
    "prlimit64": {"resource": "rlimit_resource", "new_rlim": "rlimit64_in",
                  "old_rlim": "out_ptr"},
    "getrandom": {"ubuf": "out_ptr", "flags": "getrandom_flags"},
    "getitimer": {"which": "itimer_which", "value": "out_ptr"},
    "setitimer": {"which": "itimer_which", "value": "itimerval_in",
                  "ovalue": "out_ptr"},
    "sethostname": {"name": "buf_in:1"},
    "setdomainname": {"name": "buf_in:1"},
    "uname": {"name": "out_ptr"},
    "sysinfo": {"info": "out_ptr"},
    "getgroups": {"grouplist": "out_ptr"},
    "setgroups": {"grouplist": "gid_list:0"},
    "getresuid": {"ruidp": "out_ptr", "euidp": "out_ptr", "suidp": "out_ptr"},
    "getresgid": {"rgidp": "out_ptr", "egidp": "out_ptr", "sgidp": "out_ptr"},
    "capget": {"header": "cap_header", "dataptr": "out_ptr"},
    "capset": {"header": "cap_header", "data": "cap_data:0"},
    "sched_getaffinity": {"user_mask_ptr": "out_ptr"},
    "sched_setaffinity": {"user_mask_ptr": "cpu_set:1"},
    "sched_setscheduler": {"policy": "sched_policy", "param": "sched_param"},
    "sched_setparam": {"param": "sched_param"},
    "sched_get_priority_max": {"policy": "sched_policy"},
    "sched_get_priority_min": {"policy": "sched_policy"},
    "sched_getparam": {"param": "out_ptr"},
    "mq_timedsend": {"u_msg_ptr": "buf_in:2"},
    "mq_timedreceive": {"u_msg_ptr": "out_ptr", "u_msg_prio": "out_ptr"},
    "mq_open": {"u_name": "str", "oflag": "open_flags", "mode": "mq_mode:1",
                "u_attr": "mq_attr:1"},
    "mq_unlink": {"u_name": "str"},
    "semop": {"tsops": "sembufs:2"},
    "semtimedop": {"tsops": "sembufs:2"},
    "semget": {"key": "ipc_key", "semflg": "ipc_get_flags"},
    "semctl": {"cmd": "semctl_cmd", "arg": "semctl_arg:2"},
    "shmget": {"key": "ipc_key", "size": "ulong", "shmflg": "shmget_flags"},
    "shmat": {"shmaddr": "ptr", "shmflg": "shmat_flags"},
    "shmdt": {"shmaddr": "ptr"},
    "shmctl": {"cmd": "shmctl_cmd", "buf": "shmctl_buf:1"},
    "msgget": {"key": "ipc_key", "msgflg": "ipc_get_flags"},
    "msgctl": {"cmd": "msgctl_cmd", "buf": "msgctl_buf:1"},
    "msgsnd": {"msgp": "msgbuf:2", "msgflg": "ipc_msg_flags"},
    "msgrcv": {"msgp": "out_ptr", "msgflg": "ipc_msg_flags"},
    "splice": {"off_in": "ptr", "off_out": "ptr", "flags": "splice_flags"},
    "getrusage": {"who": "rusage_who"},
    "getpriority": {"which": "priority_which"},
    "setpriority": {"which": "priority_which"},
    "copy_file_range": {"off_in": "ptr", "off_out": "ptr"},
    "sendfile": {"offset": "ptr"},
    "io_uring_enter": {"argp": "ptr"},
    "bpf": {"uattr": "ptr"},
    "seccomp": {"op": "seccomp_op", "flags": "seccomp_flags:0",
                "uargs": "seccomp_args:0"},
    "sched_setattr": {"uattr": "sched_attr", "flags": "uint"},
    "sched_getattr": {"uattr": "out_ptr"},
    "fanotify_mark": {"mask": "hex"},
    "statmount": {"req": "ptr", "buf": "out_ptr"},
    "listmount": {"req": "ptr", "mnt_ids": "out_ptr"},
    "lsm_get_self_attr": {"ctx": "out_ptr", "size": "ptr"},
    "lsm_set_self_attr": {"ctx": "ptr"},
    "lsm_list_modules": {"ids": "out_ptr", "size": "ptr"},
    "cachestat": {"cstat_range": "ptr"},
    "file_getattr": {"ufattr": "out_ptr", "at_flags": "at_flags"},
    "file_setattr": {"ufattr": "ptr", "at_flags": "at_flags"},
    "open_tree_attr": {"flags": "hex", "uattr": "ptr"},
    "get_robust_list": {"len_ptr": "out_ptr"},
    "io_setup": {"ctxp": "out_ptr"},
    "getcpu": {"unused": "ptr"},
    # struct-shaped inputs the args_sweep measurement showed strace decodes
    "io_cancel": {"iocb": "iocb_header"},
    "io_submit": {"iocbpp": "iocb_ptrs:1"},
    "modify_ldt": {"ptr": "user_desc_sized:2"},
    "mq_getsetattr": {"u_mqstat": "mq_attr_in", "u_omqstat": "out_ptr"},
    "perf_event_open": {"attr_uptr": "perf_event_attr"},
    "io_pgetevents": {"usig": "pselect_sig"},
    "io_uring_setup": {"params": "io_uring_params"},
    "landlock_create_ruleset": {"attr": "landlock_ruleset_attr:1"},
    "landlock_add_rule": {"rule_attr": "landlock_rule_attr:1"},
    "mount_setattr": {"flags": "mount_setattr_flags", "uattr": "mount_attr:4"},
    "open_by_handle_at": {"handle": "file_handle", "flags": "open_flags"},
    "name_to_handle_at": {"name": "path",
                          "flag": "name_to_handle_at_flags",
                          "mnt_id": "out_ptr",
                          "handle": "file_handle_in_out"},
    # NUMA memory policies: modes with MPOL_F_* flags, node masks.
    "set_mempolicy": {"mode": "mpol_mode", "nmask": "nodemask:2"},
    "mbind": {"mode": "mpol_mode_long", "nmask": "nodemask:4",
              "flags": "mbind_flags"},
    "migrate_pages": {"old_nodes": "nodemask:1", "new_nodes": "nodemask:1"},
    "get_mempolicy": {"policy": "out_ptr", "nmask": "out_ptr"},
    "add_key": {"ringid": "key_serial"},
    "request_key": {"destringid": "key_serial"},
    "keyctl": {"option": "keyctl_cmd", "arg2": "keyctl_arg",
               "arg3": "keyctl_arg", "arg4": "keyctl_arg",
               "arg5": "keyctl_arg"},
}

# Argument kinds the args_sweep measurement (tests/strace_diff.rs) showed
# strace decodes; merged into OVERRIDES argument by argument.
SWEEP_OVERRIDES = {
    "mlockall": {"flags": "mlockall_flags"},
    "userfaultfd": {"flags": "uffd_flags"},
    "kcmp": {"type": "kcmp_type", "idx1": "hex_long", "idx2": "hex_long"},
    "bpf": {"cmd": "bpf_cmd"},
    "syslog": {"type": "syslog_action"},
    "pidfd_open": {"flags": "pidfd_open_flags"},
    "fsopen": {"flags": "fsopen_flags"},
    "fsmount": {"flags": "fsmount_flags", "attr_flags": "fsmount_attr_flags"},
    "fspick": {"flags": "fspick_flags"},
    "open_tree": {"flags": "open_tree_flags"},
    "move_mount": {"flags": "move_mount_flags"},
    "fsconfig": {"cmd": "fsconfig_cmd"},
    "pkey_alloc": {"init_val": "pkey_access_rights"},
    "perf_event_open": {"flags": "perf_event_open_flags"},
    "landlock_create_ruleset": {"flags": "landlock_create_flags"},
    "landlock_add_rule": {"rule_type": "landlock_rule_type"},
    "get_mempolicy": {"flags": "mempolicy_flags"},
    "memfd_secret": {"flags": "memfd_secret_flags"},
    "timerfd_create": {"flags": "timerfd_create_flags"},
    "io_uring_enter": {"flags": "io_uring_enter_flags"},
    "sendfile": {"offset": "int64_ptr"},
    "splice": {"off_in": "int64_ptr", "off_out": "int64_ptr"},
    "copy_file_range": {"off_in": "int64_ptr", "off_out": "int64_ptr",
                        "flags": "uint"},
    "truncate": {"length": "ulong"},
    "ftruncate": {"length": "ulong"},
    "close_range": {"fd": "uint"},
    "sched_getattr": {"flags": "uint"},
    "rseq": {"rseq": "ptr", "rseq_len": "hex_long", "flags": "hex",
             "sig": "hex"},
    "process_vm_readv": {"lvec": "iovec_out:2", "rvec": "iovec_out:4",
                         "flags": "ulong"},
    "process_vm_writev": {"lvec": "iovec_out:2", "rvec": "iovec_out:4",
                          "flags": "ulong"},
    "utimes": {"utimes": "utimes_times"},
    "mq_notify": {"u_notification": "sigevent_in"},
    "add_key": {"_payload": "buf_in:3"},
    "vmsplice": {"uiov": "iovec_in:2"},
    "io_getevents": {"timeout": "timespec_in"},
    "io_pgetevents": {"timeout": "timespec_in"},
    # strace prints every argument of this in hex (printargs).
    "dup3": {"flags": "dup3_flags"},
    "quotactl": {"cmd": "quotactl_cmd"},
    "quotactl_fd": {"cmd": "quotactl_cmd"},
    "swapon": {"swap_flags": "swap_flags"},
    "fanotify_init": {"flags": "fan_init_flags", "event_f_flags": "open_flags"},
    "fanotify_mark": {"flags": "fan_mark_flags", "mask": "fan_event_mask"},
    "utime": {"times": "utimbuf"},
    "process_madvise": {"vec": "iovec_out:2"},
    "ustat": {"dev": "dev"},
    "io_uring_register": {"opcode": "io_uring_register_op"},
    "sysfs": {"option": "hex_long", "arg1": "hex_long", "arg2": "hex_long"},
}
for _name, _kinds in SWEEP_OVERRIDES.items():
    OVERRIDES.setdefault(_name, {}).update(_kinds)

# --------------------------------------------------------------------------
# Hand-written signatures (name:kind ...), from the kernel's prototypes, for
# calls with no tracefs event on the reference machine.

MANUAL_COMMON = {
    "_sysctl": "args:sysctl_args",
    "create_module": "name:str size:ulong",
    "get_kernel_syms": "table:ptr",
    "query_module": "name:str which:int buf:out_ptr bufsize:ulong ret:out_ptr",
    "init_module": "umod:ptr len:ulong uargs:str",
    "finit_module": "fd:fd uargs:str flags:hex",
    "delete_module": "name_user:str flags:hex",
    # strace prints every argument of these in hex (printargs).
    "nfsservctl": "cmd:hex_long argp:hex_long resp:hex_long",
    "getpmsg": ("fd:hex_long ctlptr:hex_long dataptr:hex_long "
                "bandp:hex_long flagsp:hex_long"),
    "putpmsg": ("fd:hex_long ctlptr:hex_long dataptr:hex_long "
                "band:hex_long flags:hex_long"),
    "afs_syscall": ("arg0:hex_long arg1:hex_long arg2:hex_long "
                    "arg3:hex_long arg4:hex_long"),
    "tuxcall": "arg0:hex_long arg1:hex_long arg2:hex_long",
    "security": "arg0:hex_long arg1:hex_long arg2:hex_long",
    "vserver": ("arg0:hex_long arg1:hex_long arg2:hex_long arg3:hex_long "
                "arg4:hex_long"),
    "uselib": "library:path",
    # struct user_desc: whole for set_thread_area, its entry_number (the
    # input side) for get_thread_area (strace's ldt.c).
    "set_thread_area": "u_info:user_desc",
    "get_thread_area": "u_info:user_desc_entry",
    "lookup_dcookie": "cookie64:ulong buf:out_ptr len:ulong",
    "epoll_ctl_old": "arg0:hex_long arg1:hex_long arg2:hex_long arg3:hex_long",
    "epoll_wait_old": "arg0:hex_long arg1:hex_long arg2:hex_long arg3:hex_long",
    "kexec_load": ("entry:hex_long nr_segments:ulong segments:ptr "
                   "flags:hex_long"),
    "kexec_file_load": ("kernel_fd:fd initrd_fd:fd cmdline_len:ulong "
                        "cmdline_ptr:str flags:hex_long"),
    "map_shadow_stack": "addr:ptr size:ulong flags:hex",
    "rt_sigreturn": "-",
    "restart_syscall": "-",
}

# i386 calls whose ABI differs from x86_64 (split 64-bit values, old
# structs, multiplexers), from arch/x86/kernel/sys_ia32.c and friends.
MANUAL_I386 = {
    "waitpid": "pid:int stat_addr:out_ptr options:wait_options",
    "break": "-",
    "oldstat": "filename:path statbuf:out_ptr",
    "umount": "name:path",
    "stime": "tptr:time32_ptr",
    "oldfstat": "fd:fd statbuf:out_ptr",
    # strace prints stty, gtty, ulimit, profil, bdflush and vm86 raw
    # (printargs; vm86 with the five arguments of its syscallent row).
    "stty": "fd:hex_long tty:hex_long",
    "gtty": "fd:hex_long tty:hex_long",
    "nice": "increment:int",
    "ftime": "-",
    "prof": "-",
    "signal": "sig:signal handler:sig_handler",
    "lock": "-",
    "mpx": "-",
    "ulimit": "cmd:hex_long newlimit:hex_long",
    # strace prints these two raw (printargs).
    "oldolduname": "name:hex_long",
    "sigaction": "sig:signal act:old_sigaction_in oact:out_ptr",
    "sgetmask": "-",
    "ssetmask": "newmask:old_sigmask",
    # strace prints only the mask.
    "sigsuspend": "unused1:omitted unused2:omitted mask:old_sigmask",
    "sigpending": "set:out_ptr",
    "select": "arg:old_select_args",
    "oldlstat": "filename:path statbuf:out_ptr",
    "readdir": "fd:fd dirent:out_ptr count:readdir_count",
    "mmap": "arg:old_mmap_args",
    "profil": ("buf:hex_long bufsiz:hex_long offset:hex_long "
               "scale:hex_long"),
    # Printed so only when the sub-call is not decoded (src/decode/subcall.rs).
    "socketcall": "call:socketcall_call args:ptr",
    "olduname": "name:hex_long",
    "idle": "-",
    "vm86old": "user_vm86:ptr",
    "ipc": ("call:ipc_call first:hex_long second:hex_long third:hex_long "
            "ptr:hex_long fifth:hex_long"),
    "sigreturn": "-",
    "sigprocmask": "how:sigprocmask_how nset:old_sigset_in oset:out_ptr",
    "bdflush": "func:hex_long data:hex_long",
    # One offset, high half first (strace's lseek.c).
    "_llseek": ("fd:fd offset_high:omitted offset_low:long_lo_hi:1 "
                "result:out_ptr whence:whence"),
    "_newselect": ("n:int inp:fd_set:0 outp:fd_set:0 exp:fd_set:0 "
                   "tvp:timeval_in"),
    "vm86": ("cmd:hex_long arg:hex_long arg2:hex_long arg3:hex_long "
             "arg4:hex_long"),
    "ugetrlimit": "resource:rlimit_resource rlim:out_ptr",
    "mmap2": ("addr:ptr len:uint prot:mmap_prot flags:mmap_flags fd:fd "
              "pgoff:mmap_pgoff"),
    "truncate64": "path:path length_lo:ulong_lo_hi:2 length_hi:omitted",
    "ftruncate64": "fd:fd length_lo:ulong_lo_hi:2 length_hi:omitted",
    # An i386 unsigned long, as strace prints it (-1 as 2^64-1).
    "truncate": "path:path length:ulong",
    "ftruncate": "fd:fd length:ulong",
    "stat64": "filename:path statbuf:out_ptr",
    "lstat64": "filename:path statbuf:out_ptr",
    "fstat64": "fd:fd statbuf:out_ptr",
    "fstatat64": "dfd:dirfd filename:path statbuf:out_ptr flag:at_flags",
    "fcntl64": "fd:fd cmd:fcntl_cmd arg:fcntl64_arg32:1",
    # sendfile's off_t is an i386 long; sendfile64's loff_t 64 bits.
    "sendfile": "out_fd:fd in_fd:fd offset:ulong32_ptr count:uint",
    "sendfile64": "out_fd:fd in_fd:fd offset:int64_ptr count:uint",
    "statfs64": "pathname:path sz:uint buf:out_ptr",
    "fstatfs64": "fd:fd sz:uint buf:out_ptr",
    "pread64": ("fd:fd buf:out_ptr count:uint pos_lo:long_lo_hi:4 "
                "pos_hi:omitted"),
    "pwrite64": ("fd:fd buf:buf_in:2 count:uint pos_lo:long_lo_hi:4 "
                 "pos_hi:omitted"),
    "readahead": ("fd:fd offset_lo:long_lo_hi:2 offset_hi:omitted "
                  "count:uint"),
    "fadvise64": ("fd:fd offset_lo:long_lo_hi:2 offset_hi:omitted len:uint "
                  "advice:fadvise_advice"),
    "fadvise64_64": ("fd:fd offset_lo:long_lo_hi:2 offset_hi:omitted "
                     "len_lo:long_lo_hi:4 len_hi:omitted "
                     "advice:fadvise_advice"),
    "sync_file_range": ("fd:fd off_low:long_lo_hi:2 off_hi:omitted "
                        "n_low:long_lo_hi:4 n_hi:omitted "
                        "flags:sync_file_range_flags"),
    "fallocate": ("fd:fd mode:fallocate_mode offset_lo:long_lo_hi:3 "
                  "offset_hi:omitted len_lo:long_lo_hi:5 len_hi:omitted"),
    "preadv": ("fd:fd vec:iovec_out:2 vlen:uint pos_l:long_lo_hi:4 "
               "pos_h:omitted"),
    "pwritev": ("fd:fd vec:iovec_in:2 vlen:uint pos_l:long_lo_hi:4 "
                "pos_h:omitted"),
    "preadv2": ("fd:fd vec:iovec_out:2 vlen:uint pos_l:long_lo_hi:4 "
                "pos_h:omitted "
                "flags:rwf_flags"),
    "pwritev2": ("fd:fd vec:iovec_in:2 vlen:uint pos_l:long_lo_hi:4 "
                 "pos_h:omitted "
                 "flags:rwf_flags"),
    # 64-bit values split over two registers, printed joined.
    "lookup_dcookie": ("cookie_lo:ulong_lo_hi:1 cookie_hi:omitted buf:out_ptr "
                       "len:uint"),
    "fanotify_mark": ("fanotify_fd:fd flags:fan_mark_flags "
                      "mask_lo:fan_event_mask_lo_hi:3 mask_hi:omitted "
                      "dfd:dirfd pathname:path"),
    # CONFIG_CLONE_BACKWARDS: tls before child_tidptr.
    "clone": ("clone_flags:clone_call_flags:1 newsp:clone_stack "
              "parent_tidptr:clone_parent_tid:0 tls:clone_tls:0 "
              "child_tidptr:clone_child_tid:0"),
    "set_thread_area": "u_info:user_desc",
    "get_thread_area": "u_info:user_desc_entry",
}

MANUAL_AARCH64 = {
    # CONFIG_CLONE_BACKWARDS, as on i386.
    "clone": ("clone_flags:clone_call_flags:1 newsp:clone_stack "
              "parent_tidptr:clone_parent_tid:0 tls:clone_tls:0 "
              "child_tidptr:clone_child_tid:0"),
}

# The syscalls crate's aarch64 table names 79 "fstatat" (the kernel's and
# strace's name is newfstatat) and lists the 32-bit-only time64 calls
# 403..423, which a 64-bit kernel does not provide.
AARCH64_RENAME = {"fstatat": "newfstatat"}
AARCH64_NOT_NATIVE = range(403, 424)

# Kinds whose struct has long- or pointer-sized fields: i386 rows get the
# 32-bit layout.
I386_LONG_KINDS = {"stack_in": "stack32_in", "rlimit_in": "rlimit32_in",
                   "sigevent_in": "sigevent32_in", "mq_attr:1": "mq_attr32:1",
                   "pselect_sig": "pselect_sig32", "fd_set:0": "fd_set32:0",
                   "sysctl_args": "sysctl_args32", "mq_attr_in": "mq_attr_in32",
                   "keyctl_arg": "keyctl_arg32",
                   "seccomp_args:0": "seccomp_args32:0",
                   "ptrace_arg": "ptrace_arg32", "prctl_arg": "prctl_arg32",
                   "shmctl_buf:1": "shmctl_buf32:1",
                   "msgctl_buf:1": "msgctl_buf32:1",
                   "semctl_arg:2": "semctl_arg32:2",
                   "argv": "argv32", "envp": "envp32",
                   "sigaction_in": "sigaction_in32",
                   "fcntl_arg:1": "fcntl_arg32:1",
                   "ioctl_arg:1": "ioctl_arg32:1",
                   # No longs in struct user_desc, but strace prints its
                   # lm bit only for a 64-bit kernel long.
                   "user_desc": "user_desc32",
                   "user_desc_sized:2": "user_desc_sized32:2"}
# The same by kind name, whatever argument holds the count.
I386_LONG_BASES = {"iovec_in": "iovec_in32", "iovec_out": "iovec_out32",
                   "msghdr_in": "msghdr_in32",
                   "msghdr_in_out": "msghdr_in_out32",
                   "mmsghdr_in": "mmsghdr_in32",
                   "sockopt_val": "sockopt_val32",
                   "nodemask": "nodemask32", "msgbuf": "msgbuf32",
                   "iocb_ptrs": "iocb_ptrs32"}
# Kinds holding time_t-based structs: i386 rows get the 32-bit layout,
# except the _time64 calls (and those that use 64-bit times on every ABI).
I386_TIME_KINDS = {"timespec_in": "timespec32_in", "utimbuf": "utimbuf32",
                   "timeval_in": "timeval32_in",
                   "utimens_times": "utimens_times32",
                   "utimes_times": "utimes_times32",
                   "itimerval_in": "itimerval32_in",
                   "itimerspec_in": "itimerspec32_in",
                   "futex_arg": "futex_arg32"}
I386_TIME64_EVERYWHERE = {"epoll_pwait2"}


# i386's 16-bit uid calls (the *32 calls take 32-bit ids): their ids
# print 0xffff as -1.
I386_UID16 = {"chown", "lchown", "fchown", "setuid", "setgid", "setreuid",
              "setregid", "setresuid", "setresgid", "setfsuid", "setfsgid",
              "setgroups"}
UID_ARGS = {"user", "group", "uid", "gid", "ruid", "euid", "suid", "rgid",
            "egid", "sgid"}


def i386_uid16(args):
    """A signature with 16-bit ids (uid16, gid16_list)."""
    out = []
    for item in args.split(" "):
        arg, _, kind = item.partition(":")
        if arg in UID_ARGS and kind in ("int", "uid"):
            kind = "uid16"
        elif kind == "gid_list:0":
            kind = "gid16_list:0"
        out.append(f"{arg}:{kind}")
    return " ".join(out)


def i386_layouts(args, time64):
    """An x86_64 signature with the kinds re-pointed at i386 layouts."""
    if args == "-":
        return args
    out = []
    for item in args.split(" "):
        arg, _, kind = item.partition(":")
        kind = I386_LONG_KINDS.get(kind, kind)
        base, sep, num = kind.partition(":")
        kind = I386_LONG_BASES.get(base, base) + sep + num
        if not time64:
            kind = I386_TIME_KINDS.get(kind, kind)
        out.append(f"{arg}:{kind}")
    return " ".join(out)


# The x32 compat slots (512 and up) read compat structs: 32-bit pointers
# and longs as on i386, but 64-bit time_t (x32's compat entry points are
# the _time64 ones; arch/x86/entry/syscalls/syscall_64.tbl). Slots below
# 512 are the native calls, which read x86_64's structs.
def x32_compat_layouts(args):
    """An x86_64 signature with the i386 pointer and long layouts applied
    (I386_LONG_KINDS, I386_LONG_BASES) and the 64-bit time ones kept."""
    return i386_layouts(args, True)


# The sub-calls of i386's multiplexers, by the number in their first
# argument, as strace 6.1 names them (linux/generic/subcallent.h; sendmmsg
# and recvmmsg, semtimedop the time32 ones). strace prints such a call
# under the sub-call's name with the sub-call's own decoder, so each row's
# signature is the i386 row of that name, or where i386 has no call of
# its own (accept, send, recv, semop, semtimedop) the x86_64 one in i386
# layouts (I386_SUB_MANUAL for the two x86_64 lacks). Where ipc puts each
# argument is src/decode/subcall.rs's, after strace's ipc_*.c.
I386_SOCKETCALL_SUBS = {
    1: "socket", 2: "bind", 3: "connect", 4: "listen", 5: "accept",
    6: "getsockname", 7: "getpeername", 8: "socketpair", 9: "send",
    10: "recv", 11: "sendto", 12: "recvfrom", 13: "shutdown",
    14: "setsockopt", 15: "getsockopt", 16: "sendmsg", 17: "recvmsg",
    18: "accept4", 19: "recvmmsg", 20: "sendmmsg",
}
I386_IPC_SUBS = {
    1: "semop", 2: "semget", 3: "semctl", 4: "semtimedop",
    11: "msgsnd", 12: "msgrcv", 13: "msgget", 14: "msgctl",
    21: "shmat", 22: "shmdt", 23: "shmget", 24: "shmctl",
}
# send(2) and recv(2) as strace decodes them (net.c SYS_FUNC(send/recv)):
# sendto and recvfrom without the address.
I386_SUB_MANUAL = {
    "send": "fd:fd buff:sock_buf:2 len:ulong flags:msg_flags",
    "recv": "fd:fd ubuf:out_ptr size:ulong flags:msg_flags",
}


# i386 names that reuse another call's signature.
I386_ALIAS = {"sendfile": "sendfile64"}

# x32 slots of 64-bit-only calls (syscall_64.tbl ABI "64"): strace names
# them "<name>#64" and prints their arguments raw.
X32_64ONLY = {13, 15, 16, 19, 20, 45, 46, 47, 54, 55, 59, 101, 127, 128, 129,
              131, 134, 156, 174, 177, 178, 180, 205, 206, 209, 211, 214, 215,
              222, 236, 244, 246, 247, 273, 274, 278, 279, 295, 296, 297, 299,
              307, 310, 311, 322, 327, 328}
# x86_64 numbers with no x32 slot at all (newer than strace's x32 table and
# 64-bit-only in the kernel).
X32_ABSENT = {335, 336}


# --------------------------------------------------------------------------

def fail(msg):
    raise SystemExit(f"gen.py: {msg}")


def parse_unistd(path):
    out = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"#define __NR_(\w+)\s+\(?(?:__X32_SYSCALL_BIT\s*\+\s*)?"
                         r"(\d+)\)?\s*$", line)
            if m:
                out[m.group(1)] = int(m.group(2))
    return out


def locked_crate_dir():
    """The registry copy of the syscalls version Cargo.lock pins."""
    lock = open(os.path.join(ROOT, "Cargo.lock")).read()
    m = re.search(r'name = "syscalls"\nversion = "([^"]+)"', lock)
    if not m:
        fail("Cargo.lock names no syscalls package")
    pattern = os.path.join(CARGO_HOME, "registry", "src", "*",
                           f"syscalls-{m.group(1)}")
    paths = sorted(glob.glob(pattern))
    if not paths:
        fail(f"{pattern} not found (cargo fetch puts it there)")
    return paths[-1]


def parse_crate(arch):
    path = os.path.join(CRATE_DIR, "src", "arch", f"{arch}.rs")
    if not os.path.isfile(path):
        fail(f"syscalls crate source for {arch} not found: {path}")
    out = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"\s+(\w+) = (\d+),\s*$", line)
            if m:
                out[m.group(1)] = int(m.group(2))
    return out


def merged_numbers(header, crate, what):
    """name -> nr from the installed header, extended by the crate."""
    nums = dict(header)
    for name, nr in crate.items():
        if name in nums and nums[name] != nr:
            fail(f"{what}: {name} is {nums[name]} in unistd but {nr} in crate")
        nums.setdefault(name, nr)
    by_nr = {}
    for name, nr in nums.items():
        if nr in by_nr:
            fail(f"{what}: {nr} is both {by_nr[nr]} and {name}")
        by_nr[nr] = name
    return by_nr


def snapshot_tracefs():
    lines = []
    for fmt in sorted(glob.glob(os.path.join(TRACEFS, "sys_enter_*/format"))):
        event = os.path.basename(os.path.dirname(fmt))[len("sys_enter_"):]
        fields = []
        with open(fmt) as f:
            for line in f:
                m = re.match(r"\s*field:(.*);\s*offset:", line)
                if not m:
                    continue
                decl = m.group(1).strip()
                if "common_" in decl or "__syscall_nr" in decl:
                    continue
                fm = re.match(r"(.*?[\s*])(\w+)$", decl)
                fields.append(f"{fm.group(1).strip()}\t{fm.group(2)}")
        lines.append(event + ("\t" + "\t".join(fields) if fields else ""))
    with open(SNAPSHOT, "w") as f:
        f.write("# x86_64 syscall argument C types and names, one event per "
                "line:\n# event<TAB>type<TAB>name<TAB>type<TAB>name...\n"
                f"# Snapshot of {TRACEFS}/sys_enter_*/format, "
                f"kernel {os.uname().release}.\n")
        f.write("\n".join(lines) + "\n")


def load_signatures():
    """syscall name -> [(ctype, argname)] from the tracefs snapshot."""
    sigs = {}
    with open(SNAPSHOT) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            event, rest = parts[0], parts[1:]
            args = [(rest[i], rest[i + 1]) for i in range(0, len(rest), 2)]
            sigs[TRACEFS_ALIAS.get(event, event)] = args
    return sigs


def load_kinds():
    """snake_case kind name -> takes a number (bool), from src/kinds.rs."""
    text = open(os.path.join(ROOT, "src", "kinds.rs")).read()
    body = text[text.index("pub enum ArgKind"):]
    body = body[:body.index("\n}")]
    kinds = {}
    for m in re.finditer(r"^\s+([A-Z]\w*)(\(u8\))?,", body, re.M):
        snake = re.sub(r"(?<!^)([A-Z])", r"_\1", m.group(1)).lower()
        kinds[snake] = bool(m.group(2))
    return kinds


def load_classes():
    classes = {}
    with open(os.path.join(HERE, "strace-classes.tsv")) as f:
        for n, line in enumerate(f, 1):
            if line.startswith("#") or not line.strip():
                continue
            name, flags = line.split()
            if flags == "0":
                classes[name] = []
                continue
            try:
                classes[name] = [SHORTHAND[x] for x in flags.split("|")]
            except KeyError as e:
                fail(f"strace-classes.tsv:{n}: unknown flag {e}")
    return classes


def class_field(classes, name):
    if name in classes:
        got = classes[name]
    elif name.endswith("#64") and name[:-3] in classes:
        got = classes[name[:-3]]
    else:
        fail(f"no strace class data for {name}")
    got = sorted(set(got), key=CLASS_ORDER.index)
    return ",".join(got) if got else "-"


def build_args(name, ctypes):
    ov = dict(OVERRIDES.get(name, {}))
    unknown = set(ov) - {a for _, a in ctypes}
    if unknown:
        fail(f"override for {name} names missing args {sorted(unknown)}")
    out = []
    for ctype, arg in ctypes:
        kind = sized(ov[arg], ctype) if arg in ov else rule_kind(ctype, arg)
        out.append(f"{arg}:{kind}")
    return " ".join(out) if out else "-"


def check_args(arch, name, args, kinds):
    if args == "-":
        return
    items = args.split(" ")
    if len(items) > 6:
        fail(f"{arch} {name}: more than 6 args")
    for item in items:
        arg, _, kind = item.partition(":")
        base, _, num = kind.partition(":")
        if base not in kinds:
            fail(f"{arch} {name}: unknown kind {kind!r}")
        if kinds[base] != bool(num):
            fail(f"{arch} {name}: kind {kind!r} argument count mismatch")
        if num and int(num) >= len(items):
            fail(f"{arch} {name}: {kind} refers past the last argument")


HEADER = """\
# notrace syscall table: {arch}. Generated by syscall-tables/gen/gen.py;
# edit the generator (or its data) and rerun rather than editing by hand.
#
# Columns (tab-separated): nr  name  classes  args
#   nr       syscall number in the {arch} ABI{nrnote}, decimal or 0x hex
#   name     as strace prints it
#   classes  strace trace classes (%file -> file, %%stat -> stat_like, ...),
#            from strace's syscallent tables via gen/strace-classes.tsv
#   args     name:kind per argument (kinds are src/kinds.rs ArgKind
#            variants in snake_case), or - when the call takes none
#
# Sources: {sources}
"""


def write_table(arch, rows, nrnote, sources):
    path = os.path.join(OUT_DIR, f"{arch}.tsv")
    with open(path, "w") as f:
        f.write(HEADER.format(arch=arch, nrnote=nrnote, sources=sources))
        for nr, name, classes, args in sorted(rows):
            num = f"{nr:#x}" if nr >= X32_BIT else str(nr)
            f.write(f"{num}\t{name}\t{classes}\t{args}\n")
    print(f"wrote {path}: {len(rows)} rows")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--snapshot", action="store_true",
                    help=f"refresh {SNAPSHOT} from tracefs first")
    ap.add_argument("--out", metavar="DIR",
                    help=f"write the tables into DIR (default {TABLES})")
    ap.add_argument("--crate", metavar="DIR",
                    help="the syscalls crate's source directory (default: "
                    "Cargo.lock's version in cargo's registry)")
    opts = ap.parse_args()
    global CRATE_DIR, OUT_DIR
    CRATE_DIR = opts.crate or locked_crate_dir()
    if opts.out:
        os.makedirs(opts.out, exist_ok=True)
        OUT_DIR = opts.out
    if opts.snapshot:
        if not os.path.isdir(TRACEFS):
            fail(f"{TRACEFS} missing (mount -t tracefs nodev "
                 "/sys/kernel/tracing)")
        snapshot_tracefs()

    sigs = load_signatures()
    kinds = load_kinds()
    classes = load_classes()

    # x86_64 ---------------------------------------------------------------
    x64 = merged_numbers(parse_unistd(UNISTD.format(64)),
                         parse_crate("x86_64"), "x86_64")
    x64_args = {}
    rows = []
    for nr, name in x64.items():
        if name in sigs:
            args = build_args(name, sigs[name])
        elif name in MANUAL_COMMON:
            args = MANUAL_COMMON[name]
        else:
            fail(f"x86_64 {name}: no signature")
        check_args("x86_64", name, args, kinds)
        x64_args[name] = args
        rows.append((nr, name, class_field(classes, name), args))
    write_table("x86_64", rows, "",
                "numbers: unistd_64.h (linux-libc-dev) + syscalls crate "
                "x86_64.rs;\n# argument names and C types: tracefs "
                "sys_enter_*/format (gen/tracefs-x86_64.txt),\n# kinds by "
                "gen.py rules and overrides.")

    def shared(name, arch):
        """The x86_64 signature reused for another arch, by name."""
        if name in x64_args:
            return x64_args[name]
        if name in sigs:
            return build_args(name, sigs[name])
        if name in MANUAL_COMMON:
            return MANUAL_COMMON[name]
        fail(f"{arch} {name}: no signature")

    # i386 -----------------------------------------------------------------
    i386 = merged_numbers(parse_unistd(UNISTD.format(32)), parse_crate("x86"),
                          "i386")
    rows = []
    for nr, name in i386.items():
        if name in MANUAL_I386:
            args = i386_layouts(MANUAL_I386[name], False)
        else:
            base = name
            time64 = name in I386_TIME64_EVERYWHERE
            if base not in x64_args and base not in sigs:
                # 16/32-bit uid variants and the time64 calls keep the
                # shape of the plain call.
                for suffix in ("_time64", "64", "32"):
                    if base.endswith(suffix) and \
                            base[:-len(suffix)] in x64_args:
                        base = base[:-len(suffix)]
                        time64 = suffix != "32"
                        break
            if base in MANUAL_I386:
                args = MANUAL_I386[base]
            else:
                args = shared(base, "i386")
            args = i386_layouts(args, time64)
        if name in I386_UID16:
            args = i386_uid16(args)
        check_args("i386", name, args, kinds)
        rows.append((nr, name, class_field(classes, name), args))
    write_table("i386", rows, "",
                "numbers: unistd_32.h (linux-libc-dev) + syscalls crate "
                "x86.rs;\n# arguments: the x86_64 signature by name, hand-"
                "written (gen.py MANUAL_I386)\n# for i386-only calls and "
                "those whose ABI differs.")

    # i386 socketcall and ipc sub-calls ------------------------------------
    by_name = {name: args for _, name, _, args in rows}
    for table, subs, what in (("i386_socketcall", I386_SOCKETCALL_SUBS,
                               "socketcall"),
                              ("i386_ipc", I386_IPC_SUBS, "ipc")):
        sub_rows = []
        for call, name in subs.items():
            if name in by_name:
                args = by_name[name]
            elif name in I386_SUB_MANUAL:
                args = I386_SUB_MANUAL[name]
            else:
                args = i386_layouts(shared(name, table), False)
            check_args(table, name, args, kinds)
            sub_rows.append((call, name, class_field(classes, name), args))
        write_table(table, sub_rows,
                    f" (here: {what}'s sub-call number, its first argument)",
                    "strace's linux/generic/subcallent.h (names, numbers); "
                    "arguments: the\n# i386 row of that name, else the "
                    "x86_64 one in i386 layouts (gen.py\n# I386_SUB_MANUAL "
                    "for send and recv).")

    # aarch64 --------------------------------------------------------------
    a64 = merged_numbers({}, parse_crate("aarch64"), "aarch64")
    rows = []
    for nr, name in a64.items():
        if nr in AARCH64_NOT_NATIVE:
            continue
        name = AARCH64_RENAME.get(name, name)
        args = MANUAL_AARCH64.get(name) or shared(name, "aarch64")
        check_args("aarch64", name, args, kinds)
        rows.append((nr, name, class_field(classes, name), args))
    write_table("aarch64", rows, "",
                "numbers: syscalls crate aarch64.rs (asm-generic "
                "unistd.h), without\n# its 32-bit-only 403..423 and with "
                "79 named newfstatat as the kernel does;\n# arguments: the x86_64 signature by name "
                "(clone per CONFIG_CLONE_BACKWARDS).")

    # x32 ------------------------------------------------------------------
    x32_hdr = parse_unistd(UNISTD.format("x32"))
    rows = []
    for nr, name in x64.items():
        if nr in X32_ABSENT or nr >= 512:
            continue
        if nr in X32_64ONLY:
            label = name + "#64"
            args = " ".join(a.split(":")[0] + ":hex_long"
                            for a in x64_args[name].split(" ")
                            if a != "-") or "-"
        else:
            label, args = name, x64_args[name]
        rows.append((X32_BIT + nr, label, class_field(classes, label), args))
    for name, nr in x32_hdr.items():
        if nr >= 512:
            # These slots are the kernel's compat entry points: their
            # structs have 32-bit pointers and longs, as on i386.
            args = x32_compat_layouts(shared(name, "x32"))
            rows.append((X32_BIT + nr, name, class_field(classes, name),
                         args))
    # The installed header must agree with what we emit.
    emitted = {name: nr - X32_BIT for nr, name, _, _ in rows}
    for name, nr in x32_hdr.items():
        if emitted.get(name) != nr:
            fail(f"x32 {name}: header says {nr}, table {emitted.get(name)}")
    for _, name, _, args in rows:
        check_args("x32", name, args, kinds)
    write_table("x32", rows, " (bit 30, 0x40000000, included)",
                "x86_64 numbers + 0x40000000, x32-only 512..547 from "
                "unistd_x32.h;\n# 64-bit-only slots named <name>#64 as "
                "strace does (args raw);\n# arguments: the x86_64 signature "
                "by name.")


if __name__ == "__main__":
    sys.exit(main())
