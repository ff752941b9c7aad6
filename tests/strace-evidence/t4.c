#define _GNU_SOURCE
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <netinet/in.h>
#include <arpa/inet.h>
int main(void) {
  long pg = 4096;
  char *m = mmap(0, 2*pg, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0);
  munmap(m + pg, pg);
  unsigned long set = 0xffffffffUL;
  syscall(SYS_rt_sigprocmask, 0, &set, 0, 8);
  set = 0x1ffffffffUL;
  syscall(SYS_rt_sigprocmask, 0, &set, 0, 8);
  struct iovec *iv = (struct iovec*)(m + pg - sizeof(struct iovec));
  iv->iov_base = "abc"; iv->iov_len = 3;
  syscall(SYS_writev, 55, iv, 3);
  char **av = (char**)(m + pg - 16); av[0] = "a"; av[1] = "b";
  syscall(SYS_execve, "/nonexist", av, av);
  char *one[] = {"X=1", 0};
  syscall(SYS_execve, "/nonexist", one, one);
  struct sockaddr_in6 s6 = {.sin6_family=AF_INET6, .sin6_port=htons(443)}; inet_pton(AF_INET6, "::1", &s6.sin6_addr);
  syscall(SYS_connect, 55, &s6, 24);
  syscall(SYS_connect, 55, &s6, 1);
  syscall(SYS_openat, AT_FDCWD, ".", O_RDONLY);
  return 0;
}
