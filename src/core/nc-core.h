/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "nc-error.h"
#include "nc-file.h"
#include "nc-image.h"
#include "nc-image-io.h"
#include "nc-parallel.h"
#include "nc-param.h"
#include "nc-params.h"
#include "nc-rng.h"
