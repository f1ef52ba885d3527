/* pd-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-audit-log.h"
#include "pd-portal-client.h"
#include "pd-rules.h"
#include "pd-sync-engine.h"
#include "pd-types.h"
#include "pd-verifier.h"

G_BEGIN_DECLS

#define PD_TYPE_APPLICATION (pd_application_get_type ())

G_DECLARE_FINAL_TYPE (PdApplication, pd_application, PD, APPLICATION, AdwApplication)

PdApplication *pd_application_new          (const char    *application_id);
GSettings     *pd_application_get_settings    (PdApplication *self);
PdStore       *pd_application_get_store       (PdApplication *self);
const GError  *pd_application_get_store_error (PdApplication *self);
PdVerifier    *pd_application_get_verifier    (PdApplication *self);
PdAuditLog    *pd_application_get_audit_log   (PdApplication *self);
PdSyncEngine  *pd_application_get_sync_engine (PdApplication *self);
gboolean       pd_application_export_audit_log (PdApplication  *self,
                                                const char     *path,
                                                char          **warning,
                                                GError        **error);
PdPortalClient *pd_application_get_portal_client (PdApplication *self);
PdRules       *pd_application_get_rules       (PdApplication *self);
const GError  *pd_application_get_rules_error (PdApplication *self);
PdRules       *pd_application_dup_default_rules (GError     **error);

G_END_DECLS
