/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "nc-parallel.h"

/**
 * nc_run_halves:
 * @func: the work
 * @first: the first half's data, run on this thread
 * @second: the second half's data, run on a helper thread when @parallel
 * @parallel: whether the work is large enough for a second thread
 *
 * The machines this runs on have two cores: work is split in two halves
 * whose results never depend on which thread computed them, so the split
 * changes the speed and never a bit of the output.
 */
void
nc_run_halves (GThreadFunc func,
               gpointer    first,
               gpointer    second,
               gboolean    parallel)
{
  GThread *helper = parallel ? g_thread_new ("nc-worker", func, second) : NULL;

  func (first);
  if (helper != NULL)
    g_thread_join (helper);
  else
    func (second);
}
