#!/usr/bin/env bash
# Benchmark notrace against the bare workload, strace (ptrace), strace with
# --seccomp-bpf, and the minimal notify supervisor bench/floor.c (blocking
# RECV: the floor; and its poll-before-RECV variant, floor-poll), with and
# without return values (--no-results), and measure what every OTHER process
# on the machine pays while notrace's syscall-exit tracepoints are enabled.
# See bench/README.md. Not run by the test suite.
#
# Environment (all optional):
#   ROUNDS=7                 rounds; each round runs every setup once per mode
#   N_TRACED=20000           getppid calls per traced run
#   N_UNTRACED=2000000       getpid calls per untraced run
#   N_UNTRACED_PTRACE=20000  getpid calls per untraced run under plain strace
#                            (ptrace stops on every call; 2M would take minutes)
#   N_TAX=2000000            getpid calls per run of the bystander (tax) phase
#   PIN=<last CPU>           taskset CPU list every measured command runs on
#                            (tracer, its threads and the workload); PIN=none
#                            to let the scheduler place them
#   NICE=-5                  niceness every measured command runs at (root
#                            only; NICE=none leaves it as inherited)
#   QUIET_WAIT=30            before each round, wait up to this many seconds
#                            for both CPUs to be >= QUIET_IDLE % idle
#   QUIET_IDLE=60            (over 1 s); 0 disables the wait
#   SKIP_NOTRACE=1           do not build or run notrace (its rows show n/a)
#   SKIP_TAX=1               skip the bystander phase
#   NOTRACE=/path/notrace    use this binary instead of `cargo build --release`
#   NOTRACE_B=/path/notrace  a second binary (e.g. the build before a change):
#                            rows B-nores-text, B-nores-json, B-json run it in
#                            the same rounds, interleaved; no targets
#   ONLY=setup,setup         run only these setups (floor always runs: the
#                            ratios need it); targets of others say SKIP
#   VERDICT_ON=ns            which figures set the exit status: ns (whole
#                            run, the default) or best (fastest chunk)
#   KEEP_SCRATCH=1           keep the scratch directory (trace files, raw data)
#
# Exit status: 0 if every target passed (or notrace was skipped on request),
# 1 if a target failed or a notrace setup could not be measured.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROUNDS=${ROUNDS:-7}
N_TRACED=${N_TRACED:-20000}
N_UNTRACED=${N_UNTRACED:-2000000}
N_UNTRACED_PTRACE=${N_UNTRACED_PTRACE:-20000}
N_TAX=${N_TAX:-2000000}
SKIP_NOTRACE=${SKIP_NOTRACE:-0}
SKIP_TAX=${SKIP_TAX:-0}
KEEP_SCRATCH=${KEEP_SCRATCH:-0}

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/notrace-bench.XXXXXX")
HOLDER_PID="" # a notrace of the bystander phase, while it runs
cleanup() {
	stop_holder
	if [[ $KEEP_SCRATCH == 1 ]]; then
		echo "scratch kept in $SCRATCH" >&2
	else
		rm -rf "$SCRATCH"
	fi
}
trap cleanup EXIT

log() { echo "run.sh: $*" >&2; }

# ---------------------------------------------------------------- pinning
# On a 2-CPU machine shared with builds, where the tracer and the workload
# land decides more than the tracer does. SYNC_WAKE_UP hands the CPU from
# the tracee to the supervisor and back, so a notify round trip runs on one
# CPU anyway; pinning every setup to the same CPU makes that deterministic
# for all of them, keeps them off the CPU the scheduler prefers for other
# work, and charges a tracer for its helper threads (notrace's flusher and
# writer) instead of letting them run free on the other CPU.
LAST_CPU=$(($(nproc) - 1))
PIN=${PIN:-$LAST_CPU}
PINNED=()
if [[ $PIN != none ]]; then
	if command -v taskset >/dev/null; then
		PINNED=(taskset -c "$PIN")
	else
		log "WARNING: taskset not found; running unpinned"
		PIN=none
	fi
fi

# Other builds run at nice 19 here (and so do sessions started from them):
# a measured command at a lower niceness wins the CPU it is pinned to. Not
# SCHED_FIFO: notrace's child spins (no syscall) until notrace has taken
# the listener, and a FIFO child pinned with its parent never lets the
# parent run (livelock; see docs/bench-results.md).
NICE=${NICE:--5}
if [[ $NICE != none ]]; then
	if (($(id -u) == 0)); then
		PINNED=(nice -n $((NICE - $(nice))) "${PINNED[@]}")
	else
		log "not root: running at the inherited niceness $(nice)"
		NICE=none
	fi
fi
QUIET_WAIT=${QUIET_WAIT:-30}
QUIET_IDLE=${QUIET_IDLE:-60}
BUSY_ROUNDS=0
idle_pct() { # -> % of all CPUs' time idle over the next second
	local a b
	a=$(awk '/^cpu / { print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat)
	sleep 1
	b=$(awk '/^cpu / { print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat)
	awk -v a="$a" -v b="$b" 'BEGIN { split(a, x); split(b, y)
		d = y[2] - x[2]; printf "%d", (d > 0 ? 100 * (y[1] - x[1]) / d : 100) }'
}
wait_quiet() { # waits for an idle machine, at most QUIET_WAIT s
	local t0=$SECONDS idle
	((QUIET_IDLE > 0)) || return 0
	while :; do
		idle=$(idle_pct)
		((idle >= QUIET_IDLE)) && return 0
		if ((SECONDS - t0 >= QUIET_WAIT)); then
			log "machine still busy (${idle}% idle); measuring anyway"
			BUSY_ROUNDS=$((BUSY_ROUNDS + 1))
			return 0
		fi
	done
}

# ---------------------------------------------------------------- build
log "compiling bench/floor.c and bench/workload.c"
gcc -O2 -Wall -o "$SCRATCH/floor" "$ROOT/bench/floor.c"
gcc -O2 -Wall -o "$SCRATCH/workload" "$ROOT/bench/workload.c"
FLOOR=$SCRATCH/floor
WORKLOAD=$SCRATCH/workload

notrace_ok=0
if [[ $SKIP_NOTRACE == 1 ]]; then
	log "SKIP_NOTRACE=1: notrace setups skipped"
	SKIP_TAX=1
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
BASE_SETUPS=(bare strace strace-seccomp floor floor-poll floor-results floor-res-cpu floor-res-cgroup)
NT_SETUPS=(nt-nores-text nt-nores-json nt-text nt-json nt-T nt-raw)
B_SETUPS=()
if [[ -n ${NOTRACE_B:-} ]]; then
	B_SETUPS=(B-nores-text B-nores-json B-json)
fi
SETUPS=("${BASE_SETUPS[@]}")
if [[ $notrace_ok == 1 ]]; then
	SETUPS+=("${NT_SETUPS[@]}" "${B_SETUPS[@]}")
fi
if [[ -n ${ONLY:-} ]]; then
	kept=()
	for setup in "${SETUPS[@]}"; do
		if [[ $setup == floor || ,$ONLY, == *,$setup,* ]]; then
			kept+=("$setup")
		fi
	done
	SETUPS=("${kept[@]}")
	log "ONLY: running ${SETUPS[*]}"
fi
selected() { # setup -> whether this run measures it
	local s
	for s in "${SETUPS[@]}"; do
		[[ $s == "$1" ]] && return 0
	done
	return 1
}
NT=${NOTRACE:-notrace}
# 17 calls (> MAX_PER_CALL = 16 in src/results/perf.rs) that the loop never
# makes besides getppid: forces the one filtered raw_syscalls:sys_exit event.
RAW_SET=getppid,getpgrp,getsid,getpgid,getuid,getgid,geteuid,getegid,getresuid,getresgid,getgroups,getrusage,times,sysinfo,getpriority,sched_getscheduler,sched_getparam
declare -A PREFIX
PREFIX[bare]=""
PREFIX[strace]="strace -f -qq -e trace=getppid -o /dev/null"
PREFIX[strace-seccomp]="strace -f -qq --seccomp-bpf -e trace=getppid -o /dev/null"
PREFIX[floor]="$FLOOR --"
PREFIX[floor-poll]="$FLOOR -p --"
PREFIX[floor-results]="$FLOOR -r --"
# The same events CPU-wide (every process's calls) and CPU-wide restricted
# to a cgroup v2 holding floor and the command: where else they could be
# attached (docs/bench-results.md). No target.
PREFIX[floor-res-cpu]="$FLOOR -r -m cpu --"
PREFIX[floor-res-cgroup]="$FLOOR -r -m cgroup-all --"
# Kept here even when skipped, so the command lines are documented.
PREFIX[nt-nores-text]="$NT --no-results -e getppid -o $SCRATCH/nt-nores-text.out --"
PREFIX[nt-nores-json]="$NT --no-results --json -e getppid -o $SCRATCH/nt-nores-json.out --"
PREFIX[nt-text]="$NT -e getppid -o $SCRATCH/nt-text.out --"
PREFIX[nt-json]="$NT --json -e getppid -o $SCRATCH/nt-json.out --"
PREFIX[nt-T]="$NT -T -e getppid -o $SCRATCH/nt-T.out --"
PREFIX[nt-raw]="$NT -e $RAW_SET -o $SCRATCH/nt-raw.out --"
PREFIX[B-nores-text]="${NOTRACE_B:-} --no-results -e getppid -o $SCRATCH/B-nores-text.out --"
PREFIX[B-nores-json]="${NOTRACE_B:-} --no-results --json -e getppid -o $SCRATCH/B-nores-json.out --"
PREFIX[B-json]="${NOTRACE_B:-} --json -e getppid -o $SCRATCH/B-json.out --"

# What a trace file must hold once per traced call (extended regex): the
# results setups must show the value, or a silent fall-back to no results
# would pass as fast.
declare -A RECORD
RECORD[nt-nores-text]='^getppid\(\)$'
RECORD[nt-nores-json]='"syscall":"getppid".*"status":"unavailable"'
RECORD[nt-text]='^getppid\(\) = [0-9]+$'
RECORD[nt-json]='"syscall":"getppid".*"ret":[0-9]+'
RECORD[nt-T]='^getppid\(\) = [0-9]+ <[0-9.]+>$'
RECORD[nt-raw]='^getppid\(\) = [0-9]+$'
RECORD[B-nores-text]=${RECORD[nt-nores-text]}
RECORD[B-nores-json]=${RECORD[nt-nores-json]}
RECORD[B-json]=${RECORD[nt-json]}

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
	local file=$SCRATCH/$1.out count
	[[ -n ${RECORD[$1]:-} ]] || return 0
	count=$(grep -cE "${RECORD[$1]}" "$file" || true)
	if ((count < $2)); then
		log "WARNING: $1: trace file has $count records matching /${RECORD[$1]}/, expected $2:"
		grep -m 2 getppid "$file" >&2 || true
		FAILED[$1-trace]=1
	fi
}

run_one() { # setup mode round
	local setup=$1 mode=$2 n out rss ns
	n=$(calls_for "$setup" "$mode")
	out=$SCRATCH/log.$setup.$mode.$3
	rss=$SCRATCH/rss.$setup.$mode.$3
	# shellcheck disable=SC2086 # PREFIX is a word list on purpose
	if ! rss_wrap "$rss" "${PINNED[@]}" ${PREFIX[$setup]} "$WORKLOAD" "$n" "$mode" >"$out" 2>&1; then
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
	grep -o 'ns_per_call_best [0-9.]*' "$out" | tail -n 1 | cut -d' ' -f2 >>"$SCRATCH/best.$setup.$mode" || true
	tail -n 1 "$rss" >>"$SCRATCH/rss.$setup"
	if [[ $mode == traced ]]; then
		check_trace_file "$setup" "$n"
	fi
}

median() { # file -> median of its numbers, or empty
	[[ -s $1 ]] || return 0
	sort -g "$1" | awk '{ v[NR] = $1 } END {
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
spread() { # file -> "min-max", or n/a
	[[ -s $1 ]] || { echo n/a; return 0; }
	sort -g "$1" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%g-%g", lo, hi }'
}
ratio() { # a b -> a/b with 3 decimals, or n/a
	if [[ -n $1 && -n $2 ]]; then
		awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }'
	else
		echo n/a
	fi
}
diff_ns() { # a b -> a-b with 1 decimal, or n/a
	if [[ -n $1 && -n $2 ]]; then
		awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f", a - b }'
	else
		echo n/a
	fi
}

# ---------------------------------------------------------------- bystander
# The tax on processes that are NOT traced: registering any syscall
# tracepoint sets TIF_SYSCALL_TRACEPOINT on every thread of the machine,
# so every syscall anywhere takes the slow exit path while notrace runs.
# Measured with the same workload (getpid, not under any tracer) while a
# notrace with results traces a `sleep` that makes no further calls.
declare -A TAXSET
TAXSET[per-call]="-e getppid" # 1 call: per-call syscalls:sys_exit_getppid
TAXSET[raw]=""                # all calls (default): raw_syscalls:sys_exit
TAX_STATES=(none per-call raw)

foreign_perf() { # -> how many processes other than ours hold perf events
	local n=0 p
	for p in /proc/[0-9]*; do
		[[ ${p#/proc/} == "${HOLDER_PID:-x}" ]] && continue
		if ls -l "$p/fd" 2>/dev/null | grep -q 'perf_event'; then
			n=$((n + 1))
		fi
	done
	echo "$n"
}

tracee_of() { # notrace pid -> its child running `sleep` (notrace also has a keeper child)
	local kid
	for kid in $(cat "/proc/$1/task/"*/children 2>/dev/null); do
		if [[ $(cat "/proc/$kid/comm" 2>/dev/null) == sleep ]]; then
			echo "$kid"
			return 0
		fi
	done
}

stop_holder() {
	[[ -n ${HOLDER_PID:-} ]] || return 0
	local kid
	# Ending the tracee ends notrace.
	kid=$(tracee_of "$HOLDER_PID")
	if [[ -n $kid ]]; then
		kill "$kid" 2>/dev/null || true
	else
		kill "$HOLDER_PID" 2>/dev/null || true
	fi
	wait "$HOLDER_PID" 2>/dev/null || true
	HOLDER_PID=""
}

start_holder() { # state -> 0 when notrace holds its events and the tracee has exec'd
	local state=$1 i kid
	# shellcheck disable=SC2086 # TAXSET is a word list on purpose
	"$NT" ${TAXSET[$state]} -o "$SCRATCH/tax.$state.out" -- sleep 600 \
		2>"$SCRATCH/tax.$state.err" &
	HOLDER_PID=$!
	for ((i = 0; i < 100; i++)); do
		kid=$(tracee_of "$HOLDER_PID")
		if [[ -n $kid ]] &&
			ls -l "/proc/$HOLDER_PID/fd" 2>/dev/null | grep -q perf_event; then
			# Let it write out the tracee's start-up calls first.
			sleep 0.3
			return 0
		fi
		sleep 0.05
	done
	log "WARNING: bystander $state: notrace did not get ready:"
	tail -n 3 "$SCRATCH/tax.$state.err" >&2 || true
	stop_holder
	return 1
}

TAX_CONTAMINATED=0
tax_round() { # round
	local state ns
	for state in "${TAX_STATES[@]}"; do
		if [[ $state != none ]]; then
			start_holder "$state" || { FAILED[tax-$state]=1; continue; }
		else
			# Another program's perf events may include syscall
			# tracepoints (other sessions' notrace tests): the
			# baseline would be taxed too. Wait a little for them.
			local i
			for ((i = 0; i < 30; i++)); do
				(($(foreign_perf) == 0)) && break
				sleep 0.1
			done
			((i < 30)) || TAX_CONTAMINATED=$((TAX_CONTAMINATED + 1))
		fi
		"${PINNED[@]}" "$WORKLOAD" "$N_TAX" untraced >"$SCRATCH/tax.log" 2>&1 || true
		[[ $state != none ]] && stop_holder
		ns=$(grep -o 'ns_per_call [0-9.]*' "$SCRATCH/tax.log" | cut -d' ' -f2 || true)
		if [[ -n $ns ]]; then
			echo "$ns" >>"$SCRATCH/tax.$state"
			grep -o 'ns_per_call_best [0-9.]*' "$SCRATCH/tax.log" | cut -d' ' -f2 >>"$SCRATCH/taxbest.$state" || true
		else
			FAILED[tax-$state]=1
		fi
	done
}

# ---------------------------------------------------------------- measure
log "rounds=$ROUNDS traced N=$N_TRACED untraced N=$N_UNTRACED (plain strace: $N_UNTRACED_PTRACE); pinned to CPU(s): $PIN"
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= ROUNDS; r++)); do
	wait_quiet
	log "round $r/$ROUNDS"
	for mode in traced untraced; do
		for setup in "${SETUPS[@]}"; do
			run_one "$setup" "$mode" "$r"
		done
	done
	if [[ $SKIP_TAX != 1 ]]; then
		tax_round "$r"
	fi
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

declare -A MED
for kind in ns best; do
	for setup in "${SETUPS[@]}"; do
		for mode in traced untraced; do
			MED[$kind.$setup.$mode]=$(median "$SCRATCH/$kind.$setup.$mode")
		done
	done
done

# ---------------------------------------------------------------- report
table() { # kind title
	local k=$1 t u rss
	echo
	echo "$2"
	# shellcheck disable=SC2059 # FMT is the format on purpose
	printf "$FMT" setup "traced ns" "(min-max)" "untr. ns" "(min-max)" \
		"tr/floor" "un/floor" "un-floor" "RSS KiB"
	for setup in "${BASE_SETUPS[@]}" "${NT_SETUPS[@]}" "${B_SETUPS[@]}"; do
		[[ -z ${ONLY:-} ]] || selected "$setup" || continue
		t=${MED[$k.$setup.traced]:-}
		u=${MED[$k.$setup.untraced]:-}
		rss=n/a
		if [[ -s $SCRATCH/rss.$setup ]]; then
			rss=$(sort -n "$SCRATCH/rss.$setup" | tail -n 1)
		fi
		# shellcheck disable=SC2059
		printf "$FMT" "$setup" "${t:-n/a}" "($(spread "$SCRATCH/$k.$setup.traced"))" \
			"${u:-n/a}" "($(spread "$SCRATCH/$k.$setup.untraced"))" \
			"$(ratio "$t" "${MED[$k.floor.traced]:-}")" \
			"$(ratio "$u" "${MED[$k.floor.untraced]:-}")" \
			"$(diff_ns "$u" "${MED[$k.floor.untraced]:-}")" "$rss"
	done
}
FMT='%-15s %10s %17s %10s %17s %8s %8s %9s %8s\n'
echo
echo "$(uname -sr), $(nproc) CPUs, pinned to CPU(s) $PIN, nice $NICE, $ROUNDS rounds;" \
	"load average after: $LOAD_AFTER; rounds started on a busy machine: $BUSY_ROUNDS"
table ns "whole run: ns per call (loop time / N) inside the workload, median of $ROUNDS rounds"
table best "best chunk: ns per call of the fastest 1/50 of each run, median of $ROUNDS rounds (least disturbed by other load)"
echo
echo "(untraced/bare: floor $(ratio "${MED[ns.floor.untraced]:-}" "${MED[ns.bare.untraced]:-}")," \
	"the cost of a 4-instruction BPF filter on every call, which no notify tracer avoids)"
echo "(floor-results: floor -r, the floor plus notrace's perf exit events, rings walked after each RECV:" \
	"the kernel's share of collecting results; nt-raw: -e of 17 calls, the filtered" \
	"raw_syscalls:sys_exit mode; neither has a target)"
echo "(RSS: peak of the tracer and the workload; the bare row is the workload alone)"

if [[ $SKIP_TAX != 1 ]]; then
	echo
	echo "bystander: getpid ns/call in a process notrace does NOT trace (N=$N_TAX, median of $ROUNDS; best chunk likewise)"
	printf '%-42s %10s %17s %10s %10s %10s\n' "while" "ns/call" "(min-max)" "vs none" "best" "vs none"
	declare -A TAXMED TAXBEST
	for state in "${TAX_STATES[@]}"; do
		TAXMED[$state]=$(median "$SCRATCH/tax.$state")
		TAXBEST[$state]=$(median "$SCRATCH/taxbest.$state")
	done
	for state in "${TAX_STATES[@]}"; do
		case $state in
		none) what="no notrace running" ;;
		per-call) what="notrace -e getppid -- sleep (per-call)" ;;
		raw) what="notrace -- sleep (all calls: raw)" ;;
		esac
		printf '%-42s %10s %17s %10s %10s %10s\n' "$what" "${TAXMED[$state]:-n/a}" \
			"($(spread "$SCRATCH/tax.$state"))" \
			"$(diff_ns "${TAXMED[$state]:-}" "${TAXMED[none]:-}")" \
			"${TAXBEST[$state]:-n/a}" \
			"$(diff_ns "${TAXBEST[$state]:-}" "${TAXBEST[none]:-}")"
	done
	if ((TAX_CONTAMINATED > 0)); then
		echo "(WARNING: in $TAX_CONTAMINATED of $ROUNDS baseline runs another process held perf events; the 'none' row may be taxed too)"
	fi
fi

echo
status=0
verdict() { # name value limit description
	if [[ $2 == n/a ]]; then
		if [[ $SKIP_NOTRACE == 1 ]] || ! selected "$1"; then
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
VERDICT_ON=${VERDICT_ON:-ns}
for kind in ns best; do
	[[ $kind == ns ]] && label="whole run" || label="best chunk"
	echo "targets on the $label figures$([[ $kind == "$VERDICT_ON" ]] && echo " (these set the exit status)"):"
	saved=$status
	ft=${MED[$kind.floor.traced]:-}
	fu=${MED[$kind.floor.untraced]:-}
	for setup in nt-text nt-json nt-T; do
		verdict "$setup" "$(ratio "${MED[$kind.$setup.traced]:-}" "$ft")" 1.5 "traced / floor traced"
		verdict "$setup" "$(diff_ns "${MED[$kind.$setup.untraced]:-}" "$fu")" 30 "untraced - floor untraced (ns)"
	done
	for setup in nt-nores-text nt-nores-json; do
		verdict "$setup" "$(ratio "${MED[$kind.$setup.traced]:-}" "$ft")" 1.1 "traced / floor traced"
		verdict "$setup" "$(ratio "${MED[$kind.$setup.untraced]:-}" "$fu")" 1.02 "untraced / floor untraced"
	done
	[[ $kind == "$VERDICT_ON" ]] || status=$saved
done
for setup in "${NT_SETUPS[@]}" "${B_SETUPS[@]}"; do
	if [[ -n ${FAILED[$setup-trace]:-} ]]; then
		echo "FAIL  $setup: trace file missed traced calls or their results (see warnings above)"
		status=1
	fi
	if [[ -n ${FAILED[$setup]:-} && $SKIP_NOTRACE != 1 ]]; then
		echo "FAIL  $setup: some runs failed (see warnings above)"
		status=1
	fi
done
for state in per-call raw; do
	if [[ -n ${FAILED[tax-$state]:-} ]]; then
		echo "FAIL  bystander $state: some runs could not be measured (see warnings above)"
		status=1
	fi
done
for setup in "${BASE_SETUPS[@]}"; do
	if [[ -n ${FAILED[$setup]:-} ]]; then
		echo "WARN  $setup: some runs failed (see warnings above)"
	fi
done
exit $status
