/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Ciphertext files: a lossless PNG whose text chunks name the engine and
 * every public parameter (the nonce of this image included), written
 * the same by the CLI and the window, and read back to decrypt. */
#include "nc-ciphertext.h"
#include "nc-i18n.h"

#include "nc-adversarial.h"

#define TEXT_ENGINE "neurocipher:engine"
#define TEXT_PARAM_PREFIX "neurocipher:"

/**
 * nc_ciphertext_save:
 * @cipher: a ciphertext
 * @key: the key it was encrypted with; only its public parameters are
 *   written
 * @path: the PNG to write, atomically
 */
gboolean
nc_ciphertext_save (const NcImage   *cipher,
                    const NcParams  *key,
                    const char      *path,
                    GError         **error)
{
  g_autoptr(GPtrArray) text = nc_engine_public_metadata (key);

  g_ptr_array_add (text, NULL);
  return nc_image_save_png (cipher, path, (const char * const *) text->pdata, NC_SAVE_FAST, error);
}

/**
 * nc_ciphertext_match_key:
 * @info: what loading the ciphertext found, its text chunks included
 * @key: the key to decrypt it with; its fresh parameters (the nonce) are
 *   read from the ciphertext
 * @path: the file, for messages
 * @check: whether a file without Neurocipher's metadata is refused
 *
 * A ciphertext names its engine and public parameters; a key that
 * disagrees cannot decrypt it, and saying why beats a noisy image.
 */
gboolean
nc_ciphertext_match_key (const NcLoadInfo  *info,
                         NcParams          *key,
                         const char        *path,
                         NcCiphertextCheck  check,
                         GError           **error)
{
  const NcParamSchema *schema = nc_params_get_schema (key);
  const char *engine = g_hash_table_lookup (info->text, TEXT_ENGINE);

  if (engine == NULL && check == NC_CIPHERTEXT_ALLOW_MISSING_METADATA)
    return TRUE;
  if (engine == NULL)
    {
      nc_set_file_error (error, NC_ERROR_KEY, path,
                         _("records no Neurocipher metadata (engine, public parameters): it was not "
                         "saved as a Neurocipher ciphertext, or an editor stripped its text chunks "
                         "(neurocipher-cli decrypt --ignore-metadata decrypts it with the key's "
                         "settings)"));
      return FALSE;
    }
  if (g_strcmp0 (engine, schema->owner) != 0)
    {
      nc_set_file_error (error, NC_ERROR_KEY, path,
                         _("was encrypted with engine %s, but the key is for %s"),
                         engine, schema->owner);
      return FALSE;
    }
  for (guint i = 0; i < schema->n_specs; i++)
    {
      g_autofree char *name = g_strconcat (TEXT_PARAM_PREFIX, schema->specs[i].id, NULL);
      g_autofree char *mine = nc_params_format (key, i);
      const char *theirs = g_hash_table_lookup (info->text, name);

      if (schema->specs[i].fresh && nc_params_uses_nonce (key))
        {
          g_autofree char *assignment = g_strdup_printf ("%s=%s", schema->specs[i].id,
                                                         theirs != NULL ? theirs : "");

          if (theirs == NULL || !nc_params_set_from_string (key, assignment, NULL))
            {
              nc_set_file_error (error, NC_ERROR_CORRUPT, path,
                                 _("does not record a valid %s; with a fresh nonce for every image, "
                                 "it cannot be decrypted without it"), schema->specs[i].id);
              return FALSE;
            }
          continue;
        }
      if (!schema->specs[i].in_key && theirs != NULL && g_strcmp0 (theirs, mine) != 0)
        {
          nc_set_file_error (error, NC_ERROR_KEY, path,
                             _("was encrypted with %s = %s, but the key has %s = %s"),
                             schema->specs[i].id, theirs, schema->specs[i].id, mine);
          return FALSE;
        }
    }
  if (g_hash_table_contains (info->text, NC_GAN_WEIGHTS_METADATA))
    {
      const char *theirs = g_hash_table_lookup (info->text, NC_GAN_WEIGHTS_METADATA);
      g_autoptr(NcGanWeights) weights = nc_gan_weights_dup_for_key (key, error);

      if (weights == NULL)
        return FALSE;
      if (g_strcmp0 (theirs, weights->checksum) != 0)
        {
          nc_set_file_error (error, NC_ERROR_KEY, path,
                             _("was encrypted with other generator weights (checksum %.12s…, these are "
                             "%.12s…); give those with --weights"), theirs, weights->checksum);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * nc_ciphertext_decrypt_file:
 * @path: a ciphertext written by nc_ciphertext_save()
 * @key: its key; its fresh parameters are read from the file
 * @out_cipher: (out) (optional) (transfer full): the ciphertext itself
 *
 * Returns: (transfer full): the plaintext, or %NULL with an error naming
 *   the file and what is wrong
 */
NcImage *
nc_ciphertext_decrypt_file (const char         *path,
                            NcParams           *key,
                            NcCiphertextCheck   check,
                            NcImage           **out_cipher,
                            GError            **error)
{
  g_autoptr(NcLoadInfo) info = NULL;
  g_autoptr(NcImage) cipher = nc_image_load (path, &info, error);
  g_autoptr(NcImage) plain = NULL;

  if (cipher == NULL)
    return NULL;
  if (info->conversions != NC_CONVERSION_NONE)
    {
      nc_set_file_error (error, NC_ERROR_CORRUPT, path,
                         _("is not an 8-bit gray or RGB PNG as ciphertexts are written; "
                         "loading had to convert it, so it cannot decrypt"));
      return NULL;
    }
  if (!nc_ciphertext_match_key (info, key, path, check, error))
    return NULL;
  plain = nc_image_new_like (cipher, error);
  if (plain == NULL ||
      !nc_engine_decrypt (nc_engine_for_params (key), key, cipher, plain, NULL, error))
    return NULL;
  if (out_cipher != NULL)
    *out_cipher = g_steal_pointer (&cipher);
  return g_steal_pointer (&plain);
}
