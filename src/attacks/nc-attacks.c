/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The attack registry, the harness that runs one and measures what it
 * recovered, and what the attacks share. */
#include "nc-attack.h"
#include "nc-i18n.h"

#include <string.h>

#include <math.h>

extern const NcAttack nc_attack_keystream;
extern const NcAttack nc_attack_permutation;
extern const NcAttack nc_attack_known_plaintext;
extern const NcAttack nc_attack_brute_force;
extern const NcAttack nc_attack_differential;

static const NcAttack * const attacks[] = {
  &nc_attack_keystream,
  &nc_attack_permutation,
  &nc_attack_known_plaintext,
  &nc_attack_differential,
  &nc_attack_brute_force,
};

const NcAttack * const *
nc_attacks_list (guint *n_attacks)
{
  *n_attacks = G_N_ELEMENTS (attacks);
  return attacks;
}

const NcAttack *
nc_attack_find (const char  *id,
                GError     **error)
{
  GString *known = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (attacks); i++)
    {
      if (g_str_equal (attacks[i]->id, id))
        {
          g_string_free (known, TRUE);
          return attacks[i];
        }
      g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", attacks[i]->id);
    }
  g_set_error (error, NC_ERROR, NC_ERROR_NOT_FOUND, _("no attack “%s” (there are: %s)"), id, known->str);
  g_string_free (known, TRUE);
  return NULL;
}

void
nc_attack_result_clear (NcAttackResult *result)
{
  nc_attack_result_drop_images (result);
  g_clear_pointer (&result->summary, g_free);
}

/* Frees the images a result holds (recovered, chosen, their ciphertexts),
 * keeping its verdict, counts and summary. */
void
nc_attack_result_drop_images (NcAttackResult *result)
{
  g_clear_pointer (&result->recovered, nc_image_unref);
  g_clear_pointer (&result->chosen, g_ptr_array_unref);
  g_clear_pointer (&result->chosen_ciphers, g_ptr_array_unref);
}

static double
share_equal (const NcImage *a,
             const NcImage *b)
{
  gsize n = nc_image_get_n_bytes (a);
  gsize same = 0;

  for (gsize i = 0; i < n; i++)
    same += a->data[i] == b->data[i];
  return n > 0 ? (double) same / (double) n : NAN;
}

/**
 * nc_attack_run:
 * @attack: the attack
 * @oracle: an encryption oracle for the unknown key
 * @target: the ciphertext to read
 * @plain: (nullable): the true plaintext, known to the harness only, to
 *   measure the share recovered; never given to the attack
 * @out: (out): the result; clear with nc_attack_result_clear()
 */
gboolean
nc_attack_run (const NcAttack *attack,
               NcOracle       *oracle,
               const NcImage  *target,
               const NcImage  *plain,
               NcAttackResult *out,
               GCancellable   *cancellable,
               GError        **error)
{
  guint calls_before = nc_oracle_get_calls (oracle);
  gint64 start = g_get_monotonic_time ();

  *out = (NcAttackResult) { .attack = attack->id, .recovered_share = NAN };
  out->chosen = g_ptr_array_new_with_free_func ((GDestroyNotify) nc_image_unref);
  out->chosen_ciphers = g_ptr_array_new_with_free_func ((GDestroyNotify) nc_image_unref);
  if (!attack->run (oracle, target, out, cancellable, error))
    return FALSE;
  out->seconds = (g_get_monotonic_time () - start) / 1e6;
  out->oracle_calls = nc_oracle_get_calls (oracle) - calls_before;
  /* An attack that shows only some of its images counts them itself. */
  if (out->chosen_images == 0)
    out->chosen_images = out->chosen->len;
  /* An attack that reads nothing of the target (brute force estimates)
   * leaves recovered empty. */
  if (plain != NULL && out->recovered != NULL && nc_image_same_shape (plain, out->recovered))
    out->recovered_share = share_equal (plain, out->recovered);
  return TRUE;
}

guint8
nc_combine_apply (NcCombine combine,
                  guint8    p,
                  guint8    k)
{
  return combine == NC_COMBINE_ADD ? (guint8) (p + k) : (guint8) (p ^ k);
}

guint8
nc_combine_remove (NcCombine combine,
                   guint8    c,
                   guint8    k)
{
  return combine == NC_COMBINE_ADD ? (guint8) (c - k) : (guint8) (c ^ k);
}

const char *
nc_combine_to_string (NcCombine combine)
{
  return combine == NC_COMBINE_ADD ? "added modulo 256" : "XORed";
}

/* An image of @target's shape, every sample @fill. */
NcImage *
nc_attack_image_like (const NcImage  *target,
                      guint8          fill,
                      GError        **error)
{
  NcImage *image = nc_image_new_like (target, error);

  if (image != NULL)
    memset (image->data, fill, nc_image_get_n_bytes (image));
  return image;
}

/* A fixed pseudo-random image of @target's shape: the attacks check the
 * model they recovered by predicting its ciphertext. */
NcImage *
nc_attack_check_image (const NcImage  *target,
                       GError        **error)
{
  NcImage *image = nc_image_new_like (target, error);
  NcRng rng;

  if (image == NULL)
    return NULL;
  nc_rng_init (&rng, G_GUINT64_CONSTANT (0x4348454b));
  for (gsize i = 0; i < nc_image_get_n_bytes (image); i++)
    image->data[i] = (guint8) (nc_rng_next (&rng) >> 56);
  return image;
}

/**
 * nc_attack_ask:
 * @chosen: an image the attacker chose
 *
 * Has the oracle encrypt @chosen, and keeps both in @out to be shown
 * (@chosen by reference: it must not change afterwards).
 *
 * Returns: (transfer none): the ciphertext, owned by @out
 */
NcImage *
nc_attack_ask (NcOracle       *oracle,
               NcAttackResult *out,
               const NcImage  *chosen,
               GCancellable   *cancellable,
               GError        **error)
{
  NcImage *cipher = nc_oracle_encrypt (oracle, chosen, cancellable, error);

  if (cipher == NULL)
    return NULL;
  /* Kept by reference: an attack never changes an image once asked. */
  g_ptr_array_add (out->chosen, nc_image_ref ((NcImage *) chosen));
  g_ptr_array_add (out->chosen_ciphers, cipher);
  return cipher;
}

/**
 * nc_attack_check_deterministic:
 * @image: an image the attack has had encrypted once
 * @cipher: its ciphertext
 * @deterministic: (out): whether a second encryption gave the same bytes
 *
 * A cipher that draws a fresh nonce for every image encrypts one image
 * two ways: no fixed keystream or permutation then explains it.
 */
gboolean
nc_attack_check_deterministic (NcOracle       *oracle,
                               NcAttackResult *out,
                               const NcImage  *image,
                               const NcImage  *cipher,
                               gboolean       *deterministic,
                               GCancellable   *cancellable,
                               GError        **error)
{
  const NcImage *again = nc_attack_ask (oracle, out, image, cancellable, error);

  if (again == NULL)
    return FALSE;
  *deterministic = nc_image_equal (again, cipher);
  return TRUE;
}

/* A few words to add to a summary when the target is too small for a
 * check on it to mean much. */
const char *
nc_attack_small_caveat (const NcImage *target)
{
  return nc_image_get_n_bytes (target) < 256
    ? _(" (on so few samples a check can pass by chance)") : "";
}

/**
 * nc_attack_fit_keystream:
 * @plain: a plaintext the attacker knows or chose
 * @cipher: its ciphertext
 * @check: another
 * @check_cipher: its ciphertext
 * @found: (out): how the keystream is combined, when one fits
 *
 * Fits c = p ⊙ k with one keystream k for both pairs.
 *
 * Returns: whether one does, added or XORed
 */
gboolean
nc_attack_fit_keystream (const NcImage *plain,
                         const NcImage *cipher,
                         const NcImage *check,
                         const NcImage *check_cipher,
                         NcCombine     *found)
{
  gsize n = nc_image_get_n_bytes (plain);

  for (int combine = 0; combine < NC_N_COMBINES; combine++)
    {
      gsize i = 0;

      while (i < n)
        {
          guint8 k = nc_combine_remove ((NcCombine) combine, cipher->data[i], plain->data[i]);

          if (check_cipher->data[i] != nc_combine_apply ((NcCombine) combine, check->data[i], k))
            break;
          i++;
        }
      if (i == n)
        {
          *found = (NcCombine) combine;
          return TRUE;
        }
    }
  return FALSE;
}

/* @target read with the keystream of (@plain, @cipher), into a new image. */
NcImage *
nc_attack_read_keystream (NcCombine       combine,
                          const NcImage  *plain,
                          const NcImage  *cipher,
                          const NcImage  *target,
                          GError        **error)
{
  NcImage *read = nc_image_new_like (target, error);

  if (read == NULL)
    return NULL;
  for (gsize i = 0; i < nc_image_get_n_bytes (target); i++)
    read->data[i] = nc_combine_remove (combine, target->data[i],
                                       nc_combine_remove (combine, cipher->data[i], plain->data[i]));
  return read;
}
