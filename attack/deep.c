// A directory deeper than PATH_MAX: readlink(/proc/self/fd/N) fails there,
// so notrace knows neither the lexical nor the real path of what is opened.
//   deep DIR : chdir down DIR/aaa.../ (>4096 bytes), create "f" with
//              O_CREAT (bare: works), then open it again
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IONBF, 0);
    const char *d = argc > 1 ? argv[1] : "/tmp/rt/deep";
    mkdir(d, 0777);
    if (chdir(d)) { perror("chdir"); return 2; }
    char comp[201];
    memset(comp, 'a', 200); comp[200] = 0;
    for (int i = 0; i < 25; i++) { mkdir(comp, 0777); if (chdir(comp)) { perror("chdir comp"); return 2; } }
    int fd = open("f", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    printf("deep: open(f, O_CREAT) = %s\n", fd >= 0 ? "ok" : strerror(errno));
    if (fd < 0) { if (mknod("f", S_IFREG | 0644, 0)) perror("mknod"); } else { write(fd, "deep secret\n", 12); close(fd); }
    fd = open("f", O_RDONLY);
    printf("deep: open(f, O_RDONLY) = %s\n", fd >= 0 ? "ok" : strerror(errno));
    return 0;
}
