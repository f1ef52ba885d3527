/* pd-case.h: one permit application for one person, of one kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-types.h"
#include "pd-document.h"
#include "pd-employer.h"
#include "pd-filing.h"
#include "pd-labels.h"
#include "pd-permit.h"
#include "pd-person.h"

G_BEGIN_DECLS

#define PD_TYPE_CASE (pd_case_get_type ())

G_DECLARE_FINAL_TYPE (PdCase, pd_case, PD, CASE, GObject)

PdCase           *pd_case_new               (PdCaseKind  kind);
PdCase           *pd_case_copy              (PdCase *self);
gboolean          pd_case_equal             (PdCase *self,
                                             PdCase *other);
const char       *pd_case_get_id            (PdCase *self);
PdCaseKind        pd_case_get_kind          (PdCase *self);
void              pd_case_set_kind          (PdCase     *self,
                                             PdCaseKind  kind);
PdCaseStatus      pd_case_get_status        (PdCase *self);
void              pd_case_set_status        (PdCase       *self,
                                             PdCaseStatus  status);
const char       *pd_case_get_city          (PdCase *self);
void              pd_case_set_city          (PdCase     *self,
                                             const char *city);
PdPermitCategory  pd_case_get_category      (PdCase *self);
void              pd_case_set_category      (PdCase           *self,
                                             PdPermitCategory  category);
PdPerson         *pd_case_get_person        (PdCase *self);
void              pd_case_set_person        (PdCase   *self,
                                             PdPerson *person);
PdEmployer       *pd_case_get_employer      (PdCase *self);
void              pd_case_set_employer      (PdCase     *self,
                                             PdEmployer *employer);
PdPermit         *pd_case_get_permit        (PdCase *self);
void              pd_case_set_permit        (PdCase   *self,
                                             PdPermit *permit);
gboolean          pd_case_get_legacy_card   (PdCase *self);
void              pd_case_set_legacy_card   (PdCase   *self,
                                             gboolean  legacy_card);
GDate            *pd_case_get_submitted_on  (PdCase *self);
void              pd_case_set_submitted_on  (PdCase      *self,
                                             const GDate *submitted_on);
GDate            *pd_case_get_next_deadline (PdCase *self);
void              pd_case_set_next_deadline (PdCase      *self,
                                             const GDate *next_deadline);
const char       *pd_case_get_notes         (PdCase *self);
void              pd_case_set_notes         (PdCase     *self,
                                             const char *notes);
const char       *pd_case_get_remote_id     (PdCase *self);
void              pd_case_set_remote_id     (PdCase     *self,
                                             const char *remote_id);
gint64            pd_case_get_version       (PdCase *self);
void              pd_case_set_version       (PdCase *self,
                                             gint64  version);
GDateTime        *pd_case_get_created_at    (PdCase *self);
void              pd_case_set_created_at    (PdCase    *self,
                                             GDateTime *created_at);
GDateTime        *pd_case_get_updated_at    (PdCase *self);
void              pd_case_set_updated_at    (PdCase    *self,
                                             GDateTime *updated_at);
gboolean          pd_case_get_is_demo       (PdCase *self);
void              pd_case_set_is_demo       (PdCase   *self,
                                             gboolean  is_demo);

GListModel       *pd_case_get_documents     (PdCase     *self);
void              pd_case_add_document      (PdCase     *self,
                                             PdDocument *document);
gboolean          pd_case_remove_document   (PdCase     *self,
                                             PdDocument *document);
GListModel       *pd_case_get_filings       (PdCase   *self);
void              pd_case_add_filing        (PdCase   *self,
                                             PdFiling *filing);
gboolean          pd_case_remove_filing     (PdCase   *self,
                                             PdFiling *filing);
void              pd_case_apply             (PdCase *self,
                                             PdCase *edited);
guint             pd_case_get_stamp         (PdCase *self);
guint             pd_case_get_change_count  (void);
gpointer          pd_case_get_cache         (PdCase *self);
void              pd_case_set_cache         (PdCase         *self,
                                             gpointer        cache,
                                             GDestroyNotify  destroy);
int               pd_case_compare_by_deadline (gconstpointer a,
                                               gconstpointer b,
                                               gpointer      user_data);

G_END_DECLS
