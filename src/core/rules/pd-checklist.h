/* pd-checklist.h: the documents and deadlines of one case, made from the rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "pd-enums.h"
#include "pd-rules.h"

G_BEGIN_DECLS

/* A document the person already has. */
typedef struct {
  char        *key;
  GDate        issued;     /* invalid when unknown; validity counts from here */
  GDate        expires;    /* invalid when unknown or when it does not expire */
  PdAuthFlags  auth;
  char        *sha256;     /* of the attached file, NULL when no file is attached */
  char        *file;       /* path of the attached file, or NULL */
} PdProvidedDocument;

/* The answers that select a checklist; an invalid GDate means "not known". */
typedef struct {
  PdCaseKind        kind;
  char             *city;           /* city id of the rules, NULL: national rules */
  PdPermitCategory  category;
  char             *nationality;    /* ISO 3166-1 alpha-3 */
  gboolean          in_china;
  int               age;            /* years, -1 when unknown */
  gboolean          legacy_card;
  GDate             valid_until;    /* current permit */
  GDate             entry_date;
  GDate             decision_date;  /* approval, or the expected decision */
  GDate             event_date;     /* the change, or the end of employment */
  GHashTable       *documents;      /* key → PdProvidedDocument* */
} PdChecklistQuery;

typedef struct {
  const char           *key;
  const char           *title;
  const char           *explanation;
  const char           *group;
  const char           *group_title;
  gboolean              required;
  gboolean              conditional;
  PdAuthFlags           auth_needed;
  PdChecklistItemState  state;
  GDate                 expires;    /* of the document at hand, when known */
  const char           *source_title;
  const char           *source_url;
  gboolean              confirmed;
} PdChecklistItem;

typedef struct {
  const char *key;
  const char *title;
  GDate       date;
  gboolean    window_start;   /* "from" this date rather than "by" it */
  gboolean    overdue;
  gboolean    due_soon;
  const char *source_title;
  const char *source_url;
  gboolean    confirmed;      /* FALSE when the rule or the year's holidays are not confirmed */
} PdDeadline;

typedef struct {
  const char *city;
  const char *office;
  const char *address;
  GPtrArray  *bring;          /* const char* */
  const char *source_title;
  const char *source_url;
  gboolean    confirmed;
} PdFilingRequirement;

#define PD_TYPE_CHECKLIST_QUERY (pd_checklist_query_get_type ())
#define PD_TYPE_CHECKLIST (pd_checklist_get_type ())

typedef struct _PdChecklist PdChecklist;

GType               pd_checklist_query_get_type       (void) G_GNUC_CONST;
PdChecklistQuery   *pd_checklist_query_new            (PdCaseKind               kind);
PdChecklistQuery   *pd_checklist_query_copy           (const PdChecklistQuery  *query);
void                pd_checklist_query_free           (PdChecklistQuery        *query);
void                pd_checklist_query_set_birth_date (PdChecklistQuery        *query,
                                                       const GDate             *birth,
                                                       const GDate             *today);
PdProvidedDocument *pd_checklist_query_provide        (PdChecklistQuery        *query,
                                                       const char              *key);
void                pd_checklist_query_withdraw       (PdChecklistQuery        *query,
                                                       const char              *key);

GType               pd_checklist_get_type             (void) G_GNUC_CONST;
PdChecklist        *pd_checklist_ref                  (PdChecklist             *self);
void                pd_checklist_unref                (PdChecklist             *self);
PdChecklist        *pd_rules_make_checklist           (PdRules                 *rules,
                                                       const PdChecklistQuery  *query,
                                                       const GDate             *today);
PdCaseKind          pd_checklist_get_kind             (PdChecklist             *self);
const char         *pd_checklist_get_rules_version    (PdChecklist             *self);
guint               pd_checklist_get_n_items          (PdChecklist             *self);
const PdChecklistItem *pd_checklist_get_item          (PdChecklist             *self,
                                                       guint                    position);
const PdChecklistItem *pd_checklist_find_item         (PdChecklist             *self,
                                                       const char              *key);
double              pd_checklist_get_completeness     (PdChecklist             *self);
guint               pd_checklist_get_n_deadlines      (PdChecklist             *self);
const PdDeadline   *pd_checklist_get_deadline         (PdChecklist             *self,
                                                       guint                    position);
const PdFilingRequirement     *pd_checklist_get_filing           (PdChecklist             *self);

const char         *pd_checklist_item_state_to_string (PdChecklistItemState     state);
const char         *pd_checklist_item_state_describe  (PdChecklistItemState     state);
char               *pd_auth_flags_describe            (PdAuthFlags              flags);
const char         *pd_case_kind_to_string            (PdCaseKind               kind);
gboolean            pd_case_kind_from_string          (const char              *text,
                                                       PdCaseKind              *kind);

GBytes             *pd_checklist_to_json              (PdChecklist             *self,
                                                       const PdChecklistQuery  *query);
gboolean            pd_checklist_save_json            (PdChecklist             *self,
                                                       const PdChecklistQuery  *query,
                                                       const char              *path,
                                                       GError                 **error);
PdChecklist        *pd_checklist_load_json            (const char              *path,
                                                       PdChecklistQuery       **query,
                                                       GError                 **error);
PdChecklistQuery   *pd_checklist_query_from_json      (GBytes                  *json,
                                                       GError                 **error);
GBytes             *pd_checklist_query_to_json        (const PdChecklistQuery  *query);

int                 pd_checklist_count_pages          (PdChecklist             *self,
                                                       cairo_t                 *cr,
                                                       double                   width,
                                                       double                   height);
void                pd_checklist_draw_page            (PdChecklist             *self,
                                                       cairo_t                 *cr,
                                                       double                   width,
                                                       double                   height,
                                                       int                      page);
gboolean            pd_checklist_export_pdf           (PdChecklist             *self,
                                                       const char              *path,
                                                       GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdChecklistQuery, pd_checklist_query_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdChecklist, pd_checklist_unref)

G_END_DECLS
