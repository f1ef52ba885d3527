/* pd-verdict.c: what verification concluded, layer by layer
 *
 * The overall result is derived from the layers only (pd_verdict_update_result()):
 * any failed layer makes the code INVALID; otherwise a required layer that could not
 * be checked makes it CHECK NEEDED; otherwise it is VALID. The reason shown is the
 * reason of the layer that decided.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-verify"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pd-enum-types.h"
#include "pd-verdict.h"

typedef struct
{
  PdLayerState  state;
  gboolean      required;
  char         *reason;
} Layer;

struct _PdVerdict
{
  GObject          parent_instance;

  PdCode          *code;
  char            *code_hash;
  GDateTime       *verified_at;
  PdVerdictResult  result;
  char            *reason;
  Layer            layers[PD_VERDICT_N_LAYERS];
  char            *fields[PD_VERDICT_N_FIELDS];
  GDateTime       *trust_updated_at;
  GDateTime       *checked_online;
};

G_DEFINE_FINAL_TYPE (PdVerdict, pd_verdict, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RESULT,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_verdict_finalize (GObject *object)
{
  PdVerdict *self = PD_VERDICT (object);

  g_clear_object (&self->code);
  g_free (self->code_hash);
  g_clear_pointer (&self->verified_at, g_date_time_unref);
  g_free (self->reason);
  for (guint i = 0; i < PD_VERDICT_N_LAYERS; i++)
    g_free (self->layers[i].reason);
  for (guint i = 0; i < PD_VERDICT_N_FIELDS; i++)
    g_free (self->fields[i]);
  g_clear_pointer (&self->trust_updated_at, g_date_time_unref);
  g_clear_pointer (&self->checked_online, g_date_time_unref);

  G_OBJECT_CLASS (pd_verdict_parent_class)->finalize (object);
}

static void
pd_verdict_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PdVerdict *self = PD_VERDICT (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      g_value_set_enum (value, self->result);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_verdict_class_init (PdVerdictClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_verdict_finalize;
  object_class->get_property = pd_verdict_get_property;

  /* Changes when the online layer arrives. */
  properties[PROP_RESULT] =
    g_param_spec_enum ("result", NULL, NULL,
                       PD_TYPE_VERDICT_RESULT, PD_VERDICT_RESULT_INVALID,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_verdict_init (PdVerdict *self)
{
  self->result = PD_VERDICT_RESULT_INVALID;
}

/**
 * pd_verdict_new:
 * @code: what was read
 * @verified_at: the verification time
 *
 * Every layer starts UNKNOWN, not required, so an unfinished verdict is never VALID:
 * the format layer is required and must be set to pass.
 *
 * Returns: (transfer full): a new verdict
 */
PdVerdict *
pd_verdict_new (PdCode    *code,
                GDateTime *verified_at)
{
  PdVerdict *self;
  GBytes *bytes;

  g_return_val_if_fail (PD_IS_CODE (code), NULL);
  g_return_val_if_fail (verified_at != NULL, NULL);

  self = g_object_new (PD_TYPE_VERDICT, NULL);
  self->code = g_object_ref (code);
  self->verified_at = g_date_time_ref (verified_at);
  bytes = pd_code_get_bytes (code);
  self->code_hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  self->layers[PD_VERDICT_LAYER_FORMAT].required = TRUE;
  return self;
}

PdCode *
pd_verdict_get_code (PdVerdict *self)
{
  g_return_val_if_fail (PD_IS_VERDICT (self), NULL);
  return self->code;
}

/* The SHA-256 of the code's bytes, in hex: what the audit log keeps of it. */
const char *
pd_verdict_get_code_hash (PdVerdict *self)
{
  g_return_val_if_fail (PD_IS_VERDICT (self), NULL);
  return self->code_hash;
}

GDateTime *
pd_verdict_get_verified_at (PdVerdict *self)
{
  g_return_val_if_fail (PD_IS_VERDICT (self), NULL);
  return self->verified_at;
}

PdVerdictResult
pd_verdict_get_result (PdVerdict *self)
{
  g_return_val_if_fail (PD_IS_VERDICT (self), PD_VERDICT_RESULT_INVALID);
  return self->result;
}

const char *
pd_verdict_get_reason (PdVerdict *self)
{
  g_return_val_if_fail (PD_IS_VERDICT (self), NULL);
  return self->reason;
}

/**
 * pd_verdict_set_layer:
 * @self: a verdict
 * @layer: which check
 * @state: its outcome
 * @required: whether VALID needs this layer to pass (an UNKNOWN required layer
 *   makes the verdict CHECK NEEDED)
 * @reason: one translated line saying why
 *
 * Call pd_verdict_update_result() when done setting layers.
 */
void
pd_verdict_set_layer (PdVerdict      *self,
                      PdVerdictLayer  layer,
                      PdLayerState    state,
                      gboolean        required,
                      const char     *reason)
{
  g_return_if_fail (PD_IS_VERDICT (self));
  g_return_if_fail (layer < PD_VERDICT_N_LAYERS);
  g_return_if_fail (reason != NULL);

  self->layers[layer].state = state;
  self->layers[layer].required = required;
  g_free (self->layers[layer].reason);
  self->layers[layer].reason = g_strdup (reason);
}

PdLayerState
pd_verdict_get_layer_state (PdVerdict      *self,
                            PdVerdictLayer  layer)
{
  g_return_val_if_fail (PD_IS_VERDICT (self), PD_LAYER_STATE_UNKNOWN);
  g_return_val_if_fail (layer < PD_VERDICT_N_LAYERS, PD_LAYER_STATE_UNKNOWN);
  return self->layers[layer].state;
}

gboolean
pd_verdict_get_layer_required (PdVerdict      *self,
                               PdVerdictLayer  layer)
{
  g_return_val_if_fail (PD_IS_VERDICT (self), FALSE);
  g_return_val_if_fail (layer < PD_VERDICT_N_LAYERS, FALSE);
  return self->layers[layer].required;
}

/* Returns: (nullable): the layer's reason, NULL while it was not looked at */
const char *
pd_verdict_get_layer_reason (PdVerdict      *self,
                             PdVerdictLayer  layer)
{
  g_return_val_if_fail (PD_IS_VERDICT (self), NULL);
  g_return_val_if_fail (layer < PD_VERDICT_N_LAYERS, NULL);
  return self->layers[layer].reason;
}

void
pd_verdict_set_field (PdVerdict      *self,
                      PdVerdictField  field,
                      const char     *value)
{
  g_return_if_fail (PD_IS_VERDICT (self));
  g_return_if_fail (field < PD_VERDICT_N_FIELDS);

  g_free (self->fields[field]);
  self->fields[field] = g_strdup (value);
}

/* Returns: (nullable): the holder's field, NULL when the code does not carry it */
const char *
pd_verdict_get_field (PdVerdict      *self,
                      PdVerdictField  field)
{
  g_return_val_if_fail (PD_IS_VERDICT (self), NULL);
  g_return_val_if_fail (field < PD_VERDICT_N_FIELDS, NULL);
  return self->fields[field];
}

void
pd_verdict_set_trust_updated_at (PdVerdict *self,
                                 GDateTime *updated_at)
{
  g_return_if_fail (PD_IS_VERDICT (self));

  g_clear_pointer (&self->trust_updated_at, g_date_time_unref);
  if (updated_at != NULL)
    self->trust_updated_at = g_date_time_ref (updated_at);
}

/* Returns: (nullable): how current the offline trust data was */
GDateTime *
pd_verdict_get_trust_updated_at (PdVerdict *self)
{
  g_return_val_if_fail (PD_IS_VERDICT (self), NULL);
  return self->trust_updated_at;
}

/* Called by an online checker once the portal answered. */
void
pd_verdict_set_checked_online (PdVerdict *self,
                               GDateTime *checked_at)
{
  g_return_if_fail (PD_IS_VERDICT (self));
  g_return_if_fail (checked_at != NULL);

  g_clear_pointer (&self->checked_online, g_date_time_unref);
  self->checked_online = g_date_time_ref (checked_at);
}

/* Returns: (nullable): when the portal confirmed the code, NULL if offline only */
GDateTime *
pd_verdict_get_checked_online (PdVerdict *self)
{
  g_return_val_if_fail (PD_IS_VERDICT (self), NULL);
  return self->checked_online;
}

void
pd_verdict_update_result (PdVerdict *self)
{
  PdVerdictResult result = PD_VERDICT_RESULT_VALID;
  const char *reason = _("The work permit is valid");

  g_return_if_fail (PD_IS_VERDICT (self));

  for (guint i = 0; i < PD_VERDICT_N_LAYERS && result != PD_VERDICT_RESULT_INVALID; i++)
    {
      const Layer *layer = &self->layers[i];

      if (layer->state == PD_LAYER_STATE_FAILED)
        {
          result = PD_VERDICT_RESULT_INVALID;
          reason = layer->reason;
        }
      else if (layer->state == PD_LAYER_STATE_UNKNOWN && layer->required &&
               result == PD_VERDICT_RESULT_VALID)
        {
          result = PD_VERDICT_RESULT_CHECK_NEEDED;
          reason = layer->reason != NULL ? layer->reason : _("Not every check could be made");
        }
    }

  /* Both values are set before either notification goes out. */
  g_object_freeze_notify (G_OBJECT (self));
  if (self->result != result)
    {
      self->result = result;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
    }
  if (g_strcmp0 (self->reason, reason) != 0)
    {
      g_free (self->reason);
      self->reason = g_strdup (reason);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
add_time_member (JsonBuilder *builder,
                 const char  *name,
                 GDateTime   *time)
{
  json_builder_set_member_name (builder, name);
  if (time == NULL)
    json_builder_add_null_value (builder);
  else
    {
      g_autofree char *text = g_date_time_format_iso8601 (time);

      json_builder_add_string_value (builder, text);
    }
}

/**
 * pd_verdict_to_json:
 * @self: a verdict
 *
 * Returns: (transfer full): the verdict as pretty JSON (overall, reason, layers,
 *   fields, provenance), as `permitdesk --verify` prints it
 */
char *
pd_verdict_to_json (PdVerdict *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (PD_IS_VERDICT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "overall");
  json_builder_add_string_value (builder, pd_verdict_result_to_nick (self->result));
  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder, self->reason);

  json_builder_set_member_name (builder, "layers");
  json_builder_begin_object (builder);
  for (guint i = 0; i < PD_VERDICT_N_LAYERS; i++)
    {
      static const char * const keys[] = { "format", "signature", "trust_chain", "revocation",
                                           "validity", "online", "freshness" };
      static const char * const states[] = { "unknown", "passed", "failed" };

      json_builder_set_member_name (builder, keys[i]);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, states[self->layers[i].state]);
      json_builder_set_member_name (builder, "required");
      json_builder_add_boolean_value (builder, self->layers[i].required);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, self->layers[i].reason ? self->layers[i].reason : "");
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  for (guint i = 0; i < PD_VERDICT_N_FIELDS; i++)
    if (self->fields[i] != NULL)
      {
        json_builder_set_member_name (builder, pd_verdict_field_to_key (i));
        json_builder_add_string_value (builder, self->fields[i]);
      }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "code_sha256");
  json_builder_add_string_value (builder, self->code_hash);
  add_time_member (builder, "verified_at", self->verified_at);
  add_time_member (builder, "trust_updated_at", self->trust_updated_at);
  add_time_member (builder, "checked_online", self->checked_online);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

const char *
pd_verdict_result_to_label (PdVerdictResult result)
{
  switch (result)
    {
    case PD_VERDICT_RESULT_VALID:
      return _("Valid");
    case PD_VERDICT_RESULT_CHECK_NEEDED:
      return _("Check needed");
    case PD_VERDICT_RESULT_INVALID:
      return _("Invalid");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Untranslated, stable: for JSON and the audit log. */
const char *
pd_verdict_result_to_nick (PdVerdictResult result)
{
  switch (result)
    {
    case PD_VERDICT_RESULT_VALID:
      return "valid";
    case PD_VERDICT_RESULT_CHECK_NEEDED:
      return "check-needed";
    case PD_VERDICT_RESULT_INVALID:
      return "invalid";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
pd_verdict_layer_to_label (PdVerdictLayer layer)
{
  switch (layer)
    {
    case PD_VERDICT_LAYER_FORMAT:
      return _("Format");
    case PD_VERDICT_LAYER_SIGNATURE:
      return _("Signature");
    case PD_VERDICT_LAYER_TRUST_CHAIN:
      return _("Issuing authority");
    case PD_VERDICT_LAYER_REVOCATION:
      return _("Revocation");
    case PD_VERDICT_LAYER_VALIDITY:
      return _("Validity dates");
    case PD_VERDICT_LAYER_ONLINE:
      return _("Online status");
    case PD_VERDICT_LAYER_FRESHNESS:
      return _("Trust data freshness");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
pd_layer_state_to_label (PdLayerState state)
{
  switch (state)
    {
    case PD_LAYER_STATE_UNKNOWN:
      return _("Not confirmed");
    case PD_LAYER_STATE_PASSED:
      return _("Passed");
    case PD_LAYER_STATE_FAILED:
      return _("Failed");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
pd_verdict_field_to_label (PdVerdictField field)
{
  switch (field)
    {
    case PD_VERDICT_FIELD_NAME_ZH:
      return _("Name (Chinese)");
    case PD_VERDICT_FIELD_NAME_LATIN:
      return _("Name");
    case PD_VERDICT_FIELD_NATIONALITY:
      return _("Nationality");
    case PD_VERDICT_FIELD_DATE_OF_BIRTH:
      return _("Date of birth");
    case PD_VERDICT_FIELD_PERMIT_NUMBER:
      return _("Permit number");
    case PD_VERDICT_FIELD_CATEGORY:
      return _("Category");
    case PD_VERDICT_FIELD_EMPLOYER:
      return _("Employer");
    case PD_VERDICT_FIELD_VALID_FROM:
      return _("Valid from");
    case PD_VERDICT_FIELD_VALID_UNTIL:
      return _("Valid until");
    case PD_VERDICT_FIELD_ISSUED:
      return _("Issued");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Untranslated JSON member names. */
const char *
pd_verdict_field_to_key (PdVerdictField field)
{
  static const char * const keys[] = {
    "name_zh", "name_latin", "nationality", "date_of_birth", "permit_number",
    "category", "employer", "valid_from", "valid_until", "issued",
  };

  g_return_val_if_fail (field < PD_VERDICT_N_FIELDS, NULL);
  return keys[field];
}
