/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: an image file from memory, through the PNG reader and
 * gdk-pixbuf's loaders; then, if it loads, the ciphertext metadata
 * check against a key of the engine it names. */
#include "nc-ciphertext.h"

#include "nc-fuzz.h"


int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(NcLoadInfo) info = NULL;
  g_autoptr(NcImage) image = NULL;
  g_autoptr(GError) error = NULL;

  /* Small images only: a fuzzer's bombs must be refused, not decoded. */
  nc_image_set_max_pixels (1 << 20);
  image = nc_image_load_from_data (data, size, "fuzz.png", &info, &error);
  if (image != NULL && info->text != NULL)
    {
      const char *owner = g_hash_table_lookup (info->text, "neurocipher:engine");
      const NcEngine *engine = owner != NULL ? nc_engine_find (owner, NULL) : NULL;

      if (engine != NULL)
        {
          g_autoptr(NcParams) key = nc_engine_new_params (engine);
          g_autoptr(GError) match_error = NULL;

          nc_ciphertext_match_key (info, key, "fuzz.png", NC_CIPHERTEXT_REQUIRE_METADATA, &match_error);
        }
    }
  return 0;
}
