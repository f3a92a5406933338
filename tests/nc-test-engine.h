/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An engine for the tests of the live pipeline: it adds a keyed byte to
 * every sample (exact, and every key bit matters) and waits at a gate
 * the test closes and opens, so each ordering of updates is produced on
 * purpose instead of by the machine's speed. A waiting call returns
 * when the gate opens, or cancelled when its cancellable is. */
#pragma once

#include "nc-engine.h"

G_BEGIN_DECLS

extern const NcEngine nc_test_gate_engine;

/* The key byte whose encryption fails, for the tests of errors. */
#define NC_TEST_GATE_FAILING_KEY 200

void   nc_test_gate_close         (void);
void   nc_test_gate_open          (void);
/* Runs the default main context until a call waits at the closed gate. */
void   nc_test_gate_wait_blocked  (void);
/* Calls that have entered the engine since the program started. */
guint  nc_test_gate_get_calls     (void);

G_END_DECLS
