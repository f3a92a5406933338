/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "nc-stages.h"

#include <string.h>

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
 * S-box and two initial values. */
gsize
nc_pipeline_keystream_length (const NcPipeline *pipeline)
{
  return pipeline->n_samples + 4 * (2 * (gsize) pipeline->height + pipeline->width) + 512 + 2;
}

static guint32
read_u32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

void
nc_pipeline_set_keystream (NcPipeline   *pipeline,
                           const guint8 *keystream)
{
  const guint8 *p = keystream + pipeline->n_samples;
  guint w = pipeline->width, h = pipeline->height;

  pipeline->stream = keystream;
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
  pipeline->iv[0] = p[0];
  pipeline->iv[1] = p[1];
}

void
nc_pipeline_clear (NcPipeline *pipeline)
{
  g_clear_pointer (&pipeline->row_shift_a, g_free);
  g_clear_pointer (&pipeline->row_shift_b, g_free);
  g_clear_pointer (&pipeline->col_shift, g_free);
}

/* Rotates every row y left by shift[y] pixels (right when @inverse). */
static void
rotate_rows (const guint8  *in,
             guint8        *out,
             guint          w,
             guint          h,
             guint          c,
             const guint32 *shift,
             gboolean       inverse)
{
  gsize row_bytes = (gsize) w * c;

  for (guint y = 0; y < h; y++)
    {
      const guint8 *src = in + y * row_bytes;
      guint8 *dst = out + y * row_bytes;
      gsize s = (gsize) (inverse ? (w - shift[y]) % w : shift[y]) * c;

      memcpy (dst, src + s, row_bytes - s);
      memcpy (dst + row_bytes - s, src, s);
    }
}

/* Columns handled together: each is read down its length, so a tile of
 * them makes a few strided streams instead of one per column of the image. */
#define COLUMN_TILE 32

/* Rotates every column x up by shift[x] pixels (down when @inverse). */
static void
rotate_columns (const guint8  *in,
                guint8        *out,
                guint          w,
                guint          h,
                guint          c,
                const guint32 *shift,
                gboolean       inverse)
{
  gsize row_bytes = (gsize) w * c;

  for (guint x0 = 0; x0 < w; x0 += COLUMN_TILE)
    {
      guint x1 = MIN (x0 + COLUMN_TILE, w);
      guint from[COLUMN_TILE];

      for (guint x = x0; x < x1; x++)
        from[x - x0] = inverse ? (h - shift[x]) % h : shift[x];

      for (guint y = 0; y < h; y++)
        {
          guint8 *dst = out + y * row_bytes;

          for (guint x = x0; x < x1; x++)
            {
              const guint8 *src = in + from[x - x0] * row_bytes + (gsize) x * c;

              if (c == 3)
                {
                  dst[3 * (gsize) x] = src[0];
                  dst[3 * (gsize) x + 1] = src[1];
                  dst[3 * (gsize) x + 2] = src[2];
                }
              else
                dst[x] = src[0];
              if (++from[x - x0] == h)
                from[x - x0] = 0;
            }
        }
    }
}

/* Rows, columns, rows again: the first row pass keeps vertical
 * neighbours apart only after the column pass has moved columns by
 * different amounts, and the second row pass then separates vertical
 * neighbours too. */
static void
permute (const NcPipeline *p,
         guint8           *data,
         guint8           *scratch)
{
  rotate_rows (data, scratch, p->width, p->height, p->channels, p->row_shift_a, FALSE);
  rotate_columns (scratch, data, p->width, p->height, p->channels, p->col_shift, FALSE);
  rotate_rows (data, scratch, p->width, p->height, p->channels, p->row_shift_b, FALSE);
  memcpy (data, scratch, p->n_samples);
}

static void
unpermute (const NcPipeline *p,
           guint8           *data,
           guint8           *scratch)
{
  rotate_rows (data, scratch, p->width, p->height, p->channels, p->row_shift_b, TRUE);
  rotate_columns (scratch, data, p->width, p->height, p->channels, p->col_shift, TRUE);
  rotate_rows (data, scratch, p->width, p->height, p->channels, p->row_shift_a, TRUE);
  memcpy (data, scratch, p->n_samples);
}

/* Forward: c[i] = p[i] + k[i] + S[c[i−1]]; backward: d[i] = c[i] +
 * k[n−1−i] + S[d[i+1]] (mod 256). The S-box makes a difference in one
 * sample spread as unrelated differences, not as one repeated offset. */
static gboolean
diffuse (const NcPipeline *p,
         guint8           *data,
         GCancellable     *cancellable)
{
  const guint8 *k = p->stream;
  gsize n = p->n_samples;
  guint8 prev = p->iv[0];

  for (gsize i = 0; i < n; i++)
    {
      if ((i & (CHECK_EVERY - 1)) == 0 && g_cancellable_is_cancelled (cancellable))
        return FALSE;
      prev = data[i] = (guint8) (data[i] + k[i] + p->sbox[prev]);
    }
  prev = p->iv[1];
  for (gsize i = n; i-- > 0;)
    prev = data[i] = (guint8) (data[i] + k[n - 1 - i] + p->sbox[prev]);
  return TRUE;
}

static gboolean
undiffuse (const NcPipeline *p,
           guint8           *data,
           GCancellable     *cancellable)
{
  const guint8 *k = p->stream;
  gsize n = p->n_samples;
  guint8 next = p->iv[1];

  for (gsize i = n; i-- > 0;)
    {
      guint8 d = data[i];

      if ((i & (CHECK_EVERY - 1)) == 0 && g_cancellable_is_cancelled (cancellable))
        return FALSE;
      data[i] = (guint8) (d - k[n - 1 - i] - p->sbox[next]);
      next = d;
    }
  next = p->iv[0];
  for (gsize i = 0; i < n; i++)
    {
      guint8 c = data[i];

      data[i] = (guint8) (c - k[i] - p->sbox[next]);
      next = c;
    }
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
                       "not enough memory to permute a %u × %u image", p->width, p->height);
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

/**
 * nc_keystream_fill_lanes:
 * @context: the engine's key, prepared
 * @fill: fills the segments of a group of lanes
 * @out: the keystream
 * @length: its length
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Splits @out into NC_LANES consecutive segments, one per lane, and fills
 * half the lanes on a second thread. Every byte's value depends only on
 * its lane and place, never on the threads' timing.
 */
gboolean
nc_keystream_fill_lanes (gconstpointer  context,
                         NcLaneFill     fill,
                         guint8        *out,
                         gsize          length,
                         GCancellable  *cancellable,
                         GError       **error)
{
  LaneJob jobs[NC_LANES / NC_LANES_PER_THREAD];
  GThread *helper = NULL;
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

  /* Small keystreams are not worth a thread. */
  if (length >= 65536)
    helper = g_thread_new ("nc-keystream", run_lane_job, &jobs[1]);
  else
    run_lane_job (&jobs[1]);
  run_lane_job (&jobs[0]);
  if (helper != NULL)
    g_thread_join (helper);

  if (!jobs[0].ok || !jobs[1].ok)
    {
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_set_error (error, NC_ERROR, NC_ERROR_FAILED, "the keystream could not be made");
      return FALSE;
    }
  return TRUE;
}
