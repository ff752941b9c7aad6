#define _GNU_SOURCE
#include <unistd.h>
#include <sys/syscall.h>
#include <stdio.h>
int main(int c, char **v) {
  int counts[] = {41, 42, 43, 44, 45, 46};
  for (int i = 0; i < 6; i++) {
    unsigned long set = counts[i] == 64 ? ~0UL : ((1UL << counts[i]) - 1);
    syscall(SYS_rt_sigprocmask, 0, &set, 0, 8);
  }
  return 0;
}
