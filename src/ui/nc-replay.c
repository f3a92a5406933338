/* SPDX-License-Identifier: GPL-3.0-or-later */
/* neurocipher --replay N IMAGE: once the window is at rest (the image
 * shown and its full analysis done), drags the first key slider through
 * N steps at 100 steps a second, as a hand would, then prints how many
 * full updates the window showed per second while the slider moved and
 * the longest time the main loop was kept from running (until the window
 * is idle again). A benchmark, not a test. */
#include "nc-replay.h"

#include <stdio.h>

#include "nc-param-panel.h"

#define STEP_MS 10
#define TICK_MS 2

typedef struct {
  GApplication *application;
  NcWindow     *window;
  guint         steps;
  guint         done;
  gint64        start;
  gint64        last_tick;
  gint64        longest_gap;
  guint         first_updates;
  guint         tick_source;
  guint         step_source;
  const char   *id;
  double        base;
  double        step;
  gint64        drag_end;
  guint         drag_updates;
} Replay;

static gboolean
on_tick (gpointer data)
{
  Replay *replay = data;
  gint64 now = g_get_monotonic_time ();

  if (replay->last_tick != 0)
    replay->longest_gap = MAX (replay->longest_gap, now - replay->last_tick);
  replay->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
finish (Replay *replay)
{
  double seconds = (replay->drag_end - replay->start) / 1e6;
  const NcImage *image = nc_window_get_image (replay->window);

  g_source_remove (replay->tick_source);
  printf ("replay: %u slider steps on %u × %u × %u over %.2f s: %u full updates shown while "
          "dragging, %.1f updates/s; longest main-loop stall %.1f ms\n",
          replay->steps, image->width, image->height, image->channels, seconds,
          replay->drag_updates, replay->drag_updates / seconds,
          MAX (0.0, (replay->longest_gap / 1000.0) - TICK_MS));
  fflush (stdout);
  g_application_quit (replay->application);
  g_free (replay);
}

static void
on_updating (NcWindow   *window,
             GParamSpec *pspec,
             Replay     *replay)
{
  (void) pspec;
  if (replay->done == replay->steps && !nc_window_get_updating (window))
    {
      g_signal_handlers_disconnect_by_data (window, replay);
      finish (replay);
    }
}

static gboolean
on_step (gpointer data)
{
  Replay *replay = data;
  NcParamPanel *panel = NC_PARAM_PANEL (nc_window_get_param_panel (replay->window));

  replay->done++;
  nc_param_panel_set_value (panel, replay->id, replay->base + replay->step * replay->done);
  if (replay->done < replay->steps)
    return G_SOURCE_CONTINUE;
  replay->drag_end = g_get_monotonic_time ();
  replay->drag_updates = nc_window_get_n_updates (replay->window) - replay->first_updates;
  replay->step_source = 0;
  return G_SOURCE_REMOVE;
}

static void
start (Replay *replay)
{
  NcParams *params = nc_window_get_params (replay->window);
  const NcParamSchema *schema = nc_params_get_schema (params);

  for (guint i = 0; i < schema->n_specs && replay->id == NULL; i++)
    if (schema->specs[i].in_key && schema->specs[i].kind == NC_PARAM_REAL)
      {
        const NcParamSpec *spec = &schema->specs[i];

        replay->id = spec->id;
        replay->base = nc_params_get_value (params, i);
        /* Sweep a tenth of the range, or back down from near the top. */
        replay->step = (spec->max - spec->min) / 10.0 / replay->steps;
        if (replay->base + replay->step * replay->steps > spec->max)
          replay->step = -replay->step;
      }
  replay->first_updates = nc_window_get_n_updates (replay->window);
  replay->start = g_get_monotonic_time ();
  replay->tick_source = g_timeout_add (TICK_MS, on_tick, replay);
  replay->step_source = g_timeout_add (STEP_MS, on_step, replay);
  g_signal_connect (replay->window, "notify::updating", G_CALLBACK (on_updating), replay);
}

static void
on_first_update (NcWindow   *window,
                 GParamSpec *pspec,
                 Replay     *replay)
{
  (void) pspec;
  /* Start on a window at rest, as a hand would: the image shown and its
   * full analysis done. */
  if (nc_window_get_analysis (window) == NULL || !nc_window_get_analysis (window)->full
      || nc_window_get_updating (window))
    return;
  g_signal_handlers_disconnect_by_data (window, replay);
  start (replay);
}

/**
 * nc_replay_start:
 * @application: quit when done
 * @window: a window that is loading an image
 * @steps: slider steps
 */
void
nc_replay_start (GApplication *application,
                 NcWindow     *window,
                 guint         steps)
{
  Replay *replay = g_new0 (Replay, 1);

  replay->application = application;
  replay->window = window;
  replay->steps = MAX (steps, 1);
  g_signal_connect (window, "notify::updating", G_CALLBACK (on_first_update), replay);
}
