/*
 * floor [-p] [-r [-m WHERE] [-R] [-P PAGES]] [-e CALL[,CALL...]] -- CMD ARGS...
 *
 * The minimal seccomp-user-notification supervisor: the cost floor for any
 * notify-based tracer. It does only what every such tracer must do per
 * traced call: RECV the notification and SEND a CONTINUE. No decoding, no
 * memory reads, no output. It wraps a real command, so it can stand in for
 * notrace in front of any workload (bench/run.sh, bench/eintr.sh).
 *
 *   -e CALLS  the notified calls, by name (the few a benchmark needs, see
 *             CALLS below) or number; default getppid. Every other call is
 *             allowed in the kernel.
 *   -p        poll the listener before each RECV (the shape of a tracer
 *             that also waits on other fds). Without -p the loop is a
 *             blocking RECV, which is the fastest possible supervisor.
 *   -r        also collect return values the way notrace does (issue 9):
 *             one perf event per notified call and CPU on the child
 *             (syscalls:sys_exit_NAME; inherit, enable_on_exec, watermark
 *             at half a 64 KiB ring, the CPU's events sharing one ring),
 *             and after each RECV walk every ring's new records and count
 *             the exit samples (printed on stderr at the end). The floor
 *             of a results-collecting notify tracer: what the kernel side
 *             of the mechanism costs, with no pairing or output.
 *   -m WHERE  with -r, where the events are attached (an experiment, see
 *             docs/bench-results.md): task (the default, as notrace:
 *             pid = the child, inherit); cpu (CPU-wide, pid = -1: every
 *             process's calls, the child's counted apart); cgroup (CPU-wide
 *             restricted with PERF_FLAG_PID_CGROUP to a new cgroup v2 the
 *             child is moved into before its exec); cgroup-all (the same
 *             cgroup holding floor itself too, so that a switch between
 *             supervisor and child stays inside it).
 *   -R        with -r, one raw_syscalls:sys_exit event filtered on the
 *             calls' numbers instead of the per-call events.
 *   -P PAGES  with -r, data pages per ring (a power of two; default 16).
 *
 * Child:  NO_NEW_PRIVS; a BPF filter (arch == X86_64 && nr in CALLS ->
 *         USER_NOTIF, everything else ALLOW) installed with NEW_LISTENER
 *         (+ WAIT_KILLABLE_RECV when the kernel accepts it); sends the
 *         listener fd number to the parent over a pipe, waits for the
 *         parent's ack (the listener is O_CLOEXEC, so it must be taken
 *         before exec), then execs CMD.
 * Parent: takes the listener with pidfd_open + pidfd_getfd, sets
 *         SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (tolerating failure on kernels
 *         before 6.6), then loops RECV / SEND(CONTINUE) until no task uses
 *         the filter any more. A blocking RECV returns ENOENT both for an
 *         abandoned call and once the last task is gone; a zero-timeout
 *         poll (POLLHUP) tells the two apart. With -p: poll / RECV / SEND
 *         until POLLHUP. ENOENT from RECV/SEND (call abandoned) is normal.
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
#include <linux/perf_event.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
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

static const struct {
	const char *name;
	int nr;
} CALLS[] = {
	{ "getppid", __NR_getppid },	{ "getpid", __NR_getpid },
	{ "openat", __NR_openat },	{ "open", __NR_open },
	{ "close", __NR_close },	{ "read", __NR_read },
	{ "write", __NR_write },	{ "fork", __NR_fork },
	{ "vfork", __NR_vfork },	{ "clone", __NR_clone },
	{ "clone3", __NR_clone3 },	{ "execve", __NR_execve },
	{ "exit_group", __NR_exit_group }, { "wait4", __NR_wait4 },
	{ "kill", __NR_kill },		{ "rt_sigreturn", __NR_rt_sigreturn },
};
#define MAX_CALLS 64

static int parse_calls(char *spec, int *nrs)
{
	int n = 0;
	char *tok, *save = NULL;

	for (tok = strtok_r(spec, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		size_t i;
		char *end;
		long v = strtol(tok, &end, 10);

		if (n == MAX_CALLS) {
			fprintf(stderr, "floor: at most %d calls\n", MAX_CALLS);
			exit(2);
		}
		if (*tok && !*end) {
			nrs[n++] = (int)v;
			continue;
		}
		for (i = 0; i < sizeof(CALLS) / sizeof(CALLS[0]); i++)
			if (strcmp(CALLS[i].name, tok) == 0)
				break;
		if (i == sizeof(CALLS) / sizeof(CALLS[0])) {
			fprintf(stderr, "floor: unknown call '%s' (give its number)\n",
				tok);
			exit(2);
		}
		nrs[n++] = CALLS[i].nr;
	}
	return n;
}

/* -r: the rings of the exit events, one per CPU. */
static long RING_PAGES = 16;
#define MAX_CPUS 256
static struct perf_event_mmap_page *rings[MAX_CPUS];
static int nrings;
static long exit_samples, child_samples, lost_records;
static pid_t child_pid;
enum where { AT_TASK, AT_CPU, AT_CGROUP, AT_CGROUP_ALL };
static enum where where = AT_TASK;
static int raw_event;
static char cgroup_dir[1100];
static int cgroup_fd = -1;

/* The cgroup v2 mount point (hybrid systems have it at .../unified). */
static int cgroup2_root(char *out, size_t len)
{
	FILE *f = fopen("/proc/self/mountinfo", "r");
	char line[4096];

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char mnt[1024], *dash = strstr(line, " - ");

		if (!dash || strncmp(dash + 3, "cgroup2 ", 8) != 0)
			continue;
		if (sscanf(line, "%*s %*s %*s %*s %1023s", mnt) == 1) {
			snprintf(out, len, "%s", mnt);
			fclose(f);
			return 0;
		}
	}
	fclose(f);
	return -1;
}

static void cgroup_make(void)
{
	char root[1024];

	if (cgroup2_root(root, sizeof(root)) != 0) {
		fprintf(stderr, "floor: -m cgroup: no cgroup2 mount\n");
		exit(127);
	}
	snprintf(cgroup_dir, sizeof(cgroup_dir), "%s/floor-%d", root, (int)getpid());
	if (mkdir(cgroup_dir, 0755) != 0)
		die("mkdir cgroup");
	cgroup_fd = open(cgroup_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (cgroup_fd < 0)
		die("open cgroup");
}

static void cgroup_enter(pid_t pid)
{
	char path[1200], num[32];
	int fd, n;

	snprintf(path, sizeof(path), "%s/cgroup.procs", cgroup_dir);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	n = snprintf(num, sizeof(num), "%d", (int)pid);
	if (fd < 0 || write(fd, num, n) != n)
		die("cgroup.procs");
	close(fd);
}

/* Back to the root cgroup, then the directory goes. */
static void cgroup_remove(void)
{
	char root[1024], path[1100];
	int fd;

	if (!cgroup_dir[0])
		return;
	if (where == AT_CGROUP_ALL && cgroup2_root(root, sizeof(root)) == 0) {
		snprintf(path, sizeof(path), "%s/cgroup.procs", root);
		fd = open(path, O_WRONLY | O_CLOEXEC);
		if (fd >= 0) {
			if (write(fd, "0", 1) != 1)
				perror("floor: leaving the cgroup");
			close(fd);
		}
	}
	if (rmdir(cgroup_dir) != 0)
		perror("floor: rmdir cgroup");
}

static long read_id(const char *root, const char *name)
{
	char path[256];
	long id = -1;
	FILE *f;

	if (strcmp(name, "@raw") == 0)
		snprintf(path, sizeof(path), "%s/events/raw_syscalls/sys_exit/id",
			 root);
	else
		snprintf(path, sizeof(path), "%s/events/syscalls/sys_exit_%s/id",
			 root, name);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%ld", &id) != 1)
		id = -1;
	fclose(f);
	return id;
}

/*
 * The event's id from tracefs; where tracefs is not mounted, from a
 * private mount made by a helper in its own mount namespace (as notrace
 * does), so that the machine's mounts stay as they were.
 */
static long tracepoint_id(const char *name)
{
	long id = read_id("/sys/kernel/tracing", name);
	int p[2], status;
	pid_t helper;

	if (id >= 0 || (id = read_id("/sys/kernel/debug/tracing", name)) >= 0)
		return id;
	if (pipe(p) != 0)
		die("pipe");
	helper = fork();
	if (helper < 0)
		die("fork");
	if (helper == 0) {
		id = -1;
		if (unshare(CLONE_NEWNS) == 0 &&
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0 &&
		    mount("nodev", "/sys/kernel/tracing", "tracefs", 0, NULL) == 0)
			id = read_id("/sys/kernel/tracing", name);
		if (write(p[1], &id, sizeof(id)) != sizeof(id))
			_exit(1);
		_exit(0);
	}
	close(p[1]);
	if (read(p[0], &id, sizeof(id)) != sizeof(id))
		id = -1;
	close(p[0]);
	waitpid(helper, &status, 0);
	return id;
}

static const char *call_name(int nr)
{
	for (size_t i = 0; i < sizeof(CALLS) / sizeof(CALLS[0]); i++)
		if (CALLS[i].nr == nr)
			return CALLS[i].name;
	return NULL;
}

static void open_exit_events(pid_t pid, const int *nrs, int count)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN), page = sysconf(_SC_PAGESIZE);

	if (ncpu > MAX_CPUS)
		ncpu = MAX_CPUS;
	for (int cpu = 0; cpu < ncpu; cpu++) {
		int ring_fd = -1;

		for (int i = 0; i < (raw_event ? 1 : count); i++) {
			struct perf_event_attr a;
			const char *name = raw_event ? "@raw" : call_name(nrs[i]);
			long id = name ? tracepoint_id(name) : -1;
			int fd, target = pid;
			unsigned long flags = PERF_FLAG_FD_CLOEXEC;

			if (id < 0) {
				fprintf(stderr, "floor: -r: no sys_exit event for call %d\n",
					nrs[i]);
				exit(127);
			}
			memset(&a, 0, sizeof(a));
			a.type = PERF_TYPE_TRACEPOINT;
			a.size = sizeof(a);
			a.config = id;
			a.sample_period = 1;
			a.sample_type = PERF_SAMPLE_TID | PERF_SAMPLE_TIME |
					PERF_SAMPLE_CPU | PERF_SAMPLE_RAW;
			a.disabled = 1;
			a.inherit = 1;
			a.enable_on_exec = 1;
			a.task = ring_fd < 0;
			a.watermark = 1;
			a.wakeup_watermark = RING_PAGES * page / 2;
			a.sample_id_all = 1;
			a.use_clockid = 1;
			a.clockid = CLOCK_MONOTONIC;
			if (where != AT_TASK) {
				/* CPU-wide: nothing to inherit, on at once. */
				a.inherit = 0;
				a.enable_on_exec = 0;
				a.disabled = 0;
				target = -1;
			}
			if (where == AT_CGROUP || where == AT_CGROUP_ALL) {
				target = cgroup_fd;
				flags |= PERF_FLAG_PID_CGROUP;
			}
			fd = syscall(SYS_perf_event_open, &a, target, cpu, -1, flags);
			if (fd < 0)
				die("perf_event_open");
			if (raw_event) {
				char f[64 * 16] = "", one[32];

				for (int k = 0; k < count; k++) {
					snprintf(one, sizeof(one), "%sid == %d",
						 k ? " || " : "", nrs[k]);
					strcat(f, one);
				}
				if (ioctl(fd, PERF_EVENT_IOC_SET_FILTER, f) != 0)
					die("PERF_EVENT_IOC_SET_FILTER");
			}
			if (ring_fd >= 0) {
				if (ioctl(fd, PERF_EVENT_IOC_SET_OUTPUT, ring_fd) != 0)
					die("PERF_EVENT_IOC_SET_OUTPUT");
				continue;
			}
			ring_fd = fd;
			rings[nrings] = mmap(NULL, (1 + RING_PAGES) * page,
					     PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
			if (rings[nrings] == MAP_FAILED)
				die("mmap perf ring");
			nrings++;
		}
	}
}

/* Walks the records written since the last call; counts the samples. */
static void drain_rings(void)
{
	for (int i = 0; i < nrings; i++) {
		struct perf_event_mmap_page *m = rings[i];
		unsigned long long head = __atomic_load_n(&m->data_head, __ATOMIC_ACQUIRE);
		unsigned long long tail = m->data_tail;
		char *data = (char *)m + m->data_offset;

		while (tail < head) {
			struct perf_event_header *h =
				(void *)(data + tail % m->data_size);

			if (h->type == PERF_RECORD_SAMPLE) {
				/* The sample starts with pid, tid (a record may
				 * wrap around the ring's end: then not looked at). */
				unsigned long long off = tail % m->data_size;

				exit_samples++;
				if (off + sizeof(*h) + 4 <= m->data_size &&
				    *(int *)(data + off + sizeof(*h)) == child_pid)
					child_samples++;
			} else if (h->type == PERF_RECORD_LOST) {
				lost_records++;
			}
			tail += h->size;
		}
		__atomic_store_n(&m->data_tail, tail, __ATOMIC_RELEASE);
	}
}

static int install_filter(const int *nrs, int count)
{
	struct sock_filter insns[MAX_CALLS + 5];
	struct sock_fprog prog;
	int fd, i, len = 0;

	insns[len++] = (struct sock_filter)BPF_STMT(
		BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
	/* Not x86_64: skip the number load and tests, to ALLOW. */
	insns[len++] = (struct sock_filter)BPF_JUMP(
		BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, count + 1);
	insns[len++] = (struct sock_filter)BPF_STMT(
		BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
	for (i = 0; i < count; i++)
		/* Match: jump to NOTIFY, past the remaining tests and ALLOW. */
		insns[len++] = (struct sock_filter)BPF_JUMP(
			BPF_JMP | BPF_JEQ | BPF_K, nrs[i], count - i, 0);
	insns[len++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
						    SECCOMP_RET_ALLOW);
	insns[len++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
						    SECCOMP_RET_USER_NOTIF);
	prog.len = len;
	prog.filter = insns;

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

static void answer(int listener, struct seccomp_notif *req)
{
	struct seccomp_notif_resp resp;

	memset(&resp, 0, sizeof(resp));
	resp.id = req->id;
	resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp) != 0 &&
	    errno != ENOENT)
		die("SECCOMP_IOCTL_NOTIF_SEND");
}

/* No task uses the filter any more (checked after RECV said ENOENT). */
static int filter_orphaned(int listener)
{
	struct pollfd pfd = { .fd = listener, .events = POLLIN };

	return poll(&pfd, 1, 0) == 1 && (pfd.revents & (POLLHUP | POLLERR)) &&
	       !(pfd.revents & POLLIN);
}

static void loop_blocking(int listener)
{
	struct seccomp_notif req;

	for (;;) {
		memset(&req, 0, sizeof(req));
		if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req) != 0) {
			if (errno == EINTR)
				continue;
			if (errno == ENOENT) {
				if (filter_orphaned(listener))
					return;
				continue;
			}
			die("SECCOMP_IOCTL_NOTIF_RECV");
		}
		if (nrings)
			drain_rings();
		answer(listener, &req);
	}
}

static void loop_poll(int listener)
{
	struct seccomp_notif req;

	for (;;) {
		struct pollfd pfd = { .fd = listener, .events = POLLIN };

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
			if (nrings)
				drain_rings();
			answer(listener, &req);
			continue;
		}
		if (pfd.revents & (POLLHUP | POLLERR))
			return;
	}
}

int main(int argc, char **argv)
{
	int fdpipe[2], ackpipe[2], nrs[MAX_CALLS], count = 0, use_poll = 0;
	int remote_fd, listener, pidfd, status = 0, opt, results = 0;
	char getppid_only[] = "getppid";
	pid_t pid;

	while ((opt = getopt(argc, argv, "+prRe:m:P:")) != -1) {
		if (opt == 'p')
			use_poll = 1;
		else if (opt == 'r')
			results = 1;
		else if (opt == 'R')
			raw_event = 1;
		else if (opt == 'P')
			RING_PAGES = atol(optarg);
		else if (opt == 'm' && strcmp(optarg, "task") == 0)
			where = AT_TASK;
		else if (opt == 'm' && strcmp(optarg, "cpu") == 0)
			where = AT_CPU;
		else if (opt == 'm' && strcmp(optarg, "cgroup") == 0)
			where = AT_CGROUP;
		else if (opt == 'm' && strcmp(optarg, "cgroup-all") == 0)
			where = AT_CGROUP_ALL;
		else if (opt == 'e')
			count = parse_calls(optarg, nrs);
		else
			goto usage;
	}
	if (optind >= argc || strcmp(argv[optind - 1], "--") != 0)
		goto usage;
	if (count == 0)
		count = parse_calls(getppid_only, nrs);
	if (pipe2(fdpipe, O_CLOEXEC) || pipe2(ackpipe, O_CLOEXEC))
		die("pipe2");
	if (results && (where == AT_CGROUP || where == AT_CGROUP_ALL)) {
		cgroup_make();
		if (where == AT_CGROUP_ALL)
			cgroup_enter(getpid());
	}

	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		char ack;
		int fd;

		/* So that the parent's death reads as EOF here. */
		close(fdpipe[0]);
		close(ackpipe[1]);
		fd = install_filter(nrs, count);

		if (write(fdpipe[1], &fd, sizeof(fd)) != sizeof(fd))
			die("write listener fd number");
		/* Block until the parent holds its own copy of the listener. */
		if (read(ackpipe[0], &ack, 1) != 1)
			_exit(127);
		close(fd);
		execvp(argv[optind], argv + optind);
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
	child_pid = pid;
	if (results && where == AT_CGROUP)
		cgroup_enter(pid);
	if (results) /* before the ack: the child has not exec'd yet */
		open_exit_events(pid, nrs, count);
	if (write(ackpipe[1], "x", 1) != 1)
		die("write ack");
	close(ackpipe[1]);
	close(fdpipe[0]);

	/* Kernel >= 6.6: wake the supervisor on the same CPU, synchronously. */
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_SET_FLAGS,
		  SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP) != 0)
		fprintf(stderr, "floor: SYNC_WAKE_UP not available: %s\n",
			strerror(errno));

	if (use_poll)
		loop_poll(listener);
	else
		loop_blocking(listener);
	if (waitpid(pid, &status, 0) != pid)
		die("waitpid");
	if (nrings) {
		drain_rings();
		fprintf(stderr, "floor: %ld exit records\n", exit_samples);
		if (where != AT_TASK)
			fprintf(stderr, "floor: %ld of them the command's, %ld lost\n",
				child_samples, lost_records);
	}
	cgroup_remove();
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
usage:
	fprintf(stderr, "usage: floor [-p] [-r [-m task|cpu|cgroup|cgroup-all] [-R] [-P PAGES]] [-e CALL[,CALL...]] -- cmd args...\n");
	return 2;
}
