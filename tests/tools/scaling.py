#!/usr/bin/env python3
"""Checks that mimetool's work grows linearly with hostile input sizes.

For each shape of tests/hostile/scale_driver.cpp, runs the driver at size N and 2N under
`valgrind --tool=callgrind`, counting only the instructions of the measured function, and fails
when count(2N) / count(N) exceeds the limit (2.3: linear, with slack for logarithmic factors and
allocator noise). Instruction counts are deterministic, so the check does not depend on machine
load. Run by ctest as `scaling.linear`; standalone:

    tests/tools/scaling.py --driver build/tests/hostile/scale_driver [--only SHAPE] [--factor 2.3]
"""
import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile

# N per shape: large enough that per-call constants vanish, small enough that the whole check
# runs in well under three minutes under callgrind on two cores.
SIZES = {
    "deep_multipart": 4000,
    "deep_message": 4000,
    "many_parts": 8000,
    "long_header_line": 1 << 20,
    "many_fields": 40000,
    "many_encoded_words": 4000,
    "many_rfc2231_pieces": 4000,
    "long_boundary": 1 << 18,
    "big_base64": 1 << 20,
    "big_quoted_printable": 1 << 19,
}


def instructions(valgrind, driver, shape, n):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "callgrind.out")
        cmd = [valgrind, "--tool=callgrind", "--toggle-collect=mimetool_scale_run", f"--callgrind-out-file={out}",
               driver, shape, str(n)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
        with open(out) as f:
            for line in f:
                if line.startswith("summary:") or line.startswith("totals:"):
                    return int(line.split()[1])
    raise RuntimeError(f"no instruction count for {shape} {n}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--driver", required=True)
    ap.add_argument("--valgrind", default="valgrind")
    ap.add_argument("--only", action="append", help="check only this shape (repeatable)")
    ap.add_argument("--factor", type=float, default=2.3)
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    args = ap.parse_args()

    listed = subprocess.run([args.driver, "--list"], capture_output=True, text=True, check=True).stdout.split()
    missing = set(listed) ^ set(SIZES)
    if missing:
        print(f"scaling: shapes and sizes disagree: {sorted(missing)}", file=sys.stderr)
        return 1
    shapes = args.only or listed
    runs = [(s, n) for s in shapes for n in (SIZES[s], 2 * SIZES[s])]
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        counts = dict(zip(runs, pool.map(lambda r: instructions(args.valgrind, args.driver, *r), runs)))
    failed = []
    print(f"{'shape':<22} {'N':>9} {'instr(N)':>14} {'instr(2N)':>14} {'ratio':>6}")
    for s in shapes:
        n = SIZES[s]
        a, b = counts[(s, n)], counts[(s, 2 * n)]
        ratio = b / a if a else float("inf")
        flag = "" if ratio <= args.factor else f"  > {args.factor}: superlinear"
        print(f"{s:<22} {n:>9} {a:>14} {b:>14} {ratio:>6.3f}{flag}")
        if ratio > args.factor:
            failed.append(s)
    if failed:
        print(f"scaling: superlinear growth in {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
