/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "nc-randomness.h"
#include "nc-study.h"

G_BEGIN_DECLS

#define NC_TYPE_RANDOMNESS_VIEW (nc_randomness_view_get_type ())
G_DECLARE_FINAL_TYPE (NcRandomnessView, nc_randomness_view, NC, RANDOMNESS_VIEW, NcStudy)

GtkWidget          *nc_randomness_view_new        (void);
const NcNistReport *nc_randomness_view_get_report (NcRandomnessView *self);
void                nc_randomness_view_choose     (NcRandomnessView *self,
                                                   guint64           bits,
                                                   guint             sequences);

G_END_DECLS
