/* pd-rules.h: the rule sets in force (documents, deadlines, city profiles, holidays)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-json-schema.h"
#include "pd-rules-enums.h"
#include "pd-work-calendar.h"

G_BEGIN_DECLS

#define PD_RULES_ERROR (pd_rules_error_quark ())
GQuark pd_rules_error_quark (void);

#define PD_TYPE_RULES (pd_rules_get_type ())
G_DECLARE_FINAL_TYPE (PdRules, pd_rules, PD, RULES, GObject)

/* Verifies @signature over @json (e.g. with the trust store); FALSE and @error when bad. */
typedef gboolean (*PdRulesSignatureCheck) (GBytes    *json,
                                           GBytes    *signature,
                                           gpointer   user_data,
                                           GError   **error);

const char     *pd_rules_get_default_dir (void);
PdRules        *pd_rules_new             (const char             *dir);
const char     *pd_rules_get_dir         (PdRules                *self);
void            pd_rules_set_user_dir    (PdRules                *self,
                                          const char             *dir,
                                          PdRulesSignatureCheck   check,
                                          gpointer                data,
                                          GDestroyNotify          destroy);
const char     *pd_rules_get_user_dir    (PdRules                *self);
int             pd_rules_compare_versions (const char            *a,
                                          const char             *b);
gboolean        pd_rules_reload          (PdRules                *self,
                                          GError                **error);
gboolean        pd_rules_load_signed     (PdRules                *self,
                                          GBytes                 *json,
                                          GBytes                 *signature,
                                          PdRulesSignatureCheck   check,
                                          gpointer                data,
                                          GError                **error);
gboolean        pd_rules_is_loaded       (PdRules                *self);
const char     *pd_rules_get_version     (PdRules                *self);
const char     *pd_rules_get_set_version (PdRules                *self,
                                          const char             *set_id);
const char     *pd_rules_get_language    (PdRules                *self);
void            pd_rules_set_language    (PdRules                *self,
                                          const char             *language);
GPtrArray      *pd_rules_diff            (PdRules                *old_rules,
                                          PdRules                *new_rules);
GPtrArray      *pd_rules_get_changes     (PdRules                *self);
guint           pd_rules_get_n_sources   (PdRules                *self);
void            pd_rules_get_source      (PdRules                *self,
                                          guint                   position,
                                          const char            **title,
                                          const char            **url);
guint           pd_rules_get_n_cities    (PdRules                *self);
const char     *pd_rules_get_city_id     (PdRules                *self,
                                          guint                   position);
const char     *pd_rules_get_city_name   (PdRules                *self,
                                          guint                   position);
gboolean        pd_rules_is_hague_member (PdRules                *self,
                                          const char             *alpha3);
PdWorkCalendar *pd_rules_get_calendar    (PdRules                *self);
gboolean        pd_rules_validate_file   (const char             *schema_path,
                                          const char             *path,
                                          GError                **error);

G_END_DECLS
