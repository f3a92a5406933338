/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: a key file's text, read for every engine's schema. */
#include "nc-engine.h"

#include "nc-fuzz.h"


int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const NcEngine * const *engines;
  guint n;

  engines = nc_engines_list (&n);
  for (guint e = 0; e < n; e++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NcParams) key = nc_params_load_key_data (&engines[e]->schema, (const char *) data,
                                                         size, "fuzz.nckey", &error);

      if (key != NULL)
        {
          g_autofree char *again = nc_params_to_key_file_data (key, NULL);

          g_assert_nonnull (again);
        }
    }
  return 0;
}
