// Connecting to a unix socket through /proc/self/fd/N (an O_PATH fd of the
// socket file: the usual way around sun_path's 108 bytes) must reach the
// tracee's own fd N. notrace opens the name itself, where /proc/self is
// notrace. usage: procfdsock DIR
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
int main(int argc, char **argv) {
    const char *d = argc > 1 ? argv[1] : "/tmp/rt";
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    snprintf(a.sun_path, sizeof a.sun_path, "%s/psock", d);
    unlink(a.sun_path);
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    if (bind(s, (void *)&a, sizeof a) || listen(s, 4)) { printf("bind: %s\n", strerror(errno)); return 1; }
    int o = open(a.sun_path, O_PATH);
    // Make fd numbers of interest high and unusual in notrace.
    int hi = dup2(o, 200);
    struct sockaddr_un b = {.sun_family = AF_UNIX};
    snprintf(b.sun_path, sizeof b.sun_path, "/proc/self/fd/%d", hi);
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    int r = connect(c, (void *)&b, sizeof b);
    printf("procfdsock: connect(%s) = %s\n", b.sun_path, r ? strerror(errno) : "ok");
    return r ? 1 : 0;
}
