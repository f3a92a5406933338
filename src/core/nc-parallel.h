/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Work below this many bytes or cells is not worth a second thread. */
#define NC_PARALLEL_THRESHOLD 65536

void nc_run_halves (GThreadFunc func,
                    gpointer    first,
                    gpointer    second,
                    gboolean    parallel);

G_END_DECLS
