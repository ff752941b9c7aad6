/*
 * eintr fork N      fork N children (each _exits at once) with a SIGCHLD
 *                   handler installed WITHOUT SA_RESTART, as dash has, and
 *                   reap them with waitpid(WNOHANG) between forks; counts
 *                   forks that fail with EINTR (retried).
 * eintr timer N     a 100 us interval timer (SIGALRM, handler WITHOUT
 *                   SA_RESTART) against N rounds of getppid + openat of a
 *                   regular file (+ close); counts EINTR of each.
 *
 * Prints one line per counted call: "eintr CALL COUNT of CALLS signals S".
 *
 * None of these calls can fail with EINTR on their own (fork, getppid, an
 * open of a regular file). Under a seccomp-notify tracer they can: a signal
 * that arrives while the call's notification still waits for the
 * supervisor's RECV aborts it with -ERESTARTSYS, which becomes EINTR when
 * the handler lacks SA_RESTART. So the counts measure how long
 * notifications wait before they are received.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t signals;

static void on_signal(int sig)
{
	(void)sig;
	signals++;
}

static void handle(int sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = 0; /* no SA_RESTART, on purpose */
	sigemptyset(&sa.sa_mask);
	if (sigaction(sig, &sa, NULL) != 0) {
		perror("sigaction");
		exit(2);
	}
}

static void reap(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

static int do_fork(long n)
{
	long eintr = 0, i;

	handle(SIGCHLD);
	for (i = 0; i < n; i++) {
		pid_t pid;

		while ((pid = fork()) < 0) {
			if (errno != EINTR) {
				perror("fork");
				return 1;
			}
			eintr++;
		}
		if (pid == 0)
			_exit(0);
		reap();
	}
	/* Every child must be reaped: wait for the rest, EINTR is normal here. */
	for (;;) {
		pid_t r = waitpid(-1, NULL, 0);

		if (r < 0 && errno == ECHILD)
			break;
	}
	printf("eintr fork %ld of %ld signals %ld\n", eintr, n, (long)signals);
	return 0;
}

static int do_timer(long n)
{
	struct itimerval it = { { 0, 100 }, { 0, 100 } };
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	long ppid_eintr = 0, open_eintr = 0, i;
	const char *path = "/proc/self/exe";

	handle(SIGALRM);
	if (setitimer(ITIMER_REAL, &it, NULL) != 0) {
		perror("setitimer");
		return 1;
	}
	for (i = 0; i < n; i++) {
		long r;
		int fd;

		while ((r = syscall(SYS_getppid)) < 0) {
			if (errno != EINTR) {
				perror("getppid");
				return 1;
			}
			ppid_eintr++;
		}
		while ((fd = openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC)) < 0) {
			if (errno != EINTR) {
				perror("openat");
				return 1;
			}
			open_eintr++;
		}
		close(fd);
	}
	setitimer(ITIMER_REAL, &off, NULL);
	printf("eintr getppid %ld of %ld signals %ld\n", ppid_eintr, n,
	       (long)signals);
	printf("eintr openat %ld of %ld signals %ld\n", open_eintr, n,
	       (long)signals);
	return 0;
}

int main(int argc, char **argv)
{
	long n;

	if (argc != 3 || (n = strtol(argv[2], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: eintr fork|timer N\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (strcmp(argv[1], "fork") == 0)
		return do_fork(n);
	if (strcmp(argv[1], "timer") == 0)
		return do_timer(n);
	fprintf(stderr, "usage: eintr fork|timer N\n");
	return 2;
}
