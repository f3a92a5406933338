/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: the adversarial engine's weights file. */
#include "nc-adversarial.h"

#include "nc-fuzz.h"


int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(NcGanWeights) weights = nc_gan_weights_parse (bytes, "fuzz.ncw", &error);

  /* Weights that parse are whole: every generator is there. */
  if (weights != NULL)
    g_assert_nonnull (nc_gan_weights_generator (weights, NC_GAN_DIRECT, NC_GAN_DIRECT_STEPS - 1));
  return 0;
}
