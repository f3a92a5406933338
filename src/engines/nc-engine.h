/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "nc-core.h"

G_BEGIN_DECLS

typedef enum {
  NC_FAMILY_CHAOTIC,
  NC_FAMILY_CELLULAR,
  NC_FAMILY_CONVOLUTIONAL,
  NC_FAMILY_ADVERSARIAL,
  NC_FAMILY_REFERENCE,
} NcFamily;

typedef struct _NcEngine NcEngine;

/* Encrypts @input into @output (or decrypts, when @decrypt), which has the
 * same shape and does not alias it. @key belongs to @engine. */
typedef gboolean (*NcEngineCryptFunc) (const NcEngine *engine,
                                       const NcParams *key,
                                       const NcImage  *input,
                                       NcImage        *output,
                                       gboolean        decrypt,
                                       GCancellable   *cancellable,
                                       GError        **error);

/* log2 of the key space by the review's formula (eq. 1–4) for this
 * engine's family, evaluated for @key's structure and an image of
 * @n_pixels pixels (formulas that count cells need it). */
typedef double (*NcEngineNominalBitsFunc) (const NcEngine *engine,
                                           const NcParams *key,
                                           guint64         n_pixels);

/* The image size key spaces are quoted for when none is given. */
#define NC_ENGINE_REFERENCE_PIXELS (512 * 512)

/* A sentence warning that @key makes a weak cipher (a chaotic system on
 * a fixed point or a periodic orbit), or %NULL when it does not. */
typedef char *(*NcEngineDiagnoseFunc) (const NcEngine *engine,
                                       const NcParams *key);

/* How many of @keys the engine's diagnose function finds weak. */
typedef guint (*NcEngineCountWeakFunc) (const NcEngine        *engine,
                                        const NcParams * const *keys,
                                        guint                  n_keys);

/* The size in bits of the internal state that carries the key into the
 * ciphertext, when it is smaller than the key (a hash of it, say), with a
 * sentence saying what it is; it caps the effective key space. 0: no
 * such state for this key. */
typedef double (*NcEngineStateBitsFunc) (const NcEngine *engine,
                                         const NcParams *key,
                                         const char    **out_what);

/* Peaks kept for one column of a bifurcation diagram. */
#define NC_CHAOS_MAX_PEAKS 200

/**
 * NcChaos:
 * @lyapunov: the largest Lyapunov exponent per unit time (Benettin's
 *   method), NAN when the system diverged
 * @n_peaks: how many of @peaks are filled
 * @peaks: after the burn-in, the successive local maxima of the first
 *   state variable: one column of a bifurcation diagram
 * @what: the system measured ("the driven Hopfield network")
 *
 * The chaotic system behind a key's keystream, as a bifurcation diagram
 * and a Lyapunov exponent read it.
 */
typedef struct {
  double      lyapunov;
  guint       n_peaks;
  double      peaks[NC_CHAOS_MAX_PEAKS];
  const char *what;
} NcChaos;

typedef void (*NcEngineChaosFunc) (const NcEngine *engine,
                                   const NcParams *key,
                                   NcChaos        *out);

/* Adds keyword/value pairs to a ciphertext's public metadata beyond the
 * parameters: what else the cipher depends on. */
typedef void (*NcEngineMetadataFunc) (const NcEngine *engine,
                                      const NcParams *key,
                                      GPtrArray      *metadata);

/**
 * NcEngine:
 * @id: machine name ("hopfield", "chacha20")
 * @name: what the model picker shows
 * @family: the model family
 * @summary: one sentence on what the engine does
 * @schema: its parameters; variants are the choices of the parameter
 *   named "variant", if it has one
 * @nominal_formula: the review's key-space formula, as text
 * @nominal_key_bits: that formula evaluated, in bits
 * @crypt: encryption and its exact inverse
 * @diagnose: (nullable): checks a key for weak dynamics
 * @count_weak: (nullable): @diagnose's verdicts on many keys at once,
 *   the same verdicts, sooner
 * @add_metadata: (nullable): public metadata beyond the parameters
 * @key_state_bits: (nullable): the state that carries the key, when it
 *   is smaller than the key
 * @chaos: (nullable): measures the chaotic system that makes the
 *   keystream, for engines that have one
 *
 * One cipher. Adding an engine is adding one file that defines one of
 * these and one line in the registry.
 */
struct _NcEngine {
  const char              *id;
  const char              *name;
  NcFamily                 family;
  const char              *summary;
  NcParamSchema            schema;
  const char              *nominal_formula;
  NcEngineNominalBitsFunc  nominal_key_bits;
  NcEngineCryptFunc        crypt;
  NcEngineDiagnoseFunc     diagnose;
  NcEngineMetadataFunc     add_metadata;
  NcEngineStateBitsFunc    key_state_bits;
  NcEngineChaosFunc        chaos;
  NcEngineCountWeakFunc    count_weak;
};

const NcEngine * const *nc_engines_list           (guint           *n_engines);
const NcEngine         *nc_engine_find            (const char      *id,
                                                   GError         **error);
const char             *nc_family_to_string       (NcFamily         family);
const char             *nc_family_label           (NcFamily         family);

const NcParamSpec      *nc_engine_get_variant_spec (const NcEngine  *engine);
guint                   nc_engine_get_n_variants  (const NcEngine  *engine);
NcParams               *nc_engine_new_params      (const NcEngine  *engine);
char                   *nc_engine_describe_variant (const NcEngine *engine,
                                                   guint64          variant);
double                  nc_engine_get_nominal_key_bits (const NcEngine *engine,
                                                   const NcParams  *key,
                                                   guint64          n_pixels);
NcParams               *nc_engine_load_key        (const NcEngine  *expected,
                                                   const char      *path,
                                                   GError         **error);
const NcEngine         *nc_engine_for_params      (const NcParams  *params);

gboolean                nc_engine_chaos           (const NcEngine  *engine,
                                                   const NcParams  *key,
                                                   NcChaos         *out);
char                   *nc_engine_diagnose        (const NcEngine  *engine,
                                                   const NcParams  *key);
guint                   nc_engine_count_weak      (const NcEngine  *engine,
                                                   const NcParams * const *keys,
                                                   guint            n_keys);

/* Draws are repeated until the key is not weak, this many at most. */
#define NC_ENGINE_MAX_DRAWS 400

typedef void (*NcEngineKeepFunc) (NcParams *params,
                                  gpointer  data);

gboolean                nc_engine_draw_key        (const NcEngine  *engine,
                                                   NcParams        *params,
                                                   NcRng           *rng,
                                                   NcEngineKeepFunc keep,
                                                   gpointer         keep_data,
                                                   gboolean         allow_weak,
                                                   GError         **error);
GPtrArray              *nc_engine_public_metadata (const NcParams  *key);

gboolean                nc_engine_encrypt         (const NcEngine  *engine,
                                                   const NcParams  *key,
                                                   const NcImage   *input,
                                                   NcImage         *output,
                                                   GCancellable    *cancellable,
                                                   GError         **error);
gboolean                nc_engine_decrypt         (const NcEngine  *engine,
                                                   const NcParams  *key,
                                                   const NcImage   *input,
                                                   NcImage         *output,
                                                   GCancellable    *cancellable,
                                                   GError         **error);

/**
 * NcKeystreamCache:
 * @NC_KEYSTREAM_CACHE_USE: a keystream made before under the same key
 *   and length is copied, not made again; a new one is kept
 * @NC_KEYSTREAM_CACHE_FRESH: every keystream is made (its time is the
 *   engine's), and kept for what follows
 * @NC_KEYSTREAM_CACHE_OFF: every keystream is made and none kept (keys
 *   tried once: probes, a brute-force search; benchmarks of the engine)
 *
 * How the chaotic engines' encryptions and decryptions on this thread
 * use the keystreams kept from earlier ones.
 */
typedef enum {
  NC_KEYSTREAM_CACHE_USE,
  NC_KEYSTREAM_CACHE_FRESH,
  NC_KEYSTREAM_CACHE_OFF,
} NcKeystreamCache;

NcKeystreamCache        nc_engine_set_keystream_cache (NcKeystreamCache mode);
void                    nc_engine_forget_keystreams (void);

G_END_DECLS
