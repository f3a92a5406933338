/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "nc-study.h"
#include "nc-sweep.h"

G_BEGIN_DECLS

#define NC_TYPE_SWEEP_VIEW (nc_sweep_view_get_type ())
G_DECLARE_FINAL_TYPE (NcSweepView, nc_sweep_view, NC, SWEEP_VIEW, NcStudy)

GtkWidget     *nc_sweep_view_new       (void);
const NcSweep *nc_sweep_view_get_sweep (NcSweepView *self);
gboolean       nc_sweep_view_select    (NcSweepView *self,
                                        const char  *param,
                                        const char  *metric,
                                        guint        steps);

G_END_DECLS
