// openat2(RESOLVE_IN_ROOT) must never resolve outside its root: the kernel
// returns EAGAIN when a rename races a ".." (rename_lock). notrace's
// step-by-step walk compares each ".." against the root only by identity,
// so a directory moved out of the root mid-walk lets ".." climb past it.
// usage: inroot DIR  (creates DIR/root/{a/b,etc/hostname}; reads
// "etc/hostname" through a/b/../../../..: inside the root it says "inside")
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
static char in[4096], out[4096];
static volatile int stop;
static void *flip(void *a) {
    (void)a;
    while (!stop) { rename(in, out); rename(out, in); }
    return NULL;
}
int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IONBF, 0);
    const char *d = argc > 1 ? argv[1] : "/tmp/rt";
    char p[4096];
    snprintf(p, sizeof p, "mkdir -p %s/root/a/b/c/d/e %s/root/etc && echo inside > %s/root/etc/hostname", d, d, d);
    if (system(p)) return 2;
    snprintf(in, sizeof in, "%s/root/a/b", d);
    snprintf(out, sizeof out, "%s/b-out", d);
    snprintf(p, sizeof p, "%s/root", d);
    int root = open(p, O_PATH | O_DIRECTORY);
    pthread_t t;
    pthread_create(&t, NULL, flip, NULL);
    struct open_how how = {.flags = O_RDONLY, .resolve = RESOLVE_IN_ROOT};
    long n = 0, eagain = 0, escaped = 0;
    time_t end = time(NULL) + 5;
    while (time(NULL) < end && !escaped) {
        int fd = syscall(SYS_openat2, root, "a/b/c/d/e/../../../../../../../../../../etc/hostname", &how, sizeof how);
        n++;
        if (fd < 0) { if (errno == EAGAIN) eagain++; continue; }
        char buf[256] = {0};
        read(fd, buf, sizeof buf - 1);
        close(fd);
        if (strcmp(buf, "inside\n")) {
            snprintf(p, sizeof p, "/proc/self/fd/%d", fd);
            printf("inroot: ESCAPED the root after %ld tries: read \"%.40s\"\n", n, buf);
            escaped = 1;
        }
    }
    stop = 1;
    pthread_join(t, NULL);
    rename(out, in);
    printf("inroot: %ld tries, %ld EAGAIN, escaped=%ld\n", n, eagain, escaped);
    return escaped ? 1 : 0;
}
