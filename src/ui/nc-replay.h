/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "nc-window.h"

G_BEGIN_DECLS

void nc_replay_start (GApplication *application,
                      NcWindow     *window,
                      guint         steps);

G_END_DECLS
