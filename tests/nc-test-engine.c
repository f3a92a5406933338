/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "nc-test-engine.h"

static GMutex gate_mutex;
static GCond gate_cond;
static gboolean gate_closed;
static guint gate_waiting;
static guint gate_calls;

void
nc_test_gate_close (void)
{
  g_mutex_lock (&gate_mutex);
  gate_closed = TRUE;
  g_mutex_unlock (&gate_mutex);
}

void
nc_test_gate_open (void)
{
  g_mutex_lock (&gate_mutex);
  gate_closed = FALSE;
  g_cond_broadcast (&gate_cond);
  g_mutex_unlock (&gate_mutex);
}

static guint
get_waiting (void)
{
  guint waiting;

  g_mutex_lock (&gate_mutex);
  waiting = gate_waiting;
  g_mutex_unlock (&gate_mutex);
  return waiting;
}

/* Runs the main loop meanwhile: an update may have to return on it
 * before the next one starts and reaches the gate. */
void
nc_test_gate_wait_blocked (void)
{
  while (get_waiting () == 0)
    g_main_context_iteration (NULL, TRUE);
}

guint
nc_test_gate_get_calls (void)
{
  guint calls;

  g_mutex_lock (&gate_mutex);
  calls = gate_calls;
  g_mutex_unlock (&gate_mutex);
  return calls;
}

static void
wake_gate (GCancellable *cancellable,
           gpointer      user_data)
{
  (void) cancellable;
  (void) user_data;
  g_mutex_lock (&gate_mutex);
  g_cond_broadcast (&gate_cond);
  g_mutex_unlock (&gate_mutex);
}

/* Returns: FALSE when cancelled while waiting */
static gboolean
pass_gate (GCancellable *cancellable)
{
  gulong handler = 0;
  gboolean cancelled;

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (wake_gate), NULL, NULL);
  g_mutex_lock (&gate_mutex);
  gate_calls++;
  gate_waiting++;
  /* Wakes a test waiting for this in nc_test_gate_wait_blocked(). */
  g_main_context_wakeup (NULL);
  while (gate_closed && !g_cancellable_is_cancelled (cancellable))
    g_cond_wait (&gate_cond, &gate_mutex);
  gate_waiting--;
  cancelled = g_cancellable_is_cancelled (cancellable);
  g_mutex_unlock (&gate_mutex);
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, handler);
  return !cancelled;
}

static const NcParamSpec gate_params[] = {
  { "k", "Key byte", NC_PARAM_INT, 0, 255, 1, 1, "", "Added to every sample; 200 fails on purpose", TRUE, NULL, 0, FALSE, FALSE },
  { "x0", "Offset step", NC_PARAM_REAL, 0, 1, 0.01, 0.5, "", "Scales the offset added per position",
    TRUE, NULL, 0, FALSE, FALSE },
};

static gboolean
gate_crypt (const NcEngine *engine,
            const NcParams *key,
            const NcImage  *input,
            NcImage        *output,
            gboolean        decrypt,
            GCancellable   *cancellable,
            GError        **error)
{
  guint k = (guint) nc_params_get (key, "k");
  guint step = (guint) (nc_params_get (key, "x0") * 100.0 + 0.5);
  gsize n = nc_image_get_n_bytes (input);

  (void) engine;
  if (!pass_gate (cancellable))
    return !g_cancellable_set_error_if_cancelled (cancellable, error);
  if (k == NC_TEST_GATE_FAILING_KEY)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_KEY, "key byte 200 fails on purpose");
      return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    {
      guint8 offset = (guint8) (k + step * i);

      output->data[i] = decrypt ? (guint8) (input->data[i] - offset)
                                : (guint8) (input->data[i] + offset);
    }
  return TRUE;
}

static double
gate_nominal_bits (const NcEngine *engine,
                   const NcParams *key,
                   guint64         n_pixels)
{
  (void) engine;
  (void) key;
  (void) n_pixels;
  return 15.0;
}

const NcEngine nc_test_gate_engine = {
  .id = "test-gate",
  .name = "Test gate",
  .family = NC_FAMILY_REFERENCE,
  .summary = "Adds a keyed byte to every sample; waits at the tests' gate.",
  .schema = { "test-gate", gate_params, G_N_ELEMENTS (gate_params) },
  .nominal_formula = "2^15 (the two parameters' levels)",
  .nominal_key_bits = gate_nominal_bits,
  .crypt = gate_crypt,
};
