/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "nc-stages.h"
#include "nc-i18n.h"

#include <sodium.h>

#include <math.h>
#include <string.h>

#include "nc-math.h"

/* Samples between cancellation checks in the diffusion passes. */
#define CHECK_EVERY (1u << 20)

void
nc_pipeline_init (NcPipeline     *pipeline,
                  const NcParams *key,
                  const NcImage  *image)
{
  memset (pipeline, 0, sizeof *pipeline);
  pipeline->permute = nc_params_get (key, "permute") != 0;
  pipeline->diffuse = nc_params_get (key, "diffuse") != 0;
  pipeline->rounds = (guint) nc_params_get (key, "rounds");
  pipeline->width = image->width;
  pipeline->height = image->height;
  pipeline->channels = image->channels;
  pipeline->n_samples = nc_image_get_n_bytes (image);
}

/* The keystream an engine must supply: one byte per sample, then 32-bit
 * shifts for two row passes and one column pass, 512 bytes for the
 * S-box and four initial values. */
gsize
nc_pipeline_keystream_length (const NcPipeline *pipeline)
{
  return pipeline->n_samples + 4 * (2 * (gsize) pipeline->height + pipeline->width) + 512 + 4;
}

static guint32
read_u32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

/* Bytes after the per-sample keystream: the shifts, the S-box and the
 * initial values. */
gsize
nc_pipeline_control_length (const NcPipeline *pipeline)
{
  return nc_pipeline_keystream_length (pipeline) - pipeline->n_samples;
}

/**
 * nc_pipeline_set_keystream_parts:
 * @pipeline: a pipeline
 * @samples: (nullable): one byte per sample, for diffusion; may be %NULL
 *   when diffusion is off
 * @control: nc_pipeline_control_length() bytes for the permutation, the
 *   S-box and the initial values
 */
void
nc_pipeline_set_keystream_parts (NcPipeline   *pipeline,
                                 const guint8 *samples,
                                 const guint8 *control)
{
  const guint8 *p = control;
  guint w = pipeline->width, h = pipeline->height;

  pipeline->stream = samples;
  pipeline->row_shift_a = g_new (guint32, h);
  pipeline->row_shift_b = g_new (guint32, h);
  pipeline->col_shift = g_new (guint32, w);
  for (guint y = 0; y < h; y++, p += 4)
    pipeline->row_shift_a[y] = read_u32 (p) % w;
  for (guint y = 0; y < h; y++, p += 4)
    pipeline->row_shift_b[y] = read_u32 (p) % w;
  for (guint x = 0; x < w; x++, p += 4)
    pipeline->col_shift[x] = read_u32 (p) % h;

  /* A keyed S-box: Fisher–Yates over 0…255 with 16-bit draws. */
  for (guint i = 0; i < 256; i++)
    pipeline->sbox[i] = (guint8) i;
  for (guint i = 255; i > 0; i--, p += 2)
    {
      guint j = ((guint) p[0] | (guint) p[1] << 8) % (i + 1);
      guint8 t = pipeline->sbox[i];

      pipeline->sbox[i] = pipeline->sbox[j];
      pipeline->sbox[j] = t;
    }
  p += 2;
  memcpy (pipeline->iv, p, 4);
}

/* @keystream: nc_pipeline_keystream_length() bytes, samples first */
void
nc_pipeline_set_keystream (NcPipeline   *pipeline,
                           const guint8 *keystream)
{
  nc_pipeline_set_keystream_parts (pipeline, keystream, keystream + pipeline->n_samples);
}

void
nc_pipeline_clear (NcPipeline *pipeline)
{
  g_clear_pointer (&pipeline->row_shift_a, g_free);
  g_clear_pointer (&pipeline->row_shift_b, g_free);
  g_clear_pointer (&pipeline->col_shift, g_free);
}

typedef struct {
  const guint8  *in;
  guint8        *out;
  guint          w, h, c;
  const guint32 *shift;
  gboolean       inverse;
  guint          from, to;   /* rows for a row pass, columns for a column pass */
} Rotation;

/* Rotates rows [from, to) left by shift[y] pixels (right when inverse). */
static gpointer
rotate_rows_part (gpointer data)
{
  const Rotation *r = data;
  gsize row_bytes = (gsize) r->w * r->c;

  for (guint y = r->from; y < r->to; y++)
    {
      const guint8 *src = r->in + y * row_bytes;
      guint8 *dst = r->out + y * row_bytes;
      gsize s = (gsize) (r->inverse ? (r->w - r->shift[y]) % r->w : r->shift[y]) * r->c;

      memcpy (dst, src + s, row_bytes - s);
      memcpy (dst + row_bytes - s, src, s);
    }
  return NULL;
}

/* Columns handled together: each is read down its length, so a tile of
 * them makes a few strided streams instead of one per column. */
#define COLUMN_TILE 32

/* Rotates columns [from, to) up by shift[x] pixels (down when inverse).
 * Each column of a tile keeps a pointer to the pixel it reads next, which
 * goes down a row at a time and back to the top past the bottom. An RGB
 * pixel is copied as four bytes, the fourth overwritten by the next
 * pixel's copy; the tile's last column copies three, so nothing is
 * written outside the tile (the other thread's) or read past the image. */
static gpointer
rotate_columns_part (gpointer data)
{
  const Rotation *r = data;
  gsize row_bytes = (gsize) r->w * r->c;
  const guint8 *in = r->in;
  const guint8 *end = in + (gsize) r->h * row_bytes;
  gsize all = (gsize) r->h * row_bytes;
  guint8 *out = r->out;
  guint h = r->h, c = r->c;

  for (guint x0 = r->from; x0 < r->to; x0 += COLUMN_TILE)
    {
      guint n = MIN (x0 + COLUMN_TILE, r->to) - x0;
      const guint8 *next[COLUMN_TILE];

      for (guint i = 0; i < n; i++)
        {
          guint32 shift = r->shift[x0 + i];
          guint from = r->inverse ? (h - shift) % h : shift;

          next[i] = in + (gsize) from * row_bytes + (gsize) c * (x0 + i);
        }
      for (guint y = 0; y < h; y++)
        {
          guint8 * restrict dst = out + (gsize) y * row_bytes + (gsize) c * x0;

          if (c == 3)
            {
              for (guint i = 0; i + 1 < n; i++)
                {
                  memcpy (dst + 3 * i, next[i], 4);
                  next[i] += row_bytes;
                  if (next[i] >= end)
                    next[i] -= all;
                }
              memcpy (dst + 3 * (n - 1), next[n - 1], 3);
              next[n - 1] += row_bytes;
              if (next[n - 1] >= end)
                next[n - 1] -= all;
            }
          else
            for (guint i = 0; i < n; i++)
              {
                dst[i] = *next[i];
                next[i] += row_bytes;
                if (next[i] >= end)
                  next[i] -= all;
              }
        }
    }
  return NULL;
}

/* Rows a job of a row pass, and columns (whole tiles) a job of a column
 * pass: bands taken by whichever thread is free. */
#define ROTATION_ROWS 64
#define ROTATION_COLUMNS (4 * COLUMN_TILE)

static void
rotate (const NcPipeline *p,
        const guint8     *in,
        guint8           *out,
        const guint32    *shift,
        gboolean          columns,
        gboolean          inverse)
{
  guint extent = columns ? p->width : p->height;
  guint piece = columns ? ROTATION_COLUMNS : ROTATION_ROWS;
  guint n_jobs = nc_pieces_of (extent, piece);
  g_autofree Rotation *jobs = g_new (Rotation, n_jobs);

  for (guint j = 0; j < n_jobs; j++)
    jobs[j] = (Rotation) { in, out, p->width, p->height, p->channels, shift, inverse,
                           MIN (j * piece, extent), MIN ((j + 1) * piece, extent) };
  nc_run_jobs (columns ? rotate_columns_part : rotate_rows_part, jobs, sizeof *jobs, n_jobs,
               p->n_samples >= 4 * NC_PARALLEL_THRESHOLD);
}

/* Rows, columns, rows again: the column pass moves columns by different
 * amounts, so the second row pass separates vertical neighbours too. */
static void
permute (const NcPipeline *p,
         guint8           *data,
         guint8           *scratch)
{
  rotate (p, data, scratch, p->row_shift_a, FALSE, FALSE);
  rotate (p, scratch, data, p->col_shift, TRUE, FALSE);
  rotate (p, data, scratch, p->row_shift_b, FALSE, FALSE);
  memcpy (data, scratch, p->n_samples);
}

static void
unpermute (const NcPipeline *p,
           guint8           *data,
           guint8           *scratch)
{
  rotate (p, data, scratch, p->row_shift_b, FALSE, TRUE);
  rotate (p, scratch, data, p->col_shift, TRUE, TRUE);
  rotate (p, data, scratch, p->row_shift_a, FALSE, TRUE);
  memcpy (data, scratch, p->n_samples);
}

/* Forward: c[i] = p[i] + k[i] + c[i−1] + S[c[i−2]]; backward: d[i] =
 * c[i] + k[n−1−i] + d[i+1] + S[d[i+2]] (mod 256). The S-box spreads a
 * difference in one sample as unrelated differences, not one repeated
 * offset; looking it up two samples back keeps its latency off the chain
 * from one sample to the next. With a row key source, k[i] is XORed with
 * the row's adaptive key. */
#define CHAIN(out, in, key, prev1, prev2) \
  G_STMT_START { \
    guint8 value_ = (guint8) ((in) + (key) + (prev1) + p->sbox[prev2]); \
    (out) = value_; \
    prev2 = prev1; \
    prev1 = value_; \
  } G_STMT_END
#define UNCHAIN(io, key, prev1, prev2) \
  G_STMT_START { \
    guint8 c_ = (io); \
    (io) = (guint8) (c_ - (key) - (prev1) - p->sbox[prev2]); \
    prev2 = prev1; \
    prev1 = c_; \
  } G_STMT_END

static gboolean
diffuse (const NcPipeline *p,
         guint8           *data,
         GCancellable     *cancellable)
{
  const guint8 *k = p->stream;
  gsize n = p->n_samples;
  gsize row_bytes = (gsize) p->width * p->channels;
  g_autofree guint8 *row_key = p->row_key != NULL ? g_malloc (row_bytes) : NULL;
  guint8 prev1 = p->iv[0], prev2 = p->iv[1];

  if (p->row_key != NULL)
    {
      p->row_key->reset (p->row_key->context);
      for (guint y = 0; y < p->height; y++)
        {
          guint8 *row = data + y * row_bytes;
          const guint8 *ky = k + y * row_bytes;

          if (g_cancellable_is_cancelled (cancellable))
            return FALSE;
          p->row_key->row (p->row_key->context, y, y > 0 ? row - row_bytes : NULL, row_key);
          for (gsize i = 0; i < row_bytes; i++)
            CHAIN (row[i], row[i], ky[i] ^ row_key[i], prev1, prev2);
        }
    }
  else
    for (gsize i = 0; i < n; i++)
      {
        if ((i & (CHECK_EVERY - 1)) == 0 && g_cancellable_is_cancelled (cancellable))
          return FALSE;
        CHAIN (data[i], data[i], k[i], prev1, prev2);
      }

  prev1 = p->iv[2];
  prev2 = p->iv[3];
  for (gsize i = n; i-- > 0;)
    CHAIN (data[i], data[i], k[n - 1 - i], prev1, prev2);
  return TRUE;
}

static gboolean
undiffuse (const NcPipeline *p,
           guint8           *data,
           GCancellable     *cancellable)
{
  const guint8 *k = p->stream;
  gsize n = p->n_samples;
  gsize row_bytes = (gsize) p->width * p->channels;
  guint8 prev1 = p->iv[2], prev2 = p->iv[3];

  for (gsize i = n; i-- > 0;)
    {
      if ((i & (CHECK_EVERY - 1)) == 0 && g_cancellable_is_cancelled (cancellable))
        return FALSE;
      UNCHAIN (data[i], k[n - 1 - i], prev1, prev2);
    }

  prev1 = p->iv[0];
  prev2 = p->iv[1];
  if (p->row_key != NULL)
    {
      /* The adaptive key of a row needs the ciphertext of the row above,
       * which decrypting overwrites: keep a copy. */
      g_autofree guint8 *row_key = g_malloc (row_bytes);
      g_autofree guint8 *above = g_malloc (row_bytes);
      g_autofree guint8 *current = g_malloc (row_bytes);

      p->row_key->reset (p->row_key->context);
      for (guint y = 0; y < p->height; y++)
        {
          guint8 *row = data + y * row_bytes;
          const guint8 *ky = k + y * row_bytes;

          p->row_key->row (p->row_key->context, y, y > 0 ? above : NULL, row_key);
          memcpy (current, row, row_bytes);
          for (gsize i = 0; i < row_bytes; i++)
            UNCHAIN (row[i], ky[i] ^ row_key[i], prev1, prev2);
          memcpy (above, current, row_bytes);
        }
      return TRUE;
    }

  for (gsize i = 0; i < n; i++)
    UNCHAIN (data[i], k[i], prev1, prev2);
  return TRUE;
}

static gboolean
run (const NcPipeline *p,
     const NcImage    *input,
     NcImage          *output,
     gboolean          decrypt,
     GCancellable     *cancellable,
     GError          **error)
{
  g_autofree guint8 *scratch = NULL;

  memcpy (output->data, input->data, p->n_samples);
  if (p->permute)
    {
      scratch = g_try_malloc (p->n_samples);
      if (scratch == NULL)
        {
          g_set_error (error, NC_ERROR, NC_ERROR_TOO_LARGE,
                       _("not enough memory to permute a %u × %u image"), p->width, p->height);
          return FALSE;
        }
    }

  for (guint r = 0; r < p->rounds; r++)
    {
      if (!decrypt)
        {
          if (p->permute)
            permute (p, output->data, scratch);
          if (p->diffuse && !diffuse (p, output->data, cancellable))
            break;
        }
      else
        {
          if (p->diffuse && !undiffuse (p, output->data, cancellable))
            break;
          if (p->permute)
            unpermute (p, output->data, scratch);
        }
    }
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/**
 * nc_pipeline_run:
 * @pipeline: an initialised pipeline, cleared on return
 * @keystream: nc_pipeline_keystream_length() bytes
 * @input: the image
 * @output: where the result goes
 * @decrypt: the direction
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 */
gboolean
nc_pipeline_run (NcPipeline     *pipeline,
                 const guint8   *keystream,
                 const NcImage  *input,
                 NcImage        *output,
                 gboolean        decrypt,
                 GCancellable   *cancellable,
                 GError        **error)
{
  gboolean ok;

  nc_pipeline_set_keystream (pipeline, keystream);
  ok = decrypt ? nc_pipeline_decrypt (pipeline, input, output, cancellable, error)
               : nc_pipeline_encrypt (pipeline, input, output, cancellable, error);
  nc_pipeline_clear (pipeline);
  return ok;
}

gboolean
nc_pipeline_encrypt (const NcPipeline *pipeline,
                     const NcImage    *input,
                     NcImage          *output,
                     GCancellable     *cancellable,
                     GError          **error)
{
  return run (pipeline, input, output, FALSE, cancellable, error);
}

gboolean
nc_pipeline_decrypt (const NcPipeline *pipeline,
                     const NcImage    *input,
                     NcImage          *output,
                     GCancellable     *cancellable,
                     GError          **error)
{
  return run (pipeline, input, output, TRUE, cancellable, error);
}

/* Keystreams up to this long are made on one thread with every lane in
 * one vector, where the machine can: measured faster at 512² and 1024²
 * RGB (1.0 and 3.1 MB), 4 % slower at 2048². */
#define LANES_ALL_AT_ONCE_MAX (4u << 20)

/**
 * nc_lanes_all_at_once:
 *
 * Whether keystream lanes may run all at once in one vector: where the
 * processor has AVX-512, unless the environment sets NC_WIDE_LANES=0
 * (the tests check that both ways give the same bytes).
 *
 * Returns: %TRUE to use an engine's fill for every lane
 */
gboolean
nc_lanes_all_at_once (void)
{
  static gsize once = 0;
  static gboolean wide;

  if (g_once_init_enter (&once))
    {
      wide = nc_cpu_has_avx512 () && g_strcmp0 (g_getenv ("NC_WIDE_LANES"), "0") != 0;
      g_once_init_leave (&once, 1);
    }
  return wide;
}

typedef struct {
  gconstpointer  context;
  NcLaneFill     fill;
  guint          first_lane;
  guint8        *segments[NC_LANES_PER_THREAD];
  gsize          lengths[NC_LANES_PER_THREAD];
  GCancellable  *cancellable;
  gboolean       ok;
} LaneJob;

static gpointer
run_lane_job (gpointer data)
{
  LaneJob *job = data;

  job->ok = job->fill (job->context, job->first_lane, job->segments, job->lengths,
                       job->cancellable);
  return NULL;
}

/* The keystreams made last, kept for the next encryption or decryption
 * under the same key: an analysis encrypts and decrypts under one key,
 * an attack asks its oracle a dozen images under one key, the noise
 * measures decrypt damaged ciphertexts under one key, and making a
 * chaotic keystream is a third or more of each. An entry is found by
 * the engine's fill function, the bytes of its prepared key (its whole
 * state: initial conditions, parameters, the nonce's offset) and the
 * length; a hit copies the bytes out. Entries are wiped when they go. */
#define CACHE_ENTRIES 4
#define CACHE_MAX_STREAM (16u << 20)     /* a 2048 × 2048 RGB image's and less */
#define CACHE_MAX_CONTEXT 512

typedef struct {
  NcLaneFill  fill;
  gsize       context_size;
  guint8      context[CACHE_MAX_CONTEXT];
  gsize       length;
  guint8     *stream;
  guint64     used;
} CacheEntry;

static _Thread_local NcKeystreamCache cache_mode = NC_KEYSTREAM_CACHE_USE;
static GMutex cache_lock;
static CacheEntry cache[CACHE_ENTRIES];
static guint64 cache_clock;
static NcKeystreamCacheStats cache_stats;

static void
cache_entry_clear (CacheEntry *entry)
{
  if (entry->stream != NULL)
    {
      sodium_memzero (entry->stream, entry->length);
      g_free (entry->stream);
    }
  sodium_memzero (entry, sizeof *entry);
}

static gboolean
cache_matches (const CacheEntry *entry,
               gconstpointer     context,
               gsize             context_size,
               NcLaneFill        fill,
               gsize             length)
{
  return entry->stream != NULL && entry->fill == fill && entry->length == length &&
         entry->context_size == context_size && memcmp (entry->context, context, context_size) == 0;
}

/* Copies a kept keystream into @out; FALSE when none is kept. */
static gboolean
cache_lookup (gconstpointer context,
              gsize         context_size,
              NcLaneFill    fill,
              guint8       *out,
              gsize         length)
{
  gboolean found = FALSE;

  g_mutex_lock (&cache_lock);
  for (guint i = 0; i < CACHE_ENTRIES && !found; i++)
    if (cache_matches (&cache[i], context, context_size, fill, length))
      {
        memcpy (out, cache[i].stream, length);
        cache[i].used = ++cache_clock;
        found = TRUE;
      }
  if (found)
    cache_stats.hits++;
  else
    cache_stats.misses++;
  g_mutex_unlock (&cache_lock);
  return found;
}

/* Keeps a copy of @stream in place of the entry used longest ago. */
static void
cache_insert (gconstpointer context,
              gsize         context_size,
              NcLaneFill    fill,
              const guint8 *stream,
              gsize         length)
{
  guint8 *copy = g_try_malloc (length);
  CacheEntry *victim = &cache[0];

  if (copy == NULL)
    return;
  memcpy (copy, stream, length);
  g_mutex_lock (&cache_lock);
  for (guint i = 0; i < CACHE_ENTRIES; i++)
    {
      if (cache_matches (&cache[i], context, context_size, fill, length))
        {
          /* Another thread made the same keystream meanwhile. */
          victim = NULL;
          break;
        }
      if (cache[i].used < victim->used)
        victim = &cache[i];
    }
  if (victim != NULL)
    {
      cache_entry_clear (victim);
      *victim = (CacheEntry) { fill, context_size, { 0 }, length, g_steal_pointer (&copy), ++cache_clock };
      memcpy (victim->context, context, context_size);
    }
  g_mutex_unlock (&cache_lock);
  if (copy != NULL)
    {
      sodium_memzero (copy, length);
      g_free (copy);
    }
}

/**
 * nc_engine_set_keystream_cache:
 * @mode: how this thread's encryptions use kept keystreams from now on
 *
 * Returns: the mode before, to set back
 */
NcKeystreamCache
nc_engine_set_keystream_cache (NcKeystreamCache mode)
{
  NcKeystreamCache before = cache_mode;

  cache_mode = mode;
  return before;
}

/**
 * nc_engine_forget_keystreams:
 *
 * Wipes and forgets every kept keystream (the counts stay): when the
 * workbench quits, and between the tests.
 */
void
nc_engine_forget_keystreams (void)
{
  g_mutex_lock (&cache_lock);
  for (guint i = 0; i < CACHE_ENTRIES; i++)
    cache_entry_clear (&cache[i]);
  g_mutex_unlock (&cache_lock);
}

/* Returns: the lookups that found a kept keystream and those that did
 * not, since the program started: for the tests and the benchmarks */
NcKeystreamCacheStats
nc_keystream_cache_get_stats (void)
{
  NcKeystreamCacheStats stats;

  g_mutex_lock (&cache_lock);
  stats = cache_stats;
  g_mutex_unlock (&cache_lock);
  return stats;
}

/**
 * nc_keystream_new_from_lanes:
 * @context: the engine's key, prepared: plain data, every byte set
 *   (zeroed before it is filled, padding included), whose bytes
 *   determine the keystream
 * @context_size: its size
 * @fill: fills the segments of a group of lanes
 * @fill_all: (nullable): fills every lane's segment at once, where the
 *   machine can (nc_lanes_all_at_once())
 * @length: bytes wanted
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * The keystream nc_keystream_fill_lanes() makes, or a copy of the same
 * bytes kept from the last time they were made.
 *
 * Returns: (transfer full) (nullable): a new keystream, or %NULL without
 *   the memory or when cancelled
 */
guint8 *
nc_keystream_new_from_lanes (gconstpointer  context,
                             gsize          context_size,
                             NcLaneFill     fill,
                             NcLaneFill     fill_all,
                             gsize          length,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autofree guint8 *stream = g_try_malloc (MAX (length, 1));
  gboolean cacheable = length <= CACHE_MAX_STREAM && context_size <= CACHE_MAX_CONTEXT &&
                       cache_mode != NC_KEYSTREAM_CACHE_OFF;

  if (stream == NULL)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_TOO_LARGE,
                   _("not enough memory for a keystream of %llu bytes"), (unsigned long long) length);
      return NULL;
    }
  if (cacheable && cache_mode == NC_KEYSTREAM_CACHE_USE &&
      cache_lookup (context, context_size, fill, stream, length))
    return g_steal_pointer (&stream);
  if (!nc_keystream_fill_lanes (context, fill, fill_all, stream, length, cancellable, error))
    return NULL;
  if (cacheable)
    cache_insert (context, context_size, fill, stream, length);
  return g_steal_pointer (&stream);
}

/**
 * nc_keystream_fill_lanes:
 * @context: the engine's key, prepared
 * @fill: fills the segments of a group of lanes
 * @fill_all: (nullable): fills every lane's segment at once, where the
 *   machine can (nc_lanes_all_at_once())
 * @out: the keystream
 * @length: its length
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Splits @out into NC_LANES consecutive segments, one per lane, and fills
 * half the lanes on a second thread; or, where the machine's vectors hold
 * every lane, all of them on one thread by @fill_all. A step's cost is in
 * the instructions it issues, so eight lanes in an AVX-512 vector take
 * about what four take in an AVX one: half the processor time, and up to
 * 4 MB (an RGB image of 1024 × 1024) less time too, the second thread's
 * start and join saved; beyond, two threads finish a little sooner. A
 * keystream too short for a second thread without @fill_all is made by
 * @fill for each half in turn. Every byte's value depends only on its
 * lane and place, never on the threads' timing or the vectors' width.
 */
gboolean
nc_keystream_fill_lanes (gconstpointer  context,
                         NcLaneFill     fill,
                         NcLaneFill     fill_all,
                         guint8        *out,
                         gsize          length,
                         GCancellable  *cancellable,
                         GError       **error)
{
  LaneJob jobs[NC_LANES / NC_LANES_PER_THREAD];
  gsize offset = 0;

  G_STATIC_ASSERT (NC_LANES == 2 * NC_LANES_PER_THREAD);

  for (guint j = 0; j < G_N_ELEMENTS (jobs); j++)
    {
      jobs[j] = (LaneJob) { context, fill, j * NC_LANES_PER_THREAD, { NULL }, { 0 },
                            cancellable, FALSE };
      for (guint i = 0; i < NC_LANES_PER_THREAD; i++)
        {
          guint lane = j * NC_LANES_PER_THREAD + i;
          gsize end = length * (lane + 1) / NC_LANES;

          jobs[j].segments[i] = out + offset;
          jobs[j].lengths[i] = end - offset;
          offset = end;
        }
    }

  if (length <= LANES_ALL_AT_ONCE_MAX && fill_all != NULL && nc_lanes_all_at_once ())
    {
      guint8 *segments[NC_LANES];
      gsize lengths[NC_LANES];

      for (guint j = 0; j < G_N_ELEMENTS (jobs); j++)
        {
          memcpy (segments + j * NC_LANES_PER_THREAD, jobs[j].segments, sizeof jobs[j].segments);
          memcpy (lengths + j * NC_LANES_PER_THREAD, jobs[j].lengths, sizeof jobs[j].lengths);
        }
      jobs[0].ok = jobs[1].ok = fill_all (context, 0, segments, lengths, cancellable);
    }
  else
    nc_run_halves (run_lane_job, &jobs[0], &jobs[1], length >= NC_PARALLEL_THRESHOLD);

  if (!jobs[0].ok || !jobs[1].ok)
    {
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_set_error (error, NC_ERROR, NC_ERROR_FAILED, _("the keystream could not be made"));
      return FALSE;
    }
  return TRUE;
}

/* Benettin's method, shared by the single and the paired measures: the
 * shadow of lane @lane (lane @lane + 1) starts @d0 away along the first
 * variable; every ten steps the distance is measured, its log stretch
 * added to @sum, and the shadow pulled back. Lanes are @stride apart. */
#define CHAOS_D0 1e-8

static void
shadow_start (double *x,
              guint   stride,
              guint   lane,
              guint   dim)
{
  for (guint i = 0; i < dim; i++)
    x[i * stride + lane + 1] = x[i * stride + lane] + (i == 0 ? CHAOS_D0 : 0.0);
}

/* Returns: %FALSE where the flow diverged (the exponent is NAN) */
static gboolean
shadow_pull_back (double *x,
                  guint   stride,
                  guint   lane,
                  guint   dim,
                  double *sum)
{
  double d = 0.0;

  for (guint i = 0; i < dim; i++)
    {
      double a = x[i * stride + lane], b = x[i * stride + lane + 1];

      d += (b - a) * (b - a);
    }
  d = sqrt (d);
  if (!isfinite (d) || !isfinite (x[lane]))
    return FALSE;
  if (d == 0.0)
    d = CHAOS_D0 * 1e-12;
  *sum += log (d / CHAOS_D0);
  for (guint i = 0; i < dim; i++)
    {
      double a = x[i * stride + lane];

      x[i * stride + lane + 1] = a + (x[i * stride + lane + 1] - a) * (CHAOS_D0 / d);
    }
  return TRUE;
}

/**
 * nc_lanes_measure_chaos:
 * @lanes: the engine's lanes, run through the burn-in; lane 1 is
 *   overwritten as lane 0's shadow (any other state the step reads for
 *   lane 1, a driving map, must already equal lane 0's)
 * @x: the flow's state in @lanes, x[i × NC_LANES_PER_THREAD + lane]
 * @dim: its dimension
 * @step: advances @lanes one step
 * @h: the step, in units of time
 * @steps: how many steps to measure over
 *
 * Benettin's method on lane 0: a shadow 1e-8 away, pulled back every ten
 * steps; the mean log stretch per unit time estimates the largest
 * Lyapunov exponent. Lane 0's local maxima of its first variable are
 * kept, the column a bifurcation diagram plots. A diverging flow gives
 * NAN.
 */
void
nc_lanes_measure_chaos (gpointer       lanes,
                        double        *x,
                        guint          dim,
                        NcLaneStep     step,
                        gconstpointer  context,
                        double         h,
                        guint          steps,
                        NcChaos       *out)
{
  const guint stride = NC_LANES_PER_THREAD;
  double sum = 0.0, before = x[0], last = x[0];

  out->n_peaks = 0;
  shadow_start (x, stride, 0, dim);
  for (guint n = 1; n <= steps; n++)
    {
      step (lanes, context);
      if (last > before && last >= x[0] && out->n_peaks < NC_CHAOS_MAX_PEAKS)
        out->peaks[out->n_peaks++] = last;
      before = last;
      last = x[0];
      if (n % 10 == 0 && !shadow_pull_back (x, stride, 0, dim, &sum))
        {
          out->lyapunov = NAN;
          return;
        }
    }
  out->lyapunov = sum / (steps * h);
}

/**
 * nc_lanes_measure_chaos_pairs:
 * @lanes: the engine's lanes at their initial states: lanes 2p and
 *   2p + 1 hold pair p's key, the same state in both
 * @x: the flow's state in @lanes, x[i × @width + lane]
 * @width: the lanes in @lanes
 * @dim: the state's dimension
 * @step: advances every lane one step
 * @h: the step, in units of time
 * @steps: how many steps to measure over, after each pair's burn-in
 * @pairs: for each pair its burn-in; the exponents come out
 * @n_pairs: at most @width / 2
 * @final: (nullable): out: each pair's state after its last measured step
 *   (or where it diverged), final[p × @dim + i]
 *
 * nc_lanes_measure_chaos() for several keys at once, each on a pair of
 * lanes, lane 2p + 1 the shadow of lane 2p from the end of the pair's
 * burn-in on. Each lane gets the operations nc_lanes_measure_chaos()
 * gives lane 0 or 1 of a single key after its burn-in, so each exponent
 * is the one measured alone, bit for bit. Lanes past their pair's end
 * keep stepping unread.
 */
void
nc_lanes_measure_chaos_pairs (gpointer       lanes,
                              double        *x,
                              guint          width,
                              guint          dim,
                              NcLaneStep     step,
                              gconstpointer  context,
                              double         h,
                              guint          steps,
                              NcChaosPair   *pairs,
                              guint          n_pairs,
                              double        *final)
{
  guint total = 0, left = n_pairs;

  g_return_if_fail (n_pairs <= width / 2);

  for (guint p = 0; p < n_pairs; p++)
    {
      pairs[p].sum = 0.0;
      pairs[p].done = FALSE;
      pairs[p].lyapunov = NAN;
      total = MAX (total, pairs[p].start + steps);
    }
  for (guint n = 0; n < total && left > 0; n++)
    {
      for (guint p = 0; p < n_pairs; p++)
        if (n == pairs[p].start)
          shadow_start (x, width, 2 * p, dim);
      step (lanes, context);
      for (guint p = 0; p < n_pairs; p++)
        {
          NcChaosPair *pair = &pairs[p];
          guint measured = n + 1 - pair->start;
          gboolean diverged;

          if (pair->done || n < pair->start)
            continue;
          diverged = measured % 10 == 0 && !shadow_pull_back (x, width, 2 * p, dim, &pair->sum);
          if (!diverged && measured != steps)
            continue;
          pair->lyapunov = diverged ? NAN : pair->sum / (steps * h);
          pair->done = TRUE;
          left--;
          if (final != NULL)
            for (guint i = 0; i < dim; i++)
              final[p * dim + i] = x[i * width + 2 * p];
        }
    }
}

typedef struct {
  GCompareFunc order;
} SortOrder;

/* Sorts pointers by what they point to. */
static int
compare_pointed (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  const SortOrder *sort = data;

  return sort->order (*(gconstpointer const *) a, *(gconstpointer const *) b);
}

/**
 * nc_lanes_count_weak:
 * @keys: an engine's prepared keys, @key_size bytes each
 * @key_size: their size
 * @n_keys: how many
 * @order: sorts the keys so that those that may share lanes (the same
 *   step) are together, by burn-in within, so a group's lanes wait
 *   little for its longest
 * @share_lanes: whether two keys may run side by side
 * @count_group: counts the weak keys of a group, at most four (two to an
 *   AVX vector, four to an AVX-512 one where nc_lanes_all_at_once())
 *
 * An engine's count_weak: its diagnosis on many keys, in groups.
 *
 * Returns: how many of @keys are weak
 */
guint
nc_lanes_count_weak (gconstpointer   keys,
                     gsize           key_size,
                     guint           n_keys,
                     GCompareFunc    order,
                     GEqualFunc      share_lanes,
                     NcWeakGroupFunc count_group)
{
  g_autofree gconstpointer *sorted = g_new (gconstpointer, MAX (n_keys, 1));
  SortOrder sort = { order };
  guint per_group = nc_lanes_all_at_once () ? 4 : 2;
  guint weak = 0;

  for (guint i = 0; i < n_keys; i++)
    sorted[i] = (const guint8 *) keys + i * key_size;
  g_qsort_with_data (sorted, (gint) n_keys, sizeof *sorted, compare_pointed, &sort);
  for (guint i = 0; i < n_keys;)
    {
      guint n = 1;

      while (n < per_group && i + n < n_keys && share_lanes (sorted[i], sorted[i + n]))
        n++;
      weak += count_group (sorted + i, n);
      i += n;
    }
  return weak;
}
