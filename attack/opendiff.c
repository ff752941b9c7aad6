// Differential check of open-family edge cases: run bare and under
// notrace (with any path rule) and diff the output.
// usage: opendiff DIR (a scratch dir, recreated)
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
static const char *D;
static char buf[8192];
static void res(const char *what, int fd) {
    if (fd < 0) { printf("%-60s -> %s\n", what, strerrorname_np(errno)); return; }
    struct stat st; fstat(fd, &st);
    int fl = fcntl(fd, F_GETFL);
    char p[64], t[4096] = {0};
    snprintf(p, sizeof p, "/proc/self/fd/%d", fd);
    readlink(p, t, sizeof t - 1);
    const char *rel = strncmp(t, D, strlen(D)) ? t : t + strlen(D);
    printf("%-60s -> ok mode=%o fl=%o path=%s\n", what, st.st_mode, fl & ~O_LARGEFILE, rel);
    close(fd);
}
#define O(path, flags, mode) do { snprintf(buf, sizeof buf, "open(%s,%s)", path, #flags); res(buf, open(path, flags, mode)); } while (0)
static void o2(int dfd, const char *path, long long flags, long long resolve, const char *what) {
    struct open_how h = {.flags = flags, .resolve = resolve};
    snprintf(buf, sizeof buf, "openat2(%s,%s)", path, what);
    res(buf, syscall(SYS_openat2, dfd, path, &h, sizeof h));
}
int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IONBF, 0);
    D = argv[1];
    char c[4200];
    snprintf(c, sizeof c, "rm -rf %s && mkdir -p %s/dir/sub && cd %s && echo f > file && ln -s file lnk && ln -s nowhere dangle && ln -s dir dlnk && ln -s /etc abs && mkfifo fifo && ln -s lnk lnk2 && ln -s loop loop && chmod 000 dir/sub", D, D, D);
    if (system(c)) return 2;
    if (chdir(D)) return 2;
    umask(027);
    O("file", O_RDONLY, 0); O("file/", O_RDONLY, 0); O("file/.", O_RDONLY, 0); O("dir/", O_RDONLY, 0);
    O("dir", O_WRONLY, 0); O("dir", O_RDONLY | O_CREAT, 0644); O("dir/", O_CREAT | O_RDONLY, 0644);
    O("new/", O_CREAT | O_RDONLY, 0644); O("newf", O_CREAT | O_EXCL | O_WRONLY, 0666);
    O("newf", O_CREAT | O_EXCL | O_WRONLY, 0666); O("lnk", O_NOFOLLOW | O_RDONLY, 0);
    O("lnk", O_PATH | O_NOFOLLOW, 0); O("dangle", O_CREAT | O_WRONLY, 0600); O("dangle", O_CREAT | O_EXCL | O_WRONLY, 0600);
    O("dlnk/", O_RDONLY, 0); O("dlnk/.", O_RDONLY, 0); O("lnk/", O_RDONLY, 0); O("loop", O_RDONLY, 0);
    O("lnk2", O_RDONLY, 0); O("abs/hostname", O_RDONLY, 0); O("", O_RDONLY, 0); O(".", O_RDONLY, 0);
    O("..", O_RDONLY | O_DIRECTORY, 0); O("dir/sub/x", O_RDONLY, 0); O("dir/sub", O_RDONLY, 0);
    O("file", O_RDONLY | O_DIRECTORY, 0); O("dir", O_TMPFILE | O_RDWR, 0600); O("file", O_TMPFILE | O_RDWR, 0600);
    O("dir", O_TMPFILE | O_RDONLY, 0600); O("fifo", O_RDONLY | O_NONBLOCK, 0); O("fifo", O_WRONLY | O_NONBLOCK, 0);
    O("file", O_RDWR | O_TRUNC | O_APPEND, 0); O("file", O_WRONLY | O_CREAT | O_DIRECTORY, 0600);
    O("newd", O_CREAT | O_DIRECTORY | O_RDONLY, 0600); O("/proc/self/fd/0", O_RDONLY, 0);
    O("/proc/self/exe", O_RDONLY, 0); O("/dev/null", O_RDWR, 0); O("/dev/tty", O_RDWR, 0);
    O("/proc/self/cwd/file", O_RDONLY, 0); O("/proc/thread-self/comm", O_RDONLY, 0);
    O("/proc/self/root/etc/hostname", O_RDONLY, 0); O("/proc/self/fd/", O_RDONLY, 0);
    O("/proc/self/ns/mnt", O_RDONLY, 0); O("/proc/self/mounts", O_RDONLY, 0);
    O("/proc/self/fd/1/", O_RDONLY, 0); O("file\\", O_RDONLY, 0); O("//file", O_RDONLY, 0);
    O("/sys/kernel/mm", O_RDONLY, 0); O("/proc/self/task", O_RDONLY | O_DIRECTORY, 0);
    O("newdir_no/x", O_CREAT | O_WRONLY, 0600); O("file", O_RDONLY | O_NOATIME, 0);
    O("file", O_RDONLY | O_DIRECT, 0); O("file", 3, 0); O("dir", 3, 0);
    int dfd = open("dir", O_PATH);
    o2(dfd, "..", O_RDONLY, RESOLVE_BENEATH, "BENEATH");
    o2(dfd, "../file", O_RDONLY, RESOLVE_IN_ROOT, "IN_ROOT");
    o2(dfd, "/etc/hostname", O_RDONLY, RESOLVE_IN_ROOT, "IN_ROOT abs");
    o2(AT_FDCWD, "lnk", O_RDONLY, RESOLVE_NO_SYMLINKS, "NO_SYMLINKS");
    o2(AT_FDCWD, "/proc/self/exe", O_RDONLY, RESOLVE_NO_MAGICLINKS, "NO_MAGICLINKS");
    o2(AT_FDCWD, "/proc/self/exe", O_RDONLY, RESOLVE_BENEATH, "BENEATH magic");
    o2(AT_FDCWD, "/proc/self/exe", O_RDONLY, RESOLVE_NO_XDEV, "NO_XDEV");
    o2(AT_FDCWD, "/proc/self/cwd/file", O_RDONLY, RESOLVE_NO_XDEV, "NO_XDEV cwd");
    o2(AT_FDCWD, "abs/hostname", O_RDONLY, RESOLVE_NO_XDEV, "NO_XDEV abs");
    o2(AT_FDCWD, "file", O_RDONLY, RESOLVE_CACHED, "CACHED");
    o2(AT_FDCWD, "file", O_RDONLY | O_CREAT, 0, "creat no mode");
    o2(AT_FDCWD, "file", O_RDONLY, 0x40, "unknown resolve");
    o2(AT_FDCWD, "file", O_RDONLY | (1LL << 40), 0, "high flag");
    o2(AT_FDCWD, "dir/sub/x", O_RDONLY, RESOLVE_BENEATH, "BENEATH abs no");
    o2(dfd, "sub/../../dir/sub/..", O_RDONLY, RESOLVE_BENEATH, "BENEATH back in");
    o2(dfd, "", O_RDONLY, 0, "empty dfd");
    res("creat(newc)", creat("newc", 0777));
    struct stat st; stat("newc", &st); printf("newc mode %o\n", st.st_mode);
    stat("newf", &st); printf("newf mode %o\n", st.st_mode);
    return 0;
}
