/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "nc-metrics.h"
#include "nc-study.h"

G_BEGIN_DECLS

#define NC_TYPE_MEASURE_VIEW (nc_measure_view_get_type ())
G_DECLARE_FINAL_TYPE (NcMeasureView, nc_measure_view, NC, MEASURE_VIEW, NcStudy)

/* Which of the window's images the second image is measured against. */
typedef enum {
  NC_MEASURE_AGAINST_PLAIN,
  NC_MEASURE_AGAINST_CIPHER,
  NC_MEASURE_AGAINST_DECRYPTED,
} NcMeasureAgainst;

GtkWidget            *nc_measure_view_new          (void);
void                  nc_measure_view_set_second   (NcMeasureView    *self,
                                                    GFile            *file);
void                  nc_measure_view_set_against  (NcMeasureView    *self,
                                                    NcMeasureAgainst  against);
const NcPairMeasures *nc_measure_view_get_measures (NcMeasureView    *self);

G_END_DECLS
