// On a terminal: the tracee sets TOSTOP, moves itself into a process group
// of its own and makes that the foreground group. notrace, now in the
// background, is stopped by SIGTTOU at its next write of an event to the
// terminal, and every covered call hangs.
// usage (on a tty): notrace -e none --deny 'openat path=/x' -- ttystop SECRET
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IONBF, 0);
    struct termios t;
    if (tcgetattr(0, &t)) { printf("ttystop: stdin is not a tty\n"); return 2; }
    t.c_lflag |= TOSTOP;
    tcsetattr(0, TCSANOW, &t);
    signal(SIGTTOU, SIG_IGN);
    setpgid(0, 0);
    int r = tcsetpgrp(0, getpgrp());
    printf("ttystop: tcsetpgrp = %d\n", r);
    int fd = open(argc > 1 ? argv[1] : "/tmp/d/secret", O_RDONLY); // denied: notrace writes an event
    printf("ttystop: denied open = %d\n", fd);
    fd = open("/etc/hostname", O_RDONLY);
    printf("ttystop: allowed open = %d\n", fd);
    return 0;
}
