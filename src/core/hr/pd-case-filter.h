/* pd-case-filter.h: which cases the HR table shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-case-index.h"

G_BEGIN_DECLS

typedef struct {
  char     *text;                /* search text, NULL or empty: any */
  int       kind;                /* a PdCaseKind, -1: any */
  int       status;              /* a PdCaseStatus, -1: any */
  char     *city;                /* NULL: any; set with pd_case_filter_set_city() */
  char     *city_key;            /* pd_city_dup_key() of city: the same city however typed */
  int       due_within_days;     /* -1: off */
  gboolean  overdue;
  gboolean  awaiting_filing;
  gboolean  legacy_to_upgrade;
} PdCaseFilter;

#define PD_TYPE_CASE_FILTER (pd_case_filter_get_type ())

GType         pd_case_filter_get_type     (void) G_GNUC_CONST;
PdCaseFilter *pd_case_filter_new          (void);
PdCaseFilter *pd_case_filter_copy         (const PdCaseFilter *filter);
void          pd_case_filter_free         (PdCaseFilter       *filter);
gboolean      pd_case_filter_equal        (const PdCaseFilter *a,
                                           const PdCaseFilter *b);
gboolean      pd_case_filter_is_empty     (const PdCaseFilter *filter);
void          pd_case_filter_set_text     (PdCaseFilter       *filter,
                                           const char         *text);
void          pd_case_filter_set_city     (PdCaseFilter       *filter,
                                           const char         *city);
gboolean      pd_case_filter_needs_checklist (const PdCaseFilter *filter);
gboolean      pd_case_filter_matches      (const PdCaseFilter  *filter,
                                           const char          *folded_text,
                                           const PdCaseSummary *summary,
                                           const GDate         *today);
GVariant     *pd_case_filter_to_variant   (const PdCaseFilter *filter);
PdCaseFilter *pd_case_filter_new_from_variant (GVariant       *variant);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdCaseFilter, pd_case_filter_free)

G_END_DECLS
