// notrace takes a dirfd (or a socket) with pidfd_getfd on the thread
// group leader, but fd tables are per thread when a thread unshared them,
// and the leader's is gone once it exits: openat(dirfd) of such a thread
// resolves against another directory, or fails.
//   threadfds unshare DIR : a thread with its own fd table opens
//                           "marker" relative to its fd 10 = DIR/two
//   threadfds leaderexit DIR: main thread exits; another thread opens
//                           "marker" relative to DIR/one
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
static char dir[4096];
static int mode_unshare;
static void *thr(void *a) {
    (void)a;
    char p[4200];
    if (mode_unshare) {
        if (unshare(CLONE_FILES)) { perror("unshare"); exit(2); }
        snprintf(p, sizeof p, "%s/two", dir);
        int d = open(p, O_RDONLY | O_DIRECTORY);
        dup2(d, 10);
    } else {
        usleep(200000); // main has exited by now
    }
    int fd = openat(10, "marker", O_RDONLY);
    char buf[64] = {0};
    if (fd >= 0) read(fd, buf, sizeof buf - 1);
    printf("threadfds: openat(10, marker) = %s\n", fd >= 0 ? buf : strerror(errno));
    fflush(stdout);
    exit(0);
}
int main(int argc, char **argv) {
    if (argc < 3) return 2;
    mode_unshare = !strcmp(argv[1], "unshare");
    snprintf(dir, sizeof dir, "%s", argv[2]);
    char p[4200];
    snprintf(p, sizeof p, "mkdir -p %s/one %s/two && echo one > %s/one/marker && echo two > %s/two/marker", dir, dir, dir, dir);
    if (system(p)) return 2;
    snprintf(p, sizeof p, "%s/one", dir);
    int d = open(p, O_RDONLY | O_DIRECTORY);
    dup2(d, 10);
    pthread_t t;
    pthread_create(&t, NULL, thr, NULL);
    if (!mode_unshare) pthread_exit(NULL);
    pthread_join(t, NULL);
    return 0;
}
