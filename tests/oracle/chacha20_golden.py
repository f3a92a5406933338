#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Independent check of the ChaCha20 golden vectors in tests/test-engines.c.

Run from the project root after building:
    /usr/bin/python3 tests/oracle/chacha20_golden.py build/src/cli/neurocipher-cli
Needs Debian's python3-cryptography and python3-skimage. Prints the
SHA-256 of each sample's ciphertext under the key `keygen chacha20
--seed 1` draws; they must equal the golden values in the test.
"""
import hashlib
import struct
import subprocess
import sys

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms
from skimage import io

cli = sys.argv[1] if len(sys.argv) > 1 else "build/src/cli/neurocipher-cli"
key_file = subprocess.run([cli, "keygen", "chacha20", "--seed", "1"],
                          check=True, capture_output=True, text=True).stdout
values = dict(line.split("=", 1) for line in key_file.splitlines() if "=" in line)
key = b"".join(struct.pack("<I", int(values[f"k{i}"])) for i in range(8))
nonce = b"".join(struct.pack("<I", int(values[f"nonce{i}"])) for i in range(3))

for name in ("camera.png", "astronaut.png"):
    samples = io.imread(f"data/samples/{name}").tobytes()
    # cryptography's ChaCha20 nonce is the 32-bit block counter, then the
    # 96-bit RFC 8439 nonce; the engine starts at block 0.
    stream = Cipher(algorithms.ChaCha20(key, struct.pack("<I", 0) + nonce), mode=None)
    cipher = stream.encryptor().update(samples)
    print(name, hashlib.sha256(cipher).hexdigest())
