/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Key sensitivity (one key bit flipped) and plaintext sensitivity (one
 * sample bit flipped), measured as NPCR/UACI between ciphertexts. */
#include "nc-metrics.h"
#include "nc-i18n.h"

static NcImage *
encrypt_new (const NcEngine  *engine,
             const NcParams  *key,
             const NcImage   *plain,
             GCancellable    *cancellable,
             GError         **error)
{
  g_autoptr(NcImage) cipher = nc_image_new_like (plain, error);

  if (cipher == NULL || !nc_engine_encrypt (engine, key, plain, cipher, cancellable, error))
    return NULL;
  return g_steal_pointer (&cipher);
}

/**
 * nc_metric_key_sensitivity:
 * @engine: the engine
 * @key: the key K
 * @plain: the plaintext
 * @cipher: (nullable): its ciphertext under @key, when already made
 * @bit: the key bit to flip
 * @out_flipped_cipher: (out) (optional) (transfer full): the ciphertext
 *   under the flipped key
 * @out_wrong_plain: (out) (optional) (transfer full): the ciphertext under
 *   K decrypted with the flipped key
 * @out: (out): the measures
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 */
gboolean
nc_metric_key_sensitivity (const NcEngine   *engine,
                           const NcParams   *key,
                           const NcImage    *plain,
                           const NcImage    *cipher,
                           guint             bit,
                           NcImage         **out_flipped_cipher,
                           NcImage         **out_wrong_plain,
                           NcKeySensitivity *out,
                           GCancellable     *cancellable,
                           GError          **error)
{
  g_autoptr(NcParams) flipped = nc_params_copy (key);
  g_autoptr(NcImage) own_cipher = NULL;
  g_autoptr(NcImage) flipped_cipher = NULL;
  g_autoptr(NcImage) wrong = NULL;
  double mse, correlations[3][3];

  if (!nc_params_flip_key_bit (flipped, bit, error))
    return FALSE;
  if (cipher == NULL)
    {
      own_cipher = encrypt_new (engine, key, plain, cancellable, error);
      if (own_cipher == NULL)
        return FALSE;
      cipher = own_cipher;
    }
  flipped_cipher = encrypt_new (engine, flipped, plain, cancellable, error);
  if (flipped_cipher == NULL)
    return FALSE;
  wrong = nc_image_new_like (plain, error);
  if (wrong == NULL || !nc_engine_decrypt (engine, flipped, cipher, wrong, cancellable, error))
    return FALSE;

  out->bit = bit;
  nc_metric_differential (cipher, flipped_cipher, NC_ALL_CHANNELS, &out->ciphers, NULL);
  out->wrong_entropy = nc_metric_entropy (wrong, NC_ALL_CHANNELS);
  nc_metric_correlations (wrong, correlations);
  for (int d = 0; d < 3; d++)
    {
      out->wrong_correlation[d] = 0.0;
      for (guint c = 0; c < wrong->channels; c++)
        out->wrong_correlation[d] += correlations[c][d];
      out->wrong_correlation[d] /= wrong->channels;
    }
  nc_metric_mse (plain, wrong, &mse, NULL);
  out->wrong_psnr = nc_metric_psnr_of_mse (mse);

  if (out_flipped_cipher != NULL)
    *out_flipped_cipher = g_steal_pointer (&flipped_cipher);
  if (out_wrong_plain != NULL)
    *out_wrong_plain = g_steal_pointer (&wrong);
  return TRUE;
}

/**
 * nc_metric_key_bit_curve:
 * @engine: the engine
 * @key: the key
 * @plain: the plaintext
 * @npcr: (out caller-allocates) (array): one NPCR per key bit
 *   (nc_params_get_key_bits() of them): which bits of the key matter
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 */
gboolean
nc_metric_key_bit_curve (const NcEngine  *engine,
                         const NcParams  *key,
                         const NcImage   *plain,
                         double          *npcr,
                         GCancellable    *cancellable,
                         GError         **error)
{
  g_autoptr(NcImage) cipher = encrypt_new (engine, key, plain, cancellable, error);
  g_autoptr(NcImage) other = NULL;
  guint bits = nc_params_get_key_bits (key);

  if (cipher == NULL)
    return FALSE;
  other = nc_image_new_like (plain, error);
  if (other == NULL)
    return FALSE;
  for (guint bit = 0; bit < bits; bit++)
    {
      g_autoptr(NcParams) flipped = nc_params_copy (key);
      NcDifferential d;

      if (!nc_params_flip_key_bit (flipped, bit, error) ||
          !nc_engine_encrypt (engine, flipped, plain, other, cancellable, error))
        return FALSE;
      nc_metric_differential (cipher, other, NC_ALL_CHANNELS, &d, NULL);
      npcr[bit] = d.npcr;
    }
  return TRUE;
}

/**
 * nc_metric_plaintext_sensitivity:
 * @engine: the engine
 * @key: the key
 * @plain: the plaintext
 * @cipher: (nullable): its ciphertext under @key, when already made
 * @x: column of the pixel to change
 * @y: its row
 * @out: (out): NPCR/UACI between the ciphertexts of @plain and of @plain
 *   with the lowest bit of the first sample of pixel (@x, @y) flipped
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 */
gboolean
nc_metric_plaintext_sensitivity (const NcEngine  *engine,
                                 const NcParams  *key,
                                 const NcImage   *plain,
                                 const NcImage   *cipher,
                                 guint            x,
                                 guint            y,
                                 NcDifferential  *out,
                                 GCancellable    *cancellable,
                                 GError         **error)
{
  g_autoptr(NcImage) changed = NULL;
  g_autoptr(NcImage) c1 = NULL;
  g_autoptr(NcImage) c2 = NULL;

  if (x >= plain->width || y >= plain->height)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID, _("pixel (%u, %u) is outside the %u × %u image"),
                   x, y, plain->width, plain->height);
      return FALSE;
    }
  changed = nc_image_copy (plain, error);
  if (changed == NULL)
    return FALSE;
  changed->data[((gsize) y * plain->width + x) * plain->channels] ^= 1;
  if (cipher == NULL)
    {
      c1 = encrypt_new (engine, key, plain, cancellable, error);
      if (c1 == NULL)
        return FALSE;
      cipher = c1;
    }
  c2 = encrypt_new (engine, key, changed, cancellable, error);
  if (c2 == NULL)
    return FALSE;
  return nc_metric_differential (cipher, c2, NC_ALL_CHANNELS, out, error);
}
