/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The adversarial family's perceptrons and their weights file.
 *
 * Weights file, version 1 (all integers little-endian u32, floats
 * little-endian IEEE binary32):
 *
 *   "NCGANW\r\n"                 magic (a text-mode copy breaks it)
 *   version                      1
 *   provenance length, bytes     UTF-8: how the weights were made
 *   tensor count
 *   per tensor: name length, name, rows, columns, rows × columns floats
 *   SHA-256 of every byte before it
 *
 * The tensors are, for each generator in the order perturbation,
 * transformation, direct.0 … direct.3: NAME.w1, NAME.b1, NAME.w2, NAME.b2.
 * Loading checks the magic, the version, every name and shape, that
 * every weight is finite and moderate, and the checksum. */
#include "nc-adversarial.h"
#include "nc-i18n.h"

#include <math.h>
#include <string.h>

#include "nc-library-resources.h"

#define MAGIC "NCGANW\r\n"
#define MAGIC_LENGTH 8
#define WEIGHT_LIMIT 1.0e4f
#define SHIPPED_RESOURCE "/io/github/neurocipher/Neurocipher/weights/adversarial.ncw"

const char *
nc_gan_variant_label (NcGanVariant variant)
{
  switch (variant)
    {
    case NC_GAN_PERTURBATION: return _("adversarial perturbation");
    case NC_GAN_TRANSFORMATION: return _("distribution transformation");
    case NC_GAN_DIRECT: return _("direct ciphertext generation");
    case NC_GAN_N_VARIANTS:
    default: g_return_val_if_reached (NULL);
    }
}

void
nc_mlp_init (NcMlp    *mlp,
             guint     n_in,
             guint     n_hidden,
             guint     n_out,
             gboolean  leaky)
{
  mlp->n_in = n_in;
  mlp->n_hidden = n_hidden;
  mlp->n_out = n_out;
  mlp->leaky = leaky;
  mlp->n_params = (gsize) n_hidden * n_in + n_hidden + (gsize) n_out * n_hidden + n_out;
  mlp->params = g_new0 (float, mlp->n_params);
  mlp->w1 = mlp->params;
  mlp->b1 = mlp->w1 + (gsize) n_hidden * n_in;
  mlp->w2 = mlp->b1 + n_hidden;
  mlp->b2 = mlp->w2 + (gsize) n_out * n_hidden;
}

void
nc_mlp_clear (NcMlp *mlp)
{
  g_clear_pointer (&mlp->params, g_free);
  mlp->w1 = mlp->b1 = mlp->w2 = mlp->b2 = NULL;
}

void
nc_mlp_copy (NcMlp       *dest,
             const NcMlp *src)
{
  nc_mlp_init (dest, src->n_in, src->n_hidden, src->n_out, src->leaky);
  memcpy (dest->params, src->params, src->n_params * sizeof (float));
}

guint
nc_gan_generator_inputs (NcGanVariant variant)
{
  return NC_GAN_LATENT + NC_GAN_NOISE + (variant == NC_GAN_PERTURBATION ? 0 : NC_GAN_HALF);
}

guint
nc_gan_variant_steps (NcGanVariant variant)
{
  switch (variant)
    {
    case NC_GAN_PERTURBATION: return 1;
    case NC_GAN_TRANSFORMATION: return 2;
    case NC_GAN_DIRECT: return NC_GAN_DIRECT_STEPS;
    case NC_GAN_N_VARIANTS:
    default: g_return_val_if_reached (0);
    }
}

/* Every generator of a weights set, in file order, with its name. */
#define N_GENERATORS (2 + NC_GAN_DIRECT_STEPS)

static NcMlp *
generator_at (NcGanWeights *weights,
              guint         index,
              char        **name)
{
  if (index == 0)
    {
      *name = g_strdup ("perturbation");
      return &weights->perturbation;
    }
  if (index == 1)
    {
      *name = g_strdup ("transformation");
      return &weights->transformation;
    }
  *name = g_strdup_printf ("direct.%u", index - 2);
  return &weights->direct[index - 2];
}

/**
 * nc_gan_weights_new:
 *
 * Returns: (transfer full): weights of the right shapes, all zero
 */
NcGanWeights *
nc_gan_weights_new (void)
{
  NcGanWeights *weights = g_new0 (NcGanWeights, 1);

  g_atomic_ref_count_init (&weights->ref);
  nc_mlp_init (&weights->perturbation, nc_gan_generator_inputs (NC_GAN_PERTURBATION),
               NC_GAN_PERTURBATION_HIDDEN, NC_GAN_PATCH_SAMPLES, FALSE);
  nc_mlp_init (&weights->transformation, nc_gan_generator_inputs (NC_GAN_TRANSFORMATION),
               NC_GAN_HIDDEN, NC_GAN_HALF, FALSE);
  for (guint s = 0; s < NC_GAN_DIRECT_STEPS; s++)
    nc_mlp_init (&weights->direct[s], nc_gan_generator_inputs (NC_GAN_DIRECT),
                 NC_GAN_HIDDEN, NC_GAN_HALF, FALSE);
  weights->provenance = g_strdup ("");
  return weights;
}

NcGanWeights *
nc_gan_weights_copy (const NcGanWeights *weights)
{
  NcGanWeights *copy = g_new0 (NcGanWeights, 1);

  g_atomic_ref_count_init (&copy->ref);
  nc_mlp_copy (&copy->perturbation, &weights->perturbation);
  nc_mlp_copy (&copy->transformation, &weights->transformation);
  for (guint s = 0; s < NC_GAN_DIRECT_STEPS; s++)
    nc_mlp_copy (&copy->direct[s], &weights->direct[s]);
  copy->provenance = g_strdup (weights->provenance);
  memcpy (copy->checksum, weights->checksum, sizeof copy->checksum);
  return copy;
}

NcGanWeights *
nc_gan_weights_ref (NcGanWeights *weights)
{
  g_atomic_ref_count_inc (&weights->ref);
  return weights;
}

void
nc_gan_weights_unref (NcGanWeights *weights)
{
  if (weights == NULL || !g_atomic_ref_count_dec (&weights->ref))
    return;
  nc_mlp_clear (&weights->perturbation);
  nc_mlp_clear (&weights->transformation);
  for (guint s = 0; s < NC_GAN_DIRECT_STEPS; s++)
    nc_mlp_clear (&weights->direct[s]);
  g_free (weights->provenance);
  g_free (weights);
}

const NcMlp *
nc_gan_weights_generator (const NcGanWeights *weights,
                          NcGanVariant        variant,
                          guint               step)
{
  switch (variant)
    {
    case NC_GAN_PERTURBATION: return &weights->perturbation;
    case NC_GAN_TRANSFORMATION: return &weights->transformation;
    case NC_GAN_DIRECT: return &weights->direct[step];
    case NC_GAN_N_VARIANTS:
    default: g_return_val_if_reached (NULL);
    }
}

static void
put_u32 (GByteArray *out,
         guint32     value)
{
  guint8 b[4] = { value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >> 24 };

  g_byte_array_append (out, b, 4);
}

static void
put_tensor (GByteArray  *out,
            const char  *generator,
            const char  *part,
            const float *data,
            guint        rows,
            guint        columns)
{
  g_autofree char *name = g_strdup_printf ("%s.%s", generator, part);

  put_u32 (out, (guint32) strlen (name));
  g_byte_array_append (out, (const guint8 *) name, (guint) strlen (name));
  put_u32 (out, rows);
  put_u32 (out, columns);
  for (gsize i = 0; i < (gsize) rows * columns; i++)
    {
      guint32 bits;

      memcpy (&bits, &data[i], 4);
      put_u32 (out, bits);
    }
}

static void
hex_digest (const guint8 *data,
            gsize         length,
            guint8        digest[32],
            char          hex[65])
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize digest_length = 32;

  g_checksum_update (checksum, data, (gssize) length);
  g_checksum_get_digest (checksum, digest, &digest_length);
  g_strlcpy (hex, g_checksum_get_string (checksum), 65);
}

/**
 * nc_gan_weights_serialize:
 *
 * Returns: (transfer full): the weights file's bytes; also sets the
 *   weights' checksum to that of the file
 */
GBytes *
nc_gan_weights_serialize (NcGanWeights *weights)
{
  GByteArray *out = g_byte_array_new ();
  guint8 digest[32];

  g_byte_array_append (out, (const guint8 *) MAGIC, MAGIC_LENGTH);
  put_u32 (out, NC_GAN_WEIGHTS_VERSION);
  put_u32 (out, (guint32) strlen (weights->provenance));
  g_byte_array_append (out, (const guint8 *) weights->provenance, (guint) strlen (weights->provenance));
  put_u32 (out, 4 * N_GENERATORS);
  for (guint g = 0; g < N_GENERATORS; g++)
    {
      g_autofree char *name = NULL;
      NcMlp *mlp = generator_at (weights, g, &name);

      put_tensor (out, name, "w1", mlp->w1, mlp->n_hidden, mlp->n_in);
      put_tensor (out, name, "b1", mlp->b1, mlp->n_hidden, 1);
      put_tensor (out, name, "w2", mlp->w2, mlp->n_out, mlp->n_hidden);
      put_tensor (out, name, "b2", mlp->b2, mlp->n_out, 1);
    }
  hex_digest (out->data, out->len, digest, weights->checksum);
  g_byte_array_append (out, digest, sizeof digest);
  return g_byte_array_free_to_bytes (out);
}

typedef struct {
  const guint8 *data;
  gsize         length;
  gsize         offset;
} Reader;

static gboolean
get_u32 (Reader  *reader,
         guint32 *value)
{
  const guint8 *b;

  if (reader->length - reader->offset < 4)
    return FALSE;
  b = reader->data + reader->offset;
  *value = (guint32) b[0] | (guint32) b[1] << 8 | (guint32) b[2] << 16 | (guint32) b[3] << 24;
  reader->offset += 4;
  return TRUE;
}

static gboolean
truncated (GError     **error,
           const char  *name)
{
  nc_set_file_error (error, NC_ERROR_CORRUPT, name, _("weights file is truncated"));
  return FALSE;
}

static gboolean
get_tensor (Reader      *reader,
            const char  *file,
            const char  *generator,
            const char  *part,
            float       *data,
            guint        rows,
            guint        columns,
            GError     **error)
{
  g_autofree char *expected = g_strdup_printf ("%s.%s", generator, part);
  guint32 name_length, got_rows, got_columns;

  if (!get_u32 (reader, &name_length) || reader->length - reader->offset < name_length)
    return truncated (error, file);
  if (name_length != strlen (expected)
      || memcmp (reader->data + reader->offset, expected, name_length) != 0)
    {
      nc_set_file_error (error, NC_ERROR_CORRUPT, file,
                         _("weights file has tensor “%.*s” where “%s” belongs"),
                         (int) MIN (name_length, 64), reader->data + reader->offset, expected);
      return FALSE;
    }
  reader->offset += name_length;
  if (!get_u32 (reader, &got_rows) || !get_u32 (reader, &got_columns))
    return truncated (error, file);
  if (got_rows != rows || got_columns != columns)
    {
      nc_set_file_error (error, NC_ERROR_CORRUPT, file,
                         _("tensor “%s” is %u × %u, this build's network needs %u × %u"),
                         expected, got_rows, got_columns, rows, columns);
      return FALSE;
    }
  for (gsize i = 0; i < (gsize) rows * columns; i++)
    {
      guint32 bits;

      if (!get_u32 (reader, &bits))
        return truncated (error, file);
      memcpy (&data[i], &bits, 4);
      if (!isfinite (data[i]) || fabsf (data[i]) > WEIGHT_LIMIT)
        {
          nc_set_file_error (error, NC_ERROR_CORRUPT, file,
                             _("tensor “%s” holds an impossible weight (%g)"), expected, (double) data[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * nc_gan_weights_parse:
 * @bytes: a weights file's contents
 * @name: the file's name, for messages
 *
 * Returns: (transfer full) (nullable): the weights, or %NULL with an
 *   error naming @name and what is wrong
 */
NcGanWeights *
nc_gan_weights_parse (GBytes      *bytes,
                      const char  *name,
                      GError     **error)
{
  g_autoptr(NcGanWeights) weights = nc_gan_weights_new ();
  Reader reader = { NULL, 0, 0 };
  guint32 version, provenance_length, n_tensors;
  guint8 digest[32];
  char hex[65];

  reader.data = g_bytes_get_data (bytes, &reader.length);
  if (reader.length == 0)
    {
      nc_set_file_error (error, NC_ERROR_EMPTY, name, _("weights file is empty"));
      return NULL;
    }
  if (reader.length < MAGIC_LENGTH || memcmp (reader.data, MAGIC, MAGIC_LENGTH) != 0)
    {
      nc_set_file_error (error, NC_ERROR_CORRUPT, name, _("is not a Neurocipher weights file"));
      return NULL;
    }
  if (reader.length < MAGIC_LENGTH + 4 + 32)
    { truncated (error, name); return NULL; }
  reader.offset = MAGIC_LENGTH;
  get_u32 (&reader, &version);
  if (version != NC_GAN_WEIGHTS_VERSION)
    {
      nc_set_file_error (error, NC_ERROR_UNSUPPORTED, name,
                         _("weights file version %u is not supported (this build reads version %u)"),
                         version, NC_GAN_WEIGHTS_VERSION);
      return NULL;
    }
  /* The checksum covers everything; check it before trusting any length. */
  reader.length -= 32;
  hex_digest (reader.data, reader.length, digest, hex);
  if (memcmp (digest, reader.data + reader.length, 32) != 0)
    {
      nc_set_file_error (error, NC_ERROR_CORRUPT, name,
                         _("weights file fails its checksum (damaged or truncated)"));
      return NULL;
    }

  if (!get_u32 (&reader, &provenance_length) || reader.length - reader.offset < provenance_length)
    { truncated (error, name); return NULL; }
  if (!g_utf8_validate_len ((const char *) reader.data + reader.offset, provenance_length, NULL))
    {
      nc_set_file_error (error, NC_ERROR_CORRUPT, name, _("weights file's description is not UTF-8"));
      return NULL;
    }
  g_free (weights->provenance);
  weights->provenance = g_strndup ((const char *) reader.data + reader.offset, provenance_length);
  reader.offset += provenance_length;

  if (!get_u32 (&reader, &n_tensors))
    { truncated (error, name); return NULL; }
  if (n_tensors != 4 * N_GENERATORS)
    {
      nc_set_file_error (error, NC_ERROR_CORRUPT, name,
                         _("weights file holds %u tensors, this build's networks have %u"),
                         n_tensors, 4 * N_GENERATORS);
      return NULL;
    }
  for (guint g = 0; g < N_GENERATORS; g++)
    {
      g_autofree char *generator = NULL;
      NcMlp *mlp = generator_at (weights, g, &generator);

      if (!get_tensor (&reader, name, generator, "w1", mlp->w1, mlp->n_hidden, mlp->n_in, error)
          || !get_tensor (&reader, name, generator, "b1", mlp->b1, mlp->n_hidden, 1, error)
          || !get_tensor (&reader, name, generator, "w2", mlp->w2, mlp->n_out, mlp->n_hidden, error)
          || !get_tensor (&reader, name, generator, "b2", mlp->b2, mlp->n_out, 1, error))
        return NULL;
    }
  if (reader.offset != reader.length)
    {
      nc_set_file_error (error, NC_ERROR_CORRUPT, name, _("weights file has %llu unexpected bytes after its tensors"),
                         (unsigned long long) (reader.length - reader.offset));
      return NULL;
    }
  memcpy (weights->checksum, hex, sizeof hex);
  return g_steal_pointer (&weights);
}

NcGanWeights *
nc_gan_weights_load (const char  *path,
                     GError     **error)
{
  g_autoptr(GMappedFile) mapped = nc_file_map (path, error);
  g_autoptr(GBytes) bytes = NULL;

  if (mapped == NULL)
    return NULL;
  bytes = g_mapped_file_get_bytes (mapped);
  return nc_gan_weights_parse (bytes, path, error);
}

gboolean
nc_gan_weights_save (NcGanWeights  *weights,
                     const char    *path,
                     GError       **error)
{
  g_autoptr(GBytes) bytes = nc_gan_weights_serialize (weights);
  gsize length;
  gconstpointer data = g_bytes_get_data (bytes, &length);

  return nc_file_write_atomic (path, data, length, error);
}

/* The shipped weights, parsed once. */
G_LOCK_DEFINE_STATIC (shipped);
static NcGanWeights *shipped_weights;

/**
 * nc_gan_weights_dup_shipped:
 *
 * Returns: (transfer full) (nullable): the weights built into the
 *   library (data/weights/adversarial.ncw)
 */
NcGanWeights *
nc_gan_weights_dup_shipped (GError **error)
{
  NcGanWeights *result = NULL;

  G_LOCK (shipped);
  if (shipped_weights == NULL)
    {
      g_autoptr(GBytes) bytes =
        g_resource_lookup_data (nc_library_get_resource (), SHIPPED_RESOURCE,
                                G_RESOURCE_LOOKUP_FLAGS_NONE, error);

      if (bytes != NULL)
        shipped_weights = nc_gan_weights_parse (bytes, "data/weights/adversarial.ncw", error);
    }
  if (shipped_weights != NULL)
    result = nc_gan_weights_ref (shipped_weights);
  G_UNLOCK (shipped);
  return result;
}

/**
 * nc_gan_weights_dup_for_key:
 * @key: a key of the adversarial engine
 *
 * Returns: (transfer full) (nullable): the weights the engine runs with
 *   @key: those nc_gan_weights_attach() set on it, or the shipped ones
 */
NcGanWeights *
nc_gan_weights_dup_for_key (const NcParams  *key,
                            GError         **error)
{
  NcGanWeights *weights = nc_params_get_network (key);

  return weights != NULL ? nc_gan_weights_ref (weights) : nc_gan_weights_dup_shipped (error);
}

/**
 * nc_gan_weights_attach:
 * @key: a key of the adversarial engine
 * @weights: (nullable): weights to run with @key and its copies; %NULL
 *   for the shipped ones
 */
void
nc_gan_weights_attach (NcParams     *key,
                       NcGanWeights *weights)
{
  nc_params_set_network (key, weights, (GBoxedCopyFunc) nc_gan_weights_ref,
                         (GDestroyNotify) nc_gan_weights_unref);
}
