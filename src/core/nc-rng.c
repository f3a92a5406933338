/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "nc-rng.h"

#include <sodium.h>

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

/**
 * nc_mix64:
 *
 * splitmix64's output function: a bijection of 64-bit words in which
 * every input bit changes about half the output bits. Counter-based
 * draws hash (seed + counter · golden ratio) with it.
 */
guint64
nc_mix64 (guint64 z)
{
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static guint64
splitmix64 (guint64 *state)
{
  return nc_mix64 (*state += NC_GOLDEN_GAMMA);
}

void
nc_rng_init (NcRng   *rng,
             guint64  seed)
{
  for (int i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&seed);
}

guint64
nc_rng_next (NcRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* Uniform in [0, bound) without modulo bias, by rejection. bound 0 means
 * the whole 64-bit range. */
guint64
nc_rng_below (NcRng   *rng,
              guint64  bound)
{
  guint64 limit, x;

  if (bound == 0)
    return nc_rng_next (rng);
  limit = G_MAXUINT64 - (G_MAXUINT64 % bound);
  do
    x = nc_rng_next (rng);
  while (x >= limit);
  return x % bound;
}

/* Uniform in [0, 1) with 53 random bits. */
double
nc_rng_double (NcRng *rng)
{
  return (double) (nc_rng_next (rng) >> 11) * 0x1.0p-53;
}

/* libsodium wants sodium_init() before any other call; it is cheap after
 * the first. */
void
nc_crypto_init (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      if (sodium_init () < 0)
        g_error ("libsodium could not be initialised");
      g_once_init_leave (&initialised, 1);
    }
}

/* Uniform in [0, bound) from the system's secure generator. */
guint64
nc_random_secure_below (guint64 bound)
{
  guint64 limit, x;

  nc_crypto_init ();
  limit = bound == 0 ? G_MAXUINT64 : G_MAXUINT64 - (G_MAXUINT64 % bound);
  do
    randombytes_buf (&x, sizeof x);
  while (bound != 0 && x >= limit);
  return bound == 0 ? x : x % bound;
}

guint64
nc_random_secure_seed (void)
{
  return nc_random_secure_below (0);
}
