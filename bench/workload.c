/*
 * workload N MODE
 *
 * Makes N raw system calls in a tight loop, timed with
 * clock_gettime(CLOCK_MONOTONIC) (a vDSO call, so the timer itself is not
 * a system call), and prints "ns_per_call <float>" to stdout: the whole
 * loop's time divided by N. It also prints "ns_per_call_best <float>": the
 * loop is timed in 50 chunks of N/50 calls, and the fastest chunk is the
 * one least disturbed by other work on a shared machine (on a quiet
 * machine the two agree within a few per cent).
 *
 *   MODE traced:   getppid, the call the tracer under test selects
 *                  (-e getppid), so every call is a supervisor round trip.
 *   MODE untraced: getpid, which the tracer does not select: with a seccomp
 *                  filter this costs only the BPF run.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define CHUNKS 50

static double elapsed_ns(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1e9 + (b->tv_nsec - a->tv_nsec);
}

int main(int argc, char **argv)
{
	struct timespec t0, t1, tc;
	long n, nr;

	if (argc != 3 || (n = strtol(argv[1], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: workload N traced|untraced\n");
		return 2;
	}
	if (strcmp(argv[2], "traced") == 0)
		nr = SYS_getppid;
	else if (strcmp(argv[2], "untraced") == 0)
		nr = SYS_getpid;
	else {
		fprintf(stderr, "workload: MODE must be traced or untraced\n");
		return 2;
	}

	long chunk = n / CHUNKS > 0 ? n / CHUNKS : 1, done = 0;
	double best = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	tc = t0;
	while (done < n) {
		long m = n - done < chunk ? n - done : chunk;

		for (long i = 0; i < m; i++)
			syscall(nr);
		done += m;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (m == chunk) {
			double c = elapsed_ns(&tc, &t1) / m;

			if (best == 0 || c < best)
				best = c;
		}
		tc = t1;
	}

	printf("ns_per_call %.1f\n", elapsed_ns(&t0, &t1) / n);
	printf("ns_per_call_best %.1f\n", best);
	return 0;
}
