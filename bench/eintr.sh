#!/usr/bin/env bash
# How often a traced call fails with EINTR because its notification waited
# to be received: bare, under the minimal supervisor (floor, blocking RECV)
# and under notrace, with the same notified set. See bench/README.md.
# Not run by the test suite.
#
# Environment (all optional):
#   ROUNDS=5              rounds per workload and setup
#   N_FORK=2000           forks per fork run
#   N_TIMER=20000         getppid+openat rounds per timer run
#   NOTRACE=/path/notrace use this binary instead of `cargo build --release`
#   LIMIT=1.5             notrace/floor ratio that passes
#
# Exit status: 0 if notrace's EINTR count is at most LIMIT x floor's for
# every workload (or both are 0), 1 otherwise.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROUNDS=${ROUNDS:-5}
N_FORK=${N_FORK:-2000}
N_TIMER=${N_TIMER:-20000}
LIMIT=${LIMIT:-1.5}

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/notrace-eintr.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
log() { echo "eintr.sh: $*" >&2; }

gcc -O2 -Wall -o "$SCRATCH/floor" "$ROOT/bench/floor.c"
gcc -O2 -Wall -o "$SCRATCH/eintr" "$ROOT/bench/eintr.c"
if [[ -z ${NOTRACE:-} ]]; then
	log "cargo build --release"
	(cd "$ROOT" && cargo build --release --quiet)
	target_dir=$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps |
		python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
	NOTRACE=$target_dir/release/notrace
fi

# The notified set of each workload. notrace always notifies exit_group
# (for its `+++ exited +++` lines), so floor is given it too.
declare -A SET
SET[fork]=clone,clone3,fork,vfork
SET[timer]=getppid,openat
declare -A N
N[fork]=$N_FORK
N[timer]=$N_TIMER

run() { # setup workload -> "call count" lines
	local setup=$1 w=$2 prefix=()
	case $setup in
	bare) ;;
	floor) prefix=("$SCRATCH/floor" -e "${SET[$w]},exit_group" --) ;;
	notrace) prefix=("$NOTRACE" -e "${SET[$w]}" -o "$SCRATCH/trace.txt" --) ;;
	esac
	"${prefix[@]}" "$SCRATCH/eintr" "$w" "${N[$w]}" | awk '$1 == "eintr" { print $2, $3 }'
}

declare -A SUM
CALLS=()
for w in fork timer; do
	for ((r = 1; r <= ROUNDS; r++)); do
		for setup in bare floor notrace; do
			while read -r call count; do
				[[ " ${CALLS[*]} " == *" $call "* ]] || CALLS+=("$call")
				SUM[$setup.$call]=$((${SUM[$setup.$call]:-0} + count))
				echo "$w round $r $setup: $call EINTR $count"
			done < <(run "$setup" "$w")
		done
	done
done

echo
echo "EINTR per run, total over $ROUNDS rounds (fork: $N_FORK forks with a SIGCHLD handler; timer: $N_TIMER getppid+openat under a 100 us SIGALRM); $(uname -sr), $(nproc) CPUs"
printf '%-10s %8s %8s %8s %15s\n' call bare floor notrace notrace/floor
status=0
for call in "${CALLS[@]}"; do
	b=${SUM[bare.$call]:-0} f=${SUM[floor.$call]:-0} t=${SUM[notrace.$call]:-0}
	ratio=$(awk -v a="$t" -v b="$f" 'BEGIN { if (b > 0) printf "%.2f", a / b; else if (a == 0) print "0.00"; else print "inf" }')
	printf '%-10s %8s %8s %8s %15s\n' "$call" "$b" "$f" "$t" "$ratio"
	if [[ $ratio == inf ]] || ! awk -v v="$ratio" -v l="$LIMIT" 'BEGIN { exit !(v <= l) }'; then
		echo "FAIL  $call: notrace/floor = $ratio (limit $LIMIT)"
		status=1
	else
		echo "PASS  $call: notrace/floor = $ratio (limit $LIMIT)"
	fi
done
exit $status
