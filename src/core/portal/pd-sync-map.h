/* pd-sync-map.h: PdCase, PdPerson, PdEmployer and PdPermit to the portal's JSON and back
 * (private to the sync engine)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pd-model.h"

G_BEGIN_DECLS

JsonObject *pd_sync_map_case_payload   (PdCase      *item);
JsonObject *pd_sync_map_person_payload (PdPerson    *person,
                                        const char  *employer_id,
                                        JsonObject  *known);
void        pd_sync_map_apply_case     (PdCase      *item,
                                        JsonObject  *wire);
PdPerson   *pd_sync_map_new_person     (const char  *local_id,
                                        JsonObject  *wire);
PdEmployer *pd_sync_map_new_employer   (const char  *local_id,
                                        JsonObject  *wire);
PdPermit   *pd_sync_map_new_permit     (JsonObject  *wire);
gboolean    pd_sync_map_member_equal   (JsonObject  *a,
                                        JsonObject  *b,
                                        const char  *member);
gboolean    pd_sync_map_contains       (JsonObject  *whole,
                                        JsonObject  *part);
char       *pd_sync_map_to_string      (JsonObject  *object);
JsonObject *pd_sync_map_from_string    (const char  *text);

G_END_DECLS
