#!/usr/bin/env bash
# Benchmark notrace against the bare workload, strace (ptrace), strace with
# --seccomp-bpf, and the minimal notify supervisor bench/floor.c (blocking
# RECV: the floor; and its poll-before-RECV variant, floor-poll).
# See bench/README.md. Not run by the test suite.
#
# Environment (all optional):
#   ROUNDS=5                 rounds; each round runs every setup once per mode
#   N_TRACED=20000           getppid calls per traced run
#   N_UNTRACED=2000000       getpid calls per untraced run
#   N_UNTRACED_PTRACE=20000  getpid calls per untraced run under plain strace
#                            (ptrace stops on every call; 2M would take minutes)
#   SKIP_NOTRACE=1           do not build or run notrace (its rows show n/a)
#   NOTRACE=/path/notrace    use this binary instead of `cargo build --release`
#   KEEP_SCRATCH=1           keep the scratch directory (trace files, raw data)
#
# Exit status: 0 if every target passed (or notrace was skipped on request),
# 1 if a target failed or a notrace setup could not be measured.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROUNDS=${ROUNDS:-5}
N_TRACED=${N_TRACED:-20000}
N_UNTRACED=${N_UNTRACED:-2000000}
N_UNTRACED_PTRACE=${N_UNTRACED_PTRACE:-20000}
SKIP_NOTRACE=${SKIP_NOTRACE:-0}
KEEP_SCRATCH=${KEEP_SCRATCH:-0}

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/notrace-bench.XXXXXX")
cleanup() {
	if [[ $KEEP_SCRATCH == 1 ]]; then
		echo "scratch kept in $SCRATCH" >&2
	else
		rm -rf "$SCRATCH"
	fi
}
trap cleanup EXIT

log() { echo "run.sh: $*" >&2; }

# ---------------------------------------------------------------- build
log "compiling bench/floor.c and bench/workload.c"
gcc -O2 -Wall -o "$SCRATCH/floor" "$ROOT/bench/floor.c"
gcc -O2 -Wall -o "$SCRATCH/workload" "$ROOT/bench/workload.c"
FLOOR=$SCRATCH/floor
WORKLOAD=$SCRATCH/workload

notrace_ok=0
if [[ $SKIP_NOTRACE == 1 ]]; then
	log "SKIP_NOTRACE=1: notrace setups skipped"
elif [[ -n ${NOTRACE:-} ]]; then
	notrace_ok=1
else
	log "cargo build --release"
	if (cd "$ROOT" && cargo build --release --quiet); then
		target_dir=$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps |
			python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
		NOTRACE=$target_dir/release/notrace
		notrace_ok=1
	else
		log "WARNING: cargo build --release failed; notrace setups not measured"
	fi
fi
if [[ $notrace_ok == 1 && ! -x $NOTRACE ]]; then
	log "WARNING: $NOTRACE is not executable; notrace setups not measured"
	notrace_ok=0
fi

# ---------------------------------------------------------------- setups
# Each setup is a command prefix put in front of `workload N MODE`.
SETUPS=(bare strace strace-seccomp floor floor-poll)
declare -A PREFIX
PREFIX[bare]=""
PREFIX[strace]="strace -f -qq -e trace=getppid -o /dev/null"
PREFIX[strace-seccomp]="strace -f -qq --seccomp-bpf -e trace=getppid -o /dev/null"
PREFIX[floor]="$FLOOR --"
PREFIX[floor-poll]="$FLOOR -p --"
if [[ $notrace_ok == 1 ]]; then
	SETUPS+=(notrace-text notrace-json)
fi
# Kept here even when skipped, so the command lines are documented.
PREFIX[notrace-text]="${NOTRACE:-notrace} -e getppid -o $SCRATCH/trace.txt --"
PREFIX[notrace-json]="${NOTRACE:-notrace} --json -e getppid -o $SCRATCH/trace.jsonl --"

calls_for() { # setup mode
	if [[ $2 == traced ]]; then
		echo "$N_TRACED"
	elif [[ $1 == strace ]]; then
		echo "$N_UNTRACED_PTRACE"
	else
		echo "$N_UNTRACED"
	fi
}

# Peak RSS (KiB) of the process tree started by the wrapped command: the
# tracer and, after it reaps them, its children; GNU time if present,
# otherwise python's getrusage(RUSAGE_CHILDREN).
if [[ -x /usr/bin/time ]]; then
	rss_wrap() { /usr/bin/time -f %M -o "$1" "${@:2}"; }
else
	rss_wrap() {
		python3 -c 'import resource, subprocess, sys
r = subprocess.run(sys.argv[2:])
open(sys.argv[1], "w").write("%d\n" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(r.returncode if r.returncode >= 0 else 128 - r.returncode)' "$@"
	}
fi

declare -A FAILED
check_trace_file() { # setup n: every traced call must be in the trace file
	local file count
	case $1 in
	notrace-text) file=$SCRATCH/trace.txt
		count=$(grep -c 'getppid(' "$file" || true) ;;
	notrace-json) file=$SCRATCH/trace.jsonl
		count=$(grep -c '"syscall": *"getppid"' "$file" || true) ;;
	*) return 0 ;;
	esac
	if ((count < $2)); then
		log "WARNING: $1: trace file has $count getppid records, expected $2"
		FAILED[$1-trace]=1
	fi
}

run_one() { # setup mode round
	local setup=$1 mode=$2 n out rss ns
	n=$(calls_for "$setup" "$mode")
	out=$SCRATCH/out.$setup.$mode.$3
	rss=$SCRATCH/rss.$setup.$mode.$3
	# shellcheck disable=SC2086 # PREFIX is a word list on purpose
	if ! rss_wrap "$rss" ${PREFIX[$setup]} "$WORKLOAD" "$n" "$mode" >"$out" 2>&1; then
		log "WARNING: $setup $mode round $3 failed:"
		tail -n 5 "$out" >&2 || true
		FAILED[$setup]=1
		return 0
	fi
	ns=$(grep -o 'ns_per_call [0-9.]*' "$out" | tail -n 1 | cut -d' ' -f2 || true)
	if [[ -z $ns ]]; then
		log "WARNING: $setup $mode round $3: no ns_per_call in output"
		FAILED[$setup]=1
		return 0
	fi
	echo "$ns" >>"$SCRATCH/ns.$setup.$mode"
	tail -n 1 "$rss" >>"$SCRATCH/rss.$setup"
	if [[ $mode == traced ]]; then
		check_trace_file "$setup" "$n"
	fi
}

# ---------------------------------------------------------------- measure
log "rounds=$ROUNDS traced N=$N_TRACED untraced N=$N_UNTRACED (plain strace: $N_UNTRACED_PTRACE)"
for ((r = 1; r <= ROUNDS; r++)); do
	log "round $r/$ROUNDS"
	for mode in traced untraced; do
		for setup in "${SETUPS[@]}"; do
			run_one "$setup" "$mode" "$r"
		done
	done
done

median() { # file -> median of its numbers, or empty
	[[ -s $1 ]] || return 0
	sort -g "$1" | awk '{ v[NR] = $1 } END {
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ratio() { # a b -> a/b with 2 decimals, or n/a
	if [[ -n $1 && -n $2 ]]; then
		awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'
	else
		echo n/a
	fi
}

declare -A MED
for setup in "${SETUPS[@]}"; do
	for mode in traced untraced; do
		MED[$setup.$mode]=$(median "$SCRATCH/ns.$setup.$mode")
	done
done

# ---------------------------------------------------------------- report
echo
echo "ns per call, median of $ROUNDS rounds; $(uname -sr), $(nproc) CPUs"
printf '%-15s %14s %14s %18s %17s %13s\n' setup "traced ns" "untraced ns" \
	"untraced/bare" "traced/floor" "peak RSS KiB"
for setup in bare strace strace-seccomp floor floor-poll notrace-text notrace-json; do
	t=${MED[$setup.traced]:-}
	u=${MED[$setup.untraced]:-}
	rss=n/a
	if [[ -s $SCRATCH/rss.$setup ]]; then
		rss=$(sort -n "$SCRATCH/rss.$setup" | tail -n 1)
	fi
	printf '%-15s %14s %14s %18s %17s %13s\n' "$setup" "${t:-n/a}" "${u:-n/a}" \
		"$(ratio "$u" "${MED[bare.untraced]:-}")" \
		"$(ratio "$t" "${MED[floor.traced]:-}")" "$rss"
done
echo "(peak RSS is the largest of the tracer and the workload; the bare row is the workload alone)"
echo "(floor untraced/bare = $(ratio "${MED[floor.untraced]:-}" "${MED[bare.untraced]:-}"): the cost of" \
	"a 4-instruction BPF filter on every call, which no notify tracer avoids)"

echo
status=0
verdict() { # name value limit description
	if [[ $2 == n/a ]]; then
		if [[ $SKIP_NOTRACE == 1 ]]; then
			echo "SKIP  $1: $4"
		else
			echo "FAIL  $1: $4 (not measured)"
			status=1
		fi
	elif awk -v v="$2" -v l="$3" 'BEGIN { exit !(v <= l) }'; then
		echo "PASS  $1: $4 = $2 (limit $3)"
	else
		echo "FAIL  $1: $4 = $2 (limit $3)"
		status=1
	fi
}
for setup in notrace-text notrace-json; do
	verdict "$setup" "$(ratio "${MED[$setup.traced]:-}" "${MED[floor.traced]:-}")" 1.5 \
		"traced ns/call / floor traced"
	verdict "$setup" "$(ratio "${MED[$setup.untraced]:-}" "${MED[bare.untraced]:-}")" 1.1 \
		"untraced ns/call / bare untraced"
	if [[ -n ${FAILED[$setup-trace]:-} ]]; then
		echo "FAIL  $setup: trace file missed traced calls (see warnings above)"
		status=1
	fi
	if [[ -n ${FAILED[$setup]:-} && $SKIP_NOTRACE != 1 ]]; then
		echo "FAIL  $setup: some runs failed (see warnings above)"
		status=1
	fi
done
for setup in bare strace strace-seccomp floor floor-poll; do
	if [[ -n ${FAILED[$setup]:-} ]]; then
		echo "WARN  $setup: some runs failed (see warnings above)"
	fi
done
exit $status
