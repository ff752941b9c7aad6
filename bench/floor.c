/*
 * floor -- CMD ARGS...
 *
 * The minimal seccomp-user-notification supervisor: the cost floor for any
 * notify-based tracer. It does only what every such tracer must do per
 * traced call: RECV the notification and SEND a CONTINUE. No decoding, no
 * memory reads, no output.
 *
 * Child:  NO_NEW_PRIVS; a BPF filter (arch == X86_64 && nr == getppid ->
 *         USER_NOTIF, everything else ALLOW) installed with NEW_LISTENER
 *         (+ WAIT_KILLABLE_RECV when the kernel accepts it); sends the
 *         listener fd number to the parent over a pipe, waits for the
 *         parent's ack (the listener is O_CLOEXEC, so it must be taken
 *         before exec), then execs CMD.
 * Parent: takes the listener with pidfd_open + pidfd_getfd, sets
 *         SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (tolerating failure on kernels
 *         before 6.6), then loops poll / RECV / SEND(CONTINUE) until the
 *         listener reports POLLHUP (no task uses the filter any more).
 *         ENOENT from RECV/SEND (call abandoned) is normal.
 *         Checked on Linux 6.18: POLLHUP comes once the last task using
 *         the filter has exited, before the parent reaps it.
 *         Then waits for the child and exits with its status (128+N if it
 *         was killed by signal N).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV
#define SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV (1UL << 5)
#endif
#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS 0x40082104UL
#endif
#ifndef SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP
#define SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP 1UL
#endif

static void die(const char *what)
{
	fprintf(stderr, "floor: %s: %s\n", what, strerror(errno));
	exit(127);
}

static int install_filter(void)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {
		.len = sizeof(insns) / sizeof(insns[0]),
		.filter = insns,
	};
	int fd;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		die("PR_SET_NO_NEW_PRIVS");
	fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
		     SECCOMP_FILTER_FLAG_NEW_LISTENER |
			     SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV,
		     &prog);
	if (fd < 0 && errno == EINVAL) /* kernel < 5.19 */
		fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
			     SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
	if (fd < 0)
		die("seccomp(SET_MODE_FILTER, NEW_LISTENER)");
	return fd;
}

int main(int argc, char **argv)
{
	int fdpipe[2], ackpipe[2];
	int remote_fd, listener, pidfd, status = 0;
	pid_t pid;

	if (argc < 3 || strcmp(argv[1], "--") != 0) {
		fprintf(stderr, "usage: floor -- cmd args...\n");
		return 2;
	}
	if (pipe2(fdpipe, O_CLOEXEC) || pipe2(ackpipe, O_CLOEXEC))
		die("pipe2");

	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		char ack;
		int fd = install_filter();

		if (write(fdpipe[1], &fd, sizeof(fd)) != sizeof(fd))
			die("write listener fd number");
		/* Block until the parent holds its own copy of the listener. */
		if (read(ackpipe[0], &ack, 1) != 1)
			_exit(127);
		close(fd);
		execvp(argv[2], argv + 2);
		die("execvp");
	}

	close(fdpipe[1]);
	close(ackpipe[0]);
	if (read(fdpipe[0], &remote_fd, sizeof(remote_fd)) !=
	    sizeof(remote_fd)) {
		fprintf(stderr, "floor: child failed before installing the filter\n");
		waitpid(pid, &status, 0);
		return 127;
	}
	pidfd = syscall(SYS_pidfd_open, pid, 0);
	if (pidfd < 0)
		die("pidfd_open");
	listener = syscall(SYS_pidfd_getfd, pidfd, remote_fd, 0);
	if (listener < 0)
		die("pidfd_getfd");
	if (write(ackpipe[1], "x", 1) != 1)
		die("write ack");
	close(ackpipe[1]);
	close(fdpipe[0]);

	/* Kernel >= 6.6: wake the supervisor on the same CPU, synchronously. */
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_SET_FLAGS,
		  SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP) != 0)
		fprintf(stderr, "floor: SYNC_WAKE_UP not available: %s\n",
			strerror(errno));

	for (;;) {
		struct pollfd pfd = { .fd = listener, .events = POLLIN };
		struct seccomp_notif req;
		struct seccomp_notif_resp resp;

		if (poll(&pfd, 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			die("poll");
		}
		if (pfd.revents & POLLIN) {
			memset(&req, 0, sizeof(req));
			if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req) != 0) {
				if (errno == ENOENT || errno == EINTR)
					continue;
				die("SECCOMP_IOCTL_NOTIF_RECV");
			}
			memset(&resp, 0, sizeof(resp));
			resp.id = req.id;
			resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
			if (ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp) != 0 &&
			    errno != ENOENT)
				die("SECCOMP_IOCTL_NOTIF_SEND");
			continue;
		}
		if (pfd.revents & (POLLHUP | POLLERR))
			break;
	}
	if (waitpid(pid, &status, 0) != pid)
		die("waitpid");
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
