/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Keystream reuse: if every image is encrypted with the same keystream
 * K, added or XORed in place (c = p + k or p ⊕ k), the ciphertext of an
 * all-zero image is K itself, and K read back from any target gives its
 * plaintext. One chosen image finds K; a second, random, checks the
 * model before the target is read, and the same again that the cipher
 * is not randomised (a fresh nonce for every image): 3 oracle calls. */
#include "nc-attack.h"
#include "nc-i18n.h"

static gboolean
keystream_run (NcOracle       *oracle,
               const NcImage  *target,
               NcAttackResult *out,
               GCancellable   *cancellable,
               GError        **error)
{
  g_autoptr(NcImage) zero = nc_attack_image_like (target, 0, error);
  g_autoptr(NcImage) check = NULL;
  const NcImage *keystream;
  const NcImage *check_cipher;
  NcCombine found = NC_COMBINE_ADD;
  gboolean deterministic;

  if (zero == NULL || (keystream = nc_attack_ask (oracle, out, zero, cancellable, error)) == NULL)
    return FALSE;
  check = nc_attack_check_image (target, error);
  if (check == NULL || (check_cipher = nc_attack_ask (oracle, out, check, cancellable, error)) == NULL ||
      !nc_attack_check_deterministic (oracle, out, check, check_cipher, &deterministic, cancellable,
                                      error))
    return FALSE;

  out->broken = deterministic && nc_attack_fit_keystream (zero, keystream, check, check_cipher, &found);
  out->recovered = nc_attack_read_keystream (found, zero, keystream, target, error);
  if (out->recovered == NULL)
    return FALSE;
  if (out->broken)
    out->summary = g_strdup_printf (_("The keystream is reused and %s: the ciphertext of one all-zero "
                                    "image is the keystream, and it decrypts the target (checked on "
                                    "a random image)%s."), nc_combine_to_string (found),
                                    nc_attack_small_caveat (target));
  else if (!deterministic)
    out->summary = g_strdup_printf (_("Not broken by this attack with %u chosen images: one image "
                                    "encrypts two ways (a fresh nonce for every image), so no "
                                    "keystream is reused."), out->chosen->len);
  else
    out->summary = g_strdup_printf (_("Not broken by this attack with %u chosen images: the "
                                    "ciphertext is not the plaintext plus (or XOR) one fixed "
                                    "keystream."), out->chosen->len);
  return TRUE;
}

const NcAttack nc_attack_keystream = {
  .id = "keystream",
  .name = N_("Keystream reuse"),
  .summary = N_("One all-zero image gives the keystream when it is reused and added or XORed"),
  .run = keystream_run,
};
