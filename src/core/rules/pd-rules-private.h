/* pd-rules-private.h: the compiled form of loaded rule sets, shared by the engine parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pd-enums.h"
#include "pd-rules.h"

G_BEGIN_DECLS

#define PD_N_CASE_KINDS (PD_CASE_KIND_RESIDENCE_PERMIT + 1)

typedef struct {
  char *en;
  char *zh;
} PdText;

typedef struct {
  char   *id;
  PdText  title;
  char   *url;
} PdRuleSource;

typedef struct {
  char               *key;
  char               *group;
  PdText              title;
  PdText              explanation;
  int                 validity_months;   /* 0: does not expire by age */
  gboolean            foreign_issued;
  const PdRuleSource *source;
  gboolean            confirmed;
} PdRuleDocument;

/* -1 in a tri-state field means "any". */
typedef struct {
  guint categories;      /* bit (1 << PdPermitCategory); 0: any */
  int   hague_member;
  int   in_china;
  int   legacy_card;
  int   age_min;
  int   age_max;
} PdRuleCondition;

/* Authentication a rule asks for before it is resolved for a nationality. */
#define PD_RULE_AUTH_APOSTILLE_OR_LEGALISATION (1u << 16)

typedef struct {
  const PdRuleDocument *document;
  gboolean              required;
  gboolean              conditional;
  PdRuleCondition       when;
  guint                 auth;
  const PdRuleSource   *source;
  gboolean              confirmed;
} PdRuleItem;

typedef enum {
  PD_ANCHOR_PERMIT_VALID_UNTIL,
  PD_ANCHOR_ENTRY_DATE,
  PD_ANCHOR_DECISION_DATE,
  PD_ANCHOR_EVENT_DATE,
} PdAnchor;

typedef struct {
  char               *key;
  PdText              title;
  PdAnchor            anchor;
  int                 offset;
  gboolean            working_days;
  gboolean            window_start;
  gboolean            roll_to_working_day;
  const PdRuleSource *source;
  gboolean            confirmed;
} PdRuleDeadline;

typedef struct {
  gboolean  defined;
  GArray   *items;       /* PdRuleItem */
  GArray   *deadlines;   /* PdRuleDeadline */
} PdRuleCase;

typedef struct {
  char               *id;
  PdText              name;
  gboolean            filing_required;
  guint               filing_kinds;     /* bit (1 << PdCaseKind) */
  PdText              office;
  PdText              address;
  GArray             *bring;            /* PdText */
  const PdRuleSource *source;
  gboolean            confirmed;
} PdRuleCity;

typedef struct {
  double min;
  double max;        /* < 0: open */
  int    points;
} PdPointsBand;

typedef struct {
  gboolean            defined;
  const PdRuleSource *source;
  gboolean            confirmed;
  int                 threshold_a;
  int                 threshold_b;
  GArray             *salary;          /* PdPointsBand */
  int                 education[PD_EDUCATION_DOCTORATE + 1];
  int                 experience_per_year;
  int                 experience_min_years;
  int                 experience_max;
  GArray             *months_in_china; /* PdPointsBand */
  int                 hsk_per_level;
  int                 hsk_max;
  GArray             *age;             /* PdPointsBand */
  int                 bonus_each;
  int                 bonus_max;
} PdPointsTable;

typedef struct {
  char      *id;
  char      *version;
  GDate      effective;
  PdText     title;
  char      *path;         /* file it came from, or NULL when it came from the portal */
  gboolean   signed_set;
  GPtrArray *sources;      /* PdRuleSource* */
  JsonNode  *root;         /* kept so that a rebuild needs no new parse */
} PdRuleSet;

/* Everything loaded, immutable once built; a checklist keeps a reference so that
 * its strings stay valid across a reload. */
typedef struct {
  GPtrArray       *sets;        /* PdRuleSet*, sorted by id */
  GHashTable      *documents;   /* key → PdRuleDocument* */
  GPtrArray       *document_list;
  PdRuleCase       cases[PD_N_CASE_KINDS];
  GHashTable      *cities;      /* id → PdRuleCity* */
  GPtrArray       *city_list;
  GHashTable      *hague;       /* alpha-3 → itself */
  const PdRuleSource *hague_source;
  gboolean         hague_confirmed;
  PdWorkCalendar  *calendar;
  PdPointsTable    points;
  int              due_soon_days;
  char            *version;     /* "cn-national 2025.1, ..." */
} PdRulesData;

PdRulesData *pd_rules_data_build   (GPtrArray   *sets,
                                    GError     **error);
PdRulesData *pd_rules_data_ref     (PdRulesData *data);
void         pd_rules_data_unref   (PdRulesData *data);
PdRuleSet   *pd_rule_set_parse     (PdJsonSchema *schema,
                                    GBytes      *json,
                                    const char  *path,
                                    GError     **error);
void         pd_rule_set_free      (PdRuleSet   *set);
GPtrArray   *pd_rules_data_diff    (PdRulesData *old_data,
                                    PdRulesData *new_data,
                                    gboolean     chinese);

static inline const char *
pd_text_get (const PdText *text,
             gboolean      chinese)
{
  return chinese ? text->zh : text->en;
}

static inline gboolean
pd_text_equal (const PdText *a,
               const PdText *b)
{
  return g_strcmp0 (a->en, b->en) == 0 && g_strcmp0 (a->zh, b->zh) == 0;
}

guint32      pd_work_calendar_add_julian (PdWorkCalendar *cal,
                                          guint32         julian,
                                          int             n);
guint32      pd_work_calendar_roll_julian (PdWorkCalendar *cal,
                                           guint32         julian);
const char  *pd_case_kind_title    (int          kind);

PdRulesData *pd_rules_get_data     (PdRules *self);
gboolean     pd_rules_is_chinese   (PdRules *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdRuleSet, pd_rule_set_free)

G_END_DECLS
