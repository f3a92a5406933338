/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The live analysis.
 *
 * A change (image, key, flipped key bit) starts an update on a worker
 * thread. Changes while one runs are coalesced into one pending update,
 * started with the newest inputs as soon as the running one returns; a
 * running live update is not cancelled, so a slider being dragged shows
 * a new result every time one is ready instead of none until it stops.
 * One update at most is in flight, so results arrive in order and the
 * newest is what is shown. When a live result arrives and nothing is
 * pending, the sliders rest: the full analysis runs once (plaintext
 * sensitivity, SSIM, noise, the weak-key check), and a change while it
 * runs cancels it. A new image, or stop(), abandons whatever runs: its
 * result is dropped when it returns.
 *
 * The worker holds no reference to this object: each task's callback,
 * which GIO runs on the main context, holds the only one, so the object
 * is always released on the main thread, never by a worker. */
#include "nc-live-analysis.h"

#include <sys/resource.h>
#include <unistd.h>

struct _NcLiveAnalysis {
  GObject         parent_instance;

  /* The inputs. */
  NcImage        *image;
  const NcEngine *engine;
  NcParams       *params;
  guint           key_bit;
  gboolean        attacks;        /* live updates run the attack lab too */
  gboolean        key_flip;       /* live updates measure key sensitivity */
  NcLivePrepareFunc prepare;      /* run on the worker for each result */
  gpointer        prepare_data;
  GDestroyNotify  prepared_free;

  /* The plaintext's measures, kept while only the key changes. */
  NcImage        *plain_stats_image;
  NcImageStats    plain_stats;

  /* The update in flight, if any, and the one waiting for it. */
  GCancellable   *cancellable;
  NcLivePhase     phase;
  NcAnalysisFlags in_flight_flags;     /* what the update in flight measures */
  guint           generation;
  gboolean        pending;
  gboolean        stopped;

  gboolean        busy;
  guint           busy_source;
  guint           busy_delay;

  NcLiveResult   *result;
  guint           n_results;

  /* What the properties said last, to notify changes only. */
  gboolean        notified_updating;
  gboolean        notified_stale;
  gboolean        notified_busy;
  NcLivePhase     notified_phase;
};

G_DEFINE_FINAL_TYPE (NcLiveAnalysis, nc_live_analysis, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UPDATING,
  PROP_STALE,
  PROP_BUSY,
  PROP_PHASE,
  PROP_BUSY_DELAY,
  N_PROPS
};

enum {
  SIGNAL_RESULT,
  SIGNAL_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GType
nc_live_phase_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { NC_LIVE_PHASE_IDLE, "NC_LIVE_PHASE_IDLE", "idle" },
    { NC_LIVE_PHASE_LIVE, "NC_LIVE_PHASE_LIVE", "live" },
    { NC_LIVE_PHASE_FULL, "NC_LIVE_PHASE_FULL", "full" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static (g_intern_static_string ("NcLivePhase"), values));
  return type;
}

/* ---- Results ---- */

static void
live_result_clear (gpointer data)
{
  NcLiveResult *result = data;

  if (result->prepared != NULL && result->prepared_free != NULL)
    result->prepared_free (result->prepared);
  nc_analysis_clear (&result->analysis);
  g_clear_pointer (&result->image, nc_image_unref);
  g_clear_pointer (&result->params, nc_params_free);
  g_clear_pointer (&result->title, g_free);
}

NcLiveResult *
nc_live_result_ref (NcLiveResult *result)
{
  return g_atomic_rc_box_acquire (result);
}

void
nc_live_result_unref (NcLiveResult *result)
{
  g_atomic_rc_box_release_full (result, live_result_clear);
}

GType
nc_live_result_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_boxed_type_register_static (g_intern_static_string ("NcLiveResult"),
                                                            (GBoxedCopyFunc) nc_live_result_ref,
                                                            (GBoxedFreeFunc) nc_live_result_unref));
  return type;
}

/* ---- The work on the worker thread ---- */

typedef struct {
  guint           generation;
  NcImage        *image;
  const NcEngine *engine;
  NcParams       *params;
  guint           key_bit;
  NcAnalysisFlags flags;
  gboolean        has_plain_stats;
  NcImageStats    plain_stats;
  NcLivePrepareFunc prepare;
  gpointer        prepare_data;
  GDestroyNotify  prepared_free;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  if (job->has_plain_stats)
    nc_image_stats_clear (&job->plain_stats);
  nc_image_unref (job->image);
  nc_params_free (job->params);
  g_free (job);
}

static void
run_job (GTask        *task,
         gpointer      source_object,
         gpointer      task_data,
         GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  NcLiveResult *result = g_atomic_rc_box_new0 (NcLiveResult);

  (void) source_object;
  /* Below the interface in priority: on two cores the update and its
   * helper thread would otherwise take the processor from the main loop
   * while a slider is dragged (the pool's threads follow:
   * nc_parallel_set_background). */
  setpriority (PRIO_PROCESS, (id_t) gettid (), 10);
  result->image = nc_image_ref (job->image);
  result->engine = job->engine;
  result->params = nc_params_copy (job->params);
  result->title = nc_engine_describe_variant (job->engine, nc_params_get_variant (job->params));
  if (!nc_analysis_run_with_plain (job->image, job->has_plain_stats ? &job->plain_stats : NULL,
                                   NULL, job->engine, job->params, job->key_bit, job->flags,
                                   &result->analysis, cancellable, &error))
    {
      nc_live_result_unref (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->prepare != NULL && !g_cancellable_is_cancelled (cancellable))
    {
      result->prepared = job->prepare (result, job->prepare_data);
      result->prepared_free = job->prepared_free;
    }
  g_task_return_pointer (task, result, (GDestroyNotify) nc_live_result_unref);
}

/* ---- State ---- */

gboolean
nc_live_analysis_get_updating (NcLiveAnalysis *self)
{
  g_return_val_if_fail (NC_IS_LIVE_ANALYSIS (self), FALSE);
  return self->phase != NC_LIVE_PHASE_IDLE || self->pending;
}

/* Returns: whether the result shown lags behind the inputs: a live
 * update runs or waits. (The full analysis of the inputs shown does not
 * make it stale.) */
gboolean
nc_live_analysis_get_stale (NcLiveAnalysis *self)
{
  g_return_val_if_fail (NC_IS_LIVE_ANALYSIS (self), FALSE);
  return self->phase == NC_LIVE_PHASE_LIVE || self->pending;
}

/* Returns: whether a live update has run longer than the busy delay */
gboolean
nc_live_analysis_get_busy (NcLiveAnalysis *self)
{
  g_return_val_if_fail (NC_IS_LIVE_ANALYSIS (self), FALSE);
  return self->busy;
}

NcLivePhase
nc_live_analysis_get_phase (NcLiveAnalysis *self)
{
  g_return_val_if_fail (NC_IS_LIVE_ANALYSIS (self), NC_LIVE_PHASE_IDLE);
  return self->phase;
}

/* Notifies the properties whose value changed since they were last
 * notified. */
static void
sync_state (NcLiveAnalysis *self)
{
  gboolean updating = nc_live_analysis_get_updating (self);
  gboolean stale = nc_live_analysis_get_stale (self);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->notified_phase != self->phase)
    {
      self->notified_phase = self->phase;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
    }
  if (self->notified_busy != self->busy)
    {
      self->notified_busy = self->busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
  if (self->notified_stale != stale)
    {
      self->notified_stale = stale;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
    }
  if (self->notified_updating != updating)
    {
      self->notified_updating = updating;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATING]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
on_busy (gpointer user_data)
{
  NcLiveAnalysis *self = user_data;

  self->busy_source = 0;
  self->busy = self->phase == NC_LIVE_PHASE_LIVE;
  sync_state (self);
  return G_SOURCE_REMOVE;
}

/* The update in flight is over, or abandoned: its result, if it still
 * comes, is dropped. */
static void
end_in_flight (NcLiveAnalysis *self,
               gboolean        abandon)
{
  if (abandon && self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      self->generation++;
    }
  g_clear_object (&self->cancellable);
  self->phase = NC_LIVE_PHASE_IDLE;
  g_clear_handle_id (&self->busy_source, g_source_remove);
  self->busy = FALSE;
}

static void update_done (GObject      *source_object,
                         GAsyncResult *res,
                         gpointer      user_data);

static void
start (NcLiveAnalysis *self,
       NcLivePhase     phase)
{
  g_autoptr(GTask) task = NULL;
  Job *job = g_new0 (Job, 1);
  guint key_bits = nc_params_get_key_bits (self->params);

  job->generation = ++self->generation;
  job->image = nc_image_ref (self->image);
  job->engine = self->engine;
  job->params = nc_params_copy (self->params);
  job->key_bit = key_bits > 0 ? MIN (self->key_bit, key_bits - 1) : 0;
  job->flags = phase == NC_LIVE_PHASE_FULL ? NC_ANALYSIS_FULL : NC_ANALYSIS_LIVE;
  if (self->attacks)
    job->flags |= NC_ANALYSIS_ATTACKS;
  if (!self->key_flip)
    job->flags |= NC_ANALYSIS_NO_KEY_FLIP;
  self->in_flight_flags = job->flags;
  job->prepare = self->prepare;
  job->prepare_data = self->prepare_data;
  job->prepared_free = self->prepared_free;
  if (self->plain_stats_image == self->image)
    {
      nc_image_stats_copy (&job->plain_stats, &self->plain_stats);
      job->has_plain_stats = TRUE;
    }

  self->cancellable = g_cancellable_new ();
  self->phase = phase;
  /* The full analysis runs while the sliders rest: never busy for it. */
  g_clear_handle_id (&self->busy_source, g_source_remove);
  if (phase == NC_LIVE_PHASE_LIVE)
    self->busy_source = g_timeout_add (self->busy_delay, on_busy, self);

  task = g_task_new (NULL, self->cancellable, update_done, g_object_ref (self));
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, run_job);
}

static void
schedule (NcLiveAnalysis *self)
{
  if (self->stopped || self->image == NULL || self->params == NULL)
    return;
  if (self->phase != NC_LIVE_PHASE_IDLE)
    {
      self->pending = TRUE;
      /* A full analysis takes several live updates' time and its result
       * is already stale: drop it, so the change shows at once (it runs
       * again when the sliders rest). */
      if (self->phase == NC_LIVE_PHASE_FULL)
        g_cancellable_cancel (self->cancellable);
    }
  else
    start (self, NC_LIVE_PHASE_LIVE);
  sync_state (self);
}

static void
keep_plain_stats (NcLiveAnalysis     *self,
                  const NcLiveResult *result)
{
  if (self->plain_stats_image == result->image)
    return;
  if (self->plain_stats_image != NULL)
    nc_image_stats_clear (&self->plain_stats);
  g_clear_pointer (&self->plain_stats_image, nc_image_unref);
  nc_image_stats_copy (&self->plain_stats, &result->analysis.plain);
  self->plain_stats_image = nc_image_ref (result->image);
}

static void
update_done (GObject      *source_object,
             GAsyncResult *res,
             gpointer      user_data)
{
  g_autoptr(NcLiveAnalysis) self = user_data;
  Job *job = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;
  g_autoptr(NcLiveResult) result = g_task_propagate_pointer (G_TASK (res), &error);

  (void) source_object;
  /* Abandoned: a newer image, or stopped. */
  if (job->generation != self->generation)
    return;

  end_in_flight (self, FALSE);
  if (result != NULL)
    {
      keep_plain_stats (self, result);
      g_clear_pointer (&self->result, nc_live_result_unref);
      self->result = nc_live_result_ref (result);
      self->n_results++;
      g_signal_emit (self, signals[SIGNAL_RESULT], 0, result);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, signals[SIGNAL_FAILED], 0, error);

  /* A handler may have started an update already. */
  if (!self->stopped && self->phase == NC_LIVE_PHASE_IDLE)
    {
      if (self->pending)
        {
          self->pending = FALSE;
          start (self, NC_LIVE_PHASE_LIVE);
        }
      else if (result != NULL && !result->analysis.full)
        /* The sliders rest: measure everything once, which is too slow
         * to follow a drag. */
        start (self, NC_LIVE_PHASE_FULL);
    }
  sync_state (self);
}

/* ---- Inputs ---- */

/**
 * nc_live_analysis_set_image:
 * @image: (nullable): the plaintext
 *
 * Abandons what runs for the previous image and measures @image.
 */
void
nc_live_analysis_set_image (NcLiveAnalysis *self,
                            NcImage        *image)
{
  g_return_if_fail (NC_IS_LIVE_ANALYSIS (self));

  if (image != NULL)
    nc_image_ref (image);
  g_clear_pointer (&self->image, nc_image_unref);
  self->image = image;
  end_in_flight (self, TRUE);
  self->pending = FALSE;
  schedule (self);
  sync_state (self);
}

/**
 * nc_live_analysis_set_key:
 * @engine: the engine
 * @params: its key and structure; copied
 */
void
nc_live_analysis_set_key (NcLiveAnalysis *self,
                          const NcEngine *engine,
                          const NcParams *params)
{
  g_return_if_fail (NC_IS_LIVE_ANALYSIS (self));
  g_return_if_fail (engine != NULL && params != NULL);

  self->engine = engine;
  g_clear_pointer (&self->params, nc_params_free);
  self->params = nc_params_copy (params);
  schedule (self);
}

/* @bit: the key bit flipped for key sensitivity (clamped to the key) */
void
nc_live_analysis_set_key_bit (NcLiveAnalysis *self,
                              guint           bit)
{
  g_return_if_fail (NC_IS_LIVE_ANALYSIS (self));

  if (bit == self->key_bit)
    return;
  self->key_bit = bit;
  schedule (self);
}

/* A view now shows what a live update may leave out: the result shown
 * (@shown_lacks) or the live update on its way (@in_flight_lacks) that
 * lacks it is measured again with it; a pending update will be anyway.
 * A full analysis running would measure it too, but takes many live
 * updates' time: it gives way, as to any change. */
static void
measure_again_for_view (NcLiveAnalysis *self,
                        gboolean        shown_lacks,
                        gboolean        in_flight_lacks)
{
  if (self->pending)
    return;
  if (self->phase == NC_LIVE_PHASE_LIVE ? in_flight_lacks : shown_lacks)
    schedule (self);
}

/**
 * nc_live_analysis_set_attacks:
 * @attacks: whether live updates run the attack lab too (the full
 *   analysis always does): for a view that shows it while the sliders move
 */
void
nc_live_analysis_set_attacks (NcLiveAnalysis *self,
                              gboolean        attacks)
{
  g_return_if_fail (NC_IS_LIVE_ANALYSIS (self));

  if (self->attacks == attacks)
    return;
  self->attacks = attacks;
  if (attacks)
    measure_again_for_view (self, self->result != NULL && self->result->analysis.n_attacks == 0,
                            !(self->in_flight_flags & NC_ANALYSIS_ATTACKS));
}

/**
 * nc_live_analysis_set_key_flip:
 * @key_flip: whether live updates measure key sensitivity (the full
 *   analysis always does): for a view that shows it while the sliders
 *   move. On by default; without it a live update makes one encryption
 *   and one decryption, not two of each.
 */
void
nc_live_analysis_set_key_flip (NcLiveAnalysis *self,
                               gboolean        key_flip)
{
  g_return_if_fail (NC_IS_LIVE_ANALYSIS (self));

  if (self->key_flip == key_flip)
    return;
  self->key_flip = key_flip;
  if (key_flip)
    measure_again_for_view (self, self->result != NULL && !self->result->analysis.has_key_flip,
                            (self->in_flight_flags & NC_ANALYSIS_NO_KEY_FLIP) != 0);
}

gboolean
nc_live_analysis_get_key_flip (NcLiveAnalysis *self)
{
  g_return_val_if_fail (NC_IS_LIVE_ANALYSIS (self), FALSE);
  return self->key_flip;
}

/**
 * nc_live_analysis_set_prepare:
 * @prepare: (nullable): run on the worker thread for each result from
 *   the next update on; it must be safe to call there
 * @user_data: its data, which must outlive every update started with it
 * @prepared_free: frees what @prepare returns, on whichever thread
 *   releases the result
 */
void
nc_live_analysis_set_prepare (NcLiveAnalysis   *self,
                              NcLivePrepareFunc prepare,
                              gpointer          user_data,
                              GDestroyNotify    prepared_free)
{
  g_return_if_fail (NC_IS_LIVE_ANALYSIS (self));

  self->prepare = prepare;
  self->prepare_data = user_data;
  self->prepared_free = prepared_free;
}

/**
 * nc_live_analysis_stop:
 *
 * Abandons what runs and starts nothing more: a result that comes back
 * is dropped. For a window that closes.
 */
void
nc_live_analysis_stop (NcLiveAnalysis *self)
{
  g_return_if_fail (NC_IS_LIVE_ANALYSIS (self));

  self->stopped = TRUE;
  self->pending = FALSE;
  end_in_flight (self, TRUE);
  sync_state (self);
}

/* Returns: (transfer none) (nullable): the newest result, or %NULL */
NcLiveResult *
nc_live_analysis_get_result (NcLiveAnalysis *self)
{
  g_return_val_if_fail (NC_IS_LIVE_ANALYSIS (self), NULL);
  return self->result;
}

guint
nc_live_analysis_get_n_results (NcLiveAnalysis *self)
{
  g_return_val_if_fail (NC_IS_LIVE_ANALYSIS (self), 0);
  return self->n_results;
}

guint
nc_live_analysis_get_busy_delay (NcLiveAnalysis *self)
{
  g_return_val_if_fail (NC_IS_LIVE_ANALYSIS (self), 0);
  return self->busy_delay;
}

/* @milliseconds: how long a live update runs before it shows as busy;
 * from the next update on */
void
nc_live_analysis_set_busy_delay (NcLiveAnalysis *self,
                                 guint           milliseconds)
{
  g_return_if_fail (NC_IS_LIVE_ANALYSIS (self));

  if (self->busy_delay == milliseconds)
    return;
  self->busy_delay = milliseconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY_DELAY]);
}

/* ---- GObject ---- */

static void
nc_live_analysis_dispose (GObject *object)
{
  NcLiveAnalysis *self = NC_LIVE_ANALYSIS (object);

  self->stopped = TRUE;
  self->pending = FALSE;
  end_in_flight (self, TRUE);
  G_OBJECT_CLASS (nc_live_analysis_parent_class)->dispose (object);
}

static void
nc_live_analysis_finalize (GObject *object)
{
  NcLiveAnalysis *self = NC_LIVE_ANALYSIS (object);

  g_clear_pointer (&self->result, nc_live_result_unref);
  if (self->plain_stats_image != NULL)
    nc_image_stats_clear (&self->plain_stats);
  g_clear_pointer (&self->plain_stats_image, nc_image_unref);
  g_clear_pointer (&self->image, nc_image_unref);
  g_clear_pointer (&self->params, nc_params_free);
  G_OBJECT_CLASS (nc_live_analysis_parent_class)->finalize (object);
}

static void
nc_live_analysis_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  NcLiveAnalysis *self = NC_LIVE_ANALYSIS (object);

  switch (prop_id)
    {
    case PROP_UPDATING:
      g_value_set_boolean (value, nc_live_analysis_get_updating (self));
      break;
    case PROP_STALE:
      g_value_set_boolean (value, nc_live_analysis_get_stale (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_PHASE:
      g_value_set_enum (value, self->phase);
      break;
    case PROP_BUSY_DELAY:
      g_value_set_uint (value, self->busy_delay);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nc_live_analysis_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  NcLiveAnalysis *self = NC_LIVE_ANALYSIS (object);

  switch (prop_id)
    {
    case PROP_BUSY_DELAY:
      nc_live_analysis_set_busy_delay (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nc_live_analysis_class_init (NcLiveAnalysisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nc_live_analysis_dispose;
  object_class->finalize = nc_live_analysis_finalize;
  object_class->get_property = nc_live_analysis_get_property;
  object_class->set_property = nc_live_analysis_set_property;

  properties[PROP_UPDATING] =
    g_param_spec_boolean ("updating", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STALE] =
    g_param_spec_boolean ("stale", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHASE] =
    g_param_spec_enum ("phase", NULL, NULL, NC_TYPE_LIVE_PHASE, NC_LIVE_PHASE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY_DELAY] =
    g_param_spec_uint ("busy-delay", NULL, NULL, 0, G_MAXUINT, NC_LIVE_BUSY_DELAY_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NcLiveAnalysis::result:
   * @result: the newest result, now nc_live_analysis_get_result()
   */
  signals[SIGNAL_RESULT] =
    g_signal_new ("result", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, NC_TYPE_LIVE_RESULT | G_SIGNAL_TYPE_STATIC_SCOPE);
  /**
   * NcLiveAnalysis::failed:
   * @error: why the newest update failed (never a cancellation)
   */
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
nc_live_analysis_init (NcLiveAnalysis *self)
{
  self->busy_delay = NC_LIVE_BUSY_DELAY_MS;
  self->key_flip = TRUE;
}

NcLiveAnalysis *
nc_live_analysis_new (void)
{
  return g_object_new (NC_TYPE_LIVE_ANALYSIS, NULL);
}
