/* pd-checklist-private.h: the checklist structure, shared by its builder, JSON and PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-checklist.h"
#include "pd-rules-private.h"

G_BEGIN_DECLS

struct _PdChecklist
{
  PdCaseKind    kind;
  PdRulesData  *data;      /* holds the rule strings items point to; NULL when loaded */
  GStringChunk *strings;   /* holds them instead for a checklist read from JSON */
  const char   *rules_version;
  GArray       *items;     /* PdChecklistItem */
  GArray       *deadlines; /* PdDeadline */
  PdFilingRequirement      filing;
  gboolean      has_filing;
  double        completeness;
};

PdChecklist *pd_checklist_new_empty (PdCaseKind kind);
const char  *pd_document_group_title (const char *group);
void         pd_checklist_update_completeness (PdChecklist *self);

G_END_DECLS
