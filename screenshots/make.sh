#!/bin/sh
# Regenerates the screenshots in this directory: traces real programs with
# `notrace --json -o`, then renders the terminal UI for each trace to SVG
# with examples/shot.rs (tui::render_to_svg), and to PNG when rsvg-convert
# is installed (Debian/Ubuntu: apt-get install librsvg2-bin fonts-dejavu-core).
#
#   screenshots/make.sh            # from the repository root or anywhere
#
# Needs: cargo, git, python3, cc. Respects CARGO_TARGET_DIR. For the ⏸ glyph
# in the PNGs: apt-get install fonts-symbola.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"
cargo build --quiet --bin notrace --example shot
bin=${CARGO_TARGET_DIR:-$root/target}/debug
notrace=$bin/notrace
shot=$bin/examples/shot

work=$(mktemp -d)
server=
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

# render NAME TRACE [shot options]: screenshots/NAME.svg (and .png).
render() {
    name=$1
    trace=$2
    shift 2
    "$shot" "$trace" "$here/$name.svg" "$@"
    if command -v rsvg-convert >/dev/null 2>&1; then
        rsvg-convert "$here/$name.svg" -o "$here/$name.png"
    fi
    echo "screenshots/$name.svg"
}

# 1. git status in a small repository.
repo=$work/repo
mkdir -p "$repo"
(
    cd "$repo"
    git init -q -b main
    git config user.email shot@example.com
    git config user.name shot
    printf 'hello\n' >README
    printf 'int main(void) { return 0; }\n' >main.c
    git add README main.c
    git commit -qm 'first commit'
    printf 'hello, world\n' >README
    printf 'notes\n' >TODO
)
(cd "$repo" && "$notrace" --json -o "$work/git.jsonl" -e %file,%process -- git status) \
    >"$work/git.out" 2>&1
render git-status "$work/git.jsonl" --title "git status" --output "$work/git.out"
# The same trace, failed calls only (e), the first one's result in the
# detail pane.
render git-failed "$work/git.jsonl" --title "git status" --output "$work/git.out" \
    --keys "e{home}{enter}"

# 2. A Python HTTP client against python3 -m http.server on 127.0.0.1.
mkdir -p "$work/www"
printf 'hello from http.server\n' >"$work/www/hello.txt"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 -d "$work/www" >/dev/null 2>&1 &
server=$!
i=0
until python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null; do
    i=$((i + 1))
    [ $i -lt 100 ] || { echo "http.server did not start" >&2; exit 1; }
    sleep 0.1
done
client="import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:$port/hello.txt').read().decode(), end='')"
"$notrace" --json -o "$work/http.jsonl" -e %network,%file -- python3 -c "$client" >"$work/http.out" 2>&1
kill "$server"
server=
# Only the network class (1 3 4 5 6 hide the others), the connect selected,
# its detail open.
render http-client "$work/http.jsonl" --title "python3 urllib → http.server" \
    --output "$work/http.out" --keys "13456{home}{down}{enter}"
# The same trace, stopped at the connect as `--hold connect` would.
render held-connect "$work/http.jsonl" --title "python3 urllib → http.server" \
    --hold "connect:127.0.0.1"
# D on that call: the errno prompt, "econnref" completed by Tab.
render held-connect-deny "$work/http.jsonl" --title "python3 urllib → http.server" \
    --hold "connect:127.0.0.1" --keys "Deconnref{tab}"

# 3. A build: cc compiling and linking a small C file (cc1, as, collect2, ld).
cat >"$work/hello.c" <<'EOF'
#include <stdio.h>
int main(void) { puts("hello"); return 0; }
EOF
(cd "$work" && "$notrace" --json -o "$work/cc.jsonl" -e %process,%file -- cc -O2 -o hello hello.c) \
    >"$work/cc.out" 2>&1
render cc-build "$work/cc.jsonl" --title "cc -O2 -o hello hello.c" --output "$work/cc.out" \
    --keys "/execve{enter}"
# Its statistics (Tab) and its process tree (Tab Tab).
render cc-stats "$work/cc.jsonl" --title "cc -O2 -o hello hello.c" --output "$work/cc.out" \
    --keys "{tab}"
# The statistics sorted by time spent in each syscall (s s).
render cc-stats-time "$work/cc.jsonl" --title "cc -O2 -o hello hello.c" --output "$work/cc.out" \
    --keys "{tab}ss"
render cc-procs "$work/cc.jsonl" --title "cc -O2 -o hello hello.c" --output "$work/cc.out" \
    --keys "{tab}{tab}"
