/* pd-case-index.h: what the HR views need of each case, computed once and cached
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-model.h"
#include "pd-checklist.h"
#include "pd-rules.h"

G_BEGIN_DECLS

/* Basic fields (pd_case_index_get_basic_unchecked()) come from the case, its
 * person and permit: all but next_deadline (the case's own deadline only),
 * completeness (-1) and awaiting_filing (the status only), which a complete
 * summary takes from the checklist, documents and filings too. */
typedef struct {
  const char *search_key;        /* folded names, pinyin, initials, numbers; '\n' between fields */
  const char *name_key;          /* collation key of the person's display name */
  GDate       next_deadline;     /* of the case or of its checklist; invalid when none */
  int         completeness;      /* checklist completeness in percent, -1 without a checklist */
  gboolean    open;              /* neither completed, withdrawn nor rejected */
  gboolean    awaiting_filing;   /* an in-person filing is still to be done */
  gboolean    legacy_to_upgrade; /* holds a legacy card not yet upgraded to the e-SSC */
  /* Copies of the fields the table sorts by, so that a sort reads no object. */
  int         kind;
  int         status;
  const char *city;
  const char *city_key;          /* pd_city_dup_key() of city */
  const char *nationality;
  const char *permit_number;
  guint32     permit_expiry;     /* julian day, 0 when unknown */
  gint64      synced;            /* microseconds since 1970 of the last sync, 0: never */
} PdCaseSummary;

#define PD_TYPE_CASE_INDEX (pd_case_index_get_type ())

G_DECLARE_FINAL_TYPE (PdCaseIndex, pd_case_index, PD, CASE_INDEX, GObject)

PdCaseIndex         *pd_case_index_new            (PdRules     *rules);
PdRules             *pd_case_index_get_rules      (PdCaseIndex *self);
const GDate         *pd_case_index_get_today      (PdCaseIndex *self);
void                 pd_case_index_set_today      (PdCaseIndex *self,
                                                   const GDate *today);
const PdCaseSummary *pd_case_index_get            (PdCaseIndex *self,
                                                   PdCase      *item);
const PdCaseSummary *pd_case_index_get_unchecked (PdCaseIndex *self,
                                                  PdCase      *item);
const PdCaseSummary *pd_case_index_get_basic_unchecked (PdCaseIndex *self,
                                                        PdCase      *item);
void                 pd_case_index_ensure_basic   (PdCaseIndex   *self,
                                                   PdCase *const *items,
                                                   guint          n_items);
guint                pd_case_index_get_n_computed (PdCaseIndex *self);
guint                pd_case_index_get_generation (PdCaseIndex *self);
guint                pd_case_index_warm           (PdCaseIndex *self,
                                                   GListModel  *cases,
                                                   guint        position,
                                                   guint        n_items,
                                                   gboolean     complete);
PdChecklist         *pd_case_index_make_checklist (PdCaseIndex *self,
                                                   PdCase      *item);
PdChecklistQuery    *pd_case_make_checklist_query (PdCase      *item,
                                                   PdRules     *rules,
                                                   const GDate *today);
int                  pd_case_days_until           (const GDate *date,
                                                   const GDate *today);

G_END_DECLS
