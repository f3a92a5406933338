/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: `--set id=value` assignments, for every engine. */
#include "nc-engine.h"

#include "nc-fuzz.h"


int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  const NcEngine * const *engines;
  guint n;

  engines = nc_engines_list (&n);
  for (guint e = 0; e < n; e++)
    {
      g_autoptr(NcParams) key = nc_engine_new_params (engines[e]);
      g_autoptr(GError) error = NULL;

      if (nc_params_set_from_string (key, text, &error))
        {
          for (guint i = 0; i < engines[e]->schema.n_specs; i++)
            g_free (nc_params_format (key, i));
        }
    }
  return 0;
}
