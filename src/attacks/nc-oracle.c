/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The encryption oracle: the one place in src/attacks that holds a key.
 * It encrypts what an attacker chooses and counts the calls. */
#include "nc-attack.h"

struct _NcOracle {
  const NcEngine *engine;
  NcParams       *key;
  NcParams       *target_key;   /* as the target was encrypted (its nonce) */
  NcParams       *last_key;     /* as the last chosen image was (its nonce) */
  guint           calls;
  guint           budget;       /* calls allowed, 0 for no limit */
  guint           trials;
};

/* @key: copied; the oracle encrypts with it and never gives it out */
NcOracle *
nc_oracle_new (const NcEngine *engine,
               const NcParams *key)
{
  NcOracle *oracle = g_new0 (NcOracle, 1);

  oracle->engine = engine;
  oracle->key = nc_params_copy (key);
  oracle->target_key = nc_params_copy (key);
  oracle->last_key = nc_params_copy (key);
  return oracle;
}

void
nc_oracle_free (NcOracle *oracle)
{
  if (oracle == NULL)
    return;
  nc_params_free (oracle->key);
  nc_params_free (oracle->target_key);
  nc_params_free (oracle->last_key);
  g_free (oracle);
}

/* Returns: (transfer full): the ciphertext of @chosen under the unknown key */
NcImage *
nc_oracle_encrypt (NcOracle       *oracle,
                   const NcImage  *chosen,
                   GCancellable   *cancellable,
                   GError        **error)
{
  g_autoptr(NcImage) cipher = nc_image_new_like (chosen, error);

  oracle->calls++;
  /* Encrypted as the cipher is used: a key with a nonce switch on gets
   * a fresh nonce for every image. */
  nc_params_draw_nonce (oracle->key, NULL);
  nc_params_free (oracle->last_key);
  oracle->last_key = nc_params_copy (oracle->key);
  if (cipher == NULL ||
      !nc_engine_encrypt (oracle->engine, oracle->key, chosen, cipher, cancellable, error))
    return NULL;
  return g_steal_pointer (&cipher);
}

guint
nc_oracle_get_calls (NcOracle *oracle)
{
  return oracle->calls;
}

/* @calls: how many calls the attacks may make in all (0: no limit); the
 * live analysis sets one so the view stays live */
void
nc_oracle_set_budget (NcOracle *oracle,
                      guint     calls)
{
  oracle->budget = calls;
}

guint
nc_oracle_get_budget (NcOracle *oracle)
{
  return oracle->budget;
}

/* Returns: whether @calls more calls stay within the budget */
gboolean
nc_oracle_can_afford (NcOracle *oracle,
                      guint     calls)
{
  return oracle->budget == 0 || oracle->calls + calls <= oracle->budget;
}

/* ---- The public algorithm, for a search on a reduced key ----
 *
 * Kerckhoffs: the algorithm is public, the key is not. A brute-force
 * search tries keys; to show one finish, the oracle lets an attacker
 * try keys that are the secret one except for its lowest @unknown bits,
 * which the attacker sets. The other bits never leave the oracle. */

/* Returns: the length of the key's bit string */
guint
nc_oracle_get_key_bits (NcOracle *oracle)
{
  return nc_params_get_key_bits (oracle->key);
}

guint
nc_oracle_get_trials (NcOracle *oracle)
{
  return oracle->trials;
}

/* @key with its lowest @unknown key bits set from @candidate. Returns
 * FALSE when that passes a parameter's last level: not a key. */
static gboolean
reduced_key (NcParams *key,
             guint     unknown,
             guint64   candidate)
{
  for (guint bit = 0; bit < unknown; bit++)
    {
      guint index, bit_in_param;
      guint64 level, levels;

      if (!nc_params_locate_key_bit (key, bit, &index, &bit_in_param, NULL))
        return FALSE;
      level = nc_params_get_level (key, index);
      level = (level & ~(G_GUINT64_CONSTANT (1) << bit_in_param)) |
              (((candidate >> bit) & 1) << bit_in_param);
      levels = nc_param_spec_levels (&nc_params_get_schema (key)->specs[index]);
      if (level >= levels || !nc_params_set_level (key, index, level, NULL))
        return FALSE;
    }
  return TRUE;
}

/**
 * nc_oracle_try_reduced:
 * @unknown: how many of the key's lowest bits the attacker sets
 * @candidate: their values
 * @plain: an image the oracle encrypted in its last call
 * @out: (out) (transfer full) (nullable): its ciphertext under the trial
 *   key, as that call encrypted it (its nonce); %NULL when @candidate is
 *   not a key
 */
gboolean
nc_oracle_try_reduced (NcOracle       *oracle,
                       guint           unknown,
                       guint64         candidate,
                       const NcImage  *plain,
                       NcImage       **out,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autoptr(NcParams) trial = nc_params_copy (oracle->last_key);
  g_autoptr(NcImage) cipher = NULL;
  NcKeystreamCache before;
  gboolean encrypted;

  *out = NULL;
  oracle->trials++;
  if (!reduced_key (trial, unknown, candidate))
    return TRUE;
  cipher = nc_image_new_like (plain, error);
  if (cipher == NULL)
    return FALSE;
  /* A trial key is tried once: its keystream is not worth keeping, and
   * the search's rate is the engine's. */
  before = nc_engine_set_keystream_cache (NC_KEYSTREAM_CACHE_OFF);
  encrypted = nc_engine_encrypt (oracle->engine, trial, plain, cipher, cancellable, error);
  nc_engine_set_keystream_cache (before);
  if (!encrypted)
    return FALSE;
  *out = g_steal_pointer (&cipher);
  return TRUE;
}

/* Decrypts the target with the trial key @candidate (as the target was
 * encrypted: its nonce). */
NcImage *
nc_oracle_decrypt_reduced (NcOracle       *oracle,
                           guint           unknown,
                           guint64         candidate,
                           const NcImage  *target,
                           GCancellable   *cancellable,
                           GError        **error)
{
  g_autoptr(NcParams) trial = nc_params_copy (oracle->target_key);
  g_autoptr(NcImage) plain = nc_image_new_like (target, error);

  if (plain == NULL || !reduced_key (trial, unknown, candidate) ||
      !nc_engine_decrypt (oracle->engine, trial, target, plain, cancellable, error))
    return NULL;
  return g_steal_pointer (&plain);
}
