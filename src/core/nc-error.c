/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "nc-error.h"

G_DEFINE_QUARK (nc-error-quark, nc_error)
