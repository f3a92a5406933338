/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Known plaintext: the attacker does not choose, but knows two other
 * images and their ciphertexts under the key (here two fixed textured
 * images, nothing like an all-zero one). If one keystream, added or
 * XORed, explains the first pair and predicts the second, it reads the
 * target. A fixed permutation is not sought: with images it did not
 * choose, the attacker cannot tell where each sample went. */
#include "nc-attack.h"
#include "nc-i18n.h"

/* Two fixed images with texture and gradients, as photographs have. */
static NcImage *
known_image (const NcImage  *target,
             guint           which,
             GError        **error)
{
  NcImage *image = nc_image_new_like (target, error);

  if (image == NULL)
    return NULL;
  for (guint y = 0; y < image->height; y++)
    for (guint x = 0; x < image->width; x++)
      for (guint c = 0; c < image->channels; c++)
        image->data[((gsize) y * image->width + x) * image->channels + c] =
          which == 0 ? (guint8) (((x * 7) ^ (y * 3)) + 40 * c)
                     : (guint8) ((x + 2 * y) * 5 + ((x * y) >> 3) + 85 * c);
  return image;
}

static gboolean
known_run (NcOracle       *oracle,
           const NcImage  *target,
           NcAttackResult *out,
           GCancellable   *cancellable,
           GError        **error)
{
  g_autoptr(NcImage) first = known_image (target, 0, error);
  g_autoptr(NcImage) second = NULL;
  const NcImage *first_cipher;
  const NcImage *second_cipher;
  NcCombine found = NC_COMBINE_ADD;

  if (first == NULL || (first_cipher = nc_attack_ask (oracle, out, first, cancellable, error)) == NULL)
    return FALSE;
  second = known_image (target, 1, error);
  if (second == NULL ||
      (second_cipher = nc_attack_ask (oracle, out, second, cancellable, error)) == NULL)
    return FALSE;
  out->broken = nc_attack_fit_keystream (first, first_cipher, second, second_cipher, &found);
  out->recovered = nc_attack_read_keystream (found, first, first_cipher, target, error);
  if (out->recovered == NULL)
    return FALSE;
  if (out->broken)
    out->summary = g_strdup_printf (_("Two known images and their ciphertexts give one keystream, %s, "
                                    "that explains both and decrypts the target%s."),
                                    nc_combine_to_string (found), nc_attack_small_caveat (target));
  else
    out->summary = g_strdup (_("Not broken by this attack with 2 known images: no one keystream "
                             "explains both pairs."));
  return TRUE;
}

const NcAttack nc_attack_known_plaintext = {
  .id = "known-plaintext",
  .name = N_("Known plaintext"),
  .summary = N_("Two known images and their ciphertexts give a reused keystream"),
  .run = known_run,
};
