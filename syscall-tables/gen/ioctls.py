#!/usr/bin/env python3
"""Regenerates syscall-tables/xlat/ioctl_requests.tsv: every ioctl request
name strace 6.1 knows on x86_64, with its number.

This is the table's only generator (tools/gen-xlat.py does not write it).

Input: the (name, direction, type/nr, size) lists strace builds from the
kernel's headers: src/linux/x86_64/ioctls_arch0.h, src/linux/64/ioctls_inc.h
and src/ioctls_zfs.h of strace v6.1. Argument 1 is either a directory
holding the three files or a strace source tree checked out at v6.1
(git clone https://github.com/strace/strace; git checkout v6.1). Neither
the Debian packages nor CI have them, so tests/generators.rs runs this
only when NOTRACE_STRACE_SRC names such a directory, and otherwise prints
that it skipped it.

strace's rules, applied here as it applies them: a name defined in several
headers keeps its first definition (arch headers before generic ones); rows
are sorted by number, then name; a name that merely extends the previous
name of the same number (FOO, FOO_OLD) is dropped. Several names left for
one number are printed by the decoder as `A or B`, so all are kept, in
order.

Usage: ioctls.py DIR > syscall-tables/xlat/ioctl_requests.tsv
"""

import functools
import os
import re
import sys

ROW = re.compile(r'\{\s*"([^"]+)",\s*"([^"]+)",\s*([^,]+),\s*([^,]+),\s*([^}]+)\}')
DIRS = {"0": 0, "_IOC_NONE": 0, "_IOC_WRITE": 1, "_IOC_READ": 2,
        "_IOC_READ|_IOC_WRITE": 3}


def read(path):
    rows = []
    for line in open(path):
        m = ROW.search(line)
        if not m:
            continue
        info, name, d, tnr, size = (g.strip() for g in m.groups())
        code = (eval(tnr, {}) | (eval(size, {}) << 16)
                | (DIRS[d.replace(" ", "")] << 30))
        rows.append((info, name, code))
    return rows


# Where each list is in a strace source tree.
IN_TREE = {"ioctls_arch0.h": "src/linux/x86_64", "ioctls_inc.h": "src/linux/64",
           "ioctls_zfs.h": "src"}


def main():
    if len(sys.argv) != 2 or sys.argv[1] in ("-h", "--help"):
        sys.exit(__doc__)
    d = sys.argv[1]
    rows = []
    for f, sub in IN_TREE.items():
        path = os.path.join(d, f)
        if not os.path.isfile(path):
            path = os.path.join(d, sub, f)
        if not os.path.isfile(path):
            sys.exit(f"ioctls.py: {f} is neither in {d} nor in {os.path.join(d, sub)}")
        rows += read(path)

    def by_name(a, b):
        if a[1] != b[1]:
            return -1 if a[1] < b[1] else 1
        # strace's one exception: "asm/" sorts before "asm-generic/".
        if a[0].startswith("asm/") and b[0].startswith("asm-generic/"):
            return -1
        if b[0].startswith("asm/") and a[0].startswith("asm-generic/"):
            return 1
        return (a[0] > b[0]) - (a[0] < b[0])
    rows.sort(key=functools.cmp_to_key(by_name))
    seen, kept = set(), []
    for r in rows:
        if r[1] in seen:
            continue
        seen.add(r[1])
        kept.append(r)
    kept.sort(key=lambda r: (r[2], r[1]))
    print("# source: kernel uapi headers, as listed by strace 6.1 (src/linux/x86_64/ioctls_arch0.h, src/linux/64/ioctls_inc.h, src/ioctls_zfs.h); syscall-tables/gen/ioctls.py")
    print("# kind: enum")
    print("# Sorted by number; several names for one number print as `A or B`.")
    prev = None
    for info, name, code in kept:
        # Compared with the previous row, printed or not, as strace does.
        if not (prev and prev[1] == code and name.startswith(prev[0])):
            print(f"{name}\t{code:#x}")
        prev = (name, code)


main()
