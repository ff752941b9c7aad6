#define _GNU_SOURCE
#include <unistd.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/socket.h>
int main(void) {
  int fd = open("/etc/passwd", O_RDONLY);
  syscall(SYS_write, 55, "ab\001\n\377c", 6);
  syscall(SYS_write, 55, "abc def\n", 8);
  syscall(SYS_chdir, "/tmp/\303\251t\303\251");
  syscall(SYS_lseek, fd, 0, SEEK_SET);
  syscall(SYS_fcntl, -100, 0, 0);
  char *ev[] = {"A=1", "B=2", 0};
  char *av[] = {"a","b","c","d","e","f","g",0};
  syscall(SYS_execve, "/nonexist", av, ev);
  struct iovec iov[40]; for (int i=0;i<40;i++){iov[i].iov_base="xyzxyzxyz"; iov[i].iov_len=9;}
  syscall(SYS_writev, 55, iov, 40);
  syscall(SYS_writev, 55, iov, 3);
  int sv[2]; socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  syscall(SYS_write, sv[0], "x", 1);
  int p[2]; pipe(p);
  syscall(SYS_write, p[1], "x", 1);
  syscall(SYS_close, 1);
  return 0;
}
