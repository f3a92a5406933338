/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Permutation (with a reused keystream): a cipher that moves samples by
 * a fixed permutation π and adds or XORs a fixed keystream K, before or
 * after (c[j] = p[π(j)] ⊙ k[j]), falls to ⌈log2 N / 8⌉ + 3 chosen images
 * (Li, Li, Chen & Bourbakis 2008; Hu, Yu & Zhang 2020 on the Hopfield
 * scheme of Liu et al. 2019): the all-zero image gives the keystream as
 * it lands, and image b, whose every sample holds byte b of its own
 * index, tells where each sample goes. A random image checks the
 * recovered π and K before the target is read, and the same image again
 * that the cipher is not randomised (a fresh nonce for every image). */
#include "nc-attack.h"
#include "nc-i18n.h"

#include <string.h>

/* The images that code each sample's index, a byte at a time. */
static guint
n_index_bytes (gsize n)
{
  guint bytes = 1;

  while (bytes < sizeof (gsize) && (n - 1) >> (8 * bytes) != 0)
    bytes++;
  return bytes;
}

/* Reads π from the coded images' ciphertexts under one way of combining:
 * source[j] is the index of the plaintext sample that lands at j.
 * Returns: whether that gives a permutation */
static gboolean
read_permutation (NcCombine             combine,
                  const NcImage        *keystream,
                  NcImage * const      *coded,
                  guint                 n_bytes,
                  gsize                *source,
                  guint8               *seen)
{
  gsize n = nc_image_get_n_bytes (keystream);

  memset (seen, 0, n);
  for (gsize j = 0; j < n; j++)
    {
      gsize index = 0;

      for (guint b = 0; b < n_bytes; b++)
        index |= (gsize) nc_combine_remove (combine, coded[b]->data[j], keystream->data[j]) << (8 * b);
      if (index >= n || seen[index])
        return FALSE;
      seen[index] = 1;
      source[j] = index;
    }
  return TRUE;
}

static gboolean
predicts (NcCombine      combine,
          const gsize   *source,
          const NcImage *keystream,
          const NcImage *check,
          const NcImage *check_cipher)
{
  gsize n = nc_image_get_n_bytes (check);

  for (gsize j = 0; j < n; j++)
    if (check_cipher->data[j] != nc_combine_apply (combine, check->data[source[j]], keystream->data[j]))
      return FALSE;
  return TRUE;
}

static gboolean
permutation_run (NcOracle       *oracle,
                 const NcImage  *target,
                 NcAttackResult *out,
                 GCancellable   *cancellable,
                 GError        **error)
{
  gsize n = nc_image_get_n_bytes (target);
  guint n_bytes = n_index_bytes (n);
  g_autoptr(NcImage) zero = nc_attack_image_like (target, 0, error);
  const NcImage *keystream;
  g_autoptr(NcImage) check = NULL;
  const NcImage *check_cipher;
  g_autoptr(GPtrArray) coded = g_ptr_array_new ();
  g_autofree gsize *source = g_try_new (gsize, n);
  g_autofree guint8 *seen = g_try_malloc (n);
  NcCombine found = NC_COMBINE_ADD;
  gboolean deterministic;

  if (source == NULL || seen == NULL)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_TOO_LARGE, _("not enough memory to map the permutation"));
      return FALSE;
    }
  if (zero == NULL || (keystream = nc_attack_ask (oracle, out, zero, cancellable, error)) == NULL)
    return FALSE;
  for (guint b = 0; b < n_bytes; b++)
    {
      g_autoptr(NcImage) image = nc_image_new_like (target, error);
      NcImage *cipher;

      if (image == NULL)
        return FALSE;
      for (gsize i = 0; i < n; i++)
        image->data[i] = (guint8) (i >> (8 * b));
      if ((cipher = nc_attack_ask (oracle, out, image, cancellable, error)) == NULL)
        return FALSE;
      g_ptr_array_add (coded, cipher);
    }
  check = nc_attack_check_image (target, error);
  if (check == NULL || (check_cipher = nc_attack_ask (oracle, out, check, cancellable, error)) == NULL ||
      !nc_attack_check_deterministic (oracle, out, check, check_cipher, &deterministic, cancellable,
                                      error))
    return FALSE;

  for (int combine = 0; combine < NC_N_COMBINES && deterministic && !out->broken; combine++)
    if (read_permutation ((NcCombine) combine, keystream, (NcImage * const *) coded->pdata, n_bytes,
                          source, seen)
        && predicts ((NcCombine) combine, source, keystream, check, check_cipher))
      {
        out->broken = TRUE;
        found = (NcCombine) combine;
      }

  if (out->broken)
    {
      out->recovered = nc_image_new_like (target, error);
      if (out->recovered == NULL)
        return FALSE;
      for (gsize j = 0; j < n; j++)
        out->recovered->data[source[j]] = nc_combine_remove (found, target->data[j], keystream->data[j]);
    }
  /* The best an attacker can show without π: the target minus the
   * keystream where it landed. */
  else if ((out->recovered = nc_attack_read_keystream (NC_COMBINE_ADD, zero, keystream, target,
                                                       error)) == NULL)
    return FALSE;
  if (out->broken)
    out->summary = g_strdup_printf (_("A fixed permutation with a reused keystream (%s): %u chosen "
                                    "images map where every sample goes and decrypt the target "
                                    "(checked on a random image)%s."), nc_combine_to_string (found),
                                    out->chosen->len, nc_attack_small_caveat (target));
  else if (!deterministic)
    out->summary = g_strdup_printf (_("Not broken by this attack with %u chosen images: one image "
                                    "encrypts two ways (a fresh nonce for every image), so no "
                                    "permutation or keystream stays fixed."), out->chosen->len);
  else
    out->summary = g_strdup_printf (_("Not broken by this attack with %u chosen images: no fixed "
                                    "permutation with one reused keystream explains the ciphertexts."),
                                    out->chosen->len);
  return TRUE;
}

const NcAttack nc_attack_permutation = {
  .id = "permutation",
  .name = N_("Permutation and keystream"),
  .summary = N_("Position-coded chosen images map a fixed permutation; with the zero image, "
             "its keystream too"),
  .run = permutation_run,
};
