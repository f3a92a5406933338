/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Differential: pairs of chosen images one sample apart show how far a
 * difference spreads. A cipher with diffusion spreads it over the whole
 * image, and this attack says how far it went and stops there: not
 * broken by it. A cipher that changes only the one sample, in its own
 * place, is a table per position, c[j] = f_j(p[j]); 256 chosen images,
 * every sample v in image v, write each table out and read the target
 * through them, whatever f_j is (a keystream added or XORed, an S-box,
 * a generator's output). */
#include "nc-attack.h"
#include "nc-i18n.h"

#include <string.h>

/* Where the pairs differ: spread over the image. */
#define N_PAIRS 3

/* How many samples the ciphertexts of @a and @b differ in; @where gets
 * the last. */
static gsize
count_changes (const NcImage *a,
               const NcImage *b,
               gsize         *where)
{
  gsize changes = 0;

  for (gsize i = 0; i < nc_image_get_n_bytes (a); i++)
    if (a->data[i] != b->data[i])
      {
        changes++;
        *where = i;
      }
  return changes;
}

/* Reads @target through the tables of 256 constant images, checking
 * them on @base, an image they did not come from. Returns in @fits
 * whether the tables explain both. */
static gboolean
read_with_tables (NcOracle       *oracle,
                  const NcImage  *target,
                  const NcImage  *base,
                  const NcImage  *base_cipher,
                  NcAttackResult *out,
                  gboolean       *fits,
                  GCancellable   *cancellable,
                  GError        **error)
{
  gsize n = nc_image_get_n_bytes (target), found = 0;
  g_autofree guint8 *seen = g_try_malloc0 (n);

  *fits = TRUE;
  if (seen == NULL)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_TOO_LARGE, _("not enough memory for the tables"));
      return FALSE;
    }
  out->recovered = nc_attack_image_like (target, 0, error);
  if (out->recovered == NULL)
    return FALSE;
  for (guint v = 0; v < 256; v++)
    {
      g_autoptr(NcImage) constant = nc_attack_image_like (target, (guint8) v, error);
      g_autoptr(NcImage) cipher = NULL;

      if (constant == NULL ||
          (cipher = nc_oracle_encrypt (oracle, constant, cancellable, error)) == NULL)
        return FALSE;
      out->chosen_images++;
      /* The first two are kept to be shown. */
      if (v < 2)
        {
          g_ptr_array_add (out->chosen, nc_image_ref (constant));
          g_ptr_array_add (out->chosen_ciphers, nc_image_ref (cipher));
        }
      for (gsize j = 0; j < n; j++)
        {
          if (!seen[j] && cipher->data[j] == target->data[j])
            {
              out->recovered->data[j] = (guint8) v;
              seen[j] = 1;
              found++;
            }
          if (base->data[j] == v && cipher->data[j] != base_cipher->data[j])
            *fits = FALSE;
        }
    }
  /* Every target sample must be some value's image. */
  *fits = *fits && found == n;
  return TRUE;
}

static gboolean
differential_run (NcOracle       *oracle,
                  const NcImage  *target,
                  NcAttackResult *out,
                  GCancellable   *cancellable,
                  GError        **error)
{
  gsize n = nc_image_get_n_bytes (target);
  g_autoptr(NcImage) base = nc_attack_check_image (target, error);
  const NcImage *base_cipher;
  gsize most = 0;
  gboolean local = TRUE, fits, deterministic;

  if (base == NULL || (base_cipher = nc_attack_ask (oracle, out, base, cancellable, error)) == NULL ||
      !nc_attack_check_deterministic (oracle, out, base, base_cipher, &deterministic, cancellable,
                                      error))
    return FALSE;
  if (!deterministic)
    {
      out->summary = g_strdup_printf (_("Not broken by this attack with %u chosen images: one image "
                                      "encrypts two ways (a fresh nonce for every image), so pairs "
                                      "one sample apart cannot be compared."), out->chosen->len);
      return TRUE;
    }
  for (guint k = 0; k < N_PAIRS; k++)
    {
      gsize at = (n - 1) * (2 * k + 1) / (2 * N_PAIRS), where = G_MAXSIZE, changes;
      g_autoptr(NcImage) other = nc_image_copy (base, error);
      const NcImage *other_cipher;

      if (other == NULL)
        return FALSE;
      other->data[at] ^= 0x5a;
      if ((other_cipher = nc_attack_ask (oracle, out, other, cancellable, error)) == NULL)
        return FALSE;
      changes = count_changes (base_cipher, other_cipher, &where);
      most = MAX (most, changes);
      local &= changes == 1 && where == at;
    }

  if (!local)
    {
      out->summary = g_strdup_printf (_("Not broken by this attack with %u chosen images: a change "
                                        "of one sample changed up to %llu of the %llu ciphertext "
                                        "samples (%.4g %%)%s."),
                                      out->chosen->len, (unsigned long long) most, (unsigned long long) n,
                                      100.0 * most / n,
                                      most < n / 100 ? _(": it stays near where it began, so the "
                                                         "image is not diffused") : "");
      return TRUE;
    }
  out->chosen_images = out->chosen->len;
  if (!nc_oracle_can_afford (oracle, 256))
    {
      out->summary = g_strdup_printf (_("A change of one sample changed only that sample: the cipher "
                                      "looks like a table per position, which 256 more chosen images "
                                      "would write out, more than the %u oracle calls this analysis "
                                      "allows the attacks (neurocipher-cli attack differential runs "
                                      "it). Not broken by this attack with %u images."),
                                      nc_oracle_get_budget (oracle), out->chosen_images);
      return TRUE;
    }
  if (!read_with_tables (oracle, target, base, base_cipher, out, &fits, cancellable, error))
    return FALSE;
  out->broken = fits;
  out->summary = fits
    ? g_strdup_printf (_("A change of one sample changed only that sample: the cipher is a table per "
                       "position. %u chosen images wrote the tables out, checked them on a random "
                       "image and read the target%s."), out->chosen_images,
                       nc_attack_small_caveat (target))
    : g_strdup_printf (_("Not broken by this attack with %u chosen images: a change of one sample "
                       "changed only that sample, but no fixed table per position explains the "
                       "ciphertexts (a fresh nonce for every image?)."), out->chosen_images);
  return TRUE;
}

const NcAttack nc_attack_differential = {
  .id = "differential",
  .name = N_("Differential"),
  .summary = N_("Pairs one sample apart show how far a difference spreads; with no spread, "
             "256 images give every position's table"),
  .run = differential_run,
};
