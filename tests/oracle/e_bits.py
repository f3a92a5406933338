#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the first 1,000,000 bits of the binary expansion of e (NIST's
data.e: "10" for the integer part, then the fraction), packed eight to a
byte, most significant first, to tests/data/e-bits.bin.

e = sum 1/k! as an exact fraction by binary splitting, then
floor(e * 2^(N - 2)) in integers: no rounding anywhere."""
import pathlib
import sys

N = 1_000_000


def split(a, b):
    # sum_{k=a}^{b-1} of a!/k! ... returned as (p, q) with
    # sum_{k=a+1}^{b} 1/((a+1)...(k)) = p / q
    if b - a == 1:
        return 1, b
    m = (a + b) // 2
    p1, q1 = split(a, m)
    p2, q2 = split(m, b)
    return p1 * q2 + p2, q1 * q2


def main():
    terms = 80_000  # 80000! > 2^(N + 64)
    p, q = split(0, terms)
    # e = 1 + p / q
    value = ((q + p) << (N - 2)) // q
    assert value.bit_length() == N
    data = value.to_bytes(N // 8, "big")
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else
                       pathlib.Path(__file__).parent.parent / "data" / "e-bits.bin")
    out.write_bytes(data)
    bits = bin(value)[2:22]
    print(out, bits)


main()
