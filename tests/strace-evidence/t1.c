#define _GNU_SOURCE
#include <stdio.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <linux/netlink.h>
#include <sys/uio.h>
#include <time.h>
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
int main(void) {
  long pg = sysconf(_SC_PAGESIZE);
  char *m = mmap(0, 2*pg, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0);
  munmap(m + pg, pg);
  memcpy(m + pg - 3, "abc", 3);
  syscall(SYS_chdir, m + pg - 3);
  syscall(SYS_chdir, 0);
  syscall(SYS_chdir, (void*)0x1000);
  syscall(SYS_chdir, "/tmp/x\n\t\"\\\001\0012\377\r\v\f\033");
  syscall(SYS_openat, AT_FDCWD, "/nonexist", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0644);
  syscall(SYS_openat, AT_FDCWD, "/nonexist", O_RDONLY);
  syscall(SYS_openat, AT_FDCWD, "/nonexist", O_RDWR|O_DIRECTORY|0x40000000);
  syscall(SYS_openat, AT_FDCWD, "/nonexist", 3|O_SYNC|O_NONBLOCK, 0);
  syscall(SYS_openat, 55, "/nonexist", O_TMPFILE|O_RDWR, 0600);
  char big[100]; for (int i=0;i<100;i++) big[i]='a'+i%26;
  syscall(SYS_write, 55, big, 100);
  syscall(SYS_write, 55, "\0\0011\n", 4);
  syscall(SYS_write, 55, "1234567890123456789012345678901234567890", 32);
  syscall(SYS_write, 55, "1234567890123456789012345678901234567890", 33);
  syscall(SYS_write, 55, m+pg-3, 10);
  char p32[64]; memset(p32, 'p', 63); p32[63]=0; p32[0]='/';
  syscall(SYS_chdir, p32);
  char *av[] = {"argv0", "12345678901234567890123456789012", "123456789012345678901234567890123", "\377x", 0};
  char *ev[] = {"A=1", "B=2", 0};
  syscall(SYS_execve, "/nonexist", av, ev);
  syscall(SYS_execve, "/nonexist", 0, 0);
  char *av2[] = {"a", (char*)0x1000, 0};
  syscall(SYS_execve, "/nonexist", av2, (void*)0x1000);
  struct sockaddr_in sin = {.sin_family=AF_INET, .sin_port=htons(80)}; inet_pton(AF_INET, "127.0.0.1", &sin.sin_addr);
  syscall(SYS_connect, 55, &sin, sizeof sin);
  syscall(SYS_connect, 55, &sin, 4);
  syscall(SYS_connect, 55, &sin, 0);
  syscall(SYS_connect, 55, 0, 16);
  syscall(SYS_connect, 55, &sin, 200);
  struct sockaddr_in6 s6 = {.sin6_family=AF_INET6, .sin6_port=htons(443)}; inet_pton(AF_INET6, "::1", &s6.sin6_addr);
  syscall(SYS_connect, 55, &s6, sizeof s6);
  s6.sin6_flowinfo = htonl(5); s6.sin6_scope_id = 2; inet_pton(AF_INET6, "fe80::1:2", &s6.sin6_addr);
  syscall(SYS_connect, 55, &s6, sizeof s6);
  struct sockaddr_un su = {.sun_family=AF_UNIX}; strcpy(su.sun_path, "/run/x.sock");
  syscall(SYS_connect, 55, &su, sizeof su);
  syscall(SYS_connect, 55, &su, offsetof(struct sockaddr_un, sun_path) + 12);
  memset(su.sun_path, 0, sizeof su.sun_path); memcpy(su.sun_path+1, "name\0x", 6);
  syscall(SYS_connect, 55, &su, offsetof(struct sockaddr_un, sun_path) + 5);
  syscall(SYS_connect, 55, &su, offsetof(struct sockaddr_un, sun_path) + 7);
  struct sockaddr_nl nl = {.nl_family=AF_NETLINK, .nl_pid=7, .nl_groups=0x10};
  syscall(SYS_bind, 55, &nl, sizeof nl);
  unsigned char unk[16] = {77, 0, 1,2,3,4,5,6,7,8,9,10,11,12,13,14};
  syscall(SYS_connect, 55, unk, 16);
  unk[0]=AF_PACKET;
  syscall(SYS_connect, 55, unk, 16);
  unk[0]=0;
  syscall(SYS_connect, 55, unk, 16);
  struct iovec iov[3] = {{"abc",3},{"hello world\n",12},{0,0}};
  syscall(SYS_writev, 55, iov, 3);
  syscall(SYS_writev, 55, iov, 0);
  syscall(SYS_writev, 55, 0, 2);
  syscall(SYS_readv, 55, iov, 2);
  struct timespec ts = {1, 500};
  syscall(SYS_nanosleep, &ts, 0);
  struct timespec ts2 = {0, 2000000000};
  syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &ts2, 0);
  syscall(SYS_clock_nanosleep, 77, 0, 0, 0);
  return 0;
}
