/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define NC_ERROR (nc_error_quark ())

/**
 * NcErrorCode:
 * @NC_ERROR_FAILED: anything not covered below
 * @NC_ERROR_IO: a file could not be read or written
 * @NC_ERROR_EMPTY: a file holds no data at all
 * @NC_ERROR_CORRUPT: data is damaged or truncated
 * @NC_ERROR_UNSUPPORTED: valid data of a kind Neurocipher does not handle
 * @NC_ERROR_TOO_LARGE: over the pixel cap, or a size that would overflow
 * @NC_ERROR_INVALID: an argument or value out of range
 * @NC_ERROR_KEY: a key or key file that is malformed or for another engine
 * @NC_ERROR_NOT_FOUND: an unknown engine, variant or parameter
 */
typedef enum {
  NC_ERROR_FAILED,
  NC_ERROR_IO,
  NC_ERROR_EMPTY,
  NC_ERROR_CORRUPT,
  NC_ERROR_UNSUPPORTED,
  NC_ERROR_TOO_LARGE,
  NC_ERROR_INVALID,
  NC_ERROR_KEY,
  NC_ERROR_NOT_FOUND,
} NcErrorCode;

GQuark nc_error_quark (void);

G_END_DECLS
