// Races the O_CREAT path notrace takes for a name that is missing when it
// walks: another thread puts something at the name before notrace's
// openat2(parent, name, O_CREAT|...) runs, which then opens what is there.
//   creatrace fifo DIR        : a FIFO appears -> notrace's supervisor
//                               thread blocks in open(2) of it (all
//                               covered calls of every tracee hang)
//   creatrace trunc DIR SECRET: a hard link to SECRET appears -> O_TRUNC
//                               truncates the denied file before the
//                               check refuses the open
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <signal.h>
#include <sys/time.h>
static void on_alarm(int s) { (void)s; }
static char name[4096];
static const char *secret;
static int fifo;
static volatile int stop;
static void *flip(void *a) {
    (void)a;
    while (!stop) {
        if (fifo) mkfifo(name, 0600); else link(secret, name);
        unlink(name);
    }
    return NULL;
}
int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc < 3) return 2;
    fifo = !strcmp(argv[1], "fifo");
    secret = argc > 3 ? argv[3] : "";
    snprintf(name, sizeof name, "%s/x", argv[2]);
    unlink(name);
    struct stat st0;
    if (!fifo && stat(secret, &st0)) { perror("stat secret"); return 2; }
    // A blocked FIFO open is interrupted (EINTR) every 100 ms, as in any
    // program with a timer: it must stay so under notrace.
    struct sigaction sa = {.sa_handler = on_alarm};
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = {{0, 100000}, {0, 100000}};
    setitimer(ITIMER_REAL, &it, NULL);
    pthread_t t;
    sigset_t ss; sigemptyset(&ss); sigaddset(&ss, SIGALRM);
    pthread_sigmask(SIG_BLOCK, &ss, NULL);
    pthread_create(&t, NULL, flip, NULL);
    pthread_sigmask(SIG_UNBLOCK, &ss, NULL);
    time_t end = time(NULL) + 10;
    long n = 0;
    while (time(NULL) < end) {
        int fd = open(name, fifo ? (O_CREAT | O_RDONLY) : (O_CREAT | O_WRONLY | O_TRUNC), 0600);
        if (fd >= 0) { close(fd); unlink(name); }
        n++;
        if (!fifo) {
            struct stat st;
            if (stat(secret, &st) == 0 && st.st_size != st0.st_size) {
                printf("creatrace: denied file %s truncated (size %ld -> %ld) after %ld opens\n",
                       secret, (long)st0.st_size, (long)st.st_size, n);
                stop = 1;
                return 1;
            }
        }
    }
    stop = 1;
    pthread_join(t, NULL);
    printf("creatrace: %ld opens, nothing happened\n", n);
    return 0;
}
