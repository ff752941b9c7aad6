// A regular-file open that blocks: another process holds a write lease on
// the file, so open(2) waits in break_lease() (interruptibly) until the
// holder lets go or lease-break-time passes. notrace reopens regular files
// on its supervisor thread: the open is no longer interruptible, and every
// covered call of every tracee waits with it.
// usage: lease DIR  -> prints how the opener's open ended and how long a
//                      third process's unrelated open took meanwhile
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static void on_alarm(int s) { (void)s; }
int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IONBF, 0);
    char f[4096];
    snprintf(f, sizeof f, "%s/leased", argc > 1 ? argv[1] : "/tmp/rt");
    unlink(f);
    int w = open(f, O_CREAT | O_WRONLY, 0644); close(w);
    int pp[2]; pipe(pp);
    pid_t holder = fork();
    if (holder == 0) {
        signal(SIGIO, SIG_IGN); // the lease break notice, ignored
        int fd = open(f, O_WRONLY);
        if (fcntl(fd, F_SETLEASE, F_WRLCK)) { printf("lease: F_SETLEASE: %s\n", strerror(errno)); _exit(1); }
        write(pp[1], "x", 1);
        alarm(5); // bounds the wait: the lease goes with the holder
        pause();
        _exit(0);
    }
    char c; read(pp[0], &c, 1);
    pid_t other = fork();
    if (other == 0) {
        usleep(300000);
        double t0 = now();
        int fd = open("/etc/hostname", O_RDONLY);
        printf("lease: unrelated open in another process took %.1f s (%s)\n", now() - t0, fd >= 0 ? "ok" : strerror(errno));
        _exit(0);
    }
    struct sigaction sa = {.sa_handler = on_alarm}; // no SA_RESTART
    sigaction(SIGALRM, &sa, NULL);
    alarm(1);
    double t0 = now();
    int fd = open(f, O_RDONLY);
    printf("lease: open of the leased file: %s after %.1f s\n", fd >= 0 ? "ok" : strerrorname_np(errno), now() - t0);
    waitpid(other, NULL, 0);
    kill(holder, SIGKILL); waitpid(holder, NULL, 0);
    return 0;
}
