/* pd-verdict.h: what verification concluded, layer by layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "pd-code.h"

G_BEGIN_DECLS

typedef enum {
  PD_VERDICT_RESULT_VALID,
  PD_VERDICT_RESULT_CHECK_NEEDED,
  PD_VERDICT_RESULT_INVALID,
} PdVerdictResult;

typedef enum {
  PD_VERDICT_LAYER_FORMAT,
  PD_VERDICT_LAYER_SIGNATURE,
  PD_VERDICT_LAYER_TRUST_CHAIN,
  PD_VERDICT_LAYER_REVOCATION,
  PD_VERDICT_LAYER_VALIDITY,
  PD_VERDICT_LAYER_ONLINE,
  PD_VERDICT_LAYER_FRESHNESS,
} PdVerdictLayer;

#define PD_VERDICT_N_LAYERS (PD_VERDICT_LAYER_FRESHNESS + 1)

typedef enum {
  PD_LAYER_STATE_UNKNOWN,
  PD_LAYER_STATE_PASSED,
  PD_LAYER_STATE_FAILED,
} PdLayerState;

/* The holder's fields, in the order they are shown. */
typedef enum {
  PD_VERDICT_FIELD_NAME_ZH,
  PD_VERDICT_FIELD_NAME_LATIN,
  PD_VERDICT_FIELD_NATIONALITY,
  PD_VERDICT_FIELD_DATE_OF_BIRTH,
  PD_VERDICT_FIELD_PERMIT_NUMBER,
  PD_VERDICT_FIELD_CATEGORY,
  PD_VERDICT_FIELD_EMPLOYER,
  PD_VERDICT_FIELD_VALID_FROM,
  PD_VERDICT_FIELD_VALID_UNTIL,
  PD_VERDICT_FIELD_ISSUED,
} PdVerdictField;

#define PD_VERDICT_N_FIELDS (PD_VERDICT_FIELD_ISSUED + 1)

#define PD_TYPE_VERDICT (pd_verdict_get_type ())
G_DECLARE_FINAL_TYPE (PdVerdict, pd_verdict, PD, VERDICT, GObject)

PdVerdict       *pd_verdict_new                  (PdCode          *code,
                                                  GDateTime       *verified_at);
PdCode          *pd_verdict_get_code             (PdVerdict       *self);
const char      *pd_verdict_get_code_hash        (PdVerdict       *self);
GDateTime       *pd_verdict_get_verified_at      (PdVerdict       *self);
PdVerdictResult  pd_verdict_get_result           (PdVerdict       *self);
const char      *pd_verdict_get_reason           (PdVerdict       *self);
void             pd_verdict_set_layer            (PdVerdict       *self,
                                                  PdVerdictLayer   layer,
                                                  PdLayerState     state,
                                                  gboolean         required,
                                                  const char      *reason);
PdLayerState     pd_verdict_get_layer_state      (PdVerdict       *self,
                                                  PdVerdictLayer   layer);
gboolean         pd_verdict_get_layer_required   (PdVerdict       *self,
                                                  PdVerdictLayer   layer);
const char      *pd_verdict_get_layer_reason     (PdVerdict       *self,
                                                  PdVerdictLayer   layer);
void             pd_verdict_set_field            (PdVerdict       *self,
                                                  PdVerdictField   field,
                                                  const char      *value);
const char      *pd_verdict_get_field            (PdVerdict       *self,
                                                  PdVerdictField   field);
void             pd_verdict_set_trust_updated_at (PdVerdict       *self,
                                                  GDateTime       *updated_at);
GDateTime       *pd_verdict_get_trust_updated_at (PdVerdict       *self);
void             pd_verdict_set_checked_online   (PdVerdict       *self,
                                                  GDateTime       *checked_at);
GDateTime       *pd_verdict_get_checked_online   (PdVerdict       *self);
void             pd_verdict_update_result        (PdVerdict       *self);
char            *pd_verdict_to_json              (PdVerdict       *self);

const char      *pd_verdict_result_to_label      (PdVerdictResult  result);
const char      *pd_verdict_result_to_nick       (PdVerdictResult  result);
const char      *pd_verdict_layer_to_label       (PdVerdictLayer   layer);
const char      *pd_layer_state_to_label         (PdLayerState     state);
const char      *pd_verdict_field_to_label       (PdVerdictField   field);
const char      *pd_verdict_field_to_key         (PdVerdictField   field);

G_END_DECLS
