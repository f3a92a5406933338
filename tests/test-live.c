/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The live analysis, without a display: every ordering of changes and
 * results, made on purpose with the gate engine. The tests wait on
 * signals and property notifications only; meson's timeout is the one
 * clock. */
#include <math.h>

#include "nc-live-analysis.h"
#include "nc-test-engine.h"
#include "nc-test-util.h"

typedef struct {
  NcLiveAnalysis *live;
  NcImage        *image;
  NcParams       *params;
  GPtrArray      *results;        /* every result signalled, in order */
  guint           failures;
  char           *failure;
  guint           busy_shown;     /* notifications of busy = TRUE */
  gboolean        close_on_result;
} Fixture;

static void
on_result (NcLiveAnalysis *live,
           NcLiveResult   *result,
           Fixture        *f)
{
  (void) live;
  g_ptr_array_add (f->results, nc_live_result_ref (result));
  if (f->close_on_result)
    {
      /* Runs before the live analysis starts its next update. */
      nc_test_gate_close ();
      f->close_on_result = FALSE;
    }
}

static void
on_failed (NcLiveAnalysis *live,
           const GError   *error,
           Fixture        *f)
{
  (void) live;
  f->failures++;
  g_free (f->failure);
  f->failure = g_strdup (error->message);
}

static void
on_busy (NcLiveAnalysis *live,
         GParamSpec     *pspec,
         Fixture        *f)
{
  (void) pspec;
  if (nc_live_analysis_get_busy (live))
    f->busy_shown++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  (void) data;
  nc_test_gate_open ();
  f->live = nc_live_analysis_new ();
  f->image = nc_test_pattern_image (24, 16, 3, 5);
  f->params = nc_engine_new_params (&nc_test_gate_engine);
  f->results = g_ptr_array_new_with_free_func ((GDestroyNotify) nc_live_result_unref);
  g_signal_connect (f->live, "result", G_CALLBACK (on_result), f);
  g_signal_connect (f->live, "failed", G_CALLBACK (on_failed), f);
  g_signal_connect (f->live, "notify::busy", G_CALLBACK (on_busy), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  (void) data;
  nc_test_gate_open ();
  if (f->live != NULL)
    {
      g_signal_handlers_disconnect_by_data (f->live, f);
      nc_live_analysis_stop (f->live);
      g_clear_object (&f->live);
    }
  /* Let updates still in flight return, so none outlives the test. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_ptr_array_unref (f->results);
  nc_image_unref (f->image);
  nc_params_free (f->params);
  g_free (f->failure);
}

static void
wait_not_stale (NcLiveAnalysis *live)
{
  while (nc_live_analysis_get_stale (live))
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_at_rest (NcLiveAnalysis *live)
{
  while (nc_live_analysis_get_updating (live))
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_phase (NcLiveAnalysis *live,
            NcLivePhase     phase)
{
  while (nc_live_analysis_get_phase (live) != phase)
    g_main_context_iteration (NULL, TRUE);
}

static NcLiveResult *
result_at (Fixture *f,
           guint    i)
{
  g_assert_cmpuint (i, <, f->results->len);
  return f->results->pdata[i];
}

static void
set_key_byte (Fixture *f,
              guint    k)
{
  g_assert_true (nc_params_set (f->params, "k", k, NULL));
  nc_live_analysis_set_key (f->live, &nc_test_gate_engine, f->params);
}

static void
start (Fixture *f)
{
  nc_live_analysis_set_image (f->live, f->image);
  nc_live_analysis_set_key (f->live, &nc_test_gate_engine, f->params);
}

/* A change gives a live result; then, at rest, one full analysis. */
static void
test_live_then_full (Fixture       *f,
                     gconstpointer  data)
{
  NcLiveResult *result;

  (void) data;
  g_assert_false (nc_live_analysis_get_updating (f->live));
  nc_test_gate_close ();
  start (f);
  g_assert_true (nc_live_analysis_get_updating (f->live));
  g_assert_true (nc_live_analysis_get_stale (f->live));
  g_assert_cmpint (nc_live_analysis_get_phase (f->live), ==, NC_LIVE_PHASE_LIVE);
  nc_test_gate_wait_blocked ();
  g_assert_null (nc_live_analysis_get_result (f->live));

  nc_test_gate_open ();
  wait_not_stale (f->live);
  g_assert_cmpstr (f->failure, ==, NULL);
  g_assert_cmpuint (f->results->len, ==, 1);
  result = result_at (f, 0);
  g_assert_true (nc_live_analysis_get_result (f->live) == result);
  g_assert_false (result->analysis.full);
  g_assert_true (result->analysis.exact);
  g_assert_true (result->image == f->image);
  g_assert_true (nc_params_equal (result->params, f->params));
  /* The sliders rest: the full analysis runs, and the result shown
   * stays current meanwhile. */
  g_assert_cmpint (nc_live_analysis_get_phase (f->live), ==, NC_LIVE_PHASE_FULL);
  g_assert_true (nc_live_analysis_get_updating (f->live));

  wait_at_rest (f->live);
  g_assert_cmpuint (f->results->len, ==, 2);
  g_assert_true (result_at (f, 1)->analysis.full);
  g_assert_true (nc_params_equal (result_at (f, 1)->params, f->params));
  g_assert_cmpuint (nc_live_analysis_get_n_results (f->live), ==, 2);
  /* At rest nothing more runs. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (f->results->len, ==, 2);
  g_assert_cmpuint (f->failures, ==, 0);
}

/* Changes while an update runs coalesce into one, with the newest key. */
static void
test_coalesce (Fixture       *f,
               gconstpointer  data)
{
  guint calls;

  (void) data;
  nc_test_gate_close ();
  start (f);
  nc_test_gate_wait_blocked ();
  calls = nc_test_gate_get_calls ();
  for (guint k = 2; k <= 9; k++)
    set_key_byte (f, k);
  /* Still the one update in flight. */
  g_assert_cmpuint (nc_test_gate_get_calls (), ==, calls);
  g_assert_true (nc_live_analysis_get_stale (f->live));

  f->close_on_result = TRUE;
  nc_test_gate_open ();
  while (f->results->len < 1)
    g_main_context_iteration (NULL, TRUE);
  /* The first result is of the key the update started with; the
   * pending update starts at once with the newest. */
  g_assert_cmpfloat (nc_params_get (result_at (f, 0)->params, "k"), ==, 1);
  g_assert_true (nc_live_analysis_get_stale (f->live));
  g_assert_cmpint (nc_live_analysis_get_phase (f->live), ==, NC_LIVE_PHASE_LIVE);
  nc_test_gate_open ();
  wait_not_stale (f->live);
  g_assert_cmpuint (f->results->len, ==, 2);
  g_assert_cmpfloat (nc_params_get (result_at (f, 1)->params, "k"), ==, 9);
  g_assert_false (result_at (f, 1)->analysis.full);
}

/* A change while the full analysis runs cancels it: its result is
 * never shown, and the change shows at once. */
static void
test_change_cancels_full (Fixture       *f,
                          gconstpointer  data)
{
  (void) data;
  f->close_on_result = TRUE;
  start (f);
  while (f->results->len < 1)
    g_main_context_iteration (NULL, TRUE);
  /* The gate closed in the handler: the full analysis waits at it. */
  g_assert_cmpint (nc_live_analysis_get_phase (f->live), ==, NC_LIVE_PHASE_FULL);
  g_assert_false (nc_live_analysis_get_stale (f->live));
  nc_test_gate_wait_blocked ();

  set_key_byte (f, 7);
  g_assert_true (nc_live_analysis_get_stale (f->live));
  /* The cancelled full analysis returns, and the pending live update
   * starts (waiting at the closed gate). */
  wait_phase (f->live, NC_LIVE_PHASE_LIVE);
  g_assert_cmpuint (f->results->len, ==, 1);
  g_assert_cmpuint (f->failures, ==, 0);

  nc_test_gate_open ();
  wait_not_stale (f->live);
  g_assert_cmpuint (f->results->len, ==, 2);
  g_assert_false (result_at (f, 1)->analysis.full);
  g_assert_cmpfloat (nc_params_get (result_at (f, 1)->params, "k"), ==, 7);
  wait_at_rest (f->live);
  g_assert_cmpuint (f->results->len, ==, 3);
  g_assert_true (result_at (f, 2)->analysis.full);
  g_assert_cmpuint (f->failures, ==, 0);
}

/* A new image abandons the update of the old one. */
static void
test_new_image_drops_old (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(NcImage) other = nc_test_pattern_image (9, 13, 1, 7);

  (void) data;
  nc_test_gate_close ();
  start (f);
  nc_test_gate_wait_blocked ();
  nc_live_analysis_set_image (f->live, other);
  g_assert_true (nc_live_analysis_get_stale (f->live));
  nc_test_gate_open ();
  wait_not_stale (f->live);
  g_assert_cmpuint (f->results->len, ==, 1);
  g_assert_true (result_at (f, 0)->image == other);
  g_assert_true (result_at (f, 0)->analysis.exact);
  wait_at_rest (f->live);
  for (guint i = 0; i < f->results->len; i++)
    g_assert_true (result_at (f, i)->image == other);
  g_assert_cmpuint (f->failures, ==, 0);
}

/* Busy shows once a live update has run for the busy delay, and ends
 * with it. */
static void
test_busy_after_delay (Fixture       *f,
                       gconstpointer  data)
{
  (void) data;
  nc_live_analysis_set_busy_delay (f->live, 0);
  nc_test_gate_close ();
  start (f);
  g_assert_false (nc_live_analysis_get_busy (f->live));
  while (!nc_live_analysis_get_busy (f->live))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (nc_live_analysis_get_stale (f->live));
  g_assert_null (nc_live_analysis_get_result (f->live));

  f->close_on_result = TRUE;
  nc_test_gate_open ();
  while (f->results->len < 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (nc_live_analysis_get_busy (f->live));
  /* The full analysis, waiting at the gate, never shows busy. */
  nc_test_gate_wait_blocked ();
  g_assert_cmpint (nc_live_analysis_get_phase (f->live), ==, NC_LIVE_PHASE_FULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (nc_live_analysis_get_busy (f->live));
  g_assert_cmpuint (f->busy_shown, ==, 1);
  nc_test_gate_open ();
  wait_at_rest (f->live);
  g_assert_false (nc_live_analysis_get_busy (f->live));
}

/* An update that returns before the busy delay never shows busy. */
static void
test_quick_never_busy (Fixture       *f,
                       gconstpointer  data)
{
  (void) data;
  nc_live_analysis_set_busy_delay (f->live, G_MAXUINT / 2);
  nc_test_gate_close ();
  start (f);
  nc_test_gate_wait_blocked ();
  nc_test_gate_open ();
  wait_at_rest (f->live);
  g_assert_cmpuint (f->results->len, ==, 2);
  g_assert_cmpuint (f->busy_shown, ==, 0);
}

/* Stopped (a window closing): what still runs is dropped when it
 * returns, and the object goes with the last update. */
static void
test_stop_drops_late_result (Fixture       *f,
                             gconstpointer  data)
{
  NcLiveAnalysis *live = f->live;

  (void) data;
  nc_test_gate_close ();
  start (f);
  nc_test_gate_wait_blocked ();
  nc_live_analysis_stop (live);
  g_assert_false (nc_live_analysis_get_updating (live));
  /* Changes after stop start nothing. */
  set_key_byte (f, 3);
  g_assert_false (nc_live_analysis_get_updating (live));

  g_object_add_weak_pointer (G_OBJECT (live), (gpointer *) &live);
  g_clear_object (&f->live);
  /* The update in flight keeps it until it returns. */
  g_assert_nonnull (live);
  nc_test_gate_open ();
  while (live != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (f->results->len, ==, 0);
  g_assert_cmpuint (f->failures, ==, 0);
}

/* The flipped key bit follows, clamped to the key's bits. */
static void
test_key_bit (Fixture       *f,
              gconstpointer  data)
{
  guint bits = nc_params_get_key_bits (f->params);

  (void) data;
  start (f);
  wait_not_stale (f->live);
  g_assert_cmpuint (nc_live_analysis_get_result (f->live)->analysis.key.bit, ==, 0);
  nc_live_analysis_set_key_bit (f->live, 3);
  g_assert_true (nc_live_analysis_get_stale (f->live));
  wait_not_stale (f->live);
  g_assert_cmpuint (nc_live_analysis_get_result (f->live)->analysis.key.bit, ==, 3);
  nc_live_analysis_set_key_bit (f->live, 1000);
  wait_not_stale (f->live);
  g_assert_cmpuint (nc_live_analysis_get_result (f->live)->analysis.key.bit, ==, bits - 1);
  wait_at_rest (f->live);
}

/* An engine's error is signalled, and the result shown stays. */
static void
test_failure_signalled (Fixture       *f,
                        gconstpointer  data)
{
  NcLiveResult *shown;

  (void) data;
  start (f);
  wait_at_rest (f->live);
  shown = nc_live_analysis_get_result (f->live);
  set_key_byte (f, NC_TEST_GATE_FAILING_KEY);
  wait_at_rest (f->live);
  g_assert_cmpuint (f->failures, ==, 1);
  g_assert_cmpstr (f->failure, ==, "key byte 200 fails on purpose");
  g_assert_true (nc_live_analysis_get_result (f->live) == shown);
  set_key_byte (f, 5);
  wait_not_stale (f->live);
  g_assert_cmpfloat (nc_params_get (nc_live_analysis_get_result (f->live)->params, "k"), ==, 5);
}

/* The plaintext is measured once per image: later results carry the
 * same measures as a fresh computation. */
static void
test_plain_stats_kept (Fixture       *f,
                       gconstpointer  data)
{
  NcImageStats fresh;
  const NcImageStats *kept;

  (void) data;
  start (f);
  wait_at_rest (f->live);
  set_key_byte (f, 40);
  wait_not_stale (f->live);
  kept = &nc_live_analysis_get_result (f->live)->analysis.plain;
  nc_image_stats_compute (f->image, NC_SUITE_DEFAULT_PAIRS, NC_SUITE_DEFAULT_SEED, &fresh);
  g_assert_cmpfloat (kept->entropy_all, ==, fresh.entropy_all);
  g_assert_cmpmem (kept->histogram.counts, sizeof kept->histogram.counts,
                   fresh.histogram.counts, sizeof fresh.histogram.counts);
  for (int d = 0; d < 3; d++)
    g_assert_cmpfloat (kept->correlation[0][d], ==, fresh.correlation[0][d]);
  nc_image_stats_clear (&fresh);
  wait_at_rest (f->live);
}

/* Without the key flip a live update makes one encryption and one
 * decryption, not two of each, and says the key sensitivity was not
 * measured; the full analysis at rest measures it all the same, and
 * asking for it again measures a result that lacks it. */
static void
test_key_flip_only_when_shown (Fixture       *f,
                               gconstpointer  data)
{
  const NcAnalysis *a;
  guint calls;

  (void) data;
  g_assert_true (nc_live_analysis_get_key_flip (f->live));
  nc_live_analysis_set_key_flip (f->live, FALSE);
  start (f);
  wait_at_rest (f->live);
  g_assert_cmpuint (f->results->len, ==, 2);
  a = &result_at (f, 0)->analysis;
  g_assert_false (a->full);
  g_assert_false (a->has_key_flip);
  g_assert_null (a->flipped_cipher);
  g_assert_null (a->wrong_plain);
  g_assert_true (isnan (a->key.ciphers.npcr) && isnan (a->key.ciphers.uaci));
  g_assert_cmpint (a->key_verdicts.npcr[0].outcome, ==, NC_OUTCOME_NOT_APPLICABLE);
  g_assert_true (a->exact);
  a = &result_at (f, 1)->analysis;
  g_assert_true (a->full);
  g_assert_true (a->has_key_flip);
  g_assert_nonnull (a->flipped_cipher);
  g_assert_cmpfloat (a->key.ciphers.npcr, >, 0.0);

  /* A live update counted: encrypt and decrypt only; the full analysis
   * after it waits at the gate, having entered the engine once. */
  calls = nc_test_gate_get_calls ();
  f->close_on_result = TRUE;
  set_key_byte (f, 41);
  wait_not_stale (f->live);
  nc_test_gate_wait_blocked ();
  g_assert_cmpuint (nc_test_gate_get_calls () - calls, ==, 2 + 1);
  g_assert_false (nc_live_analysis_get_result (f->live)->analysis.has_key_flip);
  nc_test_gate_open ();
  wait_at_rest (f->live);

  /* Asked for at rest, when the full result has it: nothing runs. */
  nc_live_analysis_set_key_flip (f->live, TRUE);
  g_assert_false (nc_live_analysis_get_updating (f->live));
  nc_live_analysis_set_key_flip (f->live, FALSE);

  /* Asked for while the shown result lacks it and the full analysis
   * runs: a live update measures it at once, then the full one runs. */
  nc_test_gate_close ();
  set_key_byte (f, 42);
  nc_test_gate_wait_blocked ();
  f->close_on_result = TRUE;
  nc_test_gate_open ();
  wait_phase (f->live, NC_LIVE_PHASE_FULL);
  g_assert_false (nc_live_analysis_get_result (f->live)->analysis.has_key_flip);
  calls = f->results->len;
  nc_live_analysis_set_key_flip (f->live, TRUE);
  g_assert_true (nc_live_analysis_get_stale (f->live));
  nc_test_gate_open ();
  wait_not_stale (f->live);
  g_assert_cmpuint (f->results->len, ==, calls + 1);
  g_assert_false (result_at (f, calls)->analysis.full);
  g_assert_true (result_at (f, calls)->analysis.has_key_flip);
  wait_at_rest (f->live);
  g_assert_true (nc_live_analysis_get_result (f->live)->analysis.full);

  /* Asked for while a live update without it runs: the next live
   * update measures it, before the full analysis. */
  nc_live_analysis_set_key_flip (f->live, FALSE);
  nc_test_gate_close ();
  set_key_byte (f, 43);
  nc_test_gate_wait_blocked ();
  nc_live_analysis_set_key_flip (f->live, TRUE);
  calls = f->results->len;
  nc_test_gate_open ();
  wait_not_stale (f->live);
  g_assert_cmpuint (f->results->len, ==, calls + 2);
  g_assert_false (result_at (f, calls)->analysis.has_key_flip);
  g_assert_false (result_at (f, calls + 1)->analysis.full);
  g_assert_true (result_at (f, calls + 1)->analysis.has_key_flip);
  wait_at_rest (f->live);
  g_assert_cmpuint (f->failures, ==, 0);
}

static gint prepared_alive;

static gpointer
prepare_on_worker (const NcLiveResult *result,
                   gpointer            user_data)
{
  GThread *main_thread = user_data;
  gboolean *on_worker = g_new (gboolean, 1);

  g_assert_nonnull (result->analysis.cipher_image);
  *on_worker = g_thread_self () != main_thread;
  g_atomic_int_inc (&prepared_alive);
  return on_worker;
}

static void
prepared_free (gpointer data)
{
  g_atomic_int_add (&prepared_alive, -1);
  g_free (data);
}

/* The prepare function runs on the worker for every result, its data
 * travels with the result and is freed with it. */
static void
test_prepare (Fixture       *f,
              gconstpointer  data)
{
  (void) data;
  nc_live_analysis_set_prepare (f->live, prepare_on_worker, g_thread_self (), prepared_free);
  start (f);
  wait_at_rest (f->live);
  set_key_byte (f, 50);
  wait_at_rest (f->live);
  g_assert_cmpuint (f->results->len, ==, 4);
  for (guint i = 0; i < f->results->len; i++)
    {
      const gboolean *on_worker = result_at (f, i)->prepared;

      g_assert_nonnull (on_worker);
      g_assert_true (*on_worker);
    }
  g_assert_cmpint (g_atomic_int_get (&prepared_alive), ==, 4);
  g_ptr_array_set_size (f->results, 0);
  /* The live analysis still holds the newest. */
  g_assert_cmpint (g_atomic_int_get (&prepared_alive), ==, 1);
  nc_live_analysis_stop (f->live);
  g_clear_object (&f->live);
  g_assert_cmpint (g_atomic_int_get (&prepared_alive), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/live/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("live-then-full", test_live_then_full);
  ADD ("coalesce", test_coalesce);
  ADD ("change-cancels-full", test_change_cancels_full);
  ADD ("new-image-drops-old", test_new_image_drops_old);
  ADD ("busy-after-delay", test_busy_after_delay);
  ADD ("quick-never-busy", test_quick_never_busy);
  ADD ("stop-drops-late-result", test_stop_drops_late_result);
  ADD ("key-bit", test_key_bit);
  ADD ("failure-signalled", test_failure_signalled);
  ADD ("plain-stats-kept", test_plain_stats_kept);
  ADD ("key-flip-only-when-shown", test_key_flip_only_when_shown);
  ADD ("prepare", test_prepare);
#undef ADD

  return g_test_run ();
}
