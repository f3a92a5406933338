/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "nc-compare.h"
#include "nc-study.h"

G_BEGIN_DECLS

#define NC_TYPE_COMPARE_VIEW (nc_compare_view_get_type ())
G_DECLARE_FINAL_TYPE (NcCompareView, nc_compare_view, NC, COMPARE_VIEW, NcStudy)

GtkWidget          *nc_compare_view_new            (void);
const NcComparison *nc_compare_view_get_comparison (NcCompareView *self);
void                nc_compare_view_open_cell      (NcCompareView *self,
                                                    guint          row,
                                                    guint          column);
GListModel         *nc_compare_view_get_shown      (NcCompareView *self);
const NcCompareRow *nc_compare_view_get_shown_row  (NcCompareView *self,
                                                    guint          position);
void                nc_compare_view_sort           (NcCompareView *self,
                                                    guint          column,
                                                    GtkSortType    direction);

G_END_DECLS
