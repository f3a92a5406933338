/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * NcRng:
 *
 * xoshiro256** seeded through splitmix64: small, fast and the same on
 * every machine, for everything that must repeat from a seed (random keys
 * with --seed, sampled pairs, noise). Not for secrets without a seed: use
 * nc_random_secure_below() there.
 */
typedef struct {
  guint64 s[4];
} NcRng;

/* 2^64 / φ, splitmix64's increment. */
#define NC_GOLDEN_GAMMA G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)

guint64  nc_mix64                  (guint64  z);
void     nc_rng_init               (NcRng   *rng,
                                    guint64  seed);
guint64  nc_rng_next               (NcRng   *rng);
guint64  nc_rng_below              (NcRng   *rng,
                                    guint64  bound);
double   nc_rng_double             (NcRng   *rng);

guint64  nc_random_secure_below    (guint64  bound);
guint64  nc_random_secure_seed     (void);
void     nc_crypto_init            (void);

G_END_DECLS
