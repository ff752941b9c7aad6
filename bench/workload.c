/*
 * workload N MODE
 *
 * Makes N raw system calls in a tight loop, timed with
 * clock_gettime(CLOCK_MONOTONIC) (a vDSO call, so the timer itself is not
 * a system call), and prints "ns_per_call <float>" to stdout.
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

int main(int argc, char **argv)
{
	struct timespec t0, t1;
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

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long i = 0; i < n; i++)
		syscall(nr);
	clock_gettime(CLOCK_MONOTONIC, &t1);

	double ns = (t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec);
	printf("ns_per_call %.1f\n", ns / n);
	return 0;
}
