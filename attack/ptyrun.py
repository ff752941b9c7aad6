# Runs a command on a fresh pty (as its controlling terminal) for at most 8 s;
# prints what it wrote and how it ended. usage: python3 ptyrun.py CMD...
import os, pty, sys, time, select, signal
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
out = b""; end = time.time() + 8; st = None
while time.time() < end:
    r, _, _ = select.select([fd], [], [], 0.2)
    if r:
        try: d = os.read(fd, 4096)
        except OSError: d = b""
        out += d
    w = os.waitpid(pid, os.WNOHANG | os.WUNTRACED)
    if w[0]:
        st = w[1]
        if os.WIFSTOPPED(st): print("notrace STOPPED by", os.WSTOPSIG(st)); break
        break
print(out.decode(errors="replace"))
if st is None: print("TIMEOUT: notrace did not finish")
else: print("status", st)
try: os.kill(pid, signal.SIGKILL)
except ProcessLookupError: pass
