#define _GNU_SOURCE
#include <stdio.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <sys/uio.h>
#include <signal.h>
#include <sched.h>
#include <linux/sched.h>
#include <linux/openat2.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <sys/prctl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <linux/fs.h>
#include <netinet/tcp.h>
#include <sys/xattr.h>
int main(void) {
  syscall(SYS_kill, 99999, SIGTERM);
  syscall(SYS_kill, 99999, 0);
  syscall(SYS_kill, 99999, 32);
  syscall(SYS_kill, 99999, 33);
  syscall(SYS_kill, 99999, 34);
  syscall(SYS_kill, 99999, 64);
  syscall(SYS_kill, 99999, 65);
  syscall(SYS_kill, 99999, -1);
  unsigned long set = (1UL<<(SIGINT-1))|(1UL<<(SIGTERM-1));
  syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, 0, 8);
  set = ~set;
  syscall(SYS_rt_sigprocmask, SIG_SETMASK, &set, 0, 8);
  set = (1UL<<31)|(1UL<<32)|(1UL<<33);
  syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &set, 0, 8);
  set = ~0UL;
  syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, 0, 8);
  set = ~((1UL<<31)|(1UL<<32)|(1UL<<33));
  syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, 0, 8);
  set = 0;
  syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, 0, 8);
  syscall(SYS_rt_sigprocmask, 7, &set, 0, 8);
  syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, 0, 4);
  syscall(SYS_rt_sigprocmask, SIG_BLOCK, (void*)0x1000, 0, 8);
  struct ksa { void *h; unsigned long flags; void *restorer; unsigned long mask; } sa = {(void*)0x401000, 0x04000000|SA_RESTART, (void*)0x402000, (1UL<<(SIGINT-1))};
  syscall(SYS_rt_sigaction, SIGUSR1, &sa, 0, 8);
  sa.h = SIG_IGN; sa.flags = 0; sa.mask = 0;
  syscall(SYS_rt_sigaction, SIGUSR1, &sa, 0, 8);
  sa.h = SIG_DFL; sa.flags = SA_SIGINFO|SA_ONSTACK|SA_NODEFER|SA_RESETHAND|0x04000000|0x100;
  syscall(SYS_rt_sigaction, SIGUSR1, &sa, 0, 8);
  syscall(SYS_clone, CLONE_SIGHAND|CLONE_FS|SIGCHLD, 0, 0, 0, 0);
  syscall(SYS_clone, CLONE_SIGHAND|CLONE_FS, 0, 0, 0, 0);
  syscall(SYS_clone, CLONE_SIGHAND|CLONE_FS|0x4d, 0, 0, 0, 0);
  struct clone_args ca = {0}; ca.flags = CLONE_SIGHAND|CLONE_FS; ca.exit_signal = SIGCHLD;
  syscall(SYS_clone3, &ca, sizeof ca);
  ca.stack = 0x1000; ca.stack_size=0x2000; ca.pidfd = 0x3000; ca.tls = 0x4000; ca.set_tid = 0x5000; ca.set_tid_size = 1; ca.cgroup = 3;
  syscall(SYS_clone3, &ca, sizeof ca);
  syscall(SYS_clone3, &ca, 64);
  struct open_how how = {.flags = O_RDONLY|O_CLOEXEC, .mode = 0, .resolve = RESOLVE_BENEATH};
  syscall(SYS_openat2, AT_FDCWD, "/nonexist", &how, sizeof how);
  how.flags = O_CREAT|O_WRONLY; how.mode = 0644; how.resolve = 0;
  syscall(SYS_openat2, AT_FDCWD, "/nonexist", &how, sizeof how);
  syscall(SYS_mmap, 0, 4096, PROT_READ|PROT_EXEC, MAP_SHARED|MAP_FIXED|MAP_POPULATE|0x8000000, 3, 0);
  syscall(SYS_mmap, 0x1000, 4096, PROT_NONE, MAP_SHARED_VALIDATE, -1, 0x1000);
  syscall(SYS_mprotect, 0x1000, 4096, PROT_READ|PROT_WRITE|PROT_GROWSDOWN|0x100);
  syscall(SYS_madvise, 0x1000, 4096, MADV_DONTNEED);
  syscall(SYS_madvise, 0x1000, 4096, 999);
  syscall(SYS_mremap, 0x1000, 4096, 8192, MREMAP_MAYMOVE|MREMAP_FIXED, 0x5000);
  syscall(SYS_mremap, 0x1000, 4096, 8192, 0);
  syscall(SYS_socket, AF_INET, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_TCP);
  syscall(SYS_socket, AF_INET6, SOCK_DGRAM, 0);
  syscall(SYS_socket, AF_UNIX, SOCK_SEQPACKET, 0);
  syscall(SYS_socket, AF_NETLINK, SOCK_RAW, 0);
  syscall(SYS_socket, AF_NETLINK, SOCK_RAW, 9);
  syscall(SYS_socket, 99, 99, 99);
  int one = 1;
  syscall(SYS_setsockopt, 55, SOL_SOCKET, SO_REUSEADDR, &one, 4);
  syscall(SYS_setsockopt, 55, IPPROTO_TCP, TCP_NODELAY, &one, 4);
  syscall(SYS_setsockopt, 55, IPPROTO_IP, IP_TTL, &one, 4);
  syscall(SYS_setsockopt, 55, IPPROTO_IPV6, IPV6_V6ONLY, &one, 4);
  syscall(SYS_setsockopt, 55, 999, 5, &one, 4);
  syscall(SYS_getsockopt, 55, SOL_SOCKET, SO_ERROR, &one, &one);
  syscall(SYS_sendto, 55, "hi", 2, MSG_DONTWAIT|MSG_NOSIGNAL, 0, 0);
  syscall(SYS_sendto, 55, "hi", 2, 0, 0, 0);
  syscall(SYS_recvfrom, 55, &one, 4, MSG_PEEK|0x80000000, 0, 0);
  struct iovec iov[2] = {{"abc",3},{"de",2}};
  struct msghdr mh = {.msg_name = 0, .msg_namelen = 0, .msg_iov = iov, .msg_iovlen = 2, .msg_control = 0, .msg_controllen = 0, .msg_flags = 0};
  syscall(SYS_sendmsg, 55, &mh, MSG_NOSIGNAL);
  struct sockaddr_in sin = {.sin_family=AF_INET, .sin_port=htons(53)};
  mh.msg_name = &sin; mh.msg_namelen = sizeof sin; mh.msg_flags = MSG_EOR;
  syscall(SYS_sendmsg, 55, &mh, 0);
  syscall(SYS_shutdown, 55, SHUT_RDWR);
  syscall(SYS_shutdown, 55, 7);
  syscall(SYS_accept4, 55, 0, 0, SOCK_CLOEXEC);
  syscall(SYS_fcntl, 55, F_SETFD, FD_CLOEXEC);
  syscall(SYS_fcntl, 55, F_GETFL);
  syscall(SYS_fcntl, 55, F_SETFL, O_RDWR|O_NONBLOCK|O_APPEND);
  syscall(SYS_fcntl, 55, F_DUPFD_CLOEXEC, 3);
  syscall(SYS_fcntl, 55, F_SETLK, 0);
  syscall(SYS_fcntl, 55, 0x7777, 5);
  syscall(SYS_flock, 55, LOCK_EX|LOCK_NB);
  syscall(SYS_flock, 55, LOCK_UN);
  syscall(SYS_lseek, 55, 10, SEEK_END);
  syscall(SYS_lseek, 55, -1, 9);
  syscall(SYS_access, "/x", R_OK|W_OK);
  syscall(SYS_access, "/x", F_OK);
  syscall(SYS_access, "/x", 0x10|X_OK);
  syscall(SYS_faccessat2, AT_FDCWD, "/x", R_OK, AT_EACCESS|AT_SYMLINK_NOFOLLOW);
  syscall(SYS_unlinkat, 55, "x", AT_REMOVEDIR);
  syscall(SYS_unlinkat, 55, "x", 0);
  syscall(SYS_renameat2, AT_FDCWD, "a", AT_FDCWD, "b", RENAME_NOREPLACE|RENAME_WHITEOUT);
  syscall(SYS_renameat2, AT_FDCWD, "a", AT_FDCWD, "b", 0);
  syscall(SYS_setxattr, "/x", "user.a", "val", 3, XATTR_CREATE);
  syscall(SYS_setxattr, "/x", "user.a", "val", 3, 0);
  syscall(SYS_statx, AT_FDCWD, "/x", AT_STATX_SYNC_AS_STAT|AT_EMPTY_PATH, STATX_BASIC_STATS|STATX_BTIME, 0);
  syscall(SYS_statx, AT_FDCWD, "/x", 0, STATX_TYPE|STATX_MODE, 0);
  syscall(SYS_statx, AT_FDCWD, "/x", 0, 0, 0);
  syscall(SYS_wait4, -1, 0, WNOHANG|__WALL, 0);
  syscall(SYS_wait4, 5, 0, 0, 0);
  syscall(SYS_prctl, PR_SET_NAME, "foo", 0, 0, 0);
  syscall(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
  syscall(SYS_prctl, 9999, 1, 0, 0, 0);
  syscall(SYS_ioctl, 55, TCGETS, 0x1000);
  syscall(SYS_ioctl, 55, TIOCGWINSZ, 0x1000);
  syscall(SYS_ioctl, 55, FIONBIO, 0x1000);
  syscall(SYS_ioctl, 55, FIOCLEX);
  syscall(SYS_ioctl, 55, FS_IOC_GETFLAGS, 0x1000);
  syscall(SYS_ioctl, 55, 0x12345678, 0x1000);
  syscall(SYS_pipe2, 0x1000, O_CLOEXEC|O_NONBLOCK);
  syscall(SYS_pipe2, 0x1000, 0);
  syscall(SYS_dup3, 55, 56, O_CLOEXEC);
  syscall(SYS_mknodat, AT_FDCWD, "/x", S_IFREG|0644, 0);
  syscall(SYS_mknodat, AT_FDCWD, "/x", S_IFCHR|0600, ((1<<8)|3));
  syscall(SYS_mknodat, AT_FDCWD, "/x", 0, 0);
  syscall(SYS_mkdirat, AT_FDCWD, "/x", 0);
  syscall(SYS_mkdirat, AT_FDCWD, "/x", 04755);
  syscall(SYS_fchmodat, AT_FDCWD, "/x", 0777|S_IFREG);
  syscall(SYS_umask, 022);
  syscall(SYS_eventfd2, 0, 0x80000);
  return 0;
}
