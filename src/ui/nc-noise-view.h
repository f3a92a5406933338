/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "nc-noise-study.h"
#include "nc-study.h"

G_BEGIN_DECLS

#define NC_TYPE_NOISE_VIEW (nc_noise_view_get_type ())
G_DECLARE_FINAL_TYPE (NcNoiseView, nc_noise_view, NC, NOISE_VIEW, NcStudy)

GtkWidget          *nc_noise_view_new       (void);
const NcNoiseStudy *nc_noise_view_get_study (NcNoiseView *self);
void                nc_noise_view_choose    (NcNoiseView *self,
                                             NcNoise      damage,
                                             double       strength,
                                             const char  *overlay_engine);

G_END_DECLS
