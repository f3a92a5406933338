/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One pool of worker threads for the whole program, started once: work
 * is cut into pieces fixed by the work (never by the thread count), the
 * caller and the pool's threads take pieces until none is left, so the
 * results are bit-identical for any number of threads, and nested work
 * (a comparison's rows, each encrypting in halves) never waits on a
 * thread it cannot get: the caller does its own pieces. */
#include "nc-parallel.h"

#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#define MAX_THREADS 64

typedef struct {
  gint         ref_count;
  NcPieceFunc  func;
  gpointer     data;
  guint        n_pieces;
  gint         next;      /* the next piece to take */
  gint         done;      /* pieces finished */
  GMutex       lock;
  GCond        finished;
} Job;

static GThreadPool *pool;
static guint n_threads;
static gint background;                 /* the nice value helpers take, 0 for none */
static _Thread_local gint niced_to;     /* what this helper took */

static void
job_unref (Job *job)
{
  if (g_atomic_int_dec_and_test (&job->ref_count))
    {
      g_mutex_clear (&job->lock);
      g_cond_clear (&job->finished);
      g_free (job);
    }
}

/* Takes pieces until none is left. */
static void
job_work (Job *job)
{
  for (;;)
    {
      guint piece = (guint) g_atomic_int_add (&job->next, 1);

      if (piece >= job->n_pieces)
        return;
      job->func (piece, job->data);
      if ((guint) g_atomic_int_add (&job->done, 1) + 1 == job->n_pieces)
        {
          g_mutex_lock (&job->lock);
          g_cond_broadcast (&job->finished);
          g_mutex_unlock (&job->lock);
        }
    }
}

static void
pool_thread (gpointer data,
             gpointer user_data)
{
  Job *job = data;
  gint nice = g_atomic_int_get (&background);

  (void) user_data;
  if (nice > niced_to)
    {
      setpriority (PRIO_PROCESS, (id_t) gettid (), nice);
      niced_to = nice;
    }
  job_work (job);
  job_unref (job);
}

static gpointer
pool_start (gpointer data)
{
  const char *env = g_getenv ("NC_THREADS");
  guint64 wanted = 0;

  (void) data;
  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, MAX_THREADS, &wanted, NULL))
    n_threads = (guint) wanted;
  else
    n_threads = CLAMP (g_get_num_processors (), 1, MAX_THREADS);
  /* The caller works too: the pool has one thread fewer. */
  if (n_threads > 1)
    pool = g_thread_pool_new (pool_thread, NULL, (gint) n_threads - 1, TRUE, NULL);
  return NULL;
}

/**
 * nc_parallel_get_threads:
 *
 * Returns: how many threads work on a piece of work at once, the caller
 * included: the NC_THREADS environment variable (1 to 64) or the
 * processors.
 */
guint
nc_parallel_get_threads (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, pool_start, NULL);
  return n_threads;
}

/**
 * nc_parallel_set_background:
 * @nice: the nice value the pool's threads run at from their next piece
 *   of work on (only ever raised)
 *
 * For the workbench: its computations run below the interface (the live
 * worker lowers its own priority), and the pool's threads, started by
 * whichever thread came first, must follow, or on two cores the helper
 * takes the processor the main loop and the display server need.
 */
void
nc_parallel_set_background (gint nice)
{
  g_atomic_int_set (&background, nice);
}

/**
 * nc_parallel_for:
 * @n_pieces: how many pieces; fixed by the work, never by the threads
 * @func: runs one piece
 * @data: for @func
 *
 * Runs @func on every piece, on this thread and the pool's, and returns
 * when all are done. Pieces must not depend on which thread runs them.
 */
void
nc_parallel_for (guint        n_pieces,
                 NcPieceFunc  func,
                 gpointer     data)
{
  guint helpers = MIN (nc_parallel_get_threads (), n_pieces) - 1;
  Job *job;

  if (n_pieces == 0)
    return;
  if (helpers == 0 || pool == NULL)
    {
      for (guint i = 0; i < n_pieces; i++)
        func (i, data);
      return;
    }
  job = g_new0 (Job, 1);
  job->ref_count = 1 + (gint) helpers;
  job->func = func;
  job->data = data;
  job->n_pieces = n_pieces;
  g_mutex_init (&job->lock);
  g_cond_init (&job->finished);
  for (guint i = 0; i < helpers; i++)
    g_thread_pool_push (pool, job, NULL);
  job_work (job);
  g_mutex_lock (&job->lock);
  while ((guint) g_atomic_int_get (&job->done) < n_pieces)
    g_cond_wait (&job->finished, &job->lock);
  g_mutex_unlock (&job->lock);
  job_unref (job);
}

typedef struct {
  GThreadFunc func;
  gpointer    halves[2];
} Halves;

static void
run_half (guint    piece,
          gpointer data)
{
  Halves *h = data;

  h->func (h->halves[piece]);
}

/**
 * nc_run_halves:
 * @func: the work
 * @first: the first half's data
 * @second: the second half's data
 * @parallel: whether the work is large enough to share
 *
 * Two pieces of nc_parallel_for(): the split is the work's, so it
 * changes the speed and never a bit of the output.
 */
void
nc_run_halves (GThreadFunc func,
               gpointer    first,
               gpointer    second,
               gboolean    parallel)
{
  Halves h = { func, { first, second } };

  if (!parallel)
    {
      func (first);
      func (second);
      return;
    }
  nc_parallel_for (2, run_half, &h);
}

typedef struct {
  GThreadFunc func;
  guint8     *jobs;
  gsize       job_size;
} Jobs;

static void
run_job_piece (guint    piece,
               gpointer data)
{
  Jobs *j = data;

  j->func (j->jobs + piece * j->job_size);
}

/**
 * nc_run_jobs:
 * @func: runs one job
 * @jobs: @n_jobs jobs side by side, @job_size bytes each
 * @job_size: the size of one
 * @n_jobs: how many
 * @parallel: share them out on the pool; else run them in order here
 *
 * Work cut into more pieces than there are threads (bands of rows, say),
 * taken by whichever thread is free: every core busy until the end. A
 * job's result must depend on the job alone, never on which thread ran
 * it or when.
 */
void
nc_run_jobs (GThreadFunc func,
             gpointer    jobs,
             gsize       job_size,
             guint       n_jobs,
             gboolean    parallel)
{
  Jobs j = { func, jobs, job_size };

  if (!parallel)
    {
      for (guint i = 0; i < n_jobs; i++)
        func ((guint8 *) jobs + i * job_size);
      return;
    }
  nc_parallel_for (n_jobs, run_job_piece, &j);
}

static void
run_queue_piece (guint    piece,
                 gpointer data)
{
  Halves *h = data;

  (void) piece;
  h->func (h->halves[0]);
}

/**
 * nc_run_queue:
 * @func: takes items from @queue until none is left
 * @queue: the work, with its own count of the items taken
 * @n_items: how many items there are
 *
 * Runs @func on as many threads at once as there are items and threads,
 * each taking items from the same queue: the rows of a comparison, the
 * points of a sweep.
 */
void
nc_run_queue (GThreadFunc func,
              gpointer    queue,
              guint       n_items)
{
  Halves h = { func, { queue, queue } };

  if (n_items <= 1)
    {
      func (queue);
      return;
    }
  nc_parallel_for (MIN (n_items, nc_parallel_get_threads ()), run_queue_piece, &h);
}
