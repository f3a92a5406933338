/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Work below this many bytes or cells is not worth a second thread. */
#define NC_PARALLEL_THRESHOLD 65536

typedef void (*NcPieceFunc) (guint    piece,
                             gpointer data);

guint nc_parallel_get_threads (void);
void  nc_parallel_set_background (gint nice);
void  nc_parallel_for         (guint        n_pieces,
                               NcPieceFunc  func,
                               gpointer     data);

void nc_run_halves (GThreadFunc func,
                    gpointer    first,
                    gpointer    second,
                    gboolean    parallel);

G_END_DECLS
