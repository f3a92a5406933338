/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The encryption oracle: the one place in src/attacks that holds a key.
 * It encrypts what an attacker chooses and counts the calls. */
#include "nc-attack.h"

struct _NcOracle {
  const NcEngine *engine;
  NcParams       *key;
  guint           calls;
};

/* @key: copied; the oracle encrypts with it and never gives it out */
NcOracle *
nc_oracle_new (const NcEngine *engine,
               const NcParams *key)
{
  NcOracle *oracle = g_new0 (NcOracle, 1);

  oracle->engine = engine;
  oracle->key = nc_params_copy (key);
  return oracle;
}

void
nc_oracle_free (NcOracle *oracle)
{
  if (oracle == NULL)
    return;
  nc_params_free (oracle->key);
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
