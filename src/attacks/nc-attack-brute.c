/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Brute force: try keys until one encrypts a known image as the oracle
 * did. The whole key is far too large to search here; the attack
 * measures how fast keys can be tried, runs the search to its end on a
 * key reduced to its lowest eight bits (the others given, inside the
 * oracle) to show it finds the key, and from the speed gives the
 * expected time for the whole key, 2^(b−1) trials for a b-bit key, here
 * and at 10^12 keys a second. A key expected within a year at that rate
 * (64 bits and under) is within reach: that is the verdict, an estimate
 * and said to be one. */
#include "nc-attack.h"
#include "nc-i18n.h"

#include <math.h>

#define UNKNOWN_BITS 8
#define KNOWN_SIDE 16
#define FAST_RATE 1e12
#define SECONDS_PER_YEAR (365.25 * 86400.0)

static char *
describe_duration (double seconds)
{
  if (seconds < 120)
    return g_strdup_printf ("%.3g s", seconds);
  if (seconds < 2 * 3600.0)
    return g_strdup_printf (_("%.3g minutes"), seconds / 60.0);
  if (seconds < 2 * 86400.0)
    return g_strdup_printf (_("%.3g hours"), seconds / 3600.0);
  if (seconds < SECONDS_PER_YEAR)
    return g_strdup_printf (_("%.3g days"), seconds / 86400.0);
  return g_strdup_printf (_("%.3g years"), seconds / SECONDS_PER_YEAR);
}

static gboolean
brute_run (NcOracle       *oracle,
           const NcImage  *target,
           NcAttackResult *out,
           GCancellable   *cancellable,
           GError        **error)
{
  g_autoptr(NcImage) known = nc_image_new (KNOWN_SIDE, KNOWN_SIDE, target->channels, error);
  g_autofree char *here = NULL;
  g_autofree char *fast = NULL;
  const NcImage *known_cipher;
  guint bits = nc_oracle_get_key_bits (oracle);
  guint unknown = MIN (UNKNOWN_BITS, bits);
  guint64 tried = 0, found = G_MAXUINT64;
  gint64 start;
  double rate, log2_trials;

  if (known == NULL)
    return FALSE;
  for (gsize i = 0; i < nc_image_get_n_bytes (known); i++)
    known->data[i] = (guint8) (i * 37 + (i >> 4) * 11);
  if ((known_cipher = nc_attack_ask (oracle, out, known, cancellable, error)) == NULL)
    return FALSE;

  start = g_get_monotonic_time ();
  for (guint64 candidate = 0; candidate < (G_GUINT64_CONSTANT (1) << unknown); candidate++)
    {
      g_autoptr(NcImage) trial = NULL;

      if (!nc_oracle_try_reduced (oracle, unknown, candidate, known, &trial, cancellable, error))
        return FALSE;
      tried++;
      if (trial != NULL && nc_image_equal (trial, known_cipher))
        {
          found = candidate;
          break;
        }
    }
  rate = tried / MAX ((g_get_monotonic_time () - start) / 1e6, 1e-6);

  /* The whole key: half its keys on average. */
  log2_trials = bits > 0 ? bits - 1.0 : 0.0;
  here = describe_duration (exp2 (log2_trials) / rate);
  fast = describe_duration (exp2 (log2_trials) / FAST_RATE);
  out->broken = exp2 (log2_trials) / FAST_RATE < SECONDS_PER_YEAR;
  out->estimate = TRUE;
  out->summary = g_strdup_printf (_("%s: the whole %u-bit key takes 2^%.0f trials on average, %s at "
                                    "the %.0f keys/s measured here, %s at 10^12 keys/s (an estimate). "
                                    "On the key reduced to %u unknown bits the search %s after %llu "
                                    "trials."),
                                  out->broken ? _("Within reach") : _("Out of reach"), bits, log2_trials,
                                  here, rate, fast, unknown,
                                  found != G_MAXUINT64 ? _("found a key that fits") : _("found no key that fits"),
                                  (unsigned long long) tried);
  return TRUE;
}

const NcAttack nc_attack_brute_force = {
  .id = "brute-force",
  .name = N_("Brute force"),
  .summary = N_("The speed of trying keys, the search run on a reduced key, the time for the whole key"),
  .run = brute_run,
};
