/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The hostile inputs: files every way an image, a ciphertext or a key
 * file can be wrong, written to a folder, with what each must get. The
 * CLI test (test-hostile) and the window test run the same catalogue. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  NC_HOSTILE_REFUSED,   /* a clear error naming the file */
  NC_HOSTILE_LOADS,     /* a valid file that must load */
  NC_HOSTILE_EITHER,    /* a decoder may fill in what is missing: loads whole, or refused */
} NcHostileOutcome;

typedef struct {
  char            *path;
  const char      *what;      /* the input class, for messages */
  NcHostileOutcome outcome;
  const char      *words;     /* what the error must say (with REFUSED) */
} NcHostileCase;

/* Images (as given to info, analyze, encrypt, the window's Open). */
GPtrArray *nc_test_hostile_images      (const char *dir);
/* Ciphertexts for decrypt, with a valid key for each in @key_path. */
GPtrArray *nc_test_hostile_ciphertexts (const char *dir,
                                        char      **key_path);
/* Key files, each to be used with the engine hopfield. */
GPtrArray *nc_test_hostile_keys        (const char *dir);

G_END_DECLS
