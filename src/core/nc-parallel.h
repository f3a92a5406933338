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
void nc_run_queue  (GThreadFunc func,
                    gpointer    queue,
                    guint       n_items);
void nc_run_jobs   (GThreadFunc func,
                    gpointer    jobs,
                    gsize       job_size,
                    guint       n_jobs,
                    gboolean    parallel);

/* How many pieces of @piece items cover @n items (at least one). */
static inline guint
nc_pieces_of (guint n,
              guint piece)
{
  return n == 0 ? 1 : (n + piece - 1) / piece;
}

G_END_DECLS
