/* pd-rules-enums.h: enumerations of the rules engine (GTypes in pd-enum-types.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What the checklist says about one item, from worst to best for the user. */
typedef enum {
  PD_CHECKLIST_ITEM_MISSING,
  PD_CHECKLIST_ITEM_EXPIRED,
  PD_CHECKLIST_ITEM_EXPIRES_BEFORE_DECISION,
  PD_CHECKLIST_ITEM_NEEDS_AUTHENTICATION,
  PD_CHECKLIST_ITEM_PROVIDED,
  PD_CHECKLIST_ITEM_OK,
} PdChecklistItemState;

/* How a document must be (or has been) made acceptable. */
typedef enum /*< flags >*/ {
  PD_AUTH_NONE             = 0,
  PD_AUTH_ORIGINAL         = 1 << 0,
  PD_AUTH_COMPANY_SEAL     = 1 << 1,
  PD_AUTH_APOSTILLE        = 1 << 2,
  PD_AUTH_LEGALISATION     = 1 << 3,
  PD_AUTH_TRANSLATION      = 1 << 4,
} PdAuthFlags;

typedef enum {
  PD_EDUCATION_NONE,
  PD_EDUCATION_BACHELOR,
  PD_EDUCATION_MASTER,
  PD_EDUCATION_DOCTORATE,
} PdEducation;

typedef enum {
  PD_RULES_ERROR_IO,
  PD_RULES_ERROR_PARSE,
  PD_RULES_ERROR_INVALID,
  PD_RULES_ERROR_REFERENCE,
  PD_RULES_ERROR_SIGNATURE,
  PD_RULES_ERROR_NOT_NEWER,
  PD_RULES_ERROR_NOT_LOADED,
} PdRulesError;

G_END_DECLS
