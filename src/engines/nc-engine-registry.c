/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one list of engines. Adding an engine: one file, one line here. */
#include "nc-engine.h"

extern const NcEngine nc_engine_hopfield;
extern const NcEngine nc_engine_cellular;
extern const NcEngine nc_engine_convolutional;
extern const NcEngine nc_engine_adversarial;
extern const NcEngine nc_engine_chacha20;

static const NcEngine * const engines[] = {
  &nc_engine_hopfield,
  &nc_engine_cellular,
  &nc_engine_convolutional,
  &nc_engine_adversarial,
  &nc_engine_chacha20,
};

/**
 * nc_engines_list:
 * @n_engines: (out): how many there are
 *
 * Returns: (array length=n_engines) (transfer none): every engine, in the
 *   order the model picker shows them
 */
const NcEngine * const *
nc_engines_list (guint *n_engines)
{
  *n_engines = G_N_ELEMENTS (engines);
  return engines;
}
